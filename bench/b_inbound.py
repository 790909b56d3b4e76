"""Receiving: 10,000 carton scans replayed into a 200-line declaration, each scan committed on its own,
against a bare sqlite3 INSERT + COMMIT per row with the product's own pragmas, measured in the same run."""

from __future__ import annotations

import csv
import sqlite3
import time
import uuid
from pathlib import Path

from app.admin import auth, masterdata
from app.inbound.declarations import import_declaration
from app.inbound.receive_station import ReceiveStation
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.uow import Actor, UnitOfWork, UnitsOfWork
from app.stations import Tone
from bench.floor import bare_commit
from bench.floor import settings as floor_settings

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
LINES, CARTONS_PER_LINE, UNITS = 200, 50, 12
DECLARATION = "QD292126I000999999"
BARE_ROWS = 2000


def _setup(url: str, tmp: Path) -> tuple[list[str], Actor]:
    db = open_database(url)
    migrate.upgrade(db)
    with UnitOfWork(db) as uow:
        clerk = auth.create_user_unchecked(uow, "clerk", "clerk", "bench-password-1")
        admin = Actor(None, "system", "admin")
        uow.commit()
        clerk_actor = Actor(clerk.id, "clerk", "clerk", "dock-1")
    with UnitOfWork(db, admin) as uow:
        masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
        masterdata.import_locations(uow, DEMO / "locations.csv")
        masterdata.import_products(uow, DEMO / "products.csv")
        uow.commit()
    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        products = [(p["sku"], p["gtin"], p["account_book_item"]) for p in csv.DictReader(fh)]
    path = tmp / "declaration_200.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["declaration_no", "entry_no", "bill_of_lading", "container_no", "seal_no", "arrival_date",
                      "line_no", "account_book_item", "sku", "declared_qty", "batch_no", "production_date",
                      "expiry_date"])
        for line in range(1, LINES + 1):
            sku, _, item = products[line % len(products)]
            out.writerow([DECLARATION, "", "BL1", "CONT1", "SEAL1", "2026-11-20", line, item, sku,
                          CARTONS_PER_LINE * UNITS, f"B{line:04d}", "2026-10-01", "2030-01-01"])
    with UnitOfWork(db, admin) as uow:
        import_declaration(uow, path)
        uow.commit()
    db.dispose()
    scans = []
    for _ in range(CARTONS_PER_LINE):  # the container is unloaded in no particular line order
        for line in range(1, LINES + 1):
            gtin = products[line % len(products)][1].zfill(14)
            scans.append(f"]C101{gtin}17300101" + f"10B{line:04d}\x1d37{UNITS}")
    return scans, clerk_actor


def _replay(url: str, scans: list[str], actor: Actor) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) for the replay; every scan is its own transaction."""
    db = open_database(url)
    station = ReceiveStation(UnitsOfWork(db, actor), DECLARATION)
    started, cpu = time.perf_counter(), time.process_time()
    for raw in scans:
        fb = station.scan(raw, uuid.uuid4().hex)
        if fb.tone == Tone.ERROR:
            raise AssertionError(f"scan refused: {fb.text}")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    counted = sum(r.received for r in station.tally())
    db.dispose()
    if counted != len(scans) * UNITS:
        raise AssertionError(f"counted {counted}, expected {len(scans) * UNITS}")
    return elapsed, cpu


def _bare(path: Path, wal: bool, synchronous: str) -> float:
    """Seconds per row: one INSERT and one COMMIT per row with Python's sqlite3 module."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE scan (id INTEGER PRIMARY KEY, scan_id TEXT UNIQUE, raw TEXT, quantity INTEGER)")
    conn.commit()
    started = time.perf_counter()
    for _ in range(BARE_ROWS):
        conn.execute("INSERT INTO scan (scan_id, raw, quantity) VALUES (?, ?, ?)", (uuid.uuid4().hex, "x" * 44, 12))
        conn.commit()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed / BARE_ROWS


def run(ctx) -> None:
    url = ctx.fresh_sqlite("inbound")
    scans, actor = _setup(url, ctx.tmp)
    elapsed, cpu = _replay(url, scans, actor)
    per_scan = elapsed / len(scans)
    ctx.report("receive: 10,000 carton scans, 200-line declaration, commit each (SQLite)", len(scans) / elapsed,
               "scans/s", ">= 300", len(scans) / elapsed >= 300)
    ctx.report("receive: time per committed scan (SQLite)", per_scan * 1000, "ms")
    ctx.report("receive: CPU time per scan in this process (less sensitive to a busy machine)",
               cpu / len(scans) * 1000, "ms")
    bare_default = _bare(ctx.tmp / "bare_default.sqlite3", wal=False, synchronous="FULL")
    ctx.report("bare sqlite3 INSERT+COMMIT per row (sqlite3 defaults: rollback journal, FULL; for reference)",
               bare_default * 1000, "ms")
    floor = bare_commit(ctx.tmp / "bare_product.sqlite3")
    ctx.report(f"bare sqlite3 INSERT+COMMIT per row (the product's settings: {floor_settings()})", floor * 1000, "ms")
    ctx.report("receive scan / bare INSERT+COMMIT with the product's settings", per_scan / floor, "x", "<= 3",
               per_scan / floor <= 3)
    if ctx.pg_url:
        _postgres(ctx)


def _postgres(ctx) -> None:
    """The same replay, 2,000 scans, on PostgreSQL (a throwaway database on the test server)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_inbound_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(ctx.pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(ctx.pg_url).set(database=name).render_as_string(hide_password=False)
        scans, actor = _setup(url, ctx.tmp)
        subset = scans[:2000]
        elapsed, _ = _replay(url, subset, actor)
        ctx.report("receive: 2,000 carton scans, commit each (PostgreSQL, for reference)", len(subset) / elapsed,
                   "scans/s")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
