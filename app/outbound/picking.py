"""Picking a wave: scan the location, then each unit; the units move to the packing area with their reservation.

Each scan is its own transaction, logged under its scan id (a replayed scan returns its first result and
moves nothing). A wrong location, product or lot is refused. A short pick freezes the missing units where
they should have been (a stock count settles them) and the order is re-allocated at once from other
sellable stock, or left waiting with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from app.domain.gs1 import ItemScan
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import Allocation, ConsumerOrder, Location, Lot, PickTask, Product, Stock, Wave
from app.persistence.uow import Area, UnitOfWork
from app.outbound import allocation
from app.admin import audit
from app.stations import scanlog
from app.stock import movements as stock
from app.admin.auth import require
from app.inbound.receiving import product_by_gtin
from app.stations.scanlog import ACCEPTED, FLAGGED, ScanResult

WORKFLOW = "pick"


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


def _next_stop(uow: UnitOfWork, wave: Wave) -> str:
    tasks = open_tasks(uow, wave)
    if not tasks:
        return f"wave {wave.wave_no} is fully picked"
    loc = uow.session.get(Location, tasks[0].task.location_id)
    return f"next: {loc.code}"


def check_location(uow: UnitOfWork, wave_no: str, location_code: str) -> ScanResult:
    """The picker arrived at a location: what to take there, or why it is the wrong place (nothing changes)."""
    require(uow, Permission.SCAN_OPERATIONS)
    wave = find_wave(uow, wave_no)
    location = find_location(uow, location_code)
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
    require(uow, Permission.SCAN_OPERATIONS)
    return scanlog.once(uow, scan_id, WORKFLOW, wave_no, raw,
                        lambda: _pick(uow, wave_no, location_code, scan, packing),
                        lambda exc: audit.record(uow, "pick", "wave", wave_no, outcome="refused", code=exc.code,
                                                 reason=exc.message, location=location_code))


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
    _finish(uow, wave, {t.task.order_id for t in tasks})
    remaining = sum(t.left for t in open_tasks(uow, wave, location.id))
    sku, batch = tasks[0].sku, tasks[0].batch
    audit.record(uow, "pick", "wave", wave_no, location=location_code, sku=sku, batch=batch, quantity=scan.count,
                 to=to.code, orders=orders)
    uow.changes.touch(Area.PICKING, Area.STOCK, Area.ORDERS, Area.WAVES)
    text = f"picked {scan.count} × {sku} batch {batch or '(none)'} for {', '.join(orders)} → {to.code}"
    text += f"; {remaining} more here" if remaining else f"; {location_code} done, {_next_stop(uow, wave)}"
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
        return location
    location = uow.session.execute(select(Location).where(Location.kind == "packing", Location.active.is_(True))
                                   .order_by(Location.pick_sequence, Location.code).limit(1)).scalar()
    if location is None:
        raise Rejected("there is no packing location: import one first", code="no_packing_location")
    return location


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


def _finish(uow: UnitOfWork, wave: Wave, order_ids: set[int]) -> None:
    """Orders with nothing left to pick are picked; a wave with no open task is picked."""
    uow.session.flush()
    for oid in order_ids:
        still = uow.session.execute(select(PickTask.id).where(PickTask.order_id == oid, PickTask.status == "open")
                                    .limit(1)).first()
        if still is None:
            uow.session.execute(update(ConsumerOrder).values(status="picked").where(
                ConsumerOrder.id == oid, ConsumerOrder.status == "allocated"))
    if not open_tasks(uow, wave):
        wave.status = "picked"


def short_pick(uow: UnitOfWork, wave_no: str, location_code: str, raw: str, scan_id: str,
               gtins: Sequence[str] = ()) -> ScanResult:
    """What is still to pick at the location (of `gtins`, or all) is not there: record it and re-allocate."""
    require(uow, Permission.SCAN_OPERATIONS)
    return scanlog.once(uow, scan_id, WORKFLOW, wave_no, raw, lambda: _short(uow, wave_no, location_code, gtins))


def _short(uow: UnitOfWork, wave_no: str, location_code: str, gtins: Sequence[str]) -> ScanResult:
    wave = find_wave(uow, wave_no, lock=True)
    location = find_location(uow, location_code)
    tasks = open_tasks(uow, wave, location.id)
    if gtins:
        ids = {product_by_gtin(uow, g).id for g in gtins}
        tasks = [t for t in tasks if t.task.product_id in ids]
    if not tasks:
        raise Rejected(f"nothing left to pick at {location_code} in wave {wave_no}: no short to record",
                       code="nothing_to_short", location=location_code)
    shorts = [(t, t.left) for t in tasks]
    for t, n in shorts:
        _freeze(uow, t.task, n, wave_no)
    outcomes = [reallocate(uow, oid, wave, {(t.task.lot_id, location.id) for t, _ in shorts})
                for oid in sorted({t.task.order_id for t, _ in shorts})]
    _finish(uow, wave, {t.task.order_id for t, _ in shorts})
    what = ", ".join(f"{n} × {t.sku} batch {t.batch or '(none)'} for {t.order_no}" for t, n in shorts)
    audit.record(uow, "short_pick", "wave", wave_no, location=location_code, shorts=what, outcomes=outcomes)
    uow.changes.touch(Area.PICKING, Area.STOCK, Area.ORDERS, Area.WAVES, Area.ALLOCATION)
    return ScanResult(FLAGGED, "short_pick", f"short at {location_code}: {what} (frozen for a stock count); "
                      + "; ".join(outcomes), {"wave": wave_no, "location": location_code, "outcomes": outcomes,
                                              "short": [{"sku": t.sku, "batch": t.batch, "qty": n,
                                                         "order_no": t.order_no} for t, n in shorts]})


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


def reallocate(uow: UnitOfWork, order_id: int, wave: Wave, exclude: set[tuple[int, int]]) -> str:
    """After a short pick: the order's missing units from other sellable stock (same wave), or it waits."""
    order = uow.session.get(ConsumerOrder, order_id)
    order.status = "short"
    uow.session.flush()
    needs = allocation.order_needs(uow, order_id=order_id)
    if not needs:  # its inventory list is no longer released: it waits for customs, not for stock
        return f"{order.order_no} left waiting: its inventory list is no longer released (800)"
    plan = allocation.plan_for(uow, needs, None, exclude)
    if plan.filled:
        allocation.write_plan(uow, plan, {order_id: (wave.id, wave.wave_no)})
        uow.session.expire_all()
        return f"{order.order_no} re-allocated ({sum(d.quantity for d in plan.draws)} units added to {wave.wave_no})"
    waits = allocation.record_waits(uow, plan.waiting)
    uow.session.expire_all()
    return f"{order.order_no} left waiting: {waits[0]['reason']}"
