"""The keyed audit log: every change and every refusal is written; `verify` finds tampering and truncation.

Each entry is linked to the one before by an HMAC under the audit key file (app.persistence.audit_chain), which
lives outside the database: with write access to the database alone, an edited, deleted or inserted entry
cannot be made to verify. Deleting the newest entries keeps the rest of the chain sound, so the head is also
written outside the database — an anchor file `audit-anchors/audit-head-<date>.json` in the data folder (mode
0600: the head's id, its HMAC, its time) after each customs export and backup, each hour a workstation runs,
and after each clean `audit verify` — and `verify` checks that the chain still reaches the newest anchor.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, select, text

from app import clock
from app.admin.lookups import warehouse_zone
from app.config import data_dir
from app.domain import vocabulary
from app.errors import Rejected
from app.persistence import audit_chain
from app.persistence.audit_chain import AT_FORMAT, FIELDS, GENESIS, AuditKey
from app.persistence.db import Database
from app.persistence.hot import Prepared
from app.persistence.models import AuditEntry
from app.persistence.types import utcnow
from app.persistence.uow import Actor, UnitOfWork
from app.private_files import write_private

__all__ = ["GENESIS", "SQLITE_LINK", "AuditKey", "ChainReport", "anchor", "audit_key", "latest", "record",
           "record_refusal", "verify", "write_anchor"]

_PG_AUDIT_LOCK = 0x42574D53  # advisory lock id serialising appends to the chain on PostgreSQL
_KEY_CACHE = "audit_key"
SQLITE_LINK = "bwms_audit_link"  # the key's HMAC as an SQLite function, registered per connection
ANCHORS = "audit-anchors"

_LAST_HASH = select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
_INSERT = insert(AuditEntry)
_DETAIL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)  # json.dumps's, made once


def _append_in_one() -> Any:
    """SQLite: the chain link in the INSERT itself, `hash = bwms_audit_link('["' || prev || '",' || :tail)`,
    where :tail is the rest of the link's JSON body (made in Python) and `bwms_audit_link` the HMAC under this
    database's audit key, registered on the connection (`_link_function`). One statement instead of
    read-the-head + insert; the writer holds the write lock (BEGIN IMMEDIATE), so the head it links to is the
    head."""
    table = AuditEntry.__table__
    prev = func.coalesce(_LAST_HASH.scalar_subquery(), GENESIS)
    head = select(prev.label("prev")).subquery()
    columns = [bindparam(name, type_=table.c[name].type) for name in FIELDS]
    link = getattr(func, SQLITE_LINK)(literal('["') + head.c.prev + literal('",') + bindparam("tail"))
    source = select(*columns, head.c.prev, link)
    return insert(table).from_select([*FIELDS, "prev_hash", "hash"], source)


_APPEND = Prepared(_append_in_one())


def audit_key(uow: UnitOfWork) -> AuditKey:
    """This database's audit key, checked once per process against the fingerprint stored in the database
    (stored on first use when there is none yet). Missing or another key: refused, naming the file."""
    cached: AuditKey | None = uow.db.cache.get(_KEY_CACHE)
    if cached is not None:
        return cached
    key = audit_chain.resolve(uow.conn)
    if audit_chain.stored_fingerprint(uow.conn, audit_chain.AUDIT_KEY) is None:
        if uow.write:
            audit_chain.store_fingerprint(uow.conn, audit_chain.AUDIT_KEY, key.fingerprint, utcnow())
        return key  # cached once the fingerprint is committed
    uow.db.cache[_KEY_CACHE] = key
    return key


def _link_function(uow: UnitOfWork, key: AuditKey) -> None:
    raw = uow.conn.connection
    if raw.info.get(SQLITE_LINK) != key.fingerprint:
        raw.driver_connection.create_function(SQLITE_LINK, 1, key.mac, deterministic=True)
        raw.info[SQLITE_LINK] = key.fingerprint


def record(uow: UnitOfWork, action: str, entity: str = "", key: str = "", *, outcome: str = "ok",
           **detail: Any) -> None:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change).

    Core statements, not the ORM: this runs once per scan at every station, so it is on the hot path. On
    SQLite one statement (see `_append_in_one`, nothing returned: no RETURNING to buffer); on PostgreSQL the
    advisory lock, the head, the insert.
    """
    mac = audit_key(uow)
    conn = uow.conn
    actor = uow.actor
    row: dict[str, Any] = {
        "at": utcnow(), "username": actor.username, "role": actor.role, "station": actor.station,
        "action": action, "entity": entity, "entity_key": str(key), "outcome": outcome,
        "detail": _DETAIL.encode(detail)}
    if not uow.is_postgres:
        _link_function(uow, mac)
        row["tail"] = audit_chain.tail(row)
        _APPEND.run(conn, row)
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    row["prev_hash"] = conn.execute(_LAST_HASH).scalar() or GENESIS
    row["hash"] = mac.link(row["prev_hash"], row)
    conn.execute(_INSERT, row)


def record_refusal(db: Database, actor: Actor, action: str, reason: str, **detail: Any) -> None:
    """A refused attempt (wrong password, missing permission) is audited in its own transaction."""
    with UnitOfWork(db, actor) as uow:
        record(uow, action, outcome="refused", reason=reason, **detail)
        uow.commit()


@dataclass
class ChainReport:
    entries: int
    first_bad_id: int | None
    reason: str = ""
    anchor: str = ""  # the newest anchor file the chain was checked against
    anchor_id: int | None = None
    form: str = ""  # the reason as a sentence's form and values (app.domain.vocabulary CHECK_PROBLEMS)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None

    def broken(self, first_bad_id: int, form: str, **values: Any) -> ChainReport:
        """The chain broken at `first_bad_id` for the reason `form` says with `values` (`reason`: in English)."""
        self.first_bad_id, self.form, self.values = first_bad_id, form, values
        self.reason = vocabulary.check_problem(form, values)
        return self


def verify(uow: UnitOfWork, batch: int = 5000, *, keyed: bool = True, anchors: bool = True) -> ChainReport:
    """Walk the chain in id order; report the first entry whose link does not hold under the audit key, then
    whether the chain still reaches the newest anchor written outside the database.

    `keyed=False`: the plain SHA-256 links of a schema before the key (a backup restored from then);
    `anchors=False`: a copy being checked (a backup is older than the anchors of the database it copies)."""
    key = audit_key(uow) if keyed else None
    link = key.link if key is not None else audit_chain.plain_link
    prev, count, last_id, first = GENESIS, 0, 0, ""
    while True:
        rows = uow.session.execute(select(AuditEntry).where(AuditEntry.id > last_id)
                                   .order_by(AuditEntry.id).limit(batch)).scalars().all()
        if not rows:
            break
        for e in rows:
            if e.prev_hash != prev:
                return ChainReport(count, None).broken(e.id, "audit_unlinked", entry=e.id)
            if link(prev, audit_chain.as_row(e)) != e.hash:
                return ChainReport(count, None).broken(e.id, "audit_altered", entry=e.id, action=e.action)
            prev, count, last_id = e.hash, count + 1, e.id
            first = first or e.hash
        uow.session.expunge_all()
    report = ChainReport(entries=count, first_bad_id=None)
    if anchors and key is not None:
        _check_anchor(uow, key, report, last_id, first)
    return report


def anchor_folder() -> Path:
    return data_dir() / ANCHORS


def _anchors(key: AuditKey, first: str, since: datetime | None) -> list[tuple[Path, dict[str, Any]]]:
    """This chain's anchors (same key, same first entry), written after `since` (the last restore)."""
    found = []
    for path in sorted(anchor_folder().glob("audit-head-*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            written = datetime.fromisoformat(data["written"])
            if data["key"] != key.fingerprint or (first and data["first"] != first):
                continue
            if since is not None and written < since:
                continue
            found.append((path, data))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise Rejected(f"the audit anchor {path} cannot be read ({exc}): it was damaged or edited",
                           code="audit_anchor_unreadable", path=str(path)) from exc
    return found


def _check_anchor(uow: UnitOfWork, key: AuditKey, report: ChainReport, head_id: int, first: str) -> None:
    since = uow.session.execute(select(func.max(AuditEntry.at)).where(AuditEntry.action == "restore")).scalar()
    found = _anchors(key, first, since)
    if not found:
        return
    path, newest = max(found, key=lambda item: int(item[1]["id"]))
    report.anchor, report.anchor_id = str(path), int(newest["id"])
    stored = uow.session.execute(select(AuditEntry.hash).where(AuditEntry.id == report.anchor_id)).scalar()
    if stored is None:
        report.broken(head_id + 1, "audit_truncated", head=head_id or "none", anchor=path.name,
                      written=newest["written"], entry=report.anchor_id)
    elif stored != newest["hash"]:
        report.broken(report.anchor_id, "audit_rewritten", entry=report.anchor_id, anchor=path.name,
                      written=newest["written"])


def write_anchor(uow: UnitOfWork, folder: Path | None = None) -> Path | None:
    """Write the chain's head to `audit-anchors/audit-head-<date>.json` in the data folder (or `folder`), mode
    0600; one file a day (the warehouse's date), advanced as the head moves. None when the log is empty."""
    key = audit_key(uow)
    head = uow.session.execute(select(AuditEntry.id, AuditEntry.hash, AuditEntry.at)
                               .order_by(AuditEntry.id.desc()).limit(1)).first()
    if head is None:
        return None
    first = uow.session.execute(select(AuditEntry.hash).order_by(AuditEntry.id).limit(1)).scalar_one()
    now = utcnow()
    day = clock.local_date(now, warehouse_zone(uow.session))  # a daily file: the warehouse's day, not UTC's
    path = (folder or anchor_folder()) / f"audit-head-{day:%Y-%m-%d}.json"
    try:
        before = json.loads(path.read_text(encoding="utf-8"))
        if before.get("first") == first and int(before.get("id", 0)) >= head.id:
            return path  # another workstation anchored this head or a newer one
    except (OSError, ValueError, TypeError):
        pass
    data = {"id": head.id, "hash": head.hash, "at": head.at.strftime(AT_FORMAT), "written": now.isoformat(),
            "key": key.fingerprint, "first": first}
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return write_private(path, json.dumps(data, indent=1).encode(), durable=True)
    except OSError as exc:  # the work it follows is done and committed: said, not undone
        logging.getLogger("bwms.audit").warning("the audit anchor %s could not be written: %s", path, exc)
        return None


def anchor(db: Database, folder: Path | None = None) -> Path | None:
    """Anchor the chain's head now (the hourly schedule, after a backup)."""
    with UnitOfWork(db, write=False) as uow:
        return write_anchor(uow, folder)


def latest(uow: UnitOfWork, limit: int = 50) -> list[dict[str, Any]]:
    rows = uow.session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars()
    return [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "username": e.username, "role": e.role,
             "station": e.station, "action": e.action, "entity": e.entity, "entity_key": e.entity_key,
             "outcome": e.outcome, "detail": json.loads(e.detail)} for e in rows]
