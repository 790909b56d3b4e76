"""Issue 13, part 5: gate loading scans and `orders cancel` of the same orders, at once, many rounds.

A loading scan marks a parcel loaded onto its manifest's vehicle; a cancellation opens the order's parcel (loaded
or not), takes it off its manifest and recomputes the manifest. Both follow the lock order of
app/outbound/__init__.py (the parcel's order, then the manifest and the parcel), so on PostgreSQL neither ever
waits for what the other holds: no "deadlock detected", every scan answers `loaded` or refuses with its reason
(the parcel is no longer on the manifest), every cancellation goes through, the rest of the vehicle passes with
exactly the parcels not cancelled, and `bwms check` holds. (Before the fix a loading scan locked the manifest and
then the parcel, a cancellation the order, the parcel, then the manifest: crosswise.)
The threads start together on a barrier (an event, not a clock).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.admin import checks
from app.outbound.gate_station import GateStation
from app.outbound.shipping import create_manifest, pass_vehicle
from app.persistence.models import ConsumerOrder, Parcel
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.orders.helpers import canceller_threads, order_record, valid_id
from tests.outbound.conftest import run
from tests.outbound.test_reallocate_cancel_race import packed_orders

ROUNDS = 6
ORDERS = 8      # a round's orders of one SWS-VC60 each, all on one manifest (one vehicle)
CANCELLERS = 2  # every other order of the round is cancelled while the clerk loads the vehicle
ANSWERS = {"loaded", "not_on_manifest"}  # a loading scan's answers: loaded, or its parcel was taken off


def _orders(round_no: int) -> list[dict]:
    born = date(1971, 1, 1) + timedelta(days=round_no * ORDERS)
    return [order_record(f"LCR{round_no}{n:03d}", "SWS-VC60", qty=1, price="100.00", waybill=f"LCRWB{round_no}{n:03d}",
                         buyer_id=valid_id(f"330106{born + timedelta(days=n):%Y%m%d}003")) for n in range(ORDERS)]


def _manifest(db, folder: Path, round_no: int) -> tuple[str, list[str], list[str]]:
    """A round's orders released, allocated, picked, packed and on one new manifest: (manifest, orders, waybills)."""
    mine = packed_orders(db, folder, _orders(round_no))
    manifest = run(db, "supervisor", create_manifest, "ZTO", f"浙B{round_no}0001").manifest
    with db.sessions() as s:
        waybills = dict(s.execute(select(ConsumerOrder.order_no, Parcel.waybill_no)
                                  .join(Parcel, Parcel.order_id == ConsumerOrder.id)
                                  .where(ConsumerOrder.order_no.in_(mine))).all())
    return manifest, mine, [waybills[no] for no in mine]


def test_loading_scans_and_cancellations_of_the_same_orders(stocked, tmp_path):
    db, errors, answers, passed, kept = stocked, [], [], [], []
    cancelled: list[str] = []
    for round_no in range(ROUNDS):
        folder = tmp_path / f"round{round_no}"
        folder.mkdir()
        manifest, mine, waybills = _manifest(db, folder, round_no)
        station = GateStation(UnitsOfWork(db, actor("clerk")))
        assert station.scan(manifest).code == "manifest"
        start = threading.Barrier(1 + CANCELLERS)

        def load(station=station, waybills=waybills, round_no=round_no) -> None:
            start.wait()
            for n, waybill in enumerate(waybills):  # in the order the cancellers take the orders
                try:
                    fb = station.scan(waybill, f"race-load-{round_no}-{n}")
                    answers.append((waybill, fb.code, fb.text))
                except Exception as exc:  # noqa: BLE001 - reported by the test
                    errors.append(("load", waybill, repr(exc)))

        threads = [threading.Thread(target=load), *canceller_threads(db, mine[::2], CANCELLERS, start.wait, errors)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cancelled += mine[::2]
        kept.append(waybills[1::2])
        passed.append(run(db, "clerk", pass_vehicle, manifest).parcels)  # every parcel left on it was loaded
    assert errors == [], errors  # a deadlock is an error here (PostgreSQL: "deadlock detected")
    assert {code for _, code, _ in answers} <= ANSWERS, [a for a in answers if a[1] not in ANSWERS]
    refused = [(w, text) for w, code, text in answers if code == "not_on_manifest"]
    assert all(text.startswith(f"parcel {w} is not on manifest") for w, text in refused), refused
    assert passed == kept  # the vehicle carried exactly the parcels not cancelled
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        statuses = set(uow.session.execute(select(ConsumerOrder.status)
                                           .where(ConsumerOrder.order_no.in_(cancelled))).scalars())
        parcels = uow.session.scalar(select(func.count()).select_from(Parcel).join(
            ConsumerOrder, ConsumerOrder.id == Parcel.order_id).where(ConsumerOrder.order_no.in_(cancelled)))
        results = checks.check_all(uow)
    assert statuses == {"cancelled"} and parcels == 0  # every cancellation went through and opened its parcel
    assert [(r.name, r.problems[:3]) for r in results if not r.ok] == []
