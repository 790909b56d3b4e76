"""Issue 16: a re-allocation after a short pick and `orders cancel` of the same orders, at once, many times; and a
new manifest while its parcels' orders are cancelled.

A short pick locks its wave, freezes the missing units and re-allocates the orders from other stock; a
cancellation releases what the order holds (allocations, reservations, pick tasks, the wave's status). Both
follow the lock order of app/outbound/__init__.py (wave, orders, allocations and tasks, stock rows), so on
PostgreSQL neither ever waits for what the other holds: no "deadlock detected", no cancellation lost (a
cancelled order holds nothing afterwards, even when the re-allocation ran first), and `bwms check` holds.
A new manifest locks its parcels' orders before the parcels, as a cancellation (which opens the parcel) does.
The threads start together on a barrier (an event, not a clock).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.admin import checks
from app.outbound.allocation import allocate
from app.outbound.picking import short_pick
from app.outbound.shipping import create_manifest
from app.persistence.models import Allocation, ConsumerOrder, Manifest, Parcel, PickTask, Stock
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.orders.helpers import canceller_threads, order_record, valid_id, write_jsonl
from tests.outbound.conftest import TODAY, declare_and_release, run
from tests.outbound.helpers import all_waves, pack_order, pick_everything

ROUNDS = 8
ORDERS = 6      # a round's orders of one SWS-VC60 each: one wave, their units at one place of the first lot (FEFO)
CANCELLERS = 2  # every other order of the round is cancelled while the short pick re-allocates them all


def _orders(round_no: int) -> list[dict]:
    born = date(1970, 1, 1) + timedelta(days=round_no * ORDERS)
    return [order_record(f"RAC{round_no}{n:03d}", "SWS-VC60", qty=1, price="100.00", waybill=f"RACWB{round_no}{n:03d}",
                         buyer_id=valid_id(f"330106{born + timedelta(days=n):%Y%m%d}002")) for n in range(ORDERS)]


def _round(db, tmp_path: Path, round_no: int) -> tuple[list[str], list]:
    folder = tmp_path / f"round{round_no}"
    folder.mkdir()
    records = _orders(round_no)
    mine = [r["order_no"] for r in records]
    declare_and_release(db, folder, write_jsonl(folder / "orders.jsonl", records))
    run(db, "supervisor", allocate, mine, today=TODAY)
    tasks = [(w["wave"], t) for w in all_waves(db, status="open") for t in w["tasks"]
             if t["order_no"] in mine and t["status"] == "open"]
    wave, first = tasks[0]
    shorted = [t["order_no"] for w, t in tasks if w == wave and t["location"] == first["location"]]
    assert len(shorted) >= 2, tasks
    errors: list = []
    start = threading.Barrier(1 + CANCELLERS)

    def short() -> None:
        start.wait()
        try:
            result = run(db, "clerk", short_pick, wave, first["location"], "CMD:SHORT", f"race-short-{round_no}")
            if result.code not in ("short_pick", "nothing_to_short"):
                errors.append(("short", result.code, result.text))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(("short", repr(exc)))

    threads = [threading.Thread(target=short), *canceller_threads(db, shorted[::2], CANCELLERS, start.wait, errors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return shorted[::2], errors


def packed_orders(db, folder: Path, records: list[dict]) -> list[str]:
    """`records` imported, declared and released, allocated, picked and packed: their order numbers."""
    mine = [r["order_no"] for r in records]
    declare_and_release(db, folder, write_jsonl(folder / "orders.jsonl", records))
    run(db, "supervisor", allocate, mine, today=TODAY)
    pick_everything(db)
    for no in mine:
        assert pack_order(db, no, label_out=folder / "labels").tone == "ok"
    return mine


def test_reallocation_and_cancellation_of_the_same_orders(stocked, tmp_path):
    db = stocked
    cancelled, errors = [], []
    for round_no in range(ROUNDS):
        nos, round_errors = _round(db, tmp_path, round_no)
        cancelled += nos
        errors += round_errors
    assert errors == [], errors  # a deadlock is an error here (PostgreSQL: "deadlock detected")
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        statuses = dict(uow.session.execute(select(ConsumerOrder.order_no, ConsumerOrder.status)
                                            .where(ConsumerOrder.order_no.in_(cancelled))).all())
        held = uow.session.execute(
            select(ConsumerOrder.order_no, func.count(Allocation.id)).join(Allocation)
            .where(ConsumerOrder.order_no.in_(cancelled), Allocation.state == "open")
            .group_by(ConsumerOrder.order_no)).all()
        tasks = uow.session.execute(
            select(ConsumerOrder.order_no).join(PickTask, PickTask.order_id == ConsumerOrder.id)
            .where(ConsumerOrder.order_no.in_(cancelled), PickTask.status == "open")).scalars().all()
        frozen = uow.session.scalar(select(func.count()).select_from(Stock).where(Stock.status == "frozen"))
        results = checks.check_all(uow)
    assert statuses == dict.fromkeys(cancelled, "cancelled")  # no cancellation lost
    assert held == [] and tasks == []  # nothing re-allocated to a cancelled order survives it
    assert frozen  # the short picks did run
    assert [(r.name, r.problems[:3]) for r in results if not r.ok] == []


def test_a_manifest_and_the_cancellations_of_its_parcels_orders_at_once(stocked, tmp_path):
    db, cancelled, errors = stocked, [], []
    for round_no in range(ROUNDS // 2):
        folder = tmp_path / f"manifest{round_no}"
        folder.mkdir()
        mine = packed_orders(db, folder, _orders(100 + round_no))
        start = threading.Barrier(1 + CANCELLERS)

        def manifest(plate: str = f"浙A{round_no}0001") -> None:
            start.wait()
            try:
                run(db, "supervisor", create_manifest, "ZTO", plate)
            except Exception as exc:  # noqa: BLE001 - reported by the test
                errors.append(("manifest", repr(exc)))

        threads = [threading.Thread(target=manifest), *canceller_threads(db, mine[::2], CANCELLERS, start.wait,
                                                                         errors)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cancelled += mine[::2]
    assert errors == [], errors
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        statuses = set(uow.session.execute(select(ConsumerOrder.status)
                                           .where(ConsumerOrder.order_no.in_(cancelled))).scalars())
        parcels = uow.session.execute(select(func.count()).select_from(Parcel).join(
            ConsumerOrder, ConsumerOrder.id == Parcel.order_id).where(ConsumerOrder.order_no.in_(cancelled))).scalar()
        manifests = uow.session.execute(
            select(Manifest.manifest_no, Manifest.parcel_count, func.count(Parcel.id))
            .outerjoin(Parcel, Parcel.manifest_id == Manifest.id).group_by(Manifest.id)).all()
        results = checks.check_all(uow)
    assert statuses == {"cancelled"} and parcels == 0  # every cancellation opened its parcel
    assert manifests and all(listed == held for _, listed, held in manifests), manifests
    assert [(r.name, r.problems[:3]) for r in results if not r.ok] == []
