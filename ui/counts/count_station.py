"""The count station (blind): choose an open count (F2), scan a location's label, then every unit or each carton's
GS1 label with its count. F4 takes back this station's last scan, F9 closes the count, Esc forgets the location.

Scans go to app.counts.CountStation (the object `bwms count scan --scans` drives) on the DB thread. The screen shows
what was counted at this station, never what the books expect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from app.persistence.uow import Area
from app.stations import Feedback, Tone
from ui.shell.screen import heading
from ui.widgets.station import StationScreen, big_label
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

LINE_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("Counts", "Location"), key("location")),
    Col(QT_TRANSLATE_NOOP("Counts", "SKU"), key("sku")),
    Col(QT_TRANSLATE_NOOP("Counts", "Batch"), key("batch")),
    Col(QT_TRANSLATE_NOOP("Counts", "Counted here"), key("counted"), numeric=True),
]
# feedback code (prefixed with the station's area) → English source with {parameters} (banner texts)
FEEDBACK = {
    "count.location": QT_TRANSLATE_NOOP("FeedbackText", "At {location}: count everything here"),
    "count.counted": QT_TRANSLATE_NOOP("FeedbackText", "Counted {qty} × {sku} at {location} ({counted_here} "
                                                       "counted here)"),
    "count.undone": QT_TRANSLATE_NOOP("FeedbackText", "Undone: {qty} × {sku} at {location}"),
    "count.count_closed": QT_TRANSLATE_NOOP("FeedbackText", "Count {count} closed: the supervisor reviews it"),
    "count.not_in_count": QT_TRANSLATE_NOOP("FeedbackText", "Location {location} is not in count {count}: count "
                                                            "only the locations on its sheet"),
    "count.location_first": QT_TRANSLATE_NOOP("FeedbackText", "Scan the location's label first"),
    "count.count_not_open": QT_TRANSLATE_NOOP("FeedbackText", "Count {count} is {status}: nothing more is counted "
                                                              "on it"),
    "count.unknown_lot": QT_TRANSLATE_NOOP("FeedbackText", "{sku} never entered the warehouse: set the goods aside "
                                                           "and call the supervisor"),
    "count.nothing_to_undo": QT_TRANSLATE_NOOP("FeedbackText", "Nothing to undo: this station has counted nothing "
                                                               "on this count"),
    "count.unvisited_locations": QT_TRANSLATE_NOOP("FeedbackText", "Not every location was counted: {locations}"),
    "count.no_contents": QT_TRANSLATE_NOOP("FeedbackText", "This label names no product: scan the carton's GS1 "
                                                           "label with its count, or each unit"),
    "count.choose": QT_TRANSLATE_NOOP("FeedbackText", "Choose an open count (F2)"),
    "count.scan_location": QT_TRANSLATE_NOOP("FeedbackText", "Count {count}: scan a location's label"),
    "count.scan_goods": QT_TRANSLATE_NOOP("FeedbackText", "At {location}: scan every unit, or each carton's label; "
                                                          "then the next location"),
    "count.bad_quantity": QT_TRANSLATE_NOOP("FeedbackText", "A count scan counts at least one unit"),
    "count.unknown_count": QT_TRANSLATE_NOOP("FeedbackText", "There is no stock count {count}"),
}


class CountStationScreen(StationScreen):
    """Count first (F2) · location label, then the goods · F4 undo · F9 close the count · Esc forgets the location."""

    area = "count"
    areas = frozenset({Area.COUNTS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.lines = RowsModel(LINE_COLUMNS, parent=self, context="Counts")
        self.counted: dict[tuple[str, str, str], int] = {}
        self.title = heading()
        self.open_counts: list[dict[str, Any]] = []  # as list_counts gave them, named in the chooser
        self.count_choice = QComboBox(objectName="count_choice")
        self.count_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_choice.activated.connect(lambda _i: self._chosen())
        self.count_label = QLabel(buddy=self.count_choice)
        self.where = big_label(3.0, name="count_where")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blind = QLabel(objectName="blind", wordWrap=True)
        self.choose_button = self.action_button("choose_count", "choose")
        self.undo_button = self.action_button("undo_count", "undo")
        self.close_button = self.action_button("close_count", "finish")
        self.view = table_view(self.lines, name="counted_table")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        fit_on_reset(self.view, stretch=1)
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addWidget(self.count_choice)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for widget in (self.choose_button, self.undo_button, self.close_button, self.retry_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.scan_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.where)
        layout.addWidget(self.blind)
        layout.addWidget(self.last_scan)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.retranslate_ui()
        self.say("count.choose", "choose an open count (F2)")
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Count station"))
        self.count_label.setText(self.tr("Count:"))
        self.blind.setText(self.tr("Blind count: count what is there; the books' quantities are not shown."))
        self.choose_button.setText(self.key_text(self.tr("Choose the count"), "choose"))
        self.undo_button.setText(self.key_text(self.tr("Undo last scan"), "undo"))
        self.close_button.setText(self.key_text(self.tr("Close the count"), "finish"))
        if not self.where.text():
            self.where.setText("—")
        self.retranslate_station()
        self.lines.retranslate()
        self._name_counts()

    def refresh(self) -> None:
        from app.counts import list_counts

        self.ctx.run(lambda uow: list_counts(uow, "open"), write=False, on_done=self._list_counts)

    def _list_counts(self, counts: list[dict[str, Any]]) -> None:
        self.open_counts = sorted(counts, key=lambda c: c["count"])
        self._name_counts()

    def _name_counts(self) -> None:
        """The open counts in the chooser, in the screen's language (again after a language switch)."""
        from ui.counts.counts_screen import scope_text

        current = self.station.count_id if self.station is not None else None
        self.count_choice.blockSignals(True)
        self.count_choice.clear()
        self.count_choice.addItem(self.tr("choose an open count…"), 0)
        for c in self.open_counts:
            words = (self.tr("%1 · %2 · 1 location") if c["locations"] == 1 else self.tr("%1 · %2 · %3 locations"))
            self.count_choice.addItem(words.replace("%1", str(c["count"])).replace("%2", scope_text(c["scope"]))
                                      .replace("%3", str(c["locations"])), c["count"])
        self.count_choice.blockSignals(False)
        if current is not None:
            index = self.count_choice.findData(current)
            self.count_choice.setCurrentIndex(max(index, 0))

    # -- keys -----------------------------------------------------------------------------------------------
    def choose(self) -> None:
        """F2: choose the count (the list of open counts)."""
        self.count_choice.setFocus()
        self.count_choice.showPopup()

    def _chosen(self) -> None:
        count_id = int(self.count_choice.currentData() or 0)
        self.scan_bar.setFocus()
        if not count_id:
            return
        self.start(count_id)

    def start(self, count_id: int) -> None:
        """Count on `count_id` at this station."""
        from app.counts import CountStation

        self.station = CountStation(self.ctx.uow, count_id)
        self.counted.clear()
        self.lines.set_rows([])
        self.where.setText("—")
        self.say("count.scan_location", f"count {count_id}: scan a location's label", count=count_id)

    def no_station(self) -> None:
        self.say("count.choose", "choose an open count (F2)", Tone.WARN, sound=True)

    def take(self, raw: str, scan_id: str) -> None:
        if self.station is None:
            self.no_station()
            return
        self.submit(raw, scan_id)

    def finish(self) -> None:
        """F9: close the count (the same as scanning CMD:CLOSE)."""
        self.command("CMD:CLOSE")

    def clear_task(self) -> None:
        """Esc on an empty scan bar: forget the location (what was counted stays counted)."""
        if self.station is not None:
            station = self.station
            self.ctx.call(station.clear, on_done=lambda _r: self.where.setText("—"))

    # -- scans ----------------------------------------------------------------------------------------------
    def after_scan(self, station: Any, raw: str, fb: Feedback) -> Any:
        return station.location

    def shown(self, station: Any, fb: Feedback, extra: Any) -> None:
        self.where.setText(extra or "—")
        p = fb.params
        if fb.accepted and not p.get("replayed") and fb.code in ("counted", "undone"):
            line = (p["location"], p["sku"], p["batch"])
            self.counted[line] = self.counted.get(line, 0) + (p["qty"] if fb.code == "counted" else -p["qty"])
            self.lines.set_rows([{"location": loc, "sku": sku, "batch": batch, "counted": n}
                                 for (loc, sku, batch), n in self.counted.items() if n])
        if fb.code == "count_closed":
            self.station = None
            self.counted.clear()
            self.lines.set_rows([])
            self.refresh()

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        """The workflow's feedback under this station's codes (their banner texts translate it)."""
        code = f"count.{fb.code}"
        params = dict(fb.params)
        if isinstance(params.get("locations"), list):
            params["locations"] = ", ".join(params["locations"][:8])
        return Feedback(fb.tone, code, fb.text, params) if code in FEEDBACK else fb
