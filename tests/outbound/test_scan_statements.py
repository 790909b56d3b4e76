"""How many SQL statements one pick, pack and gate scan sends (issue 10, part 7), and one put-away scan.

The numbers are written down here as the budget; a change that adds statements to a scan fails. Counted with a
`before_cursor_execute` listener (tests/statements.py); transaction control is counted apart. These are the
numbers reached so far (the receive scan's five is in tests/inbound/test_scan_statements.py).

An accepted pick unit scan on SQLite: one read (the wave's open tasks at the location with their allocations,
the next stop when the scan empties the location, the packing location, the product of the GTIN, the replay, the
live role), the source stock row taken, the packing row upserted, the movement rows, allocations, task, the order
when it is complete (one Prepared UPDATE per order, no IN list), audit, scan log.
PostgreSQL adds the wave's row lock and the audit chain's lock and head read.
A gate parcel scan LOADS the parcel onto the vehicle (issue 13: nothing leaves until the vehicle passes), one
transaction (the station looks a code up as a manifest only when it is no parcel of the current one): one read
(the parcel, its list's receipt, the other parcels still to load, the replay, the live role), the parcel's loading,
audit, scan log. PostgreSQL adds the row locks of the parcel's order and of the manifest, and the audit chain's lock
and head read.
A pack order scan: one read (order, list, parcel, replay, live role, and the contents with weights: one row per
allocation), the scan log. The pack weigh: the order read and the contents read, the parcel and its items (one insert), and then what the label and packing list
documents read and queue (app.outbound.documents, app.documents.queue: 2 print jobs, each audited).
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.admin import audit
from app.outbound.allocation import allocate
from app.outbound.gate_station import GateStation
from app.outbound.pack_station import PackStation
from app.outbound.pick_station import PickStation
from app.outbound.shipping import create_manifest
from app.persistence.models import ConsumerOrder, Movement, Parcel
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.outbound.conftest import TODAY, run
from tests.outbound.helpers import all_waves, pack_scans, pick_everything, pick_scans
from tests.statements import check_budget, statements

# Live roles (issue 16): the user's role and enabled flag are read from the database on every scan, so a user
# disabled or demoted meanwhile is refused: the pick unit, pack order and gate loading scans read them in their one
# read
# statements of work per scan, by engine (transaction control apart)
PICK_UNIT = {"sqlite": 9, "postgresql": 12}
PACK_ORDER = {"sqlite": 2, "postgresql": 2}  # was 3: the contents read apart
# the weigh makes the parcel and queues its label and packing list through the document registry: each document
# is audited as a print with its key (issue 10's registry), and each document's data is read for it
PACK_WEIGH = {"sqlite": 30, "postgresql": 43}  # +1 (issue 11): the label names the carrier as customs registered it
# a loading scan (issue 13): was 13 and 16 when each scan shipped its parcel (stock, allocations, ledger, order);
# PostgreSQL +1 (7 → 8): the parcel's order is row-locked before the manifest, in the outbound lock order, as a
# cancellation opening that parcel locks them (manifest first deadlocked with it: tests/outbound/
# test_load_cancel_race.py); two statements, as one statement locking both would not say which it locks first
GATE_PARCEL = {"sqlite": 4, "postgresql": 8}


def _check(db, budget: dict[str, int], sent) -> None:
    check_budget(db, budget, sent)


def _chain_holds(db) -> None:
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        assert audit.verify(uow).ok


def test_pick_scan_statements(released):
    run(released, "supervisor", allocate, today=TODAY)
    wave = all_waves(released, status="open")[0]
    scans = pick_scans(wave)
    station = PickStation(UnitsOfWork(released, actor("clerk")), wave["wave"])
    assert station.scan(scans[0], "p-0").tone != "error"  # the location
    assert station.scan(scans[1], "p-1").tone != "error"  # the first unit there
    units = [raw for raw in scans[2:] if not raw.startswith("LOC:")]
    raw = scans[2] if not scans[2].startswith("LOC:") else None
    if raw is None:
        station.scan(scans[2], "p-2")
        raw = scans[3]
    with statements(released) as sent:
        fb = station.scan(raw, "p-measured")
    assert fb.tone != "error", fb.text
    assert units
    _check(released, PICK_UNIT, sent)
    _chain_holds(released)


def test_pack_and_gate_scan_statements(released, tmp_path):
    run(released, "supervisor", allocate, today=TODAY)
    pick_everything(released)
    with released.sessions() as s:
        order_nos = list(s.scalars(select(ConsumerOrder.order_no).order_by(ConsumerOrder.id)))
    station = PackStation(UnitsOfWork(released, actor("clerk")), label_out=tmp_path / "labels")
    for n, order_no in enumerate(order_nos):
        with statements(released) as opening:
            first = station.scan(order_no, f"pack-{n}")
        assert first.tone != "error", first.text
        for raw in pack_scans(first.params)[1:]:
            assert station.scan(raw).tone != "error"
        with statements(released) as weighing:
            assert station.weigh(first.params["computed_weight"]).tone == "ok"
        if n == 1:  # the second parcel: nothing first-time (label printer settings, queues) left
            _check(released, PACK_ORDER, opening)
            _check(released, PACK_WEIGH, weighing)
    manifest = run(released, "supervisor", create_manifest, "SF", "浙A12345")
    with released.sessions() as s:
        waybills = list(s.scalars(select(Parcel.waybill_no).where(Parcel.carrier_code == "SF").order_by(Parcel.id)))
    gate = GateStation(UnitsOfWork(released, actor("clerk")))
    assert gate.scan(manifest.manifest).tone != "error"
    assert gate.scan(waybills[0], "g-0").tone != "error"
    with statements(released) as sent:
        fb = gate.scan(waybills[1], "g-1")
    assert fb.tone != "error", fb.text
    _check(released, GATE_PARCEL, sent)
    _chain_holds(released)


def test_a_replayed_pick_scan_reads_once_and_moves_nothing(released):
    run(released, "supervisor", allocate, today=TODAY)
    wave = all_waves(released, status="open")[0]
    scans = pick_scans(wave)
    station = PickStation(UnitsOfWork(released, actor("clerk")), wave["wave"])
    assert station.scan(scans[0], "r-0").tone != "error"  # the location
    first = station.scan(scans[1], "r-1")
    assert first.tone != "error", first.text
    with released.sessions() as s:
        moved = s.scalar(select(func.count()).select_from(Movement))
    with statements(released) as sent:
        again = station.scan(scans[1], "r-1")
    assert again.text.endswith(first.text) and again.code == first.code
    assert sent.work and all(s.upper().startswith("SELECT") for s in sent.work), sent.describe()
    with released.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Movement)) == moved
