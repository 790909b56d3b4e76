"""Scan scripts the outbound tests feed to the stations, made from what the services list."""

from __future__ import annotations

from itertools import groupby

from app.outbound.waves import waves
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor


def all_waves(db: Database, status: str | None = None) -> list[dict]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return waves(uow, status=status)


def pick_scans(wave: dict) -> list[str]:
    """What a picker scans for a wave: each location, then each unit's GTIN (open tasks only)."""
    scans = []
    open_tasks = [t for t in wave["tasks"] if t["status"] == "open"]
    for location, tasks in groupby(open_tasks, key=lambda t: t["location"]):
        scans.append(f"LOC:{location}")
        for t in tasks:
            scans += [t["gtin"]] * (t["qty"] - t["picked"] - t["short"])
    return scans


def pack_scans(order: dict) -> list[str]:
    """The order number, then every unit's GTIN (what `start_parcel` said the parcel holds)."""
    return [order["order_no"]] + [c["gtin"] for c in order["contents"] for _ in range(c["qty"])]


def pick_everything(db: Database) -> None:
    from app.outbound.pick_station import PickStation

    for wave in all_waves(db, status="open"):
        station = PickStation(UnitsOfWork(db, actor("clerk")), wave["wave"])
        for n, raw in enumerate(pick_scans(wave)):
            fb = station.scan(raw, f"pick-{wave['wave']}-{n}")
            assert fb.tone != "error", fb.text


def pack_order(db: Database, order_no: str, label_out=None, weight=None):
    """Pack one picked order at a pack station, weighed at its computed weight (or `weight`)."""
    from app.outbound.pack_station import PackStation

    station = PackStation(UnitsOfWork(db, actor("clerk")), label_out=label_out)
    first = station.scan(order_no)
    assert first.tone != "error", first.text
    for raw in pack_scans(first.params)[1:]:
        fb = station.scan(raw)
        assert fb.tone != "error", fb.text
    return station.weigh(weight or first.params["computed_weight"])
