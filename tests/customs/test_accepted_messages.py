"""Messages the e-port accepts (issue 11): carriers, settings, fields within the schema, every receipt, CEB623."""

from __future__ import annotations

from decimal import Decimal

import defusedxml.ElementTree as SafeET
import pytest
from sqlalchemy import select, update

from app import settings
from app.admin import pii
from app.customs import archive as customs_archive
from app.errors import Rejected
from app.formats.customs.schemas import validate
from app.orders.cancel import cancel_order
from app.orders.importing import import_orders
from app.orders.workbench import workbench
from app.persistence.models import (
    Carrier,
    ConsumerOrder,
    CustomsMessage,
    CustomsReceipt,
    InventoryList,
    Product,
    Setting,
)
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.customs.test_receipts import pre_total, state
from tests.orders.helpers import NS, ceb622, ceb624, export, order_record, receipts, run, write_jsonl

A, B = "T11A000001", "T11B000002"


def declare(db, tmp_path, *records) -> dict[str, str]:
    """Import these orders and export them; order number → copNo."""
    report = run(db, "supervisor", import_orders, write_jsonl(tmp_path / "orders.jsonl", list(records)))
    assert report.rejected == []
    export(db, tmp_path / "outbox")
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return dict(uow.session.execute(select(ConsumerOrder.order_no, InventoryList.cop_no).join(InventoryList)).all())


def imported(db, tmp_path, *records) -> list[tuple[str, str]]:
    report = run(db, "supervisor", import_orders, write_jsonl(tmp_path / "o.jsonl", list(records)))
    return [(r["code"], r["reason"]) for r in report.rejected]


def ceb900(guid: str, time: str, info: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB900Message guid="E-{guid[:8]}" version="1.0" xmlns:ceb="{NS}">
  <ceb:MessageReturn>
    <ceb:guid>{guid}</ceb:guid>
    <ceb:returnStatus>-1</ceb:returnStatus>
    <ceb:returnTime>{time}</ceb:returnTime>
    <ceb:returnInfo>{info}</ceb:returnInfo>
  </ceb:MessageReturn>
</ceb:CEB900Message>
""".encode()


def test_orders_need_a_known_carrier_a_fitting_waybill_and_fields_the_list_can_carry(warehouse, tmp_path):
    with UnitOfWork(warehouse, actor("admin")) as uow:
        uow.session.execute(update(Carrier).where(Carrier.code == "SF").values(waybill_pattern=r"SF\d{12}"))
        uow.commit()
    long_address = order_record("T11L", "MGO-263", 1, "269.00")
    long_address["consignee"]["address"] = "文" * 192  # + 浙江省杭州市余杭区 = 201 characters
    platform = order_record("T11P", "MGO-263", 1, "269.00", platform="tmall")
    found = imported(warehouse, tmp_path,
                     order_record("T11U", "MGO-263", 1, "269.00", carrier="DHL"),
                     order_record("T11W", "MGO-263", 1, "269.00", carrier="SF", waybill="75133211976259"),
                     order_record("T11S", "MGO-263", 1, "269.00", carrier="SF", waybill="SF123456789012"),
                     long_address, platform)
    assert [code for code, _ in found] == ["unknown_carrier", "waybill_pattern", "field_too_long", "field_pattern"]
    assert "'DHL'" in found[0][1] and r"SF\d{12}" in found[1][1]
    assert found[2][1] == ("consignee province+city+district+address is 201 characters: the list's consigneeAddress "
                           "allows at most 200")
    assert "platform_code 'tmall'" in found[3][1] and "ebpCode" in found[3][1]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        codes = {row["code"] for row in workbench(uow)}
    assert {"unknown_carrier", "waybill_pattern", "field_too_long", "field_pattern"} <= codes


def test_tax_rounded_per_order_passes_and_the_consumption_tax_threshold_counts(warehouse, tmp_path):
    lines = [("SWS-VC60", 1, "3.05")] * 50  # VAT 13%: 50 × 0.28 = 14.00 per line; 152.50 × 9.1% = 13.88 per order
    per_order = order_record("T11T1", lines, freight="0.00")
    assert per_order["tax"] == "14.00"
    per_order.update(tax="13.88", payment={**per_order["payment"], "amount": "166.38"})
    wrong = order_record("T11T2", lines, freight="0.00")
    wrong.update(tax="13.70", payment={**wrong["payment"], "amount": "166.20"})
    found = imported(warehouse, tmp_path, per_order, wrong)
    assert found == [("tax_mismatch", "declared tax 13.70 differs from the computed cross-border retail tax 14.00 "
                                      "(rounded per order: 13.88) by more than 0.05")]
    with UnitOfWork(warehouse, actor("admin")) as uow:  # 60 ml at 2780: 46 333 per kg, over the threshold
        uow.session.execute(update(Product).where(Product.sku == "LAMER-60")
                            .values(consumption_tax_threshold=Decimal("50000")))
        uow.commit()
    cheap = order_record("T11T3", "LAMER-60", 1, "2780.00", freight="0.00")  # priced with the 15% CT …
    no_ct = order_record("T11T4", "SWS-VC60", 1, "2780.00", freight="0.00")  # … and as if it had none
    no_ct.update(lines=cheap["lines"])
    assert imported(warehouse, tmp_path, no_ct) == []
    assert imported(warehouse, tmp_path, cheap)[0][0] == "tax_mismatch"


def test_export_refuses_without_dxp_id_and_carries_the_settings(warehouse, tmp_path):
    with UnitOfWork(warehouse, actor("admin")) as uow:
        uow.session.execute(Setting.__table__.delete().where(Setting.key == "dxp_id"))
        uow.commit()
    run(warehouse, "supervisor", import_orders,
        write_jsonl(tmp_path / "o.jsonl", [order_record(A, "MGO-263", 1, "269.00")]))
    with pytest.raises(Rejected) as info:
        export(warehouse, tmp_path / "outbox")
    assert info.value.code == "missing_setting" and info.value.params["setting"] == "dxp_id"
    assert not (tmp_path / "outbox").exists() or not list((tmp_path / "outbox").iterdir())
    with UnitOfWork(warehouse, actor("admin")) as uow:
        for key, value in [("dxp_id", "DXPENT0000458763"), ("assure_code", "3301964J31"), ("traf_mode", "5"),
                           ("wrap_type", "6")]:
            settings.set_value(uow.session, key, value)
        with pytest.raises(Rejected, match="dxp_id"):
            settings.set_value(uow.session, "dxp_id", "ENT0000458763")
        uow.commit()
    export(warehouse, tmp_path / "outbox")
    (path,) = (tmp_path / "outbox").glob("CEB621_*.xml")
    validate("CEB621", path.read_bytes())
    root = SafeET.parse(path).getroot()
    head = {c.tag.split("}")[1]: c.text for c in root.find(f"{{{NS}}}Inventory/{{{NS}}}InventoryHead")}
    assert (head["assureCode"], head["trafMode"], head["wrapType"]) == ("3301964J31", "5", "6")
    assert root.find(f"{{{NS}}}BaseTransfer/{{{NS}}}dxpId").text == "DXPENT0000458763"


def test_export_refuses_an_order_the_schema_or_the_filing_would_refuse(warehouse, tmp_path):
    run(warehouse, "supervisor", import_orders, write_jsonl(tmp_path / "o.jsonl", [
        order_record(A, "MGO-263", 1, "269.00"), order_record(B, "A2P-900", 1, "238.00", carrier="SF")]))
    with UnitOfWork(warehouse, actor("admin")) as uow:
        uow.session.execute(update(Product).where(Product.sku == "MGO-263").values(declaration_elements=""))
        uow.session.execute(update(Carrier).where(Carrier.code == "SF").values(customs_code="SF"))
        uow.commit()
    report = export(warehouse, tmp_path / "outbox")
    assert report.exported == 0 and not list((tmp_path / "outbox").glob("*.xml"))
    reasons = {r["order_no"]: (r["code"], r["reason"]) for r in report.refused}
    assert reasons[A][0] == "no_declaration_elements" and "MGO-263" in reasons[A][1]
    assert reasons[B][0] == "schema_invalid" and "Inventory/InventoryHead/logisticsCode = 'SF'" in reasons[B][1]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert set(uow.session.execute(select(ConsumerOrder.status)).scalars()) == {"accepted"}
        assert uow.session.execute(select(CustomsMessage.id)).first() is None


def test_a_ceb900_sends_the_order_to_the_workbench_and_an_unmatched_one_is_reported(warehouse, tmp_path):
    cops = declare(warehouse, tmp_path, order_record(A, "MGO-263", 1, "269.00"))
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        guid = uow.session.execute(select(CustomsMessage.guid).where(CustomsMessage.msg_type == "CEB621")).scalar_one()
        assert guid == uow.session.execute(select(InventoryList.guid)).scalar_one()
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "e1.xml").write_bytes(ceb900(guid, "20261126100000000", "报文格式错误：consigneeAddress 超长"))
    (inbox / "e2.xml").write_bytes(ceb900("00000000-0000-0000-0000-000000000000", "20261126100000000", "?"))
    report = receipts(warehouse, inbox)
    assert report.applied == 1 and [u["reason"] for u in report.unmatched] == ["no message of ours with this guid"]
    assert state(warehouse, A)[:2] == ("customs_rejected", "rejected") and pre_total(warehouse, cops[A]) == 0
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        rows = [r for r in workbench(uow) if r["order_no"] == A]
        kept = uow.session.execute(select(CustomsMessage.msg_type).where(CustomsMessage.direction == "in")).all()
    assert rows and "consigneeAddress 超长" in rows[0]["reason"]
    assert sorted(k for (k,) in kept) == ["CEB900", "CEB900"]  # the unmatched one is archived too


def test_after_release_a_list_only_closes_and_700_stops_an_order(warehouse, tmp_path):
    cops = declare(warehouse, tmp_path, order_record(A, "MGO-263", 1, "269.00"),
                   order_record(B, "A2P-900", 1, "238.00"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "1.xml").write_bytes(ceb622(cops[A], "800", "20261126100000000", invt_no="29212026I000000001"))
    (inbox / "2.xml").write_bytes(ceb622(cops[A], "120", "20261126110000000"))
    (inbox / "3.xml").write_bytes(ceb622(cops[B], "700", "20261126100000000", info="退运"))
    report = receipts(warehouse, inbox)
    assert [(n["cop_no"], n["status"]) for n in report.not_applied] == [(cops[A], "120")]
    assert state(warehouse, A)[:2] == ("released", "released")
    assert state(warehouse, B)[:2] == ("customs_rejected", "return_abroad") and pre_total(warehouse, cops[B]) == 0
    (inbox / "4.xml").write_bytes(ceb622(cops[A], "899", "20261126120000000"))
    receipts(warehouse, inbox)
    assert state(warehouse, A)[:2] == ("released", "closed")
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:  # every receipt kept in the history
        kept = uow.session.execute(select(CustomsReceipt.return_status, CustomsReceipt.outcome)
                                   .where(CustomsReceipt.cop_no == cops[A]).order_by(CustomsReceipt.id)).all()
        rows = {r["order_no"]: r["code"] for r in workbench(uow)}
    assert [tuple(k) for k in kept] == [("800", "applied"), ("120", "not_applied"), ("899", "applied")]
    assert rows[B] == "return_abroad"


def test_a_cancellation_waits_for_the_list_number_then_goes_out_in_schema(warehouse, tmp_path):
    cops = declare(warehouse, tmp_path, order_record(A, "MGO-263", 1, "269.00"))
    result = run(warehouse, "supervisor", cancel_order, A, reason="2")
    assert result.waiting and result.request_file is None and "waiting" in result.describe()
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(InventoryList.cancel_state)).scalar_one() == "waiting"
        assert uow.session.execute(select(CustomsMessage.id).where(CustomsMessage.msg_type == "CEB623")).first() is None
    assert pre_total(warehouse, cops[A]) == -1  # still held: customs has the list
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "1.xml").write_bytes(ceb622(cops[A], "120", "20261126100000000", invt_no="29212026I000000007"))
    report = receipts(warehouse, inbox)
    assert report.requests == [cops[A]]
    with UnitOfWork(warehouse, actor("supervisor")) as uow:
        (name,) = customs_archive.deliver_pending(uow, pii.key_for(uow), tmp_path / "outbox")
        uow.commit()
    data = (tmp_path / "outbox" / name).read_bytes()
    validate("CEB623", data)
    cancel = SafeET.fromstring(data).find(f"{{{NS}}}InvtCancel")
    tags = [c.tag.split("}")[1] for c in cancel]
    assert tags[tags.index("logisticsCode"):tags.index("copNo") + 1] == ["logisticsCode", "logisticsName", "copNo"]
    fields = {c.tag.split("}")[1]: c.text for c in cancel}
    assert (fields["invtNo"], fields["reason"], fields["logisticsCode"]) == ("29212026I000000007", "商品缺货",
                                                                            "3122480063")
    (inbox / "2.xml").write_bytes(ceb624(cops[A], "800", "20261126110000000", "撤销成功"))
    receipts(warehouse, inbox)
    assert pre_total(warehouse, cops[A]) == 0
    with pytest.raises(Rejected, match="unknown cancellation reason"):
        run(warehouse, "supervisor", cancel_order, B, reason="buyer asked")


@pytest.mark.breaks_invariants
def test_bwms_check_names_a_released_list_that_moved_back(warehouse, tmp_path):
    from app.admin.checks import released_lists_stay_released

    cops = declare(warehouse, tmp_path, order_record(A, "MGO-263", 1, "269.00"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "1.xml").write_bytes(ceb622(cops[A], "800", "20261126100000000", invt_no="29212026I000000001"))
    receipts(warehouse, inbox)
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        assert released_lists_stay_released(uow).ok
    with UnitOfWork(warehouse, actor("admin")) as uow:  # what the old receipt logic did with a later 120
        uow.session.execute(update(InventoryList).values(return_status="120", status="accepted"))
        uow.commit()
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        result = released_lists_stay_released(uow)
    assert not result.ok and result.problems == [f"list {cops[A]}: released, now 120"]
