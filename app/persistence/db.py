"""Engines for the embedded SQLite file (WAL, foreign keys, busy timeout) and for PostgreSQL."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
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


@dataclass
class Database:
    """One engine and its session factory; every unit of work opens a session from it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    presence: Announcement | None = field(default=None, repr=False)
    # what this process has checked once about this database (the audit key against its fingerprint)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

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
