"""The return station's scans (issue 12, performance: the same per-scan cost goal as the other stations).

How many SQL statements one return scan sends, written down here as the budget (a change that adds one fails);
counted with a `before_cursor_execute` listener (tests/statements.py), transaction control apart. Each scan is one
transaction (BEGIN IMMEDIATE on SQLite) with no savepoint on its fast path.

- The parcel scan (return number or original waybill), accepted: one read (the case its code names, its lines
  with product, lot and what came back so far, the warehouse's time zone for the 45-day clock, the replay, the
  clerk's live role) and the scan log: 2. PostgreSQL adds the scan id's claim (advisory lock): 3.
- An accepted unit scan: one read (the parcel's lines as above, the product the GTIN names, the first returns or
  damaged location no count has frozen, the replay, the live role), the stock row upserted, the movement, the
  parcel's line counted, audit, the scan log: 6. PostgreSQL adds the case's row lock and the audit chain's lock
  and head read: 9.
- CMD:CLOSE of a parcel customs has not approved yet: one read (the lines, the time zone, the replay, the live
  role), the case received, audit, the scan log: 4. PostgreSQL: the row lock and the audit chain: 7. (A close
  that books an approved return goes the slow path: the ledger, the order and the annual total change.)

Were 8 (7 by return number), 11 and 7 on SQLite through the ORM and a savepoint (the role and the replay read
apart, the case and its lines in two reads, the product, the location, the lines again for the result), with no
audit entry of the unit scan or the close.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.admin import audit
from app.admin.auth import set_user
from app.persistence.models import AuditEntry, Location, Lot, Movement, ReturnLine, Stock
from app.persistence.uow import UnitOfWork, UnitsOfWork
from app.returns import ReturnStation, request_return
from tests.conftest import actor
from tests.outbound.conftest import run
from tests.returns.conftest import RELEASED_AT, shipped_orders
from tests.statements import check_budget, statements

NOW = RELEASED_AT + timedelta(days=2)
PARCEL = {"sqlite": 2, "postgresql": 3}
UNIT = {"sqlite": 6, "postgresql": 9}
CLOSE = {"sqlite": 4, "postgresql": 7}


def _check(db, budget: dict[str, int], sent) -> None:
    check_budget(db, budget, sent)
    assert not any(s.upper().startswith(("SAVEPOINT", "RELEASE")) for s in sent.control), sent.describe()


def _held(db, lot_id: int) -> dict[tuple[str, str], int]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        rows = uow.session.execute(select(Location.code, Stock.status, Stock.quantity)
                                   .join(Location, Location.id == Stock.location_id).where(Stock.lot_id == lot_id))
        return {(code, status): qty for code, status, qty in rows}


def _count(db, model) -> int:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


@pytest.mark.pg
def test_return_scan_statements(shipped):
    order = shipped_orders(shipped)[0]
    gtin = order.lines[0].product.gtin
    run(shipped, "supervisor", request_return, order.order_no, "quality", now=NOW)
    station = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=NOW)
    with statements(shipped) as opening:
        fb = station.scan(order.waybill_no, "b-1")
    assert fb.code == "parcel", fb.text
    _check(shipped, PARCEL, opening)
    with statements(shipped) as unit:
        fb = station.scan(gtin, "b-2")
    assert fb.code == "unit_good", fb.text
    _check(shipped, UNIT, unit)
    with statements(shipped) as closing:
        fb = station.scan("CMD:CLOSE", "b-3")
    assert fb.code == "parcel_closed" and fb.params["status"] == "received", fb.text
    _check(shipped, CLOSE, closing)
    with UnitOfWork(shipped, actor("customs"), write=False) as uow:
        assert audit.verify(uow).ok


@pytest.mark.pg
def test_return_scans_count_grade_replay_and_audit(shipped):
    """The fast path keeps the station's rules: a damaged unit to the damaged location, a good one on hold at the
    returns location on its lot, a replay counts nothing and says so, a unit more than came back is refused, each
    accepted scan is audited, and a clerk disabled meanwhile is refused before anything is counted."""
    first, second = shipped_orders(shipped)[:2]
    case = run(shipped, "supervisor", request_return, first.order_no, "quality", now=NOW)
    other = run(shipped, "supervisor", request_return, second.order_no, "quality", now=NOW)
    line = first.lines[0]
    station = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=NOW)
    opened = station.scan(case.return_no, "c-1")
    assert opened.code == "parcel" and opened.params["return"] == case.return_no
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        lot_id = uow.session.scalar(select(Lot.id).where(Lot.batch_no == opened.params["lines"][0]["batch"]))
    before = _held(shipped, lot_id)
    assert station.scan("CMD:DAMAGED", "c-2").code == "damaged_next"
    graded = station.scan(line.product.gtin, "c-3")
    assert graded.code == "unit_damaged", graded.text
    assert graded.params["lines"][0]["damaged"] == 1 and graded.params["lines"][0]["good"] == 0
    assert _held(shipped, lot_id).get(("DMG-01", "damaged"), 0) == before.get(("DMG-01", "damaged"), 0) + 1
    moved = _count(shipped, Movement)
    again = station.scan(line.product.gtin, "c-3")  # the same scan id: the first result, nothing counted
    assert again.params.get("replayed") and again.code == "unit_damaged" and again.text.startswith("already scanned")
    assert _count(shipped, Movement) == moved
    assert line.quantity == 1  # the demo's first order: one unit, back already
    more = station.scan(line.product.gtin, "c-4")
    assert more.code == "more_than_returned", more.text
    assert _count(shipped, Movement) == moved
    closed = station.scan("CMD:CLOSE", "c-5")
    assert closed.accepted and closed.params["status"] == "received" and closed.params["damaged"] == 1

    good = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=NOW)
    assert good.scan(second.waybill_no, "d-1").params["return"] == other.return_no
    counted = good.scan(second.lines[0].product.gtin, "d-2")
    assert counted.code == "unit_good" and counted.params["lines"][0]["good"] == 1, counted.text
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        actions = uow.session.execute(select(AuditEntry.action, AuditEntry.entity_key, AuditEntry.outcome)
                                      .where(AuditEntry.action.in_(("return_unit", "return_close")))
                                      .order_by(AuditEntry.id)).all()
    assert [tuple(a) for a in actions] == [
        ("return_unit", case.return_no, "ok"), ("return_unit", case.return_no, "refused"),
        ("return_close", case.return_no, "ok"), ("return_unit", other.return_no, "ok")]

    run(shipped, "admin", set_user, "clerk", active=False)
    try:
        with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
            lines_before = uow.session.scalar(select(func.sum(ReturnLine.good)))
        refused = good.scan(second.lines[0].product.gtin, "d-3")
        assert refused.code == "permission_denied" and refused.params["reason"] == "account_disabled", refused.text
        with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
            assert uow.session.scalar(select(func.sum(ReturnLine.good))) == lines_before
    finally:
        run(shipped, "admin", set_user, "clerk", active=True)
