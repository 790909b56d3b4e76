"""How many SQL statements one station scan sends (issue 10, part 7: the scan path at the durable floor).

The numbers are the budget, written down here: a change that adds a statement to a scan fails these tests.
Counted with a `before_cursor_execute` listener; transaction control (BEGIN IMMEDIATE on SQLite) is counted
apart. An accepted receive scan on SQLite: one read (lines of the product with their tallies, declaration
status, the scan id's first result, carton, shelf-life setting, time zone), the scan log row, the tally
upsert, the tally-scan row, the audit entry (its chain link computed in the INSERT). PostgreSQL adds the
declaration's row lock, and the audit chain's advisory lock and head read.
"""

from __future__ import annotations

from sqlalchemy import select

from app.admin import audit
from app.persistence.models import ScanEvent
from app.persistence.uow import UnitOfWork
from app.stations import Tone
from tests.conftest import actor
from tests.inbound.helpers import A2P, SWS, carton, sscc, station
from tests.statements import statements

RECEIVE_SCAN = {"sqlite": 5, "postgresql": 8}


def _engine(db) -> str:  # noqa: ANN001
    return db.engine.dialect.name


def test_an_accepted_receive_scan_keeps_to_its_statement_budget(declared):
    st = station(declared)
    assert st.scan(carton(A2P, "A2P43432", 12), "first").tone == Tone.OK  # the first scan also starts the tally
    with statements(declared) as sent:
        fb = st.scan(carton(SWS, "SWS37519", 24, sscc=sscc(77)), "second")
    assert fb.tone == Tone.OK and fb.code == "counted", fb.text
    assert len(sent.work) == RECEIVE_SCAN[_engine(declared)], sent.describe()
    if _engine(declared) == "sqlite":
        assert sent.control == ["BEGIN IMMEDIATE"], sent.describe()  # the writer takes the lock up front
    with UnitOfWork(declared, actor("customs"), write=False) as uow:
        assert audit.verify(uow).ok
        assert uow.session.execute(select(ScanEvent.outcome).where(ScanEvent.scan_id == "second")).scalar() \
            == "accepted"


def test_a_replayed_receive_scan_reads_once_and_writes_nothing(declared):
    st = station(declared)
    raw = carton(A2P, "A2P43432", 12)
    first = st.scan(raw, "same")
    with statements(declared) as sent:
        again = st.scan(raw, "same")
    assert again.text.endswith(first.text) and again.code == first.code
    assert len(sent.work) == RECEIVE_SCAN[_engine(declared)] - 4 and all(
        s.upper().startswith("SELECT") for s in sent.work), sent.describe()
    assert sum(r.received for r in st.tally()) == 12
