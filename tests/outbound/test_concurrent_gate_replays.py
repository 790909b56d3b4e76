"""Issue 16, finding 6 at the gate: the same `bwms gate-out MANIFEST --scans FILE` replayed by two processes at once.

Each line carries the same scan id in both processes, so one of them loads each parcel and the other gets that
first result back; whichever finds every parcel loaded first lets the vehicle pass, and the other finds the
manifest gone out ("already left the zone"). Never an IntegrityError or a traceback, each parcel loaded and shipped
once, one vehicle pass; the `db` fixture checks every invariant at the end. Two real processes, started together
at a barrier, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.persistence.models import CustomsLedgerEntry, Movement, Parcel, ScanEvent, VehiclePass
from tests.customs.test_checklist import packed
from tests.outbound.conftest import fixed_today, released, stocked
from tests.outbound.test_concurrent_replays import _together
from tests.outbound.test_gate_loading import _waybills

__all__ = ["fixed_today", "packed", "released", "stocked"]

PROCESSES = 2


@pytest.mark.slow
def test_one_gate_file_replayed_by_two_processes_at_once_loads_and_ships_each_parcel_once(packed, db_url, home,
                                                                                        tmp_path):
    db, (sf, _, _) = packed
    waybills = _waybills(db, sf)
    assert len(waybills) >= 2
    path = tmp_path / "gate.txt"
    path.write_text("\n".join(waybills) + "\n", encoding="utf-8")
    argvs = [["--db", db_url, "--user", "clerk", "--station", f"gate-{n}", "gate-out", sf, "--scans", str(path),
              "--gross-weight", "12000", "--tare-weight", "11000", "--json"] for n in range(PROCESSES)]
    outcomes = _together(argvs, home)
    reports = []
    for code, out, err in outcomes:
        assert code == 0 and "Error" not in err and "Traceback" not in err, err or out
        report = json.loads(out)
        # every scan loaded the parcel or answered with its first result (loaded, by whichever process was first)
        assert report["scans"] == {"accepted": len(waybills), "rejected": []}, out
        assert report["loaded"] == waybills and report["left"] == 0 and report["to_load"] == [], out
        reports.append(report)
    # the vehicle passed once: one process shipped every parcel, the other found the manifest gone out
    shipped = [r for r in reports if r["gated_out"]]
    assert len(shipped) == 1, reports
    assert shipped[0]["gated_out"] == waybills and shipped[0]["gate_out"]["parcels"] == len(waybills)
    other = next(r for r in reports if r is not shipped[0])
    assert other["gate_out"] is None and "refused" not in other, other
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(VehiclePass)) == 1
        assert s.scalar(select(func.count()).select_from(ScanEvent).where(ScanEvent.workflow == "gate")) == len(
            waybills)  # one log row a line, whoever scanned it
        statuses = dict(s.execute(select(Parcel.waybill_no, Parcel.status)
                                  .where(Parcel.waybill_no.in_(waybills))).all())
        assert statuses == dict.fromkeys(waybills, "shipped")
        assert s.scalar(select(func.count()).select_from(Movement).where(Movement.kind == "ship")) > 0
        out_rows = s.scalar(select(func.count()).select_from(CustomsLedgerEntry)
                            .where(CustomsLedgerEntry.biz_type == "OUT"))
    assert out_rows > 0
