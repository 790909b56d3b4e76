"""A location an open count has frozen takes no goods in and gives none out, at every station that moves stock
there (issue 13: "picks and put-aways there are refused with the reason"): receiving to a counted inspection or
dock location (the tally's close), put-away out of a counted staging location (the station's fast path and the
whole-declaration run), picked units put down at a counted packing location (a named one is refused; by default
the first packing location no count holds; none left: refused). Each refusal names the location and the count."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.counts import CountStation, close_count, create_count
from app.errors import Rejected
from app.inbound import putaway
from app.inbound import release as receiving_release
from app.outbound import allocate
from app.outbound.pick_station import PickStation
from app.persistence.models import InboundDeclaration, Location, Lot, Stock
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.counts.conftest import stocked  # noqa: F401 - fixtures
from tests.outbound.conftest import (  # noqa: F401 - fixtures
    DECLARATION,
    TODAY,
    declare_and_release,
    fixed_today,
    home,
    load_master,
    run,
    tally_container,
)
from tests.outbound.helpers import all_waves, pick_scans

pytestmark = pytest.mark.pg


def _count_empty(db, count_id: int, *codes: str) -> None:
    """Visit the count's empty locations and close it (no differences): they thaw."""
    station = CountStation(UnitsOfWork(db, actor("clerk")), count_id)
    for code in codes:
        assert station.scan(f"LOC:{code}").accepted
    run(db, "clerk", close_count, count_id)


def _units_at(db, code: str) -> int:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return int(uow.session.execute(select(func.coalesce(func.sum(Stock.quantity), 0))
                                       .join(Location, Location.id == Stock.location_id)
                                       .where(Location.code == code)).scalar_one())


def test_receiving_and_put_away_refuse_a_counted_staging_location(db, home):
    load_master(db)
    docks = run(db, "supervisor", create_count, location_prefix="DOCK-")
    inspection = run(db, "supervisor", create_count, location_prefix="HOLD-")
    station = tally_container(db)
    closed = station.scan("CMD:CLOSE", "rcv-close")
    assert not closed.accepted and closed.code == "location_frozen"
    assert f"location HOLD-01 is frozen for stock count {inspection.count}: no receiving there" in closed.text
    with UnitOfWork(db, actor("clerk"), write=False) as uow:  # nothing received: no lot, still tallying
        assert uow.session.execute(select(func.count()).select_from(Lot)).scalar_one() == 0
        assert uow.session.execute(select(InboundDeclaration.status)).scalar_one() == "tallying"
    _count_empty(db, inspection.count, "HOLD-01")
    assert station.scan("CMD:CLOSE", "rcv-close-2").accepted  # HOLD-01 thawed: the goods wait there
    staged = _units_at(db, "HOLD-01")
    assert staged > 0 and _units_at(db, "DOCK-01") == 0
    run(db, "customs", receiving_release.release, DECLARATION)
    again = run(db, "supervisor", create_count, location_prefix="HOLD-")  # a count of the staged goods
    with pytest.raises(Rejected, match=f"location HOLD-01 is frozen for stock count {again.count}: no put-away") as no:
        run(db, "supervisor", putaway.all_suggested, DECLARATION)
    assert no.value.code == "location_frozen"
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        sscc = uow.session.execute(select(Stock.lpn).join(Location, Location.id == Stock.location_id)
                                   .where(Location.code == "HOLD-01", Stock.lpn != "").limit(1)).scalar_one()
    with UnitOfWork(db, actor("clerk")) as uow:  # the station's scan (its fast path gives way to the refusal)
        result = putaway.location_scan(uow, f"]C100{sscc}", "B-01-01", "LOC:B-01-01", "put-1")
        uow.commit()
    assert result.code == "location_frozen" and f"stock count {again.count}" in result.text
    assert _units_at(db, "HOLD-01") == staged
    assert docks.count != again.count


def test_picked_units_are_not_put_down_at_a_counted_packing_location(stocked, tmp_path):
    db = stocked
    declare_and_release(db, tmp_path)
    run(db, "supervisor", allocate, today=TODAY)
    first = run(db, "supervisor", create_count, location_prefix="PACK-01")
    second = run(db, "supervisor", create_count, location_prefix="PACK-02")
    wave = all_waves(db, status="open")[0]
    location, gtin = pick_scans(wave)[:2]
    named = PickStation(UnitsOfWork(db, actor("clerk")), wave["wave"], packing="PACK-02")
    assert named.scan(location).tone == "prompt"
    refused = named.scan(gtin, "pick-named")
    assert refused.code == "location_frozen" and f"PACK-02 is frozen for stock count {second.count}" in refused.text
    station = PickStation(UnitsOfWork(db, actor("clerk")), wave["wave"])
    assert station.scan(location).tone == "prompt"
    refused = station.scan(gtin, "pick-all-frozen")  # every packing location is being counted
    assert refused.code == "location_frozen" and f"PACK-01 is frozen for stock count {first.count}" in refused.text
    assert "no picked goods put down there" in refused.text
    _count_empty(db, second.count, "PACK-02")
    picked = station.scan(gtin, "pick-default")  # the first packing location no count holds
    assert picked.code == "picked" and picked.params["to"] == "PACK-02", picked.text
    assert _units_at(db, "PACK-01") == 0 and _units_at(db, "PACK-02") == 1
