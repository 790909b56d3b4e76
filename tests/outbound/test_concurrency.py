"""Invariant 5 under concurrency: two allocators in separate processes, started together, stock for one of them.

The database decides: the allocation run locks the stock rows it reads (FOR UPDATE on PostgreSQL, BEGIN
IMMEDIATE on SQLite) and the CHECK 0 ≤ reserved ≤ quantity would refuse an over-reservation anyway.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app.persistence.db import open_database
from app.persistence.models import Location, Lot, Stock
from app.persistence.uow import UnitOfWork
from app.stock import movements as stock
from tests.conftest import actor
from tests.orders.helpers import order_record, valid_id, write_jsonl
from tests.outbound.conftest import TODAY, declare_and_release

FREE = 10  # MGO-263 units left free for both orders together


def _allocate_in_process(url: str, order_no: str, barrier, results) -> None:
    """One workstation: wait for the other, then allocate one order (a separate process and connection)."""
    from app.outbound.allocation import allocate

    db = open_database(url)
    try:
        barrier.wait(timeout=60)
        with UnitOfWork(db, actor("supervisor")) as uow:
            report = allocate(uow, [order_no], today=TODAY)
            uow.commit()
        results.put((order_no, report.allocated, [w["reason"] for w in report.waiting]))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put((order_no, "error", repr(exc)))
    finally:
        db.dispose()


def _leave_free(db, sku_batch: str, free: int) -> None:
    """Freeze all but `free` units of the lot (a movement, as a count would), so both orders want the same units."""
    with UnitOfWork(db, actor("supervisor")) as uow:
        lot = uow.session.execute(select(Lot).where(Lot.batch_no == sku_batch)).scalar_one()
        rows = uow.session.execute(select(Stock).join(Location).where(
            Stock.lot_id == lot.id, Stock.status == "available", Location.kind == "storage")).scalars().all()
        keep = free
        for row in rows:
            take = row.quantity - min(keep, row.quantity)
            keep -= row.quantity - take
            if take:
                stock.move(uow, lot, take, stock.Place(row.location_id, "available", row.lpn),
                           stock.Place(row.location_id, "frozen", row.lpn), kind="adjust", note="test: frozen")
        uow.commit()


@pytest.mark.slow
def test_two_allocators_in_parallel_processes_never_over_allocate(stocked, db_url, tmp_path: Path):
    orders = [order_record(f"CC{n}", "MGO-263", qty=FREE, price="269.00", waybill=f"CCWB{n}",
                           buyer_id=valid_id(f"3301061990010100{n}")) for n in (1, 2)]
    declare_and_release(stocked, tmp_path, write_jsonl(tmp_path / "race.jsonl", orders))
    _leave_free(stocked, "MGO13806", FREE)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=_allocate_in_process, args=(db_url, o["order_no"], barrier, results)) for o in orders]
    for w in workers:
        w.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for w in workers:
        w.join(timeout=60)
    assert all(o[1] != "error" for o in outcomes), outcomes
    assert sorted(o[1] for o in outcomes) == [0, 1], outcomes
    loser = next(o for o in outcomes if o[1] == 0)
    assert loser[2] == ["no MGO-263 free in bonded storage (10 needed)"]
    with stocked.sessions() as s:
        row = s.execute(select(Stock.quantity, Stock.reserved).join(Lot).where(
            Lot.batch_no == "MGO13806", Stock.status == "available")).one()
        assert row.reserved == row.quantity == FREE


def test_the_database_refuses_a_reservation_beyond_the_quantity(stocked):
    with pytest.raises(IntegrityError):
        with UnitOfWork(stocked, actor("supervisor")) as uow:
            uow.session.execute(update(Stock).values(reserved=Stock.quantity + 1))
            uow.commit()
    with stocked.sessions() as s:
        assert s.scalar(select(func.sum(Stock.reserved))) == 0
