"""The durable floor every station scan is compared with: one bare sqlite3 INSERT + COMMIT per row, on a file
opened with the product's own pragmas (read from app.persistence.db, not repeated here)."""

from __future__ import annotations

import sqlite3
import time
import uuid
from pathlib import Path

from app.persistence.db import SQLITE_PRAGMAS

ROWS = 1000


def settings() -> str:
    """The pragmas as the report names them, e.g. `journal_mode=WAL, synchronous=FULL`."""
    names = [p.removeprefix("PRAGMA ") for p in SQLITE_PRAGMAS]
    return ", ".join(n for n in names if n.startswith(("journal_mode", "synchronous")))


def bare_commit(path: Path, rows: int = ROWS) -> float:
    """Seconds per row: one INSERT and one COMMIT per row with Python's sqlite3 module and the product's pragmas."""
    return bare_commit_times(path, rows)[0]


def bare_commit_times(path: Path, rows: int = ROWS) -> tuple[float, float]:
    """(seconds, CPU seconds) per row of `bare_commit`: the rest of a row's time is the wait for the disk."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        conn.execute(pragma)
    conn.execute("CREATE TABLE scan (id INTEGER PRIMARY KEY, scan_id TEXT UNIQUE, raw TEXT, quantity INTEGER)")
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(rows):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO scan (scan_id, raw, quantity) VALUES (?, ?, ?)", (uuid.uuid4().hex, "x" * 44, 12))
        conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    return elapsed / rows, cpu / rows
