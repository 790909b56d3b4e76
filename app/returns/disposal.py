"""Disposal of goods that may never be sold: destruction or return abroad, under customs approval.

request (supervisor) → approve (customs officer) → execute (supervisor, at least one witness): the units leave
with a movement and the customs ledger gets DESTROY or RETURN_ABROAD for the lot's account-book item. Damaged,
expired and frozen units of the lot go first, then available ones; reserved units are never taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select

from app import settings
from app.admin import audit, require
from app.customs import record_ledger
from app.domain.returns import DISPOSAL_METHODS, DISPOSAL_REASONS
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import DeclarationLine, Disposal, InboundDeclaration, Location, Lot, Product, Stock
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stock import movements as stock

RELEASED = ("released", "put_away", "closed")
TAKE_ORDER = ("damaged", "expired", "frozen", "available")  # which units of the lot go first
LEDGER_TYPE = {"destroy": "DESTROY", "return_abroad": "RETURN_ABROAD"}
PENDING = ("requested", "approved")


@dataclass(frozen=True)
class DisposalResult:
    disposal: int
    status: str
    lot: str
    quantity: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"disposal": self.disposal, "status": self.status}

    def describe(self) -> str:
        return self.text


def method_code(method: str) -> str:
    """`return-abroad` (the CLI's spelling) or `return_abroad` → the stored code."""
    code = method.replace("-", "_")
    if code not in DISPOSAL_METHODS:
        raise Rejected(f"unknown disposal method {method!r}: destroy or return-abroad", code="bad_method",
                       method=method)
    return code


def find_lot(uow: UnitOfWork, batch_no: str) -> Lot:
    lots = uow.session.execute(select(Lot).where(Lot.batch_no == batch_no)).scalars().all()
    if not lots:
        raise NotFound(f"no lot {batch_no!r}", code="unknown_lot", lot=batch_no)
    if len(lots) > 1:
        raise Rejected(f"batch {batch_no} names {len(lots)} lots (several entries): not one lot",
                       code="ambiguous_lot", lot=batch_no)
    return lots[0]


def _disposable(uow: UnitOfWork, lot: Lot) -> tuple[int, int]:
    """(units of the lot that may go: free, not on hold; units reserved for orders)."""
    free, reserved = uow.session.execute(
        select(func.coalesce(func.sum(case((Stock.status.in_(TAKE_ORDER), Stock.quantity - Stock.reserved),
                                           else_=0)), 0),
               func.coalesce(func.sum(Stock.reserved), 0)).where(Stock.lot_id == lot.id)).one()
    pending = uow.session.scalar(select(func.coalesce(func.sum(Disposal.quantity), 0)).where(
        Disposal.lot_id == lot.id, Disposal.status.in_(PENDING))) or 0
    return int(free) - int(pending), int(reserved)


def request_disposal(uow: UnitOfWork, batch_no: str, quantity: int, reason: str, method: str, *,
                     company: str = "") -> DisposalResult:
    """A supervisor asks customs to let units of a lot be destroyed or returned abroad."""
    require(uow, Permission.SUPERVISE)
    code = method_code(method)
    if reason not in DISPOSAL_REASONS:
        raise Rejected(f"unknown disposal reason {reason!r}: one of {', '.join(DISPOSAL_REASONS)}",
                       code="bad_reason", reason=reason)
    if quantity <= 0:
        raise Rejected(f"--qty must be positive, got {quantity}", code="bad_quantity", asked=quantity)
    lot = find_lot(uow, batch_no)
    line, declaration = uow.session.execute(
        select(DeclarationLine, InboundDeclaration.status).join(InboundDeclaration)
        .where(DeclarationLine.id == lot.declaration_line_id)).one()
    if declaration not in RELEASED:
        raise Rejected(f"lot {batch_no} entered on a declaration customs has not released ({declaration}): it is "
                       "not in the account book yet", code="lot_not_released", lot=batch_no)
    free, reserved = _disposable(uow, lot)
    if quantity > free:
        why = f"; {reserved} more are reserved for orders" if reserved else ""
        raise Rejected(f"lot {batch_no} has {max(free, 0)} units that may be disposed of, {quantity} asked{why}",
                       code="reserved_units" if reserved and quantity <= free + reserved else "over_lot",
                       lot=batch_no, free=max(free, 0), reserved=reserved, asked=quantity)
    product = uow.session.get(Product, lot.product_id)
    item = Disposal(
        lot_id=lot.id, product_id=lot.product_id, account_book_item_id=line.account_book_item_id, quantity=quantity,
        reason=reason, method=code, company=company or settings.get(uow.session, "disposal_company"),
        value=product.filed_price * quantity, status="requested", requested_at=utcnow(),
        requested_by=uow.actor.username)
    uow.session.add(item)
    uow.session.flush()
    audit.record(uow, "disposal_request", "disposal", str(item.id), lot=batch_no, quantity=quantity,
                 reason=reason, method=code)
    uow.changes.touch(Area.RETURNS)
    return DisposalResult(item.id, "requested", batch_no, quantity,
                          f"disposal {item.id} requested: {quantity} of lot {batch_no} ({code}); customs approves it")


def _get(uow: UnitOfWork, disposal_id: int) -> Disposal:
    stmt = select(Disposal).where(Disposal.id == disposal_id)
    if uow.is_postgres:
        stmt = stmt.with_for_update()
    found = uow.session.execute(stmt).scalar_one_or_none()
    if found is None:
        raise NotFound(f"no disposal {disposal_id}", code="unknown_disposal", disposal=disposal_id)
    return found


def approve_disposal(uow: UnitOfWork, disposal_id: int) -> DisposalResult:
    """The customs officer approves (a clerk or supervisor may not)."""
    require(uow, Permission.APPROVE_DISPOSAL)
    item = _get(uow, disposal_id)
    if item.status != "requested":
        raise Rejected(f"disposal {disposal_id} is {item.status}: only a requested one can be approved",
                       code="not_requested", disposal=disposal_id, status=item.status)
    item.status, item.approved_at, item.approved_by = "approved", utcnow(), uow.actor.username
    audit.record(uow, "disposal_approve", "disposal", str(disposal_id))
    uow.changes.touch(Area.RETURNS)
    lot = uow.session.get(Lot, item.lot_id)
    return DisposalResult(item.id, "approved", lot.batch_no, item.quantity, f"disposal {item.id} approved")


def execute_disposal(uow: UnitOfWork, disposal_id: int, witnesses: list[str]) -> DisposalResult:
    """The units leave the warehouse (movement) and the account book (DESTROY / RETURN_ABROAD), witnessed."""
    require(uow, Permission.SUPERVISE)
    names = [w.strip() for w in witnesses if w.strip()]
    if not names:
        raise Rejected("a disposal is executed before at least one witness (--witness NAME)", code="no_witness",
                       disposal=disposal_id)
    item = _get(uow, disposal_id)
    if item.status != "approved":
        raise Rejected(f"disposal {disposal_id} is {item.status}: customs must approve it before it is executed"
                       if item.status == "requested" else f"disposal {disposal_id} was executed already",
                       code="not_approved" if item.status == "requested" else "already_executed",
                       disposal=disposal_id, status=item.status)
    lot = uow.session.get(Lot, item.lot_id)
    rows = uow.session.execute(
        select(Stock.location_id, Stock.lpn, Stock.status, Stock.quantity - Stock.reserved, Location.code)
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.lot_id == lot.id, Stock.status.in_(TAKE_ORDER), Stock.quantity > Stock.reserved)
        .order_by(case(*((Stock.status == s, n) for n, s in enumerate(TAKE_ORDER))), Stock.id)).all()
    left, taken = item.quantity, []
    for location_id, lpn, status, free, code in rows:
        take = min(left, free)
        if take <= 0:
            break
        stock.refuse_if_frozen(uow, uow.session.get(Location, location_id), "disposal")  # a count is under way
        stock.move(uow, lot, take, stock.Place(location_id, status, lpn), None, kind=item.method,
                   ref_type="disposal", ref_no=str(item.id))
        taken.append(f"{code} {status} {take}")
        left -= take
    if left:
        raise Rejected(f"lot {lot.batch_no} has only {item.quantity - left} free units now, the disposal is of "
                       f"{item.quantity}", code="over_lot", lot=lot.batch_no, asked=item.quantity)
    record_ledger(uow, item.account_book_item_id, LEDGER_TYPE[item.method], -item.quantity, doc_type="DISPOSAL",
                  doc_no=str(item.id), owner_id=lot.owner_id)
    item.status, item.executed_at, item.executed_by = "executed", utcnow(), uow.actor.username
    item.witnesses, item.taken = "\n".join(names), "\n".join(taken)
    audit.record(uow, "disposal_execute", "disposal", str(item.id), witnesses=names, taken=taken)
    uow.changes.touch(Area.RETURNS, Area.STOCK, Area.LEDGER)
    return DisposalResult(item.id, "executed", lot.batch_no, item.quantity,
                          f"disposal {item.id} executed: {item.quantity} of lot {lot.batch_no} left "
                          f"({', '.join(taken)}), witnessed by {', '.join(names)}")
