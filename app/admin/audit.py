"""The hash-chained audit log: every change and every refusal is written; `verify` finds tampering."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, select, text

from app.persistence.db import Database
from app.persistence.models import AuditEntry
from app.persistence.types import utcnow
from app.persistence.uow import Actor, UnitOfWork

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 0x42574D53  # advisory lock id serialising appends to the chain on PostgreSQL


def _digest(prev_hash: str, e: AuditEntry | dict[str, Any]) -> str:
    get = e.get if isinstance(e, dict) else (lambda name: getattr(e, name))
    body = json.dumps(
        [prev_hash, get("at").strftime("%Y-%m-%dT%H:%M:%S.%fZ"), get("username"), get("role"), get("station"),
         get("action"), get("entity"), get("entity_key"), get("outcome"), get("detail")],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


_LAST_HASH = select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
_INSERT = insert(AuditEntry)
_FIELDS = ("at", "username", "role", "station", "action", "entity", "entity_key", "outcome", "detail")


def _append_in_one() -> Any:
    """SQLite: the chain link in the INSERT itself, `hash = sha256('["' || prev || '",' || :tail)`, where :tail is
    the rest of `_digest`'s JSON body (made in Python) and `bwms_sha256` is registered on every SQLite connection
    (app.persistence.db). One statement instead of read-the-head + insert; the writer holds the write lock
    (BEGIN IMMEDIATE), so the head it links to is the head."""
    table = AuditEntry.__table__
    prev = func.coalesce(_LAST_HASH.scalar_subquery(), GENESIS)
    head = select(prev.label("prev")).subquery()
    columns = [bindparam(name, type_=table.c[name].type) for name in _FIELDS]
    link = func.bwms_sha256(literal('["') + head.c.prev + literal('",') + bindparam("tail"))
    source = select(*columns, head.c.prev, link)
    return insert(table).from_select([*_FIELDS, "prev_hash", "hash"], source).returning(table.c.hash)


_APPEND = _append_in_one()


def _tail(at_text: str, row: dict[str, Any]) -> str:
    """`_digest`'s JSON body without its first element (the previous hash): `,"at","user",…]`."""
    body = json.dumps([at_text, row["username"], row["role"], row["station"], row["action"], row["entity"],
                       row["entity_key"], row["outcome"], row["detail"]], ensure_ascii=False, separators=(",", ":"))
    return body[1:]


def record(uow: UnitOfWork, action: str, entity: str = "", key: str = "", *, outcome: str = "ok",
           **detail: Any) -> str:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change).

    Core statements, not the ORM: this runs once per scan at every station, so it is on the hot path. On
    SQLite one statement (see `_append_in_one`); on PostgreSQL the advisory lock, the head, the insert.
    Returns the entry's hash.
    """
    conn = uow.conn
    actor = uow.actor
    row: dict[str, Any] = {
        "at": utcnow(), "username": actor.username, "role": actor.role, "station": actor.station,
        "action": action, "entity": entity, "entity_key": str(key), "outcome": outcome,
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)}
    if not uow.is_postgres:
        row["tail"] = _tail(row["at"].strftime("%Y-%m-%dT%H:%M:%S.%fZ"), row)
        return str(conn.execute(_APPEND, row).scalar_one())
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    row["prev_hash"] = conn.execute(_LAST_HASH).scalar() or GENESIS
    row["hash"] = _digest(row["prev_hash"], row)
    conn.execute(_INSERT, row)
    return str(row["hash"])


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

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify(uow: UnitOfWork, batch: int = 5000) -> ChainReport:
    """Walk the chain in id order; report the first entry whose hash or link does not hold."""
    prev, count, last_id = GENESIS, 0, 0
    while True:
        rows = uow.session.execute(select(AuditEntry).where(AuditEntry.id > last_id)
                                   .order_by(AuditEntry.id).limit(batch)).scalars().all()
        if not rows:
            return ChainReport(entries=count, first_bad_id=None)
        for e in rows:
            if e.prev_hash != prev:
                return ChainReport(count, e.id, f"entry {e.id} does not link to the entry before it")
            if _digest(prev, e) != e.hash:
                return ChainReport(count, e.id, f"entry {e.id} ({e.action}) was altered after it was written")
            prev, count, last_id = e.hash, count + 1, e.id
        uow.session.expunge_all()


def latest(uow: UnitOfWork, limit: int = 50) -> list[dict[str, Any]]:
    rows = uow.session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars()
    return [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "username": e.username, "role": e.role,
             "station": e.station, "action": e.action, "entity": e.entity, "entity_key": e.entity_key,
             "outcome": e.outcome, "detail": json.loads(e.detail)} for e in rows]
