"""The queries the order screens add: counts, an order's timeline, the watcher's inbox pass, re-importing."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.customs.exchange import apply_new_receipts
from app.customs.queries import exchange_folders
from app.orders.queries import count_orders, order_timeline, status_counts
from app.orders.workbench import reimport_corrected
from app.persistence.models import AuditEntry, ConsumerOrder, CustomsMessage, OrderRejection
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.orders.gui.helpers import BUYER_ID, BUYER_PHONE, MASKED_ID, cop_nos, order_state
from tests.orders.helpers import ceb622, export, import_samples, run, write_jsonl


def test_counts_follow_the_filter_and_the_statuses(warehouse, exchange):
    import_samples(warehouse)
    import_samples(warehouse, "orders_invalid.jsonl")
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert status_counts(uow) == {"accepted": 63, "rejected": 10}
        assert count_orders(uow) == 63
        assert count_orders(uow, "accepted", "SF395965144161") == 1
        assert count_orders(uow, "declared") == 0
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:  # a role that may reveal personal data
        assert count_orders(uow, None, BUYER_ID) == 2  # a full ID number is found by its keyed hash


def test_the_timeline_tells_the_orders_customs_story_in_order_and_masked(warehouse, exchange):
    outbox, inbox = exchange
    import_samples(warehouse)
    export(warehouse, outbox)
    cop = cop_nos(warehouse)["TG20261121000000"]
    (inbox / "r120.xml").write_bytes(ceb622(cop, "120", "20261126100000000"))
    (inbox / "r800.xml").write_bytes(ceb622(cop, "800", "20261126110000000", invt_no="29212026I000000001"))
    pass_ = run(warehouse, "supervisor", apply_new_receipts, {})
    assert pass_.files == ["r120.xml", "r800.xml"] and pass_.report.applied == 2
    assert [(e["file"], e["status"], e["order_status"]) for e in pass_.effects] == [
        ("r120.xml", "120", "released"), ("r800.xml", "800", "released")]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        history = order_timeline(uow, "TG20261121000000")
    kinds = [(e["kind"], e["code"]) for e in history["events"]]
    assert kinds[0] == ("imported", "")
    assert ("sent", "CEB621") in kinds and ("ledger", "PRE_DECREASE") in kinds
    assert kinds.index(("receipt", "120")) < kinds.index(("receipt", "800"))
    assert [e["at"] for e in history["events"]] == sorted(e["at"] for e in history["events"])
    text = json.dumps(history, ensure_ascii=False, default=str)
    assert BUYER_ID not in text and BUYER_PHONE not in text and MASKED_ID in text


def test_the_inbox_pass_skips_files_seen_or_archived_and_picks_up_changed_ones(warehouse, exchange):
    outbox, inbox = exchange
    import_samples(warehouse)
    export(warehouse, outbox)
    cop = cop_nos(warehouse)["TG20261121000001"]
    (inbox / "a.xml").write_bytes(ceb622(cop, "120", "20261126100000000"))
    first = run(warehouse, "supervisor", apply_new_receipts, {})
    assert first.files == ["a.xml"] and set(first.known) == {"a.xml"}
    again = run(warehouse, "supervisor", apply_new_receipts, first.known)
    assert again.files == [] and again.report.applied == 0
    fresh = run(warehouse, "supervisor", apply_new_receipts, {})  # another workstation: archived by content
    assert fresh.files == []
    (inbox / "a.xml").write_bytes(ceb622(cop, "800", "20261126120000000"))  # rewritten in place
    (inbox / ".b.xml.part").write_bytes(b"<half")                          # a file still being written
    changed = run(warehouse, "supervisor", apply_new_receipts, first.known)
    assert changed.files == ["a.xml"] and changed.report.applied == 1
    assert order_state(warehouse, "TG20261121000001") == ("released", "released")
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.query(CustomsMessage).filter_by(direction="in").count() == 2


def test_the_exchange_folders_come_from_the_settings(warehouse, exchange):
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        assert exchange_folders(uow) == exchange


def test_reimporting_a_corrected_file_closes_the_earlier_rejections(warehouse, tmp_path):
    from tests.orders.helpers import order_record

    import_samples(warehouse, "orders_invalid.jsonl")
    records = [json.loads(line) for line in (DEMO / "orders_invalid.jsonl").read_text(encoding="utf-8").splitlines()
               if line.startswith("{") and line.rstrip().endswith("}")]
    tax = next(r for r in records if r["order_no"] == "TG20261121800005")
    tax["tax"], tax["payment"]["amount"] = "27.69", "414.69"
    still_bad = next(r for r in records if r["order_no"] == "TG20261121800004")  # unknown SKU, again
    path = write_jsonl(tmp_path / "corrected.jsonl", [tax, still_bad, order_record("TG-NEW", "MGO-263", 1, "269.00")])
    report = run(warehouse, "supervisor", reimport_corrected, path)
    assert report.accepted == 2 and [r["order_no"] for r in report.rejected] == ["TG20261121800004"]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        rows = uow.session.execute(select(OrderRejection.order_no, OrderRejection.state, OrderRejection.source)
                                   .where(OrderRejection.order_no.in_(["TG20261121800004", "TG20261121800005"]))
                                   .order_by(OrderRejection.id)).all()
        order_id = uow.session.execute(select(ConsumerOrder.id).where(
            ConsumerOrder.order_no == "TG20261121800005")).scalar_one()
        resolved = uow.session.execute(select(OrderRejection.order_id).where(
            OrderRejection.order_no == "TG20261121800005")).scalar_one()
        actions = uow.session.execute(select(AuditEntry.action).where(
            AuditEntry.action == "rejection_reimport")).scalars().all()
    assert [tuple(r) for r in rows] == [("TG20261121800004", "dismissed", "orders_invalid.jsonl"),
                                        ("TG20261121800005", "resolved", "orders_invalid.jsonl"),
                                        ("TG20261121800004", "open", "corrected.jsonl")]
    assert resolved == order_id and len(actions) == 2
