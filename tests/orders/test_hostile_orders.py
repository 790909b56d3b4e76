"""Hostile order and receipt files against the database: one bad record never takes its neighbours with it."""

from __future__ import annotations

import csv
import json

from sqlalchemy import func, select

from app.formats.order_table import COLUMNS
from app.orders.importing import MAX_LINE_BYTES, import_orders
from app.persistence.models import ConsumerOrder, OrderRejection
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.customs.test_receipts import declared, state
from tests.orders.helpers import ceb622, order_record, receipts, run


def _json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=True)


def test_a_lone_surrogate_a_bidi_override_and_impossible_years_reject_only_their_orders(warehouse, tmp_path):
    good = [order_record(f"H{i}", "LAMER-60", 1, "2780.00", waybill=f"ZT-H{i}") for i in range(6)]
    good[1]["buyer"]["name"] = "张\ud800三"  # written as the escape \\ud800: valid JSON, not encodable text
    good[2]["consignee"]["address"] = "上海市\u202egnp.exe"
    good[3]["ordered_at"] = "0001-01-01T00:00:00+08:00"
    good[4]["ordered_at"] = "9999-12-31T23:59:59-08:00"
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(_json_line(r) + "\n" for r in good), encoding="utf-8")
    report = run(warehouse, "supervisor", import_orders, path)
    assert report.accepted == 2 and sorted(report.accepted_orders) == ["H0", "H5"]
    reasons = {r["order_no"]: (r["code"], r["reason"]) for r in report.rejected}
    assert reasons["H1"] == ("malformed", "field buyer.name contains a lone surrogate (U+D800) at character 2")
    assert reasons["H2"] == ("malformed", "field consignee.address contains a bidirectional override (U+202E) at "
                                          "character 4")
    assert "not between the years 2000 and 2099" in reasons["H3"][1] and "not between" in reasons["H4"][1]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(OrderRejection)) == 4


def test_a_huge_json_line_is_rejected_without_being_kept(warehouse, tmp_path):
    record = order_record("BIG", "LAMER-60", 1, "2780.00", waybill="ZT-BIG")
    record["remark"] = "x" * (MAX_LINE_BYTES + 10)
    path = tmp_path / "big.jsonl"
    path.write_text(_json_line(record) + "\n" + _json_line(order_record("AFTER", "LAMER-60", 1, "2780.00")) + "\n",
                    encoding="utf-8")
    report = run(warehouse, "supervisor", import_orders, path)
    assert report.accepted_orders == ["AFTER"]
    [rejected] = report.rejected
    assert rejected["line"] == 1 and f"longer than {MAX_LINE_BYTES} bytes" in rejected["reason"]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        [raw] = uow.session.execute(select(OrderRejection.raw_enc)).scalars()
        assert len(raw) < 1000  # the line itself is not stored


def test_a_csv_order_with_control_characters_is_rejected_alone(warehouse, tmp_path):
    path = tmp_path / "orders.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS)
        writer.writeheader()
        for no in ("C1", "C2", "C3"):
            r = order_record(no, "LAMER-60", 1, "2780.00", waybill=f"ZT-{no}")
            row = {"order_no": no, "platform_code": r["platform_code"], "platform_name": r["platform_name"],
                   "seller_code": r["seller_code"], "seller_name": r["seller_name"], "ordered_at": r["ordered_at"],
                   "buyer_name": r["buyer"]["name"], "buyer_id_type": "1", "buyer_id_number": r["buyer"]["id_number"],
                   "buyer_phone": r["buyer"]["phone"], "buyer_account": "", "consignee_name": r["consignee"]["name"],
                   "consignee_phone": r["consignee"]["phone"], "consignee_address": r["consignee"]["address"],
                   "pay_company_code": r["payment"]["company_code"], "pay_company_name": r["payment"]["company_name"],
                   "pay_transaction_id": r["payment"]["transaction_id"], "payer_name": r["payment"]["payer_name"],
                   "payer_id_number": r["payment"]["payer_id_number"], "payment_amount": r["payment"]["amount"],
                   "carrier_code": r["logistics"]["carrier_code"], "waybill_no": r["logistics"]["waybill_no"],
                   "goods_value": r["goods_value"], "freight": r["freight"], "insurance": r["insurance"],
                   "discount": r["discount"], "tax": r["tax"], "sku": "LAMER-60", "qty": "1", "unit_price": "2780.00"}
            if no == "C2":
                row["consignee_name"] = "=HYPERLINK(\"http://x\")"
            writer.writerow(row)
    report = run(warehouse, "supervisor", import_orders, path)
    assert sorted(report.accepted_orders) == ["C1", "C3"]
    assert [(r["order_no"], r["reason"]) for r in report.rejected] == [
        ("C2", "field consignee.name starts with '=' (a spreadsheet would run it as a formula)")]


def test_a_gbk_declared_receipt_is_refused_and_the_valid_one_next_to_it_applies(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order = "TG20261121000003"
    inbox = tmp_path / "in"
    inbox.mkdir()
    gbk = ceb622(cops["TG20261121000004"], "800", "20261126120000000", info="放行").decode()
    (inbox / "a_gbk.xml").write_bytes(gbk.replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk"))
    (inbox / "b_year.xml").write_bytes(ceb622(cops["TG20261121000004"], "800", "99991126120000000"))
    (inbox / "c_ok.xml").write_bytes(ceb622(cops[order], "800", "20261126120000000"))
    report = receipts(warehouse, inbox)
    assert report.applied == 1 and state(warehouse, order)[1] == "released"
    assert [(r["file"], r["reason"]) for r in report.refused] == [
        ("a_gbk.xml", "refused: the XML declares encoding 'GBK'; customs receipts are UTF-8"),
        ("b_year.xml", "time '99991126120000000' is not between the years 2000 and 2099")]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(ConsumerOrder.status).where(
            ConsumerOrder.order_no == "TG20261121000004")) == "declared"
