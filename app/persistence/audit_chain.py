"""The audit chain's links and its key: HMAC-SHA256 under a key file kept outside the database.

Each entry's `hash` is HMAC-SHA256(audit key, JSON [previous hash, at, username, role, station, action, entity,
entity_key, outcome, detail]). Whoever can write the database but does not hold the key file cannot make a
link that verifies: dropping the append-only trigger, editing a row and recomputing the chain is found.

The key file (`bwms-audit.key`, 32 random bytes, mode 0600) lies beside the database — the SQLite file's
folder, or the data folder for PostgreSQL — unless the setting `audit_key_file` names another place; every
workstation of one database must use the same file. Its fingerprint is kept in the database (`key_fingerprint`)
so another key is refused rather than used. This module is below app.admin so the migration that re-keys an
older plain-SHA-256 chain (and restore, for a backup made before it) use the very same links.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # json's own escaper (C)
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, String, bindparam, column, inspect, select, table, text

from app.config import data_dir
from app.errors import Rejected
from app.persistence.types import UTCDateTime
from app.private_files import create_key_file, derive, fingerprint_of_master, warn_if_loose

KEY_FILE_NAME = "bwms-audit.key"
KEY_BYTES = 32
KEY_SETTING = "audit_key_file"
GENESIS = "0" * 64
AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
FIELDS = ("at", "username", "role", "station", "action", "entity", "entity_key", "outcome", "detail")
AUDIT_KEY = "audit"  # its name in key_fingerprint


def tail(row: Mapping[str, Any]) -> str:
    """The JSON body after its first element (the previous hash) and its comma: `"at","user",…]`.

    Written once per scan at every station: the time by `%` (strftime's `AT_FORMAT`, a third of its cost) and each
    string by the very function `json.dumps(…, ensure_ascii=False)` escapes strings with, so the text is what
    `json.dumps([at, …], ensure_ascii=False, separators=(",", ":"))[1:]` gives (a field that is not a string
    goes through `json.dumps` itself)."""
    at = row["at"] if isinstance(row["at"], str) else _at_text(row["at"])
    values = [at, *(row[name] for name in FIELDS[1:])]
    if all(type(value) is str for value in values):
        return ",".join(map(encode_basestring, values)) + "]"
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))[1:]


def _at_text(at: datetime) -> str:
    """`at.strftime(AT_FORMAT)` (a year of four digits)."""
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (  # noqa: UP031 - % takes half an f-string's time here
        at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond)


def body(prev_hash: str, row: Mapping[str, Any]) -> str:
    return '["' + prev_hash + '",' + tail(row)


def plain_link(prev_hash: str, row: Mapping[str, Any]) -> str:
    """The link before the chain had a key (schemas before the re-key, and their backups)."""
    return hashlib.sha256(body(prev_hash, row).encode("utf-8")).hexdigest()


def as_row(entry: Any) -> dict[str, Any]:
    """An ORM entry or a result row as the mapping `link` takes."""
    return {name: getattr(entry, name) for name in FIELDS}


@dataclass(frozen=True)
class AuditKey:
    mac_key: bytes
    path: str
    fingerprint: str

    def link(self, prev_hash: str, row: Mapping[str, Any]) -> str:
        return self.mac(body(prev_hash, row))

    def mac(self, text_body: str) -> str:
        mac = self._keyed.copy()  # the key's padding hashed once per key, not once per entry
        mac.update(text_body.encode("utf-8"))
        return mac.hexdigest()

    @cached_property
    def _keyed(self) -> hmac.HMAC:
        return hmac.new(self.mac_key, digestmod=hashlib.sha256)


def default_key_path(conn: Connection) -> Path:
    url = conn.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser().resolve().parent / KEY_FILE_NAME
    return data_dir() / KEY_FILE_NAME


def _has_table(conn: Connection, name: str) -> bool:
    return inspect(conn).has_table(name)


def key_path(conn: Connection) -> Path:
    """The setting `audit_key_file`, else beside the database."""
    configured = None
    if _has_table(conn, "setting"):
        configured = conn.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": KEY_SETTING}).scalar()
    return Path(configured).expanduser() if configured else default_key_path(conn)


def stored_fingerprint(conn: Connection, name: str) -> str | None:
    """The fingerprint of the key `name` this database was first used with (None: not recorded yet)."""
    if not _has_table(conn, "key_fingerprint"):
        return None
    return conn.execute(text("SELECT fingerprint FROM key_fingerprint WHERE name = :n"), {"n": name}).scalar()


_FINGERPRINTS = table("key_fingerprint", column("name", String), column("fingerprint", String),
                      column("recorded_at", UTCDateTime()))


def store_fingerprint(conn: Connection, name: str, fingerprint: str, at: Any) -> None:
    conn.execute(_FINGERPRINTS.insert().values(name=name, fingerprint=fingerprint, recorded_at=at))


def refuse_other_key(what: str, path: Path | str, found: str, stored: str, setting: str,
                     code: str = "wrong_key") -> Rejected:
    return Rejected(f"the {what} file {path} is not the key this database was made with (its fingerprint is "
                    f"{found}, the database's is {stored}): put this database's key file there (every workstation "
                    f"uses the same file; setting {setting}), or restore the key from `bwms keys export`",
                    code=code, path=str(path), found=found, expected=stored)


def resolve(conn: Connection, *, create: bool = False) -> AuditKey:
    """This database's audit key: the file checked against the stored fingerprint; created only when `create`
    and the database has no chain and no fingerprint yet."""
    path = key_path(conn)
    stored = stored_fingerprint(conn, AUDIT_KEY)
    if not path.exists():
        empty = not _has_table(conn, "audit_log") or conn.execute(text("SELECT id FROM audit_log LIMIT 1")).first() \
            is None
        if stored or not (create and empty):
            raise Rejected(f"the audit key file {path} is missing: this database's audit chain is keyed by it. Copy "
                           "the key file from the workstation that created the database (or from `bwms keys "
                           f"export`), or set {KEY_SETTING} to where it is", code="audit_key_missing",
                           path=str(path))
        create_key_file(path, KEY_BYTES)
    key = load(path)
    if stored and stored != key.fingerprint:
        raise refuse_other_key("audit key", path, key.fingerprint, stored, KEY_SETTING, "wrong_audit_key")
    return key


def load(path: Path) -> AuditKey:
    warn_if_loose(path, "audit key")
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: str, _mtime_ns: int, _size: int) -> AuditKey:
    master = Path(path).read_bytes()
    if len(master) != KEY_BYTES:
        raise Rejected(f"the audit key file {path} is not a {KEY_BYTES}-byte key", code="bad_key_file", path=path)
    return AuditKey(derive(master, b"bwms audit hmac-sha256"), path, fingerprint_of_master(master))


def fingerprint_at(path: Path) -> str:
    """The fingerprint of the audit key file at `path` ("" when there is none)."""
    return load(path).fingerprint if path.exists() else ""


# ------------------------------------------------------------------------------------ re-keying a plain chain

@dataclass(frozen=True)
class Rekeyed:
    entries: int
    plain_chain: str  # "ok", or where the plain chain was already broken before the key


_AUDIT = table("audit_log", column("id", Integer), column("at", UTCDateTime()),
               *(column(name, String) for name in FIELDS[1:]), column("prev_hash", String), column("hash", String))


def rekey(conn: Connection, key: AuditKey | None, batch: int = 5000) -> Rekeyed:
    """Recompute every link in id order — under `key`, or the plain SHA-256 of before (None: the downgrade) —
    after checking the links as they stand. The caller lifts the append-only trigger around it."""
    prev_old, prev_new, count, last, broken = GENESIS, GENESIS, 0, 0, ""
    change = (_AUDIT.update().where(_AUDIT.c.id == bindparam("i"))
              .values(prev_hash=bindparam("p"), hash=bindparam("h")))
    while True:
        rows = conn.execute(select(_AUDIT).where(_AUDIT.c.id > last).order_by(_AUDIT.c.id).limit(batch)).all()
        if not rows:
            return Rekeyed(count, broken or "ok")
        updates = []
        for row in rows:
            fields = as_row(row)
            if key is not None and not broken and (row.prev_hash != prev_old
                                                   or row.hash != plain_link(prev_old, fields)):
                broken = f"broken at entry {row.id}"
            link = key.link(prev_new, fields) if key is not None else plain_link(prev_new, fields)
            updates.append({"i": row.id, "p": prev_new, "h": link})
            prev_old, prev_new, last, count = row.hash, link, row.id, count + 1
        conn.execute(change, updates)


def append(conn: Connection, key: AuditKey, row: Mapping[str, Any]) -> str:
    """Append one entry after the chain's head (the migration's own entry; the caller holds the write lock)."""
    prev = conn.execute(select(_AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)).scalar() or GENESIS
    link = key.link(prev, row)
    conn.execute(_AUDIT.insert().values(**{name: row[name] for name in FIELDS}, prev_hash=prev, hash=link))
    return link
