"""The gate pass per vehicle (issue 13, part 5): the parcels are out when the vehicle passes, not one by one.

A parcel scan at the gate LOADS the parcel onto its manifest's vehicle (no stock, no ledger moves); the vehicle
pass ships every parcel at once (stock out, OUT per account-book item, orders shipped, the manifest closed, the
vehicle pass recorded). A clerk's vehicle with a parcel not loaded does not pass (nothing ships); the supervisor's
whole-manifest exit ships without per-parcel loading. The invariants are checked by the `db` fixture at the end.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, update

from app.admin import checks
from app.admin.auth import add_user, login, set_user
from app.errors import PermissionDenied, Rejected
from app.orders.cancel import cancel_order
from app.outbound.gate_station import GateStation
from app.outbound.shipping import SHOWN_UNLOADED, gate_out, pass_vehicle
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    CustomsLedgerEntry,
    InventoryList,
    Manifest,
    Movement,
    OrderLine,
    Parcel,
    ScanEvent,
    VehiclePass,
)
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.customs.test_checklist import packed
from tests.outbound.conftest import fixed_today, released, run, stocked
from tests.outbound.test_cancel_after_allocation import _put_back_all

__all__ = ["fixed_today", "packed", "released", "stocked"]


def _waybills(db, manifest: str) -> list[str]:
    with db.sessions() as s:
        return list(s.scalars(select(Parcel.waybill_no).join(Manifest, Manifest.id == Parcel.manifest_id)
                              .where(Manifest.manifest_no == manifest).order_by(Parcel.id)))


def _out(db) -> dict[str, int]:
    """What has left so far: ship movements, OUT ledger rows, shipped orders and parcels, vehicle passes."""
    with db.sessions() as s:
        def count(model, *where):
            return s.scalar(select(func.count()).select_from(model).where(*where))
        return {"movements": count(Movement, Movement.kind == "ship"),
                "ledger": count(CustomsLedgerEntry, CustomsLedgerEntry.biz_type == "OUT"),
                "orders": count(ConsumerOrder, ConsumerOrder.status == "shipped"),
                "parcels": count(Parcel, Parcel.status == "shipped"), "passes": count(VehiclePass)}


NOTHING_OUT = {"movements": 0, "ledger": 0, "orders": 0, "parcels": 0, "passes": 0}


def _loaded(db, manifest: str) -> dict[str, tuple[str, str]]:
    with db.sessions() as s:
        rows = s.execute(select(Parcel.waybill_no, Parcel.status, Parcel.loaded_by).join(Manifest)
                         .where(Manifest.manifest_no == manifest, Parcel.loaded_at.is_not(None))).all()
    return {w: (status, by) for w, status, by in rows}


def test_loading_then_the_vehicle_pass_ships_every_parcel_at_once(packed):
    db, (sf, _, _) = packed
    waybills = _waybills(db, sf)
    total = len(waybills)
    assert total >= 2
    station = GateStation(UnitsOfWork(db, actor("clerk")))
    assert station.scan(sf).code == "manifest"
    for n, waybill in enumerate(waybills, start=1):
        fb = station.scan(waybill, f"load-{n}")
        assert fb.code == "loaded" and fb.tone == "ok", fb.text
        left = total - n
        assert fb.text == (f"parcel {waybill} loaded; {left} of {total} still to load" if left else
                           f"all {total} parcels loaded: pass the vehicle (weights, IC card)")
        assert fb.params["left"] == left
        assert _out(db) == NOTHING_OUT  # loading moves nothing: no stock, no ledger, no order shipped
    assert _loaded(db, sf) == dict.fromkeys(waybills, ("manifested", "clerk"))
    with db.sessions() as s:
        picked = s.scalar(select(func.sum(Allocation.picked)).join(Parcel, Parcel.order_id == Allocation.order_id)
                          .join(Manifest).where(Manifest.manifest_no == sf))
    report = station.pass_vehicle(gross_weight="12250.5", tare_weight="11200", ic_card="IC0042")
    assert report.parcels == waybills and report.units == picked
    assert report.vehicle["ic_card"] == "IC0042" and report.vehicle["gross_weight"] == "12250.500"
    out = _out(db)
    assert out["parcels"] == out["orders"] == total and out["passes"] == 1
    with db.sessions() as s:
        assert s.scalar(select(Manifest.status).where(Manifest.manifest_no == sf)) == "exited"
        assert s.scalar(select(func.sum(Movement.quantity)).where(Movement.kind == "ship")) == picked
        # one OUT row per account-book item of each order, as much as the orders' lines
        lines = s.execute(select(OrderLine.order_id, OrderLine.account_book_item_id, OrderLine.quantity)
                          .join(Parcel, Parcel.order_id == OrderLine.order_id).join(Manifest)
                          .where(Manifest.manifest_no == sf)).all()
        wanted: dict[int, int] = {}
        for _, item, qty in lines:
            wanted[item] = wanted.get(item, 0) - qty
        outs = dict(s.execute(select(CustomsLedgerEntry.account_book_item_id, func.sum(CustomsLedgerEntry.quantity))
                              .where(CustomsLedgerEntry.biz_type == "OUT", CustomsLedgerEntry.doc_no == report.gate_pass)
                              .group_by(CustomsLedgerEntry.account_book_item_id)).all())
        assert outs == wanted
        assert out["ledger"] == len({(order, item) for order, item, _ in lines})
        assert set(s.scalars(select(Parcel.loaded_by).where(Parcel.status == "shipped"))) == {"clerk"}
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        assert all(r.ok for r in checks.check_all(uow)), [r.to_json() for r in checks.check_all(uow) if not r.ok]
    assert station.scan(waybills[0], "late").code == "already_exited"


def test_a_partial_load_does_not_pass_and_nothing_leaves(packed):
    db, (sf, yto, _) = packed
    waybills = _waybills(db, sf)
    station = GateStation(UnitsOfWork(db, actor("clerk")))
    station.scan(sf)
    assert station.scan(waybills[0]).code == "loaded"
    with pytest.raises(Rejected) as refused:
        station.pass_vehicle(gross_weight="12000", tare_weight="11000")
    assert refused.value.code == "not_loaded"
    assert refused.value.params["waybills"] == waybills[1:]
    named = waybills[1:1 + SHOWN_UNLOADED]  # the first twenty named, the rest counted
    assert all(w in refused.value.message for w in named) and waybills[0] not in refused.value.message
    assert f"{len(waybills) - 1} of its {len(waybills)} parcels are not loaded yet" in refused.value.message
    assert "nothing left the zone" in refused.value.message
    assert _out(db) == NOTHING_OUT
    with db.sessions() as s:
        assert s.scalar(select(Manifest.status).where(Manifest.manifest_no == sf)) == "created"
    with pytest.raises(PermissionDenied):  # the whole-manifest exit without loading is the supervisor's
        run(db, "clerk", gate_out, sf)
    with pytest.raises(Rejected, match="not loaded yet"):  # a supervisor's vehicle pass checks the loading too
        run(db, "supervisor", pass_vehicle, sf)
    whole = run(db, "supervisor", gate_out, sf)  # the supervisor's exit ships every parcel, loaded or not
    assert whole.parcels == waybills and _out(db)["parcels"] == len(waybills)
    assert _loaded(db, yto) == {}


def test_loading_scans_refuse_with_their_reason_and_replay_their_first_result(packed):
    db, (sf, yto, _) = packed
    waybills, stranger = _waybills(db, sf), _waybills(db, yto)[0]
    station = GateStation(UnitsOfWork(db, actor("clerk")))
    station.scan(sf)
    first = station.scan(waybills[0], "scan-1")
    again = station.scan(waybills[0], "scan-1")  # the same scan replayed: its first result, nothing done
    assert again.params.get("replayed") and again.text == f"already scanned: {first.text}"
    twice = station.scan(waybills[0], "scan-2")  # scanned again: already on the vehicle
    assert twice.code == "already_loaded" and "already on the vehicle" in twice.text and twice.tone == "error"
    assert station.scan(stranger, "scan-3").code == "not_on_manifest"
    with db.sessions() as s:  # customs stops the second parcel's list after the manifest was made
        order_id = s.scalar(select(Parcel.order_id).where(Parcel.waybill_no == waybills[1]))
        s.execute(update(InventoryList).where(InventoryList.order_id == order_id).values(return_status="500"))
        s.commit()
    held = station.scan(waybills[1], "scan-4")
    assert held.code == "not_released" and "PULL FOR INSPECTION" in held.text
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ScanEvent).where(ScanEvent.scan_id == "scan-1")) == 1
        logged = dict(s.execute(select(ScanEvent.scan_id, ScanEvent.outcome)
                                .where(ScanEvent.scan_id.in_(["scan-2", "scan-3", "scan-4"]))).all())
        s.execute(update(InventoryList).where(InventoryList.order_id == order_id).values(return_status="800"))
        s.commit()
    assert logged == {"scan-2": "rejected", "scan-3": "rejected", "scan-4": "rejected"}
    assert list(_loaded(db, sf)) == [waybills[0]]
    assert _out(db) == NOTHING_OUT


def test_a_gate_clerk_disabled_since_signing_in_is_refused_and_a_replay_is_not_answered(packed):
    """The live role is a column of the loading scan's one read: checked before a replay is answered or a parcel
    loaded, in the session already open."""
    db, (sf, _, _) = packed
    with UnitOfWork(db, actor("admin")) as uow:
        add_user(uow, "gina", "clerk", "gina-at-the-gate")
        uow.commit()
    gina = login(db, "gina", "gina-at-the-gate", station="gate-pc")
    waybills = _waybills(db, sf)
    station = GateStation(UnitsOfWork(db, gina))
    station.scan(sf)
    assert station.scan(waybills[0], "gina-1").code == "loaded"
    with UnitOfWork(db, actor("admin")) as uow:
        set_user(uow, "gina", active=False)
        uow.commit()
    for scan_id, waybill in (("gina-1", waybills[0]), ("gina-2", waybills[1])):  # a replay, then a new parcel
        refused = station.scan(waybill, scan_id)
        assert refused.tone == "error" and refused.params.get("reason") == "account_disabled", refused.text
    assert list(_loaded(db, sf)) == [waybills[0]]
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ScanEvent).where(ScanEvent.scan_id == "gina-2")) == 0


def test_a_loaded_parcel_is_cancelled_before_the_vehicle_passes_and_taken_off(packed):
    db, (sf, _, _) = packed
    waybills = _waybills(db, sf)
    station = GateStation(UnitsOfWork(db, actor("clerk")))
    station.scan(sf)
    for w in waybills:
        assert station.scan(w).code == "loaded"
    with db.sessions() as s:
        order_no, plate = s.execute(select(ConsumerOrder.order_no, Manifest.vehicle_plate)
                                    .join(Parcel, Parcel.order_id == ConsumerOrder.id)
                                    .join(Manifest, Manifest.id == Parcel.manifest_id)
                                    .where(Parcel.waybill_no == waybills[0])).one()
    result = run(db, "supervisor", cancel_order, order_no)
    assert result.released.off_vehicle == plate
    assert f"TAKE PARCEL {waybills[0]} OFF VEHICLE {plate}" in result.describe()
    assert result.released.to_json()["take_off_vehicle"] == plate
    report = station.pass_vehicle()  # the others are all loaded: the vehicle passes without it
    assert report.parcels == waybills[1:]
    with pytest.raises(Rejected):  # once the vehicle passed, a parcel comes back as a return
        run(db, "supervisor", cancel_order, _order_of(db, waybills[1]))
    _put_back_all(db)


def _order_of(db, waybill: str) -> str:
    with db.sessions() as s:
        return s.scalar(select(ConsumerOrder.order_no).join(Parcel, Parcel.order_id == ConsumerOrder.id)
                        .where(Parcel.waybill_no == waybill))


def test_cli_gate_out_scans_load_then_the_vehicle_passes(packed, cli, tmp_path):
    db, (sf, _, _) = packed
    waybills = _waybills(db, sf)
    part = tmp_path / "part.txt"
    part.write_text(waybills[0] + "\n", encoding="utf-8")
    code, out, err = cli("gate-out", sf, "--scans", str(part), "--gross-weight", "12000", "--tare-weight", "11000",
                         "--json", user="clerk")
    assert code == 1, err  # the vehicle did not pass: nothing ships, the parcels still to load are named
    data = json.loads(out)
    assert (data["manifest"], data["gated_out"], data["loaded"]) == (sf, [], waybills[:1])
    assert data["to_load"] == waybills[1:] and data["left"] == len(waybills) - 1 and data["gate_out"] is None
    assert data["scans"] == {"accepted": 1, "rejected": []}
    assert _out(db) == NOTHING_OUT
    code, _, err = cli("gate-out", sf, "--scans", str(part), "--gross-weight", "9000", "--tare-weight", "11000",
                       user="clerk")
    assert code == 1 and "is not below the gross weight" in err  # a typing slip: refused before any scan
    every = tmp_path / "all.txt"
    every.write_text("\n".join(waybills) + "\n", encoding="utf-8")
    code, out, err = cli("gate-out", sf, "--scans", str(every), "--gross-weight", "12000", "--tare-weight", "11000",
                         "--ic-card", "IC0042", "--json", user="clerk")
    data = json.loads(out)
    assert code == 1  # the first waybill was loaded already: that scan is refused, the vehicle still passes
    assert [r["line"] for r in data["scans"]["rejected"]] == [1]
    assert data["gated_out"] == waybills and data["left"] == 0 and data["to_load"] == []
    assert data["gate_out"]["vehicle"]["ic_card"] == "IC0042" and data["gate_out"]["parcels"] == len(waybills)
    assert _out(db)["parcels"] == len(waybills)
    code, out, _ = cli("gate-out", sf, "--scans", str(every), "--json", user="clerk")  # the same file again
    data = json.loads(out)
    assert code == 1 and data["gated_out"] == [] and _out(db)["passes"] == 1  # nothing ships twice


def test_cli_gate_out_scans_of_every_parcel_exit_zero(packed, cli, tmp_path):
    db, (_, yto, _) = packed
    waybills = _waybills(db, yto)
    scans = tmp_path / "yto.txt"
    scans.write_text("\n".join(waybills) + "\n", encoding="utf-8")
    code, out, err = cli("gate-out", yto, "--scans", str(scans), "--json", user="clerk")
    assert code == 0, err
    data = json.loads(out)
    assert data["gated_out"] == data["loaded"] == waybills and data["scans"]["accepted"] == len(waybills)
    assert set(data["gate_out"]) == {"manifest", "gate_pass", "parcels", "waybills", "units", "exited_at"}
    code, out, _ = cli("gate-out", yto, "--scans", str(scans), "--json", user="clerk")  # replayed: first results
    assert code == 0 and json.loads(out)["gated_out"] == []
    assert _out(db)["passes"] == 1


@pytest.mark.breaks_invariants
def test_bwms_check_reports_a_loaded_parcel_off_its_manifest_and_one_left_inside(packed):
    db, (sf, yto, _) = packed
    waybills = _waybills(db, sf)
    station = GateStation(UnitsOfWork(db, actor("clerk")))
    station.scan(sf)
    station.scan(waybills[0])

    def twelve():
        with UnitOfWork(db, actor("customs"), write=False) as uow:
            return next(r for r in checks.check_all(uow) if r.name.startswith("12 "))

    assert twelve().ok
    with db.sessions() as s:  # corrupted on purpose: the loaded parcel off its manifest, a manifest out too early
        s.execute(update(Parcel).where(Parcel.waybill_no == waybills[0]).values(manifest_id=None))
        s.execute(update(Manifest).where(Manifest.manifest_no == yto).values(status="exited"))
        s.commit()
    problems = twelve().problems
    assert f"parcel {waybills[0]} was loaded at the gate but is on no manifest" in problems
    assert any(f"the vehicle of its manifest {yto} passed the gate" in p for p in problems)
