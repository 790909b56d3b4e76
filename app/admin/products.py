"""Import of products (the SKU master with its customs filing) and of account-book items, all-or-nothing."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from app.admin.auth import require
from app.admin.master_store import (
    Existing,
    ImportReport,
    finish,
    load_existing,
    serialise,
    upsert,
)
from app.domain.codes import country_problem, gtin14, gtin_problem, hs_code_problem, unit_problem
from app.domain.roles import Permission
from app.errors import RowError
from app.formats.tabular import RowParser, duplicates, read_table, rejected
from app.persistence.models import AccountBookItem, Product, Warehouse
from app.persistence.uow import UnitOfWork

PRODUCT_COLUMNS = (
    "sku", "gtin", "name_cn", "name_en", "brand", "spec", "hs_code", "origin", "unit", "legal_unit1",
    "legal_factor1", "legal_unit2", "legal_factor2", "filed_price", "currency", "net_weight_kg",
    "gross_weight_kg", "shelf_life_days", "account_book_item", "vat_rate", "consumption_tax_rate",
    "mfn_tariff_rate", "declaration_elements", "consumption_tax_threshold",
)
# optional: a product may be filed before its declaration elements are known (export then refuses it)
PRODUCT_OPTIONAL = {"declaration_elements", "consumption_tax_threshold"}
SKU_MAX = 30      # itemNo of the inventory list (C..30)
ITEM_NO_MAX = 30  # itemRecordNo (C..30)
GMODEL_MAX = 510  # gmodel (C..510)
ACCOUNT_BOOK_COLUMNS = ("item_no", "hs_code", "name", "unit", "legal_unit1", "legal_unit2", "storage_limit_days")
_ITEM_NO = re.compile(r"\S{1,30}")
_ONE, _ZERO = Decimal(1), Decimal(0)


def import_products(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Create or update products by SKU; an account-book item the file names but the book lacks is created
    from the product's filing (said in the report); an existing item must carry the product's HS code."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, PRODUCT_COLUMNS, optional=PRODUCT_OPTIONAL)
    errors = (duplicates(table.file, table.rows, "sku", "SKU")
              + duplicates(table.file, table.rows, "gtin", "GTIN", key=gtin14))
    parsed: list[tuple[int, dict[str, Any]]] = []
    for row in table.rows:
        record = _product_record(RowParser(table.file, row, errors))
        if record is not None:
            parsed.append((row.line, record))
    existing = load_existing(uow, Product, "sku", [c for c in parsed[0][1] if c != "account_book_item"]
                             + ["account_book_item_id"]) if parsed else {}
    items = load_existing(uow, AccountBookItem, "item_no", ["hs_code"])
    errors += _gtins_taken(table.file, parsed, existing)
    new_items = _items_to_create(uow, table.file, parsed, items, errors)
    if errors:
        raise rejected(errors)
    report = ImportReport("products", table.file, items_created=list(new_items))
    if new_items:
        uow.session.execute(insert(AccountBookItem.__table__), list(new_items.values()))
        items = load_existing(uow, AccountBookItem, "item_no", ["hs_code"])
    records = []
    for _, record in parsed:
        item_no = record.pop("account_book_item")
        records.append({**record, "account_book_item_id": items[item_no]["id"]})
    report.created, report.updated, report.unchanged = upsert(uow, Product, "sku", records, existing)
    return finish(uow, report, table.sha256)


def _product_record(p: RowParser) -> dict[str, Any] | None:
    """One product row checked as a customs officer would; None (with RowErrors added) when it is bad."""
    record = {
        "sku": p.text("sku", SKU_MAX), "gtin": p.code("gtin", gtin_problem),
        "name_cn": p.text("name_cn", 200), "name_en": p.text("name_en", 200, required=False) or "",
        "brand": p.text("brand", 100), "spec": p.text("spec", 200),
        "hs_code": p.code("hs_code", hs_code_problem), "origin": p.code("origin", country_problem),
        "unit": p.code("unit", unit_problem),
        "legal_unit1": p.code("legal_unit1", unit_problem),
        "legal_factor1": p.decimal("legal_factor1", 3, above=_ZERO),
        "legal_unit2": p.code("legal_unit2", unit_problem, required=False),
        "legal_factor2": p.decimal("legal_factor2", 3, above=_ZERO, required=False),
        "filed_price": p.decimal("filed_price", 2), "currency": p.code("currency", currency_problem),
        "net_weight_kg": p.decimal("net_weight_kg", 3), "gross_weight_kg": p.decimal("gross_weight_kg", 3),
        "shelf_life_days": p.integer("shelf_life_days"),
        "vat_rate": p.decimal("vat_rate", 6, maximum=_ONE),
        "consumption_tax_rate": p.decimal("consumption_tax_rate", 6, maximum=_ONE),
        "mfn_tariff_rate": p.decimal("mfn_tariff_rate", 6, maximum=_ONE),
        "account_book_item": _item_no(p, "account_book_item"),
        "declaration_elements": p.text("declaration_elements", GMODEL_MAX, required=False) or "",
        "consumption_tax_threshold": p.decimal("consumption_tax_threshold", 2, required=False),
    }
    _check_units_and_weights(p, record)
    return record if p.ok else None


def _check_units_and_weights(p: RowParser, r: dict[str, Any]) -> None:
    """The rules between cells (each checked when its cells themselves are good)."""
    cells = p.row.values
    if bool(cells.get("legal_unit2")) != bool(cells.get("legal_factor2")):
        p.error("legal_factor2" if cells.get("legal_unit2") else "legal_unit2",
                "legal_unit2 and legal_factor2 go together: give both or neither")
    if r["unit"] and r["legal_unit1"] == r["unit"] and r["legal_factor1"] not in (None, 1):
        p.error("legal_factor1", f"the legal unit is the transaction unit {r['unit']}, so the factor must be 1")
    if r["legal_unit2"] is not None and r["legal_unit2"] == r["legal_unit1"]:
        p.error("legal_unit2", "the second legal unit repeats the first")
    net, gross = r["net_weight_kg"], r["gross_weight_kg"]
    if net is not None and gross is not None and gross < net:
        p.error("gross_weight_kg", f"gross weight {gross} kg is below the net weight {net} kg")


def _item_no(p: RowParser, column: str) -> str | None:
    value = p.text(column, ITEM_NO_MAX)
    if value is not None and not _ITEM_NO.fullmatch(value):
        p.error(column, f"an account-book item number has no spaces, got {value!r}")
        return None
    return value


@cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def currency_problem(value: str) -> str | None:
    if not re.fullmatch(r"[A-Z]{3}", value) or value not in _currencies():
        return f"unknown currency {value!r} (ISO 4217, 3 capital letters, e.g. CNY)"
    return None


def _gtins_taken(file: str, parsed: list[tuple[int, dict[str, Any]]], existing: Existing) -> list[RowError]:
    """A GTIN in the file that another SKU (not in the file) already carries."""
    in_file = {record["sku"] for _, record in parsed}
    owner = {gtin14(row["gtin"]): sku for sku, row in existing.items() if sku not in in_file}
    return [RowError(file, line, "gtin", f"GTIN {r['gtin']} already belongs to SKU {owner[gtin14(r['gtin'])]}")
            for line, r in parsed if gtin14(r["gtin"]) in owner]


def _items_to_create(uow: UnitOfWork, file: str, parsed: list[tuple[int, dict[str, Any]]], items: Existing,
                     errors: list[RowError]) -> dict[str, dict[str, Any]]:
    """The account-book items the products name that do not exist yet, made from the products' filing."""
    new: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    book: str | None = _account_book(uow) if any(r["account_book_item"] not in items for _, r in parsed) else None
    for line, r in parsed:
        no, hs = r["account_book_item"], r["hs_code"]
        known = items.get(no) or new.get(no)
        if known is not None:
            if known["hs_code"] != hs:
                where = f"on line {first_line[no]}" if no in new else "in the account book"
                errors.append(RowError(file, line, "account_book_item", f"account-book item {no} has HS code "
                                       f"{known['hs_code']} {where}, this product {hs}"))
            continue
        if book is None:
            errors.append(RowError(file, line, "account_book_item", f"account-book item {no} does not exist and "
                                   "cannot be created: import the warehouse (its account book) first"))
            continue
        first_line[no] = line
        new[no] = {"item_no": no, "account_book": book, "hs_code": hs, "name": r["name_cn"], "unit": r["unit"],
                   "legal_unit1": r["legal_unit1"], "legal_unit2": r["legal_unit2"],
                   "storage_limit_days": None, "customs_execution_flag": "1"}
    return new


def _account_book(uow: UnitOfWork) -> str | None:
    return uow.session.execute(select(Warehouse.account_book).order_by(Warehouse.id).limit(1)).scalar()


def import_account_book(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Create or update account-book items by item number, in the warehouse's account book."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, ACCOUNT_BOOK_COLUMNS, optional={"legal_unit2", "storage_limit_days"})
    errors = duplicates(table.file, table.rows, "item_no", "account-book item")
    book = _account_book(uow)
    if book is None:
        errors.append(RowError(table.file, 0, "", "import the warehouse (its account book) first"))
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        record = {"item_no": _item_no(p, "item_no"), "account_book": book,
                  "hs_code": p.code("hs_code", hs_code_problem), "name": p.text("name", 200),
                  "unit": p.code("unit", unit_problem), "legal_unit1": p.code("legal_unit1", unit_problem),
                  "legal_unit2": p.code("legal_unit2", unit_problem, required=False),
                  "storage_limit_days": p.integer("storage_limit_days", required=False)}
        if p.ok:
            records.append(record)
            lines.append(row.line)
    errors += _products_disagree(uow, table.file, records, lines)
    if errors:
        raise rejected(errors)
    report = ImportReport("account book", table.file)
    report.created, report.updated, report.unchanged = upsert(uow, AccountBookItem, "item_no", records)
    return finish(uow, report, table.sha256)


def _products_disagree(uow: UnitOfWork, file: str, records: list[dict[str, Any]],
                       lines: list[int]) -> list[RowError]:
    """An item whose new HS code differs from that of the products filed under it."""
    filed: dict[str, list[tuple[str, str]]] = {}
    for sku, hs, item_no in uow.session.execute(
            select(Product.sku, Product.hs_code, AccountBookItem.item_no)
            .join(AccountBookItem, AccountBookItem.id == Product.account_book_item_id)):
        filed.setdefault(item_no, []).append((sku, hs))
    errors = []
    for line, r in zip(lines, records):
        other = sorted(sku for sku, hs in filed.get(r["item_no"], []) if hs != r["hs_code"])
        if other:
            errors.append(RowError(file, line, "hs_code", f"products filed under item {r['item_no']} have another "
                                   f"HS code: {', '.join(other[:5])}" + (" …" if len(other) > 5 else "")))
    return errors
