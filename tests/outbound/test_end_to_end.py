"""The sample container, received and released, ships the sample orders end to end through the services."""

from __future__ import annotations

from sqlalchemy import func, select

from app.persistence.models import ConsumerOrder, Parcel, Stock
from app.persistence.uow import UnitOfWork
from app.services.allocation import allocate
from app.services.ledger import balances
from app.services.shipping import create_manifest, gate_out
from tests.conftest import actor
from tests.outbound.conftest import TODAY, run
from tests.outbound.helpers import pack_order, pick_everything


def test_sample_orders_ship_end_to_end(released, tmp_path):
    with UnitOfWork(released, actor("clerk"), write=False) as uow:
        before = {b.account_book_item: b for b in balances(uow)}
    report = run(released, "supervisor", allocate, today=TODAY)
    assert report.allocated == 63
    pick_everything(released)
    with released.sessions() as s:
        order_nos = list(s.scalars(select(ConsumerOrder.order_no).order_by(ConsumerOrder.id)))
    for no in order_nos:
        fb = pack_order(released, no, label_out=tmp_path / "labels")
        assert fb.tone == "ok", fb.text
    manifests = [run(released, "supervisor", create_manifest, carrier, f"浙A{n}2345")
                 for n, carrier in enumerate(["SF", "YTO", "ZTO"])]
    assert sum(m.parcels for m in manifests) == 63
    for m in manifests:
        run(released, "supervisor", gate_out, m.manifest)
    with released.sessions() as s:
        assert set(s.scalars(select(ConsumerOrder.status))) == {"shipped"}
        assert s.scalar(select(func.count()).select_from(Parcel).where(Parcel.status == "shipped")) == 63
        assert s.scalar(select(func.sum(Stock.reserved))) == 0
    with UnitOfWork(released, actor("clerk"), write=False) as uow:
        after = {b.account_book_item: b for b in balances(uow)}
    assert sum(b.entered - a.balance for b, a in zip(before.values(), after.values())) == 147
