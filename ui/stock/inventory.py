"""Inventory: the stock view — filters by SKU, location, batch and status over a lazy, paged table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.persistence.uow import Area
from app.stock.movements import StockFilter, stock_count, stock_page
from ui.models.paged import Column, Header, PagedTableModel
from ui.shell.screen import Screen, heading
from ui.vocabulary import STOCK_STATUSES, status_label
from ui.widgets.owner_filter import OwnerFilter
from ui.widgets.tables import Debouncer, count_text, fit_columns_once, render_value, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

# a stock_page row: (id, sku, name, batch, expiry, location, lpn, status, qty, reserved, owner)
STOCK_COLUMNS = [
    Column(1, Header.SKU),
    Column(2, Header.NAME),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Batch")),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Expiry"), render_value),
    Column(5, Header.LOCATION),
    Column(6, QT_TRANSLATE_NOOP("Columns", "Handling unit")),
    Column(7, Header.STATUS, status_label),
    Column(8, QT_TRANSLATE_NOOP("Columns", "Quantity"), numeric=True),
    Column(9, QT_TRANSLATE_NOOP("Columns", "Reserved"), numeric=True),
    Column(10, Header.OWNER),
]


def stock_model(ctx: AppContext, page_size: int = 200) -> PagedTableModel:
    return PagedTableModel(ctx, STOCK_COLUMNS, stock_page, count_fn=stock_count, page_size=page_size)


class StockScreen(Screen):
    """What is where: one row per location × lot × handling unit × status; never loads the whole table."""

    areas = frozenset({Area.STOCK})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = stock_model(ctx)
        self.debounce = Debouncer(300, self.apply_filter, self)
        self.sku, self.location, self.batch = QLineEdit(objectName="sku"), QLineEdit(objectName="location"), \
            QLineEdit(objectName="batch")
        self.status = QComboBox(objectName="status")
        self.owner = OwnerFilter(ctx)
        self.status.addItem("", "")
        for status in STOCK_STATUSES:
            self.status.addItem("", status)
        self.count = QLabel(objectName="count")
        self.view = table_view(self.model, name="stock_table")
        fit_columns_once(self.view, self.model, stretch=1)  # the name elides at 1366×768, not the figures
        self._lay_out()
        for field in (self.sku, self.location, self.batch):
            field.textChanged.connect(self.debounce.poke)
            field.returnPressed.connect(self.debounce.flush)
        self.status.currentIndexChanged.connect(self.debounce.poke)
        self.owner.currentIndexChanged.connect(self.debounce.poke)
        self.model.sig_count.connect(self._show_count)
        self.model.sig_loading.connect(self._show_count)
        self.model.sig_failed.connect(self.ctx.sig_error)
        self.retranslate_ui()
        self.apply_filter()

    def _lay_out(self) -> None:
        self.labels = [QLabel() for _ in range(5)]
        bar = QHBoxLayout()
        for label, field in zip(self.labels, (self.owner, self.sku, self.location, self.batch, self.status)):
            label.setBuddy(field)
            bar.addWidget(label)
            bar.addWidget(field, 1)
        self.title = heading()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Stock"))
        for label, text in zip(self.labels, (self.tr("O&wner"), self.tr("&SKU"), self.tr("L&ocation"),
                                             self.tr("&Batch"), self.tr("S&tatus"))):
            label.setText(text)
        self.owner.retranslate_ui()
        self.sku.setPlaceholderText(self.tr("starts with…"))
        self.location.setPlaceholderText(self.tr("starts with…"))
        self.batch.setPlaceholderText(self.tr("starts with…"))
        self.status.setItemText(0, self.tr("any status"))
        for i in range(1, self.status.count()):
            self.status.setItemText(i, status_label(self.status.itemData(i)))
        self.model.retranslate()
        self._show_count()

    def current_filter(self) -> StockFilter:
        return StockFilter(sku=self.sku.text().strip(), location=self.location.text().strip(),
                           batch=self.batch.text().strip(), status=self.status.currentData() or "",
                           owner=self.owner.code())

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if flt != self.model.current_filter:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        self.owner.load()
        self.model.reload()

    def _show_count(self, *_args: object) -> None:
        text = count_text(self.model)
        self.count.setText(text + (" · " + self.tr("loading…") if self.model.fetching else ""))
