"""The unit of work: one session, one transaction, rolled back unless the service commits it."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Callable

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


@dataclass
class Changes:
    """What a mutation changed, so each view can decide whether to refresh (broadcast by the UI)."""

    areas: set[str] = field(default_factory=set)
    summary: dict[str, Any] = field(default_factory=dict)

    def touch(self, *areas: str) -> None:
        self.areas.update(areas)


class UnitOfWork:
    """`with UnitOfWork(db, actor, write=True) as uow: …; uow.commit()` — nothing persists without commit."""

    def __init__(self, db: Database, actor: Actor = SYSTEM, *, write: bool = True) -> None:
        self.db = db
        self.actor = actor
        self.write = write
        self.changes = Changes()
        self._committed = False
        # run after the rollback, in their own transactions (e.g. auditing a refusal: on SQLite the
        # refused transaction still holds the write lock until it rolls back)
        self.after_rollback: list[Callable[[], None]] = []

    def __enter__(self) -> UnitOfWork:
        self.session: Session = self.db.sessions()
        # procure the connection now so the BEGIN (IMMEDIATE for writers on SQLite) happens up front
        self.session.connection(execution_options={WRITE: self.write})
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()
        if not self._committed:
            for callback in self.after_rollback:
                callback()

    def commit(self) -> None:
        self.session.commit()
        self._committed = True

    @property
    def is_postgres(self) -> bool:
        return self.db.engine.dialect.name == "postgresql"
