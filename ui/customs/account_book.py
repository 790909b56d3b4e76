"""Customs: the bonded account book — each item's customs balance and what is pre-decreased for declared orders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.admin.queries import account_book_page
from app.persistence.uow import Area
from ui.models.paged import Column, Header
from ui.shell.screen import Screen, heading
from ui.vocabulary import unit_label
from ui.widgets.import_action import ImportKind
from ui.widgets.paged_list import PagedList

if TYPE_CHECKING:
    from ui.context import AppContext

# an account_book_page row: (item_no, hs_code, name, unit, storage_limit_days, balance, pre-decreased)
COLUMNS = [
    Column(0, QT_TRANSLATE_NOOP("Columns", "Item")),
    Column(1, Header.HS_CODE),
    Column(2, Header.NAME),
    Column(3, Header.UNIT, unit_label),
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
        self.list = PagedList(self, ctx, COLUMNS, account_book_page, name="account_book_table", first_key="",
                              key_fn=lambda row: row[0], imports=IMPORTS, stretch=2)  # the name elides
        self.model, self.search, self.view, self.imports = self.list.model, self.list.search, self.list.view, \
            self.list.imports
        self.count = self.list.count
        self.title, self.note = heading(), QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(self.list.bar())
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()
        self.list.start()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Account book"))
        self.note.setText(self.tr("The customs balance is the sum of the ledger's actual entries; pre-decreased "
                                  "units are declared for orders but have not left the gate yet."))
        self.list.retranslate(self.tr("&Search"), self.tr("item or HS code (start), or part of the name"))

    def refresh(self) -> None:
        self.list.refresh()
