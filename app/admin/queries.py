"""Read-only queries behind the desktop shell's lists: products, locations, account book, audit log (paged)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.sql.selectable import ScalarSelect

from app.admin import audit
from app.admin.auth import require
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import (
    AccountBookItem,
    AuditEntry,
    CustomsLedgerEntry,
    Location,
    PositiveListLine,
    Product,
    Stock,
    Warehouse,
)
from app.persistence.uow import UnitOfWork

PRODUCT_COLUMNS = ("sku", "gtin", "name_cn", "name_en", "brand", "hs_code", "origin", "unit", "filed_price",
                   "account_book_item")


def _products(search: str) -> Select:
    stmt = (select(Product.sku, Product.gtin, Product.name_cn, Product.name_en, Product.brand, Product.hs_code,
                   Product.origin, Product.unit, Product.filed_price, AccountBookItem.item_no)
            .join(AccountBookItem, AccountBookItem.id == Product.account_book_item_id))
    if search:
        stmt = stmt.where(or_(Product.sku.startswith(search), Product.gtin.startswith(search),
                              Product.hs_code.startswith(search), Product.name_cn.contains(search),
                              Product.name_en.contains(search)))
    return stmt


def products_page(uow: UnitOfWork, search: str = "", after_sku: str = "", limit: int = 200) -> list[tuple]:
    """Products matching `search` (SKU/GTIN/HS prefix or part of a name), ordered by SKU, after `after_sku`."""
    require(uow, Permission.VIEW)
    stmt = _products(search).where(Product.sku > after_sku).order_by(Product.sku).limit(limit)
    return [tuple(r) for r in uow.session.execute(stmt)]


def products_count(uow: UnitOfWork, search: str = "") -> int:
    require(uow, Permission.VIEW)
    return uow.session.execute(select(func.count()).select_from(_products(search).subquery())).scalar_one()


def product_filing(uow: UnitOfWork, sku: str) -> dict[str, Any]:
    """Everything customs filed for one SKU, with its account-book item and whether its HS-8 is on the list."""
    require(uow, Permission.VIEW)
    product = uow.session.execute(select(Product).where(Product.sku == sku)).scalar_one_or_none()
    if product is None:
        raise NotFound(f"no product {sku!r}", sku=sku)
    fields = {c.key: getattr(product, c.key) for c in Product.__table__.columns if c.key != "id"}
    item = product.account_book_item
    fields.update(account_book_item=item.item_no, account_book_name=item.name, account_book=item.account_book,
                  storage_limit_days=item.storage_limit_days)
    fields["positive_list"] = uow.session.execute(
        select(PositiveListLine.name).where(PositiveListLine.hs8 == product.hs_code[:8])).scalar()
    return fields


def _locations(search: str) -> Select:
    units = (select(func.coalesce(func.sum(Stock.quantity), 0)).where(Stock.location_id == Location.id)
             .correlate(Location).scalar_subquery())
    stmt = select(Location.code, Location.kind, Location.pick_sequence, Location.active, units)
    return stmt.where(Location.code.startswith(search)) if search else stmt


def locations_page(uow: UnitOfWork, search: str = "", after_code: str = "", limit: int = 200) -> list[tuple]:
    """(code, kind, pick_sequence, active, units in stock) by code, after `after_code`."""
    require(uow, Permission.VIEW)
    stmt = _locations(search).where(Location.code > after_code).order_by(Location.code).limit(limit)
    return [tuple(r) for r in uow.session.execute(stmt)]


def locations_count(uow: UnitOfWork, search: str = "") -> int:
    require(uow, Permission.VIEW)
    stmt = select(func.count(Location.id))
    return uow.session.execute(stmt.where(Location.code.startswith(search)) if search else stmt).scalar_one()


def warehouse_identity(uow: UnitOfWork) -> dict[str, str] | None:
    """The warehouse as customs knows it, or None before `bwms import warehouse`."""
    require(uow, Permission.VIEW)
    row = uow.session.execute(select(Warehouse).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
    if row is None:
        return None
    return {c.key: getattr(row, c.key) for c in Warehouse.__table__.columns if c.key != "id"}


def _ledger_sum(state: str) -> ScalarSelect[Any]:
    return (select(func.coalesce(func.sum(CustomsLedgerEntry.quantity), 0))
            .where(CustomsLedgerEntry.account_book_item_id == AccountBookItem.id,
                   CustomsLedgerEntry.state == state)
            .correlate(AccountBookItem).scalar_subquery())


def account_book_page(uow: UnitOfWork, search: str = "", after_item: str = "", limit: int = 200) -> list[tuple]:
    """(item_no, hs_code, name, unit, storage_limit_days, customs balance, pre-decreased) by item number.

    Pre-decreased is the units declared and not yet written off, a positive number as the customs ledger shows it
    (app.customs.ledger.balances): the PRE entries themselves are negative."""
    require(uow, Permission.VIEW)
    stmt = select(AccountBookItem.item_no, AccountBookItem.hs_code, AccountBookItem.name, AccountBookItem.unit,
                  AccountBookItem.storage_limit_days, _ledger_sum("ACTUAL"), -_ledger_sum("PRE"))
    if search:
        stmt = stmt.where(or_(AccountBookItem.item_no.startswith(search), AccountBookItem.hs_code.startswith(search),
                              AccountBookItem.name.contains(search)))
    stmt = stmt.where(AccountBookItem.item_no > after_item).order_by(AccountBookItem.item_no).limit(limit)
    return [tuple(r) for r in uow.session.execute(stmt)]


def audit_page(uow: UnitOfWork, search: str = "", before_id: int | None = None, limit: int = 200) -> list[tuple]:
    """Newest first: (id, at, username, role, station, action, entity, entity_key, outcome, detail)."""
    require(uow, Permission.AUDIT)
    stmt = select(AuditEntry.id, AuditEntry.at, AuditEntry.username, AuditEntry.role, AuditEntry.station,
                  AuditEntry.action, AuditEntry.entity, AuditEntry.entity_key, AuditEntry.outcome,
                  AuditEntry.detail)
    if search:
        stmt = stmt.where(or_(AuditEntry.username.startswith(search), AuditEntry.action.startswith(search),
                              AuditEntry.entity_key.startswith(search)))
    if before_id is not None:
        stmt = stmt.where(AuditEntry.id < before_id)
    return [tuple(r) for r in uow.session.execute(stmt.order_by(AuditEntry.id.desc()).limit(limit))]


def verify_audit_chain(uow: UnitOfWork) -> audit.ChainReport:
    require(uow, Permission.AUDIT)
    return audit.verify(uow)
