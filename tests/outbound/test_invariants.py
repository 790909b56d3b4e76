"""`bwms check` notices when invariants 4 and 5 are broken (the data is corrupted on purpose here)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.admin import checks
from app.outbound.allocation import allocate
from app.outbound.shipping import create_manifest, gate_out
from app.persistence.models import ConsumerOrder, InventoryList, Parcel, Stock
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.outbound.conftest import TODAY, run
from tests.outbound.helpers import pack_order, pick_everything


def _results(db) -> dict[str, checks.CheckResult]:
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        return {r.name[0]: r for r in checks.check_all(uow)}


@pytest.mark.breaks_invariants
def test_a_reservation_without_its_allocation_is_reported(released):
    run(released, "supervisor", allocate, today=TODAY)
    assert _results(released)["5"].ok
    with UnitOfWork(released, actor("admin")) as uow:
        row = uow.session.execute(select(Stock).where(Stock.reserved < Stock.quantity).limit(1)).scalar_one()
        uow.session.execute(update(Stock).where(Stock.id == row.id).values(reserved=Stock.reserved + 1))
        uow.commit()
    problem = _results(released)["5"]
    assert not problem.ok and "open allocations − reserved = -1" in problem.problems[0]


@pytest.mark.breaks_invariants
def test_a_parcel_that_left_before_its_release_is_reported(released):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    with released.sessions() as s:
        order_no, waybill = s.execute(select(ConsumerOrder.order_no, ConsumerOrder.waybill_no)
                                      .order_by(ConsumerOrder.id).limit(1)).one()
    assert pack_order(released, order_no).code == "packed"
    with released.sessions() as s:
        carrier = s.scalar(select(Parcel.carrier_code))
    report = run(released, "supervisor", create_manifest, carrier, "浙A1", [waybill])
    run(released, "supervisor", gate_out, report.manifest)
    assert _results(released)["4"].ok
    with UnitOfWork(released, actor("admin")) as uow:
        uow.session.execute(update(InventoryList).values(released_at=datetime(2099, 1, 1, tzinfo=UTC)))
        uow.commit()
    problem = _results(released)["4"]
    assert not problem.ok and waybill in problem.problems[0]
