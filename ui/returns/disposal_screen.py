"""Disposal of goods that may never be sold: request (supervisor), approve (customs officer), execute before
witnesses (supervisor), and the two documents (destruction declaration form, execution record).

Every action goes to app.returns on the DB thread; the services check the roles (a button a role may not use is
hidden, and the service refuses it anyway).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.domain.returns import DISPOSAL_REASONS
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.shell.screen import Screen, heading
from ui.vocabulary import setting_label
from ui.widgets import document_preview as documents
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

REASONS = {
    "expired": QT_TRANSLATE_NOOP("Disposal", "past its shelf life"),
    "damaged": QT_TRANSLATE_NOOP("Disposal", "damaged or defective"),
    "recalled": QT_TRANSLATE_NOOP("Disposal", "banned or recalled"),
    "quality": QT_TRANSLATE_NOOP("Disposal", "brand or quality problem"),
    "unsellable": QT_TRANSLATE_NOOP("Disposal", "unsellable"),
    "force_majeure": QT_TRANSLATE_NOOP("Disposal", "force majeure"),
    "other": QT_TRANSLATE_NOOP("Disposal", "other"),
}
METHODS = {"destroy": QT_TRANSLATE_NOOP("Disposal", "destruction"),
           "return_abroad": QT_TRANSLATE_NOOP("Disposal", "return abroad")}
STATUSES = {"requested": QT_TRANSLATE_NOOP("Disposal", "requested"),
            "approved": QT_TRANSLATE_NOOP("Disposal", "approved by customs"),
            "executed": QT_TRANSLATE_NOOP("Disposal", "executed")}


def _words(table: dict[str, str]) -> Any:
    return lambda value: QCoreApplication.translate("Disposal", table.get(value, str(value)))


COLUMNS = [
    Col(QT_TRANSLATE_NOOP("Disposal", "No."), key("disposal"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Disposal", "Lot"), key("lot")),
    Col(QT_TRANSLATE_NOOP("Disposal", "SKU"), key("sku")),
    Col(QT_TRANSLATE_NOOP("Disposal", "Quantity"), key("quantity"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Disposal", "Reason"), key("reason"), _words(REASONS)),
    Col(QT_TRANSLATE_NOOP("Disposal", "Method"), key("method"), _words(METHODS)),
    Col(QT_TRANSLATE_NOOP("Disposal", "Status"), key("status"), _words(STATUSES)),
    Col(QT_TRANSLATE_NOOP("Disposal", "Approved by"), key("approved_by")),
    Col(QT_TRANSLATE_NOOP("Disposal", "Executed"), key("executed_at")),
]


class DisposalScreen(Screen):
    """The disposals, and what the signed-in role may do with the selected one."""

    areas = frozenset({Area.RETURNS, Area.STOCK, Area.LEDGER})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = RowsModel(COLUMNS, parent=self, context="Disposal")
        self.title, self.answer = heading(), QLabel(objectName="answer", wordWrap=True)
        self.view = table_view(self.model, name="disposals_table")
        fit_on_reset(self.view, stretch=2)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        supervisor, officer = ctx.may(Permission.SUPERVISE), ctx.may(Permission.APPROVE_DISPOSAL)
        self.form = QGroupBox(objectName="request_form")
        self.lot, self.qty = QLineEdit(objectName="lot"), QSpinBox(objectName="qty", minimum=1, maximum=1_000_000)
        self.reason, self.method = QComboBox(objectName="reason"), QComboBox(objectName="method")
        for code in DISPOSAL_REASONS:
            self.reason.addItem("", code)
        for code in METHODS:
            self.method.addItem("", code)
        self.company = QLineEdit(objectName="company")
        self.request_button = QPushButton(objectName="request", clicked=self.request)
        self.labels = [QLabel() for _ in range(5)]
        form = QFormLayout(self.form)
        for label, field in zip(self.labels, (self.lot, self.qty, self.reason, self.method, self.company)):
            form.addRow(label, field)
        form.addRow("", self.request_button)
        self.form.setVisible(supervisor)
        self.approve_button = QPushButton(objectName="approve", clicked=self.approve, visible=officer)
        self.witnesses = QLineEdit(objectName="witnesses", visible=supervisor)
        self.execute_button = QPushButton(objectName="execute", clicked=self.execute, visible=supervisor)
        self.form_button = QPushButton(objectName="print_form", clicked=lambda: self._print("disposal-form"))
        self.record_button = QPushButton(objectName="print_record", clicked=lambda: self._print("disposal-record"))
        actions = QHBoxLayout()
        for widget in (self.approve_button, self.witnesses, self.execute_button, self.form_button,
                       self.record_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.answer)
        layout.addWidget(self.form)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Disposal: destruction and return abroad"))
        for label, text in zip(self.labels, (self.tr("Lot (batch)"), self.tr("Quantity"), self.tr("Reason"),
                                             self.tr("Method"), self.tr("Disposal company"))):
            label.setText(text)
        for i in range(self.reason.count()):
            self.reason.setItemText(i, _words(REASONS)(self.reason.itemData(i)))
        for i in range(self.method.count()):
            self.method.setItemText(i, _words(METHODS)(self.method.itemData(i)))
        self.company.setPlaceholderText(self.tr("(empty: the setting “%1”)").replace(
            "%1", setting_label("disposal_company")))
        self.form.setTitle(self.tr("Request a disposal"))
        self.request_button.setText(self.tr("Request"))
        self.approve_button.setText(self.tr("Approve (customs)"))
        self.witnesses.setPlaceholderText(self.tr("Witnesses, separated by commas"))
        self.execute_button.setText(self.tr("Execute before the witnesses"))
        self.form_button.setText(self.tr("Declaration form"))
        self.record_button.setText(self.tr("Execution record"))
        self.model.retranslate()
        self._enable()

    def refresh(self) -> None:
        from app.returns import disposals

        self.ctx.run(disposals, write=False, on_done=self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        ids = [r["disposal"] for r in rows]
        if ids:
            self.view.selectRow(ids.index(chosen["disposal"]) if chosen and chosen["disposal"] in ids else
                                len(ids) - 1)
        self._enable()

    def selected(self) -> dict[str, Any] | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        row = self.selected()
        status = row["status"] if row else ""
        self.approve_button.setEnabled(status == "requested")
        self.execute_button.setEnabled(status == "approved")
        self.form_button.setEnabled(row is not None)
        self.record_button.setEnabled(status == "executed")

    # -- actions --------------------------------------------------------------------------------------------
    def request(self) -> None:
        from app.returns import request_disposal

        lot, qty, reason = self.lot.text().strip(), self.qty.value(), self.reason.currentData()
        method, company = self.method.currentData(), self.company.text().strip()
        self.ctx.run(lambda uow: request_disposal(uow, lot, qty, reason, method, company=company),
                     on_done=self._done, on_error=self._refused)

    def approve(self) -> None:
        from app.returns import approve_disposal

        row = self.selected()
        if row is not None:
            self.ctx.run(lambda uow: approve_disposal(uow, row["disposal"]), on_done=self._done,
                         on_error=self._refused)

    def execute(self) -> None:
        from app.returns import execute_disposal

        row = self.selected()
        names = [n.strip() for n in self.witnesses.text().replace("，", ",").split(",") if n.strip()]
        if row is not None:
            self.ctx.run(lambda uow: execute_disposal(uow, row["disposal"], names), on_done=self._done,
                         on_error=self._refused)

    def _done(self, result: Any) -> None:
        words = {"requested": self.tr("Disposal %1 requested: customs approves it"),
                 "approved": self.tr("Disposal %1 approved"),
                 "executed": self.tr("Disposal %1 executed: the units left the warehouse and the account book")}
        self.answer.setText(words[result.status].replace("%1", str(result.disposal)))
        self.answer.setStyleSheet("")
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        from ui.error_text import describe

        self.answer.setText(describe(exc).text)
        self.answer.setStyleSheet("color: #b00020")

    def _print(self, name: str) -> None:
        row = self.selected()
        if row is not None:
            documents.open_preview(self.ctx, self, name, str(row["disposal"]))
