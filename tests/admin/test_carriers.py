"""Carriers as master data (issue 11): the sample file, upserts, every bad row named, nothing half written."""

from __future__ import annotations

from sqlalchemy import select

from app.admin import masterdata
from app.persistence.models import Carrier, Product
from app.persistence.uow import UnitOfWork
from tests.admin.test_masterdata_import import refused, run, sample_rows, write_csv
from tests.conftest import DEMO, actor


def carriers(db) -> dict[str, tuple[str, str, str]]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return {c.code: (c.customs_code, c.customs_name, c.waybill_pattern)
                for c in uow.session.execute(select(Carrier)).scalars()}


def test_the_sample_carriers_import_then_update_by_code(db, tmp_path):
    assert run(db, masterdata.import_carriers, DEMO / "carriers.csv").to_json() == {
        "created": 3, "updated": 0, "unchanged": 0}
    assert carriers(db)["ZTO"] == ("3122480063", "中通快递股份有限公司", "")
    rows = [{**r, "waybill_pattern": r"7\d{13}" if r["code"] == "ZTO" else ""} for r in sample_rows("carriers.csv")]
    again = run(db, masterdata.import_carriers, write_csv(tmp_path / "carriers.csv", rows))
    assert again.to_json() == {"created": 0, "updated": 1, "unchanged": 2}
    assert carriers(db)["ZTO"][2] == r"7\d{13}"


def test_every_bad_row_is_named_and_nothing_is_written(db, tmp_path):
    rows = sample_rows("carriers.csv") + [
        {"code": "JD", "name": "京东物流", "customs_code": "ZTO", "customs_name": "京东物流有限公司"},   # line 5
        {"code": "SF", "name": "again", "customs_code": "4403180018", "customs_name": "again"},          # line 6
        {"code": "EMS", "name": "邮政", "customs_code": "1100000001", "customs_name": ""},                 # line 7
        {"code": "DB L", "name": "德邦", "customs_code": "3100000002", "customs_name": "德邦物流股份有限公司"},  # line 8
    ]
    rows = [{**r, "waybill_pattern": "(unclosed" if r["code"] == "YTO" else ""} for r in rows]
    errors = refused(db, masterdata.import_carriers, write_csv(tmp_path / "bad.csv", rows))
    assert (3, "waybill_pattern") in errors and (5, "customs_code") in errors and (7, "customs_name") in errors
    assert (8, "code") in errors and any(line == 6 for line, _ in errors)  # the second SF
    assert carriers(db) == {}


def test_products_refuse_what_the_list_cannot_carry_and_keep_their_declaration_elements(db, tmp_path):
    run(db, masterdata.import_warehouse, DEMO / "warehouse.toml")
    rows = sample_rows()
    rows[0] = {**rows[0], "sku": "S" * 31}                                   # itemNo: at most 30
    rows[1] = {**rows[1], "account_book_item": "I" * 31}                     # itemRecordNo: at most 30
    rows[2] = {**rows[2], "declaration_elements": "要" * 511}                # gmodel: at most 510
    rows[3] = {**rows[3], "consumption_tax_threshold": "-1"}
    errors = refused(db, masterdata.import_products, write_csv(tmp_path / "p.csv", rows))
    assert errors == [(2, "sku"), (3, "account_book_item"), (4, "declaration_elements"),
                      (5, "consumption_tax_threshold")]
    without = [{k: v for k, v in r.items() if k not in ("declaration_elements", "consumption_tax_threshold")}
               for r in sample_rows()]  # both columns are optional
    assert run(db, masterdata.import_products, write_csv(tmp_path / "old.csv", without)).created == 8
    assert run(db, masterdata.import_products, DEMO / "products.csv").updated == 8
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        lamer = uow.session.execute(select(Product).where(Product.sku == "LAMER-60")).scalar_one()
        assert lamer.declaration_elements == "4|3|面部|乳霜|60毫升/瓶|La Mer|精华面霜"
        assert str(lamer.consumption_tax_threshold) == "10000.00"
