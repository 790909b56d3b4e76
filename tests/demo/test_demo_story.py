"""The demo warehouse's day: every stage has something to show, and the invariants hold afterwards."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
from sqlalchemy import select

from app.admin import checks, pii
from app.customs import raw_bytes
from app.demo import warehouse as demo
from app.formats.customs.schemas import validate
from app.persistence.models import (
    ConsumerOrder,
    CustomsMessage,
    InboundDeclaration,
    InventoryList,
    Manifest,
    Parcel,
)
from app.persistence.uow import UnitOfWork
from app.returns import request_return
from tests.conftest import actor
from tests.orders.helpers import NS
from tests.owners.conftest import assert_statement_matches_movements


def test_the_demo_takes_the_sample_container_through_every_stage(db):
    result = demo.load_demo(db)
    assert "230 of 230 carton scans accepted" in result["inbound"]
    assert "63 inventory lists declared" in result["customs"]
    assert "59 released, 1 inspection, 1 rejected, 2 awaiting an answer" in result["customs"]
    assert "59 orders allocated" in result["outbound"] and "shipped on manifest" in result["outbound"]
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        s = uow.session
        assert set(s.execute(select(InboundDeclaration.status)).scalars()) == {"put_away"}
        statuses = Counter(s.execute(select(ConsumerOrder.status)).scalars())
        assert statuses["shipped"] > 0 and statuses["picked"] + statuses["allocated"] > 0
        assert set(s.execute(select(InventoryList.return_status)).scalars()) == {"800", "500", "100", ""}
        # customs' words in Chinese, as customs writes them (the Chinese workbench said 'demo receipt 100')
        assert set(s.execute(select(InventoryList.return_info)).scalars()) == {"放行", "查验", "订购人身份信息校验未通过",
                                                                               ""}
        assert s.execute(select(Manifest.status)).scalar_one() in ("exited", "closed", "shipped")
        assert s.execute(select(Parcel.id).where(Parcel.status == "shipped")).first()
        assert all(r.ok for r in checks.check_all(uow)), [r.problems for r in checks.check_all(uow)]
        key = pii.key_for(uow)
        sent = s.execute(select(CustomsMessage).where(CustomsMessage.direction == "out")).scalars().all()
        carriers = {"3122480063", "4403180018", "3101980038"}  # the demo carriers' customs codes
        for message in sent:  # every message the demo sent passes its schema and names the carrier as customs does
            data = raw_bytes(key, message)
            validate(message.msg_type, data)
            if not message.msg_type.startswith("CEB"):  # the vehicle's gate pass (SAS121) has no BaseTransfer
                continue
            root = SafeET.fromstring(data)
            assert root.find(f"{{{NS}}}BaseTransfer/{{{NS}}}dxpId").text == "DXPENT0000458763"
            assert {e.text for e in root.iter(f"{{{NS}}}logisticsCode")} <= carriers
            assert all(e.text.startswith("4|3|") for e in root.iter(f"{{{NS}}}gmodel"))
        assert len(sent) >= 63
    # two owners of one product (A2P-900), each allocated from its own lots; each month's statement is its movements
    assert "3 KIWI orders declared, released and 3 allocated from KIWI's own lots" in result["second_owner"]
    month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    sample = assert_statement_matches_movements(db, "SAMPLE", month)
    kiwi = assert_statement_matches_movements(db, "KIWI", month)
    assert sample["received"]["units"] == 2580 and sample["shipped"]["orders"] > 0
    assert kiwi["received"]["units"] == 48 and kiwi["shipped"]["units"] == 0 and kiwi["total"] != "0.00"
    # customs numbered every list it accepted, so a shipped demo parcel can come back (the return names the list)
    with UnitOfWork(db, actor("supervisor")) as uow:
        shipped = uow.session.execute(select(ConsumerOrder.order_no).where(ConsumerOrder.status == "shipped")
                                      .order_by(ConsumerOrder.order_no)).scalars().first()
        assert request_return(uow, shipped, "no_reason").to_json()["status"] == "requested"
        uow.commit()
    # the seeded test users already exist, so the demo keeps them (a new database gets passwords printed)
    assert {u["username"] for u in result["users"]} == {"clerk", "supervisor", "customs"}
