"""Benchmark (issue 16, headroom): the order import against a bare floor, as a ratio measured in one run, and the
peak memory of imports of large generated files.

- Floor: the same 20,000 orders parsed (json.loads) and inserted with Python's sqlite3 — the order rows and their
  lines, with the product's pragmas (WAL, synchronous=FULL), in one transaction. The import (every check,
  encryption, the audit log) may take at most 10× that.
- Peak memory: a child process imports a large JSON Lines file and a large CSV file (the most an import reads);
  its peak RSS stays ≤ 300 MB whatever the file size.

`python -m bench headroom`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from pathlib import Path

from app.formats.order_table import COLUMNS, HEAD
from app.persistence.db import SQLITE_PRAGMAS
from app.persistence.models import ConsumerOrder, OrderLine
from bench.b_orders import _timed_import, prepare, write_orders
from bench.floor import settings

ORDERS = 20_000
RATIO_GOAL = 10.0
MEMORY_GOAL_MB = 300.0
BIG_JSONL_ORDERS = 100_000


def bare_floor(path: Path, source: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) to parse every line of `source` and insert its order and lines with sqlite3, in
    one transaction."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    order_columns = [c.name for c in ConsumerOrder.__table__.columns if c.name != "id"]
    line_columns = [c.name for c in OrderLine.__table__.columns if c.name != "id"]
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        conn.execute(pragma)
    conn.execute(f"CREATE TABLE consumer_order (id INTEGER PRIMARY KEY, {', '.join(order_columns)})")
    conn.execute(f"CREATE TABLE order_line (id INTEGER PRIMARY KEY, {', '.join(line_columns)})")
    insert_order = (f"INSERT INTO consumer_order ({', '.join(order_columns)}) "
                    f"VALUES ({', '.join('?' * len(order_columns))})")
    insert_line = f"INSERT INTO order_line ({', '.join(line_columns)}) VALUES ({', '.join('?' * len(line_columns))})"
    flat = [path.split(".") for path in HEAD.values()]
    started, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            values = [record[p[0]][p[1]] if len(p) == 2 else record[p[0]] for p in flat]
            values += [None] * (len(order_columns) - len(values))
            order_id = conn.execute(insert_order, values).lastrowid
            conn.executemany(insert_line, [[order_id, n, item["sku"], item["qty"], item["unit_price"]]
                                           + [None] * (len(line_columns) - 5)
                                           for n, item in enumerate(record["lines"], start=1)])
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


def _value(record: dict, where: str) -> object:
    node: object = record
    for part in where.split("."):
        node = node.get(part, "") if isinstance(node, dict) else ""
    return node


def write_order_csv(path: Path, source: Path, limit_bytes: int) -> int:
    """The orders of `source` as the CSV layout (one row per line), up to about `limit_bytes`; the order count."""
    count = 0
    with open(source, encoding="utf-8") as src, open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for line in src:
            record = json.loads(line)
            head = [_value(record, where) for where in HEAD.values()]
            for item in record["lines"]:
                writer.writerow([*head, item["sku"], item["qty"], item["unit_price"]])
            count += 1
            if fh.tell() > limit_bytes:
                break
    return count


def run(ctx) -> None:
    import os

    os.environ["BWMS_HOME"] = str(ctx.tmp / "home")
    source = ctx.tmp / "headroom_20k.jsonl"
    write_orders(source, ORDERS, seed=16)
    floor, floor_cpu = bare_floor(ctx.tmp / "floor.sqlite3", source)
    url = ctx.fresh_sqlite("headroom_import")
    prepare(url)
    result = _timed_import(ctx, url, source)
    assert result["accepted"] == ORDERS, result
    ratio = result["seconds"] / floor
    ctx.report(f"bare parse + insert of {ORDERS:,} orders, sqlite3 ({settings()}, one transaction)", floor, "s")
    ctx.report(f"import of the same {ORDERS:,} orders (every check), SQLite", result["seconds"], "s")
    ctx.report("  orders per second", ORDERS / result["seconds"], "orders/s")
    ctx.report("import ÷ bare floor", ratio, "×", f"≤ {RATIO_GOAL:g}×", ratio <= RATIO_GOAL)
    ctx.report("  the same in CPU time (import's process ÷ floor's)", result["cpu"] / floor_cpu, "×")
    ctx.report(f"peak memory importing {ORDERS:,} orders", result["peak_mb"], "MB", f"≤ {MEMORY_GOAL_MB:g} MB",
               result["peak_mb"] <= MEMORY_GOAL_MB)
    big = ctx.tmp / "headroom_big.jsonl"
    write_orders(big, BIG_JSONL_ORDERS, seed=17)
    url = ctx.fresh_sqlite("headroom_big_jsonl")
    prepare(url)
    result = _timed_import(ctx, url, big)
    assert result["accepted"] == BIG_JSONL_ORDERS, result
    size = big.stat().st_size / 2**20
    ctx.report(f"peak memory importing {BIG_JSONL_ORDERS:,} orders ({size:.0f} MB JSON Lines)", result["peak_mb"],
               "MB", f"≤ {MEMORY_GOAL_MB:g} MB", result["peak_mb"] <= MEMORY_GOAL_MB)
    table = ctx.tmp / "headroom_big.csv"
    count = write_order_csv(table, big, 63 * 2**20)
    url = ctx.fresh_sqlite("headroom_big_csv")
    prepare(url)
    result = _timed_import(ctx, url, table)
    assert result["accepted"] == count, result
    size = table.stat().st_size / 2**20
    ctx.report(f"peak memory importing {count:,} orders ({size:.0f} MB CSV, the largest table read)",
               result["peak_mb"], "MB", f"≤ {MEMORY_GOAL_MB:g} MB", result["peak_mb"] <= MEMORY_GOAL_MB)
