"""Counting the SQL statements a scan sends: a `before_cursor_execute` listener on the engine.

Transaction control (BEGIN [IMMEDIATE], COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is kept apart from the
statements that do the scan's work, so a test can hold each to its own number.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from app.persistence.db import Database

_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
MEASURE = os.environ.get("BWMS_MEASURE_STATEMENTS")  # print the counts instead of checking them


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


def check_budget(db: Database, budget: dict[str, int], sent: Sent) -> None:
    """`sent` holds the engine's budget of statements of work (BWMS_MEASURE_STATEMENTS: print them instead); on
    SQLite the writer took the lock up front (BEGIN IMMEDIATE)."""
    engine = db.engine.dialect.name
    if MEASURE:
        print(f"\n{engine}: {len(sent.work)} statements, control {sent.control}\n{sent.describe()}")
        return
    assert len(sent.work) == budget[engine], sent.describe()
    if engine == "sqlite":
        assert "BEGIN IMMEDIATE" in sent.control, sent.describe()  # the writer takes the lock up front
