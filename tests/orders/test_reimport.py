"""Re-importing after a crash (issue 16.5): identical orders are `unchanged`, never duplicate_order rejections,
and `orders revalidate` closes the rejections an earlier re-run left for orders that are in fact imported."""

from __future__ import annotations

from sqlalchemy import func, select, update

from app.admin.checks import rejections_not_superseded
from app.orders.importing import import_orders
from app.orders.workbench import revalidate
from app.persistence.models import ConsumerOrder, OrderRejection
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.orders.helpers import order_record, run, write_jsonl


def _orders(n: int, prefix: str = "R") -> list[dict]:
    return [order_record(f"{prefix}{i}", "LAMER-60", 1, "2780.00", waybill=f"ZT-{prefix}{i}") for i in range(n)]


def _open_rejections(db) -> list[tuple[str, str]]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return list(uow.session.execute(select(OrderRejection.order_no, OrderRejection.code)
                                        .where(OrderRejection.state == "open").order_by(OrderRejection.id)).all())


def test_a_rerun_after_a_crash_reports_the_stored_orders_unchanged(warehouse, tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", _orders(6))
    calls = []

    def crash_after_first_batch() -> bool:  # the first batch commits, then the run stops, as after kill -9
        calls.append(1)
        return len(calls) > 1

    first = run(warehouse, "supervisor", import_orders, path, batch_size=4, cancel=crash_after_first_batch)
    assert (first.accepted, first.cancelled) == (4, True)
    again = run(warehouse, "supervisor", import_orders, path, batch_size=4)
    assert (again.accepted, again.unchanged, again.rejected) == (2, 4, [])
    assert again.to_json() == {"accepted": 2, "rejected": [], "unchanged": 4}
    assert "4 unchanged (imported before)" in again.describe()
    third = run(warehouse, "supervisor", import_orders, path)
    assert (third.accepted, third.unchanged, third.rejected) == (0, 6, [])
    assert _open_rejections(warehouse) == []
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(ConsumerOrder)) == 6


def test_a_changed_order_is_still_a_duplicate_and_a_repeat_inside_one_file_is_unchanged(warehouse, tmp_path):
    orders = _orders(2, "D")
    run(warehouse, "supervisor", import_orders, write_jsonl(tmp_path / "1.jsonl", orders))
    changed = [dict(orders[0], seller_name="another seller"), orders[1], orders[1]]
    report = run(warehouse, "supervisor", import_orders, write_jsonl(tmp_path / "2.jsonl", changed))
    assert report.unchanged == 2 and [(r["order_no"], r["code"]) for r in report.rejected] == [
        ("D0", "duplicate_order")]
    fresh = _orders(1, "F")
    report = run(warehouse, "supervisor", import_orders, write_jsonl(tmp_path / "3.jsonl", fresh + fresh))
    assert (report.accepted, report.unchanged, report.rejected) == (1, 1, [])


def test_revalidate_closes_the_duplicates_an_older_rerun_left(warehouse, tmp_path):
    """Orders imported before the digest was kept, re-run as the old code did: every repeat became an open
    duplicate_order rejection. Revalidate works the digest out from the stored order and closes them."""
    path = write_jsonl(tmp_path / "o.jsonl", _orders(3, "L"))
    run(warehouse, "supervisor", import_orders, path)
    changed = write_jsonl(tmp_path / "c.jsonl", [dict(_orders(1, "L")[0], seller_name="changed")])
    run(warehouse, "supervisor", import_orders, changed)

    def set_digests(value: str | None) -> None:
        with UnitOfWork(warehouse, actor("admin")) as uow:
            uow.session.execute(update(ConsumerOrder).values(record_digest=value))
            uow.commit()

    set_digests("0" * 64)  # a digest nothing matches: the re-run rejects every order, as the old code did
    flood = run(warehouse, "supervisor", import_orders, path)
    assert [r["code"] for r in flood.rejected] == ["duplicate_order"] * 3
    with UnitOfWork(warehouse, actor("admin")) as uow:  # the open copies are word for word the stored orders
        uow.session.execute(update(OrderRejection).where(OrderRejection.code == "duplicate_order",
                                                         OrderRejection.state == "open",
                                                         OrderRejection.id > 1).values(record_digest="0" * 64))
        uow.commit()
        found = rejections_not_superseded(uow)
    assert not found.ok and len(found.problems) == 3
    assert "of order L0 is still open, but the order is stored exactly so" in found.problems[0]
    set_digests(None)  # and the orders are as an older version stored them
    assert [code for _, code in _open_rejections(warehouse)] == ["duplicate_order"] * 4
    result = run(warehouse, "supervisor", revalidate)
    assert (result.accepted, result.unchanged) == (0, 3)
    assert _open_rejections(warehouse) == [("L0", "duplicate_order")]  # the changed record is a real duplicate
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert rejections_not_superseded(uow).ok
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        resolved = uow.session.execute(select(OrderRejection.order_no, OrderRejection.order_id, ConsumerOrder.id)
                                       .join(ConsumerOrder, ConsumerOrder.order_no == OrderRejection.order_no)
                                       .where(OrderRejection.state == "resolved")).all()
        assert sorted(no for no, _, _ in resolved) == ["L0", "L1", "L2"]
        assert all(rej_order == order_id for _, rej_order, order_id in resolved)
        assert None not in uow.session.execute(select(ConsumerOrder.record_digest)).scalars().all()
    set_digests(None)
    legacy = run(warehouse, "supervisor", import_orders, path)  # an import recognises a legacy order too
    assert (legacy.unchanged, legacy.rejected) == (3, [])


def test_accepting_an_order_resolves_its_earlier_rejections(bare_warehouse, tmp_path):
    """No bonded stock yet: the orders wait on the workbench; the same file once stock is released is accepted
    by a plain import, and the waiting rejections are resolved by the orders (not left open beside them)."""
    from tests.orders.conftest import seed_bonded_stock

    path = write_jsonl(tmp_path / "o.jsonl", _orders(2, "W"))
    first = run(bare_warehouse, "supervisor", import_orders, path)
    assert [r["code"] for r in first.rejected] == ["bonded_balance_short"] * 2
    with UnitOfWork(bare_warehouse, actor("admin")) as uow:
        seed_bonded_stock(uow)
        uow.commit()
    assert run(bare_warehouse, "supervisor", import_orders, path).accepted == 2
    assert _open_rejections(bare_warehouse) == []
    with UnitOfWork(bare_warehouse, actor("clerk"), write=False) as uow:
        assert rejections_not_superseded(uow).ok
        assert uow.session.scalar(select(func.count()).select_from(OrderRejection).where(
            OrderRejection.state == "resolved", OrderRejection.order_id.is_not(None))) == 2
