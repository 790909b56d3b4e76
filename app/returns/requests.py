"""Requesting a consumer return of a shipped order, inside customs' 30-day clock (DOMAIN.md §1.3 row 18).

The whole order unless lines are given; each returned unit is tied now to the lot it left on (the parcel's own
contents say which), so the receiving station puts it back onto that lot and the trace runs both ways.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from app import settings
from app.admin import audit, require, warehouse_zone
from app.clock import local_date
from app.customs import find_order
from app.domain.returns import RETURN_REASONS, clocks
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence.jobs import lock_orders
from app.persistence.models import ConsumerOrder, Parcel, ParcelItem, ReturnCase, ReturnLine
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork


@dataclass(frozen=True)
class ReturnRequested:
    return_no: str
    order_no: str
    apply_by: str
    arrive_by: str
    units: int

    def to_json(self) -> dict[str, Any]:
        return {"return": self.return_no, "status": "requested", "apply_by": self.apply_by,
                "arrive_by": self.arrive_by}

    def describe(self) -> str:
        return (f"return {self.return_no} of order {self.order_no} requested ({self.units} units); the CEB625 goes "
                f"with the next customs export; the parcel must be back by {self.arrive_by}")


def parse_lines(given: list[str]) -> list[tuple[str, int]]:
    """`SKU:QTY` arguments as (sku, qty); a malformed one names itself."""
    out = []
    for text in given:
        sku, sep, qty = text.rpartition(":")
        if not sep or not sku or not qty.strip().isdigit() or int(qty) <= 0:
            raise Rejected(f"--line {text!r}: expected SKU:QTY with a positive whole quantity", code="bad_line",
                           line=text)
        out.append((sku.strip(), int(qty)))
    return out


def request_return(uow: UnitOfWork, order_no: str, reason: str, lines: list[tuple[str, int]] | None = None, *,
                   platform_code: str | None = None, now: datetime | None = None) -> ReturnRequested:
    """Open a return case for a shipped order (refused: not shipped, window closed, more than shipped, twice)."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    if reason not in RETURN_REASONS:
        raise Rejected(f"unknown return reason {reason!r}: one of {', '.join(RETURN_REASONS)}", code="bad_reason",
                       reason=reason)
    lock_orders(uow)
    order = find_order(uow, order_no, platform_code)
    lst = order.inventory_list
    if order.status not in ("shipped", "returned") or lst is None or lst.released_at is None:
        raise Rejected(f"order {order_no} is {order.status}: only an order whose parcel left the zone can be "
                       "returned (cancel it instead)", code="not_shipped", order_no=order_no, status=order.status)
    if not lst.invt_no:
        raise Rejected(f"customs' receipts gave the list of order {order_no} no number (invtNo): a return request "
                       "names the released list", code="no_invt_no", order_no=order_no)
    now = now or utcnow()
    zone = warehouse_zone(uow.session)
    clock = clocks(lst.released_at, zone, settings.get(uow.session, "return_apply_days"),
                   settings.get(uow.session, "return_arrive_days"))
    if not clock.may_apply(local_date(now, zone)):
        raise Rejected(f"order {order_no} was released on {clock.released_on}: a return had to be requested by "
                       f"{clock.apply_by}", code="return_window_closed", order_no=order_no,
                       apply_by=clock.apply_by.isoformat())
    wanted = _wanted(uow, order, lines)
    case = ReturnCase(return_no=f"TMP{uuid.uuid4().hex[:17]}", order_id=order.id, reason=reason, status="requested",
                      customs_state="requested", released_at=lst.released_at, apply_by=clock.apply_by,
                      arrive_by=clock.arrive_by, requested_at=now, requested_by=uow.actor.username,
                      value=Decimal(0))
    uow.session.add(case)
    uow.session.flush()
    case.return_no = f"RT{case.id:010d}"
    uow.session.add_all(_lines(uow, order, case, dict(wanted)))
    uow.session.flush()
    audit.record(uow, "return_request", "return", case.return_no, order_no=order_no, reason=reason,
                 lines=dict(wanted))
    uow.changes.touch(Area.RETURNS, Area.ORDERS)
    return ReturnRequested(case.return_no, order_no, clock.apply_by.isoformat(), clock.arrive_by.isoformat(),
                           sum(wanted.values()))


def _already(uow: UnitOfWork, order: ConsumerOrder) -> Counter[int]:
    """Units of each order line already in a return that customs did not reject."""
    rows = uow.session.execute(
        select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity)).join(ReturnCase)
        .where(ReturnCase.order_id == order.id, ReturnCase.status != "rejected")
        .group_by(ReturnLine.order_line_id)).all()
    return Counter({line_id: int(qty) for line_id, qty in rows})


def _wanted(uow: UnitOfWork, order: ConsumerOrder, lines: list[tuple[str, int]] | None) -> dict[str, int]:
    """SKU → units to return (the order's remaining units when no lines are given)."""
    already = _already(uow, order)
    shipped: dict[str, int] = {}
    left: dict[str, int] = {}
    for ol in order.lines:
        shipped[ol.product.sku] = shipped.get(ol.product.sku, 0) + ol.quantity
        left[ol.product.sku] = left.get(ol.product.sku, 0) + ol.quantity - already[ol.id]
    if not lines:
        wanted = {sku: n for sku, n in left.items() if n > 0}
        if not wanted:
            raise Rejected(f"every unit of order {order.order_no} is already in a return", code="already_returned",
                           order_no=order.order_no)
        return wanted
    wanted = {}
    for sku, qty in lines:
        wanted[sku] = wanted.get(sku, 0) + qty
    for sku, qty in wanted.items():
        if sku not in shipped:
            raise Rejected(f"order {order.order_no} has no {sku}", code="not_in_order", sku=sku,
                           order_no=order.order_no)
        if qty > shipped[sku]:
            raise Rejected(f"order {order.order_no} shipped {shipped[sku]} of {sku}, {qty} asked back",
                           code="over_shipped", sku=sku, shipped=shipped[sku], asked=qty)
        if qty > left[sku]:
            raise Rejected(f"{shipped[sku] - left[sku]} of the {shipped[sku]} {sku} of order {order.order_no} are "
                           f"already in a return; {left[sku]} may still come back, {qty} asked",
                           code="already_returned", sku=sku, left=left[sku], asked=qty)
    return wanted


def _lines(uow: UnitOfWork, order: ConsumerOrder, case: ReturnCase, wanted: dict[str, int]) -> list[ReturnLine]:
    """The returned units by order line and lot: the parcel's lots, less what earlier returns took back."""
    parcel_lots: dict[int, list[list[int]]] = {}
    for product_id, lot_id, qty in uow.session.execute(
            select(ParcelItem.product_id, ParcelItem.lot_id, ParcelItem.quantity).join(Parcel)
            .where(Parcel.order_id == order.id).order_by(ParcelItem.id)):
        parcel_lots.setdefault(product_id, []).append([lot_id, qty])
    for lot_id, qty in uow.session.execute(
            select(ReturnLine.lot_id, func.sum(ReturnLine.quantity)).join(ReturnCase)
            .where(ReturnCase.order_id == order.id, ReturnCase.status != "rejected", ReturnCase.id != case.id)
            .group_by(ReturnLine.lot_id)):
        taken = int(qty)
        for lots in parcel_lots.values():
            for entry in lots:
                if entry[0] == lot_id and taken:
                    used = min(taken, entry[1])
                    entry[1] -= used
                    taken -= used
    already = _already(uow, order)
    out = []
    for ol in order.lines:
        need = min(wanted.get(ol.product.sku, 0), ol.quantity - already[ol.id])
        if need <= 0:
            continue
        wanted[ol.product.sku] -= need
        for entry in parcel_lots.get(ol.product_id, []):
            take = min(need, entry[1])
            if take > 0:
                out.append(ReturnLine(return_id=case.id, order_line_id=ol.id, product_id=ol.product_id,
                                      lot_id=entry[0], account_book_item_id=ol.account_book_item_id, quantity=take))
                entry[1] -= take
                need -= take
        if need:
            raise Rejected(f"the parcel of order {order.order_no} does not hold {need} more {ol.product.sku}",
                           code="over_shipped", sku=ol.product.sku)
    return out


