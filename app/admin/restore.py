"""Restore: check a backup through and through, then replace the database only when nobody else is on it.

The checks, all before anything is replaced: the manifest's sha256 (a truncated or edited file), the engine,
the key fingerprints (a backup made under another personal-data key or audit key), then on a scratch copy — SQLite
`PRAGMA integrity_check` or, on PostgreSQL, `pg_restore` into a scratch database — the schema version (not
newer than this program; an older one is migrated on the copy), the audit chain (verifies under the audit key —
or, made before the keyed chain, its plain links, then re-keyed by the migration — and its head is the
manifest's), the row counts, and one encrypted buyer value decrypting with the key in use.

Then, only when no other process is connected (SQLite: the presence files of app.persistence.presence, held
under file locks by every process that opens the file; PostgreSQL: pg_stat_activity), the current database is
kept aside (SQLite: renamed `<file>.replaced-<time>`; PostgreSQL: the database renamed `<name>_replaced_<time>`)
and the checked copy takes its place. Every refusal leaves the current database untouched.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app import settings
from app.admin import audit, pii
from app.admin.auth import require
from app.admin.backup import describe, file_sha256, libpq, pg_tool, read_manifest
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence import audit_chain, migrate, presence
from app.persistence.db import Database, open_database
from app.persistence.models import ConsumerOrder
from app.persistence.types import utcnow
from app.persistence.uow import Actor, UnitOfWork


@dataclass
class RestoreReport:
    file: str
    database: str
    schema: str
    migrated_from: str | None
    audit_entries: int
    replaced_kept_as: str
    tables: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _refuse(message: str, code: str, **params: Any) -> Rejected:
    return Rejected(message + " (the current database is untouched)", code=code, **params)


def restore_database(db: Database, actor: Actor, file: Path | str) -> RestoreReport:
    """`bwms restore FILE`: administrator (checked against the database). `db` is disposed (its connections
    would point at the replaced database)."""
    backup_file = Path(file).expanduser().resolve()
    with UnitOfWork(db, actor, write=False) as uow:
        require(uow, Permission.RESTORE)
        key_path = pii.key_path(uow.session)
        audit_key = audit.audit_key(uow)
        audit_setting = settings.get(uow.session, audit_chain.KEY_SETTING)
    if not backup_file.is_file():
        raise _refuse(f"no backup file {backup_file}", "backup_missing", file=str(backup_file))
    manifest = read_manifest(backup_file)
    digest, _size = file_sha256(backup_file)
    if digest != manifest["sha256"]:
        raise _refuse(f"the backup {backup_file.name} is damaged or was changed: its sha256 is not the one in its "
                      "manifest", "backup_corrupt", file=str(backup_file))
    engine = "sqlite" if db.is_sqlite else "postgresql"
    if manifest.get("engine") != engine:
        raise _refuse(f"the backup is of a {manifest.get('engine')} database, this one is {engine}",
                      "backup_wrong_engine", file=str(backup_file))
    migrate.refuse_newer(manifest.get("schema") or None, "the backup")
    key = pii.existing_key(key_path)
    if (manifest.get("key_fingerprint") or "") and manifest["key_fingerprint"] != (key.fingerprint if key else ""):
        raise _refuse(f"the backup was made under another personal-data key (fingerprint "
                      f"{manifest['key_fingerprint']}; the key in use, {key_path}, is "
                      f"{key.fingerprint if key else 'missing'}): put the backup's key file in place first",
                      "backup_other_key", file=str(backup_file))
    if (manifest.get("audit_key_fingerprint") or "") not in ("", audit_key.fingerprint):
        raise _refuse(f"the backup was made under another audit key (fingerprint {manifest['audit_key_fingerprint']}; "
                      f"the key in use, {audit_key.path}, is {audit_key.fingerprint}): put the backup's audit key "
                      "file in place first", "backup_other_key", file=str(backup_file))
    db.dispose()
    keys = _Keys(key, audit_setting)
    if db.is_sqlite:
        return _restore_sqlite(db, actor, backup_file, manifest, keys)
    return _restore_pg(db, actor, backup_file, manifest, keys)


@dataclass(frozen=True)
class _Keys:
    pii: pii.PiiKey | None
    audit_setting: str  # the database's audit_key_file: a backup from before the keyed chain is re-keyed with it


def _check_copy(copy: Database, actor: Actor, backup_file: Path, manifest: dict[str, Any],
                keys: _Keys, replaced: str) -> RestoreReport:
    """The checks made on the scratch copy, its migration if older, and the restore's own audit entry.

    A backup made before the keyed audit chain (no `key_fingerprint` table) has plain SHA-256 links: they are
    checked as such, and the migration re-keys them under the audit key in use (an `audit_rekeyed` entry)."""
    key = keys.pii
    with copy.engine.connect() as conn:
        tables, head, schema = describe(conn)
    migrate.refuse_newer(schema or None, "the backup")
    if schema != (manifest.get("schema") or "") or head != manifest.get("audit_head") \
            or tables != manifest.get("tables"):
        raise _refuse(f"the backup {backup_file.name} does not hold what its manifest says (schema, row counts or "
                      "audit head differ)", "backup_corrupt", file=str(backup_file))
    keyed = "key_fingerprint" in tables
    with UnitOfWork(copy, write=False) as uow:
        chain = audit.verify(uow, keyed=keyed, anchors=False)
        if not chain.ok:
            raise _refuse(f"the backup's audit chain does not verify: {chain.reason}", "backup_audit_broken",
                          file=str(backup_file), entry=chain.first_bad_id)
        if "consumer_order" in tables:
            sample = uow.session.execute(select(ConsumerOrder.buyer_name_enc).limit(1)).scalar()
            if sample is not None:
                if key is None:
                    raise _refuse("the backup holds encrypted buyer data but no personal-data key is in use: "
                                  "put the backup's key file in place first", "backup_other_key")
                try:
                    key.decrypt("buyer_name", sample)
                except Rejected as exc:
                    raise _refuse("the key in use does not decrypt the backup's buyer data: the backup was made "
                                  "under another key", "backup_other_key", file=str(backup_file)) from exc
    migrated_from = None
    if not keyed and keys.audit_setting:
        with UnitOfWork(copy) as uow:
            settings.set_value(uow.session, audit_chain.KEY_SETTING, keys.audit_setting)
            uow.commit()
    if schema != migrate.head_revision():
        migrated_from, schema = migrate.upgrade(copy)
    with UnitOfWork(copy, actor) as uow:
        audit.record(uow, "restore", "database", backup_file.name, sha256=manifest["sha256"],
                     made_at=manifest.get("made_at"), replaced_kept_as=replaced, migrated_from=migrated_from)
        uow.commit()
    return RestoreReport(str(backup_file), "", schema, migrated_from, chain.entries, replaced, tables)


# ---------------------------------------------------------------------------------------------------- SQLite

def _restore_sqlite(db: Database, actor: Actor, backup_file: Path, manifest: dict[str, Any],
                    key: _Keys) -> RestoreReport:
    target = db.sqlite_path
    if target is None:
        raise _refuse("an in-memory database cannot be restored", "restore_failed")
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    replaced = target.with_name(f"{target.name}.replaced-{stamp}")
    scratch = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        try:
            shutil.copyfile(backup_file, scratch)
        except OSError as exc:
            raise _refuse(f"cannot copy the backup next to the database: {exc.strerror or exc}", "restore_failed",
                          folder=str(target.parent)) from exc
        try:
            with sqlite3.connect(scratch) as conn:
                result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            conn.close()
        except sqlite3.DatabaseError as exc:
            raise _refuse(f"the backup {backup_file.name} is not a sound SQLite database: {exc}", "backup_corrupt",
                          file=str(backup_file)) from exc
        if result != ["ok"]:
            raise _refuse(f"the backup {backup_file.name} fails SQLite's integrity check: {'; '.join(result[:3])}",
                          "backup_corrupt", file=str(backup_file))
        copy = open_database(f"sqlite:///{scratch}", announce=False)
        try:
            report = _check_copy(copy, actor, backup_file, manifest, key, replaced.name)
        finally:
            copy.dispose()
        single = sqlite3.connect(scratch, isolation_level=None)
        try:
            single.execute("PRAGMA journal_mode=DELETE")  # the WAL folded in: one file to move into place
        finally:
            single.close()
        mine = set(presence.folder(target).glob(f"*-{os.getpid()}-*.json"))
        others = presence.others(target, mine=mine)
        if others:
            raise _refuse("other stations are connected to the database: " + "; ".join(map(str, others))
                          + ": close them and try again", "database_in_use", connected=[str(o) for o in others])
        _checkpoint(target)
        os.replace(target, replaced)
        for suffix in ("-wal", "-shm"):
            side = target.with_name(target.name + suffix)
            if side.exists():
                os.replace(side, replaced.with_name(replaced.name + suffix))
        os.replace(scratch, target)
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + "-wal"), scratch.with_name(scratch.name + "-shm")):
            leftover.unlink(missing_ok=True)
    report.database = str(target)
    report.replaced_kept_as = str(replaced)
    return report


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file, so the file kept aside is complete on its own."""
    with sqlite3.connect(path, timeout=15) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# ------------------------------------------------------------------------------------------------ PostgreSQL

def _restore_pg(db: Database, actor: Actor, backup_file: Path, manifest: dict[str, Any],
                key: _Keys) -> RestoreReport:
    exe = pg_tool("pg_restore")
    url = make_url(db.url)
    current = str(url.database)
    stamp = utcnow().strftime("%Y%m%d%H%M%S")
    scratch, replaced = f"{current[:40]}_restoring_{stamp}", f"{current[:40]}_replaced_{stamp}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{scratch}" TEMPLATE template0'))
        try:
            uri, env = libpq(url.set(database=scratch).render_as_string(hide_password=False))
            done = subprocess.run([exe, "--no-owner", "--exit-on-error", "--dbname", uri, str(backup_file)],
                                  env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise _refuse(f"the backup {backup_file.name} does not restore: {done.stderr.strip()[-300:]}",
                              "backup_corrupt", file=str(backup_file))
            copy = open_database(url.set(database=scratch).render_as_string(hide_password=False))
            try:
                report = _check_copy(copy, actor, backup_file, manifest, key, replaced)
            finally:
                copy.dispose()
            with admin.connect() as conn:
                others = conn.execute(text(
                    "SELECT usename, application_name, client_addr, backend_start FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"), {"db": current}).all()
                if others:
                    names = [f"{o.usename} {o.application_name or ''} from {o.client_addr or 'local'} since "
                             f"{o.backend_start:%Y-%m-%d %H:%M}".replace("  ", " ") for o in others]
                    raise _refuse("other stations are connected to the database: " + "; ".join(names)
                                  + ": close them and try again", "database_in_use", connected=names)
                _swap(conn, current, scratch, replaced)
        except BaseException:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
            raise
    finally:
        admin.dispose()
    report.database = current
    return report


def _swap(conn: Connection, current: str, scratch: str, replaced: str) -> None:
    """Rename the current database aside and the checked copy into its place; PostgreSQL refuses a rename
    while anyone is connected, so a station that connected since the check is refused here, nothing swapped."""
    try:
        conn.execute(text(f'ALTER DATABASE "{current}" RENAME TO "{replaced}"'))
    except DBAPIError as exc:
        raise _refuse(f"the database could not be set aside: {exc.orig}", "database_in_use") from exc
    try:
        conn.execute(text(f'ALTER DATABASE "{scratch}" RENAME TO "{current}"'))
    except DBAPIError as exc:
        conn.execute(text(f'ALTER DATABASE "{replaced}" RENAME TO "{current}"'))
        raise _refuse(f"the restored copy could not take the database's place: {exc.orig}",
                      "restore_failed") from exc
