"""Master-data look-ups every area makes: the warehouse's time zone, a product by its GTIN."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import Rejected
from app.persistence.models import Product, Warehouse
from app.persistence.uow import UnitOfWork

_PRODUCTS = select(Product.id, Product.sku, Product.shelf_life_days, Product.gtin).where(
    Product.gtin.in_(bindparam("gtins", expanding=True)))


def the_warehouse(uow: UnitOfWork) -> Warehouse:
    """The warehouse, as customs knows it; refused (`no_warehouse`) before `bwms import warehouse`."""
    house = uow.session.execute(select(Warehouse).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
    if house is None:
        raise Rejected("the warehouse's customs identity is missing: `bwms import warehouse FILE` first",
                       code="no_warehouse")
    return house


def warehouse_zone(session: Session) -> ZoneInfo:
    """The warehouse's time zone: its business dates are `app.clock.warehouse_today(warehouse_zone(session))`."""
    return clock.zone_named(session.execute(select(Warehouse.time_zone).limit(1)).scalar())


@dataclass(frozen=True)
class ProductRef:
    id: int
    sku: str
    shelf_life_days: int


def gtins_as_filed(gtin: str) -> list[str]:
    """The GTINs as a product may be filed (8, 12, 13 or 14 digits) that name `gtin` padded to 14 digits."""
    g14 = gtin.zfill(14)
    return sorted(c for c in {g14, g14[1:], g14[2:], g14[6:]} if c.zfill(14) == g14)


def product_by_gtin(uow: UnitOfWork, gtin: str) -> ProductRef:
    """The product whose GTIN (8, 12, 13 or 14 digits as filed) is `gtin` padded to 14 digits."""
    g14 = gtin.zfill(14)
    rows = uow.conn.execute(_PRODUCTS, {"gtins": gtins_as_filed(gtin)}).all()
    for row in rows:
        if row.gtin.zfill(14) == g14:
            return ProductRef(row.id, row.sku, row.shelf_life_days)
    raise Rejected(f"no product has GTIN {g14}: unknown product", code="unknown_product", gtin=g14)
