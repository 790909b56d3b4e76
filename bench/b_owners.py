"""Owners: allocation with 20 owners sharing 5,000 lots (100,000 order lines, each order drawing only on its
owner's lots), and an owner's monthly statement over 1,000,000 movements of one month (SQLite and PostgreSQL).

Goals (issue 14): allocation ≥ 3,333 order lines/s (issue 16's headroom goal: ≥ 10,000 lines/s); a statement
over 1,000,000 movements in under 5 s. The statement is also timed with three months of history before its month
(3,000,000 more movements, SQLite): a warehouse's statement must not grow with the months behind it.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.models import Movement, Tariff
from app.persistence.uow import SYSTEM, UnitOfWork
from bench.b_outbound import LINES, LOTS, PRODUCTS, TODAY, _master, build_allocation_db, lot_owner

OWNERS = 20
LINES_GOAL, HEADROOM_GOAL = 3_333, 10_000
MOVEMENTS, BATCH = 1_000_000, 50_000
STATEMENT_GOAL_S = 5.0
MONTH = "2026-11"
START = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)  # 2026-11-01 00:00 in Asia/Shanghai
HISTORY = (datetime(2026, 7, 31, 16, 0, tzinfo=UTC), datetime(2026, 8, 31, 16, 0, tzinfo=UTC),
           datetime(2026, 9, 30, 16, 0, tzinfo=UTC))  # August, September, October in Asia/Shanghai


def bench_allocation(ctx) -> None:
    from app.outbound.allocation import allocate

    url = ctx.fresh_sqlite("owners_allocation")
    orders = build_allocation_db(url, owners=OWNERS)
    db = open_database(url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM) as uow:
        report = allocate(uow, today=TODAY)
        uow.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    assert report.allocated + len(report.waiting) == orders, report.describe()[:200]
    rate = LINES / seconds
    name = (f"allocate {LINES:,} order lines ({orders:,} orders, {OWNERS} owners) over {LOTS:,} lots, SQLite "
            f"({report.allocated:,} filled, {len(report.waiting):,} waiting; CPU {cpu:.1f} s)")
    ctx.report(name, rate, "lines/s", f">= {LINES_GOAL:,}", rate >= LINES_GOAL)
    ctx.report("  the same, against issue 16's headroom goal", rate, "lines/s", f">= {HEADROOM_GOAL:,}",
               rate >= HEADROOM_GOAL)


def _movements(conn, lots: list[int], products: int, start_at: datetime = START) -> None:
    """1,000,000 movements of the owner's lots in the 30 days from `start_at`: receive, put away, pick, ship, over
    and over."""
    step = (30 * 86400) / MOVEMENTS
    packing = LOTS + 1
    for start in range(0, MOVEMENTS, BATCH):
        rows = []
        for n in range(start, start + BATCH):
            cycle, phase = divmod(n, 4)
            lot = lots[cycle % len(lots)]
            at = start_at + timedelta(seconds=n * step)
            dock, shelf = 1 + cycle % 50, 51 + cycle % (LOTS - 50)
            src, dst, kind = ((None, dock, "receive"), (dock, shelf, "putaway"), (shelf, packing, "pick"),
                              (packing, None, "ship"))[phase]
            rows.append({"at": at, "kind": kind, "lot_id": lot, "quantity": 2, "from_location_id": src,
                         "from_status": None if src is None else "available", "from_lpn": None if src is None else "",
                         "to_location_id": dst, "to_status": None if dst is None else "available",
                         "to_lpn": (f"LPN{cycle:09d}" if kind == "receive" else "") if dst is not None else None,
                         "ref_type": "bench", "ref_no": f"WB{cycle:09d}", "user_id": None, "station": "bench",
                         "note": ""})
        conn.execute(insert(Movement.__table__), rows)


def _build_statement_db(url: str, history: tuple[datetime, ...] = ()) -> int:
    db = open_database(url)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        _master(conn, LOTS, PRODUCTS, OWNERS)
        from app.persistence.models import Location
        conn.execute(insert(Location.__table__), [{"id": LOTS + 1, "code": "PACK-1", "kind": "packing",
                                                   "pick_sequence": 0, "active": True}])
        conn.execute(insert(Tariff.__table__), [{"owner_id": 1, "per_order": 3, "per_unit_shipped": 1,
                                                 "per_carton_received": 5, "per_location_day": 1}])
        lots = [n for n in range(1, LOTS + 1) if lot_owner(n, PRODUCTS, OWNERS) == 1]
        for month_start in (*history, START):
            _movements(conn, lots, PRODUCTS, month_start)
    db.dispose()
    return MOVEMENTS * (len(history) + 1)


def _time_statement(url: str) -> tuple[float, dict]:
    from app.owners import monthly_statement

    db = open_database(url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        st = monthly_statement(uow, "OWN01", MONTH, now=datetime(2026, 12, 2, tzinfo=UTC))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    return seconds, {**st.to_json(), "cpu": cpu}


def bench_statement(ctx) -> None:
    url = ctx.fresh_sqlite("owners_statement")
    _build_statement_db(url)
    seconds, data = _time_statement(url)
    assert data["shipped"]["units"] == MOVEMENTS // 4 * 2, data
    ctx.report(f"monthly statement over {MOVEMENTS:,} movements, SQLite ({data['shipped']['orders']:,} orders; "
               f"CPU {data['cpu']:.1f} s)", seconds, "s", f"< {STATEMENT_GOAL_S:g} s",
               seconds < STATEMENT_GOAL_S)
    url = ctx.fresh_sqlite("owners_statement_history")
    before = _build_statement_db(url, HISTORY) - MOVEMENTS
    seconds, history_data = _time_statement(url)
    assert history_data["storage"] == data["storage"] and history_data["shipped"] == data["shipped"], history_data
    ctx.report(f"  the same month with {before:,} movements of the {len(HISTORY)} months before it, SQLite "
               f"(CPU {history_data['cpu']:.1f} s)", seconds, "s", f"< {STATEMENT_GOAL_S:g} s",
               seconds < STATEMENT_GOAL_S)
    if not ctx.pg_url:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_owners_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(ctx.pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        pg = make_url(ctx.pg_url).set(database=name).render_as_string(hide_password=False)
        _build_statement_db(pg)
        db = open_database(pg)
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        db.dispose()
        seconds, pg_data = _time_statement(pg)
        assert pg_data["storage"] == data["storage"] and pg_data["shipped"] == data["shipped"], (pg_data, data)
        ctx.report(f"monthly statement over {MOVEMENTS:,} movements, PostgreSQL (client CPU {pg_data['cpu']:.1f} s)",
                   seconds, "s",
                   f"< {STATEMENT_GOAL_S:g} s", seconds < STATEMENT_GOAL_S)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(ctx) -> None:
    bench_allocation(ctx)
    bench_statement(ctx)


if __name__ == "__main__":
    import sys

    from bench.__main__ import main

    sys.exit(main(["b_owners"]))
