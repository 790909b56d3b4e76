"""Shared fixtures: a fresh migrated database per test on SQLite and PostgreSQL, users per role, the CLI.

PostgreSQL comes from BWMS_TEST_PG_URL (a server URL; `make test` starts a throwaway one). Without it the
PostgreSQL half is skipped, unless BWMS_REQUIRE_PG=1 (CI), where that is an error.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.admin import (
    auth,
    checks,
)
from app.persistence import audit_chain, migrate
from app.persistence.db import Database, open_database
from app.persistence.models import Setting
from app.persistence.uow import Actor, UnitOfWork

# Property tests judge results, never speed: on a loaded 2-core machine generating an example can take longer
# than hypothesis's defaults allow (a "too slow" health check or a deadline is then a flake, not a finding).
settings.register_profile("bwms", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("bwms")

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
PASSWORD = "correct-horse-9"
ROLES = ("admin", "supervisor", "clerk", "customs")
PG_URL = os.environ.get("BWMS_TEST_PG_URL", "")
TEMPLATE_DB = f"bwms_template_{os.getpid()}"


def _seed(db: Database, home: Path) -> None:
    """Migrate and add the users. The audit key the migration makes (beside the SQLite file, or in the data
    folder `home` for PostgreSQL) is named by the setting audit_key_file, so every copy of the template finds it
    whatever data folder a test uses."""
    before = os.environ.get("BWMS_HOME")
    os.environ["BWMS_HOME"] = str(home)
    try:
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            path = audit_chain.key_path(conn).resolve()
    finally:
        if before is None:
            os.environ.pop("BWMS_HOME", None)
        else:
            os.environ["BWMS_HOME"] = before
    with UnitOfWork(db) as uow:
        uow.session.add(Setting(key=audit_chain.KEY_SETTING, value=str(path)))
        for role in ROLES:
            auth.create_user_unchecked(uow, role, role, PASSWORD)
        uow.commit()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}")
    _seed(db, path.parent)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _admin_engine():
    url = make_url(PG_URL).set(database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not PG_URL:
        if os.environ.get("BWMS_REQUIRE_PG") == "1":
            pytest.fail("BWMS_REQUIRE_PG=1 but BWMS_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (set BWMS_TEST_PG_URL or run `make test`)")
    eng = _admin_engine()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}"'))
        conn.execute(text(f'CREATE DATABASE "{TEMPLATE_DB}"'))
    db = open_database(make_url(PG_URL).set(database=TEMPLATE_DB).render_as_string(hide_password=False))
    _seed(db, tmp_path_factory.mktemp("pg-template-home"))
    db.dispose()
    yield TEMPLATE_DB
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}" WITH (FORCE)'))
    eng.dispose()


def fresh_url(request: pytest.FixtureRequest, engine: str, tmp_path: Path) -> str:
    """A new, migrated, seeded database of the given engine; dropped at the end of the test."""
    if engine == "sqlite":
        path = tmp_path / "bwms.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    template = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    eng = _admin_engine()
    with eng.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def drop() -> None:
        with eng.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        eng.dispose()

    request.addfinalizer(drop)
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return fresh_url(request, request.param, tmp_path)


@pytest.fixture
def db(db_url: str, request: pytest.FixtureRequest) -> Database:
    """A migrated database with one user per role; the invariants are checked when the test ends."""
    database = open_database(db_url)
    yield database
    if "breaks_invariants" not in request.keywords and not getattr(request.node, "_failed", False):
        with UnitOfWork(database, actor("customs"), write=False) as uow:
            failed = [r for r in checks.check_all(uow) if not r.ok]
        assert not failed, "invariants broken after the test: " + "; ".join(
            f"{r.name}: {r.problems[:3]}" for r in failed)
    database.dispose()


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """SQLite only (for tests about SQLite itself)."""
    database = open_database(fresh_url(request, "sqlite", tmp_path))
    yield database
    database.dispose()


_USER_IDS = {role: i + 1 for i, role in enumerate(ROLES)}


def actor(role: str, station: str = "test-station") -> Actor:
    """The seeded user of `role` (ids follow the seeding order)."""
    return Actor(_USER_IDS[role], role, role, station)


@pytest.fixture
def uow_as(db: Database):
    """`with uow_as("clerk") as uow:` — a writing unit of work acting as that seeded user."""
    return lambda role, write=True: UnitOfWork(db, actor(role), write=write)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        item._failed = True


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run `bwms` in-process: cli("stock", "--json", user="clerk") → (exit code, stdout, stderr)."""
    from app.cli import main

    def run(*args: str, user: str | None = "admin", password: str = PASSWORD, env: dict | None = None):
        monkeypatch.setenv("BWMS_PASSWORD", password)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        argv = ["--db", db_url, "--station", "test-station"] + (["--user", user] if user else []) + list(args)
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test writes into the real per-user data folder (key file, outbox, inbox, embedded database)."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BWMS_HOME", str(folder))
    return folder
