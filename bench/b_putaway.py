"""Put-away scans with pallets of other containers waiting in staging (issue 10, part 7: the scan path).

A put-away scan of a pallet or carton (SSCC) reads its staged row by the SSCC. Customs can hold a container's
pallets in the dock and inspection locations for days, so staging may hold thousands of pallets: the scan's cost
should not grow with them. The demo container is received and released as in the stations' story; WAITING held
pallets of another container (its own declaration, lots and SSCCs) are put in staging beside it; then the demo
container's 11 handling units are put away at the put-away station (a goods scan and a location scan each, one
transaction each). The same is done with nothing else waiting. Each story runs ROUNDS times in a fresh database,
each compared with the bare INSERT+COMMIT measured around its scans (bench.floor).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from sqlalchemy import insert, select

from app.inbound.declarations import import_declaration
from app.persistence.db import Database, open_database
from app.persistence.models import DeclarationLine, InboundDeclaration, Location, Lot, Stock
from app.persistence.uow import UnitOfWork
from bench import b_stations
from bench.floor import bare_commit_times

WAITING = 5000
PALLETS_PER_LOT = 4
OTHER = "QD292126I000000999"  # the other container's declaration
ROUNDS = int(os.environ.get("BWMS_BENCH_ROUNDS", "4"))


def _other_container(db: Database, folder: Path, waiting: int) -> None:
    """`waiting` held pallets of another container in staging: the demo declaration under another number, a lot
    per PALLETS_PER_LOT pallets over its lines, each pallet with its own SSCC (the bench's rows, written directly)."""
    with open(b_stations.DEMO / "declaration.csv", encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    path = folder / "other_declaration.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "declaration_no": OTHER} for row in rows)
    b_stations._run(db, import_declaration, path)
    with UnitOfWork(db, b_stations.ADMIN) as uow:
        staging = list(uow.session.execute(select(Location.id).where(Location.kind.in_(("dock", "inspection"))))
                       .scalars())
        lines = uow.session.execute(
            select(DeclarationLine.id, DeclarationLine.product_id, InboundDeclaration.owner_id)
            .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
            .where(InboundDeclaration.declaration_no == OTHER)).all()
        lots = -(-waiting // PALLETS_PER_LOT)
        uow.conn.execute(insert(Lot), [
            {"product_id": lines[k % len(lines)].product_id, "batch_no": f"W{k:06d}",
             "declaration_line_id": lines[k % len(lines)].id, "owner_id": lines[k % len(lines)].owner_id,
             "status": "hold"} for k in range(lots)])
        made = uow.session.execute(select(Lot.id, Lot.product_id).where(Lot.batch_no.like("W%"))
                                   .order_by(Lot.id)).all()
        uow.conn.execute(insert(Stock), [
            {"location_id": staging[n % len(staging)], "lot_id": made[n // PALLETS_PER_LOT].id,
             "product_id": made[n // PALLETS_PER_LOT].product_id, "lpn": f"1{n:017d}", "status": "hold",
             "quantity": 24, "reserved": 0} for n in range(waiting)])
        uow.commit()


def _story(ctx, waiting: int, n: int) -> tuple[b_stations.Timer, float]:
    """(the put-away scans' timer, the floor around them) of one story in a fresh database."""
    db = open_database(ctx.fresh_sqlite(f"putaway_{waiting}_{n}"))
    try:
        clerk = b_stations._setup(db)
        declaration, _ = b_stations.receive(db, clerk)
        rows = b_stations.released(db, declaration)
        if waiting:
            _other_container(db, ctx.tmp, waiting)
        before = bare_commit_times(ctx.tmp / f"floor_{waiting}_{n}a.sqlite3")[0]
        timer = b_stations.put_away(db, clerk, declaration, rows)
        after = bare_commit_times(ctx.tmp / f"floor_{waiting}_{n}b.sqlite3")[0]
    finally:
        db.dispose()
    return timer, (before + after) / 2


def run(ctx) -> None:
    os.environ.setdefault("BWMS_HOME", str(ctx.tmp / "home"))
    _story(ctx, WAITING, 0)  # warm-up: the process's statements compiled, the file cache filled
    per_scan: dict[int, float] = {}
    for waiting in (0, WAITING):
        total = b_stations.Timer()
        for n in range(1, ROUNDS + 1):
            timer, floor = _story(ctx, waiting, n)
            total.add(timer, b_stations.Floor(floor, 0.0))
        per_scan[waiting] = total.seconds / total.scans
        ctx.report(f"put-away with {waiting:,} pallets of another container waiting in staging: {total.scans} "
                   "scans, per scan", per_scan[waiting] * 1000, "ms")
        ctx.report(f"put-away with {waiting:,} pallets waiting: per scan / bare INSERT+COMMIT "
                   f"({total.floor * 1000:.2f} ms)", total.seconds / total.floor_seconds, "x")
    ratio = per_scan[WAITING] / per_scan[0]
    ctx.report(f"put-away scan with {WAITING:,} pallets waiting / with none", ratio, "x", "< 1.25 (flat)",
               ratio < 1.25)
