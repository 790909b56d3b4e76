"""Small read-only tables for the outbound screens: build one, fill it with rows, colour a row by its state."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

GREEN, RED, AMBER, GREY = "#1b7f3b", "#c62828", "#9a6700", "#6b6b6b"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's key (wave no., manifest no.) on its first cell


def grid(name: str, columns: int, parent: QWidget | None = None) -> QTableWidget:
    """A table the user reads and selects rows in, never edits; rows as tall as the font needs."""
    table = QTableWidget(0, columns, parent, objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setHighlightSections(False)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]], *, keys: Sequence[str] = (),
         numeric: Iterable[int] = (), colours: Sequence[str | None] = ()) -> None:
    """Replace the rows; `keys[i]` is kept on row i, `colours[i]` paints its text; the selection is kept by key."""
    kept = selected_key(table)
    right = set(numeric)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        colour = colours[r] if r < len(colours) else None
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            if c == 0 and r < len(keys):
                item.setData(KEY_ROLE, keys[r])
            table.setItem(r, c, item)
    if kept is not None:
        select_key(table, kept)


def fit(table: QTableWidget, max_px: int = 320) -> None:
    """Columns as wide as their contents (headers included), none wider than `max_px`."""
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):
        table.setColumnWidth(column, min(table.columnWidth(column) + 12, max_px))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(KEY_ROLE) if item is not None else None


def select_key(table: QTableWidget, key: str) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(KEY_ROLE) == key:
            table.selectRow(r)
            return True
    return False


def column_texts(table: QTableWidget, column: int) -> list[str]:
    """What a column shows, top to bottom (tests and screen readers)."""
    return [table.item(r, column).text() if table.item(r, column) else "" for r in range(table.rowCount())]
