"""The rejection workbench: orders refused at import or by customs, to fix and re-validate, requeue or dismiss.

The clerk sees raw records with ID and phone numbers masked; a correction names only the fields it
changes and is merged into the stored record here, so buyer data never has to be shown in clear.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.admin import audit, pii, require
from app.customs import find_order
from app.domain.customs_rules import balance_violation
from app.domain.masking import mask_text
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.formats.order_records import RecordProblem, parse_json_line
from app.orders.checks import Catalog, available_by_item
from app.orders.importing import (
    Candidate,
    ImportReport,
    Refusal,
    candidate_from_record,
    import_batch,
    import_orders,
)
from app.persistence.jobs import Cancel, Progress, batched, lock_orders
from app.persistence.models import (
    ConsumerOrder,
    InventoryList,
    OrderRejection,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork


def workbench(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Everything waiting for a person: open import rejections, customs rejections, refused cancellations. `reason`
    is the English sentence; `params` its form and values, for the detail in another language (None: a
    rejection stored before they were kept, or customs' own text)."""
    require(uow, Permission.VIEW)
    s = uow.session
    rows = [{"kind": "import", "id": r.id, "order_no": r.order_no, "code": r.code, "reason": r.reason,
             "source": r.source, "line": r.line, "at": r.at.isoformat(timespec="seconds"), "params": r.params}
            for r in s.execute(select(OrderRejection).where(OrderRejection.state == "open")
                               .order_by(OrderRejection.id)).scalars()]
    for o, lst in s.execute(select(ConsumerOrder, InventoryList).join(InventoryList).where(
            (ConsumerOrder.status == "customs_rejected") | (InventoryList.cancel_state == "refused"))
            .order_by(ConsumerOrder.id)):
        refused = lst.cancel_state == "refused"
        rows.append({"kind": "cancel_refused" if refused else "customs", "id": o.id, "order_no": o.order_no,
                     "code": "cancel_refused" if refused else o.rejection_code, "reason": lst.return_info,
                     "source": lst.cop_no, "line": 0, "at": (lst.latest_return_at or lst.declared_at)
                     .isoformat(timespec="seconds"), "params": None})
    return rows


def _rejection(uow: UnitOfWork, rejection_id: int) -> OrderRejection:
    rej = uow.session.get(OrderRejection, rejection_id)
    if rej is None:
        raise NotFound(f"no rejected record {rejection_id}", rejection_id=rejection_id)
    if rej.state != "open":
        raise Rejected(f"rejected record {rejection_id} is already {rej.state}", code="not_open")
    return rej


def rejection_record(uow: UnitOfWork, rejection_id: int) -> str:
    """The raw record as the platform sent it, ID and phone numbers masked."""
    require(uow, Permission.VIEW)
    rej = uow.session.get(OrderRejection, rejection_id)
    if rej is None:
        raise NotFound(f"no rejected record {rejection_id}", rejection_id=rejection_id)
    return mask_text(pii.key_for(uow).decrypt("order_rejection", rej.raw_enc))


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for name, value in changes.items():
        merged[name] = _merge(merged[name], value) if isinstance(value, dict) and isinstance(
            merged.get(name), dict) else value
    return merged


def resubmit(uow: UnitOfWork, rejection_id: int, corrections: dict[str, Any]) -> ImportReport:
    """Merge the corrections into the stored record and check it again, exactly as an import would."""
    require(uow, Permission.ORDERS)
    rej = _rejection(uow, rejection_id)
    key = pii.key_for(uow)
    try:
        record = json.loads(key.decrypt("order_rejection", rej.raw_enc))
        record = record if isinstance(record, dict) else {}
    except json.JSONDecodeError:
        record = {}  # the stored line was broken: the correction must carry the whole order
    raw = json.dumps(_merge(record, corrections), ensure_ascii=False)
    catalog = Catalog.load(uow.session)
    candidate: Candidate = candidate_from_record(rej.line, raw, json.loads(raw), catalog)
    report = ImportReport(source=f"workbench:{rej.source}"[:200])
    outcome = import_batch(uow, key, catalog, [candidate], report, keep_rejections=False)
    _settle(key, rej, candidate, outcome[id(candidate)], raw)
    audit.record(uow, "rejection_resubmit", "order_rejection", str(rejection_id), accepted=bool(report.accepted))
    uow.changes.touch(Area.ORDERS)
    return report


def _settle(key: pii.PiiKey, rej: OrderRejection, candidate: Candidate, outcome: int | Refusal,
            raw: str) -> None:
    """Resolved (with its new order), or still open with the latest reason and the record as now corrected."""
    if isinstance(outcome, int):
        rej.state, rej.resolved_at, rej.order_id = "resolved", utcnow(), outcome
        return
    rej.code, rej.reason, rej.params = outcome[0], outcome[1][:500], outcome[2]
    rej.raw_enc = key.encrypt("order_rejection", raw)
    rej.order_no = candidate.order_no or rej.order_no
    rej.record_digest = candidate.digest or None


def revalidate(uow: UnitOfWork, code: str | None = None) -> ImportReport:
    """Check every open rejected record again as it stands (e.g. after the bonded stock was released)."""
    require(uow, Permission.ORDERS)
    key = pii.key_for(uow)
    catalog = Catalog.load(uow.session)
    stmt = select(OrderRejection).where(OrderRejection.state == "open").order_by(OrderRejection.id)
    if code:
        stmt = stmt.where(OrderRejection.code == code)
    report = ImportReport(source="workbench")
    for chunk in batched(list(uow.session.execute(stmt).scalars()), 500):
        pairs = []
        for rej in chunk:
            raw = key.decrypt("order_rejection", rej.raw_enc)
            try:
                record: dict[str, Any] | RecordProblem = parse_json_line(raw)
            except RecordProblem as problem:
                record = problem
            pairs.append((rej, raw, candidate_from_record(rej.line, raw, record, catalog)))
        outcome = import_batch(uow, key, catalog, [c for _, _, c in pairs], report, keep_rejections=False)
        for rej, raw, candidate in pairs:
            _settle(key, rej, candidate, outcome[id(candidate)], raw)
    audit.record(uow, "rejections_revalidate", "order_rejection", code or "all", accepted=report.accepted,
                 still_rejected=len(report.rejected))
    uow.changes.touch(Area.ORDERS)
    return report


def dismiss(uow: UnitOfWork, rejection_id: int, note: str = "") -> None:
    """Close a rejected record without importing it (e.g. the platform will resend it)."""
    require(uow, Permission.ORDERS)
    rej = _rejection(uow, rejection_id)
    rej.state, rej.resolved_at = "dismissed", utcnow()
    audit.record(uow, "rejection_dismiss", "order_rejection", str(rejection_id), note=note)
    uow.changes.touch(Area.ORDERS)


def requeue(uow: UnitOfWork, order_no: str) -> None:
    """A customs-rejected order, fixed at the platform's side, goes back to be declared again (appType 2)."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    lock_orders(uow)
    order = find_order(uow, order_no, for_update=True)
    if order.status != "customs_rejected":
        raise Rejected(f"order {order_no} is {order.status}, not rejected by customs", code="not_customs_rejected")
    needed: dict[str, int] = {}
    for line in order.lines:
        item = line.product.account_book_item.item_no
        needed[item] = needed.get(item, 0) + line.quantity
    found = balance_violation(needed, available_by_item(uow.session).get(order.owner_id, {}))
    if found:
        raise Rejected(found.reason, code=found.code, order_no=order_no)
    order.status, order.rejection_code, order.rejection_reason = "accepted", "", ""
    audit.record(uow, "order_requeue", "order", order_no)
    uow.changes.touch(Area.ORDERS)


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
        uow.changes.touch(Area.ORDERS)
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
