"""The unit of work: one session, one transaction, rolled back unless the service commits it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.persistence.db import WRITE, Database


@dataclass(frozen=True)
class Actor:
    """Who is acting, from which workstation (the result of a login)."""

    user_id: int | None
    username: str
    role: str
    station: str = ""


SYSTEM = Actor(user_id=None, username="system", role="admin", station="")


class Area(StrEnum):
    """What a change can touch: the one list of areas a screen watches and a use case touches."""

    ALLOCATION = "allocation"
    AUDIT = "audit"
    COUNTS = "counts"  # stock counts, their scans and variances
    CUSTOMS = "customs"
    INBOUND = "inbound"
    INSPECTION = "inspection"
    LEDGER = "ledger"
    MASTER = "master"
    ORDERS = "orders"
    PACKING = "packing"
    PICKING = "picking"
    PRINT_QUEUE = "print_queue"
    PUTAWAY = "putaway"
    RETURNS = "returns"  # consumer returns and disposals
    SETTINGS = "settings"
    SHIPPING = "shipping"
    STOCK = "stock"
    TALLY = "tally"
    USERS = "users"
    WAVES = "waves"


@dataclass
class Changes:
    """What a mutation changed, so each view can decide whether to refresh (broadcast once by the caller)."""

    areas: set[Area] = field(default_factory=set)
    summary: dict[str, Any] = field(default_factory=dict)

    def touch(self, *areas: Area) -> None:
        for area in areas:  # Area(…) refuses a name not in the list (every scan touches one or two: no generator)
            self.areas.add(area if type(area) is Area else Area(area))

    def merge(self, other: Changes) -> None:
        """Add what `other` changed (a committed unit of work's changes joining its caller's record)."""
        self.areas.update(other.areas)
        self.summary.update(other.summary)


class UnitOfWork:
    """`with UnitOfWork(db, actor, write=True) as uow: …; uow.commit()` — nothing persists without commit."""

    def __init__(self, db: Database, actor: Actor = SYSTEM, *, write: bool = True,
                 record: Changes | None = None) -> None:
        self.db = db
        self.actor = actor
        self.write = write
        self.changes = Changes()
        self._record = record  # the caller's record: what this unit changed joins it when it commits
        self._committed = False
        self.live_role: str | None = None  # the actor's role as the database had it at this unit's first check
        # run after the rollback, in their own transactions (e.g. auditing a refusal: on SQLite the
        # refused transaction still holds the write lock until it rolls back)
        self.after_rollback: list[Callable[[], None]] = []

    def __enter__(self) -> UnitOfWork:
        # the connection and its transaction first, so the BEGIN (IMMEDIATE for writers on SQLite) happens up
        # front; `conn` serves the Core statements (every scan's path). The ORM session is made on first use
        # only, joined to that transaction (its commit flushes; the unit of work commits the connection). On an
        # SQLite file the connection is the one the process keeps (app.persistence.db.KeptConnection).
        self.conn: Connection = self.db.lend()
        self._session: Session | None = None
        try:
            if bool(self.conn.get_execution_options().get(WRITE)) != self.write:
                self.conn.execution_options(**{WRITE: self.write})  # in place: read by the BEGIN listener
            self.conn.begin()
        except BaseException:
            self.db.give_back(self.conn)
            raise
        return self

    @property
    def session(self) -> Session:
        """The ORM session of this unit of work (on the same connection and transaction as `conn`)."""
        if self._session is None:
            self._session = self.db.sessions(bind=self.conn, join_transaction_mode="rollback_only")
        return self._session

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self._session is not None:
                if not self._committed:
                    self._session.rollback()  # rolls the connection's transaction back too (rollback_only)
                self._session.close()
            if self.conn.in_transaction():
                self.conn.rollback()
        finally:
            self.db.give_back(self.conn)
        if not self._committed:
            for callback in self.after_rollback:
                callback()

    def _commit(self) -> None:
        if self._session is not None:
            self._session.commit()  # flushes what the ORM holds; the transaction is the connection's
        self.conn.commit()

    def commit(self) -> None:
        self._commit()
        self._committed = True
        if self._record is not None:
            self._record.merge(self.changes)

    def restart(self) -> None:
        """Commit and begin the next transaction the way the first began (a long job's checkpoint)."""
        self._commit()
        self.conn.begin()

    @property
    def is_postgres(self) -> bool:
        return self.db.engine.dialect.name == "postgresql"


class OpenUnitOfWork(Protocol):
    """What a workflow gets from its caller to run each step in its own transaction: `open(write=…)`."""

    def __call__(self, *, write: bool = True) -> UnitOfWork: ...


class UnitsOfWork:
    """Opens units of work for one caller (a CLI command, a GUI job, a test) as one actor; `changes` gathers
    what the committed ones changed, for the caller to broadcast once. A rolled-back unit adds nothing."""

    def __init__(self, db: Database, actor: Actor = SYSTEM) -> None:
        self.db = db
        self.actor = actor
        self.changes = Changes()

    def __call__(self, *, write: bool = True) -> UnitOfWork:
        return UnitOfWork(self.db, self.actor, write=write, record=self.changes)
