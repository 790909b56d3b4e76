"""Every "bad input" of the outbound flow is refused with its reason, and nothing moves."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.customs.receipts import apply_receipts
from app.errors import Rejected
from app.orders.cancel import cancel_order
from app.outbound.allocation import allocate
from app.outbound.documents import pull_list_data
from app.outbound.pack_station import PackStation
from app.outbound.pick_station import PickStation
from app.outbound.shipping import create_manifest, gate_out
from app.persistence.models import Allocation, ConsumerOrder, InspectionPull, Movement, Parcel, Stock
from app.persistence.uow import UnitOfWork, UnitsOfWork
from printing.shipping_docs import pull_list_pdf
from tests.conftest import DEMO, actor
from tests.outbound.conftest import TODAY, declare_and_release, run, write_receipts
from tests.outbound.helpers import all_waves, pack_order, pick_everything

ORDERS = [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines()]
SINGLE = [o for o in ORDERS if len(o["lines"]) == 1 and o["lines"][0]["qty"] == 1]


def _snapshot(db) -> tuple:
    """Everything that moving goods would change."""
    with db.sessions() as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731 - a one-line local helper
        return count(Movement), s.scalar(select(func.sum(Stock.reserved))), count(Allocation), count(Parcel)


def _refused(db, role, service, *args, match: str, **kwargs):
    before = _snapshot(db)
    with pytest.raises(Rejected, match=match) as info:
        run(db, role, service, *args, **kwargs)
    assert _snapshot(db) == before
    return info.value


@pytest.fixture
def mixed(stocked, tmp_path):
    """The sample orders declared; customs rejected one (100), inspects one (500), released the rest."""
    statuses = {SINGLE[0]["order_no"]: "100", SINGLE[1]["order_no"]: "500"}
    declare_and_release(stocked, tmp_path, statuses=statuses)
    return stocked


def test_unreleased_and_cancelled_orders_are_not_allocated(mixed):
    rejected, inspected, cancelled = SINGLE[0]["order_no"], SINGLE[1]["order_no"], SINGLE[2]["order_no"]
    run(mixed, "supervisor", cancel_order, cancelled)
    for order_no, why in ((rejected, "customs_rejected"), (inspected, "inspection"), (cancelled, "cancelled")):
        error = _refused(mixed, "supervisor", allocate, [order_no], today=TODAY, match=why)
        assert error.code == "not_allocatable" and "800" in error.message
    _refused(mixed, "supervisor", allocate, ["NO-SUCH-ORDER"], today=TODAY, match="no order")
    report = run(mixed, "supervisor", allocate, today=TODAY)
    assert report.allocated == 60
    with mixed.sessions() as s:
        statuses = dict(s.execute(select(ConsumerOrder.order_no, ConsumerOrder.status)).all())
    assert (statuses[rejected], statuses[inspected], statuses[cancelled]) == ("customs_rejected", "inspection",
                                                                            "cancelled")


def test_clerk_may_not_allocate(released):
    from app.admin.auth import AccessDenied

    with pytest.raises(AccessDenied):
        run(released, "clerk", allocate, today=TODAY)


def _first_wave(db):
    run(db, "supervisor", allocate, today=TODAY)
    return next(w for w in all_waves(db) if len({t["sku"] for t in w["tasks"]}) > 1
                and len({t["location"] for t in w["tasks"]}) > 1)


def test_wrong_location_product_and_lot_are_refused_at_picking(released):
    wave = _first_wave(released)
    first = wave["tasks"][0]
    here = {t["sku"] for t in wave["tasks"] if t["location"] == first["location"]}
    other = next(t for t in wave["tasks"] if t["sku"] not in here)
    station = PickStation(UnitsOfWork(released, actor("clerk")), wave["wave"])
    before = _snapshot(released)
    assert station.scan(first["gtin"]).code == "location_first"
    assert station.scan("LOC:C-04-02").code == "wrong_location"
    assert station.scan(f"LOC:{first['location']}").tone == "prompt"
    wrong = station.scan(other["gtin"])
    assert (wrong.code, wrong.tone) == ("wrong_product", "error") and first["location"] in wrong.text
    gs1 = f"]C101{first['gtin'].zfill(14)}10NOT-THIS-LOT"
    assert station.scan(gs1).code == "wrong_lot"
    assert station.scan(f"]C101{first['gtin'].zfill(14)}3799").code == "over_pick"
    assert station.scan("]C1garbage").tone == "error"
    assert _snapshot(released) == before
    ok = station.scan(f"]C101{first['gtin'].zfill(14)}10{first['batch']}")
    assert ok.code == "picked" and ok.params["qty"] == 1


def test_pack_refuses_a_unit_of_another_order_and_a_weight_far_off(released):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    order, other = SINGLE[0], next(o for o in ORDERS if o["lines"][0]["sku"] != SINGLE[0]["lines"][0]["sku"])
    station = PackStation(UnitsOfWork(released, actor("clerk")))
    opened = station.scan(order["logistics"]["waybill_no"])
    assert opened.code == "order" and opened.params["order_no"] == order["order_no"]
    gtin = {c["sku"]: c["gtin"] for c in opened.params["contents"]}
    other_gtin = _gtin(other["lines"][0]["sku"])
    refused = station.scan(other_gtin)
    assert refused.code == "wrong_unit" and "not in order" in refused.text
    assert station.scan(other["order_no"]).code == "parcel_open"
    assert station.weigh("1.0").code == "contents_incomplete"
    assert station.scan(gtin[order["lines"][0]["sku"]]).tone == "prompt"
    assert station.scan(gtin[order["lines"][0]["sku"]]).code == "wrong_unit"  # one too many
    before = _snapshot(released)
    heavy = station.weigh("25")
    assert heavy.code == "weight_off" and "tolerance" in heavy.text
    assert station.weigh("abc").code == "bad_weight"
    assert _snapshot(released) == before
    assert station.weigh(opened.params["computed_weight"]).code == "packed"
    again = PackStation(UnitsOfWork(released, actor("clerk"))).scan(order["order_no"])
    assert again.code == "already_packed"


def _gtin(sku: str) -> str:
    import csv

    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return next(r["gtin"] for r in csv.DictReader(fh) if r["sku"] == sku)


def test_unpicked_order_is_not_packed(released):
    run(released, "supervisor", allocate, today=TODAY)
    fb = PackStation(UnitsOfWork(released, actor("clerk"))).scan(SINGLE[0]["order_no"])
    assert fb.code == "not_picked" and "0 of 1 units" in fb.text


def _later_receipt(db, tmp_path, order_no: str, status: str, time: str = "20261127090000000"):
    path = write_receipts(tmp_path / f"late-{order_no}-{status}.csv", {order_no: status}, time=time)
    run(db, "supervisor", apply_receipts, path)


def test_inspection_after_release_pulls_the_parcel_at_packing(released, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    order_no = SINGLE[3]["order_no"]
    _later_receipt(released, tmp_path, order_no, "500")
    fb = PackStation(UnitsOfWork(released, actor("clerk")), packing_location="PACK-02").scan(order_no)
    assert fb.code == "pull_for_inspection" and fb.text.startswith("PULL FOR INSPECTION")
    with released.sessions() as s:
        assert s.scalar(select(func.count()).select_from(InspectionPull)) == 1
        assert s.scalar(select(func.count()).select_from(Parcel)) == 0
    with UnitOfWork(released, actor("customs"), write=False) as uow:
        data = pull_list_data(uow)
    assert [(r["order_no"], r["location"], r["customs_status"]) for r in data["rows"]] == [(order_no, "PACK-02", "500")]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pull_list_pdf(data))).pages)
    assert "查验清单" in text and order_no in text


def test_manifest_refuses_unreleased_parcels_and_gate_out_refuses_twice(released, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    sf = [o for o in SINGLE if o["logistics"]["carrier_code"] == "SF"][:3]
    for o in sf:
        assert pack_order(released, o["order_no"]).code == "packed"
    held = sf[0]
    _later_receipt(released, tmp_path, held["order_no"], "500")
    error = _refused(released, "supervisor", create_manifest, "SF", "浙A00001", [held["logistics"]["waybill_no"]],
                     match="unreleased parcels")
    assert "PULL FOR INSPECTION" in error.message
    _refused(released, "supervisor", create_manifest, "SF", " ", match="vehicle")
    report = run(released, "supervisor", create_manifest, "SF", "浙A00001")
    assert report.parcels == 2 and report.held[0]["waybill"] == held["logistics"]["waybill_no"]
    _later_receipt(released, tmp_path, sf[1]["order_no"], "500")
    error = _refused(released, "supervisor", gate_out, report.manifest, match="may not leave")
    assert sf[1]["logistics"]["waybill_no"] in error.message
    _later_receipt(released, tmp_path, sf[1]["order_no"], "800", "20261127110000000")  # inspected, released again
    run(released, "supervisor", gate_out, report.manifest)
    _refused(released, "supervisor", gate_out, report.gate_pass, match="cannot gate out twice")
    _refused(released, "supervisor", create_manifest, "SF", "浙A00002", match="no packed, released parcel")


def test_gate_station_refuses_a_parcel_of_another_manifest_and_a_second_pass(released):
    from app.outbound.gate_station import GateStation

    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    sf = [o for o in SINGLE if o["logistics"]["carrier_code"] == "SF"][:2]
    for o in sf:
        assert pack_order(released, o["order_no"]).code == "packed"
    on, off = (o["logistics"]["waybill_no"] for o in sf)
    report = run(released, "supervisor", create_manifest, "SF", "浙A00003", [on])
    station = GateStation(UnitsOfWork(released, actor("clerk")))
    assert station.scan(on).code == "manifest_first"
    assert station.scan(report.gate_pass).tone == "prompt" and station.manifest == report.manifest
    assert station.scan(off).code == "not_on_manifest"
    loaded = station.scan(on)
    assert loaded.code == "loaded" and "all 1 parcel loaded: pass the vehicle" in loaded.text
    assert station.scan(on).code == "already_loaded"
    station.pass_vehicle()
    assert station.scan(on).code == "already_exited"
    assert station.scan(report.manifest).code == "manifest_exited"
    _refused(released, "supervisor", gate_out, report.manifest, match="cannot gate out twice")
