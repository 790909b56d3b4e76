"""Issue 13, part 5: a supervisor takes one loaded parcel off the vehicle (`shipping.unload_parcel`, `bwms gate
unload WAYBILL`) — customs stopped it after loading — so the rest of the vehicle passes without cancelling its
order. The parcel comes off the vehicle and the manifest (recomputed, printed again; withdrawn when it was its last
parcel) and waits, packed, for a later manifest; nothing of it moves. A clerk, a parcel not loaded (never, or
unloaded already), one already out and an unknown waybill are refused, nothing changed. The invariants are checked
by the `db` fixture at the end, and here after each step that changes something.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, update

from app.admin import checks
from app.errors import PermissionDenied, Rejected
from app.outbound.gate_station import GateStation
from app.outbound.shipping import create_manifest, gate_out, pass_vehicle, unload_parcel
from app.persistence.models import AuditEntry, ConsumerOrder, InventoryList, Manifest, Parcel, PrintJob
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.customs.test_checklist import packed
from tests.outbound.conftest import fixed_today, released, run, stocked
from tests.outbound.test_gate_loading import NOTHING_OUT, _loaded, _out, _waybills

__all__ = ["fixed_today", "packed", "released", "stocked"]


def _load_all(db, manifest: str) -> list[str]:
    waybills = _waybills(db, manifest)
    station = GateStation(UnitsOfWork(db, actor("clerk")))
    assert station.scan(manifest).code == "manifest"
    for n, waybill in enumerate(waybills):
        assert station.scan(waybill, f"unload-test-{manifest}-{n}").code == "loaded"
    return waybills


def _stop(db, waybill: str, receipt: str) -> None:
    """Customs' latest receipt for the parcel's list (500: stopped for inspection; 800: released)."""
    with db.sessions() as s:
        order_id = s.scalar(select(Parcel.order_id).where(Parcel.waybill_no == waybill))
        s.execute(update(InventoryList).where(InventoryList.order_id == order_id).values(return_status=receipt))
        s.commit()


def _invariants_hold(db) -> None:
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        results = checks.check_all(uow)
    assert [(r.name, r.problems[:3]) for r in results if not r.ok] == []


def _parcel(db, waybill: str) -> tuple:
    with db.sessions() as s:
        return s.execute(select(Parcel.status, Parcel.manifest_id, Parcel.loaded_at, Parcel.loaded_by,
                                ConsumerOrder.status).join(ConsumerOrder, ConsumerOrder.id == Parcel.order_id)
                         .where(Parcel.waybill_no == waybill)).one()


def test_a_clerk_may_not_unload_and_nothing_changes(packed):
    db, (sf, _, _) = packed
    waybills = _load_all(db, sf)
    with pytest.raises(PermissionDenied):
        run(db, "clerk", unload_parcel, waybills[0])
    with pytest.raises(PermissionDenied):
        GateStation(UnitsOfWork(db, actor("clerk"))).unload(waybills[0])
    assert _loaded(db, sf) == dict.fromkeys(waybills, ("manifested", "clerk"))
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "gate_unload",
                                                                         AuditEntry.outcome == "ok")) == 0


def test_a_parcel_stopped_after_loading_is_unloaded_and_the_rest_of_the_vehicle_passes(packed):
    db, (sf, _, _) = packed
    waybills = _load_all(db, sf)
    stopped, rest = waybills[0], waybills[1:]
    _stop(db, stopped, "500")  # customs stops it after it was loaded: the vehicle may not pass with it
    with pytest.raises(Rejected) as refused:
        run(db, "clerk", pass_vehicle, sf)
    assert refused.value.code == "unreleased_parcels" and stopped in refused.value.message
    with db.sessions() as s:
        count, plate = s.execute(select(Manifest.parcel_count, Manifest.vehicle_plate)
                                 .where(Manifest.manifest_no == sf)).one()
        reprints = s.scalar(select(func.count()).select_from(PrintJob)
                            .where(PrintJob.document == f"handover manifest {sf}"))
    report = GateStation(UnitsOfWork(db, actor("supervisor"))).unload(stopped)
    assert (report.waybill, report.manifest, report.vehicle, report.loaded_by) == (stopped, sf, plate, "clerk")
    assert (report.parcels, report.to_load, report.manifest_withdrawn) == (len(rest), 0, False)
    assert set(report.to_json()) == {"waybill", "manifest", "vehicle", "loaded_at", "loaded_by", "manifest_withdrawn",
                                     "parcels", "to_load"}
    assert report.describe().startswith(f"TAKE PARCEL {stopped} OFF VEHICLE {plate}")
    assert _parcel(db, stopped) == ("packed", None, None, "", "packed")  # off the vehicle and the manifest
    assert _out(db) == NOTHING_OUT  # nothing moved: no stock, no ledger
    with db.sessions() as s:
        assert s.scalar(select(Manifest.parcel_count).where(Manifest.manifest_no == sf)) == count - 1
        assert s.scalar(select(func.count()).select_from(PrintJob)
                        .where(PrintJob.document == f"handover manifest {sf}")) == reprints + 1  # printed again
        entry = s.execute(select(AuditEntry.username, AuditEntry.entity_key, AuditEntry.detail)
                          .where(AuditEntry.action == "gate_unload")).one()
    assert entry.username == "supervisor" and entry.entity_key == sf
    detail = entry.detail if isinstance(entry.detail, dict) else json.loads(entry.detail)
    assert detail["waybill"] == stopped and detail["vehicle"] == plate and detail["loaded_by"] == "clerk"
    _invariants_hold(db)
    with pytest.raises(Rejected) as again:  # a second unloading (a replay): refused, nothing changes
        run(db, "supervisor", unload_parcel, stopped)
    assert again.value.code == "not_on_vehicle" and f"parcel {stopped} is not loaded on a vehicle" in \
        again.value.message
    passed = run(db, "clerk", pass_vehicle, sf)  # the rest of the vehicle passes, every parcel on it loaded
    assert passed.parcels == rest and _out(db)["parcels"] == len(rest)
    assert _parcel(db, stopped)[0] == "packed"
    _invariants_hold(db)
    _stop(db, stopped, "800")  # released again: it goes on a later manifest like any packed parcel
    later = run(db, "supervisor", create_manifest, "SF", "浙A99999", [stopped])
    assert later.parcels == 1 and _parcel(db, stopped)[0] == "manifested"


def test_unloading_a_parcel_not_loaded_out_or_unknown_is_refused(packed):
    db, (sf, yto, _) = packed
    waybills, others = _waybills(db, sf), _waybills(db, yto)
    for waybill, code in ((waybills[0], "not_on_vehicle"), ("NO-SUCH-WAYBILL", "unknown_waybill")):
        with pytest.raises(Rejected) as refused:
            run(db, "supervisor", unload_parcel, waybill)
        assert refused.value.code == code, refused.value.message
    run(db, "supervisor", gate_out, yto)
    with pytest.raises(Rejected) as out:
        run(db, "supervisor", unload_parcel, others[0])
    assert out.value.code == "already_exited" and "already left the zone" in out.value.message
    assert _parcel(db, waybills[0])[0] == "manifested" and _loaded(db, sf) == {}
    _invariants_hold(db)


def test_unloading_the_last_parcel_withdraws_the_manifest(packed):
    db, (sf, _, _) = packed
    waybills = _waybills(db, sf)
    for waybill in waybills[1:]:  # cancelled: the manifest keeps one parcel
        with db.sessions() as s:
            order_no = s.scalar(select(ConsumerOrder.order_no).join(Parcel, Parcel.order_id == ConsumerOrder.id)
                                .where(Parcel.waybill_no == waybill))
        from app.orders.cancel import cancel_order
        run(db, "supervisor", cancel_order, order_no)
    _load_all(db, sf)
    report = run(db, "supervisor", unload_parcel, waybills[0])
    assert report.manifest_withdrawn and (report.parcels, report.to_load) == (0, 0)
    assert "is withdrawn" in report.describe()
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Manifest).where(Manifest.manifest_no == sf)) == 0
    assert _parcel(db, waybills[0])[:2] == ("packed", None)
    from tests.outbound.test_cancel_after_allocation import _put_back_all
    _put_back_all(db)
    _invariants_hold(db)


def test_cli_gate_unload(packed, cli):
    db, (sf, _, _) = packed
    waybills = _load_all(db, sf)
    code, _, err = cli("gate", "unload", waybills[0], "--json", user="clerk")
    assert code != 0 and err  # a clerk is refused, nothing changes
    assert waybills[0] in _loaded(db, sf)
    code, out, err = cli("gate", "unload", waybills[0], "--json", user="supervisor")
    assert code == 0, err
    data = json.loads(out)
    assert (data["waybill"], data["manifest"], data["to_load"]) == (waybills[0], sf, 0)
    assert data["parcels"] == len(waybills) - 1 and data["manifest_withdrawn"] is False
    code, out, err = cli("gate", "unload", waybills[0], user="supervisor")  # again: refused with its reason
    assert code == 1 and "is not loaded on a vehicle" in err
    code, out, err = cli("gate-out", sf, "--json", user="supervisor")  # gate-out keeps its keys
    assert code == 0, err
    assert set(json.loads(out)) == {"manifest", "gate_pass", "parcels", "waybills", "units", "exited_at"}
    assert json.loads(out)["waybills"] == waybills[1:]
