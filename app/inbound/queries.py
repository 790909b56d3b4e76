"""What the receive screens and documents show: declarations with their status, and a tally line by line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from app.admin import require
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import (
    AccountBookItem,
    DeclarationLine,
    InboundDeclaration,
    Location,
    Owner,
    Product,
    Tally,
    TallyCount,
)
from app.persistence.uow import UnitOfWork

TALLY_JSON_KEYS = ("line_no", "sku", "batch", "expected", "received", "damaged", "short", "over")


@dataclass
class TallyRow:
    """One row of the tally: a declaration line (its declared batch), or an unexpected batch counted on it."""

    line_no: int
    sku: str
    name: str
    account_book_item: str
    unit: str
    batch: str
    expected: int
    received: int = 0  # good units
    damaged: int = 0
    production_date: date | None = None
    expiry_date: date | None = None
    unexpected: bool = False

    @property
    def short(self) -> int:
        return max(0, self.expected - self.received - self.damaged)

    @property
    def over(self) -> int:
        return max(0, self.received + self.damaged - self.expected)

    def to_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in TALLY_JSON_KEYS}


@dataclass(frozen=True)
class DeclarationHead:
    id: int
    declaration_no: str
    entry_no: str
    bill_of_lading: str
    container_no: str
    seal_no: str
    arrival_date: date | None
    status: str
    released_at: datetime | None
    tally_started_at: datetime | None
    tally_closed_at: datetime | None
    tally_closed_by: str
    staging_location: str


def declaration_head(uow: UnitOfWork, declaration_no: str) -> DeclarationHead:
    require(uow, Permission.VIEW)
    d = InboundDeclaration
    row = uow.session.execute(
        select(d.id, d.declaration_no, d.entry_no, d.bill_of_lading, d.container_no, d.seal_no, d.arrival_date,
               d.status, d.released_at, Tally.started_at, Tally.closed_at, Tally.closed_by, Location.code)
        .outerjoin(Tally, Tally.declaration_id == d.id)
        .outerjoin(Location, Location.id == Tally.staging_location_id)
        .where(d.declaration_no == declaration_no)).first()
    if row is None:
        raise NotFound(f"no declaration {declaration_no}", declaration=declaration_no)
    values: list[Any] = [*row[:11], row[11] or "", row[12] or ""]
    return DeclarationHead(*values)


def tally_rows(uow: UnitOfWork, declaration_no: str) -> list[TallyRow]:
    """Expected vs received good / damaged / short / over per line, then each unexpected batch on its line."""
    head = declaration_head(uow, declaration_no)
    dl, tc = DeclarationLine, TallyCount
    rows = uow.session.execute(
        select(dl.line_no, dl.batch_no.label("declared_batch"), dl.declared_qty, dl.production_date.label("made"),
               dl.expiry_date.label("expires"), Product.sku, Product.name_cn, Product.unit, AccountBookItem.item_no,
               tc.batch_no.label("batch"), tc.received, tc.damaged, tc.unexpected,
               tc.production_date.label("batch_made"), tc.expiry_date.label("batch_expires"))
        .join(Product, Product.id == dl.product_id)
        .join(AccountBookItem, AccountBookItem.id == dl.account_book_item_id)
        .outerjoin(tc, tc.declaration_line_id == dl.id)
        .where(dl.declaration_id == head.id).order_by(dl.line_no, tc.unexpected, tc.batch_no))
    result: list[TallyRow] = []
    lines: dict[int, TallyRow] = {}
    for r in rows:
        line = lines.get(r.line_no)
        if line is None:
            line = lines[r.line_no] = TallyRow(r.line_no, r.sku, r.name_cn, r.item_no, r.unit, r.declared_batch,
                                               r.declared_qty, production_date=r.made, expiry_date=r.expires)
            result.append(line)
        if r.batch is None or not (r.received or r.damaged):
            continue
        if r.unexpected:
            result.append(TallyRow(r.line_no, r.sku, r.name_cn, r.item_no, r.unit, r.batch, 0, r.received,
                                   r.damaged, r.batch_made, r.batch_expires, unexpected=True))
            continue
        line.received += r.received
        line.damaged += r.damaged
        if not r.declared_batch:  # the line declared no batch: show what was counted
            line.batch = ",".join(filter(None, [line.batch, r.batch]))
            line.production_date = line.production_date or r.batch_made
            line.expiry_date = line.expiry_date or r.batch_expires
    return result


def declarations(uow: UnitOfWork, owner: str = "") -> list[dict[str, Any]]:
    """Every declaration (or `owner`'s), newest first, with its owner, its status and how much of it was counted."""
    require(uow, Permission.VIEW)
    d = InboundDeclaration
    expected = (select(func.coalesce(func.sum(DeclarationLine.declared_qty), 0))
                .where(DeclarationLine.declaration_id == d.id).scalar_subquery())
    lines = select(func.count(DeclarationLine.id)).where(DeclarationLine.declaration_id == d.id).scalar_subquery()
    counted = (select(func.coalesce(func.sum(TallyCount.received + TallyCount.damaged), 0))
               .where(TallyCount.declaration_id == d.id).scalar_subquery())
    stmt = (select(d.declaration_no, d.status, d.container_no, d.arrival_date, lines, expected, counted,
                   d.released_at, Owner.code).join(Owner, Owner.id == d.owner_id).order_by(d.id.desc()))
    if owner:
        stmt = stmt.where(Owner.code == owner)
    rows = uow.session.execute(stmt)
    return [{"declaration": r[0], "owner": r[8], "status": r[1], "container_no": r[2],
             "arrival_date": r[3].isoformat() if r[3] else None, "lines": r[4], "expected": int(r[5]),
             "counted": int(r[6]), "released_at": r[7].isoformat(timespec="seconds") if r[7] else None}
            for r in rows]
