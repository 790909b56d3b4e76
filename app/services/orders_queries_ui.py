"""What the order and customs screens need beyond the CLI's queries: counts, an order's timeline, the exchange
folders, the inbox pass of the receipt watcher, the printout preview, and re-importing a corrected file.

Buyer data stays masked here as everywhere: texts that may carry an ID or phone number go through mask_text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import (
    ConsumerOrder, CustomsMessage, CustomsReceipt, InventoryList, OrderRejection,
)
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from app.services import audit, customs_archive, pii
from app.services.auth import require
from app.services.customs_receipt_files import receipt_files
from app.services.customs_receipts import ReceiptReport, apply_receipts, status_name
from app.services.orders_import import ImportReport, import_orders
from app.services.orders_jobs import Cancel, Progress
from app.services.orders_queries import mask_text, message_text, order_history, order_query

FileSignature = tuple[int, int]  # (size, mtime in ns): a file the watcher has already looked at
WHOLE_FOLDER_FROM = 200          # more new files than this: apply the inbox folder in one batched pass
EVENT_ORDER = ("imported", "sent", "ledger", "received", "receipt", "audit")
CHUNK = 500                      # values per IN (…) list
EFFECTS_SHOWN = 500              # the watcher lists at most this many receipts of one pass


# -- the orders screen ------------------------------------------------------------------------------------
def count_orders(uow: UnitOfWork, status: str | None = None, search: str = "") -> int:
    """How many orders the orders screen's filter matches."""
    require(uow, Permission.VIEW)
    stmt = order_query(uow, status, search).with_only_columns(func.count(ConsumerOrder.id)).order_by(None)
    return uow.session.scalar(stmt) or 0


def status_counts(uow: UnitOfWork) -> dict[str, int]:
    """Orders per status (the tabs show them), and the open import rejections as "rejected"."""
    require(uow, Permission.VIEW)
    counts = dict(uow.session.execute(select(ConsumerOrder.status, func.count()).group_by(ConsumerOrder.status)).all())
    counts["rejected"] = uow.session.scalar(select(func.count()).select_from(OrderRejection)
                                            .where(OrderRejection.state == "open")) or 0
    return counts


def _event(at: str | datetime | None, kind: str, code: str, text: str) -> dict[str, Any] | None:
    if at is None:
        return None
    moment = (at if isinstance(at, datetime) else datetime.fromisoformat(at)).replace(microsecond=0)
    return {"at": moment, "kind": kind, "code": code, "text": mask_text(text)}


def order_timeline(uow: UnitOfWork, order_no: str) -> dict[str, Any]:
    """order_history plus one time-ordered list of events: import, files out and in, receipts, ledger, audit."""
    history = order_history(uow, order_no)
    order = uow.session.execute(select(ConsumerOrder.imported_at, ConsumerOrder.source, ConsumerOrder.source_line)
                                .where(ConsumerOrder.id == history["order"]["id"])).one()
    events = [_event(order.imported_at, "imported", "", f"{order.source}:{order.source_line}")]
    for m in history["messages"]:
        text = m["file_name"] + ("" if m["direction"] == "in" or m["delivered_at"] else " (not yet in the outbox)")
        events.append(_event(m["at"], "sent" if m["direction"] == "out" else "received", m["type"], text))
    for r in history["receipts"]:  # placed when it arrived here; customs' own time is in the text
        outcome = "" if r["outcome"] == "applied" else f" ({r['outcome']})"
        customs_time = datetime.fromisoformat(r["return_at"]).strftime("%Y-%m-%d %H:%M:%S")
        events.append(_event(r["received_at"], "receipt", r["status"],
                             f"{status_name(r['status'])}{outcome}, customs time {customs_time} UTC {r['info']}"
                             .strip()))
    for e in history["ledger"]:
        events.append(_event(e["at"], "ledger", e["biz_type"], f"{e['quantity']:+d} ({e['state']}, {e['doc_type']})"))
    for a in history["audit"]:
        events.append(_event(a["at"], "audit", a["action"], f"{a['username']} {a['outcome']} {a['detail']}"))
    # some records keep their time to the second: within one second, the order things happen in
    history["events"] = sorted((e for e in events if e), key=lambda e: (e["at"], EVENT_ORDER.index(e["kind"])))
    return history


# -- the customs exchange screen --------------------------------------------------------------------------
def exchange_folders(uow: UnitOfWork) -> tuple[Path, Path]:
    """(outbox, inbox): the settings customs_outbox / customs_inbox, else folders in the data directory."""
    require(uow, Permission.VIEW)
    return (customs_archive.outbox(uow),
            customs_archive.folder(uow, None, "customs_inbox", "inbox"))


def archive_newest_first(uow: UnitOfWork, direction: str | None = None, msg_type: str | None = None,
                         before_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The message archive newest first (keyset: ids below `before_id`), as the exchange screen lists it."""
    require(uow, Permission.VIEW)
    stmt = select(CustomsMessage.id, CustomsMessage.direction, CustomsMessage.msg_type, CustomsMessage.business_no,
                  CustomsMessage.file_name, CustomsMessage.sha256, CustomsMessage.at, CustomsMessage.delivered_at,
                  CustomsMessage.note)
    if before_id is not None:
        stmt = stmt.where(CustomsMessage.id < before_id)
    if direction:
        stmt = stmt.where(CustomsMessage.direction == direction)
    if msg_type:
        stmt = stmt.where(CustomsMessage.msg_type == msg_type)
    rows = uow.session.execute(stmt.order_by(CustomsMessage.id.desc()).limit(limit)).mappings()
    return [{**row, "note": mask_text(row["note"])} for row in rows]


def count_archive(uow: UnitOfWork, direction: str | None = None, msg_type: str | None = None) -> int:
    require(uow, Permission.VIEW)
    stmt = select(func.count()).select_from(CustomsMessage)
    if direction:
        stmt = stmt.where(CustomsMessage.direction == direction)
    if msg_type:
        stmt = stmt.where(CustomsMessage.msg_type == msg_type)
    return uow.session.scalar(stmt) or 0


def archived_text(uow: UnitOfWork, message_id: int) -> str:
    """An archived file for viewing on screen (ID and phone numbers masked)."""
    return message_text(uow, message_id)


def deliver_outbox(uow: UnitOfWork) -> list[str]:
    """Write archived outgoing files (a CEB623 after a cancellation) to the outbox, after their change committed."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    return customs_archive.deliver_pending(uow, pii.key_for(uow), customs_archive.outbox(uow))


@dataclass
class InboxPass:
    """What one look at the inbox did: the receipt report, and each applied receipt's effect on its order."""

    report: ReceiptReport = field(default_factory=ReceiptReport)
    files: list[str] = field(default_factory=list)
    effects: list[dict[str, str]] = field(default_factory=list)
    known: dict[str, FileSignature] = field(default_factory=dict)


def _changed_files(folder: Path, known: dict[str, FileSignature]) -> tuple[list[Path], dict[str, FileSignature]]:
    current: dict[str, FileSignature] = {}
    changed = []
    for path in receipt_files(folder):
        try:
            st = path.stat()
        except OSError:  # gone between listing and looking: the next pass sees the folder as it is
            continue
        current[path.name] = (st.st_size, st.st_mtime_ns)
        if known.get(path.name) != current[path.name]:
            changed.append(path)
    return changed, current


def _unarchived(uow: UnitOfWork, paths: list[Path]) -> dict[Path, str]:
    """The files among `paths` whose content is not in the archive yet, with their SHA-256."""
    hashes = {}
    for path in paths:
        try:
            hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    values = list(hashes.values())
    kept: set[str] = set()
    for start in range(0, len(values), CHUNK):
        kept.update(uow.session.execute(select(CustomsMessage.sha256).where(
            CustomsMessage.direction == "in", CustomsMessage.sha256.in_(values[start:start + CHUNK]))).scalars())
    return {p: h for p, h in hashes.items() if h not in kept}


def apply_new_receipts(uow: UnitOfWork, known: dict[str, FileSignature] | None = None) -> InboxPass:
    """The watcher's pass: apply the inbox files not seen (by name, size, time) nor archived (by content)."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    _, inbox = exchange_folders(uow)
    changed, current = _changed_files(inbox, known or {})
    fresh = _unarchived(uow, changed)
    result = InboxPass(known=current, files=sorted(p.name for p in fresh))
    if len(fresh) > WHOLE_FOLDER_FROM:  # a burst: one batched pass; the files seen before count as duplicates
        result.report = apply_receipts(uow, inbox)
    else:
        for path in sorted(fresh):
            _merge(result.report, apply_receipts(uow, path))
    result.effects = receipt_effects(uow, list(fresh.values()))
    return result


def _merge(total: ReceiptReport, one: ReceiptReport) -> None:
    total.applied += one.applied
    total.duplicates += one.duplicates
    total.superseded += one.superseded
    total.unmatched += one.unmatched
    total.refused += one.refused


def receipt_effects(uow: UnitOfWork, hashes: list[str]) -> list[dict[str, str]]:
    """For receipt files (by content hash): each receipt's status and where it left its list and order."""
    if not hashes:
        return []
    hashes = hashes[:EFFECTS_SHOWN]
    rows = uow.session.execute(
        select(CustomsMessage.file_name, CustomsReceipt.return_status, CustomsReceipt.outcome,
               ConsumerOrder.order_no, InventoryList.status, ConsumerOrder.status)
        .join(CustomsReceipt, CustomsReceipt.message_id == CustomsMessage.id)
        .outerjoin(InventoryList, InventoryList.id == CustomsReceipt.list_id)
        .outerjoin(ConsumerOrder, ConsumerOrder.id == InventoryList.order_id)
        .where(CustomsMessage.direction == "in", CustomsMessage.sha256.in_(hashes))
        .order_by(CustomsMessage.id, CustomsReceipt.id)).all()
    return [{"file": f, "status": code, "outcome": outcome, "order_no": order_no or "",
             "list_status": list_status or "", "order_status": order_status or ""}
            for f, code, outcome, order_no, list_status, order_status in rows]


def inventory_list_preview(uow: UnitOfWork, order_no: str) -> bytes:
    """The inventory-list PDF for looking at on screen (printing or saving goes through the audited service)."""
    from app.services.customs_print import inventory_list_print
    from printing.customs import inventory_list_pdf

    return inventory_list_pdf(inventory_list_print(uow, order_no))


# -- the rejection workbench ------------------------------------------------------------------------------
def customs_rejection(uow: UnitOfWork, order_no: str) -> dict[str, Any]:
    """A customs-rejected order on the workbench: customs' reason and the list as it was sent (masked)."""
    require(uow, Permission.VIEW)
    row = uow.session.execute(select(InventoryList, ConsumerOrder).join(ConsumerOrder)
                              .where(ConsumerOrder.order_no == order_no).order_by(ConsumerOrder.id)).first()
    if row is None:
        raise NotFound(f"no declared order {order_no!r}", order_no=order_no)
    lst, order = row
    sent = message_text(uow, lst.message_id) if lst.message_id else ""
    return {"order_no": order.order_no, "status": order.status, "list_status": lst.status, "copNo": lst.cop_no,
            "return_status": lst.return_status, "return_info": mask_text(lst.return_info),
            "cancel_state": lst.cancel_state, "sent": sent}


def reimport_corrected(uow: UnitOfWork, path: Path | str, *, progress: Progress | None = None,
                       cancel: Cancel | None = None) -> ImportReport:
    """Import a corrected file; the earlier open rejections of its orders are closed (resolved or superseded)."""
    require(uow, Permission.ORDERS)
    before = uow.session.scalar(select(func.max(OrderRejection.id))) or 0
    report = import_orders(uow, path, progress=progress, cancel=cancel)
    accepted = set(report.accepted_orders)
    touched = (accepted | {r["order_no"] for r in report.rejected}) - {""}
    if touched:
        now = utcnow()
        earlier = uow.session.execute(select(OrderRejection).where(  # few: the workbench's open records
            OrderRejection.state == "open", OrderRejection.id <= before).order_by(OrderRejection.id)).scalars()
        for rej in earlier:
            if rej.order_no in touched:
                _close(uow, rej, accepted, report.source, now)
        uow.changes.touch("orders")
    return report


def _close(uow: UnitOfWork, rej: OrderRejection, accepted: set[str], source: str, now: datetime) -> None:
    if rej.order_no in accepted:
        rej.state = "resolved"
        rej.order_id = uow.session.execute(select(ConsumerOrder.id).where(ConsumerOrder.order_no == rej.order_no)
                                           .order_by(ConsumerOrder.id.desc()).limit(1)).scalar()
    else:
        rej.state = "dismissed"
    rej.resolved_at = now
    audit.record(uow, "rejection_reimport", "order_rejection", str(rej.id), order_no=rej.order_no,
                 file=source, outcome_now=rej.state)
