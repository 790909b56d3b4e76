"""Returns (issue 12): a return scan's cost against the durable floor, and the returns list with its clocks.

1. The demo warehouse (app.demo: its first wave shipped) has every shipped order returned: each parcel received at
   the return station (parcel scan, each unit, CMD:CLOSE), each scan its own transaction as the station runs it;
   the cost per scan is compared with a bare sqlite3 INSERT+COMMIT with the product's own pragmas (bench.floor),
   measured before and after in the same run — the same goal as the other stations (b_stations: ≤ 3×), measured
   as b_stations measures them: the rounds (ROUNDS, default 4: 72 scans) share one engine, as a station process
   runs all day, each round on a fresh database under it, after a first, untimed round that warms the process up
   (its statements compiled: a round's 18 scans otherwise paid about 4 ms for that, a cost a clerk meets once
   after starting the station; reported apart as `first round`); SQL statements per scan (transaction control
   apart), counted in that first round (the timed rounds run without the counter), reported beside it.
2. 100,000 returns (bulk Core rows) listed with their clocks as the returns screen pages them: a page of 200
   (first, middle, last, and filtered by status) with the count the screen shows; goal < 200 ms per page.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from app.customs.receipts import apply_receipts
from app.demo.warehouse import load_demo
from app.persistence.db import Database, open_database
from app.persistence.models import ConsumerOrder, InventoryList, ReturnCase
from app.persistence.uow import Actor, UnitOfWork, UnitsOfWork
from app.returns import ReturnStation, count_returns, request_return, returns_page
from bench.b_stations import STATEMENTS, _fresh, _station_process, counting
from bench.floor import bare_commit
from bench.floor import settings as floor_settings

GOAL = 3.0          # a return scan ≤ 3 × the bare INSERT+COMMIT (the stations' goal)
PAGE_GOAL_MS = 200  # one page of the returns list with its clocks
RETURNS = int(os.environ.get("BWMS_BENCH_RETURNS", "100000"))
ROUNDS = int(os.environ.get("BWMS_BENCH_ROUNDS", "4"))
ZONE = ZoneInfo("Asia/Shanghai")


def _actor(db, username: str) -> Actor:
    from app.persistence.models import User

    with UnitOfWork(db, write=False) as uow:
        user = uow.session.execute(select(User).where(User.username == username)).scalar_one()
        return Actor(user.id, user.username, user.role, "bench")


def _shipped_with_numbers(ctx, db, folder) -> tuple[list[ConsumerOrder], datetime]:
    """The demo's shipped orders; customs numbers their lists (a later CEB622 800 carrying invtNo)."""
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.execute(select(ConsumerOrder.order_no, InventoryList.cop_no, InventoryList.released_at)
                                   .join(InventoryList).where(ConsumerOrder.status == "shipped")).all()
    folder.mkdir(exist_ok=True)
    released = max(r.released_at for r in rows)
    at = (released + timedelta(minutes=5)).astimezone(ZONE).strftime("%Y%m%d%H%M%S000")
    for n, r in enumerate(rows, start=1):
        (folder / f"{r.cop_no}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB622Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" '
            f'guid="B{n}" version="1.0"><ceb:InventoryReturn><ceb:copNo>{r.cop_no}</ceb:copNo>'
            f"<ceb:invtNo>29212026I{n:09d}</ceb:invtNo><ceb:returnStatus>800</ceb:returnStatus>"
            f"<ceb:returnTime>{at}</ceb:returnTime></ceb:InventoryReturn></ceb:CEB622Message>", encoding="utf-8")
    with UnitOfWork(db, _actor(db, "supervisor")) as uow:
        apply_receipts(uow, folder)
        uow.commit()
    return [r.order_no for r in rows], released


def _round(ctx, n: int, db: Database) -> tuple[float, int, float, int]:
    """(seconds in return scans, scans, floor seconds per row, statements) of one demo warehouse, on a fresh
    database under the station process's engine."""
    _fresh(ctx, db)
    load_demo(db)
    order_nos, released = _shipped_with_numbers(ctx, db, ctx.tmp / f"receipts_{n}")
    now = released + timedelta(days=2)
    with UnitOfWork(db, _actor(db, "supervisor")) as uow:
        for order_no in order_nos:
            request_return(uow, order_no, "no_reason", now=now)
        uow.commit()
        scripts = []
        for order_no in order_nos:
            order = uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.order_no == order_no)).scalar_one()
            units = [line.product.gtin for line in order.lines for _ in range(line.quantity)]
            scripts.append([order.waybill_no, *units, "CMD:CLOSE"])
    floor_before = bare_commit(ctx.tmp / f"floor_{n}.sqlite3")
    station = ReturnStation(UnitsOfWork(db, _actor(db, "clerk")), now=now)
    spent, scans, sent = 0.0, 0, STATEMENTS.sent
    for script in scripts:
        for raw in script:
            started = time.perf_counter()
            fb = station.scan(raw, uuid.uuid4().hex)
            spent += time.perf_counter() - started
            scans += 1
            assert fb.accepted, fb.text
    sent = STATEMENTS.sent - sent
    floor_after = bare_commit(ctx.tmp / f"floor_{n}.sqlite3")
    db.engine.dispose()
    return spent, scans, (floor_before + floor_after) / 2, sent


def _many_returns(ctx) -> None:
    url = ctx.fresh_sqlite("returns_list")
    db = open_database(url)
    load_demo(db)
    with UnitOfWork(db) as uow:
        order = uow.session.execute(select(ConsumerOrder.id)).scalars().first()
        now = datetime.now(UTC)
        statuses = ("requested", "declared", "accepted", "approved", "received", "returned", "rejected")
        table = ReturnCase.__table__
        for start in range(0, RETURNS, 10_000):
            uow.conn.execute(insert(table), [
                {"return_no": f"RB{i:010d}", "order_id": order, "reason": "no_reason", "status": statuses[i % 7],
                 "customs_state": "requested", "released_at": now, "apply_by": (now + timedelta(days=30)).date(),
                 "arrive_by": (now + timedelta(days=45)).date(), "requested_at": now, "requested_by": "bench",
                 "guid": "", "return_status": "", "return_info": "", "received_by": "", "value": 0}
                for i in range(start, min(start + 10_000, RETURNS))])
        uow.commit()
    worst = 0.0
    with UnitOfWork(db, _actor(db, "clerk"), write=False) as uow:
        returns_page(uow, None, 0, 200)  # warm the caches as a screen that opened once
        for label, status, after in (("first page", None, 0), ("middle page", None, RETURNS // 2),
                                     ("last page", None, RETURNS - 200), ("status 'returned'", "returned", 0),
                                     ("status 'returned', middle", "returned", RETURNS // 2)):
            started = time.perf_counter()
            rows = returns_page(uow, status, after, 200)
            count_returns(uow, status)
            ms = (time.perf_counter() - started) * 1000
            worst = max(worst, ms)
            assert len(rows) == 200
            ctx.report(f"returns list ({RETURNS} returns): {label}, 200 rows with clocks + count", ms, "ms",
                       f"< {PAGE_GOAL_MS}", ms < PAGE_GOAL_MS)
    db.dispose()


def run(ctx) -> None:
    os.environ.setdefault("BWMS_HOME", str(ctx.tmp / "home"))
    spent = floor = 0.0
    scans = statements = 0
    db = _station_process(ctx)
    try:
        counting(db, True)
        cold = _round(ctx, 0, db)  # the warm-up round, its statements counted (see the module's note)
        counting(db, False)
        statements = cold[3]
        for n in range(1, ROUNDS + 1):
            s, k, f, _ = _round(ctx, n, db)
            spent, scans, floor = spent + s, scans + k, floor + f * k
    finally:
        db.dispose()
    ctx.report(f"bare sqlite3 INSERT+COMMIT per row ({floor_settings()})", floor / scans * 1000, "ms")
    ctx.report("return station: SQL statements per scan (parcel, units, close)", statements / cold[1], "stmts")
    ratio = spent / floor
    ctx.report(f"return station: {scans} scans in {ROUNDS} rounds, per scan ({spent / scans * 1000:.2f} ms) / bare "
               "INSERT+COMMIT with the product's settings", ratio, "x", f"<= {GOAL:g}", ratio <= GOAL)
    ctx.report("return station: first round, the process cold (statements compiled): per scan / bare INSERT+COMMIT",
               cold[0] / (cold[2] * cold[1]), "x")
    _many_returns(ctx)
