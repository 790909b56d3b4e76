"""The idempotent scan log of the stations: a replayed scan id returns its first result.

Two stations may replay the same scan file at once (the same scan ids): each id is claimed before the log is
read (`claim`), so one of them does the scan and the others, waiting, then read its first result — never a
second log row (uq_scan_event_scan_id). The stations' fast paths read the log after the row lock of what the
scan belongs to (the declaration, the wave, the manifest), which the same scan id always names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update

from app.errors import Rejected
from app.persistence.hot import Prepared
from app.persistence.models import ScanEvent
from app.persistence.uow import UnitOfWork

ACCEPTED, FLAGGED, REJECTED = "accepted", "flagged", "rejected"
_FIRST = Prepared(select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id")))
_LOGGED = ("scan_id", "station", "workflow", "context", "raw", "outcome", "reason", "result_json", "user_id")
_LOG = Prepared(insert(ScanEvent.__table__), keys=_LOGGED)
_SCAN_IDS = 0x5343  # "SC": the advisory locks (two-key space) of scan ids, apart from the one-key locks
_CLAIM = text("SELECT pg_advisory_xact_lock(:space, :key)")
_RESULT_JSON = json.JSONEncoder(ensure_ascii=False, default=str)  # json.dumps's, made once (a row per scan)


@dataclass(frozen=True)
class ScanResult:
    """What one scan did: `outcome` accepted / flagged (counted, with a warning) / rejected (nothing changed)."""

    outcome: str
    code: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False  # the scan id was seen before: this is the first result, nothing was done now

    @property
    def accepted(self) -> bool:
        return self.outcome != REJECTED

    def to_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "code": self.code, "text": self.text, "params": self.params}


def claim(uow: UnitOfWork, scan_id: str) -> None:
    """Hold `scan_id` until this transaction ends, before reading whether it was logged: another transaction
    with the same id waits here, then reads this one's result. PostgreSQL: a transaction-level advisory lock on
    the id's hash (a collision only makes two scans wait for each other); SQLite's writer already holds the
    database from BEGIN IMMEDIATE, so the read after it sees every committed scan."""
    if uow.is_postgres:
        key = int.from_bytes(hashlib.blake2b(scan_id.encode(), digest_size=4).digest(), "big", signed=True)
        uow.conn.execute(_CLAIM, {"space": _SCAN_IDS, "key": key})


def replayed(uow: UnitOfWork, scan_id: str) -> ScanResult | None:
    """The first result of `scan_id`, if it was logged before."""
    stored = _FIRST.scalar(uow.conn, {"scan_id": scan_id})
    return None if stored is None else first_result(stored)


def first_result(stored: str) -> ScanResult:
    """The replayed result from its logged JSON (a service that reads the log row in its own query)."""
    data = json.loads(stored)
    return ScanResult(data["outcome"], data["code"], data["text"], data.get("params", {}), replayed=True)


def log(uow: UnitOfWork, scan_id: str, workflow: str, context: str, raw: str, result: ScanResult) -> int:
    """Write the scan's log row in the caller's transaction; returns its id."""
    values = {
        "scan_id": scan_id, "station": uow.actor.station[:40], "workflow": workflow, "context": context[:64],
        "raw": raw[:400], "outcome": "rejected" if result.outcome == REJECTED else "accepted",
        "reason": result.text[:200] if result.outcome == REJECTED else "",
        "result_json": _RESULT_JSON.encode(result.to_json()),
        "user_id": uow.actor.user_id,
    }
    return _LOG.insert(uow.conn, values)


def mark_undone(uow: UnitOfWork, event_id: int) -> None:
    uow.session.execute(update(ScanEvent).where(ScanEvent.id == event_id).values(outcome="undone"))


def rejected(code: str, text: str, **params: Any) -> ScanResult:
    return ScanResult(REJECTED, code, text, params)


def with_params(result: ScanResult, **params: Any) -> ScanResult:
    return replace(result, params={**result.params, **params})


def once(uow: UnitOfWork, scan_id: str, workflow: str, context: str | Callable[[ScanResult], str], raw: str,
         action: Callable[[], ScanResult], refused: Callable[[Rejected], None] | None = None) -> ScanResult:
    """One acknowledged scan of a station: a replayed `scan_id` returns its first result and changes nothing;
    `action` runs in a savepoint, so a refusal undoes its partial work and is logged (and `refused(exc)` may
    audit it) instead of raised. `context` is the log's context, or a function of the result."""
    claim(uow, scan_id)  # the same file replayed elsewhere at once: wait for it, then read its result
    first = replayed(uow, scan_id)
    if first is not None:
        return first
    try:
        with uow.session.begin_nested():
            result = action()
    except Rejected as exc:
        result = rejected(exc.code, exc.message, **exc.params)
        if refused is not None:
            refused(exc)
    log(uow, scan_id, workflow, context(result) if callable(context) else context, raw, result)
    return result
