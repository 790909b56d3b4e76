"""Stock counts (盘点): create over locations (frozen while open), the blind count station, close with the
variances, recount, approve (adjustment movements; bonded ones PENDING in the customs ledger) and customs'
confirmation (ACTUAL)."""

from app.counts.count_station import CountStation
from app.counts.counting import (
    LEDGER_DOC,
    REF_TYPE,
    CountClosed,
    CountCreated,
    CountDone,
    Variance,
    approve_count,
    close_count,
    confirm_count,
    count_goods,
    count_location,
    create_count,
    recount,
    undo_last,
    variances,
)
from app.counts.queries import COUNT_COLUMNS, list_counts, report_data, sheet_data

__all__ = [
    "COUNT_COLUMNS", "LEDGER_DOC", "REF_TYPE", "CountClosed", "CountCreated", "CountDone", "CountStation", "Variance",
    "approve_count", "close_count", "confirm_count", "count_goods", "count_location", "create_count", "list_counts",
    "recount", "report_data", "sheet_data", "undo_last", "variances",
]
