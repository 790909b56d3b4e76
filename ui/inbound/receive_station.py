"""The receive station: choose the declaration (scan its number or pick it), then scan the container's cartons.

Every scan — typed into the scan bar, a keyboard-wedge burst, the serial scanner — goes to the same
app.inbound.receive_station.ReceiveStation the CLI drives, on the DB thread; the banner says what was counted on which
line and what is still expected, and the tally table follows every scan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout

from app.devices.scanner import split_aim
from app.persistence.uow import Area
from app.stations import Feedback, Tone
from ui.inbound.columns import TallyModel
from ui.inbound.words import RECEIVABLE, declaration_status, for_banner
from ui.shell.screen import heading
from ui.widgets.document_preview import open_preview
from ui.widgets.station import StationScreen
from ui.widgets.tables import fit_on_reset, table_view

if TYPE_CHECKING:
    from app.inbound.queries import DeclarationHead, TallyRow
    from ui.context import AppContext

COUNTING = ("counted", "over", "unexpected_batch", "undone")  # answers that changed the tally


def _tally(station: Any, fb: Feedback) -> list[TallyRow] | None:
    """On the DB thread after a scan: the tally again, when the scan changed it."""
    return station.tally() if fb.accepted and fb.code in (*COUNTING, "tally_closed") else None


class ReceiveStationScreen(StationScreen):
    """One clerk tallying one declaration; F2 choose · F4 undo · F6 damaged next · F8 tally report · F9 close."""

    area = "receive"
    areas = frozenset({Area.INBOUND})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.station: Any = None  # app.inbound.receive_station.ReceiveStation of the chosen declaration (or None)
        self.head: DeclarationHead | None = None
        self.known: dict[str, str] = {}  # declaration no → status, as the picker lists them
        self.model = TallyModel(self)
        self._build()
        self.retranslate_ui()
        self.refresh()
        self.say("receive.choose", "scan the declaration number, or pick it with F2")

    def _build(self) -> None:
        self.title, self.picker_label = heading(), QLabel()
        self.picker = QComboBox(objectName="declaration_picker")
        self.picker.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scanner's burst never lands in it
        self.picker.setMinimumContentsLength(34)
        self.picker.activated.connect(lambda i: self.choose_declaration(self.picker.itemData(i)))
        self.picker_label.setBuddy(self.picker)
        self.head_label = QLabel(objectName="declaration_head", wordWrap=True)
        self.mode = QLabel(objectName="station_mode")
        self.view = table_view(self.model, name="tally_table")
        fit_on_reset(self.view, stretch=2)
        self.totals = QLabel(objectName="tally_totals")
        self.choose_button = self.action_button("choose", "choose")
        self.undo_button = self.action_button("undo", "undo")
        self.damaged_button = self.action_button("damaged", "flag")
        self.report_button = self.action_button("tally_report", "document")
        self.close_button = self.action_button("close_tally", "finish")
        top = QHBoxLayout()
        top.addWidget(self.picker_label)
        top.addWidget(self.picker)
        top.addWidget(self.head_label, 1)
        info = QHBoxLayout()
        info.addWidget(self.last_scan, 1)
        info.addWidget(self.mode)
        buttons = QHBoxLayout()
        for button in (self.choose_button, self.undo_button, self.retry_button, self.damaged_button,
                       self.report_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.scan_bar)
        layout.addWidget(self.banner)
        layout.addLayout(info)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Receive station"))
        self.picker_label.setText(self.tr("Declaration:"))
        self.choose_button.setText(self.key_text(self.tr("Choose declaration"), "choose"))
        self.undo_button.setText(self.key_text(self.tr("Undo last scan"), "undo"))
        self.damaged_button.setText(self.key_text(self.tr("Next carton damaged"), "flag"))
        self.report_button.setText(self.key_text(self.tr("Tally report"), "document"))
        self.close_button.setText(self.key_text(self.tr("Close tally"), "finish"))
        self.retranslate_station()
        self.model.retranslate()
        self._show_head()
        self._show_totals()
        for i in range(self.picker.count()):
            self.picker.setItemText(i, self._picker_text(self.picker.itemData(i)))

    # -- the declaration -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the declarations the picker offers (those still being received, and the chosen one)."""
        from app.inbound.queries import declarations

        self.ctx.run(declarations, write=False, on_done=self._listed)

    def _listed(self, rows: list[dict[str, Any]]) -> None:
        current = self.station.declaration_no if self.station is not None else None
        self.known = {r["declaration"]: r["status"] for r in rows}
        offered = [r["declaration"] for r in rows if r["status"] in RECEIVABLE or r["declaration"] == current]
        self.picker.clear()
        for number in offered:
            self.picker.addItem(self._picker_text(number), number)
        self.picker.setCurrentIndex(self.picker.findData(current) if current else -1)
        if current is not None and self.head is not None and self.known.get(current) != self.head.status:
            self.choose_declaration(current)  # its status changed elsewhere (closed, released): show it

    def _picker_text(self, number: str) -> str:
        return f"{number}  ({declaration_status(self.known.get(number, ''))})"

    def choose_declaration(self, number: str) -> None:
        """Make `number` the declaration this station counts (read its head and tally first)."""
        from app.inbound.queries import declaration_head, tally_rows
        from app.inbound.receive_station import ReceiveStation

        station = ReceiveStation(self.ctx.uow, number)
        self.ctx.run(lambda uow: (declaration_head(uow, number), tally_rows(uow, number)), write=False,
                     on_done=lambda out: self._chosen(station, *out),
                     on_error=lambda exc: self._not_chosen(number, exc))

    def _chosen(self, station: Any, head: DeclarationHead, rows: list[TallyRow]) -> None:
        same = self.station is not None and self.station.declaration_no == head.declaration_no
        if not same:
            self.station = station
            self.model.last = None
        self.head = head
        self.known[head.declaration_no] = head.status
        if self.picker.findData(head.declaration_no) < 0:
            self.picker.addItem(self._picker_text(head.declaration_no), head.declaration_no)
        self.picker.setCurrentIndex(self.picker.findData(head.declaration_no))
        self.model.set_rows(rows)
        self._show_head()
        self._show_totals()
        self._show_mode()
        if same:
            return
        if head.status in RECEIVABLE:
            self.say("receive.chosen", f"declaration {head.declaration_no}: scan the cartons",
                     declaration=head.declaration_no)
        else:
            self.say("receive.not_receivable", f"declaration {head.declaration_no} is {head.status}", Tone.WARN,
                     declaration=head.declaration_no, status=declaration_status(head.status))

    def _not_chosen(self, number: str, exc: BaseException) -> None:
        from app.errors import BwmsError
        from app.stations import error

        if not isinstance(exc, BwmsError):
            self.ctx.sig_error.emit(exc)
            return
        self.show_feedback(error(exc))

    def _show_head(self) -> None:
        head = self.head
        if head is None:
            self.head_label.setText(self.tr("No declaration chosen."))
            return
        self.head_label.setText(
            self.tr("Container %1 · seal %2 · B/L %3 · %4").replace("%1", head.container_no or "—")
            .replace("%2", head.seal_no or "—").replace("%3", head.bill_of_lading or "—")
            .replace("%4", declaration_status(head.status)))

    def _show_totals(self) -> None:
        t = self.model.totals()
        self.totals.setText(self.tr("Expected %1 · received %2 · damaged %3 · short %4 · over %5")
                            .replace("%1", str(t["expected"])).replace("%2", str(t["received"]))
                            .replace("%3", str(t["damaged"])).replace("%4", str(t["short"]))
                            .replace("%5", str(t["over"])))

    def _show_mode(self) -> None:
        station = self.station
        parts = []
        if station is not None and station.damaged_next:
            parts.append(self.tr("Next carton: DAMAGED"))
        if station is not None and station.staging:
            parts.append(self.tr("Staged at close: %1").replace("%1", station.staging))
        self.mode.setText("  ·  ".join(parts))
        self.mode.setStyleSheet("background: #ffe08a; padding: 2px 6px;" if parts else "")

    # -- scans ---------------------------------------------------------------------------------------------
    def take(self, raw: str, scan_id: str) -> None:
        """One scan: a declaration number chooses the declaration, anything else goes to the workflow."""
        _aim, data = split_aim(raw)
        current = self.station.declaration_no if self.station is not None else None
        if data != current and (data in self.known or self.station is None):
            self.choose_declaration(data)
            return
        self.submit(raw, scan_id)

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        return for_banner(self.area, fb)

    def no_station(self) -> None:
        self.say("receive.choose", "scan the declaration number, or pick it with F2", Tone.ERROR, sound=True)

    def after_scan(self, station: Any, raw: str, fb: Feedback) -> Any:
        return _tally(station, fb)

    def shown(self, station: Any, fb: Feedback, rows: list[TallyRow] | None) -> None:
        if station is not self.station:
            return  # the clerk has moved on to another declaration; the banner said what happened
        self._show_mode()
        if rows is not None:
            self._show_rows(fb, rows)
            if fb.code == "tally_closed":
                self.tally_report()

    def _show_rows(self, fb: Feedback, rows: list[TallyRow]) -> None:
        if "line_no" in fb.params:
            self.model.last = (fb.params["line_no"], fb.params.get("batch", ""))
        self.model.set_rows(rows)
        self._show_totals()
        row = self.model.row_of(*self.model.last) if self.model.last else -1
        if row >= 0:
            self.view.scrollTo(self.model.index(row, 0))

    # -- the keys ------------------------------------------------------------------------------------------
    def choose(self) -> None:
        """F2: pick the declaration from the list."""
        self.picker.showPopup()

    def flag(self) -> None:
        """F6: the next carton scanned is counted as damaged (as the CMD:DAMAGED barcode)."""
        self.command("CMD:DAMAGED")

    def document(self) -> None:
        """F8: the tally report of the declaration."""
        self.tally_report()

    def finish(self) -> None:
        """F9: close the tally, after a confirmation."""
        self.ask_close()

    def ask_close(self) -> None:
        """F9: close the tally after a confirmation (scanning CMD:CLOSE closes without asking)."""
        if self.station is None:
            self.command("CMD:CLOSE")
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close tally"),
                          self.tr("Close the tally of %1? Lots are made and the goods wait on inspection hold; "
                                  "nothing more can be counted.").replace("%1", self.station.declaration_no),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirm_close")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: button is yes and self.command("CMD:CLOSE"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def tally_report(self) -> None:
        if self.station is not None:
            open_preview(self.ctx, self, "tally-report", self.station.declaration_no)
