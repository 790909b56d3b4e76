"""Returns and disposal: consumer returns of shipped orders (request, receiving station, books) and the
destruction or return abroad of goods that may never be sold. The customs messages (CEB625 out, CEB626 in) and
the booking of an approved return live in app.customs."""

from app.returns.disposal import (
    DisposalResult,
    approve_disposal,
    execute_disposal,
    method_code,
    request_disposal,
)
from app.returns.queries import (
    DISPOSAL_COLUMNS,
    RETURN_COLUMNS,
    annual_total,
    count_returns,
    disposal_detail,
    disposals,
    list_returns,
    return_detail,
    returns_page,
)
from app.returns.receive_station import ReturnStation
from app.returns.requests import ReturnRequested, parse_lines, request_return

__all__ = [
    "DISPOSAL_COLUMNS", "RETURN_COLUMNS", "DisposalResult", "ReturnRequested", "ReturnStation",
    "annual_total", "approve_disposal", "count_returns", "disposal_detail", "disposals", "execute_disposal",
    "list_returns", "method_code", "parse_lines", "request_disposal", "request_return", "return_detail", "returns_page",
]
