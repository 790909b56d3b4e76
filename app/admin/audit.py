"""The hash-chained audit log: every change and every refusal is written; `verify` finds tampering."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text

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


def record(uow: UnitOfWork, action: str, entity: str = "", key: str = "", *, outcome: str = "ok",
           **detail: Any) -> str:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change).

    Core statements, not the ORM: this runs once per scan at every station, so it is on the hot path.
    Returns the entry's hash.
    """
    conn = uow.session.connection()
    if uow.is_postgres:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    actor = uow.actor
    row: dict[str, Any] = {"at": utcnow(), "username": actor.username, "role": actor.role, "station": actor.station,
           "action": action, "entity": entity, "entity_key": str(key), "outcome": outcome,
           "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
           "prev_hash": conn.execute(_LAST_HASH).scalar() or GENESIS}
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
