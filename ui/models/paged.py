"""A read-only table model that loads rows page by page on the DB thread (keyset paging, never a full load)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

if TYPE_CHECKING:
    from ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the whole row tuple, for detail panes
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """One column: where its value is in the row tuple, its header (source text in context "Columns"); `of_row`:
    `render` is given the whole row (a cell worded from several of its values)."""

    index: int
    header: str
    render: Callable[[Any], str] = lambda value: "" if value is None else str(value)
    numeric: bool = False
    of_row: bool = False


class Header:
    """Column headers that tables of several areas share, marked for translation once, here: a header marked in
    two areas' files would stand in both areas' catalogues, and lrelease drops the copy (tests/gui/
    test_translations.py refuses it)."""

    CARRIER = QT_TRANSLATE_NOOP("Columns", "Carrier")
    HS_CODE = QT_TRANSLATE_NOOP("Columns", "HS code")
    LOCATION = QT_TRANSLATE_NOOP("Columns", "Location")
    NAME = QT_TRANSLATE_NOOP("Columns", "Name")
    NO = QT_TRANSLATE_NOOP("Columns", "No.")
    OWNER = QT_TRANSLATE_NOOP("Columns", "Owner")
    SKU = QT_TRANSLATE_NOOP("Columns", "SKU")
    STATUS = QT_TRANSLATE_NOOP("Columns", "Status")
    TIME = QT_TRANSLATE_NOOP("Columns", "Time")
    UNIT = QT_TRANSLATE_NOOP("Columns", "Unit")


PageFn = Callable[[Any, Any, Any, int], list[tuple]]  # (uow, filter, after_key, limit) -> rows
CountFn = Callable[[Any, Any], int]                    # (uow, filter) -> matching rows


class PagedTableModel(QAbstractTableModel):
    """Rows arrive from `page_fn` on the DB thread as the view scrolls (`canFetchMore`/`fetchMore`).

    `set_filter` starts over; answers for an older filter are dropped (a generation number), so a fast typist
    never sees rows of the previous search.
    """

    sig_loading = Signal(bool)  # a page is being fetched / the fetch finished
    sig_count = Signal(int)     # how many rows match the filter (may arrive after the first page)
    sig_failed = Signal(object)  # a page or count could not be read (the screen shows it)

    def __init__(self, ctx: AppContext, columns: list[Column], page_fn: PageFn, *, count_fn: CountFn | None = None,
                 key_fn: Callable[[tuple], Any] = lambda row: row[0], first_key: Any = 0, page_size: int = 200,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx, self._columns = ctx, columns
        self._page_fn, self._count_fn, self._key_fn = page_fn, count_fn, key_fn
        self._first_key, self.page_size = first_key, page_size
        self._rows: list[tuple] = []
        self._filter: Any = None
        self._after: Any = first_key
        self._exhausted = True   # nothing to fetch until a filter is set
        self._fetching = False
        self._generation = 0
        self.total: int | None = None

    # -- Qt model interface ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override; QModelIndex() is an immutable default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override; QModelIndex() is an immutable default
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # called for every visible cell and role on each paint: plain ints, no enum lookups
        if role in (_DISPLAY, _TOOLTIP):  # the tooltip: the whole text of a cell too narrow for it
            r = index.row()
            if r >= len(self._rows) or not index.isValid():
                return None
            col = self._columns[index.column()]
            row = self._rows[r]
            return col.render(row if col.of_row else row[col.index])
        if role == _ALIGNMENT and index.isValid() and self._columns[index.column()].numeric:
            return _RIGHT
        if role == ROW_ROLE and index.isValid() and index.row() < len(self._rows):
            return self._rows[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self._columns):
            return QCoreApplication.translate("Columns", self._columns[section].header)
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self.sig_loading.emit(True)
        gen, flt, after, limit = self._generation, self._filter, self._after, self.page_size
        self._ctx.run(lambda uow: self._page_fn(uow, flt, after, limit), write=False,
                      on_done=lambda rows: self._page_arrived(gen, rows),
                      on_error=lambda exc: self._failed(gen, exc))

    # -- ours -----------------------------------------------------------------------------------------
    @property
    def loaded_rows(self) -> int:
        return len(self._rows)

    @property
    def counts(self) -> bool:
        """Whether the rows matching the filter are counted (else the total is known only at the last page)."""
        return self._count_fn is not None

    @property
    def fetching(self) -> bool:
        return self._fetching

    @property
    def current_filter(self) -> Any:
        return self._filter

    def row_at(self, row: int) -> tuple | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_filter(self, flt: Any) -> None:
        """Start over with `flt`: drop the rows, fetch the first page, then count."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._filter, self._after = [], flt, self._first_key
        self._exhausted, self._fetching, self.total = False, False, None
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_filter(self._filter)

    def retranslate(self) -> None:
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:  # rendered values may be translated words (statuses, kinds)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def _page_arrived(self, gen: int, rows: list[tuple]) -> None:
        if gen != self._generation:
            return
        first_page = not self._rows
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self._after = self._key_fn(rows[-1])
            self.endInsertRows()
        self._exhausted = len(rows) < self.page_size
        self._fetching = False
        self.sig_loading.emit(False)
        if self._exhausted:
            self._set_total(gen, len(self._rows))
        elif first_page and self._count_fn is not None:
            flt, count_fn = self._filter, self._count_fn
            self._ctx.run(lambda uow: count_fn(uow, flt), write=False,
                          on_done=lambda n: self._set_total(gen, n), on_error=lambda exc: self._failed(gen, exc))

    def _set_total(self, gen: int, total: int) -> None:
        if gen == self._generation and self.total != total:
            self.total = total
            self.sig_count.emit(total)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._fetching = False
        self._exhausted = True  # do not hammer a failing database while the user scrolls
        self.sig_loading.emit(False)
        self.sig_failed.emit(exc)
