"""Counting the SQL statements a scan sends: a `before_cursor_execute` listener on the engine.

Transaction control (BEGIN [IMMEDIATE], COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is kept apart from the
statements that do the scan's work, so a test can hold each to its own number.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from app.persistence.db import Database

_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@dataclass
class Sent:
    work: list[str] = field(default_factory=list)
    control: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return "\n".join(f"  {n}. {s.split(chr(10))[0][:140]}" for n, s in enumerate(self.control + self.work, 1))


@contextmanager
def statements(db: Database) -> Iterator[Sent]:
    """Every statement the engine sends to the database inside the block."""
    sent = Sent()

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:
        text = " ".join(statement.split())
        (sent.control if text.upper().startswith(_CONTROL) else sent.work).append(text)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
