"""The queries the screens need, and the rejection workbench: fix and re-validate, dismiss, requeue."""

from __future__ import annotations

import defusedxml.ElementTree as SafeET
import pytest
from sqlalchemy import select

from app.errors import Rejected
from app.orders.queries import exchange_archive, list_orders, message_text, orders_report
from app.orders.workbench import dismiss, rejection_record, requeue, resubmit, workbench
from app.persistence.models import ConsumerOrder, OrderRejection
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.customs.test_receipts import declared, pre_total, state
from tests.orders.helpers import NS, ceb622, export, import_samples, receipts, run


def rejection_id(db, order_no: str) -> int:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.execute(select(OrderRejection.id).where(OrderRejection.order_no == order_no)).scalar_one()


def test_orders_by_status_and_search(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    import_samples(warehouse, "orders_invalid.jsonl")
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert [r["order_no"] for r in list_orders(uow, search="TG2026112100001")][:2] == [
            "TG20261121000010", "TG20261121000011"]
        assert [r["order_no"] for r in list_orders(uow, search="SF395965144161")] == ["TG20261121000001"]
        assert [r["order_no"] for r in list_orders(uow, search=cops["TG20261121000002"])] == ["TG20261121000002"]
        first_page = list_orders(uow, status="declared", limit=10)
        second_page = list_orders(uow, status="declared", after_id=first_page[-1]["id"], limit=10)
        assert len(first_page) == len(second_page) == 10 and first_page[-1]["id"] < second_page[0]["id"]
        report = orders_report(uow)
        rejected = orders_report(uow, "rejected")
    assert len(report) == 63 + 10 and {r["status"] for r in report} == {"declared", "rejected"}
    assert report[0] == {"order_no": "TG20261121000000", "owner": "DEFAULT", "status": "declared",
                         "customs_status": "declared",
                         "copNo": cops["TG20261121000000"], "rejection_code": ""}
    assert [r["rejection_code"] for r in rejected][:2] == ["over_order_limit", "payment_mismatch"]


def test_fix_and_revalidate_a_rejected_record(warehouse):
    import_samples(warehouse)
    import_samples(warehouse, "orders_invalid.jsonl")
    rid = rejection_id(warehouse, "TG20261121800005")  # declared tax 30.69, computed 27.69
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        shown = rejection_record(uow, rid)
    assert "330106********4516" in shown and "330106198705054516" not in shown and "186****8208" in shown
    still_wrong = run(warehouse, "supervisor", resubmit, rid, {"tax": "27.69"})  # payment no longer adds up
    assert [r["code"] for r in still_wrong.rejected] == ["payment_mismatch"]
    fixed = run(warehouse, "supervisor", resubmit, rid, {"tax": "27.69", "payment": {"amount": "414.69"}})
    assert fixed.accepted == 1
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        rej = uow.session.get(OrderRejection, rid)
        order = uow.session.execute(select(ConsumerOrder).where(
            ConsumerOrder.order_no == "TG20261121800005")).scalar_one()
        assert (rej.state, rej.order_id) == ("resolved", order.id)
        assert order.buyer_id_masked == "330106********4516"  # the clear ID came from the stored record
        assert [r["order_no"] for r in workbench(uow)].count("TG20261121800005") == 0
    with pytest.raises(Rejected) as info:
        run(warehouse, "supervisor", resubmit, rid, {})
    assert info.value.code == "not_open"


def test_a_broken_line_is_fixed_by_sending_the_whole_record_and_others_are_dismissed(warehouse):
    from tests.orders.helpers import order_record

    import_samples(warehouse, "orders_invalid.jsonl")
    broken = rejection_id(warehouse, "TG-BROKEN")
    report = run(warehouse, "supervisor", resubmit, broken, order_record("TG-BROKEN", "MGO-263", 1, "269.00"))
    assert report.accepted == 1
    unknown = rejection_id(warehouse, "TG20261121800004")
    run(warehouse, "supervisor", dismiss, unknown, "platform will resend")
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        open_now = [(r["kind"], r["order_no"]) for r in workbench(uow)]
    assert ("import", "TG20261121800004") not in open_now and ("import", "TG-BROKEN") not in open_now
    assert len(open_now) == 7  # 9 rejected (the "duplicate" has no first copy here), 2 handled


def test_a_customs_rejected_order_is_requeued_and_declared_again(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order, cop = "TG20261121000005", cops["TG20261121000005"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "100.xml").write_bytes(ceb622(cop, "100", "20261126100000000", info="[Code:1300;Desc:税款担保不足]"))
    receipts(warehouse, folder)
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert [(r["kind"], r["code"]) for r in workbench(uow) if r["order_no"] == order] == [
            ("customs", "customs_rejected")]
    run(warehouse, "supervisor", requeue, order)
    report = export(warehouse, tmp_path / "outbox")
    assert report.exported == 1 and report.files[0].startswith(f"CEB621_{cop}_")
    head = SafeET.parse(tmp_path / "outbox" / report.files[0]).getroot().find(
        f"{{{NS}}}Inventory/{{{NS}}}InventoryHead")
    assert head.find(f"{{{NS}}}appType").text == "2" and head.find(f"{{{NS}}}copNo").text == cop
    assert state(warehouse, order)[:2] == ("declared", "declared") and pre_total(warehouse, cop) == -2
    with pytest.raises(Rejected):
        run(warehouse, "supervisor", requeue, order)


def test_the_exchange_archive_and_masked_file_view(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.xml").write_bytes(ceb622(cops["TG20261121000000"], "120", "20261126100000000"))
    receipts(warehouse, folder)
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        sent = exchange_archive(uow, direction="out", msg_type="CEB621", limit=1000)
        got = exchange_archive(uow, direction="in")
        text = message_text(uow, sent[0]["id"])
    assert len(sent) == 63 and [m["file_name"] for m in got] == ["r.xml"]
    assert sent[0]["delivered_at"] and len(sent[0]["sha256"]) == 64
    assert "<ceb:buyerIdNumber>330106********8190</ceb:buyerIdNumber>" in text
    assert "158****5483" in text and "15821605483" not in text


def test_revalidate_accepts_what_waited_for_bonded_stock(bare_warehouse, tmp_path):
    from app.orders.workbench import revalidate
    from tests.orders.conftest import seed_bonded_stock

    report = import_samples(bare_warehouse)
    assert report.accepted == 0 and {r["code"] for r in report.rejected} == {"bonded_balance_short"}
    with UnitOfWork(bare_warehouse, actor("admin")) as uow:  # the container is received and released
        seed_bonded_stock(uow)
        uow.commit()
    again = run(bare_warehouse, "supervisor", revalidate, "bonded_balance_short")
    assert again.to_json() == {"accepted": 63, "rejected": []}
    with UnitOfWork(bare_warehouse, actor("clerk"), write=False) as uow:
        assert workbench(uow) == []
        assert len(list_orders(uow, status="accepted", limit=100)) == 63


def test_the_demo_receives_the_container_before_its_orders_so_all_are_accepted(db, home):
    from app.demo import warehouse as demo
    result = demo.load_demo(db)
    assert result["orders"] == "63 accepted, 0 on the rejection workbench"
    assert "orders: 63 accepted" in demo.describe(result)
