"""The keyed audit chain (issue 16.2): with write access to the database but not the audit key file, an edited,
deleted or inserted entry is found even when the chain is recomputed, and a truncated log is found by the
anchors written outside the database; older databases and backups are re-keyed once."""

from __future__ import annotations

import hashlib
import hmac
import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app import clock
from app.admin import audit, auth, pii
from app.admin.backup import make_backup
from app.admin.keys import export_keys
from app.admin.restore import restore_database
from app.errors import AuthenticationFailed, Rejected
from app.persistence import audit_chain, migrate
from app.persistence.db import Database, open_database
from app.persistence.models import AuditEntry, Setting
from app.persistence.uow import UnitOfWork
from tests.conftest import PASSWORD, actor

KEYED_REVISION = "0012"  # the migration that keyed the chain
BEFORE_KEY = "0011"


def _entries(db: Database, n: int, action: str = "test") -> None:
    for i in range(n):
        with UnitOfWork(db, actor("supervisor")) as uow:
            audit.record(uow, action, "thing", str(i), n=i)
            uow.commit()


def _drop_trigger(conn, db: Database) -> None:
    if db.is_sqlite:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
    else:
        conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")


def _plain_sha256(prev: str, e: AuditEntry) -> str:
    """The link as a tamperer without the key computes it (the chain's old, unkeyed rule)."""
    body = json.dumps([prev, e.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), e.username, e.role, e.station, e.action,
                       e.entity, e.entity_key, e.outcome, e.detail], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _tamper(db: Database, *statements: str) -> None:
    """A DBA without the key file: drop the trigger, change rows, recompute every link."""
    with db.engine.begin() as conn:
        _drop_trigger(conn, db)
        for statement in statements:
            conn.execute(text(statement))
    with UnitOfWork(db) as uow:
        prev = "0" * 64
        for e in uow.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all():
            e.prev_hash, e.hash = prev, _plain_sha256(prev, e)
            prev = e.hash
        uow.commit()


def _verify(db: Database) -> audit.ChainReport:
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        return audit.verify(uow)


@pytest.mark.breaks_invariants
def test_an_edited_entry_with_a_recomputed_chain_is_found(db):
    _entries(db, 3, "declaration_release")
    assert _verify(db).ok
    _tamper(db, "UPDATE audit_log SET username = 'clerk', role = 'clerk' WHERE action = 'declaration_release'")
    report = _verify(db)
    assert not report.ok and "altered" in report.reason


@pytest.mark.breaks_invariants
def test_deleted_refused_sign_ins_are_found(db):
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "clerk", "wrong-password")
    auth.login(db, "clerk", PASSWORD)
    _entries(db, 2)
    assert _verify(db).ok
    _tamper(db, "DELETE FROM audit_log WHERE outcome = 'refused'")
    report = _verify(db)
    assert not report.ok


@pytest.mark.breaks_invariants
def test_deleted_refused_sign_ins_are_found_without_recomputing(db):
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "clerk", "wrong-password")
    _entries(db, 2)
    with db.engine.begin() as conn:
        _drop_trigger(conn, db)
        conn.execute(text("DELETE FROM audit_log WHERE outcome = 'refused'"))
    report = _verify(db)
    assert not report.ok and "does not link" in report.reason


@pytest.mark.breaks_invariants
def test_deleting_the_last_30_entries_is_found_by_the_anchor(db, cli, private_home):
    _entries(db, 40)
    code, out, _ = cli("audit", "verify", "--json")
    assert code == 0, out
    written = Path(json.loads(out)["anchor_written"])
    assert written.parent == private_home / "audit-anchors" and written.name.startswith("audit-head-")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    anchored = json.loads(written.read_text())
    with UnitOfWork(db, write=False) as uow:
        head = uow.session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc())
                                   .limit(1)).one()
    assert anchored["id"] == head.id and anchored["hash"] == head.hash and anchored["at"]
    with db.engine.begin() as conn:
        _drop_trigger(conn, db)
        conn.execute(text("DELETE FROM audit_log WHERE id > :i"), {"i": head.id - 30})
    code, out, _ = cli("audit", "verify", "--json")
    result = json.loads(out)
    assert code == 1 and not result["ok"], out
    assert f"names entry {head.id}" in result["reason"] and "deleted" in result["reason"]
    code, out, _ = cli("check", "--json")
    assert code == 1


def test_an_anchor_of_another_database_is_not_this_chain(db, tmp_path):
    _entries(db, 2)
    with UnitOfWork(db, write=False) as uow:
        path = audit.write_anchor(uow)
    data = json.loads(path.read_text())
    data.update(first="f" * 64, id=10_000)  # another database under the same key
    path.write_text(json.dumps(data))
    assert _verify(db).ok


@pytest.mark.parametrize(("moment", "day"), [(datetime(2026, 12, 31, 15, 59, 30, tzinfo=UTC), "2026-12-31"),
                                           (datetime(2026, 12, 31, 16, 0, 30, tzinfo=UTC), "2027-01-01")])
def test_the_daily_anchor_is_named_by_the_warehouses_date(db, tmp_path, moment, day):
    """16:00:30 UTC on 31 December is 00:00:30 on 1 January in Shanghai: that day's file (it was UTC's)."""
    _entries(db, 2)
    with clock.frozen_at(moment), UnitOfWork(db, write=False) as uow:
        path = audit.write_anchor(uow, tmp_path)
    assert path.name == f"audit-head-{day}.json" and json.loads(path.read_text())["written"] == moment.isoformat()


def test_the_audit_key_is_a_private_file_outside_the_database(db):
    with UnitOfWork(db, write=False) as uow:
        path = audit_chain.key_path(uow.conn)
        stored = audit_chain.stored_fingerprint(uow.conn, audit_chain.AUDIT_KEY)
        assert stored == audit.audit_key(uow).fingerprint
    assert path.exists() and len(path.read_bytes()) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_new_database_gets_its_audit_key_beside_it(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    try:
        migrate.upgrade(db)
        key = tmp_path / "bwms-audit.key"
        assert key.exists() and stat.S_IMODE(key.stat().st_mode) == 0o600
        with UnitOfWork(db) as uow:
            audit.record(uow, "test")
            uow.commit()
        assert _verify(db).ok
    finally:
        db.dispose()


def _reopen_with_key_file(db: Database, path: Path) -> Database:
    with UnitOfWork(db) as uow:
        uow.session.merge(Setting(key="audit_key_file", value=str(path)))
        uow.commit()
    return open_database(db.url)  # a workstation starting afresh (nothing checked yet)


def test_a_missing_or_different_audit_key_is_refused(db, tmp_path):
    _entries(db, 1)
    elsewhere = _reopen_with_key_file(db, tmp_path / "nowhere" / "bwms-audit.key")
    try:
        with UnitOfWork(elsewhere, actor("clerk")) as uow, pytest.raises(Rejected) as missing:
            audit.record(uow, "test")
        assert missing.value.code == "audit_key_missing" and "bwms keys export" in missing.value.message
        (tmp_path / "nowhere").mkdir()
        (tmp_path / "nowhere" / "bwms-audit.key").write_bytes(b"\x01" * 32)
        (tmp_path / "nowhere" / "bwms-audit.key").chmod(0o600)
        with UnitOfWork(elsewhere, actor("clerk")) as uow, pytest.raises(Rejected) as other:
            audit.record(uow, "test")
        assert other.value.code == "wrong_audit_key" and "fingerprint" in other.value.message
    finally:
        elsewhere.dispose()
        with UnitOfWork(db) as uow:  # put the real key back for the end-of-test checks
            uow.session.execute(text("DELETE FROM setting WHERE key = 'audit_key_file'"))
            uow.commit()


def test_the_migration_rekeys_an_older_chain_once(db):
    _entries(db, 5)
    migrate.downgrade(db, BEFORE_KEY)
    with UnitOfWork(db, write=False) as uow:
        plain = audit.verify(uow, keyed=False, anchors=False)
    assert plain.ok and plain.entries >= 5
    migrate.upgrade(db)
    db.cache.clear()
    assert migrate.current_revision(db) == migrate.head_revision()
    with UnitOfWork(db, write=False) as uow:
        rekeyed = uow.session.execute(select(AuditEntry.detail).where(AuditEntry.action == "audit_rekeyed")).all()
    assert len(rekeyed) == 1
    detail = json.loads(rekeyed[0].detail)
    assert detail["entries"] == plain.entries and detail["plain_chain"] == "ok"
    report = _verify(db)
    assert report.ok and report.entries == plain.entries + 1


def test_the_rekey_notes_an_old_chain_that_was_already_broken(db):
    _entries(db, 3)
    migrate.downgrade(db, BEFORE_KEY)
    with db.engine.begin() as conn:
        _drop_trigger(conn, db)
        conn.execute(text("UPDATE audit_log SET detail = '{}' WHERE id = (SELECT max(id) FROM audit_log)"))
    migrate.upgrade(db)
    with UnitOfWork(db, write=False) as uow:
        detail = uow.session.execute(select(AuditEntry.detail).where(AuditEntry.action == "audit_rekeyed")).scalar()
    assert json.loads(detail)["plain_chain"].startswith("broken at entry")


def test_a_backup_made_before_the_key_restores_and_verifies(db, tmp_path):
    _entries(db, 4)
    migrate.downgrade(db, BEFORE_KEY)
    old = make_backup(db, tmp_path / "backups")
    assert old.schema == BEFORE_KEY
    migrate.upgrade(db)
    db.cache.clear()
    _entries(db, 2, "after_the_backup")
    report = restore_database(db, actor("admin"), old.file)
    assert report.migrated_from == BEFORE_KEY and report.schema == migrate.head_revision()
    restored = open_database(db.url)
    try:
        with UnitOfWork(restored, actor("admin"), write=False) as uow:
            actions = uow.session.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars().all()
            assert audit.verify(uow).ok
        assert "after_the_backup" not in actions and actions[-2:] == ["audit_rekeyed", "restore"]
    finally:
        restored.dispose()


def test_keys_export_copies_both_key_files(db, tmp_path):
    with UnitOfWork(db, actor("admin")) as uow:
        pii.key_for(uow)  # the personal-data key is made on first use
        result = export_keys(uow, tmp_path / "safe")
        audit_file, pii_file = Path(audit.audit_key(uow).path), pii.key_path(uow.session)
        uow.commit()
    assert set(result.files) == {"audit key", "personal-data key"} and not result.missing
    for name, original in (("audit key", audit_file), ("personal-data key", pii_file)):
        copied = Path(result.files[name])
        assert copied.read_bytes() == original.read_bytes() and stat.S_IMODE(copied.stat().st_mode) == 0o600
    assert result.audit_fingerprint == audit_chain.fingerprint_at(audit_file)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=len(audit_chain.FIELDS) - 1, max_size=len(audit_chain.FIELDS) - 1),
       st.datetimes(min_value=datetime(1000, 1, 1)), st.binary(min_size=32, max_size=32))
def test_a_link_is_the_hmac_of_the_json_body_as_json_writes_it(fields: list[str], at: datetime, key: bytes) -> None:
    """The scan path's own writing of a link (strings escaped one by one, the time by `%`, the key's HMAC state
    copied) gives what the chain's definition says: HMAC-SHA256 of `json.dumps([prev, at, …])`, any text."""
    row: dict[str, object] = {"at": at, **dict(zip(audit_chain.FIELDS[1:], fields, strict=True))}
    body = json.dumps([audit_chain.GENESIS, at.strftime(audit_chain.AT_FORMAT), *fields], ensure_ascii=False,
                      separators=(",", ":"))
    assert audit_chain.body(audit_chain.GENESIS, row) == body
    linked = audit_chain.AuditKey(key, "k", "f")
    expected = hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()
    assert linked.link(audit_chain.GENESIS, row) == expected
    assert linked.link(audit_chain.GENESIS, row) == expected  # the kept HMAC state is copied, never consumed
    assert audit_chain.tail({**row, "station": None}) == json.dumps(  # not a string: json.dumps itself
        [at.strftime(audit_chain.AT_FORMAT), *(None if name == "station" else value
                                                for name, value in zip(audit_chain.FIELDS[1:], fields, strict=True))],
        ensure_ascii=False, separators=(",", ":"))[1:]
