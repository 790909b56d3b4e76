"""Fixtures for orders and customs: the sample warehouse with a released, bonded stock to declare against."""

from __future__ import annotations

import csv
import tomllib
from datetime import date
from pathlib import Path

import pytest

from app.admin import ensure_owner
from app.demo.warehouse import DEMO_SETTINGS
from app.persistence.db import Database
from app.persistence.models import (
    AccountBookItem,
    Carrier,
    CustomsLedgerEntry,
    DeclarationLine,
    InboundDeclaration,
    Location,
    Lot,
    PositiveListLine,
    Product,
    Setting,
    Warehouse,
)
from app.persistence.uow import UnitOfWork
from app.stock.movements import Place, move
from tests.conftest import DEMO, actor


def _rows(name: str) -> list[dict[str, str]]:
    with open(DEMO / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def seed_master(uow: UnitOfWork) -> None:
    """Warehouse, account-book items, products and positive list from the samples (plain ORM rows)."""
    s = uow.session
    identity = tomllib.loads((DEMO / "warehouse.toml").read_text(encoding="utf-8"))
    s.add(Warehouse(**identity))
    items = {}
    for r in _rows("products.csv"):
        item = AccountBookItem(item_no=r["account_book_item"], account_book=identity["account_book"],
                               hs_code=r["hs_code"], name=r["name_cn"], unit=r["unit"],
                               legal_unit1=r["legal_unit1"], legal_unit2=r["legal_unit2"] or None)
        items[r["sku"]] = item
        s.add(item)
    s.flush()
    for r in _rows("products.csv"):
        s.add(Product(sku=r["sku"], gtin=r["gtin"], name_cn=r["name_cn"], name_en=r["name_en"], brand=r["brand"],
                      spec=r["spec"], hs_code=r["hs_code"], origin=r["origin"], unit=r["unit"],
                      legal_unit1=r["legal_unit1"], legal_factor1=r["legal_factor1"],
                      legal_unit2=r["legal_unit2"] or None, legal_factor2=r["legal_factor2"] or None,
                      filed_price=r["filed_price"], currency=r["currency"], net_weight_kg=r["net_weight_kg"],
                      gross_weight_kg=r["gross_weight_kg"], shelf_life_days=int(r["shelf_life_days"]),
                      account_book_item_id=items[r["sku"]].id, vat_rate=r["vat_rate"],
                      consumption_tax_rate=r["consumption_tax_rate"], mfn_tariff_rate=r["mfn_tariff_rate"],
                      declaration_elements=r["declaration_elements"],
                      consumption_tax_threshold=r["consumption_tax_threshold"] or None))
    for r in _rows("positive_list.csv"):
        s.add(PositiveListLine(hs8=r["hs8"], name=r["name"], remark=r["remark"]))
    for r in _rows("carriers.csv"):
        s.add(Carrier(**r))
    for key, value in DEMO_SETTINGS:
        s.add(Setting(key=key, value=value))
    s.flush()


def seed_bonded_stock(uow: UnitOfWork, scale: int = 1, declaration_no: str = "QD292126I000000123",
                      owner: str | None = None) -> None:
    """The sample declaration, released: lots in storage and the customs ledger's IN entries (both sides agree).

    `owner`: whose goods (an owner code); by default the warehouse's only owner (made if there is none)."""
    s = uow.session
    owners = ensure_owner(uow)
    owner_id = (owners.by_code[owner] if owner else owners.sole).id
    products = {p.sku: p for p in s.query(Product)}
    decl = InboundDeclaration(declaration_no=declaration_no, container_no="MSKU8541208", status="released",
                              owner_id=owner_id)
    loc = s.query(Location).filter_by(code="BND-01").one_or_none() or Location(code="BND-01", kind="storage")
    s.add_all([decl, loc])
    s.flush()
    for r in _rows("declaration.csv"):
        product = products[r["sku"]]
        qty = int(r["declared_qty"]) * scale
        line = DeclarationLine(declaration_id=decl.id, line_no=int(r["line_no"]), declared_qty=qty,
                               account_book_item_id=product.account_book_item_id, product_id=product.id,
                               batch_no=r["batch_no"], expiry_date=date.fromisoformat(r["expiry_date"] or "2031-01-01"))
        s.add(line)
        s.flush()
        lot = Lot(product_id=product.id, batch_no=r["batch_no"], declaration_line_id=line.id, status="available",
                  owner_id=owner_id)
        s.add(lot)
        s.flush()
        move(uow, lot, qty, None, Place(loc.id, "available"), kind="receive", ref_type="declaration",
             ref_no=declaration_no)
        s.add(CustomsLedgerEntry(account_book_item_id=product.account_book_item_id, owner_id=owner_id, biz_type="IN",
                                 state="ACTUAL",
                                 quantity=qty, doc_type="INV101", doc_no=declaration_no))
    s.flush()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder (the key file lives there) for each test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BWMS_HOME", str(folder))
    return folder


@pytest.fixture
def warehouse(db: Database, home: Path) -> Database:
    """The sample warehouse with its master data and the released sample declaration in bonded stock."""
    with UnitOfWork(db, actor("admin")) as uow:
        seed_master(uow)
        seed_bonded_stock(uow)
        uow.commit()
    return db


@pytest.fixture
def bare_warehouse(db: Database, home: Path) -> Database:
    """Master data only: no bonded balance at all."""
    with UnitOfWork(db, actor("admin")) as uow:
        seed_master(uow)
        uow.commit()
    return db
