"""Reports: the audit log, newest first, each entry a sentence ("Wang Li released declaration D123"), the selected
entry's detail as a two-column table; and a check of its hash chain (tampering shows as a broken link)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.admin.queries import audit_page, verify_audit_chain
from app.persistence.uow import Area
from ui.models.paged import Column, Header
from ui.shell.screen import Screen, heading
from ui.vocabulary import audit_sentence, check_problem, detail_rows, role_label, term
from ui.widgets.paged_list import PagedList
from ui.widgets.tables import fill, grid, render_value

if TYPE_CHECKING:
    from app.admin.audit import ChainReport
    from ui.context import AppContext

# an audit_page row: (id, at, username, role, station, action, entity, entity_key, outcome, detail), and the row
# itself at ROW, so one column can read several of its values (the sentence)
ROW = 10
COLUMNS = [
    Column(0, Header.NO, numeric=True),
    Column(1, Header.TIME, render_value),
    Column(ROW, QT_TRANSLATE_NOOP("Columns", "What happened"), lambda r: audit_sentence(r[2], r[5], r[6], r[7], r[8])),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Role"), role_label),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Workstation")),
    Column(8, QT_TRANSLATE_NOOP("Columns", "Outcome"), lambda outcome: term("outcome", outcome)),
]


def _page(uow: Any, search: str = "", before_id: int | None = None, limit: int = 200) -> list[tuple]:
    return [(*row, row) for row in audit_page(uow, search, before_id, limit)]


def detail_of(raw: str | None) -> list[tuple[str, str]]:
    """The stored detail (JSON) as readable rows; text that is not a JSON object shows as one row."""
    try:
        detail = json.loads(raw or "{}")
    except ValueError:
        return [("", raw or "")]
    return detail_rows(detail) if isinstance(detail, dict) else [("", str(detail))]


class AuditLogScreen(Screen):
    """Who did what, when, from where — and whether anyone altered the record since."""

    areas = frozenset(Area)  # every change writes the audit log

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.list = PagedList(self, ctx, COLUMNS, _page, name="audit_table", first_key=None,
                              key_fn=lambda row: row[0], stretch=2)  # the sentence elides (tooltip)
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
        self.detail = grid("audit_detail", 2, stretch=1)
        self.detail_title = QLabel(objectName="audit_detail_title", wordWrap=True)
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addWidget(self.detail, 1)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.view)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        layout.addWidget(self.count)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.retranslate_ui()
        self.list.start()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Audit log"))
        self.verify_button.setText(self.tr("Verify the chain"))
        self.chain.setText(self._chain_text())
        self.list.retranslate(self.tr("&Search"), self.tr("user, action or record (start)"))
        self.detail.setHorizontalHeaderLabels([self.tr("Detail"), self.tr("Value")])
        self.show_detail()

    def show_detail(self) -> None:
        """The selected entry's detail, one row per thing it records."""
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.detail_title.setText(self.tr("Select an entry to see its detail."))
            fill(self.detail, [])
            return
        self.detail_title.setText(audit_sentence(row[2], row[5], row[6], row[7], row[8]))
        fill(self.detail, [list(pair) for pair in detail_of(row[9])])

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
                "%1", str(report.first_bad_id)).replace("%2", _broken_because(report))
            self.chain.setStyleSheet("color: #c62828; font-weight: bold;")
        self.chain.setText(self._chain_text())


def _broken_because(report: ChainReport) -> str:
    """Why the chain is broken, in the screen's language."""
    return check_problem(report.form, report.values) if report.form else report.reason
