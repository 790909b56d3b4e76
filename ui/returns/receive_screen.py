"""The return receiving station: scan the parcel (return number or original waybill), each unit, CMD:CLOSE.

Scans go to app.returns.ReturnStation (the object `bwms returns receive --scans` drives) on the DB thread. F6
grades the next unit damaged (CMD:DAMAGED), F9 ends the parcel (CMD:CLOSE), Esc on an empty scan bar forgets the
open parcel on this station. The parcel's expected units and what came back are shown line by line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from app.persistence.uow import Area
from app.stations import Feedback
from ui.shell.screen import heading
from ui.widgets.station import StationScreen, big_label
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

LINE_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("Returns", "SKU"), key("sku")),
    Col(QT_TRANSLATE_NOOP("Returns", "GTIN"), key("gtin")),
    Col(QT_TRANSLATE_NOOP("Returns", "Batch"), key("batch")),
    Col(QT_TRANSLATE_NOOP("Returns", "Expected"), key("qty"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Returns", "Good"), key("good"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Returns", "Damaged"), key("damaged"), numeric=True),
]
# feedback code (prefixed with the station's area) → English source with {parameters} (banner texts)
FEEDBACK = {
    "returns.parcel": QT_TRANSLATE_NOOP("FeedbackText", "Return {return}: scan each unit"),
    "returns.unit_good": QT_TRANSLATE_NOOP(
        "FeedbackText", "{qty} × {sku} back (good): held at the returns location until customs approves"),
    "returns.unit_damaged": QT_TRANSLATE_NOOP("FeedbackText", "{qty} × {sku} back (damaged): to the damaged location"),
    "returns.parcel_closed": QT_TRANSLATE_NOOP("FeedbackText", "Return {return} closed: {received} units ({status})"),
    "returns.parcel_short": QT_TRANSLATE_NOOP(
        "FeedbackText", "Return {return} closed short: {received} of {expected} units"),
    "returns.damaged_next": QT_TRANSLATE_NOOP("FeedbackText", "The next unit scanned is graded damaged"),
    "returns.not_in_parcel": QT_TRANSLATE_NOOP("FeedbackText", "{sku} was not in this parcel: put it aside"),
    "returns.more_than_returned": QT_TRANSLATE_NOOP("FeedbackText", "Only {left} more {sku} belong to this return"),
    "returns.return_late": QT_TRANSLATE_NOOP(
        "FeedbackText", "Too late: the parcel had to be back by {arrive_by}; refuse it"),
    "returns.return_rejected": QT_TRANSLATE_NOOP(
        "FeedbackText", "Customs rejected this return: the parcel may not come back in"),
    "returns.no_return": QT_TRANSLATE_NOOP("FeedbackText", "No requested or approved return waits for this parcel"),
    "returns.already_received": QT_TRANSLATE_NOOP("FeedbackText", "This return was received and closed already"),
    "returns.nothing_received": QT_TRANSLATE_NOOP("FeedbackText", "Scan the units before closing the parcel"),
    "returns.close_first": QT_TRANSLATE_NOOP(
        "FeedbackText", "Return {return} is open: scan its units or close it (F9) first"),
    "returns.no_parcel": QT_TRANSLATE_NOOP("FeedbackText", "No parcel is open: scan the return number or the waybill"),
    "returns.ready": QT_TRANSLATE_NOOP("FeedbackText", "Scan the return number or the parcel's original waybill"),
}


class ReturnStationScreen(StationScreen):
    """Parcel first, then each unit · F6 damaged next · F9 close the parcel · Esc forgets the open parcel."""

    area = "returns"
    areas = frozenset({Area.RETURNS, Area.STOCK})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        from app.returns import ReturnStation

        self.station = ReturnStation(ctx.uow)
        self.lines = RowsModel(LINE_COLUMNS, parent=self, context="Returns")
        self.title = heading()
        self.parcel = big_label(3.0, name="parcel")
        self.parcel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grade = QLabel(objectName="grade")
        self.flag_button = self.action_button("damaged_next", "flag")
        self.close_button = self.action_button("close_parcel", "finish")
        self.view = table_view(self.lines, name="lines_table")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        fit_on_reset(self.view, stretch=0)
        buttons = QHBoxLayout()
        for widget in (self.flag_button, self.close_button, self.retry_button, self.grade):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scan_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.parcel)
        layout.addWidget(self.last_scan)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.retranslate_ui()
        self.say("returns.ready", "scan the return number or the parcel's original waybill")

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Return receiving station"))
        self.flag_button.setText(self.key_text(self.tr("Next unit damaged"), "flag"))
        self.close_button.setText(self.key_text(self.tr("Close the parcel"), "finish"))
        if not self.parcel.text():
            self.parcel.setText("—")
        self.retranslate_station()
        self.lines.retranslate()

    # -- keys -----------------------------------------------------------------------------------------------
    def flag(self) -> None:
        """F6: the next unit is graded damaged (the same as scanning CMD:DAMAGED)."""
        self.command("CMD:DAMAGED")

    def finish(self) -> None:
        """F9: end the parcel (the same as scanning CMD:CLOSE)."""
        self.command("CMD:CLOSE")

    def clear_task(self) -> None:
        """Esc on an empty scan bar: forget the open parcel on this station (what was counted stays counted)."""
        station = self.station
        self.ctx.call(station.clear, on_done=lambda _r: self._forgotten())

    def _forgotten(self) -> None:
        self.parcel.setText("—")
        self.grade.clear()
        self.lines.set_rows([])
        self.say("returns.ready", "scan the return number or the parcel's original waybill")

    # -- scans ----------------------------------------------------------------------------------------------
    def after_scan(self, station: Any, raw: str, fb: Feedback) -> Any:
        return station.return_no, station.damaged_next, list(station.lines)

    def shown(self, station: Any, fb: Feedback, extra: Any) -> None:
        open_parcel, damaged_next, lines = extra
        self.parcel.setText(open_parcel or (f"✓ {fb.params.get('return', '')}" if fb.code.startswith("parcel_")
                                            else "—"))
        self.grade.setText(self.tr("Next unit: damaged") if damaged_next else "")
        self.lines.set_rows(lines)

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        """The workflow's feedback under this station's codes (their banner texts translate it)."""
        code = f"returns.{fb.code}"
        return Feedback(fb.tone, code, fb.text, fb.params) if code in FEEDBACK else fb
