"""Schema versions: migrate a database to head (never dropping data) and refuse an outdated one.

Alembic is imported only to migrate (`upgrade`, `downgrade`): every other command checks the schema with one
query of `alembic_version` against the revisions read from the scripts' own `revision = '…'` lines (importing
Alembic costs a quarter of a second, more than most commands' work).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from app.errors import DatabaseUnavailable, SchemaOutOfDate
from app.persistence.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:['"]([^'"]+)['"]|None)""", re.M)


def _config(db: Database | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


@cache
def revisions() -> tuple[str, ...]:
    """Every schema version this program knows, oldest first (the scripts form one line: 0001 ← 0002 ← …)."""
    parent_of: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = {m.group(1): m.group(2) for m in _REVISION.finditer(script.read_text(encoding="utf-8"))}
        if found.get("revision"):
            parent_of[found["revision"]] = found.get("down_revision")
    children = {parent: rev for rev, parent in parent_of.items()}
    if len(children) != len(parent_of):
        raise RuntimeError(f"the migrations are not one line: {sorted(parent_of.items(), key=str)}")
    line, rev = [], children.get(None)
    while rev is not None:
        line.append(rev)
        rev = children.get(rev)
    if len(line) != len(parent_of):
        raise RuntimeError(f"the migrations are not one line from the first: {line} of {sorted(parent_of)}")
    return tuple(line)


def head_revision() -> str:
    known = revisions()
    return known[-1] if known else ""


def is_known(revision: str | None) -> bool:
    """False for a schema made by a newer program (this one cannot work on it, nor migrate it down)."""
    return revision is None or revision in revisions()


def refuse_newer(revision: str | None, what: str = "the database") -> None:
    """A downgrade is refused, naming both versions."""
    if not is_known(revision):
        raise SchemaOutOfDate(f"{what} is at schema {revision}, newer than this program (schema {head_revision()}): "
                              "install the newer program; a database is never migrated down",
                              code="schema_newer", current=revision, head=head_revision())


def current_revision(db: Database) -> str | None:
    """The database's schema version (None for an empty database), read from Alembic's own table."""
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):  # nothing was ever migrated here
                return None
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except OperationalError as exc:
        raise DatabaseUnavailable(f"cannot reach the database {db.engine.url!r}: {exc.orig}",
                                  url=str(db.engine.url)) from exc
    if len(found) > 1:
        raise SchemaOutOfDate(f"the database names several schema versions {sorted(found)}: it was not made by "
                              "this program", current=",".join(sorted(found)), head=head_revision())
    return found[0] if found else None


def upgrade(db: Database) -> tuple[str | None, str]:
    """Migrate to head in one transaction; returns (from, to). A newer database is refused (no downgrade)."""
    from alembic import command

    before = current_revision(db)
    refuse_newer(before)
    _run(db, command.upgrade, "head")
    return before, head_revision()


def downgrade(db: Database, revision: str) -> None:
    """Take the schema back to `revision` in one transaction (for support and the migration tests)."""
    from alembic import command

    _run(db, command.downgrade, revision)


def _run(db: Database, step, revision: str) -> None:  # noqa: ANN001 - an Alembic migration step
    cfg = _config(db)
    with db.engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with conn.begin():
                cfg.attributes["connection"] = conn
                step(cfg, revision)
            return
        # SQLite cannot alter a constraint: batch mode rebuilds the table, and dropping a table that others
        # refer to needs foreign-key enforcement off (it can only be switched outside a transaction).
        # Every reference is checked again before the migration commits.
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                step(cfg, revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"the migration left broken references and was rolled back: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def require_current(db: Database) -> None:
    """Refuse to work on a database whose schema is not this version's (tells the user what to run)."""
    current, head = current_revision(db), head_revision()
    if current is None:
        raise SchemaOutOfDate("the database is empty: run `bwms init` first", current=None, head=head)
    refuse_newer(current)
    if current != head:
        raise SchemaOutOfDate(f"the database schema is at {current}, this version needs {head}: "
                              "run `bwms init` to migrate it (no data is dropped)", current=current, head=head)
