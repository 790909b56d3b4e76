"""Customs release of an inbound entry: held lots become available and the customs ledger grows by what entered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update

from app.admin import audit, require
from app.customs import record_ledger
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.inbound.tally_close import REF_TYPE
from app.persistence.models import AccountBookItem, DeclarationLine, InboundDeclaration, Lot, Stock, TallyCount
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stock import movements as stock


@dataclass
class Release:
    """What a release did: units made available, and the ledger entry of each account-book item."""

    declaration: str
    available_units: int = 0
    damaged_units: int = 0
    ledger: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"declaration": self.declaration, "available_units": self.available_units,
                "damaged_units": self.damaged_units, "ledger_entries": self.ledger}

    def describe(self) -> str:
        items = ", ".join(f"{e['account_book_item']} +{e['quantity']}" for e in self.ledger)
        return (f"declaration {self.declaration} released: {self.available_units} units available, "
                f"{self.damaged_units} damaged; customs ledger IN {items}")


def release(uow: UnitOfWork, declaration_no: str) -> Release:
    """Release a tallied entry (supervisor or customs officer); refused before the tally closes and twice."""
    require(uow, Permission.RELEASE_ENTRY)
    declaration = _locked(uow, declaration_no)
    if declaration.status in ("expected", "tallying"):
        raise Rejected(f"the tally of {declaration_no} is not closed yet (status {declaration.status}): close it "
                       "before the release", code="not_tallied", status=declaration.status)
    if declaration.status != "tallied":
        when = declaration.released_at.isoformat(timespec="minutes") if declaration.released_at else "before"
        raise Rejected(f"declaration {declaration_no} was already released ({when})", code="already_released",
                       status=declaration.status)
    report = Release(declaration_no)
    lots = select(Lot.id).join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id).where(
        DeclarationLine.declaration_id == declaration.id)
    held = uow.session.execute(select(Stock).where(Stock.lot_id.in_(lots), Stock.status == "hold")
                               .order_by(Stock.id)).scalars().all()
    for row in held:
        lot, quantity = row.lot, row.quantity
        report.available_units += quantity
        stock.move(uow, lot, quantity, stock.Place(row.location_id, "hold", row.lpn),
                   stock.Place(row.location_id, "available", row.lpn), kind="release",
                   ref_type=REF_TYPE, ref_no=declaration_no)
    uow.session.execute(update(Lot).where(Lot.id.in_(lots), Lot.status == "hold").values(status="available"))
    report.damaged_units = int(uow.session.execute(select(func.coalesce(func.sum(TallyCount.damaged), 0)).where(
        TallyCount.declaration_id == declaration.id)).scalar_one())
    _enter_ledger(uow, declaration, report)
    declaration.status, declaration.released_at = "released", utcnow()
    audit.record(uow, "declaration_release", REF_TYPE, declaration_no, available=report.available_units,
                 damaged=report.damaged_units, ledger=report.ledger)
    uow.changes.touch(Area.INBOUND, Area.STOCK, Area.LEDGER)
    return report


def close_entry(uow: UnitOfWork, declaration_no: str) -> InboundDeclaration:
    """A supervisor closes a put-away entry: its inbound file is complete (tallied, released, put away)."""
    require(uow, Permission.SUPERVISE)
    declaration = _locked(uow, declaration_no)
    if declaration.status != "put_away":
        raise Rejected(f"declaration {declaration_no} is {declaration.status.replace('_', ' ')}: only an entry "
                       "whose goods are all put away can be closed", code="not_put_away",
                       declaration=declaration_no, status=declaration.status)
    declaration.status = "closed"
    audit.record(uow, "declaration_close", REF_TYPE, declaration_no)
    uow.changes.touch(Area.INBOUND)
    return declaration


def _locked(uow: UnitOfWork, declaration_no: str) -> InboundDeclaration:
    stmt = select(InboundDeclaration).where(InboundDeclaration.declaration_no == declaration_no)
    if uow.is_postgres:
        stmt = stmt.with_for_update()
    declaration = uow.session.execute(stmt).scalar_one_or_none()
    if declaration is None:
        raise NotFound(f"no declaration {declaration_no}", declaration=declaration_no)
    return declaration


def _enter_ledger(uow: UnitOfWork, declaration: InboundDeclaration, report: Release) -> None:
    """One IN entry per account-book item for what physically entered (good and damaged units), the owner's."""
    entered = uow.session.execute(
        select(AccountBookItem.id, AccountBookItem.item_no, func.sum(TallyCount.received + TallyCount.damaged))
        .join(DeclarationLine, DeclarationLine.account_book_item_id == AccountBookItem.id)
        .join(TallyCount, TallyCount.declaration_line_id == DeclarationLine.id)
        .where(DeclarationLine.declaration_id == declaration.id)
        .group_by(AccountBookItem.id, AccountBookItem.item_no).order_by(AccountBookItem.item_no)).all()
    for item_id, item_no, quantity in entered:
        if quantity:
            record_ledger(uow, item_id, "IN", int(quantity), doc_type=REF_TYPE, doc_no=declaration.declaration_no,
                          owner_id=declaration.owner_id)
            report.ledger.append({"account_book_item": item_no, "quantity": int(quantity)})
