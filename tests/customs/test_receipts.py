"""Customs receipts drive the statuses: 800/500/100, duplicates, out of order, unknown lists, hostile XML."""

from __future__ import annotations

from sqlalchemy import func, select

from app.orders.queries import order_history
from app.persistence.models import ConsumerOrder, CustomsLedgerEntry, CustomsMessage, CustomsReceipt, InventoryList
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.orders.helpers import ceb622, export, import_samples, receipts

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<ceb:CEB622Message xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:InventoryReturn><ceb:copNo>&lol3;</ceb:copNo>
</ceb:InventoryReturn></ceb:CEB622Message>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ceb:CEB622Message xmlns:ceb="http://www.chinaport.gov.cn/ceb"><ceb:InventoryReturn><ceb:copNo>&xxe;</ceb:copNo>
</ceb:InventoryReturn></ceb:CEB622Message>"""


def declared(db, tmp_path) -> dict[str, str]:
    """Import and declare the samples; order number → copNo."""
    import_samples(db)
    export(db, tmp_path / "outbox")
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return dict(uow.session.execute(select(ConsumerOrder.order_no, InventoryList.cop_no).join(InventoryList)).all())


def state(db, order_no: str) -> tuple[str, str, bool, bool]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        o, lst = uow.session.execute(select(ConsumerOrder, InventoryList).join(InventoryList)
                                     .where(ConsumerOrder.order_no == order_no)).one()
        return o.status, lst.status, o.inspection, lst.pre_held


def pre_total(db, cop_no: str) -> int:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.scalar(select(func.coalesce(func.sum(CustomsLedgerEntry.quantity), 0))
                                  .where(CustomsLedgerEntry.doc_no == cop_no))


def test_receipts_release_inspect_and_reject(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    a, b, c = "TG20261121000000", "TG20261121000001", "TG20261121000002"
    (inbox / "r1.xml").write_bytes(ceb622(cops[a], "120", "20261126090000000"))
    (inbox / "r2.xml").write_bytes(ceb622(cops[a], "800", "20261126103015123", pre_no="B20261121000001",
                                          invt_no="29212026I000000001", info="[Code:2600;Desc:放行]"))
    (inbox / "r3.xml").write_bytes(ceb622(cops[b], "500", "20261126100000000"))
    (inbox / "r4.xml").write_bytes(ceb622(cops[c], "100", "20261126100000000", info="[Code:1300;Desc:订购人超额]"))
    report = receipts(warehouse, inbox)
    assert report.to_json()["applied"] == 4 and report.duplicates == 0 and report.unmatched == []
    assert state(warehouse, a) == ("released", "released", False, True)
    assert state(warehouse, b) == ("inspection", "inspection", True, True)
    assert state(warehouse, c) == ("customs_rejected", "rejected", False, False)
    assert pre_total(warehouse, cops[a]) == -1          # still held until gate-out
    assert pre_total(warehouse, cops[c]) == 0           # PRE_DECREASE −2, PRE_RELEASE +2
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        lst = uow.session.execute(select(InventoryList).where(InventoryList.cop_no == cops[a])).scalar_one()
        assert (lst.pre_no, lst.invt_no, lst.return_status) == ("B20261121000001", "29212026I000000001", "800")
        assert lst.released_at.isoformat() == "2026-11-26T02:30:15.123000+00:00"  # Beijing time → UTC
        history = order_history(uow, c)
    assert history["order"]["rejection_code"] == "customs_rejected"
    assert "订购人超额" in history["order"]["rejection_reason"]
    assert [r["status"] for r in history["receipts"]] == ["100"]
    assert [e["biz_type"] for e in history["ledger"]] == ["PRE_DECREASE", "PRE_RELEASE"]


def test_the_same_receipt_twice_changes_nothing_and_old_ones_do_not_win(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order = "TG20261121000003"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "late.xml").write_bytes(ceb622(cops[order], "800", "20261126120000000"))
    assert receipts(warehouse, first).applied == 1
    again = receipts(warehouse, first)  # the very same file
    assert (again.applied, again.duplicates) == (0, 1)
    (second / "copy.xml").write_bytes(ceb622(cops[order], "800", "20261126120000000") + b"\n")  # other bytes
    (second / "early.xml").write_bytes(ceb622(cops[order], "100", "20261126080000000"))  # older, arrives later
    report = receipts(warehouse, second)
    assert (report.applied, report.duplicates, report.superseded) == (1, 1, 1)
    assert state(warehouse, order) == ("released", "released", False, True)
    assert pre_total(warehouse, cops[order]) == -6
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        outcomes = uow.session.execute(select(CustomsReceipt.return_status, CustomsReceipt.outcome)
                                       .where(CustomsReceipt.cop_no == cops[order]).order_by(CustomsReceipt.id)).all()
        assert [tuple(r) for r in outcomes] == [("800", "applied"), ("100", "superseded")]
        assert uow.session.scalar(select(func.count()).select_from(CustomsMessage)
                                  .where(CustomsMessage.direction == "in")) == 3


def test_rejection_then_later_release_holds_the_balance_again(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order = "TG20261121000004"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1.xml").write_bytes(ceb622(cops[order], "100", "20261126080000000"))
    receipts(warehouse, folder)
    assert pre_total(warehouse, cops[order]) == 0
    (folder / "2.xml").write_bytes(ceb622(cops[order], "800", "20261126090000000"))
    receipts(warehouse, folder)
    assert state(warehouse, order) == ("released", "released", False, True)
    assert pre_total(warehouse, cops[order]) == -1


def test_unknown_list_is_reported_and_archived(warehouse, tmp_path):
    declared(warehouse, tmp_path)
    sample = (DEMO / "receipt_example.xml").read_bytes().replace(b"(the copNo your CEB621 file carried)",
                                                                 b"BWI000000099999")
    path = tmp_path / "receipt_example.xml"
    path.write_bytes(sample)
    report = receipts(warehouse, path)
    assert report.applied == 0
    assert report.unmatched == [{"file": "receipt_example.xml", "key": "BWI000000099999",
                                 "status": "800", "reason": "no inventory list with this copNo"}]
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        receipt = uow.session.execute(select(CustomsReceipt)).scalar_one()
        assert receipt.outcome == "unmatched" and receipt.list_id is None and receipt.message.msg_type == "CEB622"


def test_hostile_and_broken_xml_is_refused_with_a_reason(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "laughs.xml").write_bytes(BILLION_LAUGHS)
    (inbox / "xxe.xml").write_bytes(EXTERNAL_ENTITY)
    (inbox / "broken.xml").write_bytes(b"<ceb:CEB622Message><unclosed>")
    (inbox / "other.xml").write_bytes(b"<html><body>hello</body></html>")
    (inbox / "good.xml").write_bytes(ceb622(cops["TG20261121000005"], "800", "20261126100000000"))
    report = receipts(warehouse, inbox)
    reasons = {r["file"]: r["reason"] for r in report.refused}
    assert "entity expansion is not allowed" in reasons["laughs.xml"]
    assert "external entity" in reasons["xxe.xml"] and "passwd" not in str(report.to_json())
    assert reasons["broken.xml"].startswith("not well-formed XML")
    assert "not a customs receipt" in reasons["other.xml"]
    assert report.applied == 1 and state(warehouse, "TG20261121000005")[0] == "released"
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        kept = uow.session.execute(select(CustomsMessage.file_name, CustomsMessage.msg_type)
                                   .where(CustomsMessage.direction == "in")).all()
    assert sorted(kept) == [("broken.xml", "INVALID"), ("good.xml", "CEB622"), ("laughs.xml", "INVALID"),
                            ("other.xml", "INVALID"), ("xxe.xml", "INVALID")]


def test_csv_receipts_by_order_number(warehouse, tmp_path):
    declared(warehouse, tmp_path)
    path = tmp_path / "receipts.csv"
    path.write_text("order_no,status,time,info\nTG20261121000006,800,2026-11-26T10:00:00+08:00,放行\n"
                    "TG20261121000007,500,20261126100000000,查验\nNO-SUCH-ORDER,800,20261126100000000,\n",
                    encoding="gb18030")
    report = receipts(warehouse, path)
    assert report.applied == 2 and [u["key"] for u in report.unmatched] == ["NO-SUCH-ORDER"]
    assert state(warehouse, "TG20261121000006")[:2] == ("released", "released")
    assert state(warehouse, "TG20261121000007")[:3] == ("inspection", "inspection", True)
    bad = tmp_path / "bad.csv"
    bad.write_text("order,state\nX,1\n", encoding="utf-8")
    refused = receipts(warehouse, bad)
    assert refused.refused[0]["problem"]["form"] == "bad_csv.header"
    assert refused.to_json()["refused"] == [{"file": "bad.csv", "reason": "the header must be exactly: "
                                             "order_no,status,time,info (lists; optionally a fifth column invt_no), "
                                             "return_no,status,time,info (returns) or "
                                             "checklist_no,status,time,info (exit checklists)"}]


def test_a_csv_receipt_may_number_the_list_and_a_bad_number_refuses_the_file(warehouse, tmp_path):
    declared(warehouse, tmp_path)
    bad = tmp_path / "bad-number.csv"
    bad.write_text("order_no,status,time,info,invt_no\nTG20261121000006,800,20261126100000000,,29182026I000000001\n"
                   "TG20261121000007,800,20261126100000000,,2918-2026;DROP\n", encoding="utf-8")
    refused = receipts(warehouse, bad)
    assert refused.applied == 0 and "line 3, invt_no: '2918-2026;DROP' is not a customs list number" in \
        refused.refused[0]["reason"]
    path = tmp_path / "numbered.csv"
    path.write_text("order_no,status,time,info,invt_no\nTG20261121000006,800,20261126100000000,放行,"
                    "29182026I000000001\nTG20261121000007,120,20261126100000000,,\n", encoding="utf-8")
    assert receipts(warehouse, path).applied == 2
    with UnitOfWork(warehouse, actor("customs"), write=False) as uow:
        numbers = dict(uow.session.execute(select(ConsumerOrder.order_no, InventoryList.invt_no)
                                           .join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
                                           .where(ConsumerOrder.order_no.in_(["TG20261121000006",
                                                                              "TG20261121000007"]))).all())
    assert numbers == {"TG20261121000006": "29182026I000000001", "TG20261121000007": ""}
