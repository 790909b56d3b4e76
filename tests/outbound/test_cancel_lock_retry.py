"""Issue 16: the retry round of `lock_with_waves` (app/outbound/cancel.py), provoked on purpose.

A cancellation reads the waves its order has open pick tasks in, locks them, then locks the order. An allocation
run that waves the order in between (a real second transaction, committed on its own connection while the
cancellation is held just before its wave lock) makes a wave the cancellation did not lock: it must let go and go
round again, locking that wave too before the order. Deterministic: the cancellation's own statement is the
signal (a SQLAlchemy event), the allocation runs to its commit before the cancellation goes on, no clock.
PostgreSQL only: on SQLite the writer holds the whole database from BEGIN IMMEDIATE, so there is no round to retry
(and a second writer could not run in between).
"""

from __future__ import annotations

import threading

import pytest
from psycopg.errors import LockNotAvailable
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from app.orders.cancel import cancel_order
from app.outbound.allocation import allocate
from app.persistence.models import Allocation, ConsumerOrder, PickTask, Stock, Wave
from tests.outbound.conftest import TODAY, run


def _wave_lock(statement: str) -> bool:
    """`lock_with_waves`'s lock of the order's waves (the only FOR UPDATE of wave ids in ascending order)."""
    flat = " ".join(statement.split())
    return flat.startswith("SELECT wave.id FROM wave WHERE wave.id IN") and flat.endswith("ORDER BY wave.id FOR UPDATE")


def _locked_elsewhere(db, sql: str, **params) -> bool:
    """Whether another connection finds the row locked (FOR UPDATE NOWAIT refused at once: no waiting)."""
    with db.engine.connect() as conn:
        try:
            conn.execute(text(sql + " FOR UPDATE NOWAIT"), params).all()
        except OperationalError as exc:
            assert isinstance(exc.orig, LockNotAvailable), exc
            return True
        finally:
            conn.rollback()
    return False


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_wave_made_between_the_read_and_the_lock_sends_the_cancellation_round_again(released):
    db = released
    with db.sessions() as s:
        order_no, order_id = s.execute(select(ConsumerOrder.order_no, ConsumerOrder.id)
                                       .order_by(ConsumerOrder.id).limit(1)).one()
        assert s.scalar(select(func.count()).select_from(PickTask).where(PickTask.order_id == order_id)) == 0
    main = threading.get_ident()
    rounds: list[list[int]] = []  # the wave ids each round of the cancellation locked
    allocated: list = []
    seen: dict[str, bool] = {}

    def allocation_run() -> None:
        try:
            allocated.append(run(db, "supervisor", allocate, [order_no], today=TODAY))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            allocated.append(exc)

    def before(conn, cursor, statement, parameters, context, executemany) -> None:
        if threading.get_ident() != main or not _wave_lock(statement):
            return
        rounds.append(list(parameters.values()) if isinstance(parameters, dict) else list(parameters))
        if len(rounds) == 1:  # the waves are read, none locked yet: the allocation run waves the order, commits
            other = threading.Thread(target=allocation_run)
            other.start()
            other.join(timeout=120)  # a safety net only: the run needs nothing the cancellation holds
            assert not other.is_alive(), "the allocation run waited for the cancellation"

    def after(conn, cursor, statement, parameters, context, executemany) -> None:
        if threading.get_ident() == main and _wave_lock(statement) and len(rounds) == 2:
            # the second round holds the waves it named (the order not yet: it is locked next)
            seen["locked"] = all(_locked_elsewhere(db, "SELECT id FROM wave WHERE id = :w", w=w) for w in rounds[1])

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        result = run(db, "supervisor", cancel_order, order_no)
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)

    assert len(allocated) == 1 and not isinstance(allocated[0], Exception), allocated
    assert allocated[0].allocated == 1 and len(allocated[0].waves) == 1  # the run did wave the order in between
    wave_no = allocated[0].waves[0]
    with db.sessions() as s:
        wave_id = s.scalar(select(Wave.id).where(Wave.wave_no == wave_no))
    # the first round locked no wave and found one made meanwhile: the second round locked it before the order
    assert rounds == [[], [wave_id]], rounds
    assert seen == {"locked": True}
    assert result.previous_status == "allocated"  # the status read under the lock: what the run committed
    assert result.released.waves == [wave_no] and result.released.tasks >= 1 and result.released.unreserved >= 1
    with db.sessions() as s:
        assert s.scalar(select(ConsumerOrder.status).where(ConsumerOrder.id == order_id)) == "cancelled"
        assert s.scalar(select(func.count()).select_from(Allocation).where(
            Allocation.order_id == order_id, Allocation.state == "open")) == 0
        assert s.scalar(select(func.count()).select_from(PickTask).where(
            PickTask.order_id == order_id, PickTask.status == "open")) == 0
        assert s.scalar(select(func.coalesce(func.sum(Stock.reserved), 0))) == 0  # every reservation given back

