"""Receiving a returned parcel: identify it (return number or original waybill), count each unit, close it.

Each scan is one transaction with its idempotent scan-log row (a replayed scan changes nothing). A good unit goes
back onto the lot it left on, on hold at the returns location until customs has approved the return; a damaged
unit goes to the damaged location. Closing the parcel books the return when customs has approved it.

Each scan first tries its fast path, as the other stations do: one read (the parcel's lines with what came back
so far, the scan id's first result, the clerk's live role and what the scan needs besides), then Core writes. A
scan the fast path does not accept (a refusal, a close that books the return) goes on the slow path, in the same
transaction, which says why in its words; nothing was written before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, bindparam, case, func, select, update
from sqlalchemy.orm import selectinload

from app.admin import (
    LIVE_ROLE,
    audit,
    gtins_as_filed,
    known_role,
    live_role_param,
    product_by_gtin,
    require,
    warehouse_zone,
)
from app.clock import local_date, zone_named
from app.customs import book_return, settle_return
from app.domain.gs1 import ItemScan
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.hot import Prepared
from app.persistence.models import (
    ConsumerOrder,
    Location,
    Lot,
    Product,
    ReturnCase,
    ReturnLine,
    ScanEvent,
    Warehouse,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, FLAGGED, REJECTED, ScanResult
from app.stock import movements as stock

WORKFLOW = "return"
OPEN = ("requested", "declared", "accepted", "approved")

# The fast path's statements, built once (compiled once per engine). `_PARCEL`: the parcel's lines in line order,
# each with its product, lot and what came back so far, the case's state, the scan id's first result (a replay)
# and the clerk's live role (so the role check reads nothing more). Read under the write lock (BEGIN IMMEDIATE;
# on PostgreSQL after the case's row lock, or the scan id's claim for the parcel scan): nothing of it is cached
# between scans.
_PARCEL = (
    select(ReturnCase.id.label("case_id"), ReturnCase.return_no, ReturnCase.status, ReturnCase.customs_state,
           ReturnCase.received_at, ReturnCase.arrive_by, ReturnLine.id, ReturnLine.product_id, ReturnLine.lot_id,
           ReturnLine.quantity, ReturnLine.good, ReturnLine.damaged, Product.sku, Product.gtin, Lot.batch_no,
           select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id"))
           .scalar_subquery().label("first_result"), LIVE_ROLE)
    .select_from(ReturnCase)
    .join(ReturnLine, ReturnLine.return_id == ReturnCase.id)
    .join(Product, Product.id == ReturnLine.product_id)
    .join(Lot, Lot.id == ReturnLine.lot_id)
    .order_by(ReturnLine.id))
_ZONE = select(Warehouse.time_zone).order_by(Warehouse.id).limit(1).scalar_subquery().label("zone")
_BY_NUMBER = select(ReturnCase.id).where(ReturnCase.return_no == bindparam("code")).scalar_subquery()
# the original waybill names the latest return still waiting for its parcel, else the latest one (`find_case`)
_BY_WAYBILL = (select(ReturnCase.id).join(ConsumerOrder, ConsumerOrder.id == ReturnCase.order_id)
               .where(ConsumerOrder.waybill_no == bindparam("code"))
               .order_by(case((and_(ReturnCase.received_at.is_(None), ReturnCase.status != "rejected"), 0), else_=1),
                         ReturnCase.id.desc())
               .limit(1).scalar_subquery())
# the parcel scan: the case its code names (return number, else original waybill), and the warehouse's time zone
_OPEN_READ = Prepared(_PARCEL.add_columns(_ZONE).where(ReturnCase.id == func.coalesce(_BY_NUMBER, _BY_WAYBILL)))
# a unit scan: the product the GTIN names and where the unit goes (the first location of its kind no open count
# has frozen; none: the slow path refuses, naming the count or the missing location)
_UNIT_READ = Prepared(_PARCEL.add_columns(
    select(func.min(Product.id)).where(Product.gtin.in_([bindparam(f"gtin{n}") for n in range(4)]))
    .scalar_subquery().label("scanned_product"),
    select(Location.id).where(Location.kind == bindparam("kind"), stock.NOT_FROZEN).order_by(Location.code)
    .limit(1).scalar_subquery().label("to_location"),
).where(ReturnCase.return_no == bindparam("no")))
_CLOSE_READ = Prepared(_PARCEL.add_columns(_ZONE).where(ReturnCase.return_no == bindparam("no")))
_LOCK = select(ReturnCase.id).where(ReturnCase.return_no == bindparam("no")).with_for_update()
_COUNTED = Prepared(update(ReturnLine).where(ReturnLine.id == bindparam("line_id"))
                    .values(good=ReturnLine.good + bindparam("n_good"),
                            damaged=ReturnLine.damaged + bindparam("n_damaged")))
_RECEIVED = Prepared(update(ReturnCase).where(ReturnCase.id == bindparam("case_id"))
                     .values(received_at=bindparam("at", type_=ReturnCase.__table__.c.received_at.type),
                             received_by=bindparam("by"), status="received"))


def find_case(uow: UnitOfWork, code: str) -> ReturnCase:
    """The return a parcel scan names: its return number, or the original waybill (its latest open return)."""
    code = code.strip()
    found = uow.session.execute(select(ReturnCase).where(ReturnCase.return_no == code)
                                .options(selectinload(ReturnCase.lines))).scalar_one_or_none()
    if found is not None:
        return found
    cases = uow.session.execute(
        select(ReturnCase).join(ConsumerOrder, ConsumerOrder.id == ReturnCase.order_id)
        .where(ConsumerOrder.waybill_no == code).order_by(ReturnCase.id.desc())
        .options(selectinload(ReturnCase.lines))).scalars().all()
    if not cases:
        raise NotFound(f"no return for {code!r}: scan the return number or the parcel's original waybill",
                       code="no_return", parcel=code)
    waiting = [c for c in cases if c.received_at is None and c.status != "rejected"]
    return waiting[0] if waiting else cases[0]


def expected(uow: UnitOfWork, case: ReturnCase) -> list[dict[str, Any]]:
    """What the parcel should hold, line by line: sku, gtin, batch, qty, good, damaged (one read)."""
    names = {(r.product_id, r.lot_id): r for r in uow.conn.execute(
        select(Product.id.label("product_id"), Lot.id.label("lot_id"), Product.sku, Product.gtin, Lot.batch_no)
        .join(Lot, Lot.product_id == Product.id).where(Lot.id.in_({line.lot_id for line in case.lines})))}
    return [{"sku": names[(line.product_id, line.lot_id)].sku, "gtin": names[(line.product_id, line.lot_id)].gtin,
             "batch": names[(line.product_id, line.lot_id)].batch_no, "qty": line.quantity, "good": line.good,
             "damaged": line.damaged} for line in case.lines]


def _arrival_refusal(uow: UnitOfWork, case: ReturnCase, now: datetime, *, clock: bool = True) -> ScanResult | None:
    """Why the parcel may not come in (rejected, closed, no open return; past its clock, unless `clock` is off:
    a unit of a parcel opened in time is not refused for the minutes since)."""
    if case.status == "rejected":
        return scanlog.rejected("return_rejected", f"customs rejected return {case.return_no} "
                                f"({case.return_info or case.return_status}): the parcel may not come back in",
                                return_no=case.return_no)
    if case.received_at is not None:
        return scanlog.rejected("already_received", f"return {case.return_no} was received and closed already",
                                return_no=case.return_no)
    if case.customs_state not in OPEN:
        return scanlog.rejected("no_return", f"return {case.return_no} is {case.status}: no approved or requested "
                                "return waits for this parcel", return_no=case.return_no)
    if not clock:
        return None
    today = local_date(now, warehouse_zone(uow.session))
    if today > case.arrive_by:
        return scanlog.rejected("return_late", f"return {case.return_no} had to be back by {case.arrive_by} "
                                f"(45 days after the release); it arrived on {today}: refuse the parcel",
                                return_no=case.return_no, arrive_by=case.arrive_by.isoformat())
    return None


def open_parcel(uow: UnitOfWork, code: str, raw: str, scan_id: str, *, now: datetime | None = None) -> ScanResult:
    """The parcel scan: which return it is, refused when it has no open return or arrives after the clock."""
    now = now or utcnow()
    fast = _open_fast(uow, code, raw, scan_id, now)
    if fast is not None:
        return fast

    def action() -> ScanResult:
        case = find_case(uow, code)
        refused = _arrival_refusal(uow, case, now)
        if refused is not None:
            return refused
        left = sum(line.quantity - line.good - line.damaged for line in case.lines)
        return ScanResult(ACCEPTED, "parcel", f"return {case.return_no}: {left} units expected; scan each unit",
                          {"return": case.return_no, "status": case.status, "arrive_by": case.arrive_by.isoformat(),
                           "lines": expected(uow, case)})

    return _audited(uow, "return_parcel", code[:64], scanlog.once(uow, scan_id, WORKFLOW, code[:64], raw, action))


def _location(uow: UnitOfWork, kind: str) -> Location:
    location = stock.first_unfrozen(uow, select(Location).where(Location.kind == kind).order_by(Location.code),
                                    "receiving of returns")
    if location is None:
        raise Rejected(f"the warehouse has no {kind} location: import one (`bwms import locations`)",
                       code=f"no_{kind}_location")
    return location


def receive_unit(uow: UnitOfWork, return_no: str, scan: ItemScan, raw: str, scan_id: str, *, damaged: bool = False,
                 now: datetime | None = None) -> ScanResult:
    """One unit (or a GS1 carton of them) of the open parcel, back onto its lot: good on hold at the returns
    location, damaged to the damaged location. A unit that was not in the parcel is refused."""
    now = now or utcnow()
    fast = _unit_fast(uow, return_no, scan, raw, scan_id, damaged)
    if fast is not None:
        return fast

    def action() -> ScanResult:
        case = find_case(uow, return_no)
        refused = _arrival_refusal(uow, case, now, clock=False)
        if refused is not None:
            return refused
        product = product_by_gtin(uow, scan.gtin)
        lines = [line for line in case.lines if line.product_id == product.id]
        if not lines:
            return scanlog.rejected("not_in_parcel", f"{product.sku} was not in the parcel of return "
                                    f"{case.return_no}: put it aside", sku=product.sku, return_no=case.return_no)
        if scan.batch:
            lots = {lot.id: lot.batch_no for lot in uow.session.execute(
                select(Lot).where(Lot.id.in_([line.lot_id for line in lines]))).scalars()}
            lines = [line for line in lines if lots[line.lot_id] == scan.batch]
            if not lines:
                return scanlog.rejected("not_in_parcel", f"batch {scan.batch} of {product.sku} did not leave in "
                                        f"this parcel", sku=product.sku, batch=scan.batch)
        left = sum(line.quantity - line.good - line.damaged for line in lines)
        if scan.count > left:
            return scanlog.rejected("more_than_returned", f"only {left} more {product.sku} belong to return "
                                    f"{case.return_no}, the scan says {scan.count}", sku=product.sku, left=left)
        place = stock.Place(_location(uow, "damaged" if damaged else "returns").id, "damaged" if damaged else "hold")
        steps, wanted, batches = [], scan.count, []
        for line in lines:
            take = min(wanted, line.quantity - line.good - line.damaged)
            if take <= 0:
                continue
            steps.append(stock.Step(line.lot_id, line.product_id, take, None, place, kind="return_in",
                                    ref_type="return", ref_no=case.return_no))
            if damaged:
                line.damaged += take
            else:
                line.good += take
            batches.append(line.lot_id)
            wanted -= take
        stock.apply(uow, steps)
        uow.changes.touch(Area.RETURNS)
        _audit_unit(uow, case.return_no, product.sku, scan.count, damaged, batches)
        return _unit_result(case.return_no, product.sku, scan.count, damaged, expected(uow, case))

    return _audited(uow, "return_unit", return_no, scanlog.once(uow, scan_id, WORKFLOW, return_no, raw, action))


def close_parcel(uow: UnitOfWork, return_no: str, raw: str, scan_id: str, *,
                 now: datetime | None = None) -> ScanResult:
    """CMD:CLOSE: the parcel is received; booked at once when customs has approved (else when it does)."""
    now = now or utcnow()
    fast = _close_fast(uow, return_no, raw, scan_id, now)
    if fast is not None:
        return fast

    def action() -> ScanResult:
        case = find_case(uow, return_no)
        refused = _arrival_refusal(uow, case, now)
        if refused is not None:
            return refused
        got = sum(line.good + line.damaged for line in case.lines)
        if not got:
            return scanlog.rejected("nothing_received", f"no unit of return {case.return_no} was scanned: scan the "
                                    "units before closing the parcel", return_no=case.return_no)
        case.received_at, case.received_by = now, uow.actor.username
        if case.customs_state == "approved":
            book_return(uow, case)
        settle_return(case)
        return _closed(uow, case.return_no, case.status, case.booked_at is not None,
                       [(line.quantity, line.good, line.damaged) for line in case.lines])

    return _audited(uow, "return_close", return_no, scanlog.once(uow, scan_id, WORKFLOW, return_no, raw, action))


def _audited(uow: UnitOfWork, action: str, key: str, result: ScanResult) -> ScanResult:
    """A refused scan of the slow path is audited with its reason (what it accepted audited itself)."""
    if result.outcome == REJECTED and not result.replayed:
        audit.record(uow, action, "return", key, outcome="refused", code=result.code, reason=result.text)
    return result


def _audit_unit(uow: UnitOfWork, return_no: str, sku: str, quantity: int, damaged: bool, lots: list[int]) -> None:
    audit.record(uow, "return_unit", "return", return_no, sku=sku, quantity=quantity,
                 grade="damaged" if damaged else "good", lots=lots)


def _unit_result(return_no: str, sku: str, quantity: int, damaged: bool, lines: list[dict[str, Any]]) -> ScanResult:
    grade = "damaged" if damaged else "good"
    return ScanResult(ACCEPTED, f"unit_{grade}", f"{quantity} × {sku} back ({grade})"
                      + ("" if damaged else ", held at the returns location until customs approves"),
                      {"return": return_no, "sku": sku, "qty": quantity, "grade": grade, "lines": lines})


def _closed(uow: UnitOfWork, return_no: str, status: str, booked: bool,
            lines: list[tuple[int, int, int]]) -> ScanResult:
    """The close's result from the parcel's (quantity, good, damaged) lines, audited."""
    got = sum(good + damaged for _, good, damaged in lines)
    asked = sum(quantity for quantity, _, _ in lines)
    params = {"return": return_no, "status": status, "received": got, "expected": asked,
              "good": sum(good for _, good, _ in lines), "damaged": sum(damaged for _, _, damaged in lines)}
    audit.record(uow, "return_close", "return", return_no, received=got, expected=asked, status=status)
    uow.changes.touch(Area.RETURNS)
    booked_text = "booked back into the account book" if booked else "waiting for customs' approval"
    if got < asked:
        return ScanResult(FLAGGED, "parcel_short", f"return {return_no} closed {asked - got} units short "
                          f"({got} of {asked}); {booked_text}", params)
    return ScanResult(ACCEPTED, "parcel_closed", f"return {return_no} closed: {got} units; {booked_text}", params)


# -- the fast path: one read, Core writes; None hands the scan to the slow path (same transaction, nothing written)

def _read(uow: UnitOfWork, stmt: Prepared, scan_id: str, **params: Any) -> Sequence[Row[Any]]:
    """The scan's one read (`_PARCEL` and its columns), the role checked from it before anything is replayed."""
    rows = stmt.all(uow.conn, {"scan_id": scan_id, **params, **live_role_param(uow)})
    if rows:
        known_role(uow, rows[0].live_role)
    require(uow, Permission.SCAN_OPERATIONS)
    return rows


def _waiting(head: Row[Any]) -> bool:
    """The case still waits for its parcel (`_arrival_refusal` refuses the others, saying why)."""
    return head.status != "rejected" and head.received_at is None and head.customs_state in OPEN


def _late(head: Row[Any], now: datetime) -> bool:
    return bool(local_date(now, zone_named(head.zone)) > head.arrive_by)


def _lines(rows: Sequence[Row[Any]], counted: dict[int, tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """`expected` from the read's rows, with what this scan counted (line id → good, damaged)."""
    counted = counted or {}
    return [{"sku": r.sku, "gtin": r.gtin, "batch": r.batch_no, "qty": r.quantity,
             "good": r.good + counted.get(r.id, (0, 0))[0], "damaged": r.damaged + counted.get(r.id, (0, 0))[1]}
            for r in rows]


def _lock(uow: UnitOfWork, return_no: str) -> None:
    """PostgreSQL: the case's row lock first, so the scans of one parcel run one by one (and a replayed scan id,
    which always names the same parcel, reads the first one's log row)."""
    if uow.is_postgres:
        uow.conn.execute(_LOCK, {"no": return_no}).first()


def _open_fast(uow: UnitOfWork, code: str, raw: str, scan_id: str, now: datetime) -> ScanResult | None:
    """An accepted parcel scan (or a replay): one read, the scan log."""
    scanlog.claim(uow, scan_id)  # PostgreSQL: the code may name the parcel by either number; the id is the key
    rows = _read(uow, _OPEN_READ, scan_id, code=code.strip())
    if not rows:
        return None
    head = rows[0]
    if head.first_result is not None:
        return scanlog.first_result(head.first_result)
    if not _waiting(head) or _late(head, now):
        return None
    left = sum(r.quantity - r.good - r.damaged for r in rows)
    result = ScanResult(ACCEPTED, "parcel", f"return {head.return_no}: {left} units expected; scan each unit",
                        {"return": head.return_no, "status": head.status, "arrive_by": head.arrive_by.isoformat(),
                         "lines": _lines(rows)})
    scanlog.log(uow, scan_id, WORKFLOW, code[:64], raw, result)
    return result


def _unit_fast(uow: UnitOfWork, return_no: str, scan: ItemScan, raw: str, scan_id: str,
               damaged: bool) -> ScanResult | None:
    """An accepted unit scan (or a replay): one read, the stock row upserted, the movement, the parcel's lines,
    audit, the scan log."""
    _lock(uow, return_no)
    gtins = gtins_as_filed(scan.gtin)  # one to four: as four parameters (no IN list rendered again each scan)
    rows = _read(uow, _UNIT_READ, scan_id, no=return_no, kind="damaged" if damaged else "returns",
                 **{f"gtin{n}": gtins[min(n, len(gtins) - 1)] for n in range(4)})
    if not rows:
        return None
    head = rows[0]
    if head.first_result is not None:
        return scanlog.first_result(head.first_result)
    mine = [r for r in rows if r.product_id == head.scanned_product and (not scan.batch or r.batch_no == scan.batch)]
    if not _waiting(head) or not mine or head.to_location is None \
            or scan.count > sum(r.quantity - r.good - r.damaged for r in mine):
        return None  # not in the parcel, more than came back, no location to put it: the slow path says so
    place = stock.Place(head.to_location, "damaged" if damaged else "hold")
    steps, counted, wanted = [], {}, scan.count
    for r in mine:
        take = min(wanted, r.quantity - r.good - r.damaged)
        if take <= 0:
            continue
        steps.append(stock.Step(r.lot_id, r.product_id, take, None, place, kind="return_in", ref_type="return",
                                ref_no=head.return_no))
        counted[r.id] = (0, take) if damaged else (take, 0)
        wanted -= take
    stock.apply(uow, steps)
    _COUNTED.many(uow.conn, [{"line_id": line_id, "n_good": good, "n_damaged": bad}
                             for line_id, (good, bad) in counted.items()])
    uow.changes.touch(Area.RETURNS)
    sku = mine[0].sku
    _audit_unit(uow, head.return_no, sku, scan.count, damaged, [step.lot_id for step in steps])
    result = _unit_result(head.return_no, sku, scan.count, damaged, _lines(rows, counted))
    scanlog.log(uow, scan_id, WORKFLOW, return_no, raw, result)
    return result


def _close_fast(uow: UnitOfWork, return_no: str, raw: str, scan_id: str, now: datetime) -> ScanResult | None:
    """An accepted close of a parcel customs has not approved yet (or a replay): one read, the case received,
    audit, the scan log. An approved one is booked on the slow path (the ledger, the order, the annual total)."""
    _lock(uow, return_no)
    rows = _read(uow, _CLOSE_READ, scan_id, no=return_no)
    if not rows:
        return None
    head = rows[0]
    if head.first_result is not None:
        return scanlog.first_result(head.first_result)
    if not _waiting(head) or _late(head, now) or head.customs_state == "approved" \
            or not any(r.good or r.damaged for r in rows):
        return None
    _RECEIVED.run(uow.conn, {"case_id": head.case_id, "at": now, "by": uow.actor.username})
    result = _closed(uow, head.return_no, "received", False, [(r.quantity, r.good, r.damaged) for r in rows])
    scanlog.log(uow, scan_id, WORKFLOW, return_no, raw, result)
    return result
