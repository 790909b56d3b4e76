"""Small read-only table models for the inbound screens: rows held in memory (a tally, a list of declarations).

The rows are the services' own results (dataclasses or dicts); a column says how to read and show its value.
`set_rows` updates in place when only values changed, so a station's table does not flicker after a scan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableView

from ui.inbound.words import declaration_status
from ui.widgets.tables import render_value

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _ALIGN = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND, _FONT = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.FontRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ATTENTION = QBrush(QColor("#ffe08a"))  # over, damaged or an unexpected batch: look at this line
COMPLETE = QBrush(QColor("#c8ecd0"))   # everything declared on the line was counted


@dataclass(frozen=True)
class Col:
    """One column: header (source text, context "InboundColumns"), how to read the value, how to show it."""

    header: str
    get: Callable[[Any], Any]
    render: Callable[[Any], str] = render_value
    numeric: bool = False


def key(name: str) -> Callable[[Any], Any]:
    """Read `name` from a dict row or an attribute of a dataclass row."""
    return lambda row: row.get(name) if isinstance(row, dict) else getattr(row, name)


class RowsModel(QAbstractTableModel):
    """Rows in memory; `style(row)` may give a background brush and say whether the row is shown bold.

    What a cell shows is worked out once per `set_rows` (a view asks for every cell and role at each paint).
    """

    def __init__(self, columns: Sequence[Col], *, style: Callable[[Any], tuple[QBrush | None, bool]] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._style = style
        self._bold = QFont()
        self._bold.setBold(True)
        self._cells: list[list[str]] = []
        self._looks: list[tuple[QBrush | None, QFont | None]] = []
        self._align = [_RIGHT if col.numeric else None for col in self.columns]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        try:
            if role == _DISPLAY:
                return self._cells[index.row()][index.column()]
            if role == _ALIGN:
                return self._align[index.column()]
            if role == _BACKGROUND:
                return self._looks[index.row()][0]
            if role == _FONT:
                return self._looks[index.row()][1]
        except IndexError:
            pass
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return QCoreApplication.translate("InboundColumns", self.columns[section].header)
        return None

    def _render(self) -> None:
        self._cells = [[col.render(col.get(row)) for col in self.columns] for row in self.rows]
        self._looks = []
        for row in self.rows:
            brush, bold = self._style(row) if self._style is not None else (None, False)
            self._looks.append((brush, self._bold if bold else None))

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show `rows`: values changed in place when the number of rows is the same, else a reset."""
        rows = list(rows)
        if len(rows) == len(self.rows) and rows:
            self.rows = rows
            self._render()
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self._render()
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def retranslate(self) -> None:
        self._render()  # rendered values may be translated words (statuses)
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


def fit_on_reset(view: QTableView, max_px: int = 300, stretch: int | None = None) -> None:
    """Size the view's columns to what it shows each time its rows are replaced (not at every value change);
    `stretch` is the column that takes the room left (a name, rather than the last number)."""
    header = view.horizontalHeader()
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def fit() -> None:
        view.resizeColumnsToContents()
        for column in range(view.model().columnCount()):
            if column != stretch:
                view.setColumnWidth(column, min(view.columnWidth(column) + 12, max_px))

    view.model().modelReset.connect(fit)


def _count(value: Any) -> str:
    return str(value) if value else ""


# app.inbound.queries.TallyRow
TALLY_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Line"), key("line_no"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "SKU"), key("sku")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Name"), key("name")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Batch"), key("batch")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Expiry"), key("expiry_date")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Expected"), key("expected"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Received"), key("received"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Damaged"), key("damaged"), _count, numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Short"), key("short"), _count, numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Over"), key("over"), _count, numeric=True),
]


class TallyModel(RowsModel):
    """A declaration's tally line by line; `last` (line, batch) is the line the last scan counted on (bold)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(TALLY_COLUMNS, style=self._tally_style, parent=parent)
        self.last: tuple[int, str] | None = None

    def _tally_style(self, row: Any) -> tuple[QBrush | None, bool]:
        bold = self.last is not None and (row.line_no, row.batch) == self.last
        if row.unexpected or row.over or row.damaged:
            return ATTENTION, bold
        if row.expected and row.received + row.damaged == row.expected:
            return COMPLETE, bold
        return None, bold

    def row_of(self, line_no: int, batch: str) -> int:
        """The table row of a line's batch (the declared row when the batch is the line's own), or -1."""
        for i, row in enumerate(self.rows):
            if row.line_no == line_no and (row.batch == batch
                                           or (not row.unexpected and batch in row.batch.split(","))):
                return i
        return next((i for i, row in enumerate(self.rows) if row.line_no == line_no), -1)

    def totals(self) -> dict[str, int]:
        return {name: sum(getattr(r, name) for r in self.rows)
                for name in ("expected", "received", "damaged", "short", "over")}


DECLARATION_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Declaration"), key("declaration")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Status"), key("status"), declaration_status),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Container"), key("container_no")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Arrival"), key("arrival_date")),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Lines"), key("lines"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Expected"), key("expected"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Counted"), key("counted"), numeric=True),
]
