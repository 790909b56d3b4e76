"""The disposal documents' data: the destruction declaration form (跨境电商网购保税进口商品销毁处置申报表) and the
execution record with the witnesses' signature lines (DOMAIN.md §1.3 row 19)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import clock
from app.admin import require, the_warehouse
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import AccountBookItem, DeclarationLine, InboundDeclaration, Lot, Product, Warehouse
from app.persistence.uow import UnitOfWork
from app.returns.queries import disposal_detail


def _when(house: Warehouse, iso: str | None) -> str:
    zone = clock.zone_named(house.time_zone)
    moment = datetime.fromisoformat(iso) if iso else clock.now()
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _id(key: str) -> int:
    if not key.strip().isdigit():
        raise NotFound(f"no disposal {key!r}: give its number", code="unknown_disposal", disposal=key)
    return int(key)


def disposal_form(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The destruction declaration form: the goods, the lot, quantity, value, reason, method, disposal company."""
    require(uow, Permission.PRINT)
    d = disposal_detail(uow, _id(key))
    house = the_warehouse(uow)
    lot = uow.session.execute(select(Lot).where(Lot.batch_no == d["lot"])).scalars().first()
    product = uow.session.get(Product, lot.product_id)
    item, entry = uow.session.execute(
        select(AccountBookItem, InboundDeclaration.declaration_no)
        .join(DeclarationLine, DeclarationLine.account_book_item_id == AccountBookItem.id)
        .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
        .where(DeclarationLine.id == lot.declaration_line_id)).one()
    return {**d, "warehouse": house.name, "area_code": house.area_code, "account_book": house.account_book,
            "customs_code": house.customs_code, "item_no": item.item_no, "hs_code": product.hs_code,
            "name_en": product.name_en, "spec": f"{product.brand} {product.spec}", "unit": product.unit,
            "unit_price": str(product.filed_price), "expiry": lot.expiry_date.isoformat() if lot.expiry_date else "",
            "production": lot.production_date.isoformat() if lot.production_date else "", "declaration": entry,
            "requested": _when(house, d["requested_at"]),
            "approved": _when(house, d["approved_at"]) if d["approved_at"] else "",
            "executed": _when(house, d["executed_at"]) if d["executed_at"] else "", "printed": _when(house, None)}


def disposal_record(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The execution record: what left from where, when, by whom, with a signature line per witness."""
    data = disposal_form(uow, key)
    if data["status"] != "executed":
        raise Rejected(f"disposal {key} is {data['status']}: its execution record exists once it is executed",
                       code="not_executed", disposal=key)
    return data
