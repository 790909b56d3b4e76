"""Goods owners (货主): importing owners and their tariffs, and which owner a declaration or an order belongs to.

Owners and tariffs are master data (all-or-nothing imports, every bad row named). A warehouse with one owner
(or none yet) works as before: the owner need not be named, and a warehouse that has imported no owners gets
the default owner (code DEFAULT) the first time goods or orders arrive. Once several owners exist, a
declaration must name its owner and an order's seller code must be one of theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.admin.auth import require
from app.admin.master_store import ImportReport, finish, serialise, upsert
from app.domain.roles import Permission
from app.errors import NotFound
from app.formats.tabular import RowParser, duplicates, read_table, rejected
from app.persistence.models import Owner, Tariff, Warehouse
from app.persistence.models.owners import DEFAULT_OWNER_CODE
from app.persistence.uow import Area, UnitOfWork

OWNER_COLUMNS = ("code", "name", "customs_code")
TARIFF_COLUMNS = ("owner", "per_order", "per_unit_shipped", "per_carton_received", "per_location_day")
CHARGES = TARIFF_COLUMNS[1:]
_OWNER_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")
_CUSTOMS_CODE = re.compile(r"[0-9A-Z]{10}")


def _owner_code_problem(value: str) -> str | None:
    return None if _OWNER_CODE.fullmatch(value) else (
        f"an owner code is 1 to 20 letters, digits, '-' or '_', got {value!r}")


def _customs_code_problem(value: str) -> str | None:
    return None if _CUSTOMS_CODE.fullmatch(value) else (
        f"must be the merchant's 10-character customs code (digits and capital letters), got {value!r}")


def import_owners(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Create or update owners by code; a customs code belongs to one owner only. None are deleted."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, OWNER_COLUMNS)
    errors = (duplicates(table.file, table.rows, "code", "owner code")
              + duplicates(table.file, table.rows, "customs_code", "customs code"))
    holders = dict(uow.session.execute(select(Owner.customs_code, Owner.code)
                                       .where(Owner.customs_code.is_not(None))).all())
    records = []
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        code = p.code("code", _owner_code_problem)
        name = p.text("name", 100)
        customs_code = p.code("customs_code", _customs_code_problem)
        holder = holders.get(customs_code) if customs_code else None
        if holder is not None and holder != code:
            p.error("customs_code", f"customs code {customs_code} belongs to owner {holder}")
        if p.ok:
            records.append({"code": code, "name": name, "customs_code": customs_code})
    if errors:
        raise rejected(errors)
    report = ImportReport("owners", table.file)
    report.created, report.updated, report.unchanged = upsert(uow, Owner, "code", records)
    return finish(uow, report, table.sha256)


def import_tariffs(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Set each named owner's tariff (CNY per order, unit shipped, carton received, location-day)."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, TARIFF_COLUMNS)
    errors = duplicates(table.file, table.rows, "owner", "owner")
    owners = dict(uow.session.execute(select(Owner.code, Owner.id)).all())
    records = []
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        code = p.text("owner", 20)
        if code is not None and code not in owners:
            p.error("owner", f"unknown owner {code!r}: import it with `bwms import owners` first (owners: "
                             f"{', '.join(sorted(owners)) or 'none'})")
        charges: dict[str, Decimal | None] = {c: p.decimal(c, 2) for c in CHARGES}
        if p.ok and code is not None:
            records.append({"owner_id": owners[code], **charges})
    if errors:
        raise rejected(errors)
    report = ImportReport("tariffs", table.file)
    report.created, report.updated, report.unchanged = upsert(uow, Tariff, "owner_id", records)
    return finish(uow, report, table.sha256)


@dataclass(frozen=True)
class OwnerRef:
    id: int
    code: str
    name: str
    customs_code: str | None


@dataclass(frozen=True)
class Owners:
    """Every owner, looked up by code and by customs (seller) code; loaded once per import."""

    by_code: dict[str, OwnerRef]
    by_customs_code: dict[str, OwnerRef]

    @classmethod
    def load(cls, session: Session) -> Owners:
        refs = [OwnerRef(*r) for r in session.execute(
            select(Owner.id, Owner.code, Owner.name, Owner.customs_code).order_by(Owner.code))]
        return cls({r.code: r for r in refs}, {r.customs_code: r for r in refs if r.customs_code})

    @property
    def sole(self) -> OwnerRef | None:
        """The one owner of a single-owner warehouse (None when there are several, or none yet)."""
        return next(iter(self.by_code.values())) if len(self.by_code) == 1 else None

    def for_seller(self, seller_code: str) -> OwnerRef | None:
        """The owner whose customs code the order's seller code is; in a one-owner warehouse, that owner."""
        return self.by_customs_code.get(seller_code) or self.sole

    def names(self) -> str:
        return ", ".join(self.by_code) or "(none)"


def ensure_owner(uow: UnitOfWork) -> Owners:
    """The owners, with the default owner made first if there are none (goods and orders need an owner)."""
    owners = Owners.load(uow.session)
    if owners.by_code:
        return owners
    name = uow.session.scalar(select(Warehouse.name).order_by(Warehouse.id).limit(1)) or "Default owner"
    uow.session.add(Owner(code=DEFAULT_OWNER_CODE, name=name[:100], customs_code=None))
    uow.session.flush()
    uow.changes.touch(Area.MASTER)
    return Owners.load(uow.session)


def owner_by_code(session: Session, code: str) -> OwnerRef:
    """The owner with this code, or NotFound naming the owners there are."""
    owners = Owners.load(session)
    ref = owners.by_code.get(code)
    if ref is None:
        raise NotFound(f"no owner {code!r}: the owners are {owners.names()}", code="unknown_owner", owner=code)
    return ref


def list_owners(uow: UnitOfWork) -> list[dict[str, str]]:
    """Every owner (code, name, customs code), by code: the owner filters of the screens."""
    require(uow, Permission.VIEW)
    return [{"code": r.code, "name": r.name, "customs_code": r.customs_code or ""}
            for r in Owners.load(uow.session).by_code.values()]
