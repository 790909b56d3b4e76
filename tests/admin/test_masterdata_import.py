"""Master-data import on SQLite and PostgreSQL: the samples, upserts, every kind of bad input, the demo."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.admin import auth, masterdata
from app.demo import warehouse as demo
from app.errors import FileRejected, PermissionDenied, Rejected
from app.persistence.models import (
    AccountBookItem,
    AuditEntry,
    Location,
    PositiveListLine,
    Product,
    User,
    Warehouse,
)
from app.persistence.uow import SYSTEM, UnitOfWork
from tests.conftest import DEMO

IMPORTERS = {"warehouse.toml": masterdata.import_warehouse, "locations.csv": masterdata.import_locations,
             "products.csv": masterdata.import_products, "positive_list.csv": masterdata.import_positive_list}


def sample_rows(name: str = "products.csv") -> list[dict[str, str]]:
    with open(DEMO / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8",
              columns: list[str] | None = None) -> Path:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, columns or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def run(db, importer, path, role: str = "supervisor"):
    from tests.conftest import actor

    with UnitOfWork(db, actor(role)) as uow:
        report = importer(uow, path)
        uow.commit()
    return report


def refused(db, importer, path) -> list[tuple[int, str]]:
    """Import expecting FileRejected; returns (line, column) of every error and checks nothing was written."""
    before = counts(db)
    with pytest.raises(FileRejected) as info:
        run(db, importer, path)
    assert counts(db) == before
    assert all(e.file == str(path) and e.message for e in info.value.errors)
    assert json.loads(json.dumps(info.value.to_json()))["errors"][0].keys() == {"file", "line", "column", "message"}
    return [(e.line, e.column) for e in info.value.errors]


def counts(db) -> dict[str, int]:
    with UnitOfWork(db, write=False) as uow:
        return {m.__name__: uow.session.execute(select(func.count()).select_from(m)).scalar()
                for m in (Warehouse, Location, Product, AccountBookItem, PositiveListLine, AuditEntry)}


def load_samples(db) -> dict[str, dict]:
    return {name: run(db, importer, DEMO / name).to_json() for name, importer in IMPORTERS.items()}


def test_samples_import_then_reimport_is_unchanged(db):
    first = load_samples(db)
    assert first == {
        "warehouse.toml": {"created": 1, "updated": 0, "unchanged": 0},
        "locations.csv": {"created": 32, "updated": 0, "unchanged": 0},
        "products.csv": {"created": 8, "updated": 0, "unchanged": 0, "account_book_items_created": 8},
        "positive_list.csv": {"created": 7, "updated": 0, "unchanged": 0}}
    again = load_samples(db)
    assert [r["unchanged"] for r in again.values()] == [1, 32, 8, 7]
    assert sum(r["created"] + r["updated"] for r in again.values()) == 0
    with UnitOfWork(db, write=False) as uow:
        lamer = uow.session.execute(select(Product).where(Product.sku == "LAMER-60")).scalar_one()
        assert (lamer.filed_price, lamer.consumption_tax_rate, lamer.gtin) == (
            Decimal("2780.00"), Decimal("0.15"), "0000000011112")
        item = lamer.account_book_item
        assert (item.item_no, item.account_book, item.hs_code, item.unit) == (
            "GDS0003", "T2921W000123", "3304990099", "142")
        dyson = uow.session.execute(select(Product).where(Product.sku == "DYS-HD15")).scalar_one()
        assert (dyson.legal_unit2, dyson.legal_factor2) == ("035", Decimal("0.66"))


def test_a_changed_row_is_updated_and_each_import_is_audited(db, tmp_path):
    load_samples(db)
    rows = sample_rows()
    rows[1]["filed_price"] = "95.00"
    rows[2]["name_en"] = "La Mer cream 60 ml"
    report = run(db, masterdata.import_products, write_csv(tmp_path / "p.csv", rows))
    assert report.to_json() == {"created": 0, "updated": 2, "unchanged": 6}
    assert "2 updated" in report.describe() and "\n" not in report.describe()
    locations = sample_rows("locations.csv")
    locations[0]["pick_sequence"] = "5"
    locations.append({"code": "Z-99", "kind": "returns", "pick_sequence": ""})
    report = run(db, masterdata.import_locations, write_csv(tmp_path / "l.csv", locations))
    assert report.to_json() == {"created": 1, "updated": 1, "unchanged": 31}
    with UnitOfWork(db, write=False) as uow:
        assert uow.session.execute(select(Product.filed_price).where(Product.sku == "SWS-VC60")).scalar() == 95
        entry = uow.session.execute(select(AuditEntry).where(AuditEntry.action == "import_products")
                                    .order_by(AuditEntry.id.desc())).scalars().first()
        assert (entry.username, entry.entity_key) == ("supervisor", "p.csv")
        assert json.loads(entry.detail)["updated"] == 2 and len(json.loads(entry.detail)["sha256"]) == 64


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_gb18030_and_bom_files_import_the_same_names(db, tmp_path, encoding):
    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    report = run(db, masterdata.import_products, write_csv(tmp_path / "p.csv", sample_rows(), encoding))
    assert report.created == 8
    with UnitOfWork(db, write=False) as uow:
        names = set(uow.session.execute(select(Product.name_cn)).scalars())
    assert names == {r["name_cn"] for r in sample_rows()}


def test_xlsx_products_with_number_cells(db, tmp_path):
    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    book = openpyxl.Workbook()
    sheet = book.active
    rows = sample_rows()
    sheet.append(list(rows[0]))
    for row in rows:
        cells = {**row, "filed_price": float(row["filed_price"]), "shelf_life_days": int(row["shelf_life_days"]),
                 "vat_rate": float(row["vat_rate"])}
        sheet.append(list(cells.values()))
    book.save(tmp_path / "products.xlsx")
    report = run(db, masterdata.import_products, tmp_path / "products.xlsx")
    assert report.to_json()["created"] == 8
    assert run(db, masterdata.import_products, DEMO / "products.csv").unchanged == 8


BAD_PRODUCT_CELLS = [  # (row index in the sample, column, bad value)
    (0, "gtin", "9300000010378"),          # wrong check digit
    (1, "hs_code", "210690909"),            # 9 digits
    (2, "unit", "999"),                     # not a customs unit
    (3, "vat_rate", "1.3"),                 # rate above 1
    (4, "filed_price", "abc"),              # not a number
    (5, "legal_factor1", "0"),              # must be > 0
    (6, "legal_factor2", ""),               # legal_unit2 without its factor
    (7, "shelf_life_days", "-1"),
]


def test_every_bad_product_row_is_reported_and_nothing_written(db, tmp_path):
    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    rows, base = sample_rows(), sample_rows()
    for index, column, value in BAD_PRODUCT_CELLS:
        rows[index][column] = value
    more = [dict(base[0], sku="X-1", gtin="9300000010384", currency="RMB", origin="XX"),
            dict(base[0], sku="X-2", gtin="9300000010391", net_weight_kg="2.5", gross_weight_kg="2.0",
                 mfn_tariff_rate="0.1234567", name_cn=""),
            dict(base[1], gtin="9300000010407"),                 # duplicate SKU SWS-VC60
            dict(base[1], sku="X-3", gtin="09300000010742")]     # duplicate GTIN (14-digit form)
    errors = refused(db, masterdata.import_products, write_csv(tmp_path / "bad.csv", rows + more))
    expected = [(i + 2, column) for i, column, _ in BAD_PRODUCT_CELLS]
    assert sorted(errors) == sorted(expected + [
        (10, "currency"), (10, "origin"), (11, "name_cn"), (11, "gross_weight_kg"), (11, "mfn_tariff_rate"),
        (12, "sku"), (13, "gtin")])


def test_duplicate_messages_name_both_lines(db, tmp_path):
    rows = sample_rows()
    with pytest.raises(FileRejected) as info:
        run(db, masterdata.import_products, write_csv(tmp_path / "d.csv", rows + [rows[0]]))
    messages = {(e.column, e.message) for e in info.value.errors}
    assert ("sku", "SKU A2P-900 appears on lines 2 and 10") in messages
    assert ("gtin", "GTIN 9300000010377 appears on lines 2 and 10") in messages


@pytest.mark.parametrize(("header", "expected"), [
    ("colour", [(1, "colour")]),   # unknown column
    (None, [(1, "brand")]),        # missing column
])
def test_unknown_and_missing_columns(db, tmp_path, header, expected):
    rows = sample_rows()
    for row in rows:
        row.pop("brand") if header is None else row.setdefault(header, "red")
    columns = list(rows[0])
    assert refused(db, masterdata.import_products, write_csv(tmp_path / "h.csv", rows, columns=columns)) == expected


def test_broken_encoding_is_refused_naming_the_line(db, tmp_path):
    data = (DEMO / "products.csv").read_bytes().replace("a2至初".encode(), b"a2\xff\xfe")
    path = tmp_path / "broken.csv"
    path.write_bytes(data)
    assert refused(db, masterdata.import_products, path) == [(2, "")]


def test_products_need_the_warehouse_to_create_account_book_items(db, tmp_path):
    assert refused(db, masterdata.import_products, DEMO / "products.csv") == [
        (line, "account_book_item") for line in range(2, 10)]


def test_account_book_item_hs_code_must_match_the_product(db, tmp_path):
    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    book = [{"item_no": "GDS0001", "hs_code": "1901109000", "name": "婴儿配方奶粉", "unit": "122",
             "legal_unit1": "035", "legal_unit2": "", "storage_limit_days": "365"}]
    assert run(db, masterdata.import_account_book, write_csv(tmp_path / "book.csv", book)).created == 1
    rows = sample_rows()
    rows[3]["account_book_item"] = "GDS0002"   # MER-L54 (9619001100) under SWS-VC60's new item (2106909090)
    with pytest.raises(FileRejected) as info:
        run(db, masterdata.import_products, write_csv(tmp_path / "p.csv", rows))
    assert [(e.line, e.column) for e in info.value.errors] == [(2, "account_book_item"), (5, "account_book_item")]
    assert "1901109000 in the account book" in info.value.errors[0].message
    assert "2106909090 on line 3" in info.value.errors[1].message
    assert counts(db)["Product"] == 0


def test_account_book_import_upserts_and_keeps_products_consistent(db, tmp_path):
    load_samples(db)
    book = [{"item_no": "GDS0005", "hs_code": "0409000000", "name": "麦卢卡蜂蜜", "unit": "142",
             "legal_unit1": "035", "legal_unit2": "", "storage_limit_days": "730"},
            {"item_no": "GDS0100", "hs_code": "0409000000", "name": "蜂蜜", "unit": "142",
             "legal_unit1": "035", "legal_unit2": "", "storage_limit_days": ""}]
    report = run(db, masterdata.import_account_book, write_csv(tmp_path / "book.csv", book))
    assert report.to_json() == {"created": 1, "updated": 1, "unchanged": 0}
    book[0]["hs_code"] = "0409000090"  # MGO-263 is filed under GDS0005 with 0409000000
    errors = refused(db, masterdata.import_account_book, write_csv(tmp_path / "book2.csv", book))
    assert errors == [(2, "hs_code")]


def test_a_gtin_already_used_by_another_sku_is_refused(db, tmp_path):
    load_samples(db)
    rows = [dict(sample_rows()[0], sku="A2P-900-NEW")]
    assert refused(db, masterdata.import_products, write_csv(tmp_path / "g.csv", rows)) == [(2, "gtin")]
    swapped = sample_rows()[:2]
    swapped[0]["gtin"], swapped[1]["gtin"] = swapped[1]["gtin"], swapped[0]["gtin"]
    assert run(db, masterdata.import_products, write_csv(tmp_path / "s.csv", swapped)).updated == 2


def test_bad_locations_and_positive_list_lines(db, tmp_path):
    locations = [{"code": "A 1", "kind": "storage", "pick_sequence": "1"},
                 {"code": "A-2", "kind": "attic", "pick_sequence": "-3"},
                 {"code": "A-3", "kind": "storage", "pick_sequence": "x"},
                 {"code": "A-3", "kind": "dock", "pick_sequence": "0"}]
    assert sorted(refused(db, masterdata.import_locations, write_csv(tmp_path / "l.csv", locations))) == [
        (2, "code"), (3, "kind"), (3, "pick_sequence"), (4, "pick_sequence"), (5, "code")]
    lines = [{"hs8": "1901101", "name": "奶粉", "remark": ""}, {"hs8": "19011010", "name": "", "remark": ""},
             {"hs8": "19011010", "name": "奶粉", "remark": "x"}]
    assert refused(db, masterdata.import_positive_list, write_csv(tmp_path / "p.csv", lines)) == [
        (2, "hs8"), (3, "name"), (4, "hs8")]


def test_bad_warehouse_files(db, tmp_path):
    good = (DEMO / "warehouse.toml").read_text(encoding="utf-8")
    bad = (good.replace('"3301960A01"          #', '"3301960A0"           #')
           .replace('customs_code = "2921"', 'customs_code = "29210"')
           .replace('time_zone = "Asia/Shanghai"', 'time_zone = "Mars/Olympus"')
           .replace('account_book = "T2921W000123"', 'colour = "red"'))
    path = tmp_path / "w.toml"
    path.write_text(bad, encoding="utf-8")
    errors = refused(db, masterdata.import_warehouse, path)
    assert sorted(errors) == [(0, "account_book"), (3, "area_code"), (5, "colour"), (6, "customs_code"),
                              (10, "time_zone")]
    path.write_text(good.replace('port_code = "2921"', 'port_code = 2921 2921'), encoding="utf-8")
    assert refused(db, masterdata.import_warehouse, path) == [(7, "")]


def test_warehouse_update(db, tmp_path):
    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    path = tmp_path / "w.toml"
    path.write_text((DEMO / "warehouse.toml").read_text(encoding="utf-8").replace('"2921"', '"2922"'),
                    encoding="utf-8")
    assert run(db, masterdata.import_warehouse, path).to_json() == {"created": 0, "updated": 1, "unchanged": 0}
    with UnitOfWork(db, write=False) as uow:
        assert uow.session.execute(select(Warehouse.customs_code, Warehouse.port_code)).one() == ("2922", "2922")


def test_a_clerk_is_refused_and_the_refusal_is_audited(db):
    with pytest.raises(PermissionDenied):
        run(db, masterdata.import_products, DEMO / "products.csv", role="clerk")
    with UnitOfWork(db, write=False) as uow:
        refusal = uow.session.execute(select(AuditEntry.username, AuditEntry.outcome, AuditEntry.detail)
                                      .where(AuditEntry.action == "permission_denied")).one()
    assert refusal[:2] == ("clerk", "refused") and json.loads(refusal.detail)["permission"] == "master_data"
    assert counts(db)["Product"] == 0


def test_changes_are_announced_to_the_screens(db):
    with UnitOfWork(db, SYSTEM) as uow:
        masterdata.import_locations(uow, DEMO / "locations.csv")
        assert "master" in uow.changes.areas


def test_demo_loads_once_and_runs_later_steps(db, monkeypatch):
    monkeypatch.setattr(demo, "DEMO_STEPS", [lambda database: {"declaration": "D1 expected"}])
    with UnitOfWork(db, SYSTEM) as uow:
        uow.session.execute(User.__table__.delete().where(User.username == "supervisor"))
        uow.commit()
    report = demo.load_demo(db)
    assert report["master_data"]["products"]["created"] == 8 and report["declaration"] == "D1 expected"
    users = {u["username"]: u for u in report["users"]}
    assert users["clerk"]["password"] is None  # the seeded clerk is kept as it was
    assert auth.login(db, "supervisor", users["supervisor"]["password"]).role == "supervisor"
    text = demo.describe(report)
    assert users["supervisor"]["password"] in text and "declaration: D1 expected" in text
    with pytest.raises(Rejected, match="already has products"):
        demo.load_demo(db)


def test_two_stations_importing_the_same_file_at_once(db):
    from concurrent.futures import ThreadPoolExecutor

    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: run(db, masterdata.import_products, DEMO / "products.csv").to_json(),
                                range(2)))
    assert sorted(r["created"] for r in reports) == [0, 8]
    assert sorted(r["unchanged"] for r in reports) == [0, 8]
    assert counts(db)["AccountBookItem"] == 8
