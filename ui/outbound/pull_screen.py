"""The full-screen red "PULL FOR INSPECTION" stop: a parcel customs chose for inspection (receipt 500).

It covers the whole screen until the packer scans the order (or waybill) again — proof the goods are in hand
for the inspection area — or presses Esc; the order is already on the inspection pull list. Any other scan is
refused with the error sound.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.outbound.words import fmt
from ui.widgets.scan_bar import ScanBar
from ui.widgets.sound import SoundPlayer
from ui.widgets.station import big_label, scanned_code

RED = "#b71c1c"


class PullScreen(QDialog):
    """Shown with `pull(order_no)`; `sig_acknowledged(order_no)` once the packer confirmed the pull."""

    sig_acknowledged = Signal(str)  # the order whose goods go to the inspection area

    def __init__(self, parent: QWidget | None = None, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pull_for_inspection")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setModal(True)
        self.setStyleSheet(f"QDialog#pull_for_inspection {{ background: {RED}; }} QLabel {{ color: #ffffff; }}")
        self.sounds = sounds if sounds is not None else SoundPlayer(self)
        self.order_no = ""
        self.codes: set[str] = set()
        self.headline = big_label(4.0, name="pull_headline")
        self.order = big_label(3.0, name="pull_order")
        self.instruction = big_label(1.8, name="pull_instruction", bold=False)
        self.scan_bar = ScanBar(self)
        self.scan_bar.setStyleSheet("background: #ffffff; color: #000000;")
        for label in (self.headline, self.order, self.instruction):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addWidget(self.order)
        layout.addWidget(self.instruction)
        layout.addStretch(1)
        layout.addWidget(self.scan_bar)
        self.scan_bar.sig_scanned.connect(self.scanned)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.headline.setText(self.tr("PULL FOR INSPECTION"))
        self.order.setText(fmt(self.tr("Order %1 is under customs inspection (500)"), self.order_no))
        self.scan_bar.setPlaceholderText(self.tr("scan the order or waybill again"))
        self.instruction.setText(self.tr("Do not pack it. Take its goods to the inspection area, then scan the "
                                         "order or waybill again to confirm."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def pull(self, order_no: str, codes: tuple[str, ...] = ()) -> None:
        """Cover the screen for `order_no`; scanning it (or one of `codes`, its waybill) lifts the stop."""
        self.order_no = order_no
        self.codes = {order_no, *codes}
        self.retranslate_ui()
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.scan_bar.setFocus()
        self.sounds.play("error")

    @Slot(str)
    def scanned(self, raw: str) -> None:
        """A scan while the stop is up (typed here, or from the bench's serial scanner)."""
        if scanned_code(raw) in self.codes:
            self.accept()
        else:
            self.sounds.play("error")

    def accept(self) -> None:
        super().accept()
        self.sig_acknowledged.emit(self.order_no)

    def reject(self) -> None:  # Esc lifts the stop too
        super().reject()
        self.sig_acknowledged.emit(self.order_no)
