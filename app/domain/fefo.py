"""FEFO: which lots an order line draws on (earliest expiry, then earliest received), skipping sale-locked lots."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class LotStock:
    """Free quantity of one lot in one location, as allocation sees it."""

    lot_id: int
    location_id: int
    expiry: date | None
    received_at: datetime
    free: int
    pick_sequence: int = 0


@dataclass(frozen=True)
class Draw:
    lot_id: int
    location_id: int
    quantity: int


def sellable(stock: LotStock, today: date, sale_lock_days: int) -> bool:
    """A lot with no expiry is always sellable; else it needs more than `sale_lock_days` days left."""
    return stock.expiry is None or stock.expiry - today > timedelta(days=sale_lock_days)


def fefo_order(stocks: Iterable[LotStock]) -> list[LotStock]:
    """Earliest expiry first (no expiry last), then earliest received, then the walk order."""
    return sorted(stocks, key=lambda s: (s.expiry is None, s.expiry or date.max, s.received_at,
                                         s.pick_sequence, s.location_id, s.lot_id))


def choose(stocks: Iterable[LotStock], quantity: int, today: date, sale_lock_days: int) -> list[Draw]:
    """The draws that cover `quantity`, or [] when the sellable stock cannot cover it all."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    draws: list[Draw] = []
    left = quantity
    for s in fefo_order(s for s in stocks if s.free > 0 and sellable(s, today, sale_lock_days)):
        take = min(left, s.free)
        draws.append(Draw(s.lot_id, s.location_id, take))
        left -= take
        if left == 0:
            return draws
    return []
