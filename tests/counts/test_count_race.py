"""Two counts created at once over the same location: the second is refused, naming the location and the count
that holds it — not a raw constraint error from `location_freeze` (issue 16; PostgreSQL, where the two check
before either has committed).

The first count's transaction stays open (its freeze written, not committed) while the second is created on
another thread; the test waits until PostgreSQL shows the second waiting for a lock (an event, not a clock),
then commits the first. On SQLite the second waits for the writer's lock and sees the first committed.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from app.counts import create_count
from app.errors import Rejected
from app.persistence.models import Location, LocationFreeze, StockCount
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.counts.conftest import stocked  # noqa: F401 - fixtures
from tests.outbound.conftest import fixed_today, home  # noqa: F401 - fixtures

pytestmark = pytest.mark.pg

_WAITING = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")


def _wait_for_a_lock_waiter(db) -> None:
    """Until another session of this database waits for a lock (polled; bounded so a failure cannot hang)."""
    polls = threading.Event()
    for _ in range(6000):
        with db.engine.connect() as conn:
            if conn.execute(_WAITING).scalar_one():
                return
        polls.wait(0.01)
    raise AssertionError("the second count never waited for the first")


def test_two_counts_created_at_once_over_one_location(stocked):
    db = stocked
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        place = uow.session.execute(select(Location.code).where(Location.kind == "storage")
                                    .order_by(Location.code).limit(1)).scalar_one()
    outcome: list = []

    def second() -> None:
        try:
            with UnitOfWork(db, actor("supervisor")) as uow:
                outcome.append(create_count(uow, location_prefix=place))
                uow.commit()
        except Exception as exc:  # noqa: BLE001 - judged by the test
            outcome.append(exc)

    with UnitOfWork(db, actor("supervisor")) as uow:
        first = create_count(uow, location_prefix=place)
        other = threading.Thread(target=second)
        other.start()
        if uow.is_postgres:
            _wait_for_a_lock_waiter(db)
        uow.commit()
    other.join()
    (refusal,) = outcome
    assert isinstance(refusal, Rejected), repr(refusal)
    assert refusal.code == "already_counting"
    assert f"{place} is already being counted (count {first.count})" in refusal.message
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(func.count()).select_from(StockCount)).scalar_one() == 1
        assert set(uow.session.execute(select(LocationFreeze.count_id)).scalars()) == {first.count}

