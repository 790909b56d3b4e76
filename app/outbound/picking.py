"""Picking a wave: scan the location, then each unit; the units move to the packing area with their reservation.

Each scan is its own transaction, logged under its scan id (a replayed scan returns its first result and
moves nothing). A wrong location, product or lot is refused. A short pick freezes the missing units where
they should have been (a stock count settles them) and the order is re-allocated at once from other
sellable stock, or left waiting with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, and_, bindparam, case, cast, exists, func, literal, select, update
from sqlalchemy.orm import aliased

from app.admin import LIVE_ROLE, audit, known_role, live_role_param, product_by_gtin, require
from app.domain import vocabulary
from app.domain.gs1 import ItemScan
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.outbound import allocation
from app.persistence.hot import Prepared
from app.persistence.jobs import lock_order_rows
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    Location,
    LocationFreeze,
    Lot,
    PickTask,
    Product,
    ScanEvent,
    Stock,
    Wave,
)
from app.persistence.uow import Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, FLAGGED, ScanResult
from app.stock import movements as stock
from app.stock.movements import Place

WORKFLOW = "pick"
PUT_DOWN = "picked goods put down"  # at a packing location a count has frozen


@dataclass(frozen=True)
class OpenTask:
    task: PickTask
    sku: str
    gtin: str
    batch: str
    order_no: str

    @property
    def left(self) -> int:
        return self.task.quantity - self.task.picked - self.task.short


def find_wave(uow: UnitOfWork, wave_no: str, *, lock: bool = False) -> Wave:
    stmt = select(Wave).where(Wave.wave_no == wave_no)
    if lock and uow.is_postgres:
        stmt = stmt.with_for_update()
    wave = uow.session.execute(stmt).scalar_one_or_none()
    if wave is None:
        raise NotFound(f"no wave {wave_no}", code="unknown_wave", wave=wave_no)
    return wave


def find_location(uow: UnitOfWork, code: str) -> Location:
    location = uow.session.execute(select(Location).where(Location.code == code)).scalar_one_or_none()
    if location is None or not location.active:
        raise NotFound(f"no location {code}", code="unknown_location", location=code)
    return location


def open_tasks(uow: UnitOfWork, wave: Wave, location_id: int | None = None) -> list[OpenTask]:
    """The wave's open tasks (at one location), in pick sequence."""
    stmt = (select(PickTask, Product.sku, Product.gtin, Lot.batch_no, ConsumerOrder.order_no)
            .join(Product, Product.id == PickTask.product_id).join(Lot, Lot.id == PickTask.lot_id)
            .join(ConsumerOrder, ConsumerOrder.id == PickTask.order_id)
            .join(Location, Location.id == PickTask.location_id)
            .where(PickTask.wave_id == wave.id, PickTask.status == "open")
            .order_by(Location.pick_sequence, Location.code, Product.sku, PickTask.id))
    if location_id is not None:
        stmt = stmt.where(PickTask.location_id == location_id)
    return [OpenTask(*row) for row in uow.session.execute(stmt).all()]


def _next_stop(uow: UnitOfWork, wave: Wave, tasks: list[OpenTask] | None = None) -> str:
    """Where the picker goes next (`tasks`: the wave's open tasks when the caller has just read them)."""
    tasks = open_tasks(uow, wave) if tasks is None else tasks
    if not tasks:
        return f"wave {wave.wave_no} is fully picked"
    loc = uow.session.get(Location, tasks[0].task.location_id)
    return f"next: {loc.code}"


def check_location(uow: UnitOfWork, wave_no: str, location_code: str) -> ScanResult:
    """The picker arrived at a location: what to take there, or why it is the wrong place (nothing changes)."""
    require(uow, Permission.SCAN_OPERATIONS)
    wave = find_wave(uow, wave_no)
    location = find_location(uow, location_code)
    try:
        stock.refuse_if_frozen(uow, location, "picking")
    except Rejected as exc:
        return scanlog.rejected(exc.code, exc.message, **exc.params)
    tasks = open_tasks(uow, wave, location.id)
    if not tasks:
        return scanlog.rejected("wrong_location", f"wrong location: nothing to pick at {location_code} in wave "
                                f"{wave_no}; {_next_stop(uow, wave)}", location=location_code, wave=wave_no)
    wanted: dict[tuple[str, str], int] = {}
    for t in tasks:
        wanted[(t.sku, t.batch)] = wanted.get((t.sku, t.batch), 0) + t.left
    what = ", ".join(f"{n} × {sku} batch {batch or '(none)'}" for (sku, batch), n in wanted.items())
    return ScanResult(ACCEPTED, "location", f"at {location_code}: pick {what}",
                      {"location": location_code, "wave": wave_no,
                       "pick": [{"sku": s, "batch": b, "qty": n} for (s, b), n in wanted.items()]})


def pick_scan(uow: UnitOfWork, wave_no: str, location_code: str, scan: ItemScan, raw: str, scan_id: str, *,
              packing: str | None = None) -> ScanResult:
    """Units scanned at `location_code` for `wave_no` go to the packing area (refusals are logged, not raised)."""
    if packing is None:
        fast = _pick_fast(uow, wave_no, location_code, scan, raw, scan_id)
        if fast is not None:
            return fast
    require(uow, Permission.SCAN_OPERATIONS)  # the fast path checked it already (its read had the live role)
    return scanlog.once(uow, scan_id, WORKFLOW, wave_no, raw,
                        lambda: _pick(uow, wave_no, location_code, scan, packing),
                        lambda exc: audit.record(uow, "pick", "wave", wave_no, outcome="refused", code=exc.code,
                                                 reason=exc.message, location=location_code))


_TASK, _AT, _PACK, _WAVE = aliased(PickTask), aliased(Location), aliased(Location), aliased(Wave)
# The default packing location as one column, "id:code" (`_packing` splits it): one subquery walks the locations
# once (one per column walked them twice); a derived table joined instead turned SQLite's plan around.
_PACKING = (select(cast(_PACK.id, String) + literal(":") + _PACK.code)
            .where(_PACK.kind == "packing", _PACK.active.is_(True),
                   ~exists().where(LocationFreeze.location_id == _PACK.id))
            .order_by(_PACK.pick_sequence, _PACK.code).limit(1).scalar_subquery().label("packing"))
# The units still to pick at the scanned location in the wave, and the next stop after it (the first other location
# with an open task, in walk order): both name the wave and the location by the scan's parameters, not by the outer
# row, so SQLite works each out once per read. The next stop only when this scan empties the location (what is
# left there is no more than it picks): the other scans do not walk and sort the wave's tasks for it.
_LEFT_HERE = (select(func.sum(_TASK.quantity - _TASK.picked - _TASK.short)).select_from(_TASK)
              .join(_WAVE, _WAVE.id == _TASK.wave_id).join(_AT, _AT.id == _TASK.location_id)
              .where(_WAVE.wave_no == bindparam("wave"), _AT.code == bindparam("location"), _TASK.status == "open")
              .scalar_subquery())
_NEXT_STOP = (select(_AT.code).select_from(_TASK).join(_AT, _AT.id == _TASK.location_id)
              .join(_WAVE, _WAVE.id == _TASK.wave_id)
              .where(_WAVE.wave_no == bindparam("wave"), _TASK.status == "open", _AT.code != bindparam("location"))
              .order_by(_AT.pick_sequence, _AT.code).limit(1).scalar_subquery())
# A unit scan's one read: the wave's open tasks at the location with their open allocations, whether each order
# has open tasks elsewhere, where the picker goes next (when this scan empties the location), the default packing
# location, the scan id's first result (a replay) and the picker's live role; the tasks' products by their GTIN as
# filed, matched to the scan's in Python (as the pack station matches a unit: a subquery looking the GTIN up cost
# the read a tenth of its time). No row: nothing open here (the slow path says why).
_PICK_READ = Prepared(
    select(PickTask.id, PickTask.order_id, PickTask.lot_id, PickTask.product_id, PickTask.quantity, PickTask.picked,
           PickTask.short, Product.sku, Product.gtin, Lot.batch_no, ConsumerOrder.order_no,
           Allocation.id.label("a_id"), Allocation.location_id.label("a_location"), Allocation.lpn.label("a_lpn"),
           Allocation.quantity.label("a_quantity"), Allocation.picked.label("a_picked"),
           Allocation.short.label("a_short"), Wave.id.label("wave_id"), Location.id.label("location_id"),
           exists().where(_TASK.order_id == PickTask.order_id, _TASK.status == "open",
                          ~and_(_TASK.wave_id == Wave.id, _TASK.location_id == Location.id)).label("elsewhere"),
           case((bindparam("count", type_=Integer) >= _LEFT_HERE, _NEXT_STOP), else_=None).label("next_code"),
           _PACKING,
           select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id"))
           .scalar_subquery().label("first_result"), LIVE_ROLE)
    .select_from(PickTask)
    .join(Wave, Wave.id == PickTask.wave_id)
    .join(Location, Location.id == PickTask.location_id)
    .join(Product, Product.id == PickTask.product_id).join(Lot, Lot.id == PickTask.lot_id)
    .join(ConsumerOrder, ConsumerOrder.id == PickTask.order_id)
    .outerjoin(Allocation, and_(Allocation.pick_task_id == PickTask.id, Allocation.state == "open"))
    .where(Wave.wave_no == bindparam("wave"), Location.code == bindparam("location"), Location.active.is_(True),
           PickTask.status == "open", stock.NOT_FROZEN)  # a frozen location: the slow path refuses, saying why
    .order_by(Product.sku, PickTask.id, Allocation.id))
_TASK_DONE = Prepared(update(PickTask).where(PickTask.id == bindparam("t_id"))
              .values(picked=PickTask.picked + bindparam("n"), status=bindparam("t_status")))
_ALLOCATION_PICKED = Prepared(update(Allocation).where(Allocation.id == bindparam("a_id"))
                      .values(picked=Allocation.picked + bindparam("n"), packing_location_id=bindparam("to")))
# one order at a time (an executemany when a scan finishes several): an IN list is rendered again on every run
_ORDER_PICKED = Prepared(update(ConsumerOrder).where(ConsumerOrder.id == bindparam("o_id"),
                                                     ConsumerOrder.status == "allocated").values(status="picked"))
_WAVE_PICKED = Prepared(update(Wave).where(Wave.id == bindparam("wave_id")).values(status="picked"))


def _pick_fast(uow: UnitOfWork, wave_no: str, location_code: str, scan: ItemScan, raw: str,
               scan_id: str) -> ScanResult | None:
    """An accepted unit scan (or a replay) in one read and Core writes; None: the slow path decides (refusals,
    a packing location named by the station)."""
    if uow.is_postgres:
        try:
            find_wave(uow, wave_no, lock=True)  # the wave's row lock first, as the slow path takes it
        except NotFound:
            return None
    conn = uow.conn
    rows = _PICK_READ.all(conn, {"wave": wave_no, "location": location_code, "scan_id": scan_id,
                                 "count": scan.count, **live_role_param(uow)})
    if rows:
        known_role(uow, rows[0].live_role)
    require(uow, Permission.SCAN_OPERATIONS)  # before anything is replayed or written
    if not rows:
        return None
    head = rows[0]
    if head.first_result is not None:
        return scanlog.first_result(head.first_result)
    if head.packing is None:
        return None  # no packing location: the slow path refuses, naming it
    packing_id, _, packing_code = head.packing.partition(":")
    tasks: dict[int, list] = {}
    scanned = scan.gtin.zfill(14)
    for row in rows:
        if row.gtin.zfill(14) == scanned and (not scan.batch or row.batch_no == scan.batch):
            tasks.setdefault(row.id, []).append(row)
    left_of = {tid: r[0].quantity - r[0].picked - r[0].short for tid, r in tasks.items()}
    if not tasks or scan.count > sum(left_of.values()) or any(r[0].a_id is None for r in tasks.values()):
        return None  # wrong product, lot, over-pick: the slow path refuses it in its words
    to = Place(int(packing_id), "available")
    left, orders, steps, allocations, done = scan.count, [], [], [], []
    for tid, allocation_rows in tasks.items():
        n = min(left, left_of[tid])
        if n == 0:
            continue
        first = allocation_rows[0]
        take = n
        for a in allocation_rows:
            k = min(take, a.a_quantity - a.a_picked - a.a_short)
            if k <= 0:
                continue
            steps.append(stock.Step(first.lot_id, first.product_id, k, stock.Place(a.a_location, "available", a.a_lpn),
                                    to, kind="pick", ref_type="wave", ref_no=wave_no, unreserve=k, reserve=k))
            allocations.append({"a_id": a.a_id, "n": k, "to": to.location_id})
            take -= k
            if take == 0:
                break
        if take:
            return None  # the allocations do not cover the task: let the slow path decide
        complete = first.picked + n + first.short == first.quantity
        done.append({"t_id": tid, "n": n, "t_status": ("short" if first.short else "picked") if complete else "open"})
        left_of[tid] -= n
        orders.append(first.order_no)
        left -= n
        if left == 0:
            break
    try:
        stock.apply(uow, steps)
    except stock.NothingTaken:
        return None  # nothing written: the slow path refuses it (and logs the refusal)
    _ALLOCATION_PICKED.many(conn, allocations)
    _TASK_DONE.many(conn, done)
    after = {row.id: left_of.get(row.id, row.quantity - row.picked - row.short) for row in rows}
    remaining_here = sum(after.values())
    finished = [oid for oid in sorted({row.order_id for row in rows if row.id in tasks})
                if not any(row.elsewhere for row in rows if row.order_id == oid)
                and all(after[row.id] == 0 for row in rows if row.order_id == oid)]
    if finished:
        _ORDER_PICKED.many(conn, [{"o_id": oid} for oid in finished])
    if remaining_here == 0 and head.next_code is None:
        _WAVE_PICKED.run(conn, {"wave_id": head.wave_id})
    mine = next(iter(tasks.values()))[0]
    sku, batch = mine.sku, mine.batch_no
    audit.record(uow, "pick", "wave", wave_no, location=location_code, sku=sku, batch=batch, quantity=scan.count,
                 to=packing_code, orders=orders)
    uow.changes.touch(Area.PICKING, Area.STOCK, Area.ORDERS, Area.WAVES)
    text = f"picked {scan.count} × {sku} batch {batch or '(none)'} for {', '.join(orders)} → {packing_code}"
    if remaining_here:
        text += f"; {remaining_here} more here"
    else:
        nxt = f"next: {head.next_code}" if head.next_code else f"wave {wave_no} is fully picked"
        text += f"; {location_code} done, {nxt}"
    result = ScanResult(ACCEPTED, "picked", text, {"wave": wave_no, "location": location_code, "sku": sku,
                                                   "batch": batch, "qty": scan.count, "orders": orders,
                                                   "to": packing_code, "left_here": remaining_here})
    scanlog.log(uow, scan_id, WORKFLOW, wave_no, raw, result)
    return result


def _matching(uow: UnitOfWork, wave: Wave, location: Location, scan: ItemScan) -> list[OpenTask]:
    tasks = open_tasks(uow, wave, location.id)
    if not tasks:
        raise Rejected(f"wrong location: nothing to pick at {location.code} in wave {wave.wave_no}; "
                       f"{_next_stop(uow, wave)}", code="wrong_location", location=location.code)
    product = product_by_gtin(uow, scan.gtin)
    mine = [t for t in tasks if t.task.product_id == product.id]
    if not mine:
        wanted = ", ".join(sorted({t.sku for t in tasks}))
        raise Rejected(f"wrong product: {product.sku} is not to be picked at {location.code} in wave "
                       f"{wave.wave_no} (pick {wanted} here)", code="wrong_product", sku=product.sku)
    if scan.batch:
        same = [t for t in mine if t.batch == scan.batch]
        if not same:
            batches = ", ".join(sorted({t.batch for t in mine}))
            raise Rejected(f"wrong lot: batch {scan.batch} of {product.sku} scanned; wave {wave.wave_no} picks "
                           f"batch {batches} at {location.code}", code="wrong_lot", batch=scan.batch)
        mine = same
    left = sum(t.left for t in mine)
    if scan.count > left:
        raise Rejected(f"over-pick: {scan.count} × {product.sku} scanned, only {left} left to pick at "
                       f"{location.code}", code="over_pick", sku=product.sku, left=left)
    return mine


def _pick(uow: UnitOfWork, wave_no: str, location_code: str, scan: ItemScan, packing: str | None) -> ScanResult:
    wave = find_wave(uow, wave_no, lock=True)
    location = find_location(uow, location_code)
    stock.refuse_if_frozen(uow, location, "picking")
    tasks = _matching(uow, wave, location, scan)
    to = packing_location(uow, packing)
    left, orders = scan.count, []
    for t in tasks:
        n = min(left, t.left)
        if n == 0:
            continue
        _take(uow, t.task, n, to, wave.wave_no)
        orders.append(t.order_no)
        left -= n
        if left == 0:
            break
    still_open = _finish(uow, wave, {t.task.order_id for t in tasks})
    remaining = sum(t.left for t in still_open if t.task.location_id == location.id)
    sku, batch = tasks[0].sku, tasks[0].batch
    audit.record(uow, "pick", "wave", wave_no, location=location_code, sku=sku, batch=batch, quantity=scan.count,
                 to=to.code, orders=orders)
    uow.changes.touch(Area.PICKING, Area.STOCK, Area.ORDERS, Area.WAVES)
    text = f"picked {scan.count} × {sku} batch {batch or '(none)'} for {', '.join(orders)} → {to.code}"
    text += f"; {remaining} more here" if remaining else f"; {location_code} done, {_next_stop(uow, wave, still_open)}"
    return ScanResult(ACCEPTED, "picked", text, {"wave": wave_no, "location": location_code, "sku": sku,
                                                 "batch": batch, "qty": scan.count, "orders": orders,
                                                 "to": to.code, "left_here": remaining})


def packing_location(uow: UnitOfWork, code: str | None = None) -> Location:
    """The packing location `code`, else the first active packing location in walk order."""
    if code:
        location = find_location(uow, code)
        if location.kind != "packing":
            raise Rejected(f"{code} is a {location.kind} location: picked goods go to a packing location",
                           code="wrong_location_kind", location=code)
        stock.refuse_if_frozen(uow, location, PUT_DOWN)
        return location
    first = stock.first_unfrozen(uow, select(Location).where(Location.kind == "packing", Location.active.is_(True))
                                 .order_by(Location.pick_sequence, Location.code), PUT_DOWN)
    if first is None:
        raise Rejected("there is no packing location: import one first", code="no_packing_location")
    return first


def stock_row(uow: UnitOfWork, location_id: int, lot_id: int, lpn: str, status: str = "available") -> Stock:
    stmt = select(Stock).where(Stock.location_id == location_id, Stock.lot_id == lot_id, Stock.lpn == lpn,
                               Stock.status == status)
    if uow.is_postgres:
        stmt = stmt.with_for_update()
    return uow.session.execute(stmt).scalar_one()


def _take(uow: UnitOfWork, task: PickTask, quantity: int, to: Location, wave_no: str) -> None:
    """Move `quantity` units of a task to packing, allocation by allocation; the reservation moves with them."""
    lot = uow.session.get(Lot, task.lot_id)
    allocations = uow.session.execute(select(Allocation).where(
        Allocation.pick_task_id == task.id, Allocation.state == "open").order_by(Allocation.id)).scalars().all()
    left = quantity
    for a in allocations:
        n = min(left, a.quantity - a.picked - a.short)
        if n <= 0:
            continue
        stock_row(uow, a.location_id, a.lot_id, a.lpn).reserved -= n
        stock.move(uow, lot, n, stock.Place(a.location_id, "available", a.lpn), stock.Place(to.id, "available"),
                   kind="pick", ref_type="wave", ref_no=wave_no)
        stock_row(uow, to.id, a.lot_id, "").reserved += n
        a.picked += n
        a.packing_location_id = to.id
        left -= n
        if left == 0:
            break
    task.picked += quantity
    if task.picked + task.short == task.quantity:
        task.status = "short" if task.short else "picked"


def _finish(uow: UnitOfWork, wave: Wave, order_ids: set[int]) -> list[OpenTask]:
    """Orders with nothing left to pick are picked; a wave with no open task is picked. Returns the wave's
    open tasks (read once here, so the caller need not read them again)."""
    uow.session.flush()
    for oid in order_ids:
        still = uow.session.execute(select(PickTask.id).where(PickTask.order_id == oid, PickTask.status == "open")
                                    .limit(1)).first()
        if still is None:
            uow.session.execute(update(ConsumerOrder).values(status="picked").where(
                ConsumerOrder.id == oid, ConsumerOrder.status == "allocated"))
    still_open = open_tasks(uow, wave)
    if not still_open:
        wave.status = "picked"
    return still_open


def short_pick(uow: UnitOfWork, wave_no: str, location_code: str, raw: str, scan_id: str,
               gtins: Sequence[str] = ()) -> ScanResult:
    """What is still to pick at the location (of `gtins`, or all) is not there: record it and re-allocate."""
    require(uow, Permission.SCAN_OPERATIONS)
    return scanlog.once(uow, scan_id, WORKFLOW, wave_no, raw, lambda: _short(uow, wave_no, location_code, gtins))


def _short(uow: UnitOfWork, wave_no: str, location_code: str, gtins: Sequence[str]) -> ScanResult:
    wave = find_wave(uow, wave_no, lock=True)
    location = find_location(uow, location_code)
    stock.refuse_if_frozen(uow, location, "picking")
    tasks = open_tasks(uow, wave, location.id)
    if gtins:
        ids = {product_by_gtin(uow, g).id for g in gtins}
        tasks = [t for t in tasks if t.task.product_id in ids]
    if not tasks:
        raise Rejected(f"nothing left to pick at {location_code} in wave {wave_no}: no short to record",
                       code="nothing_to_short", location=location_code)
    # the lock order (app/outbound/__init__.py): the wave, then the orders, then the stock rows
    lock_order_rows(uow, ConsumerOrder.id.in_(sorted({t.task.order_id for t in tasks})))
    _lock_storage_rows(uow, {t.task.product_id for t in tasks})
    shorts = [(t, t.left) for t in tasks]
    for t, n in shorts:
        _freeze(uow, t.task, n, wave_no)
    outcomes = [reallocate(uow, oid, wave, {(t.task.lot_id, location.id) for t, _ in shorts})
                for oid in sorted({t.task.order_id for t, _ in shorts})]
    _finish(uow, wave, {t.task.order_id for t, _ in shorts})
    what = ", ".join(f"{n} × {t.sku} batch {t.batch or '(none)'} for {t.order_no}" for t, n in shorts)
    words = [vocabulary.short_pick_outcome(o) for o in outcomes]
    audit.record(uow, "short_pick", "wave", wave_no, location=location_code, shorts=what, outcomes=words)
    uow.changes.touch(Area.PICKING, Area.STOCK, Area.ORDERS, Area.WAVES, Area.ALLOCATION)
    return ScanResult(FLAGGED, "short_pick", f"short at {location_code}: {what} (frozen for a stock count); "
                      + "; ".join(words), {"wave": wave_no, "location": location_code, "outcomes": outcomes,
                                              "short": [{"sku": t.sku, "batch": t.batch, "qty": n,
                                                         "order_no": t.order_no} for t, n in shorts]})


def _lock_storage_rows(uow: UnitOfWork, products: set[int]) -> None:
    """Every stock row of `products` at a storage location, ascending id: those the short pick freezes and those
    its re-allocation may draw on, locked at once before any of them."""
    if uow.is_postgres:
        uow.session.execute(select(Stock.id).join(Location, Location.id == Stock.location_id).where(
            Stock.product_id.in_(sorted(products)), Location.kind == "storage").order_by(Stock.id)
            .with_for_update(of=Stock))


def _freeze(uow: UnitOfWork, task: PickTask, quantity: int, wave_no: str) -> None:
    """The units not found: off the reservation, frozen where they should be (a stock count settles them)."""
    lot = uow.session.get(Lot, task.lot_id)
    for a in uow.session.execute(select(Allocation).where(Allocation.pick_task_id == task.id,
                                                          Allocation.state == "open")).scalars().all():
        n = a.quantity - a.picked - a.short
        if n <= 0:
            continue
        stock_row(uow, a.location_id, a.lot_id, a.lpn).reserved -= n
        stock.move(uow, lot, n, stock.Place(a.location_id, "available", a.lpn),
                   stock.Place(a.location_id, "frozen", a.lpn), kind="short_pick", ref_type="wave", ref_no=wave_no,
                   note="not found at picking")
        a.short += n
    task.short += quantity
    task.status = "short"


def reallocate(uow: UnitOfWork, order_id: int, wave: Wave, exclude: set[tuple[int, int]]) -> dict[str, Any]:
    """After a short pick: the order's missing units from other sellable stock (same wave), or it waits. Returns
    what became of it as a form and its values (app.domain.vocabulary.SHORT_PICK_OUTCOMES words it): re-allocated
    (units, wave), waiting for customs (not_released) or waiting for stock (why: the wait's own params)."""
    order = uow.session.get(ConsumerOrder, order_id)
    order.status = "short"
    uow.session.flush()
    needs = allocation.order_needs(uow, order_id=order_id)
    if not needs:  # its inventory list is no longer released: it waits for customs, not for stock
        return {"form": "not_released", "order_no": order.order_no}
    plan = allocation.plan_for(uow, needs, None, exclude)
    if plan.filled:
        allocation.write_plan(uow, plan, {order_id: (wave.id, wave.wave_no)})
        uow.session.expire_all()
        return {"form": "reallocated", "order_no": order.order_no, "units": sum(d.quantity for d in plan.draws),
                "wave": wave.wave_no}
    waits = allocation.record_waits(uow, plan.waiting)
    uow.session.expire_all()
    return {"form": "waiting", "order_no": order.order_no, "why": waits[0]["params"]}
