"""Declaring accepted orders: CEB621 files that parse back field by field, archived, pre-decreased, once only."""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal

import defusedxml.ElementTree as SafeET
from sqlalchemy import select, update

from app.formats.customs.schemas import validate
from app.orders.importing import import_orders
from app.persistence.models import (
    AccountBookItem,
    ConsumerOrder,
    CustomsLedgerEntry,
    CustomsMessage,
    InventoryList,
    OrderLine,
)
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.orders.helpers import NS, export, import_samples, order_record, write_jsonl


def fields(element) -> dict[str, str]:
    return {child.tag.split("}")[1]: child.text or "" for child in element}


def test_exported_inventory_list_reads_back_field_by_field(warehouse, tmp_path):
    import_samples(warehouse)
    report = export(warehouse, tmp_path / "outbox")
    assert report.exported == 63 and report.refused == []
    files = sorted((tmp_path / "outbox").glob("CEB621_*.xml"))
    assert len(files) == 63 and not list((tmp_path / "outbox").glob(".*"))
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        cop_no = uow.session.execute(select(InventoryList.cop_no).join(ConsumerOrder)
                                     .where(ConsumerOrder.order_no == "TG20261121000000")).scalar_one()
    root = SafeET.parse(tmp_path / "outbox" / f"CEB621_{cop_no}.xml").getroot()
    assert root.tag == f"{{{NS}}}CEB621Message"
    head = fields(root.find(f"{{{NS}}}Inventory/{{{NS}}}InventoryHead"))
    assert head["copNo"] == cop_no and head["orderNo"] == "TG20261121000000"
    assert (head["appType"], head["appStatus"], head["ieFlag"], head["tradeMode"]) == ("1", "2", "I", "1210")
    assert (head["emsNo"], head["areaCode"], head["areaName"]) == ("T2921W000123", "3301960A01", "杭州示例保税物流有限公司")
    assert (head["customsCode"], head["portCode"], head["agentCode"]) == ("2921", "2921", "3301960A01")
    assert (head["ebpCode"], head["ebcCode"], head["assureCode"]) == ("3301964J31", "3301960J22", "3301960J22")
    assert (head["logisticsNo"], head["logisticsCode"], head["logisticsName"]) == (
        "75133211976259", "3122480063", "中通快递股份有限公司")  # the carrier's customs code and registered name
    assert (head["trafMode"], head["wrapType"]) == ("4", "2")
    assert (head["buyerIdType"], head["buyerIdNumber"], head["buyerName"], head["buyerTelephone"]) == (
        "1", "330106199408148190", "李娜", "15821605483")
    assert head["consigneeAddress"] == "浙江省杭州市余杭区文一西路534号27幢1711室"
    assert (head["currency"], head["packNo"], head["country"], head["freight"], head["insuredFee"]) == (
        "142", "1", "142", "15", "0")
    assert (head["grossWeight"], head["netWeight"]) == ("0.75", "0.5")
    assert len(head["guid"]) == 36 and len(head["appTime"]) == 14 and head["declTime"] == head["appTime"][:8]
    lines = [fields(e) for e in root.iter(f"{{{NS}}}InventoryList")]
    assert lines == [{"gnum": "1", "itemRecordNo": "GDS0005", "itemNo": "MGO-263", "itemName": "麦卢卡蜂蜜MGO263+ 500克",
                      "gcode": "0409000000", "gname": "麦卢卡蜂蜜MGO263+ 500克", "gmodel": "4|3|天然蜂蜜|500克/瓶|Manuka Health|MGO263+",
                      "barCode": "9400000011852", "country": "609", "currency": "142", "qty": "1", "unit": "142",
                      "qty1": "0.5", "unit1": "035", "price": "269", "totalPrice": "269", "note": ""}]
    base = fields(root.find(f"{{{NS}}}BaseTransfer"))
    assert base["copCode"] == "3301960A01" and base["dxpMode"] == "DXP" and base["dxpId"] == "DXPENT0000458763"
    for path in files:  # every list the samples make passes the schema
        validate("CEB621", path.read_bytes())


def test_export_archives_marks_declared_and_pre_decreases_once(warehouse, tmp_path):
    import_samples(warehouse)
    export(warehouse, tmp_path / "outbox")
    again = export(warehouse, tmp_path / "outbox")
    assert again.exported == 0 and again.files == []
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        s = uow.session
        assert set(s.execute(select(ConsumerOrder.status)).scalars()) == {"declared"}
        messages = s.execute(select(CustomsMessage).where(CustomsMessage.msg_type == "CEB621")).scalars().all()
        assert len(messages) == 63 and all(m.delivered_at for m in messages)
        for m in messages[:5]:
            assert m.sha256 == hashlib.sha256((tmp_path / "outbox" / m.file_name).read_bytes()).hexdigest()
            assert b"<ceb:" not in m.raw_enc  # kept encrypted: the list carries the buyer's ID number
        needed = Counter()
        for item, qty in s.execute(select(AccountBookItem.item_no, OrderLine.quantity)
                                   .join(AccountBookItem, AccountBookItem.id == OrderLine.account_book_item_id)):
            needed[item] += qty
        held = Counter()
        for item, qty, biz, state in s.execute(
                select(AccountBookItem.item_no, CustomsLedgerEntry.quantity, CustomsLedgerEntry.biz_type,
                       CustomsLedgerEntry.state).join(AccountBookItem)
                .where(CustomsLedgerEntry.doc_type == "CEB621")):
            assert (biz, state) == ("PRE_DECREASE", "PRE") and qty < 0
            held[item] -= qty
        assert held == needed and needed["GDS0004"] == 33


def test_a_crash_before_delivery_redelivers_and_never_declares_twice(warehouse, tmp_path):
    import_samples(warehouse)
    export(warehouse, tmp_path / "outbox")
    lost = sorted((tmp_path / "outbox").glob("*.xml"))[:3]
    for path in lost:
        path.unlink()
    with UnitOfWork(warehouse, actor("admin")) as uow:  # as if the program died after committing
        uow.session.execute(update(CustomsMessage).where(CustomsMessage.file_name.in_([p.name for p in lost]))
                            .values(delivered_at=None))
        uow.commit()
    report = export(warehouse, tmp_path / "outbox")
    assert report.exported == 0 and sorted(report.redelivered) == sorted(p.name for p in lost)
    assert all(p.exists() for p in lost)
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(CustomsMessage.id).where(CustomsMessage.delivered_at.is_(None))) is None
        total = uow.session.execute(select(CustomsLedgerEntry.quantity).where(
            CustomsLedgerEntry.doc_type == "CEB621")).scalars().all()
    assert -sum(total) == 147  # every unit of the 63 sample orders, declared once


def test_full_tax_single_item_over_the_limit_is_declared_and_flagged(warehouse, tmp_path, uow_as):
    record = order_record("TGBIG1", "LAMER-60", 1, Decimal("5100.00"), full=True)
    path = write_jsonl(tmp_path / "big.jsonl", [record])
    with uow_as("supervisor") as uow:
        report = import_orders(uow, path)
        uow.commit()
    assert report.to_json() == {"accepted": 1, "rejected": []}
    with uow_as("clerk", write=False) as uow:
        order = uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.order_no == "TGBIG1")).scalar_one()
        assert order.full_tax and order.dutiable_total == Decimal("5110.00")  # goods 5100 + freight 10
        # tariff 5110 × 15% = 766.50; CT and VAT at 100% on (5110 + 766.50) / (1 − 15%)
        assert order.tax_computed == Decimal(record["tax"]) == Decimal("766.50") + Decimal("1037.03") + Decimal(
            "898.76")
    report = export(warehouse, tmp_path / "outbox")
    assert report.exported == 1


def test_an_order_not_declared_keeps_its_values_for_the_screen_and_the_json_its_keys(warehouse, tmp_path):
    from sqlalchemy import update

    from app.persistence.models import ConsumerOrder

    import_samples(warehouse)
    with warehouse.sessions() as s:
        s.execute(update(ConsumerOrder).where(ConsumerOrder.order_no == "TG20261121000002").values(
            carrier_code="NOPE"))
        s.commit()
    report = export(warehouse, tmp_path / "outbox")
    [refused] = report.refused
    assert refused["params"] == {"order_no": "TG20261121000002", "carrier": "NOPE"}
    assert report.to_json()["refused"] == [{"order_no": "TG20261121000002", "code": "unknown_carrier",
                                            "reason": refused["reason"]}]
    assert "TG20261121000002: order TG20261121000002: carrier 'NOPE' is not a known carrier" in report.describe()
