"""The period books (账册进出存) and the three-ledger comparison: pick the period, read customs' balances file
(CSV item_no,balance) beside ours and the physical stock, print the ledger report (D11).

Rows whose closing differs from the physical stock, or from customs' balance once a file is read, are shaded;
"Only differences" hides the rest. Read-only: every role that may view (printing needs the print right).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.persistence.uow import Area
from ui.clock import warehouse_today
from ui.shell.screen import Screen, heading
from ui.widgets.document_preview import open_preview
from ui.widgets.error_dialog import show_error
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from app.customs.books import Comparison, PeriodBooks, PeriodLine
    from app.persistence.uow import UnitOfWork
    from ui.context import AppContext

DIFFERENT = QBrush(QColor("#f6d5d5"))


@dataclass(frozen=True)
class BookRow:
    """One item of the period books, with customs' balance when a file was read (None: not compared)."""

    line: PeriodLine
    customs: int | None = None

    @property
    def customs_difference(self) -> int | None:
        return None if self.customs is None else self.line.closing - self.customs

    @property
    def differs(self) -> bool:
        return bool(self.line.difference or self.customs_difference)


def _line(name: str) -> Callable[[BookRow], Any]:
    return lambda row: getattr(row.line, name)


COLUMNS = [
    Col(QT_TRANSLATE_NOOP("BookColumns", "Account-book item"), _line("item_no")),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Opening"), _line("opening"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Entered"), _line("entered"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Decreased"), _line("decreased"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Posted"), _line("decreased_posted"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Returned"), _line("returned"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Adjusted"), _line("adjusted"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Disposed"), _line("disposed"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Closing"), _line("closing"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Physical"), _line("physical"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Δ physical"), _line("difference"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Customs"), key("customs"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Δ customs"), key("customs_difference"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Pending adj."), _line("adjusted_pending"), numeric=True),
    Col(QT_TRANSLATE_NOOP("BookColumns", "Name"), _line("name")),
]


CUSTOMS_COLUMNS = (11, 12)  # Customs, Δ customs


def _style(row: BookRow) -> tuple[QBrush | None, bool]:
    return (DIFFERENT, True) if row.differs else (None, False)


def load(uow: UnitOfWork, first: date, last: date, customs_file: str | None) -> tuple[PeriodBooks, Comparison | None]:
    """The period's books and, with a file, the comparison with customs' balances (one job on the DB thread)."""
    from app.customs.books import compare, period_ledger

    books = period_ledger(uow, first, last)
    return books, compare(uow, customs_file) if customs_file else None


def rows_of(books: PeriodBooks, comparison: Comparison | None) -> list[BookRow]:
    theirs: dict[str, Any] = {line.item_no: line.customs for line in comparison.lines} if comparison else {}
    return [BookRow(line, theirs.get(line.item_no)) for line in books.lines]


class BooksScreen(Screen):
    """The period books of every account-book item, compared with customs' balances on demand."""

    areas = frozenset({Area.LEDGER, Area.STOCK, Area.MASTER})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.customs_file: str | None = None
        self.all_rows: list[BookRow] = []
        day = warehouse_today()  # the warehouse's date, not the workstation's
        today = QDate(day.year, day.month, day.day)
        self.title, self.note, self.totals = heading(), QLabel(wordWrap=True), QLabel(objectName="books_totals")
        self.from_label, self.to_label = QLabel(), QLabel()
        self.first = QDateEdit(QDate(today.year(), today.month(), 1), calendarPopup=True, objectName="books_from")
        self.last = QDateEdit(today, calendarPopup=True, objectName="books_to")
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.refresh)
        self.compare_button = QPushButton(objectName="books_compare")
        self.compare_button.clicked.connect(self.choose_customs_file)
        self.only_differences = QCheckBox(objectName="books_only_differences")
        self.only_differences.toggled.connect(self._filter)
        self.print_button = QPushButton(objectName="books_print")
        self.print_button.clicked.connect(self.print_report)
        bar = QHBoxLayout()
        for widget in (self.from_label, self.first, self.to_label, self.last, self.compare_button,
                       self.only_differences):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        self.model = RowsModel(COLUMNS, style=_style, parent=self, context="BookColumns")
        self.view = table_view(self.model, name="books_table")
        # fifteen columns at 1366×768: each as wide as its header or figure, no more; the name takes the rest,
        # elided (its tooltip holds it)
        fit_on_reset(self.view, max_px=240, stretch=len(COLUMNS) - 1, pad=2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        self.retranslate_ui()
        self.refresh()

    def period(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Period books and three-ledger comparison"))
        self.note.setText(self.tr("Closing = opening + entered − decreased + returned + adjusted − disposed. "
                                  "Physical is what stock holds now (held, damaged and reserved units included); "
                                  "Δ physical = closing − physical, Δ customs = closing − customs' balance. Rows that "
                                  "differ are shaded. Posted: decreases on an exit checklist customs has posted."))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.compare_button.setText(self.tr("Compare with customs' balances…"))
        self.only_differences.setText(self.tr("Only differences"))
        self.print_button.setText(self.tr("Ledger report…"))
        self.model.retranslate()
        self._show_totals()

    def refresh(self) -> None:
        first, last = self.period()
        path = self.customs_file
        self.ctx.run(lambda uow: load(uow, first, last, path), write=False, on_done=self._show,
                     on_error=self._failed)

    def choose_customs_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Customs' balances (CSV item_no,balance)"), "",
                                              self.tr("Balances (*.csv *.xlsx)"))
        if path:
            self.compare_with(path)

    def compare_with(self, path: str | Path | None) -> None:
        """Read customs' balances from `path` (None: stop comparing) and show them beside ours."""
        self.customs_file = str(path) if path else None
        self.refresh()

    def print_report(self) -> None:
        from app.customs.books import period_key

        open_preview(self.ctx, self, "ledger-report", period_key(*self.period()))

    def _failed(self, exc: BaseException) -> None:
        self.customs_file = None  # a refused file: back to the books alone
        show_error(exc, self)

    def _show(self, result: tuple[PeriodBooks, Comparison | None]) -> None:
        self.all_rows = rows_of(*result)
        self._filter()

    def _filter(self) -> None:
        rows = [r for r in self.all_rows if r.differs] if self.only_differences.isChecked() else self.all_rows
        for column in CUSTOMS_COLUMNS:  # empty until customs' balances are read: the room goes to the names
            self.view.setColumnHidden(column, self.customs_file is None)
        self.model.set_rows(rows)
        self._show_totals()

    def _show_totals(self) -> None:
        rows = self.all_rows
        compared = self.customs_file is not None
        text = (self.tr("Items: %1 · closing %2 · physical %3 · differing from stock: %4")
                .replace("%1", str(len(rows))).replace("%2", str(sum(r.line.closing for r in rows)))
                .replace("%3", str(sum(r.line.physical for r in rows)))
                .replace("%4", str(sum(1 for r in rows if r.line.difference))))
        if compared:
            text += " · " + self.tr("differing from customs (%1): %2").replace(
                "%1", Path(self.customs_file or "").name).replace(
                "%2", str(sum(1 for r in rows if r.customs_difference)))
        self.totals.setText(text)
