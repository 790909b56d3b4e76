"""Engines for the embedded SQLite file (WAL, foreign keys, busy timeout) and for PostgreSQL."""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DatabaseUnavailable
from app.persistence import hot
from app.persistence.presence import Announcement

SQLITE_BUSY_TIMEOUT_MS = 15_000
# Every SQLite connection runs these on connect (the bench's bare INSERT+COMMIT floor reads them from here).
# FULL: a scan acknowledged to the clerk survives a power cut too (NORMAL may lose the last commits).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=FULL",
)
# PostgreSQL sessions name the workstation and process (restore lists who else is connected)
APPLICATION_NAME = f"bwms {socket.gethostname()} pid {os.getpid()}"[:63]
WRITE = "bwms_write"  # execution option: this transaction writes (SQLite takes the lock up front)


class KeptConnection:
    """The one connection a process keeps open on an embedded SQLite file, lent to one unit of work at a time.

    A station's scans (the GUI's DB thread, a `--scans` replay, the bench) then only begin and commit on it: no
    pool checkout and checkin (with its reset, a ROLLBACK, on return) and no new `Connection` with its joined event
    dispatch per unit of work: a unit of BEGIN IMMEDIATE, one read and COMMIT took 43 µs of CPU, now 19 µs (the
    same unit on bare sqlite3: 6 µs). A SQLite file connection does not go stale as a server's can, so nothing
    needs pinging. A unit of work that finds it lent (a unit inside a unit, another thread)
    takes one of the pool's, as every unit did before. Only the connection is kept, never a transaction: each unit
    begins and ends its own on it (one returned still in a transaction, or invalidated, is closed for good). The
    engine's disposal (restore, the tests' database copies, a bench round's fresh file) closes it, or, when it is
    lent at that moment, its return does. A forked child never uses its parent's.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._stale = False  # the engine was disposed while the connection was lent: close it on return
        event.listen(engine, "engine_disposed", self._disposed)

    def lend(self) -> Connection | None:
        """The kept connection (opened on first use), or None when it is lent already."""
        if self._pid != os.getpid():  # a forked child: the parent's connections are not ours to use or close
            self._pid, self._conn, self._lock, self._stale = os.getpid(), None, threading.Lock(), False
            self._engine.dispose(close=False)  # nor those in the pool it inherited
        if not self._lock.acquire(blocking=False):
            return None
        try:
            conn = self._conn
            if conn is not None and (self._stale or conn.closed or conn.invalidated):
                self._conn, self._stale = None, False
                _discard(conn)
                conn = None
            if conn is None:
                conn = self._conn = self._engine.connect()
        except BaseException:
            self._conn = None
            self._lock.release()
            raise
        return conn

    def take_back(self, conn: Connection) -> bool:
        """Take `conn` back when it is the kept one (False: it is not, the caller closes it)."""
        if conn is not self._conn:
            return False
        try:
            if self._stale or conn.closed or conn.invalidated or conn.in_transaction():
                self._conn, self._stale = None, False
                _discard(conn)
        finally:
            self._lock.release()
        return True

    def _disposed(self, _engine: Engine) -> None:
        if self._pid != os.getpid():
            return
        if not self._lock.acquire(blocking=False):
            self._stale = True  # lent: closed when it comes back
            return
        try:
            if self._conn is not None:
                conn, self._conn = self._conn, None
                _discard(conn)
        finally:
            self._lock.release()


def _discard(conn: Connection) -> None:
    """Close the DBAPI connection for good (not back into the pool): any transaction on it is rolled back."""
    try:
        if not conn.closed:
            conn.invalidate()
    finally:
        conn.close()


@dataclass
class Database:
    """One engine and its session factory; every unit of work opens a session from it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    presence: Announcement | None = field(default=None, repr=False)
    # what this process has checked once about this database (the audit key against its fingerprint)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    kept: KeptConnection | None = field(default=None, repr=False, compare=False)  # an SQLite file's (see there)

    def lend(self) -> Connection:
        """A connection for one unit of work: the kept one when there is one and it is free, else the pool's; the
        unit gives it back with `give_back`."""
        conn = self.kept.lend() if self.kept is not None else None
        return conn if conn is not None else self.engine.connect()

    def give_back(self, conn: Connection) -> None:
        """End a unit of work's use of `conn` (no transaction left open on it): the kept one stays open."""
        if self.kept is None or not self.kept.take_back(conn):
            conn.close()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The embedded database's file (None on PostgreSQL or in memory)."""
        name = self.engine.url.database if self.is_sqlite else None
        return Path(name).expanduser().resolve() if name and name != ":memory:" else None

    def announce(self, *, station: str = "", user: str = "") -> None:
        """Name this process's station and user to whoever asks who is connected (restore)."""
        if self.presence is not None:
            self.presence.describe(station=station, user=user)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.presence is not None:
            self.presence.close()
            self.presence = None


def open_database(url: str, *, echo: bool = False, announce: bool = True) -> Database:
    """Create the engine for `url`; the schema is not touched (see app.persistence.migrate).

    An embedded file is announced as open by this process (app.persistence.presence) unless `announce` is
    False (a backup being checked, which no station uses)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"not a database URL: {url!r}", url=url) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url, parsed.database, echo)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5,
                                   connect_args={"connect_timeout": 5, "application_name": APPLICATION_NAME})
        else:
            raise DatabaseUnavailable(f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// "
                                      "or postgresql+psycopg://", url=url)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseUnavailable(f"no driver for {url!r}: {exc}", url=url) from exc
    database = Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    if database.sqlite_path is not None:
        database.kept = KeptConnection(engine)
    if announce and database.sqlite_path is not None and database.sqlite_path.parent.is_dir():
        database.presence = Announcement(database.sqlite_path)
    return database


def _sqlite_engine(url: str, path: str | None, echo: bool) -> Engine:
    if path and path != ":memory:":
        folder = Path(path).expanduser().resolve().parent
        if not folder.is_dir():
            raise DatabaseUnavailable(f"cannot open database {path}: folder {folder} does not exist", url=url)
    engine = create_engine(url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI objects
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001 - a DBAPI connection
        # A writer takes the write lock before it reads, so two stations never both decide on stale data.
        hot.control(conn, "BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")

    return engine
