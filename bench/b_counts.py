"""Stock counts: a count of 2,000 locations (4,000 location × lot rows, 5 % of them planted surpluses or shortages,
a seventh counted without a batch) closes and reports its variances, on SQLite and PostgreSQL.

Goal (issue 13): the close, with its variances, in under 5 s. Creating the count (the freeze) and approving it (the
adjustment movements and the pending customs-ledger rows) are reported beside it.
"""

from __future__ import annotations

import time
import uuid

from sqlalchemy import insert, update

from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.models import Stock, StockCountEntry, StockCountLocation
from app.persistence.uow import SYSTEM, UnitOfWork
from bench.b_outbound import _master

LOCATIONS, PRODUCTS, UNITS = 2_000, 400, 45
CLOSE_GOAL_S = 5.0


def _other(n: int) -> int:
    """The second lot held at location n."""
    return (n + LOCATIONS // 2 - 1) % LOCATIONS + 1


def _build(url: str) -> None:
    db = open_database(url)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        _master(conn, LOCATIONS, PRODUCTS)
        conn.execute(insert(Stock.__table__), [
            {"location_id": n, "lot_id": lot, "product_id": lot % PRODUCTS + 1, "lpn": "", "status": "available",
             "quantity": UNITS, "reserved": 0} for n in range(1, LOCATIONS + 1) for lot in (n, _other(n))])
    db.dispose()


def _count_everything(url: str, count_id: int) -> int:
    """What the counters scanned, written as the station writes it; returns the planted variances."""
    from app.persistence.models import Lot

    db = open_database(url)
    planted, rows = 0, []
    with db.engine.begin() as conn:
        batch = dict(conn.execute(Lot.__table__.select().with_only_columns(Lot.id, Lot.batch_no)).all())
        for n in range(1, LOCATIONS + 1):
            for k, lot in enumerate((n, _other(n))):
                qty = UNITS
                if k == 0 and n % 20 == 0:
                    qty, planted = UNITS - 3, planted + 1
                elif k == 1 and n % 20 == 10:
                    qty, planted = UNITS + 2, planted + 1
                rows.append({"count_id": count_id, "location_id": n, "product_id": lot % PRODUCTS + 1,
                             "batch": "" if n % 7 == 0 and k == 0 else batch[lot], "quantity": qty, "undone": False,
                             "user_id": None, "station": "bench"})
        conn.execute(insert(StockCountEntry.__table__), rows)
        conn.execute(update(StockCountLocation).where(StockCountLocation.count_id == count_id).values(visited=True))
    db.dispose()
    return planted


def _timed(url: str, service, *args, **kwargs):
    db = open_database(url)
    started = time.perf_counter()
    with UnitOfWork(db, SYSTEM) as uow:
        result = service(uow, *args, **kwargs)
        uow.commit()
    seconds = time.perf_counter() - started
    db.dispose()
    return seconds, result


def _one_engine(ctx, url: str, engine: str) -> None:
    from app.counts import approve_count, close_count, create_count

    seconds, created = _timed(url, create_count, location_prefix="S-")
    assert created.locations == LOCATIONS, created
    ctx.report(f"count create over {LOCATIONS:,} locations (the freeze), {engine}", seconds, "s")
    planted = _count_everything(url, created.count)
    seconds, closed = _timed(url, close_count, created.count)
    assert len(closed.variances) == planted, (len(closed.variances), planted)
    ctx.report(f"count close of {LOCATIONS:,} locations ({2 * LOCATIONS:,} location × lot rows, "
               f"{planted} variances), {engine}", seconds, "s", f"< {CLOSE_GOAL_S:g} s", seconds < CLOSE_GOAL_S)
    seconds, _ = _timed(url, approve_count, created.count, "bench")
    ctx.report(f"count approve: {planted} adjustment movements and their pending ledger rows, {engine}", seconds, "s")


def run(ctx) -> None:
    url = ctx.fresh_sqlite("counts")
    _build(url)
    _one_engine(ctx, url, "SQLite")
    if not ctx.pg_url:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_counts_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(ctx.pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        pg = make_url(ctx.pg_url).set(database=name).render_as_string(hide_password=False)
        _build(pg)
        db = open_database(pg)
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        db.dispose()
        _one_engine(ctx, pg, "PostgreSQL")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
