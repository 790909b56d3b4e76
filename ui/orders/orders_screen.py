"""Orders: by status (tabs), searched by order no., waybill, copNo or buyer (masked), with one order in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QObject, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProxyStyle,
    QSplitter,
    QStyle,
    QTabBar,
    QVBoxLayout,
)

from app.domain.order_flow import FLOW_STAGES, stage_counts
from app.orders.queries import count_orders, list_orders, status_counts
from app.persistence.uow import Area
from ui.models.paged import Column, Header, PagedTableModel
from ui.orders.order_detail import OrderDetail
from ui.orders.vocabulary import customs_status_label, order_status_label, stage_label
from ui.shell.screen import Screen, heading
from ui.widgets.actions import office_key
from ui.widgets.owner_filter import OwnerFilter
from ui.widgets.tables import Debouncer, count_text, fit_columns_once, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

# the tabs: "" is every order; the rest are the flow stages (app.domain.order_flow), each with its statuses
TABS = ["", *FLOW_STAGES]
TAB_NAME_PX = 64  # the least a tab's name elides to (the tabs scroll beyond)
# a row: (id, order_no, status, customs_status, copNo, waybill, carrier, buyer_id, buyer_phone, dutiable, tax,
#         ordered_at, rejection_code, owner)
# At 1366×768 the list beside the order's detail shows what finds an order and where it stands; its copNo, carrier,
# buyer, phone, amounts, order time and rejection are in the selected order's detail (the search still finds copNo
# and buyer).
COLUMNS = [
    Column(1, QT_TRANSLATE_NOOP("Columns", "Order no.")),
    Column(2, Header.STATUS, order_status_label),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Customs"), lambda s: customs_status_label(s) if s else ""),
    Column(5, QT_TRANSLATE_NOOP("Columns", "Waybill")),
    Column(13, Header.OWNER),
]


def order_row(r: dict[str, Any]) -> tuple:
    return (r["id"], r["order_no"], r["status"], r["customs_status"], r["copNo"], r["waybill_no"],
            r["carrier_code"], r["buyer_id"], r["buyer_phone"], r["dutiable_total"], r["tax"], r["ordered_at"],
            r["rejection_code"], r["owner"])


def orders_page(uow: Any, flt: tuple[str, str, str], after: int, limit: int) -> list[tuple]:
    stage, search, owner = flt
    return [order_row(r) for r in list_orders(uow, FLOW_STAGES.get(stage), search, after, limit, owner=owner)]


def orders_count(uow: Any, flt: tuple[str, str, str]) -> int:
    return count_orders(uow, FLOW_STAGES.get(flt[0]), flt[1], owner=flt[2])


def tab_counts(uow: Any) -> dict[str, int]:
    """Orders per flow stage, as the tabs show them (the import rejections are the workbench's, not a tab's)."""
    counts = status_counts(uow)
    counts.pop("rejected", None)
    return stage_counts(counts)


class SnugTabs(QProxyStyle):
    """The application's style with half the room around a tab's text (so every stage's tab fits in a row)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__()
        self.setParent(parent)

    def pixelMetric(self, metric: QStyle.PixelMetric, option: Any = None, widget: Any = None) -> int:  # noqa: N802 - Qt override
        value = super().pixelMetric(metric, option, widget)
        return value // 2 if metric == QStyle.PixelMetric.PM_TabBarTabHSpace else value


class OrdersScreen(Screen):
    """Type or scan into the search field (it has the focus); one match opens at once. Ctrl+PgUp/PgDn: tabs."""

    areas = frozenset({Area.ORDERS, Area.CUSTOMS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.counts: dict[str, int] = {}
        self.model = PagedTableModel(ctx, COLUMNS, orders_page, count_fn=orders_count, page_size=200)
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.debounce = Debouncer(300, self.apply_filter, self)
        self.search.textChanged.connect(self.debounce.poke)
        self.search.returnPressed.connect(self.search_now)
        self.owner, self.owner_label = OwnerFilter(ctx), QLabel()
        self.owner_label.setBuddy(self.owner)
        self.owner.currentIndexChanged.connect(self.apply_filter)
        self.tabs = QTabBar(objectName="status_tabs")
        self.tabs.setStyle(SnugTabs(self.tabs))  # eleven tabs with their counts in a row at 1366×768
        for _status in TABS:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(self.apply_filter)
        self.view = table_view(self.model, name="orders_table")
        # five columns beside the detail at 1366×768: the status takes the room left (a long one elides, its tooltip
        # holds it), so a search finding a long status only does not push the owner out of sight
        fit_columns_once(self.view, self.model, stretch=1, pad=4)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.detail = OrderDetail(ctx)
        self.count = QLabel(objectName="count")
        self.model.sig_count.connect(self._show_count)
        self.model.sig_failed.connect(ctx.sig_error)
        self.model.rowsInserted.connect(self._rows_arrived)
        self._lay_out()
        self._shortcuts()
        self.retranslate_ui()
        self.apply_filter()

    def _lay_out(self) -> None:
        self.title, self.search_label = heading(), QLabel()
        self.search_label.setBuddy(self.search)
        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.owner_label)
        bar.addWidget(self.owner)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.tabs)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for action, step in (("next_tab", 1), ("previous_tab", -1)):
            office_key(self, action, lambda step=step: self.tabs.setCurrentIndex(
                (self.tabs.currentIndex() + step) % self.tabs.count()), context=context)
        office_key(self.search, "clear", self.search.clear, context=Qt.ShortcutContext.WidgetShortcut)
        office_key(self.search, "to_list", self.into_table, context=Qt.ShortcutContext.WidgetShortcut)
        office_key(self, "refresh", self.refresh, context=context)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.search.setFocus()  # scan-first: whatever the scanner sends lands here

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Orders"))
        self.search_label.setText(self.tr("&Search"))
        self.owner_label.setText(self.tr("O&wner"))
        self.owner.retranslate_ui()
        self.search.setPlaceholderText(self.tr("order no., waybill, copNo, full ID number or its last digits"))
        self._show_tab_texts()
        self.model.retranslate()
        self.detail.retranslate_ui()
        self._show_count()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._show_tab_texts()

    def _show_tab_texts(self) -> None:
        """Each stage with its count; when the tabs are wider than the screen (English at 1366×768) the longest
        names elide, never a count (the tab's tooltip holds the whole name)."""
        texts = []
        for stage in TABS:
            name = stage_label(stage) if stage else self.tr("All")
            count = sum(self.counts.values()) if not stage else self.counts.get(stage, 0)
            texts.append((name, f" ({count})" if self.counts else ""))
        metrics, room = self.tabs.fontMetrics(), self.tabs.width()
        cap = max(metrics.horizontalAdvance(name) for name, _ in texts)
        while True:
            for i, (name, count) in enumerate(texts):
                shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, cap)
                self.tabs.setTabText(i, shown + count)
                self.tabs.setTabToolTip(i, name + count if shown != name else "")
            wide = sum(self.tabs.tabSizeHint(i).width() for i in range(self.tabs.count()))
            if wide <= room or room <= 0 or cap <= TAB_NAME_PX:
                return
            cap -= 8

    def show_stage(self, stage: str) -> None:
        """Open the tab of one flow stage ("" for every order), the search cleared (the overview's figures)."""
        self.search.clear()
        self.tabs.setCurrentIndex(TABS.index(stage) if stage in TABS else 0)
        self.apply_filter()

    # -- filtering --------------------------------------------------------------------------------------
    def current_filter(self) -> tuple[str, str, str]:
        return TABS[max(self.tabs.currentIndex(), 0)], self.search.text().strip(), self.owner.code()

    def apply_filter(self, *_args: object) -> None:
        flt = self.current_filter()
        if flt != self.model.current_filter:
            self.model.set_filter(flt)
        self._load_counts()

    def search_now(self) -> None:
        """Enter (or a scanner's terminator): search at once."""
        self.debounce.flush()
        self.apply_filter()

    def refresh(self) -> None:
        self.owner.load()
        self.model.reload()
        self._load_counts()
        self.detail.reload()

    def _load_counts(self) -> None:
        self.ctx.run(tab_counts, write=False, on_done=self._counts_arrived, on_error=self.ctx.sig_error.emit)

    def _counts_arrived(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._show_tab_texts()

    def _rows_arrived(self) -> None:
        """A search that finds exactly one order opens it (a scanned waybill goes straight to its order); after a
        reload (receipts arriving, say) the order shown stays selected."""
        if self.view.selectionModel().hasSelection():
            return
        if self.model.rowCount() == 1 and self.model.current_filter[1]:
            self.view.selectRow(0)
            return
        shown = self.detail.order_no
        found = next((r for r in range(self.model.rowCount()) if self.model.row_at(r)[1] == shown), None)
        if shown and found is not None:
            self.view.selectRow(found)

    def into_table(self) -> None:
        """Down from the search field: on to the orders (the arrows then move through them)."""
        self.view.setFocus()
        if not self.view.selectionModel().hasSelection() and self.model.rowCount():
            self.view.selectRow(0)

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        row = self.model.row_at(indexes[0].row()) if indexes else None
        if row is not None and row[1] != self.detail.order_no:
            self.detail.load(row[1])

    def _show_count(self, *_args: object) -> None:
        self.count.setText(count_text(self.model))
