"""Allocation (the batch split): FEFO over sellable lots in storage, reserved on the stock rows, waves."""

from __future__ import annotations

from sqlalchemy import func, select

from app.outbound.allocation import allocate
from app.persistence.models import Allocation, ConsumerOrder, Stock
from app.persistence.uow import UnitsOfWork
from tests.outbound.conftest import TODAY, run


def test_released_sample_orders_are_allocated_and_reserved(released):
    report = run(released, "supervisor", allocate, today=TODAY)
    assert report.allocated == 63
    assert report.waiting == []
    with released.sessions() as s:
        assert s.scalar(select(func.sum(Allocation.quantity))) == s.scalar(select(func.sum(Stock.reserved)))
        assert set(s.scalars(select(ConsumerOrder.status))) == {"allocated"}


def test_pick_station_moves_units_to_packing(released):
    from app.outbound.pick_station import PickStation
    from tests.conftest import actor
    from tests.outbound.helpers import all_waves, pick_scans

    run(released, "supervisor", allocate, today=TODAY)
    for wave in all_waves(released):
        station = PickStation(UnitsOfWork(released, actor("clerk")), wave["wave"])
        for n, raw in enumerate(pick_scans(wave)):
            fb = station.scan(raw, f"{wave['wave']}-{n}")
            assert fb.tone != "error", fb.text
    assert {w["status"] for w in all_waves(released)} == {"picked"}
    with released.sessions() as s:
        assert set(s.scalars(select(ConsumerOrder.status))) == {"picked"}
