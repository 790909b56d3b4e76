"""The hash-chained audit log: every change and every refusal is written; `verify` finds tampering."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from app.persistence.db import Database
from app.persistence.models import AuditEntry
from app.persistence.types import utcnow
from app.persistence.uow import Actor, UnitOfWork

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 0x42574D53  # advisory lock id serialising appends to the chain on PostgreSQL


def _digest(prev_hash: str, e: AuditEntry) -> str:
    body = json.dumps(
        [prev_hash, e.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), e.username, e.role, e.station, e.action,
         e.entity, e.entity_key, e.outcome, e.detail],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def record(uow: UnitOfWork, action: str, entity: str = "", key: str = "", *, outcome: str = "ok",
           **detail: Any) -> AuditEntry:
    """Append one entry inside the caller's transaction (so it commits or rolls back with the change)."""
    session = uow.session
    if uow.is_postgres:
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    actor = uow.actor
    entry = AuditEntry(at=utcnow(), username=actor.username, role=actor.role, station=actor.station,
                       action=action, entity=entity, entity_key=str(key), outcome=outcome,
                       detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
                       prev_hash=last or GENESIS)
    entry.hash = _digest(entry.prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


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
