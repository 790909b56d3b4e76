"""Stock: every quantity change is a movement; the stock list and its filters."""

from app.stock.movements import (
    NOT_FROZEN,
    Place,
    StockFilter,
    move,
    refuse_if_frozen,
    stock_count,
    stock_page,
    stock_rows,
)

# `movements` is also a published module: inbound and outbound use it as a namespace (`stock.move`).
__all__ = ["NOT_FROZEN", "Place", "StockFilter", "move", "refuse_if_frozen", "stock_count", "stock_page", "stock_rows"]
