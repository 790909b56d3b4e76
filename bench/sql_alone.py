"""A station's SQL alone: what its scans cost SQLite, with none of the product's Python (issue 10, part 7).

A run of the stations' story is recorded (`Recorder`): every statement the engine sends with its parameters as
the driver got them (bound and processed), every COMMIT and ROLLBACK, and which timed scan each belongs to. Before
each station the database is copied (SQLite's online backup). `replay` then runs a station's recording on a copy
of that snapshot with Python's sqlite3 module and the product's pragmas: the untimed work between the scans too,
so every statement meets the data it met in the story, but only the timed scans' statements and COMMITs are timed.

The figure is the least a scan of that station can cost on this machine with the product's schema and statements:
the station's time per scan less this is the product's Python (the station's logic, the unit of work, the
statements' preparation). `replay(…, reads=False)` leaves out the timed scans' reads (their SELECTs; the writes
carry the parameters they were sent with, so they write the same rows): what the scans' writes and COMMITs alone
cost, the part that only a change of what a scan records (its rows and their indexes) can lower.

The audit chain's link is an SQLite function the product registers on each connection (app.admin.audit); the
replay registers the same function with the database's own audit key.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.persistence.db import SQLITE_PRAGMAS, Database

COMMIT, ROLLBACK = "COMMIT", "ROLLBACK"


@dataclasses.dataclass(frozen=True)
class Sent:
    """One thing the station sent: a statement (`params`, `many` as the driver got them), or COMMIT / ROLLBACK."""

    sql: str
    params: Any = ()
    many: bool = False
    scan: int | None = None  # the timed scan it belongs to (its number in the recording), None: untimed work


@dataclasses.dataclass
class Recording:
    station: str
    snapshot: Path  # the database as it was before the station's first statement
    sent: list[Sent] = dataclasses.field(default_factory=list)
    scans: dict[int, int] = dataclasses.field(default_factory=dict)  # timed scan number → id of its Timer


class Recorder:
    """Listens to an engine while one run of the story goes on; `start(station)` before each station's step,
    `timed(timer)` around each timed scan (the bench's `Timer` calls it), `name(timer, figure)` afterwards."""

    def __init__(self, db: Database, folder: Path) -> None:
        self.db, self.folder = db, folder
        self.recordings: list[Recording] = []
        self.figures: dict[int, str] = {}  # id of a bench Timer → the figure it feeds
        self._scan: int | None = None
        self._scans = 0
        event.listen(db.engine, "before_cursor_execute", self._statement)
        event.listen(db.engine, "commit", self._commit)
        event.listen(db.engine, "rollback", self._rollback)

    def close(self) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self._statement)
        event.remove(self.db.engine, "commit", self._commit)
        event.remove(self.db.engine, "rollback", self._rollback)

    def start(self, station: str) -> None:
        """A new recording from here on, with a copy of the database as it is now (no transaction is open)."""
        snapshot = self.folder / f"sql_alone_{len(self.recordings)}.sqlite3"
        snapshot.unlink(missing_ok=True)
        assert self.db.sqlite_path is not None, "the stations' bench runs on an SQLite file"
        source, target = sqlite3.connect(self.db.sqlite_path), sqlite3.connect(snapshot)
        try:
            source.backup(target)  # the WAL's committed pages included
        finally:
            source.close()
            target.close()
        self.recordings.append(Recording(station, snapshot))

    def timed(self, timer: object, scan: Callable[[], Any]) -> Any:
        """Run one timed scan of `timer`, marking what it sends."""
        if not self.recordings:
            return scan()
        self._scan, self._scans = self._scans, self._scans + 1
        self.recordings[-1].scans[self._scan] = id(timer)
        try:
            return scan()
        finally:
            self._scan = None

    def name(self, timer: object, figure: str) -> None:
        """The figure `timer` feeds (the station's line in the report); the timer is still alive."""
        self.figures[id(timer)] = figure

    def _add(self, sent: Sent) -> None:
        if self.recordings:
            self.recordings[-1].sent.append(sent)

    def _statement(self, _conn: object, _cursor: object, statement: str, parameters: Any, _context: object,
                   many: bool) -> None:
        # SQLAlchemy's "insertmanyvalues" batches say executemany but run one statement with its flat parameters
        many = bool(many and parameters and isinstance(parameters[0], (list, tuple)))
        params = [list(p) for p in parameters] if many else list(parameters or ())
        self._add(Sent(statement, params, many, self._scan))

    def _commit(self, _conn: object) -> None:
        self._add(Sent(COMMIT, scan=self._scan))

    def _rollback(self, _conn: object) -> None:
        self._add(Sent(ROLLBACK, scan=self._scan))


def is_read(sql: str) -> bool:
    """A statement that only reads (SQLite's SELECTs; a write's own reads, INSERT … SELECT, are the write's)."""
    return sql.lstrip()[:6].upper() == "SELECT"


def replay(recording: Recording, figures: dict[int, str], copy: Path,
           link: Callable[[str], str], *, reads: bool = True) -> dict[str, tuple[float, int]]:
    """Run `recording` on a fresh copy of its snapshot at `copy`: {figure: (seconds of its timed scans' statements
    and COMMITs, number of those scans)}. `figures`: the recorder's; `link`: the audit chain's SQLite function
    (app.admin.audit), with the database's key; `reads=False`: the timed scans' reads are left out (module's note)."""
    from app.admin.audit import SQLITE_LINK

    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(recording.snapshot, copy)
    with open(copy, "rb+") as written:  # on disk before the replay: its first checkpoint would flush it whole
        os.fsync(written.fileno())
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        for pragma in SQLITE_PRAGMAS:
            conn.execute(pragma)
        conn.create_function(SQLITE_LINK, 1, link, deterministic=True)
        spent: dict[int, float] = {}
        for sent in recording.sent:
            if not reads and sent.scan is not None and is_read(sent.sql):
                continue
            started = time.perf_counter()
            if sent.sql in (COMMIT, ROLLBACK):
                if conn.in_transaction:
                    conn.execute(sent.sql)
            elif sent.many:
                conn.executemany(sent.sql, sent.params)
            else:
                conn.execute(sent.sql, sent.params).fetchall()
            if sent.scan is not None:
                spent[sent.scan] = spent.get(sent.scan, 0.0) + time.perf_counter() - started
    finally:
        conn.close()
    timed: dict[str, tuple[float, int]] = {}
    for scan, timer in recording.scans.items():
        figure = figures.get(timer)
        if figure is not None:
            seconds, scans = timed.get(figure, (0.0, 0))
            timed[figure] = (seconds + spent.get(scan, 0.0), scans + 1)
    return timed
