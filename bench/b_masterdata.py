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
        # by column name: a column the product file gains is filled here or refused by name (the bench wrote
        # rows by position, and crashed unnoticed when the file gained its declaration elements)
        writer = csv.DictWriter(fh, PRODUCT_COLUMNS)
        writer.writeheader()
        for n in range(count):
            body = f"69{n:010d}"
            writer.writerow({
                "sku": f"SKU-{n:06d}", "gtin": body + str(gs1_check_digit(body)), "name_cn": f"测试商品{n}号 500克",
                "name_en": f"Test product {n}", "brand": "Brand", "spec": "500g/罐", "hs_code": _HS[n % len(_HS)],
                "origin": "AU", "unit": "122", "legal_unit1": "035", "legal_factor1": "0.5", "legal_unit2": "",
                "legal_factor2": "", "filed_price": f"{n % 900 + 10}.00", "currency": "CNY", "net_weight_kg": "0.500",
                "gross_weight_kg": "0.650", "shelf_life_days": str(365 + n % 1000), "account_book_item": f"ITEM{n:06d}",
                "vat_rate": "0.13", "consumption_tax_rate": "0", "mfn_tariff_rate": "0.15",
                "declaration_elements": f"4|3|测试成分|500克/罐|Brand|{n}号", "consumption_tax_threshold": ""})


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


def with_warehouse(url: str) -> None:
    """The demo warehouse (its account book) on the database at `url`, as the products' import needs it."""
    db = open_database(url)
    try:
        with UnitOfWork(db, SYSTEM) as uow:
            masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
            uow.commit()
    finally:
        db.dispose()


def run(ctx) -> None:
    path = ctx.tmp / "products_50k.csv"
    write_products(path, PRODUCTS)
    url = ctx.fresh_sqlite("masterdata")
    with_warehouse(url)
    seconds, first = timed_import(url, path)
    assert first["created"] == PRODUCTS, first
    ctx.report(f"import {PRODUCTS:,} products (new, with their items), SQLite", seconds, "s",
               f"< {GOAL_S:g} s", seconds < GOAL_S)
    seconds, again = timed_import(url, path)
    assert again["unchanged"] == PRODUCTS, again
    ctx.report(f"re-import {PRODUCTS:,} products (all unchanged), SQLite", seconds, "s", f"< {GOAL_S:g} s",
               seconds < GOAL_S)
