"""Reports: the audit log, newest first, and a check of its hash chain (tampering shows as a broken link)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from app.admin.queries import audit_page, verify_audit_chain
from app.persistence.uow import Area
from ui.models.paged import Column
from ui.shell.screen import Screen, heading
from ui.vocabulary import role_label
from ui.widgets.paged_list import PagedList
from ui.widgets.tables import render_value

if TYPE_CHECKING:
    from app.admin.audit import ChainReport
    from ui.context import AppContext

# an audit_page row: (id, at, username, role, station, action, entity, entity_key, outcome, detail)
COLUMNS = [
    Column(0, QT_TRANSLATE_NOOP("Columns", "No."), numeric=True),
    Column(1, QT_TRANSLATE_NOOP("Columns", "Time"), render_value),
    Column(2, QT_TRANSLATE_NOOP("Columns", "User")),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Role"), role_label),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Workstation")),
    Column(5, QT_TRANSLATE_NOOP("Columns", "Action")),
    Column(7, QT_TRANSLATE_NOOP("Columns", "Record")),
    Column(8, QT_TRANSLATE_NOOP("Columns", "Outcome")),
    Column(9, QT_TRANSLATE_NOOP("Columns", "Detail")),
]


class AuditLogScreen(Screen):
    """Who did what, when, from where — and whether anyone altered the record since."""

    areas = frozenset(Area)  # every change writes the audit log

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.list = PagedList(self, ctx, COLUMNS, audit_page, name="audit_table", first_key=None,
                              key_fn=lambda row: row[0])
        self.model, self.search, self.view, self.imports = self.list.model, self.list.search, self.list.view, \
            self.list.imports
        self.count = self.list.count
        self.verify_button = QPushButton(objectName="verify_chain", clicked=self.verify)
        self.chain = QLabel(objectName="chain_result", wordWrap=True)
        self._chain_text: Any = str
        self.title = heading()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.list.bar(self.verify_button))
        layout.addWidget(self.chain)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()
        self.list.start()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Audit log"))
        self.verify_button.setText(self.tr("Verify the chain"))
        self.chain.setText(self._chain_text())
        self.list.retranslate(self.tr("&Search"), self.tr("user, action or record (start)"))

    def refresh(self) -> None:
        self.list.refresh()

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.ctx.run(verify_audit_chain, write=False, on_done=self._verified,
                     on_error=self._verify_failed)

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.ctx.sig_error.emit(exc)

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            self._chain_text = lambda: self.tr("The audit chain is intact (entries verified: %1).").replace(
                "%1", str(report.entries))
            self.chain.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        else:
            self._chain_text = lambda: self.tr("The audit chain is BROKEN at entry %1: %2").replace(
                "%1", str(report.first_bad_id)).replace("%2", report.reason)
            self.chain.setStyleSheet("color: #c62828; font-weight: bold;")
        self.chain.setText(self._chain_text())
