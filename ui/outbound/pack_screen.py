"""The pack station: scan the order or waybill, then every unit (the contents checklist), then weigh and pack.

The weight is the scale's stable weight, shown live, or typed (F7); F9 packs, the waybill label and packing
list go to the print queue and the label is previewed (F8 reprints it); F4 undoes the last unit; Esc puts the
parcel aside. An order under inspection (500) stops the bench with
the full-screen red pull screen. Scans go to app.outbound.pack_station.PackStation.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRegularExpression, Qt, Slot
from PySide6.QtGui import QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.devices.scale import ScaleError
from app.documents.registry import produce
from app.outbound.pack_station import PackStation
from app.outbound.packing import PackOrder, Unit
from app.stations import Feedback, Tone
from ui.outbound.pull_screen import PullScreen
from ui.outbound.texts import FEEDBACK, present
from ui.outbound.words import fmt
from ui.shell.screen import heading
from ui.widgets.sound import SoundPlayer
from ui.widgets.station import StationScreen, big_label, panel, scanned_code
from ui.widgets.tables import GREEN, column_texts, fill, fit, grid

if TYPE_CHECKING:
    from ui.context import AppContext

PREVIEW_WIDTH = 200
PREVIEW_HEIGHT = 180  # the station fits 1366×768 with a label shown (a 100×150 mm label at full width is 300 px)


class PackScreen(StationScreen):
    """`station` runs on the DB thread only; the screen shows the snapshot (order, units) of the last step."""

    area = "pack"

    def __init__(self, ctx: AppContext, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(ctx, sounds=sounds)
        self.station = PackStation(ctx.uow)
        self.order: PackOrder | None = None
        self.units: list[Unit] = []
        self.scale_weight: Decimal | None = None
        self._listening = False  # waiting for the scale's answer to a weigh()
        self.packed: dict[str, Any] | None = None
        self.title = heading()
        self.order_line = big_label(2.0, name="pack_order")
        self.contents = grid("pack_contents", 6)
        self.scale_label, self.scale_value = QLabel(), big_label(3.0, name="scale_weight")
        self.weight = QLineEdit(objectName="typed_weight")
        self.weight.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}([.,]\d{0,3})?")))
        self.weight_label = QLabel(buddy=self.weight)
        self.pack_button = self.action_button("pack_parcel", "finish")
        self.undo_button = self.action_button("undo_unit", "undo")
        self.aside_button = self.action_button("put_aside", "clear")
        self.reprint_button = self.action_button("reprint_label", "document")
        self.preview = QLabel(objectName="label_preview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedWidth(PREVIEW_WIDTH + 8)
        self.pull_screen = PullScreen(self, sounds=self.banner.sounds)
        self._lay_out()
        self.weight.returnPressed.connect(self.pack)
        self.hub.sig_weight.connect(self.on_weight)
        self.hub.sig_status_changed.connect(self._show_scale)
        self.retranslate_ui()
        self.say("scan_order", "Scan the order or waybill, then every unit")  # the banner was blank until a scan

    def _lay_out(self) -> None:
        order = panel(self, "pack_order_panel")
        left = QVBoxLayout(order)
        left.addWidget(self.order_line)
        left.addWidget(self.contents, 1)
        weigh = panel(self, "pack_weight_panel")
        right = QGridLayout(weigh)
        right.addWidget(self.scale_label, 0, 0, 1, 2)
        right.addWidget(self.scale_value, 1, 0, 1, 2)
        right.addWidget(self.weight_label, 2, 0)
        right.addWidget(self.weight, 2, 1)
        right.addWidget(self.pack_button, 3, 0, 1, 2)
        right.addWidget(self.preview, 4, 0, 1, 2)
        right.addWidget(self.reprint_button, 5, 0, 1, 2)
        right.setRowStretch(4, 1)
        middle = QHBoxLayout()
        middle.addWidget(order, 1)
        middle.addWidget(weigh)
        keys = QHBoxLayout()
        keys.addWidget(self.undo_button)
        keys.addWidget(self.aside_button)
        keys.addWidget(self.retry_button)
        keys.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scan_bar)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(keys)

    def retranslate_ui(self) -> None:
        self.retranslate_station()
        self.title.setText(self.tr("Pack station"))
        self.scan_bar.setPlaceholderText(self.tr("scan the order or waybill, then every unit"))
        self.contents.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Name"), self.tr("Batches"),
                                                 self.tr("In the order"), self.tr("Checked"), self.tr("Done")])
        self.weight_label.setText(self.tr("&Typed weight (kg, F7):"))
        self.weight.setPlaceholderText(self.tr("empty: the scale's"))
        self.pack_button.setText(self.key_text(self.tr("Weigh and pack"), "finish"))
        self.undo_button.setText(self.key_text(self.tr("Undo last unit"), "undo"))
        self.aside_button.setText(self.key_text(self.tr("Put parcel aside"), "clear"))
        self.reprint_button.setText(self.key_text(self.tr("Reprint label"), "document"))
        self._show_scale()
        self._show_order()

    # -- scans --------------------------------------------------------------------------------------------
    def take(self, raw: str, scan_id: str) -> None:
        if self.pull_screen.isVisible():  # the stop is up: a scan can only lift it
            self.pull_screen.scanned(raw)
            return
        self.submit(raw, scan_id)

    def after_scan(self, station: PackStation, raw: str, fb: Feedback) -> Any:
        return station.order, list(station.units), scanned_code(raw)

    def shown(self, station: PackStation, fb: Feedback, snapshot: tuple[PackOrder | None, list[Unit], str]) -> None:
        order, units, code = snapshot
        if station is not self.station:
            return  # the parcel was put aside while this scan was on its way
        self.order, self.units = order, units
        if fb.code == "order":
            self.packed = None
            self.preview.clear()
        self._show_order()
        if fb.code == "pull_for_inspection":
            order_no = fb.params.get("order_no", "")
            self.pull_screen.pull(order_no, (code,))

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        if fb.code == "parcel_open" and self.order is not None:
            extra.setdefault("order_no", self.order.order_no)
        return present(fb, **extra)

    @Slot()
    def undo(self) -> None:
        """F4: forget the last unit checked (as CMD:UNDO)."""
        if self.order is not None:
            self.submit("CMD:UNDO")

    def by_hand(self) -> None:
        """F7: type the weight."""
        self.weight.setFocus()

    def finish(self) -> None:
        """F9: weigh and pack."""
        self.pack()

    def document(self) -> None:
        """F8: the last parcel's waybill label again."""
        self.reprint_label()

    def clear_task(self) -> None:
        """Esc (the scan bar empty): put the parcel aside."""
        self.put_aside()

    @Slot()
    def put_aside(self) -> None:
        """Esc: forget the parcel being checked (nothing was written for it); the next scan opens another."""
        if self.order is None:
            return
        self.station = PackStation(self.ctx.uow)
        self.order, self.units = None, []
        self._show_order()
        self.show_feedback(Feedback(Tone.PROMPT, "started_over", "parcel put aside: scan the next order"))

    # -- weighing -----------------------------------------------------------------------------------------
    @Slot(object)
    def on_weight(self, kg: Decimal) -> None:
        """The scale settled: shown live, used when no weight is typed."""
        self.scale_weight = kg
        self._show_scale()

    def _show_scale(self) -> None:
        scale = self.hub.scale
        if scale is None:
            self.scale_label.setText(self.tr("Scale: none at this workstation — type the weight"))
        elif not scale.connected:
            self.scale_label.setText(self.tr("Scale: not connected — type the weight"))
        else:
            self.scale_label.setText(self.tr("Scale (stable weight):"))
        self.scale_value.setText(f"{self.scale_weight:.3f} kg" if self.scale_weight is not None else "— kg")

    @Slot()
    def pack(self) -> None:
        """F9 / Enter in the weight field: the typed weight, else the scale's; then the parcel is made."""
        typed = self.weight.text().strip().replace(",", ".")
        weight: Decimal | str | None = typed or self.scale_weight
        if weight is None and self.hub.scale is not None and self.order is not None:
            self._ask_scale()
            return
        if weight is None:
            code, text = ("no_weight", "no weight") if self.order is not None else ("no_parcel", "scan an order")
            self.show_feedback(Feedback(Tone.ERROR, code, text))
            return
        station = self.station
        self.run_step(lambda: (station.weigh(weight), (station, station.order, list(station.units))), self._packed)

    def _ask_scale(self) -> None:
        """No stable weight yet: ask the scale once (on its own thread); the answer packs or says why not."""
        if not self._listening:  # F9 again while the scale is asked: the first answer serves
            self.listen_to_scale()
            self.hub.scale.weigh()

    def listen_to_scale(self) -> None:
        """The scale's next answer to a weigh() packs the parcel (`_weighed`) or says why not (`_weigh_failed`);
        both are let go on the first answer."""
        scale = self.hub.scale
        scale.sig_weighed.connect(self._weighed)
        scale.sig_weigh_failed.connect(self._weigh_failed)
        self._listening = True

    def _forget_scale_answer(self) -> None:
        if self._listening:
            self._listening = False
            self.hub.scale.sig_weighed.disconnect(self._weighed)
            self.hub.scale.sig_weigh_failed.disconnect(self._weigh_failed)

    @Slot(object)
    def _weighed(self, kg: Decimal) -> None:
        self._forget_scale_answer()
        self.on_weight(kg)
        self.pack()

    @Slot(object)
    def _weigh_failed(self, reason: object) -> None:
        """The scale gave no weight: why, by the ScaleError's code (overload, not settled, …) when the banner
        knows it, else that there is no weight."""
        self._forget_scale_answer()
        if isinstance(reason, ScaleError) and reason.code in FEEDBACK:
            self.show_feedback(Feedback(Tone.ERROR, reason.code, reason.message, dict(reason.params)))
        else:
            self.show_feedback(Feedback(Tone.ERROR, "no_weight", f"no weight from the scale: {reason}"))

    def _packed(self, fb: Feedback, snapshot: tuple[PackStation, PackOrder | None, list[Unit]]) -> None:
        station, order, units = snapshot
        if station is not self.station:
            return
        self.order, self.units = order, units
        if fb.code == "packed":
            self.packed = fb.params
        self._show_order()
        if fb.code != "packed":
            return
        self.weight.clear()
        self.scale_weight = None
        self._show_scale()
        self.scan_bar.setFocus()
        self.hub.wake_queue()
        waybill = fb.params["waybill"]
        self.ctx.run(lambda uow: produce(uow, "waybill", waybill, "png").payload, write=False, on_done=self._show_label,
                     on_error=self.ctx.sig_error.emit)

    def _show_label(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.preview.setPixmap(pixmap.scaled(PREVIEW_WIDTH, PREVIEW_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    @Slot()
    def reprint_label(self) -> None:
        """F8: the last parcel's waybill label again (marked as a reprint in the queue and the audit log)."""
        if not self.packed or not self.packed.get("print_jobs"):
            return
        from app.documents import queue as print_queue
        job = self.packed["print_jobs"][0]
        self.ctx.run(lambda uow: print_queue.reprint(uow, job).id, on_done=lambda _id: self.hub.wake_queue())

    # -- the checklist ------------------------------------------------------------------------------------
    def _show_order(self) -> None:
        order = self.order
        self.undo_button.setEnabled(order is not None)
        self.aside_button.setEnabled(order is not None)
        self.reprint_button.setEnabled(bool(self.packed))
        if order is None:
            self.order_line.setText(self.tr("Scan the order or waybill number") if not self.packed else
                                    fmt(self.tr("Packed %1 — scan the next order"), self.packed["waybill"]))
            fill(self.contents, [])
            return
        checked: Counter = Counter()
        for unit in self.units:
            checked[unit.gtin.zfill(14)] += unit.count
        self.order_line.setText(fmt(self.tr("Order %1 · waybill %2 · %3"), order.order_no, order.waybill,
                                    order.carrier))
        rows, colours = [], []
        for e in order.contents:
            n = checked[e.gtin.zfill(14)]
            rows.append([e.sku, e.name, ", ".join(f"{b} × {q}" for b, q in e.lots.items()), str(e.quantity), str(n),
                         "✔" if n == e.quantity else ""])
            colours.append(GREEN if n == e.quantity else None)
        fill(self.contents, rows, numeric=(3, 4), colours=colours)
        fit(self.contents)

    def checklist(self) -> list[tuple[str, str, str]]:
        """(SKU, in the order, checked) per row (tests)."""
        return list(zip(column_texts(self.contents, 0), column_texts(self.contents, 3),
                        column_texts(self.contents, 4), strict=True))
