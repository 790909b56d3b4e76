"""The invariants of DESIGN.md §4 that exist so far, checked against the database (`bwms check`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select, union_all

from app.domain.roles import Permission
from app.persistence.models import (
    CustomsLedgerEntry, DeclarationLine, InboundDeclaration, Lot, Movement, Stock,
)
from app.persistence.uow import UnitOfWork
from app.services import audit
from app.services.auth import require

RELEASED_DECLARATION = ("released", "put_away", "closed")


@dataclass
class CheckResult:
    name: str
    ok: bool
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"invariant": self.name, "ok": self.ok, "problems": self.problems[:50],
                "problem_count": len(self.problems)}


def check_all(uow: UnitOfWork) -> list[CheckResult]:
    require(uow, Permission.VIEW)
    return [no_negative_stock(uow), movements_sum_to_stock(uow), customs_ledger_balances(uow),
            audit_chain(uow)]


def no_negative_stock(uow: UnitOfWork) -> CheckResult:
    rows = uow.session.execute(select(Stock.id, Stock.quantity, Stock.reserved).where(
        or_(Stock.quantity < 0, Stock.reserved < 0, Stock.reserved > Stock.quantity)).limit(100)).all()
    return CheckResult("1 no negative stock, reserved ≤ quantity", not rows,
                       [f"stock row {r.id}: quantity {r.quantity}, reserved {r.reserved}" for r in rows])


def movements_sum_to_stock(uow: UnitOfWork) -> CheckResult:
    inflow = select(Movement.to_location_id.label("loc"), Movement.lot_id.label("lot"),
                    Movement.to_lpn.label("lpn"), Movement.to_status.label("status"),
                    Movement.quantity.label("qty")).where(Movement.to_location_id.is_not(None))
    outflow = select(Movement.from_location_id, Movement.lot_id, Movement.from_lpn, Movement.from_status,
                     -Movement.quantity).where(Movement.from_location_id.is_not(None))
    stock = select(Stock.location_id, Stock.lot_id, Stock.lpn, Stock.status, -Stock.quantity)
    both = union_all(inflow, outflow, stock).subquery()
    diff = func.sum(both.c.qty)
    rows = uow.session.execute(select(both.c.loc, both.c.lot, both.c.lpn, both.c.status, diff)
                               .group_by(both.c.loc, both.c.lot, both.c.lpn, both.c.status)
                               .having(diff != 0).limit(100)).all()
    return CheckResult("2 movements sum to stock", not rows,
                       [f"location {r[0]} lot {r[1]} lpn {r[2]!r} {r[3]}: movements − stock = {r[4]}"
                        for r in rows])


def customs_ledger_balances(uow: UnitOfWork) -> CheckResult:
    """Per account-book item: customs balance ≥ 0 and equal to the physical stock of released entries."""
    book = dict(uow.session.execute(
        select(CustomsLedgerEntry.account_book_item_id, func.sum(CustomsLedgerEntry.quantity))
        .where(CustomsLedgerEntry.state == "ACTUAL").group_by(CustomsLedgerEntry.account_book_item_id)).all())
    physical = dict(uow.session.execute(
        select(DeclarationLine.account_book_item_id, func.sum(Stock.quantity))
        .join(Lot, Lot.id == Stock.lot_id).join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
        .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
        .where(InboundDeclaration.status.in_(RELEASED_DECLARATION))
        .group_by(DeclarationLine.account_book_item_id)).all())
    problems = []
    for item in sorted(set(book) | set(physical)):
        b, p = int(book.get(item) or 0), int(physical.get(item) or 0)
        if b < 0:
            problems.append(f"account-book item {item}: customs balance {b} is negative")
        if b != p:
            problems.append(f"account-book item {item}: customs balance {b} ≠ bonded stock {p}")
    return CheckResult("3 customs ledger balances against bonded stock", not problems, problems)


def audit_chain(uow: UnitOfWork) -> CheckResult:
    report = audit.verify(uow)
    return CheckResult("7 audit chain verifies", report.ok, [] if report.ok else [report.reason])


