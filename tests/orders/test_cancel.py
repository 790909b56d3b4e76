"""Cancelling before the parcel leaves: the claim goes at once; a declared list waits for customs (CEB623/624)."""

from __future__ import annotations

import defusedxml.ElementTree as SafeET
import pytest
from sqlalchemy import func, select

from app.admin import pii
from app.customs import archive as customs_archive
from app.errors import PermissionDenied, Rejected
from app.orders.cancel import cancel_order
from app.orders.checks import available_by_item
from app.persistence.models import CustomsLedgerEntry, CustomsMessage
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.customs.test_receipts import declared, pre_total, state
from tests.orders.helpers import NS, ceb622, ceb624, import_samples, receipts, run


def available(db) -> dict[str, int]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        per_owner = available_by_item(uow.session)
    total: dict[str, int] = {}
    for items in per_owner.values():  # the sample orders all belong to one owner; sum in case of more
        for item, qty in items.items():
            total[item] = total.get(item, 0) + qty
    return total


def test_cancelling_an_undeclared_order_frees_its_claim(warehouse):
    import_samples(warehouse)
    before = available(warehouse)
    result = run(warehouse, "supervisor", cancel_order, "TG20261121000001")  # 2 A2P, 2 MER, 2 MGO
    assert result.to_json() == {"order_no": "TG20261121000001", "previous_status": "accepted",
                                "status": "cancelled", "cancellation_request": None, "cancellation_waiting": False,
                                "released": {"unreserved": 0, "put_back": [], "pick_tasks_cancelled": 0, "waves": [],
                                             "parcel_opened": None, "manifest": None,
                                             "manifest_withdrawn": False}}
    after = available(warehouse)
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {"GDS0001": 2, "GDS0004": 2,
                                                                                 "GDS0005": 2}
    with pytest.raises(Rejected) as again:
        run(warehouse, "supervisor", cancel_order, "TG20261121000001")
    assert again.value.code == "already_cancelled"


def test_cancelling_a_declared_list_sends_ceb623_and_keeps_the_pre_decrease_until_customs_agrees(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order, cop = "TG20261121000002", cops["TG20261121000002"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "800.xml").write_bytes(ceb622(cop, "800", "20261126100000000", invt_no="29212026I000000009"))
    receipts(warehouse, folder)
    with UnitOfWork(warehouse, actor("supervisor")) as uow:
        result = cancel_order(uow, order, reason="1")
        uow.commit()
    assert result.previous_status == "released" and result.request_file.startswith(f"CEB623_{cop}_")
    with UnitOfWork(warehouse, actor("supervisor")) as uow:  # what the CLI does after the commit
        delivered = customs_archive.deliver_pending(uow, pii.key_for(uow), tmp_path / "outbox")
        uow.commit()
    assert delivered == [result.request_file]
    cancel = SafeET.parse(tmp_path / "outbox" / result.request_file).getroot().find(f"{{{NS}}}InvtCancel")
    fields = {child.tag.split("}")[1]: child.text for child in cancel}
    assert (fields["copNo"], fields["orderNo"], fields["invtNo"], fields["reason"]) == (
        cop, order, "29212026I000000009", "消费者取消订单")
    assert state(warehouse, order)[0] == "cancelled" and pre_total(warehouse, cop) == -2  # held until CEB624
    (folder / "624.xml").write_bytes(ceb624(cop, "800", "20261126110000000", "撤销成功"))
    receipts(warehouse, folder)
    assert pre_total(warehouse, cop) == 0
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(CustomsMessage)
                                  .where(CustomsMessage.msg_type == "CEB623")) == 1
        kinds = uow.session.execute(select(CustomsLedgerEntry.biz_type, CustomsLedgerEntry.doc_type)
                                    .where(CustomsLedgerEntry.doc_no == cop).order_by(CustomsLedgerEntry.id)).all()
    assert [tuple(k) for k in kinds] == [("PRE_DECREASE", "CEB621"), ("PRE_RELEASE", "CEB624")]


def test_a_refused_cancellation_puts_the_order_back_and_on_the_workbench(warehouse, tmp_path):
    from app.orders.workbench import workbench

    cops = declared(warehouse, tmp_path)
    order, cop = "TG20261121000003", cops["TG20261121000003"]
    run(warehouse, "supervisor", cancel_order, order)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "624.xml").write_bytes(ceb624(cop, "100", "20261126110000000", "已放行出区，不能撤销"))
    receipts(warehouse, folder)
    assert state(warehouse, order)[0] == "declared" and pre_total(warehouse, cop) == -6
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        rows = [r for r in workbench(uow) if r["order_no"] == order]
    assert [(r["kind"], r["code"]) for r in rows] == [("cancel_refused", "cancel_refused")]


def test_a_customs_rejected_order_cancels_without_a_request(warehouse, tmp_path):
    cops = declared(warehouse, tmp_path)
    order, cop = "TG20261121000004", cops["TG20261121000004"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "100.xml").write_bytes(ceb622(cop, "100", "20261126100000000"))
    receipts(warehouse, folder)
    result = run(warehouse, "supervisor", cancel_order, order)
    assert result.request_file is None and result.previous_status == "customs_rejected"
    assert pre_total(warehouse, cop) == 0


def test_cancel_needs_the_customs_exchange_right_and_a_known_order(warehouse):
    import_samples(warehouse)
    with pytest.raises(PermissionDenied):
        run(warehouse, "clerk", cancel_order, "TG20261121000000")
    with pytest.raises(Rejected) as info:
        run(warehouse, "supervisor", cancel_order, "NO-SUCH")
    assert info.value.code == "not_found"
