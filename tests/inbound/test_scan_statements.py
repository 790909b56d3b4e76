"""How many SQL statements one station scan sends (issue 10, part 7: the scan path at the durable floor).

The numbers are the budget, written down here: a change that adds a statement to a scan fails these tests.
Counted with a `before_cursor_execute` listener; transaction control (BEGIN IMMEDIATE on SQLite) is counted
apart. An accepted receive scan on SQLite: one read (lines of the product with their tallies, declaration
status, the scan id's first result, carton, shelf-life setting, time zone), the scan log row, the tally
upsert, the tally-scan row, the audit entry (its chain link computed in the INSERT). PostgreSQL adds the
declaration's row lock, and the audit chain's advisory lock and head read.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from app.admin import audit
from app.domain.gs1 import decode
from app.inbound import putaway
from app.persistence.models import ScanEvent, Stock
from app.persistence.uow import UnitOfWork
from app.stations import Tone
from tests.conftest import actor
from tests.inbound.conftest import DECLARATION
from tests.inbound.helpers import A2P, SWS, carton, sscc, station
from tests.inbound.test_release_putaway import putaway_station, released, sscc_of, tallied  # noqa: F401 - fixture
from tests.statements import check_budget, statements

# Live roles (issue 16): the user's role and enabled flag are read from the database on every scan, so a user
# disabled or demoted meanwhile is refused; the carton scan reads them as a column of its one read (no SELECT of
# their own), and so do the put-away scans of a handling unit
RECEIVE_SCAN = {"sqlite": 5, "postgresql": 8}
RECEIVE_REPLAY = {"sqlite": 1, "postgresql": 2}  # the one read (PostgreSQL: after the declaration's row lock)
# The put-away station's two scans of a pallet or carton (SSCC). Goods: the test's own read of the SSCC, then one read
# (the staged row, the suggestion, the replay, the live role) and the scan log. Location: one read (the staged row,
# the target, mixed lots, what else waits in staging, the replay, the live role), the source row deleted (the whole
# unit leaves it: one guarded DELETE, was an UPDATE and then a DELETE of the emptied row), the target row upserted,
# the movement, audit, scan log; PostgreSQL adds the audit chain's lock and head read.
PUTAWAY_GOODS = {"sqlite": 3, "postgresql": 3}
PUTAWAY_LOCATION = {"sqlite": 6, "postgresql": 8}  # was 7 and 9


def _engine(db) -> str:
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
    assert len(sent.work) == RECEIVE_REPLAY[_engine(declared)] and all(
        s.upper().startswith("SELECT") for s in sent.work), sent.describe()
    assert sum(r.received for r in st.tally()) == 12


def _check(db, budget: dict[str, int], sent) -> None:
    check_budget(db, budget, sent)


def test_put_away_scans_keep_to_their_statement_budget(tallied):
    released(tallied)
    st = putaway_station(tallied)
    first = st.scan("]C100" + sscc_of(tallied, "A2P43432"), "p-1")
    assert st.scan(f"LOC:{first.params['suggested']}", "p-2").code == "put_away"
    with statements(tallied) as goods_sent:
        goods = st.scan("]C100" + sscc_of(tallied, "SWS37519"), "p-3")
    assert goods.tone == Tone.PROMPT, goods.text
    with statements(tallied) as location_sent:
        moved = st.scan(f"LOC:{goods.params['suggested']}", "p-4")
    assert moved.code == "put_away", moved.text
    _check(tallied, PUTAWAY_GOODS, goods_sent)
    _check(tallied, PUTAWAY_LOCATION, location_sent)
    with UnitOfWork(tallied, actor("customs"), write=False) as uow:
        assert audit.verify(uow).ok


def test_a_pallet_goods_scan_suggests_what_the_put_away_rule_suggests(tallied):
    """The goods scan's one read computes the suggestion in SQL: it must agree with `putaway.suggest` for every
    staged handling unit, as they are put away one after the other (same lot first, else the next empty)."""
    released(tallied)
    st = putaway_station(tallied)
    one = st.scan(carton(A2P, "A2P43432", 1), "one")  # one unit of a lot first: its cartons then go with it
    assert st.scan(f"LOC:{one.params['suggested']}", "one-to").code == "put_away"
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        units = [row.goods.lpn for row in putaway.plan(uow, DECLARATION) if row.goods.lpn]
    assert len(units) > 2
    same_lot = 0
    for n, lpn in enumerate(units):
        with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
            goods = putaway.identify(uow, decode("]C100" + lpn))
            to = putaway.suggest(uow, goods)
            expected = to.code if to is not None else None
            same_lot += bool(to is not None and uow.session.execute(select(Stock.id).where(
                Stock.location_id == to.id, Stock.lot_id == goods.lot_id)).first())
        fb = st.scan("]C100" + lpn, f"g-{n}")
        assert fb.params["suggested"] == expected, fb.text
        if expected is not None:
            assert st.scan(f"LOC:{expected}", f"l-{n}").code == "put_away"
    assert same_lot, "no unit went to a location already holding its lot: the same-lot rule was not exercised"
    with UnitOfWork(tallied, actor("customs"), write=False) as uow:
        assert audit.verify(uow).ok


def test_a_put_away_scan_finds_its_pallet_by_the_sscc_index(tallied):
    """Both put-away reads of a pallet or carton find its staged row through the SSCC index (ix_stock_lpn), not by
    walking every stock row in the dock and inspection locations, and the location scan asks whether more of the
    declaration waits from the declaration's lots (ix_stock_lot), not from staging's stock rows: a scan costs the
    same however many pallets of other containers wait there (customs can hold a container's pallets for days;
    bench/b_putaway.py). SQLite's plan, read with EXPLAIN QUERY PLAN; its first step is how the statement's outer
    stock row is found."""
    if _engine(tallied) != "sqlite":
        pytest.skip("the plan checked is SQLite's; PostgreSQL plans by its statistics")
    released(tallied)
    st = putaway_station(tallied)
    reads: list[tuple[str, object]] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "stock.lpn = ?" in statement:
            reads.append((statement, parameters))

    event.listen(tallied.engine, "before_cursor_execute", seen)
    try:
        goods = st.scan("]C100" + sscc_of(tallied, "SWS37519"), "p-1")
        assert st.scan(f"LOC:{goods.params['suggested']}", "p-2").code == "put_away"
    finally:
        event.remove(tallied.engine, "before_cursor_execute", seen)
    assert len(reads) == 2, reads  # the goods scan's read and the location scan's read
    with tallied.engine.connect() as conn:
        for statement, parameters in reads:
            plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", tuple(parameters))]
            assert plan[0] == "SEARCH stock USING INDEX ix_stock_lpn (lpn=?)", plan
    # the location scan's read (the last): no step walks a location's stock rows; the declaration's are found by lot
    assert not [step for step in plan if "stock" in step and "(location_id=?)" in step], plan
    assert any("USING INDEX ix_stock_lot (lot_id=?)" in step for step in plan), plan
