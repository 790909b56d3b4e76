"""The allocation run in memory: sellable stock per product in FEFO order, drawn order by order, all or nothing.

No database here: `allocation` loads the stock rows and the orders' needs, this module decides, and
`allocation` writes the result. Drawing walks each product's lots in the order `app.domain.fefo` gives
(earliest expiry, then earliest received, sale-locked lots left out), so it takes exactly what
`fefo.choose` would, without sorting the lots again for every one of 100,000 lines. The rows, needs and draws
are named tuples: a run makes some 300,000 of them, and a frozen dataclass costs three times as much to build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from app.domain.fefo import LotStock, fefo_order, sellable


class StockRow(NamedTuple):
    """One free stock row allocation may draw on (a lot at a storage location, in one carton or loose)."""

    stock_id: int
    lot_id: int
    location_id: int
    lpn: str
    product_id: int
    expiry: date | None
    received_at: datetime
    pick_sequence: int
    free: int
    owner_id: int = 0  # whose lot it is: an order draws only on its owner's stock


class LineNeed(NamedTuple):
    line_id: int
    product_id: int
    quantity: int


class OrderNeed(NamedTuple):
    """An order to allocate: what each of its lines still lacks."""

    order_id: int
    order_no: str
    carrier: str
    units: int  # all the order's units (single-unit orders are waved apart)
    lines: tuple[LineNeed, ...]
    owner_id: int = 0


class Draw(NamedTuple):
    """Units of one order line taken from one stock row."""

    order_id: int
    line_id: int
    stock_id: int
    lot_id: int
    location_id: int
    lpn: str
    product_id: int
    quantity: int


@dataclass
class Shortfall:
    product_id: int
    needed: int
    free: int
    locked: int


class _Place:
    """One lot at one location: its stock rows (cartons), drawn in turn."""

    __slots__ = ("free", "rows", "start")

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []  # [StockRow, free]
        self.free = 0
        self.start = 0


class ProductPool:
    """One product's sellable places in FEFO order, with what is still free in each."""

    def __init__(self, rows: list[StockRow], today: date, sale_lock_days: int) -> None:
        places: dict[tuple[int, int], _Place] = {}
        lots: dict[tuple[int, int], LotStock] = {}
        for r in rows:
            key = (r.lot_id, r.location_id)
            place = places.setdefault(key, _Place())
            place.rows.append([r, r.free])
            place.free += r.free
            lots[key] = LotStock(r.lot_id, r.location_id, r.expiry, r.received_at, place.free, r.pick_sequence)
        usable = [s for s in lots.values() if sellable(s, today, sale_lock_days)]
        self.locked = sum(s.free for s in lots.values()) - sum(s.free for s in usable)
        self.places = [places[(s.lot_id, s.location_id)] for s in fefo_order(usable)]
        for place in self.places:
            place.rows.sort(key=lambda pair: (pair[0].lpn, pair[0].stock_id))
        self.free = sum(p.free for p in self.places)
        self.start = 0

    def take(self, quantity: int) -> list[tuple[StockRow, int]] | None:
        """The stock rows (and units from each) that cover `quantity`, taken; None (nothing taken) if short."""
        if quantity > self.free:
            return None
        taken: list[tuple[StockRow, int]] = []
        left = quantity
        while left:
            place = self.places[self.start]
            if place.free == 0:
                self.start += 1
                continue
            while left and place.free:
                pair = place.rows[place.start]
                n = min(left, pair[1])
                if n:
                    pair[1] -= n
                    place.free -= n
                    left -= n
                    taken.append((pair[0], n))
                if pair[1] == 0:
                    place.start += 1
        self.free -= quantity
        return taken

    def give_back(self, taken: list[tuple[StockRow, int]], index: dict[int, tuple[int, int]]) -> None:
        """Undo `take` (an order that could not be filled whole returns what its other lines took)."""
        for row, n in taken:
            p, r = index[row.stock_id]
            place = self.places[p]
            place.rows[r][1] += n
            place.free += n
            place.start = min(place.start, r)
            self.start = min(self.start, p)
            self.free += n


@dataclass
class Plan:
    draws: list[Draw] = field(default_factory=list)
    filled: list[OrderNeed] = field(default_factory=list)
    waiting: list[tuple[OrderNeed, Shortfall]] = field(default_factory=list)


Key = tuple[int, int]  # (owner id, product id): one owner's stock of one product


class Allocator:
    """Every owner's pool of every product; `plan(orders)` fills orders in the given order, each whole or not at
    all, each from its own owner's stock only (two owners' units of one product never mix)."""

    def __init__(self, rows: list[StockRow], today: date, sale_lock_days: int) -> None:
        by_product: dict[Key, list[StockRow]] = {}
        for r in rows:
            by_product.setdefault((r.owner_id, r.product_id), []).append(r)
        self.pools = {key: ProductPool(rs, today, sale_lock_days) for key, rs in by_product.items()}
        self.index: dict[Key, dict[int, tuple[int, int]]] = {}
        for key, pool in self.pools.items():
            self.index[key] = {pair[0].stock_id: (p, r) for p, place in enumerate(pool.places)
                               for r, pair in enumerate(place.rows)}

    def plan(self, orders: list[OrderNeed]) -> Plan:
        plan = Plan()
        for order in orders:
            draws, shortfall = self._fill(order)
            if shortfall is None:
                plan.draws.extend(draws)
                plan.filled.append(order)
            else:
                plan.waiting.append((order, shortfall))
        return plan

    def _fill(self, order: OrderNeed) -> tuple[list[Draw], Shortfall | None]:
        done: list[tuple[Key, list[tuple[StockRow, int]]]] = []
        draws: list[Draw] = []
        for line in order.lines:
            key = (order.owner_id, line.product_id)
            pool = self.pools.get(key)
            taken = pool.take(line.quantity) if pool else None
            if taken is None:
                for back_key, back in done:
                    self.pools[back_key].give_back(back, self.index[back_key])
                needed = sum(ln.quantity for ln in order.lines if ln.product_id == line.product_id)
                return [], Shortfall(line.product_id, needed, pool.free if pool else 0, pool.locked if pool else 0)
            done.append((key, taken))
            draws += [Draw(order.order_id, line.line_id, row.stock_id, row.lot_id, row.location_id, row.lpn,
                           row.product_id, n) for row, n in taken]
        return draws, None
