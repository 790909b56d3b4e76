"""Reports: the warehouse invariants (DESIGN.md §4) checked against the database on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.admin.checks import CheckResult, check_all
from app.domain import vocabulary
from ui.shell.screen import Screen, heading
from ui.vocabulary import check_problem, invariant
from ui.widgets.tables import grid

if TYPE_CHECKING:
    from ui.context import AppContext

class ChecksScreen(Screen):
    """Runs every check on the DB thread and lists each with its first problems (the product's own words)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.results: list[CheckResult] = []
        self.title, self.summary = heading(), QLabel(objectName="checks_summary", wordWrap=True)
        self.run_button = QPushButton(objectName="run_checks", clicked=self.run_checks)
        self.table = grid("checks_table", 3)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # problems wrap
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Warehouse checks"))
        self.run_button.setText(self.tr("Run the checks"))
        self.table.setHorizontalHeaderLabels([self.tr("Invariant"), self.tr("Result"), self.tr("Problems")])
        self._fill()

    def run_checks(self) -> None:
        self.run_button.setEnabled(False)
        self.ctx.run(check_all, write=False, on_done=self._checked, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.ctx.sig_error.emit(exc)

    def _checked(self, results: list[CheckResult]) -> None:
        self.run_button.setEnabled(True)
        self.results = sorted(results, key=_by_number)  # 1, 2, 3, 3b, … as DESIGN.md §4 numbers them
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.results))
        for row, r in enumerate(self.results):
            verdict = QTableWidgetItem(self.tr("holds") if r.ok else self.tr("BROKEN"))
            verdict.setForeground(QColor("#1b7f3b" if r.ok else "#c62828"))
            problems = QTableWidgetItem("\n".join(check_problem(f.form, f.values) for f in r.found[:5]))
            for col, item in enumerate((QTableWidgetItem(invariant(r.name)), verdict, problems)):
                item.setToolTip(item.text())
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        broken = sum(not r.ok for r in self.results)
        self.summary.setText("" if not self.results else self.tr("Every invariant holds.") if not broken
                             else self.tr("Broken invariants: %1").replace("%1", str(broken)))


def _by_number(result: CheckResult) -> tuple[int, str]:
    """An invariant's place by the number its shown name begins with ("3b …" after "3 …", "10 …" after "9 …"; the
    three that `bwms check` numbers 8 are 8a, 8b, 8c on screen)."""
    number = vocabulary.invariant(result.name).split(" ", 1)[0]
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    return (int(digits) if digits.isdigit() else 99, number)
