"""Cancelling an order the outbound side holds: allocated, part-picked, picked, packed or on a manifest.

Each stage gives back what it held in the cancelling transaction: reservations, pick tasks, the parcel and
its place on a manifest; picked units wait free in the packing area until the put-away station puts them
back. The invariants (stock = movements, reserved = open allocations, the customs ledger) are checked by the
`db` fixture when each test ends.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.customs.receipts import apply_receipts
from app.domain.gs1 import decode
from app.errors import Rejected
from app.inbound import putaway
from app.orders.cancel import cancel_order
from app.outbound.allocation import allocate
from app.outbound.pick_station import PickStation
from app.outbound.shipping import create_manifest, gate_out
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    Location,
    Manifest,
    Parcel,
    PickTask,
    PrintJob,
    Product,
    Stock,
    Wave,
)
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.outbound.conftest import TODAY, run
from tests.outbound.helpers import all_waves, pack_order, pick_everything


def _order(db, status: str = "allocated", units: int | None = None) -> str:
    """An order in `status` (with `units` units, if given)."""
    with db.sessions() as s:
        stmt = select(ConsumerOrder.order_no).where(ConsumerOrder.status == status).order_by(ConsumerOrder.id)
        for no in s.scalars(stmt):
            if units is None or _units(db, no) == units:
                return no
    raise AssertionError(f"no {status} order with {units} units")


def _units(db, order_no: str) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.sum(Allocation.quantity)).join(ConsumerOrder)
                        .where(ConsumerOrder.order_no == order_no, Allocation.state == "open")) or 0


def _reserved(db) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.coalesce(func.sum(Stock.reserved), 0)))


def _free_at_packing(db) -> dict[str, int]:
    with db.sessions() as s:
        rows = s.execute(select(Product.sku, func.sum(Stock.quantity - Stock.reserved))
                         .join(Product, Product.id == Stock.product_id).join(Location)
                         .where(Location.kind == "packing").group_by(Product.sku)).all()
    return {sku: int(n) for sku, n in rows if n}


def _status(db, order_no: str) -> str:
    with db.sessions() as s:
        return s.scalar(select(ConsumerOrder.status).where(ConsumerOrder.order_no == order_no))


def _put_back_all(db) -> int:
    """What the put-away station does with each free unit in the packing area: scan it, scan the suggestion."""
    moved = 0
    with db.sessions() as s:
        waiting = s.execute(select(Product.gtin, Stock.quantity - Stock.reserved)
                            .join(Product, Product.id == Stock.product_id).join(Location)
                            .where(Location.kind == "packing", Stock.quantity > Stock.reserved)).all()
    for gtin, n in waiting:
        for _ in range(n):
            with UnitOfWork(db, actor("clerk")) as uow:
                goods = putaway.identify(uow, decode(gtin))
                to = putaway.suggest(uow, goods)
                assert to is not None and to.kind == "storage"
                putaway.put_away(uow, decode(gtin), to.code)
                uow.commit()
            moved += 1
    return moved


def test_an_allocated_order_gives_back_its_reservation_and_pick_tasks(released):
    run(released, "supervisor", allocate, today=TODAY)
    order_no = _order(released)
    units, reserved = _units(released, order_no), _reserved(released)
    result = run(released, "supervisor", cancel_order, order_no, reason="1")
    # released by a CSV receipt, which carries no invtNo: the CEB623 waits for customs' list number
    assert result.previous_status == "allocated" and result.waiting and result.request_file is None
    out = result.to_json()["released"]
    assert out["unreserved"] == units and out["put_back"] == [] and out["parcel_opened"] is None
    assert out["pick_tasks_cancelled"] >= 1 and "pick tasks cancelled" in result.describe()
    assert _reserved(released) == reserved - units and _status(released, order_no) == "cancelled"
    with released.sessions() as s:
        order_id = s.scalar(select(ConsumerOrder.id).where(ConsumerOrder.order_no == order_no))
        assert set(s.scalars(select(Allocation.state).where(Allocation.order_id == order_id))) == {"released"}
        assert set(s.scalars(select(PickTask.status).where(PickTask.order_id == order_id))) == {"cancelled"}
    for wave in all_waves(released):  # the picker is not sent for it
        assert order_no not in {t["order_no"] for t in wave["tasks"] if t["status"] == "open"}
    pick_everything(released)
    with released.sessions() as s:
        assert set(s.scalars(select(ConsumerOrder.status).where(ConsumerOrder.order_no != order_no))) == {"picked"}
        assert set(s.scalars(select(Wave.status))) == {"picked"}


def test_a_wave_whose_orders_are_all_cancelled_is_done(released):
    run(released, "supervisor", allocate, today=TODAY)
    wave = min(all_waves(released), key=lambda w: len({t["order_no"] for t in w["tasks"]}))
    orders = sorted({t["order_no"] for t in wave["tasks"]})
    for n, order_no in enumerate(orders, start=1):
        run(released, "supervisor", cancel_order, order_no)
        with released.sessions() as s:
            status = s.scalar(select(Wave.status).where(Wave.wave_no == wave["wave"]))
        assert status == ("picked" if n == len(orders) else "open")


def test_part_picked_units_wait_in_packing_until_put_back(released):
    run(released, "supervisor", allocate, today=TODAY)
    wave = next(w for w in all_waves(released)
                if any(_units(released, t["order_no"]) >= 2 for t in w["tasks"]))
    order_no = next(t["order_no"] for t in wave["tasks"] if _units(released, t["order_no"]) >= 2)
    task = next(t for t in wave["tasks"] if t["order_no"] == order_no)
    station = PickStation(UnitsOfWork(released, actor("clerk")), wave["wave"])
    assert station.scan(f"LOC:{task['location']}").tone == "prompt"
    fb = station.scan(task["gtin"])  # one unit picked; the task (and the order) stay open
    assert fb.tone == "ok" and order_no in fb.text
    units, reserved = _units(released, order_no), _reserved(released)
    result = run(released, "supervisor", cancel_order, order_no)
    assert result.previous_status == "allocated"
    assert [p.to_json() for p in result.released.put_back] == [
        {"sku": task["sku"], "batch": task["batch"], "qty": 1, "location": result.released.put_back[0].location}]
    assert result.released.unreserved == units - 1 and _reserved(released) == reserved - units
    assert "put back with the put-away station: 1 × " + task["sku"] in result.describe()
    assert _free_at_packing(released) == {task["sku"]: 1}
    run(released, "supervisor", allocate, today=TODAY)  # the free units in packing are not allocated from there
    assert _free_at_packing(released) == {task["sku"]: 1}
    assert _put_back_all(released) == 1 and _free_at_packing(released) == {}


def test_a_packed_parcel_is_opened_and_its_unprinted_label_withdrawn(released, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    order_no = _order(released, "picked", units=2)
    assert pack_order(released, order_no).tone == "ok"
    reserved = _reserved(released)
    result = run(released, "supervisor", cancel_order, order_no)
    assert result.previous_status == "packed" and result.released.parcel is not None
    assert sum(p.quantity for p in result.released.put_back) == 2 and result.released.unreserved == 0
    assert _reserved(released) == reserved - 2
    with released.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Parcel).join(ConsumerOrder)
                        .where(ConsumerOrder.order_no == order_no)) == 0
        jobs = dict(s.execute(select(PrintJob.document, PrintJob.status)
                              .where(PrintJob.document.like(f"%{result.released.parcel}"))).all())
    assert jobs == {f"waybill {result.released.parcel}": "cancelled",
                    f"packing list {result.released.parcel}": "cancelled"}
    assert _put_back_all(released) == 2


def test_a_manifested_parcel_comes_off_its_manifest_and_the_rest_leave(released):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    with released.sessions() as s:
        sf = list(s.scalars(select(ConsumerOrder.order_no).where(ConsumerOrder.carrier_code == "SF")
                            .order_by(ConsumerOrder.id).limit(3)))
    for no in sf:
        assert pack_order(released, no).tone == "ok"
    report = run(released, "supervisor", create_manifest, "SF", "浙A12345")
    assert report.parcels == 3
    with released.sessions() as s:
        weight = s.scalar(select(Parcel.weight_kg).join(ConsumerOrder).where(ConsumerOrder.order_no == sf[0]))
        jobs = s.scalar(select(func.count()).select_from(PrintJob))
    result = run(released, "supervisor", cancel_order, sf[0])
    assert result.previous_status == "manifested" and result.released.manifest == report.manifest
    assert "printed again" in result.describe()
    with released.sessions() as s:
        m = s.scalar(select(Manifest).where(Manifest.manifest_no == report.manifest))
        assert m.parcel_count == 2 and m.gross_kg == report.weight - weight
        assert s.scalar(select(func.count()).select_from(PrintJob)) == jobs + 2  # manifest and gate pass again
    shipped = run(released, "supervisor", gate_out, report.manifest)
    assert len(shipped.parcels) == 2 and _status(released, sf[0]) == "cancelled"
    assert {_status(released, no) for no in sf[1:]} == {"shipped"}
    with pytest.raises(Rejected) as refused:  # a parcel that left comes back as a return
        run(released, "supervisor", cancel_order, sf[1])
    assert refused.value.code == "not_cancellable"
    _put_back_all(released)


def test_a_manifest_left_without_parcels_is_withdrawn(released):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    order_no = _order(released, "picked")
    assert pack_order(released, order_no).tone == "ok"
    with released.sessions() as s:
        carrier = s.scalar(select(ConsumerOrder.carrier_code).where(ConsumerOrder.order_no == order_no))
        waybill = s.scalar(select(Parcel.waybill_no).join(ConsumerOrder).where(ConsumerOrder.order_no == order_no))
    report = run(released, "supervisor", create_manifest, carrier, "浙A54321", [waybill])
    assert report.parcels == 1
    result = run(released, "supervisor", cancel_order, order_no)
    assert result.released.manifest == report.manifest and result.released.manifest_withdrawn
    assert "is withdrawn: its gate pass is void" in result.describe()
    with released.sessions() as s:
        assert s.scalar(select(Manifest.id).where(Manifest.manifest_no == report.manifest)) is None
        jobs = dict(s.execute(select(PrintJob.document, PrintJob.status)
                              .where(PrintJob.document.like(f"% {report.manifest}"))).all())
    assert jobs == {f"handover manifest {report.manifest}": "cancelled", f"gate pass {report.manifest}": "cancelled"}
    _put_back_all(released)


def test_when_customs_refuses_the_cancellation_the_order_is_allocated_again(released, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    order_no = _order(released)
    run(released, "supervisor", cancel_order, order_no)
    with released.sessions() as s:
        cop = s.scalar(select(ConsumerOrder).where(ConsumerOrder.order_no == order_no)).inventory_list.cop_no
    from tests.orders.helpers import ceb624

    folder = tmp_path / "624"
    folder.mkdir()
    (folder / "624.xml").write_bytes(ceb624(cop, "100", "20261126110000000", "已放行，不能撤销"))
    run(released, "supervisor", apply_receipts, folder)
    assert _status(released, order_no) == "released"
    run(released, "supervisor", allocate, today=TODAY)
    assert _status(released, order_no) == "allocated" and _units(released, order_no) > 0


def test_migration_0006_rebuilds_pick_tasks_under_live_allocations(released):
    """0005 → 0006 on a database with waves: every pick task and the allocations pointing at it survive."""
    from app.persistence import migrate

    run(released, "supervisor", allocate, today=TODAY)
    with released.sessions() as s:
        before = s.execute(select(PickTask.id, PickTask.status, Allocation.id).join(
            Allocation, Allocation.pick_task_id == PickTask.id).order_by(Allocation.id)).all()
    assert before
    migrate.downgrade(released, "0005")
    assert migrate.current_revision(released) == "0005"
    migrate.upgrade(released)
    with released.sessions() as s:
        after = s.execute(select(PickTask.id, PickTask.status, Allocation.id).join(
            Allocation, Allocation.pick_task_id == PickTask.id).order_by(Allocation.id)).all()
    assert after == before
    from app.admin import masterdata
    from tests.conftest import DEMO
    run(released, "admin", masterdata.import_carriers, DEMO / "carriers.csv")  # below 0011 there were none
    order_no = _order(released)
    run(released, "supervisor", cancel_order, order_no)  # the new status fits
    with pytest.raises(RuntimeError, match="cancelled"):  # 0005 has no word for a cancelled task
        migrate.downgrade(released, "0005")
    assert migrate.current_revision(released) == migrate.head_revision()
    if released.engine.dialect.name == "sqlite":
        with released.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
