"""Customs: the bonded account book — each item's customs balance and what is pre-decreased for declared orders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.admin.queries import account_book_page
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.models.paged import Column, PagedTableModel
from ui.shell.screen import Screen, heading
from ui.widgets.import_action import ImportButton, ImportKind
from ui.widgets.tables import Debouncer, count_text, fit_columns_once, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

# an account_book_page row: (item_no, hs_code, name, unit, storage_limit_days, balance, pre-decreased)
COLUMNS = [
    Column(0, QT_TRANSLATE_NOOP("Columns", "Item")),
    Column(1, QT_TRANSLATE_NOOP("Columns", "HS code")),
    Column(2, QT_TRANSLATE_NOOP("Columns", "Name")),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Unit")),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Storage limit (days)"), numeric=True),
    Column(5, QT_TRANSLATE_NOOP("Columns", "Customs balance"), numeric=True),
    Column(6, QT_TRANSLATE_NOOP("Columns", "Pre-decreased"), numeric=True),
]
IMPORTS = [ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import account book…"),
                      "app.admin.masterdata:import_account_book")]


class AccountBookScreen(Screen):
    """What customs counts: per account-book item, the balance of the ledger's actual entries."""

    areas = frozenset({Area.MASTER, Area.CUSTOMS, Area.LEDGER, Area.STOCK})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = PagedTableModel(ctx, COLUMNS, account_book_page, first_key="", key_fn=lambda row: row[0])
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.debounce = Debouncer(300, self.apply_search, self)
        self.search.textChanged.connect(self.debounce.poke)
        self.search.returnPressed.connect(self.debounce.flush)
        self.view = table_view(self.model, name="account_book_table")
        fit_columns_once(self.view, self.model)
        self.count = QLabel(objectName="count")
        self.model.sig_count.connect(self._show_count)
        self.model.sig_failed.connect(ctx.sig_error)
        self.imports = [ImportButton(ctx, k) for k in IMPORTS] if ctx.may(Permission.MASTER_DATA) else []
        self.title, self.search_label, self.note = heading(), QLabel(), QLabel(wordWrap=True)
        self.search_label.setBuddy(self.search)
        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        for button in self.imports:
            button.sig_imported.connect(self.refresh)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()
        self.model.set_filter("")

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Account book"))
        self.note.setText(self.tr("The customs balance is the sum of the ledger's actual entries; pre-decreased "
                                  "units are declared for orders but have not left the gate yet."))
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("item or HS code (start), or part of the name"))
        self.model.retranslate()
        self._show_count()

    def apply_search(self) -> None:
        text = self.search.text().strip()
        if text != self.model.current_filter:
            self.model.set_filter(text)

    def refresh(self) -> None:
        self.model.reload()

    def _show_count(self, *_args: object) -> None:
        self.count.setText(count_text(self.model))
