"""Receiving a returned parcel: identify it (return number or original waybill), count each unit, close it.

Each scan is one transaction with its idempotent scan-log row (a replayed scan changes nothing). A good unit goes
back onto the lot it left on, on hold at the returns location until customs has approved the return; a damaged
unit goes to the damaged location. Closing the parcel books the return when customs has approved it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.admin import product_by_gtin, require, warehouse_zone
from app.customs import book_return, settle_return
from app.domain.gs1 import ItemScan
from app.domain.returns import local_date
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import ConsumerOrder, Location, Lot, Product, ReturnCase
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, FLAGGED, ScanResult
from app.stock import movements as stock

WORKFLOW = "return"
OPEN = ("requested", "declared", "accepted", "approved")


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
    require(uow, Permission.SCAN_OPERATIONS)
    now = now or utcnow()

    def action() -> ScanResult:
        case = find_case(uow, code)
        refused = _arrival_refusal(uow, case, now)
        if refused is not None:
            return refused
        left = sum(line.quantity - line.good - line.damaged for line in case.lines)
        return ScanResult(ACCEPTED, "parcel", f"return {case.return_no}: {left} units expected; scan each unit",
                          {"return": case.return_no, "status": case.status, "arrive_by": case.arrive_by.isoformat(),
                           "lines": expected(uow, case)})

    return scanlog.once(uow, scan_id, WORKFLOW, code[:64], raw, action)


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
    require(uow, Permission.SCAN_OPERATIONS)
    now = now or utcnow()

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
        grade = "damaged" if damaged else "good"
        return ScanResult(ACCEPTED, f"unit_{grade}", f"{scan.count} × {product.sku} back ({grade})"
                          + ("" if damaged else ", held at the returns location until customs approves"),
                          {"return": case.return_no, "sku": product.sku, "qty": scan.count, "grade": grade,
                           "lines": expected(uow, case)})

    return scanlog.once(uow, scan_id, WORKFLOW, return_no, raw, action)


def close_parcel(uow: UnitOfWork, return_no: str, raw: str, scan_id: str, *,
                 now: datetime | None = None) -> ScanResult:
    """CMD:CLOSE: the parcel is received; booked at once when customs has approved (else when it does)."""
    require(uow, Permission.SCAN_OPERATIONS)
    now = now or utcnow()

    def action() -> ScanResult:
        case = find_case(uow, return_no)
        refused = _arrival_refusal(uow, case, now)
        if refused is not None:
            return refused
        got = sum(line.good + line.damaged for line in case.lines)
        if not got:
            return scanlog.rejected("nothing_received", f"no unit of return {case.return_no} was scanned: scan the "
                                    "units before closing the parcel", return_no=case.return_no)
        asked = sum(line.quantity for line in case.lines)
        case.received_at, case.received_by = now, uow.actor.username
        if case.customs_state == "approved":
            book_return(uow, case)
        settle_return(case)
        uow.changes.touch(Area.RETURNS)
        params = {"return": case.return_no, "status": case.status, "received": got, "expected": asked,
                  "good": sum(line.good for line in case.lines),
                  "damaged": sum(line.damaged for line in case.lines)}
        booked = "booked back into the account book" if case.booked_at else "waiting for customs' approval"
        if got < asked:
            return ScanResult(FLAGGED, "parcel_short", f"return {case.return_no} closed {asked - got} units short "
                              f"({got} of {asked}); {booked}", params)
        return ScanResult(ACCEPTED, "parcel_closed", f"return {case.return_no} closed: {got} units; {booked}",
                          params)

    return scanlog.once(uow, scan_id, WORKFLOW, return_no, raw, action)
