"""Backup under load (issue 17): 1,000,000 movements and 100,000 orders backed up on SQLite in under 10 s,
while a station keeps committing scans, none of which waits more than 100 ms.

The data set is made with bulk Core inserts (foreign-key checks off on the loading connection only: the
backup copies pages, whatever they hold). The station is another process (another workstation) committing one
scan at a time, as the stations do (BEGIN IMMEDIATE, the scan's audit entry, COMMIT with synchronous=FULL), every
20 ms through the whole backup; a commit counts when it overlaps the backup.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import shutil
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.admin import audit
from app.admin.backup import make_backup
from app.persistence.db import open_database
from app.persistence.models import ConsumerOrder, Movement, Owner
from app.persistence.uow import Actor, UnitOfWork

MOVEMENTS, ORDERS, BATCH = 1_000_000, 100_000, 50_000
GOAL_SECONDS, GOAL_PAUSE_MS = 10.0, 100.0
STATION = Actor(None, "clerk", "clerk", "pick-1")


def _load(url: str) -> float:
    started = time.perf_counter()
    db = open_database(url, announce=False)
    at = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection  # outside a transaction: the pragmas take
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("PRAGMA synchronous=OFF")
        with conn.begin():
            rows = [{"at": at, "kind": "pick", "lot_id": 1 + n % 500, "quantity": 1 + n % 7,
                     "from_location_id": 1 + n % 300, "from_status": "AVAILABLE", "from_lpn": None,
                     "to_location_id": 301, "to_status": "PICKED", "to_lpn": None, "ref_type": "wave",
                     "ref_no": f"W{n // 200:06d}"} for n in range(BATCH)]
            for _ in range(MOVEMENTS // BATCH):
                conn.execute(insert(Movement.__table__), rows)
            conn.execute(insert(Owner.__table__), [{"id": 1, "code": "DEFAULT", "name": "Seller",
                                                     "customs_code": None}])
            blob = os.urandom(48)
            money = Decimal("123.45")
            for start in range(0, ORDERS, BATCH):
                conn.execute(insert(ConsumerOrder.__table__), [{
                    "order_no": f"SO{n:09d}", "platform_code": "PLAT000001", "platform_name": "Platform",
                    "seller_code": "SELL00001", "seller_name": "Seller", "owner_id": 1, "ordered_at": at,
                    "order_year": 2026,
                    "buyer_name_enc": blob, "buyer_id_type": "1", "buyer_id_enc": blob,
                    "buyer_id_hash": f"{n:064x}", "buyer_id_masked": "1101**********002X",
                    "buyer_phone_enc": blob, "buyer_phone_masked": "138****5678", "buyer_account": f"acct{n}",
                    "consignee_name_enc": blob, "consignee_phone_enc": blob,
                    "consignee_phone_masked": "138****5678", "consignee_province": "浙江省",
                    "consignee_city": "杭州市", "consignee_district": "西湖区", "consignee_address": "文三路 1 号",
                    "pay_code": "PAY0001", "pay_name": "Pay", "pay_transaction_id": f"T{n:012d}", "paid": money,
                    "carrier_code": "YTO", "waybill_no": f"YT{n:012d}", "goods_value": money, "freight": 0,
                    "insurance": 0, "discount": 0, "tax": 0, "tax_computed": 0, "dutiable_total": money,
                    "full_tax": False, "status": "shipped", "inspection": False, "rejection_code": "",
                    "rejection_reason": "", "source": "bench", "source_line": n, "imported_at": at}
                    for n in range(start, start + BATCH)])
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return time.perf_counter() - started


def _station(url: str, stop: Any, commits: Any) -> None:
    """Another workstation (its own process, as in the warehouse): one scan committed every 20 ms, each
    commit's wall-clock start and its duration in ms put on `commits`."""
    db = open_database(url, announce=False)
    n = 0
    while not stop.is_set():
        at, started = time.time(), time.perf_counter()
        with UnitOfWork(db, STATION) as uow:
            audit.record(uow, "pick_scan", "wave", f"W{n:06d}", barcode=f"S{n}")
            uow.commit()
        commits.put((at, (time.perf_counter() - started) * 1000))
        n += 1
        time.sleep(0.02)
    db.dispose()


def _drain(commits: Any) -> list[tuple[float, float]]:
    got = []
    while True:
        try:
            got.append(commits.get_nowait())
        except queue.Empty:
            return got


def run(ctx) -> None:  # ctx: bench.__main__.BenchContext
    url = ctx.fresh_sqlite("backup")
    ctx.report("build 1,000,000 movements + 100,000 orders (bulk Core)", _load(url), "s", "fast")
    db = open_database(url)
    spawn = multiprocessing.get_context("spawn")
    stop, commits = spawn.Event(), spawn.Queue()
    station = spawn.Process(target=_station, args=(url, stop, commits), daemon=True)
    station.start()
    for _ in range(25):  # the station warmed up (its first half second of scans) before the backup starts
        commits.get(timeout=120)
    # where the backups go: the database's own disk, and another file system (as the README advises; /dev/shm
    # stands in for a second disk here). On one disk, the copy's writes and the station's fsync share the
    # file system journal (ext4 data=ordered), which is what can hold a commit back.
    targets = [("the database's disk", ctx.tmp / "backups")]
    if Path("/dev/shm").is_dir():
        targets.append(("another file system", Path(tempfile.mkdtemp(prefix="bwms-bench-", dir="/dev/shm"))))
    try:
        _drain(commits)
        time.sleep(2.0)
        quiet = [ms for _at, ms in _drain(commits)]
        ctx.report(f"longest station commit with no backup, 2 s ({len(quiet)} scans): the machine's own noise",
                   max(quiet or [0.0]), "ms", "context")
        for where, folder in targets:
            _drain(commits)
            began = time.time()
            started = time.perf_counter()
            report = make_backup(db, folder)
            seconds = time.perf_counter() - started
            ended = time.time()
            time.sleep(0.3)
            during = [ms for at, ms in _drain(commits) if at + ms / 1000 >= began and at <= ended]
            assert report.tables["movement"] >= MOVEMENTS and report.tables["consumer_order"] == ORDERS
            ctx.report(f"backup {report.size / 1e6:.0f} MB to {where} (1 M movements, 100 k orders)", seconds,
                       "s", f"< {GOAL_SECONDS:.0f} s", seconds < GOAL_SECONDS)
            ctx.report(f"longest station commit during it ({len(during)} scans)", max(during or [0.0]), "ms",
                       f"< {GOAL_PAUSE_MS:.0f} ms", bool(during) and max(during) < GOAL_PAUSE_MS)
    finally:
        stop.set()
        station.join()
        db.dispose()
        for _where, folder in targets[1:]:
            shutil.rmtree(folder, ignore_errors=True)
