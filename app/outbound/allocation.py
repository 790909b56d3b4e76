"""Allocation (the batch split): released orders take their units FEFO from sellable lots in bonded storage.

Every allocation reserves its units on the stock row it draws on, so the database's
`0 ≤ reserved ≤ quantity` CHECK guards the lot against over-allocation; the rows a run decides on are
locked first (SELECT … FOR UPDATE on PostgreSQL; SQLite's writer holds the lock from BEGIN IMMEDIATE),
so two workstations allocating at once never promise the same units. An order is filled whole or it
waits, with the reason. The allocated orders are grouped into waves with their pick tasks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, insert, select, update

from app import clock, settings
from app.admin import audit, require, warehouse_zone
from app.domain import vocabulary
from app.domain.allocation import Allocator, LineNeed, OrderNeed, Plan, Shortfall, StockRow
from app.domain.roles import Permission
from app.domain.waves import WaveOrder, plan_waves
from app.errors import NotFound, Rejected
from app.persistence.bulk import insert_rows, reserve_ids
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    InventoryList,
    Location,
    Lot,
    OrderLine,
    OrderWait,
    PickTask,
    Product,
    Stock,
    Wave,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stock import movements as stock

ALLOCATABLE = ("released", "short")  # order statuses an allocation run fills (short: after a short pick)
RELEASED = "800"


@dataclass
class AllocationReport:
    """What one run did: orders allocated, orders left waiting (with the reason), the waves made."""

    allocated: int = 0
    lines: int = 0
    units: int = 0
    waiting: list[dict[str, str]] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"allocated": self.allocated, "lines": self.lines, "units": self.units, "waiting": self.waiting,
                "waves": self.waves}

    def describe(self) -> str:
        lines = [f"{self.allocated} orders allocated ({self.units} units), {len(self.waiting)} waiting, "
                 f"{len(self.waves)} waves" + (f": {', '.join(self.waves)}" if self.waves else "")]
        lines += [f"  waiting: {w['order_no']}: {w['reason']}" for w in self.waiting]
        return "\n".join(lines)


def allocate(uow: UnitOfWork, order_nos: Sequence[str] = (), *, today: date | None = None) -> AllocationReport:
    """Allocate every released order (or only `order_nos`, each of which must be released) and wave them."""
    require(uow, Permission.SUPERVISE)
    if order_nos:
        _check_named(uow, order_nos)
    needs = order_needs(uow, order_nos)
    report = AllocationReport()
    if not needs:
        return report
    plan = plan_for(uow, needs, today)
    waves = _make_waves(uow, plan.filled)
    write_plan(uow, plan, {o.order_id: waves[o.order_id] for o in plan.filled})
    report.waiting = [{key: w[key] for key in ("order_no", "reason")} for w in record_waits(uow, plan.waiting)]
    report.allocated, report.lines = len(plan.filled), sum(len(o.lines) for o in plan.filled)
    report.units = sum(d.quantity for d in plan.draws)
    report.waves = sorted({no for _, no in waves.values()})
    audit.record(uow, "allocate", "allocation_run", f"{report.allocated} orders", allocated=report.allocated,
                 units=report.units, waiting=[w["order_no"] for w in report.waiting][:200], waves=report.waves)
    uow.changes.touch(Area.ALLOCATION, Area.ORDERS, Area.STOCK, Area.WAVES)
    return report


def _check_named(uow: UnitOfWork, order_nos: Sequence[str]) -> None:
    """Each named order exists and is released by customs (800), or the run is refused."""
    rows = {r.order_no: r for r in uow.session.execute(
        select(ConsumerOrder.order_no, ConsumerOrder.status, InventoryList.return_status)
        .outerjoin(InventoryList, InventoryList.order_id == ConsumerOrder.id)
        .where(ConsumerOrder.order_no.in_(list(order_nos))))}
    for no in order_nos:
        row = rows.get(no)
        if row is None:
            raise NotFound(f"no order {no!r}", order_no=no)
        if row.status not in ALLOCATABLE or row.return_status != RELEASED:
            why = (f"it is {row.status}" if row.status not in ALLOCATABLE
                   else f"its inventory list's latest receipt is {row.return_status or 'none'}")
            raise Rejected(f"order {no} cannot be allocated: {why}; only orders released by customs (800) and "
                           "not yet allocated are", code="not_allocatable", order_no=no, status=row.status)


def _eligible(order_nos: Sequence[str]) -> Select:
    stmt = (select(ConsumerOrder.id, ConsumerOrder.order_no, ConsumerOrder.carrier_code, ConsumerOrder.owner_id)
            .join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
            .where(ConsumerOrder.status.in_(ALLOCATABLE), InventoryList.return_status == RELEASED))
    if order_nos:
        stmt = stmt.where(ConsumerOrder.order_no.in_(list(order_nos)))
    return stmt


def order_needs(uow: UnitOfWork, order_nos: Sequence[str] = (), order_id: int | None = None) -> list[OrderNeed]:
    """The eligible orders, first released first, each with what its lines still lack (locked on PostgreSQL)."""
    stmt = _eligible(order_nos).order_by(InventoryList.released_at, ConsumerOrder.id)
    if order_id is not None:
        stmt = stmt.where(ConsumerOrder.id == order_id)
    if uow.is_postgres:  # another run at the same time takes the other orders
        stmt = stmt.with_for_update(of=ConsumerOrder, skip_locked=True)
    uow.session.flush()  # then read through the connection: 150,000 rows without the ORM's result handling
    conn = uow.session.connection()
    orders = conn.execute(stmt).all()
    if not orders:
        return []
    # a short list goes by id; 100,000 orders go by the same condition as a subquery
    ids: Any = [o.id for o in orders] if len(orders) <= 5000 else _eligible(order_nos).with_only_columns(
        ConsumerOrder.id)
    taken = dict(uow.session.execute(
        select(Allocation.order_line_id, func.sum(Allocation.quantity - Allocation.short))
        .join(ConsumerOrder, ConsumerOrder.id == Allocation.order_id)
        .where(ConsumerOrder.status == "short", Allocation.state != "released", Allocation.order_id.in_(ids))
        .group_by(Allocation.order_line_id)).all())
    lines: dict[int, list[LineNeed]] = defaultdict(list)  # what each line still lacks, in line order
    units: dict[int, int] = defaultdict(int)  # all the order's units
    for line_id, oid, product_id, qty in conn.execute(
            select(OrderLine.id, OrderLine.order_id, OrderLine.product_id, OrderLine.quantity)
            .where(OrderLine.order_id.in_(ids)).order_by(OrderLine.order_id, OrderLine.gnum)):
        units[oid] += qty
        lacks = qty - int(taken[line_id]) if line_id in taken else qty
        if lacks > 0:
            lines[oid].append(LineNeed(line_id, product_id, lacks))
    return [OrderNeed(o.id, o.order_no, o.carrier_code, units[o.id], tuple(lines[o.id]), o.owner_id)
            for o in orders if lines.get(o.id)]


def plan_for(uow: UnitOfWork, needs: list[OrderNeed], today: date | None,
             exclude: AbstractSet[tuple[int, int]] = frozenset()) -> Plan:
    """Lock and read the free, sellable stock the orders need, then decide (in memory).

    `exclude`: (lot id, location id) places not to draw on (where a picker just found units missing).
    """
    products = {line.product_id for o in needs for line in o.lines}
    rows = [r for r in sellable_rows(uow, products) if (r.lot_id, r.location_id) not in exclude]
    lock_days = settings.get(uow.session, "sale_lock_days")
    day = today or clock.warehouse_today(warehouse_zone(uow.session))  # FEFO and the sale lock: the warehouse's today
    return Allocator(rows, day, lock_days).plan(needs)


def sellable_rows(uow: UnitOfWork, products: set[int]) -> list[StockRow]:
    """Free units of available lots in active storage locations, each with its lot's owner (rows locked FOR UPDATE
    on PostgreSQL)."""
    stmt = (select(Stock.id, Stock.lot_id, Stock.location_id, Stock.lpn, Stock.product_id, Lot.expiry_date,
                   Lot.received_at, Location.pick_sequence, Stock.quantity - Stock.reserved, Lot.owner_id)
            .join(Lot, Lot.id == Stock.lot_id).join(Location, Location.id == Stock.location_id)
            .where(Stock.status == "available", Lot.status == "available", Location.kind == "storage",
                   Location.active.is_(True), Stock.quantity > Stock.reserved,
                   stock.NOT_FROZEN))  # a location an open count has frozen gives nothing until the count closes
    if len(products) <= 500:
        stmt = stmt.where(Stock.product_id.in_(sorted(products)))
    if uow.is_postgres:  # in the lock order (app/outbound/__init__.py): ascending id
        stmt = stmt.order_by(Stock.id).with_for_update(of=Stock)
    return [StockRow(*tuple(r)) for r in uow.session.execute(stmt).all()]


def _make_waves(uow: UnitOfWork, filled: list[OrderNeed]) -> dict[int, tuple[int, str]]:
    """Waves for the filled orders (by carrier, single-unit apart, at most max_wave_orders): order id → wave.

    The waves' ids are reserved first (app.persistence.bulk), so each is written once with its number."""
    max_orders = settings.get(uow.session, "max_wave_orders")
    plans = plan_waves([WaveOrder(str(o.order_id), o.carrier, o.units) for o in filled], max_orders)
    if not plans:
        return {}
    ids = reserve_ids(uow, Wave.__table__, len(plans))
    insert_rows(uow, Wave.__table__, [
        {"id": wave_id, "wave_no": f"W{wave_id:06d}", "carrier_code": p.carrier, "single_unit": p.single_unit,
         "order_count": len(p.order_nos)} for wave_id, p in zip(ids, plans)],
        common={"status": "open", "created_at": utcnow(), "created_by": uow.actor.username[:40]})
    return {int(oid): (wave_id, f"W{wave_id:06d}") for wave_id, p in zip(ids, plans) for oid in p.order_nos}


def write_plan(uow: UnitOfWork, plan: Plan, wave_of: dict[int, tuple[int, str]]) -> None:
    """Pick tasks, allocations, reservations and order statuses for the filled orders (bulk statements: one
    executemany a table, ids reserved up front, no row through the ORM)."""
    if not plan.draws:
        return
    task_keys: dict[tuple[int, int, int], int] = {}
    task_rows: list[dict[str, Any]] = []
    for d in plan.draws:
        key = (d.order_id, d.location_id, d.lot_id)
        at = task_keys.get(key)
        if at is None:
            task_keys[key] = len(task_rows)
            task_rows.append({"wave_id": wave_of[d.order_id][0], "order_id": d.order_id, "location_id": d.location_id,
                              "lot_id": d.lot_id, "product_id": d.product_id, "quantity": d.quantity})
        else:
            task_rows[at]["quantity"] += d.quantity
    task_ids = insert_rows(uow, PickTask.__table__, task_rows, with_ids=True,
                           common={"picked": 0, "short": 0, "status": "open"})
    insert_rows(uow, Allocation.__table__, [
        {"order_line_id": d.line_id, "order_id": d.order_id, "lot_id": d.lot_id, "location_id": d.location_id,
         "lpn": d.lpn, "quantity": d.quantity,
         "pick_task_id": task_ids[task_keys[(d.order_id, d.location_id, d.lot_id)]]} for d in plan.draws],
        common={"picked": 0, "short": 0, "packing_location_id": None, "state": "open", "allocated_at": utcnow(),
                "shipped_at": None})
    reserve: dict[int, int] = defaultdict(int)
    for d in plan.draws:
        reserve[d.stock_id] += d.quantity
    conn = uow.session.connection()
    stock = Stock.__table__
    conn.execute(update(stock).where(stock.c.id == bindparam("sid")).values(reserved=stock.c.reserved + bindparam("n")),
                 [{"sid": sid, "n": n} for sid, n in reserve.items()])
    orders, waits = ConsumerOrder.__table__, OrderWait.__table__
    filled = [o.order_id for o in plan.filled]
    for start in range(0, len(filled), 5000):
        chunk = filled[start:start + 5000]
        conn.execute(update(orders).where(orders.c.id.in_(chunk)).values(status="allocated"))
        conn.execute(delete(waits).where(waits.c.order_id.in_(chunk)))


def record_waits(uow: UnitOfWork, waiting: list[tuple[OrderNeed, Shortfall]]) -> list[dict[str, Any]]:
    """Keep each waiting order's reason, its form and values (replacing an older one); returns [{"order_no",
    "reason", "params"}] (the English sentence, and its form and values)."""
    if not waiting:
        return []
    days = settings.get(uow.session, "sale_lock_days")
    skus = dict(uow.session.execute(select(Product.id, Product.sku).where(
        Product.id.in_({s.product_id for _, s in waiting}))).all())
    out, rows = [], []
    for order, s in waiting:
        params = shortfall_params(skus[s.product_id], s, days)
        reason = str(vocabulary.wait_detail(params))
        out.append({"order_no": order.order_no, "reason": reason, "params": params})
        rows.append({"order_id": order.order_id, "code": "insufficient_stock", "reason": reason[:400],
                     "params": params, "since": utcnow()})
    table = OrderWait.__table__
    ids = [r["order_id"] for r in rows]
    for start in range(0, len(ids), 5000):
        uow.session.connection().execute(delete(table).where(table.c.order_id.in_(ids[start:start + 5000])))
    uow.session.connection().execute(insert(table), rows)
    return out


def shortfall_params(sku: str, s: Shortfall, sale_lock_days: int) -> dict[str, Any]:
    """Why an order waits: the form of its sentence and the values (app.domain.vocabulary.WAIT_DETAILS; a pure
    rule)."""
    if s.free == 0 and s.locked == 0:
        return {"form": "no_stock", "sku": sku, "needed": s.needed}
    values = {"sku": sku, "needed": s.needed, "free": s.free}
    if s.locked:
        return {"form": "short_locked", **values, "locked": s.locked, "days": sale_lock_days}
    return {"form": "short", **values}


def shortfall_reason(sku: str, s: Shortfall, sale_lock_days: int) -> str:
    """Why an order waits, in English words."""
    return str(vocabulary.wait_detail(shortfall_params(sku, s, sale_lock_days)))


def waiting_orders(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Released orders that wait for stock, with the reason (the supervisor's list)."""
    require(uow, Permission.VIEW)
    rows = uow.session.execute(select(ConsumerOrder.order_no, OrderWait.code, OrderWait.reason, OrderWait.since)
                               .join(ConsumerOrder, ConsumerOrder.id == OrderWait.order_id)
                               .where(ConsumerOrder.status.in_(ALLOCATABLE)).order_by(OrderWait.since))
    return [{"order_no": r.order_no, "code": r.code, "reason": r.reason, "since": r.since.isoformat()} for r in rows]
