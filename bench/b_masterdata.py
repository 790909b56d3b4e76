"""Benchmark: importing 50,000 products (each under its own new account-book item) into a fresh SQLite."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from app.admin import masterdata
from app.admin.products import PRODUCT_COLUMNS
from app.domain.codes import gs1_check_digit
from app.persistence.db import open_database
from app.persistence.uow import SYSTEM, UnitOfWork

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
PRODUCTS = 50_000
GOAL_S = 10.0
_HS = ("1901101000", "2106909090", "3304990099", "9619001100", "0409000000", "8516310000")


def write_products(path: Path, count: int) -> None:
    """`count` valid products in the sample's columns, each filed under its own account-book item."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(PRODUCT_COLUMNS)
        for n in range(count):
            body = f"69{n:010d}"
            writer.writerow([
                f"SKU-{n:06d}", body + str(gs1_check_digit(body)), f"测试商品{n}号 500克", f"Test product {n}",
                "Brand", "500g/罐", _HS[n % len(_HS)], "AU", "122", "035", "0.5", "", "", f"{n % 900 + 10}.00",
                "CNY", "0.500", "0.650", str(365 + n % 1000), f"ITEM{n:06d}", "0.13", "0", "0.15"])


def timed_import(url: str, path: Path) -> tuple[float, dict]:
    db = open_database(url)
    try:
        started = time.perf_counter()
        with UnitOfWork(db, SYSTEM) as uow:
            report = masterdata.import_products(uow, path)
            uow.commit()
        return time.perf_counter() - started, report.to_json()
    finally:
        db.dispose()


def run(ctx) -> None:
    path = ctx.tmp / "products_50k.csv"
    write_products(path, PRODUCTS)
    url = ctx.fresh_sqlite("masterdata")
    db = open_database(url)
    with UnitOfWork(db, SYSTEM) as uow:
        masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
        uow.commit()
    db.dispose()
    seconds, first = timed_import(url, path)
    assert first["created"] == PRODUCTS, first
    ctx.report(f"import {PRODUCTS:,} products (new, with their items), SQLite", seconds, "s",
               f"< {GOAL_S:g} s", seconds < GOAL_S)
    seconds, again = timed_import(url, path)
    assert again["unchanged"] == PRODUCTS, again
    ctx.report(f"re-import {PRODUCTS:,} products (all unchanged), SQLite", seconds, "s", f"< {GOAL_S:g} s",
               seconds < GOAL_S)
