"""The one read-only table helper: every table the user reads and selects rows in, never edits.

- `table_view(model)` shows a model (paged lists, `RowsModel`); `grid(name, columns)` is the same read-only
  view holding its own cells, filled with `fill(rows)` (small station lists); both are set up by `read_only`.
- `RowsModel` + `Col`: rows held in memory (services' dicts or dataclasses), each column says how to read and
  show its value; `fit_on_reset` / `fit_columns_once` / `fit` size the columns.
- `Debouncer` and `count_text` for the filters and the row-count line of the list screens.

Whatever sizes the columns, every view made here keeps two promises (`keep_whole`, at 1366×768 as anywhere): a
header is never cut, and a number is never elided (a right-aligned column widens to its widest number as rows
arrive or change, never narrower). Long names may elide: the cell's tooltip holds the full text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem, QWidget

from ui.clock import warehouse_time
from ui.models.paged import PagedTableModel
from ui.vocabulary import yes_no

GREEN, RED, AMBER, GREY = "#1b7f3b", "#c62828", "#9a6700", "#6b6b6b"  # a row's text by its state
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a grid row's key (wave no., manifest no.) on its first cell
View = TypeVar("View", bound=QTableView)


def table_view(model: QAbstractItemModel, parent: QWidget | None = None, *, name: str = "table") -> QTableView:
    """A read-only, row-selecting view of `model`."""
    view = read_only(QTableView(parent), name)
    view.setModel(model)
    keep_whole(view)
    return view


def grid(name: str, columns: int, parent: QWidget | None = None, *, stretch: int = -1) -> QTableWidget:
    """The same read-only table holding its own cells (`fill` replaces them): for short lists; the last column
    (or column `stretch`) takes the room left."""
    table = read_only(QTableWidget(0, columns, parent), name)
    table.horizontalHeader().setResizeContentsPrecision(-1)  # a short list: fit to every row, not the ones shown
    if stretch >= 0:
        table.horizontalHeader().setStretchLastSection(False)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    keep_whole(table)
    return table


def read_only(view: View, name: str = "table") -> View:
    """What every table of the application is: read-only, one row selected at a time, rows as tall as the font
    needs and no more, the last column taking the room left."""
    view.setObjectName(name)
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


def fit_columns_once(view: QTableView, model: PagedTableModel, max_px: int = 360, *,
                     stretch: int | None = None, pad: int = 12) -> None:
    """Size the columns to the first page of rows (headers included), once; the user's widths stay after.
    `stretch` is the column that takes the room left (a long name or sentence: it elides, its tooltip holds it);
    `pad` px more than each column needs (less for a list that must fit beside a detail at 1366×768)."""
    _stretch(view, stretch)

    def fit() -> None:
        model.rowsInserted.disconnect(fit)
        _fit_now(view, max_px, stretch, pad)

    model.rowsInserted.connect(fit)


def _stretch(view: QTableView, column: int | None) -> None:
    """`column` takes the room the others leave, instead of the last one (None: the last one, as ever)."""
    if column is not None:
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def _fit_now(view: QTableView, max_px: int, stretch: int | None, pad: int = 12) -> None:
    """Every column but `stretch` as wide as what it shows (headers included) and `pad` px, at most `max_px`."""
    with _last_unstretched(view):
        view.resizeColumnsToContents()
        for column in range(view.model().columnCount()):
            if column != stretch:
                view.setColumnWidth(column, min(view.columnWidth(column) + pad, max_px))


@contextmanager
def _last_unstretched(view: QTableView) -> Iterator[None]:
    """Size columns inside this block: a stretching last column then keeps its header's width as its least and
    fills the room left (a long text in it elides, its tooltip holding it). Sized while stretching, it would keep
    the room it filled then (or the default 100 px) as its least width, and a table narrower later would scroll
    sideways; a number in it widens it still (`keep_whole`)."""
    header = view.horizontalHeader()
    stretching = header.stretchLastSection()
    header.setStretchLastSection(False)
    try:
        yield
    finally:
        last = header.logicalIndex(header.count() - 1)
        if stretching and last >= 0:
            header.resizeSection(last, header.sectionSizeHint(last))
        header.setStretchLastSection(stretching)


def _right_aligned(index: QModelIndex) -> bool:
    align = index.data(_ALIGN)
    return align is not None and bool(int(align) & int(Qt.AlignmentFlag.AlignRight))


class _KeepWhole(QObject):
    """Widens, never narrows: a column to its header's width, a right-aligned (numeric) column to its widest
    cell among the rows that arrived or changed. Runs once per burst of model signals (after the other fits)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.rows: tuple[int, int] | None = None  # the rows to measure, (first, last); None: headers only
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.run)
        model = view.model()
        model.modelReset.connect(lambda: self.poke(0, model.rowCount() - 1))
        model.layoutChanged.connect(lambda: self.poke(0, model.rowCount() - 1))
        model.rowsInserted.connect(lambda _parent, first, last: self.poke(first, last))
        model.dataChanged.connect(lambda top, bottom, *_: self.poke(top.row(), bottom.row()))
        model.headerDataChanged.connect(lambda *_: self.poke())
        view.installEventFilter(self)  # a language switch changes the headers without a model signal
        self.poke(0, model.rowCount() - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            model = self.view.model()
            self.poke(0, model.rowCount() - 1 if model is not None else -1)
        elif kind == QEvent.Type.Show:  # a stretching column is measured once it has the room it will have
            self.poke()
        return False

    def poke(self, first: int = 0, last: int = -1) -> None:
        if last >= first:
            self.rows = (first, last) if self.rows is None else (min(first, self.rows[0]), max(last, self.rows[1]))
        self._timer.start()

    def run(self) -> None:
        view, rows, self.rows = self.view, self.rows, None
        model, header = view.model(), view.horizontalHeader()
        if model is None:
            return
        first, last = rows if rows is not None else (0, -1)
        grid = 1 if view.showGrid() else 0  # a cell is painted inside its section less the grid line
        last = min(last, model.rowCount() - 1, first + 499)  # a page at a time (paged lists bring 200)
        for column in range(model.columnCount()):
            if header.isSectionHidden(column):
                continue
            wanted = 0 if header.isHidden() else header.sectionSizeHint(column)
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                if view.isVisible() and header.sectionSize(column) < wanted:  # squeezed: its header's width, scrolled
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                    header.resizeSection(column, wanted)
                continue
            for row in range(first, last + 1):
                index = model.index(row, column)
                if _right_aligned(index):
                    wanted = max(wanted, view.sizeHintForIndex(index).width() + grid)
            if wanted > header.sectionSize(column):
                header.resizeSection(column, wanted)


def keep_whole(view: QTableView) -> None:
    """Headers never cut, numbers never elided, on `view` from now on (its model must be set)."""
    if view.findChild(_KeepWhole) is None:
        _KeepWhole(view)


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
    if not model.counts:  # a list too long to count (the audit log): its total is known at its last page
        return QCoreApplication.translate("Tables", "Rows loaded: %1 (more as you scroll)").replace(
            "%1", str(model.loaded_rows))
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


# -- rows held in memory ---------------------------------------------------------------------------------------
Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _ALIGN = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND, _FONT = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Col:
    """One column: header (source text, in the model's translation context), how to read the value, how to show
    it."""

    header: str
    get: Callable[[Any], Any]
    render: Callable[[Any], str] = render_value
    numeric: bool = False


class ColHeader:
    """`Col` headers (context "InboundColumns", `RowsModel`'s) that tables of several areas share, marked for
    translation once, here (as `ui.models.paged.Header` for the paged tables' `Column`)."""

    NAME = QT_TRANSLATE_NOOP("InboundColumns", "Name")


def key(name: str) -> Callable[[Any], Any]:
    """Read `name` from a dict row or an attribute of a dataclass row."""
    return lambda row: row.get(name) if isinstance(row, dict) else getattr(row, name)


class RowsModel(QAbstractTableModel):
    """Rows in memory; `style(row)` may give a background brush and say whether the row is shown bold.

    What a cell shows is worked out once per `set_rows` (a view asks for every cell and role at each paint).
    `set_rows` updates in place when only values changed, so a station's table does not flicker after a scan.
    Headers are translated in `context` (the columns' QT_TRANSLATE_NOOP context).
    """

    def __init__(self, columns: Sequence[Col], *, style: Callable[[Any], tuple[QBrush | None, bool]] | None = None,
                 parent: Any = None, context: str = "InboundColumns") -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.context = context
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
            if role in (_DISPLAY, _TOOLTIP):  # the tooltip holds the whole text of a cell too narrow for it
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
            return QCoreApplication.translate(self.context, self.columns[section].header)
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


def fit_on_reset(view: QTableView, max_px: int = 300, stretch: int | None = None, pad: int = 12) -> None:
    """Size the view's columns to what it shows each time its rows are replaced (not at every value change);
    `stretch` is the column that takes the room left (a name, rather than the last number); `pad` px more than
    each column needs (less for a wide table of short figures)."""
    _stretch(view, stretch)
    view.model().modelReset.connect(lambda: _fit_now(view, max_px, stretch, pad))


# -- a grid's own cells ----------------------------------------------------------------------------------------
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


def fit(table: QTableView, max_px: int = 320, *, interactive: bool = True, pad: int = 12) -> None:
    """Columns as wide as their contents (headers included) and `pad` px, none wider than `max_px`; then resizable
    by hand (or, with `interactive=False`, a stretching column keeps stretching)."""
    with _last_unstretched(table):
        table.resizeColumnsToContents()
        for column in range(table.model().columnCount() - 1):
            table.setColumnWidth(column, min(table.columnWidth(column) + pad, max_px))
    if interactive:
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def fit_height(table: QTableWidget, most: int = 6, least: int = 2) -> None:
    """As tall as its rows (between `least` and `most` of them), so the space below goes to what follows."""
    rows = min(max(table.rowCount(), least), most)
    height = table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height + 2 * table.frameWidth() + 2)


def table_texts(table: QTableWidget) -> list[list[str]]:
    """Every cell's text, row by row (tests and screen readers)."""
    return [[(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(KEY_ROLE) if item is not None else None


def select_key(table: QTableWidget, wanted: str) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(KEY_ROLE) == wanted:
            table.selectRow(r)
            return True
    return False


def column_texts(table: QTableView, column: int) -> list[str]:
    """What a column shows, top to bottom (tests and screen readers)."""
    model = table.model()
    return [str(model.index(r, column).data() or "") for r in range(model.rowCount())]


def fill_and_fit(table: QTableWidget, rows: Sequence[Sequence[str]], numeric: Iterable[int] = ()) -> None:
    """`fill`, then columns as wide as their new contents (a stretching column keeps stretching)."""
    fill(table, rows, numeric=numeric)
    fit(table, 360, interactive=False)
