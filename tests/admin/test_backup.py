"""Backup and verified restore (issue 17): the drill, the manifest, the roles, and every bad input refused
with the current database untouched."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from app.admin import backup as backups
from app.admin import restore as restores
from app.admin.auth import AccessDenied
from app.admin.backup import backup_database as backup
from app.admin.backup import claim_daily, last_backup, make_backup, prune, read_manifest, run_daily
from app.admin.keys import export_keys
from app.admin.restore import restore_database as restore
from app.demo.warehouse import load_demo
from app.errors import Rejected, SchemaOutOfDate
from app.persistence import presence
from app.persistence.db import Database
from app.persistence.migrate import head_revision
from app.persistence.uow import UnitOfWork
from tests.conftest import actor

HEAD = head_revision()  # the schema this program works with


def _row_order(row: tuple) -> tuple:
    """A row's sort key, column by column as ORDER BY would (a JSON value by its text; NULLs last)."""
    return tuple((v is None, json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v) for v in row)


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (what "exactly those of the backup" means)."""
    with db.engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        out = {}
        for name in names:
            # sorted here, not by ORDER BY: PostgreSQL has no ordering for a json column (order_rejection.params)
            out[name] = sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"'))), key=_row_order)
    db.engine.dispose()
    return out


def _change_things(db: Database) -> None:
    """Work after the backup: stock, ledger, orders, settings, users and audit all move."""
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE stock SET quantity = quantity + 7"))
        conn.execute(text(
            "INSERT INTO customs_ledger_entry (at, account_book_item_id, owner_id, biz_type, state, quantity, "
            "doc_type, doc_no, user_id) SELECT at, account_book_item_id, owner_id, 'ADJ_PLUS', 'ACTUAL', 1, 'DRILL', "
            "'after-backup', user_id FROM customs_ledger_entry WHERE id = (SELECT max(id) FROM customs_ledger_entry)"))
        conn.execute(text("UPDATE consumer_order SET status = 'CANCELLED'"))
    with UnitOfWork(db, actor("admin")) as uow:
        from app.admin import auth
        from app.admin.configuration import change_setting

        change_setting(uow, "sale_lock_days", "41")
        auth.add_user(uow, "late_clerk", "clerk", "another-pass-1")
        uow.commit()


def _rewrite_manifest(file: Path, **changes) -> None:
    path = Path(str(file) + backups.MANIFEST_SUFFIX)
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def _resign(file: Path) -> None:
    """Make the manifest's sha256 match the (edited) file: only the deeper checks can catch the edit."""
    _rewrite_manifest(file, sha256=hashlib.sha256(file.read_bytes()).hexdigest())


@pytest.fixture
def demo_db(db: Database) -> Database:
    load_demo(db)
    return db


def test_restore_drill(demo_db: Database, tmp_path: Path) -> None:
    """Back up, change things, restore: stock, ledger, orders, users, settings and audit are the backup's."""
    at_backup = snapshot(demo_db)
    report = backup(demo_db, actor("supervisor"), tmp_path / "backups")
    assert report.tables["stock"] == len(at_backup["stock"]) > 0
    assert report.tables["consumer_order"] == len(at_backup["consumer_order"]) > 0
    assert report.tables["customs_ledger_entry"] == len(at_backup["customs_ledger_entry"]) > 0
    _change_things(demo_db)
    assert snapshot(demo_db)["stock"] != at_backup["stock"]

    result = restore(demo_db, actor("admin"), report.file)
    after = snapshot(demo_db)
    for table in at_backup:
        if table != "audit_log":
            assert after[table] == at_backup[table], table
    # the audit is the backup's, plus the restore's own entry (chained after it)
    assert after["audit_log"][:-1] == at_backup["audit_log"]
    assert "restore" in after["audit_log"][-1]
    assert result.replaced_kept_as and result.audit_entries == len(at_backup["audit_log"])
    with UnitOfWork(demo_db, actor("admin"), write=False) as uow:
        from app.admin import audit

        assert audit.verify(uow).ok


def test_backup_manifest_and_audit(db: Database, tmp_path: Path) -> None:
    report = backup(db, actor("admin"), tmp_path / "backups")
    file = Path(report.file)
    assert file.exists() and file.name.startswith(f"bwms-warehouse-schema{HEAD}-")
    manifest = read_manifest(file)
    assert manifest["sha256"] == hashlib.sha256(file.read_bytes()).hexdigest()
    assert manifest["tables"]["app_user"] == 4
    assert manifest["audit_head"]["hash"] and manifest["schema"] == HEAD
    assert "personal-data key" in manifest["key_files_not_included"]
    assert not list(file.parent.glob("*.partial"))
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        last = last_backup(uow)
    assert last.at is not None and last.file == file.name and not last.overdue()


def test_cli_backup_says_keys_are_not_in_it(cli, tmp_path: Path) -> None:
    code, out, _ = cli("backup", "--to", str(tmp_path), user="supervisor")
    assert code == 0 and "NOT in the backup" in out and "keys export" in out
    code, out, _ = cli("backup", "--to", str(tmp_path), "--json", user="admin")
    data = json.loads(out)
    assert code == 0 and Path(data["file"]).exists() and data["key_files_not_included"]
    code, out, _ = cli("restore", data["file"], "--json", user="admin")
    assert code == 0, out
    assert json.loads(out)["schema"] == HEAD


@pytest.mark.parametrize("role", ["clerk", "customs"])
def test_backup_needs_supervisor_or_admin(db: Database, tmp_path: Path, role: str) -> None:
    with pytest.raises(AccessDenied):
        backup(db, actor(role), tmp_path / "backups")
    assert not (tmp_path / "backups").exists()


def test_role_is_checked_against_the_database(db: Database, tmp_path: Path) -> None:
    """A session that still says "supervisor" after the role was taken away in the database is refused."""
    with UnitOfWork(db, actor("admin")) as uow:
        from app.admin import auth

        auth.set_user(uow, "supervisor", role="clerk")
        uow.commit()
    with pytest.raises(AccessDenied) as refused:
        backup(db, actor("supervisor"), tmp_path / "backups")
    # the one role check every use case makes (`auth.require`), with its reason
    assert refused.value.params["reason"] == "role_changed", refused.value.message
    with pytest.raises(AccessDenied) as refused:
        restore(db, actor("supervisor"), tmp_path / "x.sqlite3")
    assert refused.value.params["reason"] == "role_changed", refused.value.message
    with UnitOfWork(db, actor("admin")) as uow:
        from app.admin import auth

        auth.set_user(uow, "supervisor", active=False)
        uow.commit()
    with pytest.raises(AccessDenied) as refused, UnitOfWork(db, actor("supervisor")) as uow:
        export_keys(uow, tmp_path / "nope")
    assert refused.value.params["reason"] == "account_disabled", refused.value.message


def test_keys_export(db: Database, tmp_path: Path) -> None:
    with UnitOfWork(db, actor("admin")) as uow:
        from app.admin import pii

        key = pii.key_for(uow)
        result = export_keys(uow, tmp_path / "keys")
        uow.commit()
    copied = Path(result.files["personal-data key"])
    assert copied.read_bytes() == Path(key.path).read_bytes()
    assert copied.stat().st_mode & 0o077 == 0 and result.fingerprint == key.fingerprint
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        from app.admin import audit

        entry = audit.latest(uow, 1)[0]
    assert entry["action"] == "key_export" and "fingerprint" in entry["detail"]
    with pytest.raises(AccessDenied), UnitOfWork(db, actor("supervisor")) as uow:
        export_keys(uow, tmp_path / "nope")


# ----------------------------------------------------------------------------------------------- bad input

def _refused(db: Database, file: Path | str, code: str) -> Rejected:
    before = snapshot(db)
    with pytest.raises(Rejected) as caught:
        restore(db, actor("admin"), file)
    assert caught.value.code == code, caught.value.message
    assert "untouched" in caught.value.message
    assert snapshot(db) == before
    return caught.value


def test_truncated_backup_is_refused(db: Database, tmp_path: Path) -> None:
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    _refused(db, file, "backup_corrupt")
    _resign(file)  # even with a matching sha256 the file is not a whole database
    _refused(db, file, "backup_corrupt")


def test_edited_backup_is_refused(db: Database, tmp_path: Path) -> None:
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)
    if not db.is_sqlite:
        original = file.read_bytes()
        data = bytearray(original)
        data[len(data) * 3 // 4] ^= 0xFF  # a pg_dump archive with a byte changed: the sha256 catches it
        file.write_bytes(bytes(data))
        _refused(db, file, "backup_corrupt")
        file.write_bytes(original)  # a manifest edited to match other data: the restored copy disagrees
        _rewrite_manifest(file, audit_head={"id": 1, "hash": "0" * 64})
        _refused(db, file, "backup_corrupt")
        return
    with sqlite3.connect(file) as conn:  # an edit by someone who knows to lift the trigger first
        trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").fetchone()[0]
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET detail = '{\"edited\": 1}' WHERE id = 1")
        conn.execute(trigger)
    conn.close()
    _refused(db, file, "backup_corrupt")
    _resign(file)
    error = _refused(db, file, "backup_audit_broken")
    assert "entry 1" in error.message


def test_backup_without_manifest_is_refused(db: Database, tmp_path: Path) -> None:
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)
    Path(str(file) + backups.MANIFEST_SUFFIX).unlink()
    with pytest.raises(Rejected) as caught:
        restore(db, actor("admin"), file)
    assert caught.value.code == "backup_no_manifest"


def test_backup_from_a_newer_version_is_refused(db: Database, tmp_path: Path) -> None:
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)
    if not db.is_sqlite:
        _rewrite_manifest(file, schema="9999")
        with pytest.raises(SchemaOutOfDate) as caught:
            restore(db, actor("admin"), file)
        assert "9999" in caught.value.message and HEAD in caught.value.message
        return
    with sqlite3.connect(file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    _resign(file)
    _rewrite_manifest(file, schema="9999")
    with pytest.raises(SchemaOutOfDate) as caught:
        restore(db, actor("admin"), file)
    assert "9999" in caught.value.message and HEAD in caught.value.message
    _rewrite_manifest(file, schema=HEAD)  # a manifest that hides it: the copy's own version is read
    with pytest.raises((SchemaOutOfDate, Rejected)) as caught:
        restore(db, actor("admin"), file)
    assert caught.value.code in {"schema_newer", "backup_corrupt"}


def test_backup_under_another_key_is_refused(db: Database, tmp_path: Path, private_home: Path) -> None:
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        from app.admin import pii

        key_path = Path(pii.key_for(uow).path)
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)
    key_path.write_bytes(os.urandom(32))
    error = _refused(db, file, "backup_other_key")
    assert "another personal-data key" in error.message


def test_restore_while_a_station_is_connected(db: Database, tmp_path: Path) -> None:
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)
    if db.is_sqlite:
        path = db.sqlite_path
        assert path is not None
        station = presence.folder(path) / "dock-pc-424242-1.json"
        station.write_text(json.dumps({"host": "dock-pc", "pid": 424242, "station": "DOCK-1", "user": "wang",
                                       "since": "2026-01-01T08:00:00+00:00"}))
        held = open(station)  # noqa: SIM115 - held like a running station holds it
        fcntl.flock(held, fcntl.LOCK_SH)
        try:
            error = _refused(db, file, "database_in_use")
            assert "wang@DOCK-1" in error.message and "dock-pc" in error.message
        finally:
            held.close()
        assert restore(db, actor("admin"), file).schema == HEAD  # the station has gone (its lock with it)
    else:
        other = create_engine(db.engine.url, connect_args={"application_name": "bwms DOCK-1"})
        with other.connect():
            error = _refused(db, file, "database_in_use")
            assert "DOCK-1" in error.message
        other.dispose()


def test_full_disk_during_backup(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails mid-backup: a clear reason, no half backup left, the database untouched."""
    before = snapshot(db)
    if db.is_sqlite:
        real = sqlite3.connect

        class Full:
            def __init__(self, conn: sqlite3.Connection) -> None:
                self.conn = conn

            def backup(self, *_args, **_kwargs) -> None:
                raise sqlite3.OperationalError("database or disk is full")

            def __getattr__(self, name: str):
                return getattr(self.conn, name)

        monkeypatch.setattr(backups, "_connect", lambda *a, **k: Full(real(*a, **k)))
    else:
        def full(*_args, **_kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backups, "file_sha256", full)
    with pytest.raises(Rejected) as caught:
        backup(db, actor("admin"), tmp_path / "backups")
    assert caught.value.code == "backup_failed" and "untouched" in caught.value.message
    assert not list((tmp_path / "backups").iterdir())
    assert snapshot(db) == before


def test_failed_restore_copy_leaves_the_database(db: Database, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if not db.is_sqlite:
        pytest.skip("the scratch copy is SQLite's; PostgreSQL restores into a scratch database")
    file = Path(backup(db, actor("admin"), tmp_path / "backups").file)

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(restores.shutil, "copyfile", full)
    error = _refused(db, file, "restore_failed")
    assert "No space left" in error.message


# ------------------------------------------------------------------------------------------- the daily backup

def test_daily_backup_once_across_workstations(db: Database, tmp_path: Path) -> None:
    with UnitOfWork(db, actor("admin")) as uow:
        from app.admin.configuration import change_setting

        change_setting(uow, "backup_daily", "on")
        change_setting(uow, "backup_keep", "2")
        change_setting(uow, "backup_folder", str(tmp_path / "daily"))
        uow.commit()
    first = run_daily(db, actor("supervisor", "office-1"))
    assert first is not None and Path(first.file).exists()
    assert run_daily(db, actor("supervisor", "office-2")) is None  # done today by another workstation
    assert not claim_daily(db, actor("clerk", "dock-1"))
    daily = tmp_path / "daily"
    for n in range(3):
        made = make_backup(db, daily)
        os.utime(made.manifest, (1_000_000 + n, 1_000_000 + n))
    assert len(prune(daily, 2)) == 2  # four backups there: the two oldest go, file and manifest
    kept = sorted(p.name for p in daily.iterdir())
    assert len(kept) == 4 and sum(name.endswith(".manifest.json") for name in kept) == 2


def test_daily_backup_off_by_default(db: Database) -> None:
    assert run_daily(db, actor("admin")) is None


def test_postgresql_without_pg_dump_says_what_to_install(db: Database, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups.shutil, "which", lambda _name: None)
    if db.is_sqlite:  # SQLite needs no tool: the backup is made all the same
        assert Path(backup(db, actor("admin"), tmp_path / "backups").file).exists()
        return
    with pytest.raises(Rejected) as caught:
        backup(db, actor("admin"), tmp_path / "backups")
    assert caught.value.code == "pg_tool_missing"
    assert "pg_dump" in caught.value.message and "postgresql-client" in caught.value.message
    assert not list((tmp_path / "backups").iterdir())
