"""Small pieces the order screens share: read-only tables filled from rows, local times, a status line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui.clock import warehouse_time
from ui.error_text import describe

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def local_time(value: str | datetime | None, seconds: bool = True) -> str:
    """A stored UTC time as warehouse time (the zone in the warehouse's settings)."""
    return warehouse_time(value, seconds)


def press_on(button: QAbstractButton, keys: QKeySequence | QKeySequence.StandardKey | str) -> QShortcut:
    """A key that presses `button` while it is shown and enabled in the active window.

    (QAbstractButton.setShortcut is not used: every setText, as on a language switch, replaces it.)
    """
    shortcut = QShortcut(QKeySequence(keys), button, context=Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(button.click)
    return shortcut


def row_table(columns: int, name: str, parent: QWidget | None = None, *, stretch: int = -1) -> QTableWidget:
    """A read-only, row-selecting table whose last (or `stretch`) column takes the spare width."""
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    if stretch < 0:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> None:
    """Replace the table's rows (each cell's full text is also its tooltip); columns fit their contents."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c in numeric:
                item.setTextAlignment(_RIGHT)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c) + 12, 360))


def fit_height(table: QTableWidget, most: int = 6, least: int = 2) -> None:
    """As tall as its rows (between `least` and `most` of them), so the space below goes to what follows."""
    rows = min(max(table.rowCount(), least), most)
    height = table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height + 2 * table.frameWidth() + 2)


def table_texts(table: QTableWidget) -> list[list[str]]:
    return [[(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())]
            for r in range(table.rowCount())]


class StatusLine(QLabel):
    """One line under a screen's actions saying what just happened: green when done, red when refused."""

    def __init__(self, name: str = "status", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def done(self, text: str) -> None:
        self.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        self.setText(text)

    def refused(self, exc_or_text: BaseException | str) -> None:
        self.setStyleSheet("color: #c62828; font-weight: bold;")
        if isinstance(exc_or_text, BaseException):
            described = describe(exc_or_text)
            detail = described.detail if described.detail != described.text else ""
            self.setText(described.text + (f"\n{detail}" if detail else ""))
        else:
            self.setText(exc_or_text)

    def note(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
