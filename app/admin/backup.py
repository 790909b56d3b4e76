"""Backups: a consistent copy of the database while stations keep working, with a manifest; the daily schedule.

SQLite: the online backup API in one step — one read transaction, which in WAL mode never blocks a writer, so
stations keep scanning while the copy is made. PostgreSQL: `pg_dump` (custom format) of a snapshot exported
by a REPEATABLE READ transaction, whose row counts go into the manifest, so dump and manifest describe the
same instant. The copy is written under a temporary name and renamed only when complete: a failed write
(full disk, read-only folder) leaves no half backup and never touches the database.

The manifest (`<backup>.manifest.json`) holds the sha256 of the file, the row count of every table, the audit
chain's head and the fingerprints of the personal-data key and of the audit key. The key files are NOT in the backup
(`app.admin.keys.export_keys` copies them).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.engine import make_url

import app
from app import settings
from app.admin import audit, pii
from app.admin.auth import require
from app.admin.keys import key_files
from app.config import data_dir
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence import audit_chain
from app.persistence.db import Database
from app.persistence.models import AuditEntry
from app.persistence.types import utcnow
from app.persistence.uow import Actor, Area, UnitOfWork
from app.private_files import PRIVATE, write_private

MANIFEST_SUFFIX = ".manifest.json"
FORMAT = 1
_PG_SCHEDULE_LOCK = 0x42574D54  # advisory lock: one workstation at a time decides whether the daily backup is due
_connect = sqlite3.connect  # (tests inject a failing write here)


@dataclass
class BackupReport:
    file: str
    manifest: str
    engine: str
    warehouse: str
    schema: str
    made_at: str
    sha256: str
    size: int
    seconds: float
    tables: dict[str, int] = field(default_factory=dict)
    audit_head: dict[str, Any] = field(default_factory=dict)
    key_fingerprint: str = ""
    key_files_not_included: dict[str, str] = field(default_factory=dict)
    audit_key_fingerprint: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def default_folder(session: Any) -> Path:
    configured = settings.get(session, "backup_folder")
    return Path(configured).expanduser() if configured else data_dir() / "backups"


def backup_database(db: Database, actor: Actor, to: Path | str | None = None) -> BackupReport:
    """`bwms backup`: supervisor or administrator (checked against the database); audited."""
    with UnitOfWork(db, actor, write=False) as uow:
        require(uow, Permission.BACKUP)
        folder = Path(to).expanduser() if to else default_folder(uow.session)
    report = make_backup(db, folder)
    with UnitOfWork(db, actor) as uow:
        audit.record(uow, "backup", "database", Path(report.file).name, folder=str(folder), sha256=report.sha256,
                     size=report.size, schema=report.schema)
        uow.changes.touch(Area.AUDIT)
        uow.commit()
    audit.anchor(db)
    return report


def make_backup(db: Database, folder: Path) -> BackupReport:
    """The backup itself, without the role check (also what a migration runs first, on any schema)."""
    started = time.monotonic()
    made_at = utcnow()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failed(folder, exc) from exc
    with UnitOfWork(db, write=False) as uow:
        warehouse, fingerprint = _warehouse(uow.session), _key_fingerprint(uow.session)
        audit_fingerprint = _audit_key_fingerprint(uow)
        keys = {name: str(path) for name, path in key_files(uow.session).items()}
    partial = folder / f".bwms-backup-{os.getpid()}-{made_at:%Y%m%d%H%M%S%f}.partial"
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))  # 0600 before a byte is in it
        if db.is_sqlite:
            tables, head, schema = _sqlite_copy(db, partial)
        else:
            tables, head, schema = _pg_dump(db, partial)
        name = f"bwms-{_slug(warehouse)}-schema{schema or 'none'}-{made_at:%Y%m%dT%H%M%SZ}"
        suffix, n = (".sqlite3" if db.is_sqlite else ".pgdump"), 1
        while (folder / (name + suffix)).exists() or Path(str(folder / (name + suffix)) + MANIFEST_SUFFIX).exists():
            n += 1  # two backups within one second: never over another backup
            suffix = f"-{n}" + (".sqlite3" if db.is_sqlite else ".pgdump")
        name += suffix
        final = folder / name
        digest, size = file_sha256(partial)
        report = BackupReport(str(final), str(final) + MANIFEST_SUFFIX, "sqlite" if db.is_sqlite else "postgresql",
                              warehouse, schema, made_at.isoformat(timespec="seconds"), digest, size,
                              0.0, tables, head, fingerprint, keys, audit_fingerprint)
        manifest = {"format": FORMAT, "program": app.__version__, **report.to_json(),
                    "file": name, "manifest": None, "seconds": None}
        _write_atomic(Path(report.manifest), json.dumps(manifest, indent=2, ensure_ascii=False).encode())
        os.replace(partial, final)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _failed(folder, exc) from exc
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise _failed(folder, exc) from exc
    finally:
        partial.unlink(missing_ok=True)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _failed(folder: Path, exc: BaseException) -> Rejected:
    reason = getattr(exc, "strerror", None) or str(exc)
    return Rejected(f"the backup could not be written to {folder}: {reason} (the database is untouched; no "
                    "backup was made)", code="backup_failed", folder=str(folder), reason=reason)


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:40] or "warehouse"


def _warehouse(session: Any) -> str:
    try:
        row = session.execute(text("SELECT area_code, name FROM warehouse ORDER BY id LIMIT 1")).first()
    except Exception:  # noqa: BLE001 - an older schema, or a database before `bwms init`: the name is cosmetic
        session.rollback()
        return "warehouse"
    return (row[0] or row[1]) if row else "warehouse"


def _key_fingerprint(session: Any) -> str:
    try:
        return pii.fingerprint_of(pii.key_path(session))
    except Exception:  # noqa: BLE001 - before `bwms init` there is no setting table: no key either
        session.rollback()
        return pii.fingerprint_of(data_dir() / "bwms.key")


def _audit_key_fingerprint(uow: UnitOfWork) -> str:
    try:
        return audit_chain.fingerprint_at(audit_chain.key_path(uow.conn))
    except Rejected:  # not a key file at all: restore will say so
        return ""


def describe(conn: Connection) -> tuple[dict[str, int], dict[str, Any], str]:
    """(row count per table, audit head {id, hash}, schema revision) of the database behind `conn`."""
    names = sorted(inspect(conn).get_table_names())
    tables = {name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()) for name in names}
    head: dict[str, Any] = {"id": None, "hash": audit.GENESIS}
    if AuditEntry.__tablename__ in tables:
        row = conn.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
        if row is not None:
            head = {"id": row.id, "hash": row.hash}
    schema = ""
    if "alembic_version" in tables:
        schema = str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")
    return tables, head, schema


def _sqlite_copy(db: Database, target: Path) -> tuple[dict[str, int], dict[str, Any], str]:
    source_path = db.sqlite_path
    if source_path is None:
        raise Rejected("an in-memory database cannot be backed up", code="backup_failed")
    source = _connect(str(source_path), timeout=15)
    try:
        dest = _connect(str(target), isolation_level=None)
        try:
            # the copy is written without syncs (a new file nobody reads until it is complete), then synced once
            dest.execute("PRAGMA synchronous=OFF")
            dest.execute("PRAGMA journal_mode=OFF")
            with _trickle_sync(target):
                source.backup(dest)  # all pages in one step: one read transaction, writers go on (WAL)
            dest.execute("PRAGMA journal_mode=DELETE")  # the backup is one self-contained file
        finally:
            dest.close()
    finally:
        source.close()
    _fsync(target)
    from app.persistence.db import open_database

    copy = open_database(f"sqlite:///{target}", announce=False)
    try:
        with copy.engine.connect() as conn:
            return describe(conn)
    finally:
        copy.dispose()


@contextmanager
def _trickle_sync(path: Path, every: float = 0.05) -> Iterator[None]:
    """Flush `path` to disk every `every` seconds while the body writes it.

    One fsync of the whole copy at the end made the disk write hundreds of MB at once, and a station's
    commit on the same disk (its own fsync, through the same file-system journal) waited behind it for
    100–200 ms. Small regular flushes keep what is dirty, and so any commit's wait, to a few MB.
    """
    stop = threading.Event()

    def flush() -> None:
        while not stop.wait(every):
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fdatasync(fd)
            finally:
                os.close(fd)

    worker = threading.Thread(target=flush, name="backup-trickle-sync", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pg_tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        raise Rejected(f"{name} is not on the PATH: install the PostgreSQL client tools of the server's major "
                       "version (Debian/Ubuntu: apt-get install postgresql-client; Windows: the PostgreSQL "
                       f"installer's \"Command Line Tools\") and try again", code="pg_tool_missing", tool=name)
    return exe


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment that carries it (not on argv)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _pg_dump(db: Database, target: Path) -> tuple[dict[str, int], dict[str, Any], str]:
    exe = pg_tool("pg_dump")
    uri, env = libpq(db.url)
    with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        described = describe(conn)
        done = subprocess.run([exe, "--format=custom", "--no-owner", f"--snapshot={snapshot}", "--file", str(target),
                               "--dbname", uri], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise OSError(0, f"pg_dump failed: {done.stderr.strip()[-400:]}")
    return described


def file_sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _write_atomic(path: Path, data: bytes) -> None:
    write_private(path, data, durable=True)


def read_manifest(backup_file: Path) -> dict[str, Any]:
    path = Path(str(backup_file) + MANIFEST_SUFFIX)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise Rejected(f"no manifest beside the backup: {path.name} is missing (a backup is the file and its "
                       "manifest)", code="backup_no_manifest", file=str(backup_file)) from exc
    except (OSError, ValueError) as exc:
        raise Rejected(f"the manifest {path.name} cannot be read: {exc}", code="backup_bad_manifest",
                       file=str(backup_file)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or "sha256" not in data:
        raise Rejected(f"the manifest {path.name} is not a backup manifest of this program",
                       code="backup_bad_manifest", file=str(backup_file))
    return data


# ------------------------------------------------------------------------------------------- the daily backup

@dataclass(frozen=True)
class LastBackup:
    at: datetime | None
    file: str

    def age(self, now: datetime | None = None) -> timedelta | None:
        return None if self.at is None else (now or utcnow()) - self.at

    def overdue(self, now: datetime | None = None) -> bool:
        age = self.age(now)
        return age is None or age > timedelta(days=1)


def last_backup(uow: UnitOfWork) -> LastBackup:
    """The latest successful backup any workstation made (from the audit log, which every workstation shares)."""
    row = uow.session.execute(select(AuditEntry.at, AuditEntry.entity_key).where(
        AuditEntry.action == "backup", AuditEntry.outcome == "ok").order_by(AuditEntry.id.desc()).limit(1)).first()
    return LastBackup(row.at, row.entity_key) if row else LastBackup(None, "")


def claim_daily(db: Database, actor: Actor, now: datetime | None = None) -> bool:
    """True for exactly one workstation per day when `backup_daily` is on: the claim is an audit entry written
    under the write lock (SQLite) or an advisory lock (PostgreSQL), so two workstations never both run it."""
    now = now or utcnow()
    with UnitOfWork(db, actor) as uow:
        if not settings.get(uow.session, "backup_daily"):
            return False
        if uow.is_postgres:
            uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_SCHEDULE_LOCK})
        since = now - timedelta(days=1)
        recent = uow.session.execute(select(AuditEntry.id).where(
            AuditEntry.action.in_(("backup", "backup_daily_claim")), AuditEntry.outcome == "ok",
            AuditEntry.at > since).limit(1)).first()
        if recent is not None:
            return False
        audit.record(uow, "backup_daily_claim", "database", actor.station)
        uow.commit()
    return True


def run_daily(db: Database, actor: Actor, now: datetime | None = None) -> BackupReport | None:
    """The scheduled backup (any running workstation calls it, e.g. hourly): at most once per day across all
    workstations, into the backup folder, keeping the newest `backup_keep` backups there."""
    if not claim_daily(db, actor, now):
        return None
    with UnitOfWork(db, write=False) as uow:
        folder, keep = default_folder(uow.session), int(settings.get(uow.session, "backup_keep"))
    report = make_backup(db, folder)
    with UnitOfWork(db, actor) as uow:
        audit.record(uow, "backup", "database", Path(report.file).name, folder=str(folder), sha256=report.sha256,
                     size=report.size, schema=report.schema, scheduled=True)
        uow.changes.touch(Area.AUDIT)
        uow.commit()
    prune(folder, keep)
    return report


def prune(folder: Path, keep: int) -> list[str]:
    """Delete all but the newest `keep` backups (file and manifest) in `folder`; returns what was deleted."""
    if keep <= 0:
        return []
    manifests = sorted(folder.glob("bwms-*" + MANIFEST_SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)
    removed: list[str] = []
    for manifest in manifests[keep:]:
        backup_file = Path(str(manifest)[: -len(MANIFEST_SUFFIX)])
        backup_file.unlink(missing_ok=True)
        manifest.unlink(missing_ok=True)
        removed.append(backup_file.name)
    return removed


# ------------------------------------------------------------------------------------------- safe upgrades

@dataclass(frozen=True)
class Upgrade:
    before: str | None
    after: str
    backup: str  # the backup made first ("" when nothing was migrated)


def upgrade_safely(db: Database, folder: Path | None = None) -> Upgrade:
    """Migrate to this program's schema, backing the database up first when it holds an older one.

    A newer schema is refused with both version numbers (no downgrade). The migration runs in one transaction:
    if it fails, the database is as it was and the error names the backup made before it."""
    from app.persistence import migrate

    before, head = migrate.current_revision(db), migrate.head_revision()
    migrate.refuse_newer(before)
    if before is None or before == head:
        return Upgrade(before, migrate.upgrade(db)[1], "")
    if folder is None:
        with UnitOfWork(db, write=False) as uow:
            folder = default_folder(uow.session)
    made = make_backup(db, folder)
    try:
        migrate.upgrade(db)
    except Exception as exc:
        now = migrate.current_revision(db)
        raise Rejected(f"the migration from schema {before} to {head} failed ({exc}); the database is as it was "
                       f"(schema {now}); the backup made before it is {made.file}", code="migration_failed",
                       backup=made.file, current=now, head=head) from exc
    return Upgrade(before, head, made.file)
