"""The unit of work's connection (app.persistence.db.KeptConnection): on an SQLite file the process keeps one
connection and each unit of work only begins and ends its own transaction on it (no pool checkout, no reset on
return); a unit inside a unit or on another thread takes its own; a failed or lost connection is never lent again;
disposing the engine closes it; a committed unit is on disk. PostgreSQL units take a pool connection each, as before.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from app.persistence.uow import UnitOfWork
from tests.statements import statements

ROOT = Path(__file__).resolve().parents[1]
_PUT = text("INSERT INTO setting (key, value) VALUES (:k, 'x')")
_GET = text("SELECT key FROM setting WHERE key LIKE 'uow-%' ORDER BY key")


def _pool_events(db, *names: str) -> dict[str, list]:
    seen: dict[str, list] = {name: [] for name in names}
    for name in names:
        event.listen(db.engine, name, lambda *args, _n=name: seen[_n].append(args))
    return seen


def test_on_sqlite_units_of_work_begin_and_end_on_one_kept_connection_on_postgresql_each_takes_the_pools(db):
    pool = _pool_events(db, "checkout", "reset")
    connections = []
    with statements(db) as sent:
        for n, write in enumerate((True, True, False, True)):
            with UnitOfWork(db, write=write) as uow:
                connections.append(uow.conn.connection.driver_connection)
                if write:
                    uow.conn.execute(_PUT, {"k": f"uow-{n}"})
                if n != 3:
                    uow.commit()  # the last is rolled back
    checkouts, resets = len(pool["checkout"]), len(pool["reset"])
    with UnitOfWork(db, write=False) as uow:
        assert list(uow.conn.execute(_GET).scalars()) == ["uow-0", "uow-1"]
    if db.is_sqlite:
        # one connection, one checkout at most (the first unit's), no reset: the old code checked a connection out
        # of the pool and reset it (a rollback) on its return for every unit
        assert all(c is connections[0] for c in connections)
        assert checkouts <= 1 and resets == 0
        assert sent.control == ["BEGIN IMMEDIATE", "BEGIN IMMEDIATE", "BEGIN", "BEGIN IMMEDIATE"]  # one each
    else:  # a server's connection can go stale: each unit checks one out (pinged) and hands it back
        assert db.kept is None
        assert checkouts == 4


def test_a_unit_inside_a_unit_or_on_another_thread_takes_its_own_connection(db):
    with UnitOfWork(db) as outer:
        outer.conn.execute(_PUT, {"k": "uow-outer"})
        with UnitOfWork(db, write=False) as inner:
            assert inner.conn is not outer.conn
            assert list(inner.conn.execute(_GET).scalars()) == []  # not committed yet
        outer.commit()
    # two units at once on two threads (readers: two SQLite writers would wait for each other)
    both_in = threading.Barrier(2, timeout=120)
    found: list[tuple[object, list[str]]] = []

    def read() -> None:
        with UnitOfWork(db, write=False) as uow:
            both_in.wait()
            found.append((uow.conn, list(uow.conn.execute(_GET).scalars())))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 2 and found[0][0] is not found[1][0]
    assert [keys for _conn, keys in found] == [["uow-outer"], ["uow-outer"]]
    with UnitOfWork(db) as uow:  # and the connection a thread had is lent again on this one
        uow.conn.execute(_PUT, {"k": "uow-after"})
        uow.commit()
    with UnitOfWork(db, write=False) as uow:
        assert list(uow.conn.execute(_GET).scalars()) == ["uow-after", "uow-outer"]


def test_a_failed_unit_leaves_no_transaction_and_a_lost_connection_is_not_lent_again(sqlite_db):
    db = sqlite_db
    with pytest.raises(IntegrityError), UnitOfWork(db) as uow:
        kept = uow.conn
        uow.conn.execute(_PUT, {"k": "uow-dup"})
        uow.session.execute(_PUT, {"k": "uow-dup"})
    with UnitOfWork(db) as uow:
        assert uow.conn is kept  # rolled back, so lent again
        assert list(uow.conn.execute(_GET).scalars()) == []
        uow.conn.execute(_PUT, {"k": "uow-lost"})
        uow.conn.invalidate()  # the connection is lost inside the unit
    with UnitOfWork(db) as uow:
        assert uow.conn is not kept and kept.closed
        uow.conn.execute(_PUT, {"k": "uow-next"})
        uow.commit()
    with UnitOfWork(db, write=False) as uow:
        assert list(uow.conn.execute(_GET).scalars()) == ["uow-next"]


def test_disposing_the_engine_closes_the_kept_connection_even_while_it_is_lent(sqlite_db, sqlite_template):
    db = sqlite_db
    with UnitOfWork(db) as uow:
        raw = uow.conn.connection.driver_connection
        uow.conn.execute(_PUT, {"k": "uow-1"})
        uow.commit()
    db.engine.dispose()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        raw.execute("SELECT 1")
    with UnitOfWork(db) as uow:
        raw = uow.conn.connection.driver_connection
        db.engine.dispose()  # while lent: the unit finishes on it, its return closes it
        uow.conn.execute(_PUT, {"k": "uow-2"})
        uow.commit()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        raw.execute("SELECT 1")
    with UnitOfWork(db, write=False) as uow:
        assert list(uow.conn.execute(_GET).scalars()) == ["uow-1", "uow-2"]
    # a file replaced under a disposed engine (restore, the tests' copies, a bench round) is the one read next
    db.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
    db.sqlite_path.write_bytes(sqlite_template.read_bytes())
    with UnitOfWork(db, write=False) as uow:
        assert list(uow.conn.execute(_GET).scalars()) == []


def test_a_committed_unit_is_on_disk_when_the_process_is_killed_right_after(sqlite_db):
    code = (
        "import os, signal\n"
        "from sqlalchemy import text\n"
        "from app.persistence.db import open_database\n"
        "from app.persistence.uow import UnitOfWork\n"
        f"db = open_database({sqlite_db.url!r}, announce=False)\n"
        "with UnitOfWork(db) as uow:\n"
        "    uow.conn.execute(text(\"INSERT INTO setting (key, value) VALUES ('uow-acknowledged', 'x')\"))\n"
        "    uow.commit()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr
    plain = sqlite3.connect(sqlite_db.sqlite_path)
    try:
        assert plain.execute("SELECT key FROM setting WHERE key LIKE 'uow-%'").fetchall() == [("uow-acknowledged",)]
    finally:
        plain.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_never_uses_its_parents_kept_connection(sqlite_db):
    db = sqlite_db
    with UnitOfWork(db) as uow:
        parents = uow.conn
        uow.commit()
    pid = os.fork()
    if pid == 0:  # the child: its own connection, its own commit; never returns into pytest
        status = 1
        try:
            with UnitOfWork(db) as uow:
                if uow.conn is not parents:
                    uow.conn.execute(_PUT, {"k": "uow-child"})
                    uow.commit()
                    status = 0
        finally:
            os._exit(status)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with UnitOfWork(db, write=False) as uow:
        assert uow.conn is parents  # the parent's is still open and lent here
        assert list(uow.conn.execute(_GET).scalars()) == ["uow-child"]
