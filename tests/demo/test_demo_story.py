"""The demo warehouse's day: every stage has something to show, and the invariants hold afterwards."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.admin import checks
from app.demo import warehouse as demo
from app.persistence.models import ConsumerOrder, InboundDeclaration, InventoryList, Manifest, Parcel
from app.persistence.uow import UnitOfWork
from tests.conftest import actor


def test_the_demo_takes_the_sample_container_through_every_stage(db):
    result = demo.load_demo(db)
    assert "230 of 230 carton scans accepted" in result["inbound"]
    assert "63 inventory lists declared" in result["customs"]
    assert "59 released, 1 inspection, 1 rejected, 2 awaiting an answer" in result["customs"]
    assert "59 orders allocated" in result["outbound"] and "shipped on manifest" in result["outbound"]
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        s = uow.session
        assert s.execute(select(InboundDeclaration.status)).scalar_one() == "put_away"
        statuses = Counter(s.execute(select(ConsumerOrder.status)).scalars())
        assert statuses["shipped"] > 0 and statuses["picked"] + statuses["allocated"] > 0
        assert set(s.execute(select(InventoryList.return_status)).scalars()) == {"800", "500", "100", ""}
        assert s.execute(select(Manifest.status)).scalar_one() in ("exited", "closed", "shipped")
        assert s.execute(select(Parcel.id).where(Parcel.status == "shipped")).first()
        assert all(r.ok for r in checks.check_all(uow)), [r.problems for r in checks.check_all(uow)]
    # the seeded test users already exist, so the demo keeps them (a new database gets passwords printed)
    assert {u["username"] for u in result["users"]} == {"clerk", "supervisor", "customs"}
