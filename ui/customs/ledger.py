"""The customs ledger: per account-book item what entered, what is pre-decreased for declared orders, what was
decreased at the gate, and the balance customs counts. Read-only, for every role that may view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.persistence.uow import Area
from ui.shell.screen import Screen, heading
from ui.widgets.tables import Col, ColHeader, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from app.customs.ledger import ItemBalance
    from ui.context import AppContext

# app.customs.ledger.ItemBalance
COLUMNS = [
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Account-book item"), key("account_book_item")),
    Col(ColHeader.NAME, key("name")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Entered"), key("entered"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Pre-decreased"), key("pre_decreased"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Decreased"), key("decreased"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Returned"), key("returned"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Disposed"), key("disposed"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Adjusted"), key("adjusted"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Adjustments pending"), key("adjusted_pending"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Balance"), key("balance"), numeric=True),
]


class LedgerScreen(Screen):
    """The balance of every account-book item (app.customs.ledger.balances), refreshed when the ledger changes."""

    areas = frozenset({Area.LEDGER, Area.CUSTOMS, Area.MASTER})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = RowsModel(COLUMNS, parent=self)
        self.title, self.note, self.totals = heading(), QLabel(wordWrap=True), QLabel(objectName="ledger_totals")
        self.view = table_view(self.model, name="ledger_table")
        fit_on_reset(self.view, stretch=1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Customs ledger"))
        self.note.setText(self.tr("Balance = entered − decreased + returned − disposed + adjusted. Pre-decreased "
                                  "units are declared on inventory lists but have not left the gate yet; "
                                  "adjustments pending are stock-count differences customs has not confirmed yet "
                                  "(not in the balance)."))
        self.model.retranslate()
        self._show_totals()

    def refresh(self) -> None:
        from app.customs.ledger import balances

        self.ctx.run(balances, write=False, on_done=self._show)

    def _show(self, rows: list[ItemBalance]) -> None:
        self.model.set_rows(rows)
        self._show_totals()

    def _show_totals(self) -> None:
        rows = self.model.rows
        self.totals.setText(self.tr("Items: %1 · entered %2 · pre-decreased %3 · decreased %4 · balance %5")
                            .replace("%1", str(len(rows))).replace("%2", str(sum(r.entered for r in rows)))
                            .replace("%3", str(sum(r.pre_decreased for r in rows)))
                            .replace("%4", str(sum(r.decreased for r in rows)))
                            .replace("%5", str(sum(r.balance for r in rows))))
