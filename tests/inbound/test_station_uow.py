"""A station runs each scan in a unit of work opened from its caller's opener; what the committed units
changed is recorded for the caller (who broadcasts it once), a refused scan records nothing."""

from __future__ import annotations

import re

import pytest

from app.inbound.receive_station import ReceiveStation
from app.persistence.db import Database
from app.persistence.uow import Area, Changes, UnitOfWork, UnitsOfWork
from tests.conftest import actor
from tests.inbound.conftest import DECLARATION, sample_scans
from tests.inbound.helpers import UNDECLARED_GTIN, carton


class Opener:
    """A caller's opener that keeps every unit of work it opened (the test looks at them afterwards)."""

    def __init__(self, db: Database) -> None:
        self.units = UnitsOfWork(db, actor("clerk"))
        self.opened: list[UnitOfWork] = []

    def __call__(self, *, write: bool = True) -> UnitOfWork:
        uow = self.units(write=write)
        self.opened.append(uow)
        return uow


def test_a_scan_records_its_areas_in_the_callers_unit_of_work(declared):
    opener = Opener(declared)
    st = ReceiveStation(opener, DECLARATION)
    fb = st.scan(sample_scans()[0], "scan-1")
    assert fb.accepted
    assert len(opener.opened) == 1 and opener.opened[0].write  # each scan is its own transaction
    # the first carton starts the tally: the declaration's status changes too
    assert opener.opened[0].changes.areas == {Area.TALLY, Area.INBOUND}
    assert opener.units.changes.areas == {Area.TALLY, Area.INBOUND}  # what the caller broadcasts

    again = st.scan(sample_scans()[0], "scan-1")  # a replay counts nothing and returns the first answer
    assert again.code == fb.code and again.params == {**fb.params, "replayed": True}
    assert len(opener.opened) == 2


def test_a_refused_scan_records_nothing(declared):
    opener = Opener(declared)
    fb = ReceiveStation(opener, DECLARATION).scan(carton(UNDECLARED_GTIN, "LOT-X", 1), "scan-2")
    assert not fb.accepted
    assert opener.units.changes.areas == set()


def test_the_tally_close_records_tally_inbound_and_stock(declared):
    units = UnitsOfWork(declared, actor("clerk"))
    st = ReceiveStation(units, DECLARATION)
    for i, raw in enumerate(sample_scans()):
        st.scan(raw, f"s{i}")
    units.changes = Changes()
    assert st.scan("CMD:CLOSE", "close").code == "tally_closed"
    assert units.changes.areas == {Area.TALLY, Area.INBOUND, Area.STOCK}


def test_areas_are_one_list():
    changes = Changes()
    changes.touch(Area.STOCK, "tally")  # a plain name is checked against the list
    assert changes.areas == {Area.STOCK, Area.TALLY}
    with pytest.raises(ValueError):
        changes.touch("stocks")
    assert all(re.fullmatch(r"[a-z_]+", a.value) for a in Area) and len({a.value for a in Area}) == len(Area)
