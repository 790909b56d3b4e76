"""The sample container, received and released, ships the sample orders end to end through the services."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import func, select

from app.customs.ledger import balances
from app.customs.trace import trace
from app.errors import NotFound
from app.outbound.allocation import allocate
from app.outbound.shipping import create_manifest, gate_out
from app.persistence.models import ConsumerOrder, HandlingUnit, Lot, Parcel, ParcelItem, Stock
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.outbound.conftest import CONTAINER, DECLARATION, TODAY, run
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
    shipped = _shipped_by_item()
    for item, b in after.items():
        assert b.balance == b.entered - shipped.get(item, 0) == before[item].balance - shipped.get(item, 0)
        assert b.decreased == shipped.get(item, 0) and b.pre_decreased == 0
    assert sum(shipped.values()) == 147
    _trace_both_ways(released)


def _shipped_by_item() -> dict[str, int]:
    products = {r["sku"]: r["account_book_item"] for r in csv.DictReader((DEMO / "products.csv").read_text(encoding="utf-8").splitlines())}
    shipped: dict[str, int] = {}
    for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines():
        for item in json.loads(line)["lines"]:
            shipped[products[item["sku"]]] = shipped.get(products[item["sku"]], 0) + item["qty"]
    return shipped


def _trace_both_ways(db) -> None:
    with db.sessions() as s:
        waybills = list(s.scalars(select(Parcel.waybill_no)))
        by_lot: dict[str, set[str]] = {}
        for batch, waybill in s.execute(select(Lot.batch_no, Parcel.waybill_no)
                                        .join(ParcelItem, ParcelItem.lot_id == Lot.id)
                                        .join(Parcel, Parcel.id == ParcelItem.parcel_id)):
            by_lot.setdefault(batch, set()).add(waybill)
        sscc = s.scalar(select(HandlingUnit.sscc).join(Lot, Lot.id == HandlingUnit.lot_id)
                        .where(Lot.batch_no == "MGO13806").limit(1))
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        for waybill in waybills:  # parcel → order → lot → declaration line → container
            up = trace(uow, waybill)
            assert up["matched"] == ["waybill"] and [p["waybill"] for p in up["parcels"]] == [waybill]
            assert {d["container"] for d in up["declarations"]} == {CONTAINER}
            assert all(lot["declaration"] == DECLARATION and lot["declaration_line"] for lot in up["lots"])
        for batch, expected in by_lot.items():  # lot → every parcel
            down = trace(uow, batch)
            assert {p["waybill"] for p in down["parcels"]} == expected and not down["parcels_truncated"]
        assert {p["waybill"] for p in trace(uow, sscc)["parcels"]} == by_lot["MGO13806"]
        whole = trace(uow, DECLARATION)
        assert len(whole["parcels"]) == 63 and len(whole["lots"]) == 11
        assert trace(uow, CONTAINER)["matched"] == ["declaration"]
        with pytest.raises(NotFound):
            trace(uow, "NO-SUCH-CODE")
