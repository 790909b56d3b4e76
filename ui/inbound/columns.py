"""The inbound tables' columns (a tally, a list of declarations) and the tally's model, for the one read-only
table helper (`ui.widgets.tables`: `RowsModel`, `Col`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor

from ui.inbound.words import declaration_status
from ui.widgets.tables import Col, ColHeader, RowsModel, key

ATTENTION = QBrush(QColor("#ffe08a"))  # over, damaged or an unexpected batch: look at this line
COMPLETE = QBrush(QColor("#c8ecd0"))   # everything declared on the line was counted


def _count(value: Any) -> str:
    return str(value) if value else ""


# app.inbound.queries.TallyRow
TALLY_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Line"), key("line_no"), numeric=True),
    Col(QT_TRANSLATE_NOOP("InboundColumns", "SKU"), key("sku")),
    Col(ColHeader.NAME, key("name")),
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
    Col(QT_TRANSLATE_NOOP("InboundColumns", "Owner"), key("owner")),
]
