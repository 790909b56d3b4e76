"""Schema versions: migrate a database to head (never dropping data) and refuse an outdated one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import OperationalError

from app.errors import DatabaseUnavailable, SchemaOutOfDate
from app.persistence.db import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(db: Database | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def revisions() -> list[str]:
    """Every schema version this program knows, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


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
    try:
        with db.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except OperationalError as exc:
        raise DatabaseUnavailable(f"cannot reach the database {db.engine.url!r}: {exc.orig}",
                                  url=str(db.engine.url)) from exc


def upgrade(db: Database) -> tuple[str | None, str]:
    """Migrate to head in one transaction; returns (from, to). A newer database is refused (no downgrade)."""
    before = current_revision(db)
    refuse_newer(before)
    _run(db, command.upgrade, "head")
    return before, head_revision()


def downgrade(db: Database, revision: str) -> None:
    """Take the schema back to `revision` in one transaction (for support and the migration tests)."""
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
