"""Products: the SKU master with search, and the customs filing of the selected product beside it."""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.admin.queries import product_filing, products_count, products_page
from app.config import resources_dir
from app.domain.codes import country_name
from app.persistence.uow import Area
from ui.i18n import chinese_on_screen
from ui.models.paged import Column, Header
from ui.shell.screen import Screen, heading
from ui.widgets.import_action import ImportKind
from ui.widgets.paged_list import PagedList
from ui.widgets.tables import render_value

if TYPE_CHECKING:
    from ui.context import AppContext

# a products_page row: (sku, gtin, name_cn, name_en, brand, hs_code, origin, unit, filed_price, account-book item),
# and the two names as one value last (the list shows the name in the screen's language).
# At 1366×768 the list beside the filing shows what finds a product and its filed price; the name takes the room
# left (a long one elided, its tooltip holding it); brand, origin, unit and account-book item are in the filing.
COLUMNS = [
    Column(0, Header.SKU),
    Column(1, QT_TRANSLATE_NOOP("Columns", "GTIN")),
    Column(5, Header.HS_CODE),
    Column(8, QT_TRANSLATE_NOOP("Columns", "Filed price"), render_value, numeric=True),
    Column(10, Header.NAME, lambda names: names[1] if names[1] and not chinese_on_screen() else names[0]),
]


def products_list_page(uow: Any, search: str, after_sku: str, limit: int) -> list[tuple]:
    return [(*row, (row[2], row[3])) for row in products_page(uow, search, after_sku, limit)]


IMPORTS = [
    ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import products…"), "app.admin.masterdata:import_products"),
    ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import positive list…"),
               "app.admin.masterdata:import_positive_list"),
]
# (label source in context "ProductFiling", how to show the filing dict)
FILING_FIELDS: list[tuple[str, str]] = [
    (QT_TRANSLATE_NOOP("ProductFiling", "SKU"), "sku"),
    (QT_TRANSLATE_NOOP("ProductFiling", "GTIN"), "gtin"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Chinese name"), "name_cn"),
    (QT_TRANSLATE_NOOP("ProductFiling", "English name"), "name_en"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Brand"), "brand"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Specification"), "spec"),
    (QT_TRANSLATE_NOOP("ProductFiling", "HS code"), "hs_code"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Positive list"), "positive_list"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Country of origin"), "origin"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Transaction unit"), "unit"),
    (QT_TRANSLATE_NOOP("ProductFiling", "First legal unit"), "legal1"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Second legal unit"), "legal2"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Filed unit price"), "price"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Net / gross weight (kg)"), "weights"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Shelf life (days)"), "shelf_life_days"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Account-book item"), "item"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Storage limit (days)"), "storage_limit_days"),
    (QT_TRANSLATE_NOOP("ProductFiling", "VAT rate"), "vat_rate"),
    (QT_TRANSLATE_NOOP("ProductFiling", "Consumption-tax rate"), "consumption_tax_rate"),
    (QT_TRANSLATE_NOOP("ProductFiling", "MFN tariff rate"), "mfn_tariff_rate"),
]


@cache
def unit_names() -> dict[str, tuple[str, str]]:
    """Customs unit code → (Chinese name, English name)."""
    with open(resources_dir() / "customs_units.csv", encoding="utf-8") as fh:
        return {row["code"]: (row["name_cn"], row["name_en"]) for row in csv.DictReader(fh)}


def unit_text(code: str | None) -> str:
    if not code:
        return ""
    names = unit_names().get(code)
    if names is None:
        return code
    return f"{code} {names[0] if chinese_on_screen() else names[1]}"


def country_text(code: str | None) -> str:
    """AU → 'AU Australia' ('AU 澳大利亚'), as a unit reads: the code customs checks, then its name."""
    if not code:
        return ""
    name = country_name(code, "zh" if chinese_on_screen() else "en")
    return code if name == code else f"{code} {name}"


def _rate(value: Decimal | None) -> str:
    return "" if value is None else f"{(value * 100).normalize():f} %"


def _factor(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def filing_values(f: dict[str, Any]) -> dict[str, str]:
    """The filing as display strings, one per FILING_FIELDS entry."""
    per_unit = QCoreApplication.translate("ProductFiling", "%1 × %2 per %3")
    legal = [per_unit.replace("%1", unit_text(f[u])).replace("%2", _factor(f[k])).replace("%3", unit_text(f["unit"]))
             if f.get(u) else "" for u, k in (("legal_unit1", "legal_factor1"), ("legal_unit2", "legal_factor2"))]
    values = {key: render_value(f.get(key)) for _, key in FILING_FIELDS}
    values.update(
        positive_list=f["positive_list"] or QCoreApplication.translate("ProductFiling",
                                                                       "not on the imported positive list"),
        origin=country_text(f["origin"]), unit=unit_text(f["unit"]), legal1=legal[0], legal2=legal[1],
        price=f"{render_value(f['filed_price'])} {f['currency']}",
        weights=f"{render_value(f['net_weight_kg'])} / {render_value(f['gross_weight_kg'])}",
        item=f"{f['account_book_item']} {f['account_book_name']}",
        vat_rate=_rate(f["vat_rate"]), consumption_tax_rate=_rate(f["consumption_tax_rate"]),
        mfn_tariff_rate=_rate(f["mfn_tariff_rate"]))
    return values


class ProductsScreen(Screen):
    """Search the SKU master; the selected product's customs filing is shown in full on the right."""

    areas = frozenset({Area.MASTER})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.filing: dict[str, Any] | None = None
        self.list = PagedList(self, ctx, COLUMNS, products_list_page, name="products_table", first_key="",
                              key_fn=lambda row: row[0], count_fn=products_count, imports=IMPORTS)
        self.model, self.search, self.view, self.imports = self.list.model, self.list.search, self.list.view, \
            self.list.imports
        self.count = self.list.count
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.model.rowsInserted.connect(self._select_first)
        self._lay_out()
        self.retranslate_ui()
        self.list.start()

    def _lay_out(self) -> None:
        self.title = heading()
        self.detail_title = QLabel(objectName="detail_title")
        bold = self.detail_title.font()
        bold.setBold(True)
        self.detail_title.setFont(bold)
        self.detail_form = QFormLayout()
        self.detail_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.detail_values: dict[str, QLabel] = {}
        for _label, key in FILING_FIELDS:
            value = QLabel(objectName=f"filing_{key}", wordWrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_values[key] = value
            self.detail_form.addRow(QLabel(), value)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.detail_title)
        column.addLayout(self.detail_form)
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(detail)
        scroll.setMinimumWidth(360)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.list.bar())
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Products"))
        for row, (label, _key) in enumerate(FILING_FIELDS):
            self.detail_form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(
                QCoreApplication.translate("ProductFiling", label))
        self._show_filing(self.filing)
        self.list.retranslate(self.tr("&Search"), self.tr("SKU, GTIN or HS code (start), or part of a name"))

    def refresh(self) -> None:
        self.list.refresh()

    def _select_first(self) -> None:
        """Show a filing right away: the first product, when nothing is selected yet."""
        if not self.view.selectionModel().hasSelection() and self.model.rowCount() > 0:
            self.view.selectRow(0)

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        row = self.model.row_at(indexes[0].row()) if indexes else None
        if row is not None:
            sku = row[0]
            self.ctx.run(lambda uow: product_filing(uow, sku), write=False, on_done=self._show_filing)

    def _show_filing(self, filing: dict[str, Any] | None) -> None:
        self.filing = filing
        values = filing_values(filing) if filing else {}
        for key, label in self.detail_values.items():
            label.setText(values.get(key, ""))
        self.detail_title.setText(self.tr("Customs filing") if filing
                                  else self.tr("Select a product to see its customs filing."))
