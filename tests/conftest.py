"""Shared fixtures: a fresh migrated database per test on SQLite and PostgreSQL, users per role, the CLI.

PostgreSQL comes from BWMS_TEST_PG_URL (a server URL; `make test` starts a throwaway one). Without it the
PostgreSQL half is skipped, unless BWMS_REQUIRE_PG=1 (CI), where that is an error.
"""

from __future__ import annotations

import os
import queue
import shutil
import threading
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
# A small database is copied file by file (PostgreSQL 15+): about a third of the time of the WAL-logged default
# (1.1 s) on this machine; the checkpoint it takes costs nothing with the test server's fsync=off.
_COPY = " STRATEGY FILE_COPY" if os.environ.get("BWMS_TEST_PG_COPY", "FILE_COPY") == "FILE_COPY" else ""


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
    _DROPS.finish()
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
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{_COPY}')
    request.addfinalizer(lambda: _DROPS.put(name))
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


class _Dropper(threading.Thread):
    """Drops the tests' PostgreSQL databases in the background (about a second each under load), one at a time,
    while the next test runs; `finish()` waits until every one named so far is gone."""

    def __init__(self) -> None:
        super().__init__(name="drop-test-databases", daemon=True)
        self.names: queue.Queue[str | None] = queue.Queue()
        self.failed: list[str] = []

    def put(self, name: str) -> None:
        if not self.is_alive():  # started by the first drop (not in the processes a test spawns)
            self.start()
        self.names.put(name)

    def run(self) -> None:
        while (name := self.names.get()) is not None:
            try:
                _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as exc:  # noqa: BLE001 - reported when the session ends
                self.failed.append(f"{name}: {exc}")
            finally:
                self.names.task_done()

    def finish(self) -> None:
        self.names.join()
        assert not self.failed, "test databases not dropped: " + "; ".join(self.failed)


_DROPS = _Dropper()


_SNAPSHOTS: dict[tuple, tuple[Path, str]] = {}  # (engine, what was built) → (its folder, PostgreSQL template name)


@pytest.fixture(scope="session")
def snapshots(tmp_path_factory: pytest.TempPathFactory):
    """Where `built_once` keeps its copies; the PostgreSQL ones are dropped when the session ends."""
    folder = tmp_path_factory.mktemp("snapshots")
    yield folder
    made = [name for (engine, *_), (_, name) in _SNAPSHOTS.items() if engine == "postgresql"]
    _SNAPSHOTS.clear()
    if made and PG_URL:
        _admin(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in made))


def built_once(request: pytest.FixtureRequest, db: Database, home: Path, key: tuple, build,
               keep: tuple[Path, ...] = (), later: dict[str, tuple] | None = None) -> None:
    """Bring `db` to the state `build()` makes: built for real by the first test of the session that asks for `key`
    on this engine, then copied (a SQLite file copy, a PostgreSQL CREATE DATABASE … TEMPLATE) into every later
    test's database, with the personal-data key file it was built with (in `home`) and the folders `keep` it wrote
    that tests read (into this test's same paths). Only for builds that depend on nothing but what `key` names and
    start from the same state each time: the copies are of the real thing, only faster.
    `later`: the fixtures built on top of this one (fixture name → its key); when the test asks for one whose copy
    is ready, this step does nothing (that copy replaces the whole database anyway).
    BWMS_TEST_BUILD_ALWAYS=1 builds in every test (to compare, or to doubt a copy)."""
    if os.environ.get("BWMS_TEST_BUILD_ALWAYS") == "1":
        build()
        return
    engine = "sqlite" if db.sqlite_path is not None else "postgresql"
    if any(name in request.fixturenames and (engine, *k) in _SNAPSHOTS for name, k in (later or {}).items()):
        return
    full = (engine, *key)
    if full in _SNAPSHOTS:
        folder, name = _SNAPSHOTS[full]
        _restore(db, folder / "db.sqlite3" if engine == "sqlite" else name)
        home.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / "bwms.key", home / "bwms.key")
        for n, path in enumerate(keep):
            shutil.rmtree(path, ignore_errors=True)
            shutil.copytree(folder / f"keep{n}", path)
        return
    build()
    name = f"s_{uuid.uuid4().hex[:12]}"
    folder = request.getfixturevalue("snapshots") / name
    folder.mkdir()
    if (home / "bwms.key").exists() and _save(db, folder / "db.sqlite3" if engine == "sqlite" else name):
        shutil.copy2(home / "bwms.key", folder / "bwms.key")
        for n, path in enumerate(keep):
            shutil.copytree(path, folder / f"keep{n}")
        _SNAPSHOTS[full] = (folder, name)


def _save(db: Database, target: Path | str) -> bool:
    if isinstance(target, Path):
        with db.engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
        if busy:  # someone still reads it: no copy this time (the next test builds for real)
            return False
        shutil.copy(db.sqlite_path, target)
        return True
    db.engine.dispose()  # a template database must have no connection
    _admin(f'CREATE DATABASE "{target}" TEMPLATE "{make_url(db.url).database}"{_COPY}')
    return True


def _restore(db: Database, copy: Path | str) -> None:
    db.engine.dispose()
    db.cache.clear()
    if isinstance(copy, Path):
        for extra in ("-wal", "-shm"):
            Path(f"{db.sqlite_path}{extra}").unlink(missing_ok=True)
        shutil.copy(copy, db.sqlite_path)
        return
    name = make_url(db.url).database
    _admin(f'DROP DATABASE "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{copy}"{_COPY}')


def _admin(*statements: str) -> None:
    eng = _admin_engine()
    try:
        with eng.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        eng.dispose()


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


@pytest.fixture
def one_moment():
    """The test runs at one moment, the clock's when it starts (`app.clock.frozen_at`): a test that stores
    movements and then reads the warehouse's "today" never straddles midnight in Shanghai."""
    from app import clock

    with clock.frozen_at(clock.now()) as moment:
        yield moment
