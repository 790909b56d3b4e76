"""Fixtures for the counts tests: the sample container stocked (tests.outbound's `stocked`), and helpers that
read the stock of a location and write a scan file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.persistence.db import Database
from app.persistence.models import Location, Lot, Product, Stock
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.outbound.conftest import fixed_today, home, run, stocked  # noqa: F401 - fixtures


def stock_at(db: Database, prefix: str = "") -> dict[tuple[str, str, str], int]:
    """{(location, sku, batch): units} of every location whose code starts with `prefix`."""
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        rows = uow.session.execute(
            select(Location.code, Product.sku, Lot.batch_no, func.sum(Stock.quantity))
            .join(Location, Location.id == Stock.location_id).join(Lot, Lot.id == Stock.lot_id)
            .join(Product, Product.id == Stock.product_id).where(Location.code.startswith(prefix))
            .group_by(Location.code, Product.sku, Lot.batch_no)).all()
    return {(loc, sku, batch): int(n) for loc, sku, batch, n in rows}


def gtin_of(db: Database, sku: str) -> str:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.execute(select(Product.gtin).where(Product.sku == sku)).scalar_one()


def scan_file(path: Path, scans: list[str]) -> Path:
    path.write_bytes("\n".join(scans).encode() + b"\n")
    return path
