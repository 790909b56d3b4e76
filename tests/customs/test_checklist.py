"""The exit checklist: it covers exactly the lists that left the zone, a list is never on two checklists, the
INV101 file meets its schema, a posting receipt marks it posted and the period books show the posted decreases."""

from __future__ import annotations

import json
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import clock
from app.customs.books import period_ledger
from app.customs.checklist import checklists, deliver, gather
from app.customs.receipts import apply_receipts
from app.documents.registry import produce
from app.errors import Rejected
from app.formats.customs.schemas import validate
from app.outbound.allocation import allocate
from app.outbound.shipping import create_manifest, gate_out
from app.persistence.models import ConsumerOrder, ExitChecklistList, InventoryList, Manifest, Parcel
from app.persistence.uow import UnitOfWork
from tests.conftest import actor, built_once
from tests.outbound.conftest import TODAY, fixed_today, released, run, stocked, today_source
from tests.outbound.gui.helpers import pdf_text
from tests.outbound.helpers import pack_order, pick_everything

__all__ = ["fixed_today", "released", "stocked"]  # the outbound fixtures: the sample orders declared and released


# the movements and "today" of a test are one moment: never both sides of Shanghai's midnight
pytestmark = pytest.mark.usefixtures("one_moment")


def today() -> date:
    return clock.warehouse_today(ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def packed(request, released, home, tmp_path):
    """The sample orders allocated, picked and packed; one manifest per carrier (SF, YTO, ZTO)."""
    def build() -> None:
        run(released, "supervisor", allocate, today=TODAY)
        pick_everything(released)
        with released.sessions() as s:
            order_nos = list(s.scalars(select(ConsumerOrder.order_no).order_by(ConsumerOrder.id)))
        for no in order_nos:
            assert pack_order(released, no, label_out=tmp_path / "labels").tone == "ok"
        for n, carrier in enumerate(["SF", "YTO", "ZTO"]):
            run(released, "supervisor", create_manifest, carrier, f"浙A{n}2345")

    built_once(request, released, home, ("packed", today_source()), build)
    with released.sessions() as s:
        manifests = list(s.scalars(select(Manifest.manifest_no).order_by(Manifest.id)))
    return released, manifests


def lists_of(db, manifest: str) -> set[str]:
    with db.sessions() as s:
        rows = s.execute(select(InventoryList.invt_no, InventoryList.cop_no)
                         .join(Parcel, Parcel.order_id == InventoryList.order_id)
                         .join(Manifest, Manifest.id == Parcel.manifest_id).where(Manifest.manifest_no == manifest))
        return {invt_no or cop_no for invt_no, cop_no in rows}


def test_a_checklist_covers_exactly_the_lists_that_left(packed, tmp_path):
    db, (sf, yto, zto) = packed
    run(db, "supervisor", gate_out, sf)
    first = run(db, "supervisor", gather, today() - timedelta(days=1), today())
    covered = {no for line in first.lines for no in line["lists"]}
    assert covered == lists_of(db, sf) and first.lists == len(covered)
    with pytest.raises(Rejected, match="nothing to gather"):  # the same period again: every list is on one
        run(db, "supervisor", gather, today() - timedelta(days=1), today())
    run(db, "supervisor", gate_out, yto)
    run(db, "supervisor", gate_out, zto)
    second = run(db, "supervisor", gather, today(), today())
    assert {no for line in second.lines for no in line["lists"]} == lists_of(db, yto) | lists_of(db, zto)
    with db.sessions() as s:  # every list that left is on exactly one checklist
        on = list(s.scalars(select(ExitChecklistList.list_id)))
        left = set(s.scalars(select(InventoryList.id).where(InventoryList.written_off_at.is_not(None))))
    assert len(on) == len(set(on)) and set(on) == left
    books = {line.item_no: line for line in _books(db)}
    assert sum(line["quantity"] for line in first.lines + second.lines) == sum(b.decreased for b in books.values())


def _books(db):
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return period_ledger(uow, today(), today()).lines


def test_the_file_meets_its_schema_and_a_posting_receipt_marks_it_posted(packed, tmp_path):
    db, (sf, _, _) = packed
    run(db, "supervisor", gate_out, sf)
    report = run(db, "supervisor", gather, today(), today())
    files = run(db, "supervisor", deliver, report.checklist, tmp_path / "outbox")
    xml = (tmp_path / "outbox" / f"INV101_{report.checklist}.xml").read_bytes()
    validate("INV101", xml)
    assert b"<sas:InvtType>8</sas:InvtType>" in xml and len(report.checklist) == 18
    assert sorted(p.rsplit(".", 1)[1] for p in files) == ["pdf", "xml"]
    assert (tmp_path / "outbox" / f"INV101_{report.checklist}.pdf").read_bytes().startswith(b"%PDF")
    assert all(b.decreased_posted == 0 for b in _books(db))

    receipt = tmp_path / "posting.csv"
    receipt.write_text(f"checklist_no,status,time,info\n{report.checklist},2,20261203100000000,已核扣\n"
                       "QD292126E999999999,2,20261203100000000,not ours\n", encoding="utf-8")
    applied = run(db, "supervisor", apply_receipts, receipt)
    assert applied.applied == 1 and [u["key"] for u in applied.unmatched] == ["QD292126E999999999"]
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        [row] = checklists(uow)
    assert (row["checklist"], row["status"], row["receipt_status"]) == (report.checklist, "posted", "2")
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        printed = pdf_text(produce(uow, "exit-checklist", report.checklist).payload)
    assert "海关回执 Customs receipt 已核扣 (2) posted (2): 已核扣" in printed.replace("\n", " ")  # was a bare 2
    posted = {line["item_no"]: line["quantity"] for line in report.lines}
    for b in _books(db):
        assert b.decreased_posted == posted.get(b.item_no, 0) <= b.decreased


def test_a_rejected_checklist_frees_its_lists(packed, tmp_path):
    db, (sf, _, _) = packed
    run(db, "supervisor", gate_out, sf)
    report = run(db, "supervisor", gather, today(), today())
    receipt = tmp_path / "rejected.csv"
    receipt.write_text(f"checklist_no,status,time,info\n{report.checklist},100,20261203100000000,退单\n",
                       encoding="utf-8")
    run(db, "supervisor", apply_receipts, receipt)
    again = run(db, "supervisor", gather, today(), today())
    assert again.checklist != report.checklist and again.lists == report.lists


def test_a_period_with_nothing_that_left_is_refused_and_nothing_is_written(released, cli, tmp_path):
    code, out, err = cli("customs", "checklist", "--from", "2026-01-01", "--to", "2026-01-31", "--outbox",
                         str(tmp_path / "outbox"), "--json")
    assert code == 1 and "nothing to gather" in err and json.loads(out)["error"]["code"] == "empty_checklist"
    assert not (tmp_path / "outbox").exists() or not list((tmp_path / "outbox").glob("INV101_*"))
    with released.sessions() as s:
        assert s.scalar(select(ExitChecklistList.list_id).limit(1)) is None
    code, _, err = cli("customs", "checklist", "--from", "2026-01-31", "--to", "2026-01-01", "--outbox",
                       str(tmp_path / "outbox"))
    assert code == 1 and "before it starts" in err
