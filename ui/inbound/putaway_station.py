"""The put-away station: scan the goods (carton, pallet SSCC or product), see where they go, scan the location.

Scans go to app.inbound.putaway_station.PutawayStation (the object `bwms putaway --scans` drives) on the DB thread.
The suggestion is shown big; held stock is refused with the reason in the banner; a supervisor may accept
every suggestion of a released declaration at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.domain.roles import Permission
from app.persistence.uow import Area
from app.stations import Feedback, Tone
from ui.inbound.columns import DECLARATION_COLUMNS
from ui.inbound.words import for_banner
from ui.shell.screen import heading
from ui.vocabulary import status_label
from ui.widgets.station import StationScreen
from ui.widgets.tables import Col, RowsModel, fit_on_reset, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

WAITING = ("tallied", "released")  # declarations whose goods stand at the dock or inspection area
# app.inbound.putaway.PlanRow: the goods, their stock status, the suggested location
PLAN_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("InboundColumns", "SKU"), lambda r: r.goods.sku),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Batch"), lambda r: r.goods.batch),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Expiry"), lambda r: r.goods.expiry),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Quantity"), lambda r: r.goods.quantity, numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "SSCC"), lambda r: r.goods.lpn),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "From"), lambda r: r.goods.from_code),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Status"), lambda r: r.status, status_label),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Suggested"), lambda r: r.to),
]


class PutawayStationScreen(StationScreen):
    """Goods first, then the location · F4 or Esc forgets the goods · Alt+M allows mixing · F9 accept all
    (supervisor)."""

    area = "putaway"
    areas = frozenset({Area.INBOUND, Area.STOCK, Area.PUTAWAY})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        from app.inbound.putaway_station import PutawayStation

        self.station = PutawayStation(ctx.uow)
        self.waiting = RowsModel(DECLARATION_COLUMNS[:2], parent=self)
        self.plan = RowsModel(PLAN_COLUMNS, parent=self)
        self._build()
        self.retranslate_ui()
        self.refresh()
        self.say("putaway.ready", "scan the goods, then the location")

    def _build(self) -> None:
        self.title = heading()
        self.caption, self.suggestion = QLabel(), QLabel(objectName="suggestion")
        big = self.suggestion.font()
        big.setPointSize(max(big.pointSize(), 10) * 4)
        big.setBold(True)
        self.suggestion.setFont(big)
        self.suggestion.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.goods = QLabel(objectName="goods", wordWrap=True)
        self.goods.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel = QFrame(objectName="suggestion_panel", frameShape=QFrame.Shape.StyledPanel)
        column = QVBoxLayout(panel)
        for widget in (self.caption, self.suggestion, self.goods):
            column.addWidget(widget)
        self.mixed = QCheckBox(objectName="allow_mixed")
        self.mixed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mixed.toggled.connect(self._allow_mixed)
        self.buttons["allow_mixing"] = self.mixed
        self.undo_button = self.action_button("forget_goods", "undo")
        self.accept_button = self.action_button("accept_all", "finish")
        self.accept_button.setVisible(self.ctx.may(Permission.SUPERVISE))
        self.waiting_view = table_view(self.waiting, name="waiting_table")
        self.waiting_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.waiting_view.selectionModel().selectionChanged.connect(self._selected)
        self.plan_view = table_view(self.plan, name="plan_table")
        fit_on_reset(self.waiting_view, 200, stretch=1)  # the status takes the room left
        # eight columns beside the waiting list at 1366×768: each as wide as its header or value (no more), the
        # suggested location takes the rest
        fit_on_reset(self.plan_view, stretch=len(PLAN_COLUMNS) - 1, pad=4)
        self.plan_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._lay_out(panel)

    def _lay_out(self, panel: QWidget) -> None:
        self.waiting_title, self.plan_title = QLabel(), QLabel()
        lists = QSplitter()
        for title, view in ((self.waiting_title, self.waiting_view), (self.plan_title, self.plan_view)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(title)
            column.addWidget(view, 1)
            lists.addWidget(box)
        lists.setSizes([300, 800])
        buttons = QHBoxLayout()
        for widget in (self.undo_button, self.retry_button, self.mixed, self.accept_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scan_bar)
        layout.addWidget(self.banner)
        layout.addWidget(panel)
        layout.addWidget(self.last_scan)
        layout.addLayout(buttons)
        layout.addWidget(lists, 1)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Put-away station"))
        self.caption.setText(self.tr("Put it at"))
        self.mixed.setText(self.key_text(self.tr("Allow two lots of one SKU in one location"), "allow_mixing"))
        self.undo_button.setText(self.key_text(self.tr("Forget the goods"), "undo"))
        self.accept_button.setText(self.key_text(self.tr("Accept all suggestions"), "finish"))
        self.waiting_title.setText(self.tr("Waiting for put-away"))
        self.plan_title.setText(self.tr("Goods and suggested locations"))
        self.retranslate_station()
        self.waiting.retranslate()
        self.plan.retranslate()

    # -- lists ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        from app.inbound.queries import declarations

        self.ctx.run(lambda uow: [r for r in declarations(uow) if r["status"] in WAITING], write=False,
                     on_done=self._listed)

    def _listed(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.selected()
        self.waiting.set_rows(rows)
        numbers = [r["declaration"] for r in rows]
        if numbers:
            self.waiting_view.selectRow(numbers.index(chosen) if chosen in numbers else 0)
            self._load_plan(self.selected())
        else:
            self.plan.set_rows([])

    def selected(self) -> str | None:
        rows = self.waiting_view.selectionModel().selectedRows()
        row = self.waiting.row_at(rows[0].row()) if rows else None
        return row["declaration"] if row else None

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if selected.indexes():
            self._load_plan(self.selected())

    def _load_plan(self, number: str | None) -> None:
        from app.inbound.putaway import plan

        if number is not None:
            self.ctx.run(lambda uow: plan(uow, number), write=False, on_done=self.plan.set_rows)

    # -- scans ---------------------------------------------------------------------------------------------
    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        return for_banner(self.area, fb)

    def clear_task(self) -> None:
        """Esc on an empty scan bar: forget the goods scanned (as F4 and the command barcode do)."""
        self.undo()

    def allow_mixing(self) -> None:
        """Alt+M: two lots of one SKU may share a location (for the next location scans)."""
        self.mixed.toggle()

    def finish(self) -> None:
        """F9: accept every suggestion of the selected declaration (the service checks the role)."""
        self.accept_all()

    def after_scan(self, station: Any, raw: str, fb: Feedback) -> Any:
        return station.pending

    def shown(self, station: Any, fb: Feedback, pending: str | None) -> None:
        p = fb.params
        if fb.code == "goods" and pending is not None:
            self.suggestion.setText(p.get("suggested") or "—")
            self.goods.setText(self.tr("%1 × %2 batch %3 from %4").replace("%1", str(p["quantity"]))
                               .replace("%2", p["sku"]).replace("%3", p["batch"] or "—").replace("%4", p["from"]))
        elif fb.code == "put_away" and fb.accepted:
            self.suggestion.setText("✓ " + p["to"])
            self.goods.setText(self.tr("%1 × %2 batch %3 moved to %4").replace("%1", str(p["quantity"]))
                               .replace("%2", p["sku"]).replace("%3", p["batch"] or "—").replace("%4", p["to"]))
        elif pending is None:
            self.suggestion.clear()
            self.goods.clear()

    def _allow_mixed(self, allowed: bool) -> None:
        station = self.station
        self.ctx.call(lambda: setattr(station, "allow_mixed", allowed))

    # -- the supervisor's shortcut ------------------------------------------------------------------------
    def accept_all(self) -> None:
        """Move every staged unit of the selected declaration to its suggestion (the service checks the role)."""
        from app.inbound.putaway import all_suggested

        number = self.selected()
        if number is None:
            self.say("putaway.ready", "choose a declaration", Tone.ERROR)
            return
        self.ctx.run(lambda uow: all_suggested(uow, number), on_done=self._accepted,
                     on_error=self._not_accepted)

    def _accepted(self, run: Any) -> None:
        units = sum(m["quantity"] for m in run.moved)
        tone = Tone.WARN if run.unplaced else Tone.OK
        self.say("putaway.all_suggested", run.describe(), tone, sound=True, declaration=run.declaration,
                 moves=len(run.moved), units=units, unplaced=len(run.unplaced))

    def _not_accepted(self, exc: BaseException) -> None:
        from ui.error_text import describe

        self.say("putaway.accept_all_refused", describe(exc).text, Tone.ERROR, sound=True)
