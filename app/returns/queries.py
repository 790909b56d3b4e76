"""What the returns and disposal screens and commands read: returns with their clocks (paged by keyset), one
return, the disposals, and a buyer's annual total as the order checks count it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select, type_coerce

from app.admin import require, warehouse_zone
from app.clock import local_date
from app.domain.returns import ARRIVAL_CLOCK_RUNS, DISPOSAL_METHODS, DISPOSAL_REASONS, RETURN_REASONS
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import ConsumerOrder, Disposal, Lot, Product, ReturnCase, ReturnLine
from app.persistence.types import Money, utcnow
from app.persistence.uow import UnitOfWork

RETURN_COLUMNS = ["return", "order_no", "waybill", "reason", "status", "requested_at", "apply_by", "arrive_by",
                  "days_left", "customs_status"]
WAITING = ARRIVAL_CLOCK_RUNS  # the arrival clock still runs for these


def _returns_query(status: str | None) -> Select:
    stmt = (select(ReturnCase.id, ReturnCase.return_no, ConsumerOrder.order_no, ConsumerOrder.waybill_no,
                   ReturnCase.reason, ReturnCase.status, ReturnCase.requested_at, ReturnCase.apply_by,
                   ReturnCase.arrive_by, ReturnCase.return_status)
            .join(ConsumerOrder, ConsumerOrder.id == ReturnCase.order_id))
    if status:
        stmt = stmt.where(ReturnCase.status == status)
    return stmt


def _row(r: Any, today: date) -> dict[str, Any]:
    return {"id": r.id, "return": r.return_no, "order_no": r.order_no, "waybill": r.waybill_no, "reason": r.reason,
            "status": r.status, "requested_at": r.requested_at.isoformat(), "apply_by": r.apply_by.isoformat(),
            "arrive_by": r.arrive_by.isoformat(),
            "days_left": (r.arrive_by - today).days if r.status in WAITING else None,
            "customs_status": r.return_status}


def returns_page(uow: UnitOfWork, status: str | None = None, after_id: int = 0, limit: int = 200, *,
                 now: datetime | None = None) -> list[dict[str, Any]]:
    """One page of returns after `after_id` (keyset on the id; the status index serves a status filter), each with
    its clocks: days_left is the days until the parcel must be back (while it may still come)."""
    require(uow, Permission.VIEW)
    today = local_date(now or utcnow(), warehouse_zone(uow.session))
    stmt = _returns_query(status).where(ReturnCase.id > after_id).order_by(ReturnCase.id).limit(limit)
    return [_row(r, today) for r in uow.session.execute(stmt)]


def count_returns(uow: UnitOfWork, status: str | None = None) -> int:
    require(uow, Permission.VIEW)
    stmt = select(func.count()).select_from(ReturnCase)
    if status:
        stmt = stmt.where(ReturnCase.status == status)
    return int(uow.session.scalar(stmt) or 0)


def list_returns(uow: UnitOfWork, status: str | None = None, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """Every return (the CLI's `bwms returns`)."""
    out: list[dict[str, Any]] = []
    after = 0
    while page := returns_page(uow, status, after, 5000, now=now):
        out += page
        after = page[-1]["id"]
    return out


def return_detail(uow: UnitOfWork, return_no: str) -> dict[str, Any]:
    """One return with its lines (sku, batch, qty, good, damaged), value and where it is."""
    require(uow, Permission.VIEW)
    case = uow.session.execute(select(ReturnCase).where(ReturnCase.return_no == return_no)).scalar_one_or_none()
    if case is None:
        raise NotFound(f"no return {return_no!r}", code="unknown_return", return_no=return_no)
    order = uow.session.get(ConsumerOrder, case.order_id)
    lines = [{"sku": sku, "name": name, "batch": batch, "qty": q, "good": g, "damaged": d}
             for sku, name, batch, q, g, d in uow.session.execute(
                 select(Product.sku, Product.name_cn, Lot.batch_no, ReturnLine.quantity, ReturnLine.good,
                        ReturnLine.damaged).join(Product, Product.id == ReturnLine.product_id)
                 .join(Lot, Lot.id == ReturnLine.lot_id).where(ReturnLine.return_id == case.id)
                 .order_by(ReturnLine.id))]
    reason = RETURN_REASONS.get(case.reason)
    return {"return": case.return_no, "order_no": order.order_no, "waybill": order.waybill_no,
            "reason": case.reason, "reason_cn": reason.name_cn if reason else "", "status": case.status,
            "customs_status": case.return_status, "customs_info": case.return_info,
            "released_at": case.released_at.isoformat(), "apply_by": case.apply_by.isoformat(),
            "arrive_by": case.arrive_by.isoformat(),
            "received_at": case.received_at.isoformat() if case.received_at else None,
            "booked_at": case.booked_at.isoformat() if case.booked_at else None, "value": str(case.value),
            "lines": lines}


def annual_total(uow: UnitOfWork, order_no: str) -> Decimal:
    """The buyer's total for the order's year as the import checks count it (less booked returns)."""
    require(uow, Permission.VIEW)
    order = uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.order_no == order_no)).scalars().first()
    if order is None:
        raise NotFound(f"no order {order_no!r}", order_no=order_no)
    o = ConsumerOrder
    total = uow.session.scalar(select(type_coerce(func.coalesce(func.sum(o.dutiable_total - o.returned_value), 0),
                                                  Money())).where(
        o.buyer_id_hash == order.buyer_id_hash, o.order_year == order.order_year,
        o.status.not_in(("customs_rejected", "cancelled"))))
    return Decimal(total or 0)


DISPOSAL_COLUMNS = ["disposal", "lot", "sku", "quantity", "reason", "method", "status", "requested_at",
                    "approved_by", "executed_at"]


def disposals(uow: UnitOfWork, status: str | None = None) -> list[dict[str, Any]]:
    require(uow, Permission.VIEW)
    stmt = (select(Disposal, Lot.batch_no, Product.sku, Product.name_cn).join(Lot, Lot.id == Disposal.lot_id)
            .join(Product, Product.id == Disposal.product_id).order_by(Disposal.id))
    if status:
        stmt = stmt.where(Disposal.status == status)
    return [disposal_json(d, batch, sku, name) for d, batch, sku, name in uow.session.execute(stmt)]


def disposal_json(d: Disposal, batch: str, sku: str, name: str) -> dict[str, Any]:
    return {"disposal": d.id, "lot": batch, "sku": sku, "name": name, "quantity": d.quantity, "reason": d.reason,
            "reason_cn": DISPOSAL_REASONS[d.reason].name_cn if d.reason in DISPOSAL_REASONS else "",
            "method": d.method, "method_cn": DISPOSAL_METHODS[d.method].name_cn, "status": d.status,
            "company": d.company, "value": str(d.value), "requested_at": d.requested_at.isoformat(),
            "requested_by": d.requested_by, "approved_by": d.approved_by,
            "approved_at": d.approved_at.isoformat() if d.approved_at else None,
            "executed_at": d.executed_at.isoformat() if d.executed_at else None, "executed_by": d.executed_by,
            "witnesses": [w for w in d.witnesses.split("\n") if w], "taken": [t for t in d.taken.split("\n") if t]}


def disposal_detail(uow: UnitOfWork, disposal_id: int) -> dict[str, Any]:
    require(uow, Permission.VIEW)
    row = uow.session.execute(
        select(Disposal, Lot.batch_no, Product.sku, Product.name_cn).join(Lot, Lot.id == Disposal.lot_id)
        .join(Product, Product.id == Disposal.product_id).where(Disposal.id == disposal_id)).first()
    if row is None:
        raise NotFound(f"no disposal {disposal_id}", code="unknown_disposal", disposal=disposal_id)
    return disposal_json(*row)
