"""The period books: `bwms ledger --from --to` for 5,000 account-book items over a year of 1,000,000 customs
ledger movements (entries, decreases with their pre-decreases, returns, adjustments, disposals), on SQLite and
PostgreSQL, with the physical stock of 5,000 lots beside it.

Goal (issue 13): under 5 s on each engine.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.models import CustomsLedgerEntry, Stock
from app.persistence.uow import SYSTEM, UnitOfWork
from bench.b_outbound import _master

ITEMS = LOTS = 5_000
MOVEMENTS, BATCH = 1_000_000, 50_000
GOAL_S = 5.0
YEAR_START = datetime(2025, 11, 30, 16, 0, tzinfo=UTC)  # 2025-12-01 00:00 in Asia/Shanghai
FIRST, LAST = date(2026, 6, 1), date(2026, 11, 30)       # the second half: an opening and a period's movements
# (biz_type, state, sign) by n % 10: receipts, pre-decreases with their release and the decrease, returns, …
KINDS = [("IN", "ACTUAL", 1), ("IN", "ACTUAL", 1), ("PRE_DECREASE", "PRE", -1), ("PRE_RELEASE", "PRE", 1),
         ("OUT", "ACTUAL", -1), ("OUT", "ACTUAL", -1), ("RETURN_IN", "ACTUAL", 1), ("ADJ_PLUS", "ACTUAL", 1),
         ("ADJ_MINUS", "ACTUAL", -1), ("DESTROY", "ACTUAL", -1)]


def _build(url: str) -> int:
    """Master data, 1,000,000 ledger rows spread over the year, one stock row per lot; returns the balance."""
    db = open_database(url)
    migrate.upgrade(db)
    step = 365 * 86400 / MOVEMENTS
    balance = 0
    with db.engine.begin() as conn:
        _master(conn, LOTS, ITEMS)
        for start in range(0, MOVEMENTS, BATCH):
            rows = []
            for n in range(start, start + BATCH):
                kind, state, sign = KINDS[n % 10]
                quantity = sign * (5 if kind == "IN" else 1)
                balance += quantity if state == "ACTUAL" else 0
                rows.append({"at": YEAR_START + timedelta(seconds=n * step), "account_book_item_id": n % ITEMS + 1,
                             "owner_id": 1, "biz_type": kind, "state": state, "quantity": quantity,
                             "doc_type": "BENCH", "doc_no": f"D{n // 10:08d}", "user_id": None})
            conn.execute(insert(CustomsLedgerEntry.__table__), rows)
        conn.execute(insert(Stock.__table__), [{"location_id": n, "lot_id": n, "product_id": n % ITEMS + 1, "lpn": "",
                                                "status": "available", "quantity": 100, "reserved": 0}
                                               for n in range(1, LOTS + 1)])
    db.dispose()
    return balance


def _time(url: str) -> tuple[float, float, dict]:
    from app.customs.books import period_ledger

    db = open_database(url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        books = period_ledger(uow, FIRST, LAST)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    assert len(books.lines) == ITEMS
    return seconds, cpu, books.totals()


def _check(totals: dict, balance: int) -> None:
    assert totals["closing"] == balance, (totals, balance)
    assert totals["closing"] == (totals["opening"] + totals["entered"] - totals["decreased"] + totals["returned"]
                                 + totals["adjusted"] - totals["disposed"])
    assert totals["physical"] == LOTS * 100 and totals["entered"] > 0


def run(ctx) -> None:
    url = ctx.fresh_sqlite("books")
    balance = _build(url)
    seconds, cpu, totals = _time(url)
    _check(totals, balance)
    ctx.report(f"period ledger {FIRST}…{LAST}, {ITEMS:,} items over {MOVEMENTS:,} movements, SQLite "
               f"(CPU {cpu:.1f} s)", seconds, "s", f"< {GOAL_S:g} s", seconds < GOAL_S)
    if not ctx.pg_url:
        return
    from sqlalchemy import text

    with ctx.scratch_pg("bench_books") as pg:
        _build(pg)
        db = open_database(pg)
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        db.dispose()
        seconds, cpu, pg_totals = _time(pg)
    assert pg_totals == totals, (pg_totals, totals)
    ctx.report(f"period ledger {FIRST}…{LAST}, {ITEMS:,} items over {MOVEMENTS:,} movements, PostgreSQL "
               f"(client CPU {cpu:.1f} s)", seconds, "s", f"< {GOAL_S:g} s", seconds < GOAL_S)


if __name__ == "__main__":
    import sys

    from bench.__main__ import main

    sys.exit(main(["b_books"]))
