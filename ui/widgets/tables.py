"""Small pieces every list screen uses: a configured table view, a debounced trigger, the row-count line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.clock import warehouse_time
from ui.models.paged import PagedTableModel
from ui.vocabulary import yes_no


def table_view(model: QAbstractItemModel, parent: QWidget | None = None, *, name: str = "table") -> QTableView:
    """A read-only, row-selecting table; rows are as tall as the font needs, no more."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setResizeContentsPrecision(0)  # fit columns to the rows on screen, not to all
    return view


def fit_columns_once(view: QTableView, model: PagedTableModel, max_px: int = 360) -> None:
    """Size the columns to the first page of rows (headers included), once; the user's widths stay after."""
    def fit() -> None:
        model.rowsInserted.disconnect(fit)
        view.resizeColumnsToContents()
        for column in range(model.columnCount()):
            view.setColumnWidth(column, min(view.columnWidth(column) + 12, max_px))

    model.rowsInserted.connect(fit)


class Debouncer(QObject):
    """Calls `callback` once, `ms` after the last `poke()` — filters follow typing without a query per key."""

    def __init__(self, ms: int, callback: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=ms)
        self._timer.timeout.connect(callback)

    def poke(self, *_args: Any) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Run now if a call is pending (Enter in a filter field)."""
        if self._timer.isActive():
            self._timer.stop()
            self._timer.timeout.emit()


def count_text(model: PagedTableModel) -> str:
    """"Rows: 1234" once known, else how many are loaded so far."""
    if model.total is not None:
        return QCoreApplication.translate("Tables", "Rows: %1").replace("%1", str(model.total))
    return QCoreApplication.translate("Tables", "Rows loaded: %1 (counting…)").replace("%1", str(model.loaded_rows))


def render_value(value: Any) -> str:
    """Plain display of a cell: dates as ISO, Decimals without exponent, None as blank."""
    if value is None:
        return ""
    if isinstance(value, datetime):  # stored in UTC, shown in the warehouse's zone
        return warehouse_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return yes_no(value)
    return str(value)
