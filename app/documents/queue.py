"""The print queue: jobs are enqueued in the caller's transaction and delivered one at a time, each step
in its own short transaction, so a label is never lost and never printed twice by the queue.

Delivery of one job:
1. claim — in one transaction, take the oldest queued job for a printer this deliverer can reach
   (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's write lock is taken up front) and mark it
   `sending` with a fresh claim token, attempts + 1; commit.
2. send — ask the printer for its status (~HS) and send only if it is ready.
3. settle — `sent` (with the time) if the printer took it; back to `queued` with the reason in words
   if it was offline or not ready (paper out, head open…): it goes out later. The settle is written
   in the same transaction as the next claim (or on its own after the last job): one commit per label.

A crash between 2 and 3 leaves the job `sending`. The queue cannot know whether the printer printed it,
and a printer prints whatever it receives, so such a job is never resent on its own: once its claim is
older than the lease it becomes `failed` with "may or may not have printed", the station shows it, and
a person reprints it if the label is missing (a reprint is marked and audited). At most once per claim.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from app.admin import audit, auth
from app.devices.printer import Printer, PrinterNotReady, PrinterOffline
from app.devices.problems import DeviceProblem, cause, problem
from app.domain.roles import Permission
from app.domain.vocabulary import DEVICE_PROBLEMS
from app.errors import NotFound, Rejected
from app.persistence.db import Database
from app.persistence.models import PrintJob, User
from app.persistence.types import utcnow
from app.persistence.uow import SYSTEM, Actor, Area, UnitOfWork

LABEL_PRINTER = "label"          # the usual target name of a station's label printer
DOCUMENT_PRINTER = "documents"   # … and of its document (PDF) printer
LEASE_S = 120.0                  # far longer than any one send (connect + status + data timeouts)


def _content_type(payload: bytes) -> str:
    if payload.startswith(b"%PDF-"):
        return "pdf"
    if b"^XA" in payload and b"^XZ" in payload:
        return "zpl"
    raise Rejected("a print job must be ZPL (^XA…^XZ) or a PDF document", code="bad_print_payload")


def enqueue(uow: UnitOfWork, document: str, target: str, payload: bytes, reprint_of: int | None = None, *,
            doc: tuple[str, str] | None = None) -> PrintJob:
    """Queue `payload` for the printer named `target`; it prints when the delivery loop reaches it. `doc`: the
    registry document it is, (name, key), for a screen to name it in its language."""
    auth.require(uow, Permission.PRINT)
    document, target = document.strip(), target.strip()
    if not document or len(document) > 120:
        raise Rejected("a print job needs a document name of at most 120 characters", code="bad_print_document")
    if not target or len(target) > 120:
        raise Rejected("a print job needs a printer name of at most 120 characters", code="bad_print_target")
    kind = _content_type(payload)
    if reprint_of is not None and uow.session.get(PrintJob, reprint_of) is None:
        raise NotFound(f"no print job {reprint_of} to reprint", job=reprint_of)
    job = PrintJob(document=document, target=target, payload=payload, content_type=kind,
                   reprint_of=reprint_of, created_by=uow.actor.user_id, station=uow.actor.station,
                   doc_name=doc[0] if doc else None, doc_key=doc[1] if doc else None)
    uow.session.add(job)
    uow.session.flush()
    if reprint_of is None:
        audit.record(uow, "print_enqueue", "print_job", job.id, document=document, target=target)
    else:
        audit.record(uow, "print_reprint", "print_job", job.id, document=document, target=target,
                     reprint_of=reprint_of)
    uow.changes.touch(Area.PRINT_QUEUE)
    return job


def reprint(uow: UnitOfWork, job_id: int, target: str | None = None) -> PrintJob:
    """Queue the same payload again (optionally to another printer), marked as a reprint of `job_id`."""
    original = uow.session.get(PrintJob, job_id)
    if original is None:
        auth.require(uow, Permission.PRINT)
        raise NotFound(f"no print job {job_id}", job=job_id)
    doc = (original.doc_name, original.doc_key or "") if original.doc_name else None
    return enqueue(uow, original.document, target or original.target, original.payload, reprint_of=job_id, doc=doc)


def cancel(uow: UnitOfWork, job_id: int) -> PrintJob:
    """Withdraw a job that has not gone out (queued) or was interrupted (failed)."""
    auth.require(uow, Permission.PRINT)
    job = uow.session.get(PrintJob, job_id, with_for_update=uow.is_postgres)
    if job is None:
        raise NotFound(f"no print job {job_id}", job=job_id)
    if job.status not in ("queued", "failed"):
        raise Rejected(f"print job {job_id} is {job.status}; only queued or failed jobs can be cancelled",
                       code="print_job_not_cancellable", job=job_id, status=job.status)
    audit.record(uow, "print_cancel", "print_job", job.id, document=job.document, was=job.status)
    job.status = "cancelled"
    uow.changes.touch(Area.PRINT_QUEUE)
    return job


def list_jobs(uow: UnitOfWork, *, status: str | None = None, target: str | None = None,
              station: str | None = None, limit: int = 200, for_screen: bool = False) -> list[dict[str, Any]]:
    """The newest jobs first, without their payloads. `for_screen`: each also carries what a screen words in its
    language: why it waits or failed as a DeviceProblem ("why"; None for a reason kept only in English) and the
    registry document it is ("doc": (name, key), None for a job queued before they were kept)."""
    auth.require(uow, Permission.VIEW)
    stmt = (select(PrintJob.id, PrintJob.document, PrintJob.target, PrintJob.content_type, PrintJob.status,
                   PrintJob.attempts, PrintJob.last_error, PrintJob.reprint_of, PrintJob.station,
                   PrintJob.created_at, PrintJob.sent_at, User.username, PrintJob.error_params, PrintJob.doc_name,
                   PrintJob.doc_key)
            .outerjoin(User, User.id == PrintJob.created_by).order_by(PrintJob.id.desc()).limit(limit))
    for column, value in ((PrintJob.status, status), (PrintJob.target, target), (PrintJob.station, station)):
        if value:
            stmt = stmt.where(column == value)
    rows = []
    for r in uow.session.execute(stmt):
        row = {"id": r.id, "document": r.document, "target": r.target, "content_type": r.content_type,
               "status": r.status, "attempts": r.attempts, "last_error": r.last_error, "reprint_of": r.reprint_of,
               "station": r.station, "created_by": r.username or "", "created_at": r.created_at,
               "sent_at": r.sent_at}
        if for_screen:
            row["why"] = _problem(r.error_params)
            row["doc"] = (r.doc_name, r.doc_key or "") if r.doc_name else None
        rows.append(row)
    return rows


def _problem(params: dict[str, Any] | None) -> DeviceProblem | None:
    """A job's stored reason as a DeviceProblem; None when there is none or it is of a form this version lacks."""
    if not params or params.get("form") not in DEVICE_PROBLEMS:
        return None
    return DeviceProblem(params["form"], {key: value for key, value in params.items() if key != "form"})


def job_payload(uow: UnitOfWork, job_id: int) -> tuple[str, bytes]:
    """(content type, bytes) of one job, e.g. for a preview."""
    auth.require(uow, Permission.VIEW)
    job = uow.session.get(PrintJob, job_id)
    if job is None:
        raise NotFound(f"no print job {job_id}", job=job_id)
    return job.content_type, job.payload


@dataclass
class DeliveryReport:
    """What one pass did: jobs sent, printers that made their jobs wait (and why), jobs found interrupted."""

    sent: list[int] = field(default_factory=list)
    waiting: dict[str, str] = field(default_factory=dict)  # printer → why, in English (the command line's)
    why: dict[str, DeviceProblem] = field(default_factory=dict)  # the same, for a screen to say in its language
    interrupted: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Claim:
    job_id: int
    token: str
    target: str
    payload: bytes


def deliver_pending(db: Database, transports: Mapping[str, Printer], *, station: str | None = None,
                    lease_s: float = LEASE_S, max_jobs: int | None = None, actor: Actor = SYSTEM) -> DeliveryReport:
    """One pass over the queue: send every queued job whose printer is in `transports` (target name →
    transport); a printer found offline or not ready is skipped for the rest of the pass."""
    report = DeliveryReport(interrupted=recover_interrupted(db, list(transports), lease_s, actor=actor))
    for transport in transports.values():
        begin = getattr(transport, "begin_pass", None)
        if begin is not None:
            begin()  # e.g. one TCP connection for the whole pass instead of one per label
    try:
        _deliver_each(db, transports, station, max_jobs, actor, report)
    finally:
        for transport in transports.values():  # a printer serves one connection at a time: let go
            close = getattr(transport, "close", None)
            if close is not None:
                close()
    return report


@dataclass(frozen=True)
class _Outcome:
    """How a send ended, to be written with the next claim (one transaction per label, not two)."""

    claim: _Claim
    sent: bool
    reason: str = ""
    why: DeviceProblem | None = None  # a send that failed: its reason as a form and values (for the screens)


def _deliver_each(db: Database, transports: Mapping[str, Printer], station: str | None, max_jobs: int | None,
                  actor: Actor, report: DeliveryReport) -> None:
    blocked: set[str] = set()
    outcome: _Outcome | None = None
    while max_jobs is None or len(report.sent) < max_jobs:
        targets = [t for t in transports if t not in blocked]
        if not targets:
            break
        claim = _claim(db, targets, station, actor, outcome)
        outcome = None  # written with that claim
        if claim is None:
            break
        try:
            transports[claim.target].deliver(claim.payload)
        except (PrinterOffline, PrinterNotReady) as exc:
            outcome = _Outcome(claim, False, exc.message, exc.problem)
        except OSError as exc:  # e.g. a folder printer's disk is full: nothing usable was printed
            outcome = _Outcome(claim, False, f"{claim.target}: {exc}",
                               problem("target_failed", target=claim.target, cause=cause(exc)))
        else:
            outcome = _Outcome(claim, True)
            report.sent.append(claim.job_id)
            continue
        blocked.add(claim.target)
        report.waiting[claim.target] = outcome.reason
        assert outcome.why is not None  # each refusal above says why
        report.why[claim.target] = outcome.why
    if outcome is not None:
        with UnitOfWork(db, actor) as uow:
            _settle(uow, outcome)
            uow.commit()


def _claim(db: Database, targets: list[str], station: str | None, actor: Actor,
           outcome: _Outcome | None) -> _Claim | None:
    """Record how the last send ended, then (one statement) make the oldest queued job of these printers
    `sending` with a fresh token; committed — durably — before a byte of it goes to the printer."""
    oldest = select(PrintJob.id).where(PrintJob.status == "queued", PrintJob.target.in_(targets))
    if station:
        oldest = oldest.where(PrintJob.station == station)
    oldest = oldest.order_by(PrintJob.id).limit(1)
    token = uuid.uuid4().hex
    with UnitOfWork(db, actor) as uow:
        if outcome is not None:
            _settle(uow, outcome)
        if uow.is_postgres:  # two deliverers never wait for each other: each takes a different job
            oldest = oldest.with_for_update(skip_locked=True)
        row = uow.session.execute(
            update(PrintJob).where(PrintJob.id == oldest.scalar_subquery())
            .values(status="sending", claim_token=token, claimed_at=utcnow(), attempts=PrintJob.attempts + 1)
            .returning(PrintJob.id, PrintJob.target, PrintJob.payload)
            .execution_options(synchronize_session=False)).first()
        uow.commit()
    return None if row is None else _Claim(row.id, token, row.target, row.payload)


def _settle(uow: UnitOfWork, outcome: _Outcome) -> None:
    claim = outcome.claim
    mine = (PrintJob.id == claim.job_id) & (PrintJob.claim_token == claim.token)
    if outcome.sent:  # also over a lease-expired 'failed': the printer did take it, so that is the truth
        stmt = update(PrintJob).where(mine).values(status="sent", sent_at=utcnow(), last_error="", error_params=None)
    else:
        stmt = (update(PrintJob).where(mine, PrintJob.status == "sending")
                .values(status="queued", last_error=outcome.reason[:300], error_params=_params(outcome.why),
                        claim_token=None))
    uow.session.execute(stmt.execution_options(synchronize_session=False))


def _params(why: DeviceProblem | None) -> dict[str, Any] | None:
    return None if why is None else {"form": why.form, **why.values}


def recover_interrupted(db: Database, targets: list[str], lease_s: float = LEASE_S, *,
                        actor: Actor = SYSTEM) -> list[int]:
    """Jobs left `sending` longer than the lease (the deliverer died mid-send) become `failed`: they may
    have printed, so they are not resent; a person checks and reprints. Audited."""
    cutoff = utcnow() - timedelta(seconds=lease_s)
    with UnitOfWork(db, actor) as uow:
        jobs = uow.session.execute(select(PrintJob).where(
            PrintJob.status == "sending", PrintJob.target.in_(targets), PrintJob.claimed_at <= cutoff)
        ).scalars().all()
        for job in jobs:
            job.status = "failed"
            why = problem("print_interrupted", at=f"{job.claimed_at:%Y-%m-%d %H:%M:%S}")
            job.last_error, job.error_params = str(why), _params(why)
            audit.record(uow, "print_interrupted", "print_job", job.id, document=job.document, target=job.target)
        uow.commit()
        return [job.id for job in jobs]
