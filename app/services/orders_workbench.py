"""The rejection workbench: orders refused at import or by customs, to fix and re-validate, requeue or dismiss.

The clerk sees raw records with ID and phone numbers masked; a correction names only the fields it
changes and is merged into the stored record here, so buyer data never has to be shown in clear.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app.domain.customs_rules import balance_violation
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import ConsumerOrder, InventoryList, OrderRejection
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from app.services import audit, pii
from app.services.auth import require
from app.services.orders_cancel import find_order
from app.services.orders_checks import Catalog, available_by_item
from app.services.orders_import import Candidate, ImportReport, candidate_from_record, import_batch
from app.services.orders_jobs import lock_orders
from app.services.orders_queries import mask_text


def workbench(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Everything waiting for a person: open import rejections, customs rejections, refused cancellations."""
    require(uow, Permission.VIEW)
    s = uow.session
    rows = [{"kind": "import", "id": r.id, "order_no": r.order_no, "code": r.code, "reason": r.reason,
             "source": r.source, "line": r.line, "at": r.at.isoformat(timespec="seconds")}
            for r in s.execute(select(OrderRejection).where(OrderRejection.state == "open")
                               .order_by(OrderRejection.id)).scalars()]
    for o, lst in s.execute(select(ConsumerOrder, InventoryList).join(InventoryList).where(
            (ConsumerOrder.status == "customs_rejected") | (InventoryList.cancel_state == "refused"))
            .order_by(ConsumerOrder.id)):
        refused = lst.cancel_state == "refused"
        rows.append({"kind": "cancel_refused" if refused else "customs", "id": o.id, "order_no": o.order_no,
                     "code": "cancel_refused" if refused else o.rejection_code, "reason": lst.return_info,
                     "source": lst.cop_no, "line": 0, "at": (lst.latest_return_at or lst.declared_at)
                     .isoformat(timespec="seconds")})
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
    import_batch(uow, key, catalog, [candidate], report, keep_rejections=False)
    if report.accepted:
        rej.state, rej.resolved_at = "resolved", utcnow()
        rej.order_id = uow.session.execute(select(ConsumerOrder.id).where(
            ConsumerOrder.order_no == candidate.order_no).order_by(ConsumerOrder.id.desc()).limit(1)).scalar()
    else:  # the record stays on the workbench with the corrections kept and the new reason
        rej.code, rej.reason = report.rejected[0]["code"], report.rejected[0]["reason"][:500]
        rej.raw_enc = key.encrypt("order_rejection", raw)
        rej.order_no = candidate.order_no or rej.order_no
    audit.record(uow, "rejection_resubmit", "order_rejection", str(rejection_id), accepted=bool(report.accepted))
    uow.changes.touch("orders")
    return report


def dismiss(uow: UnitOfWork, rejection_id: int, note: str = "") -> None:
    """Close a rejected record without importing it (e.g. the platform will resend it)."""
    require(uow, Permission.ORDERS)
    rej = _rejection(uow, rejection_id)
    rej.state, rej.resolved_at = "dismissed", utcnow()
    audit.record(uow, "rejection_dismiss", "order_rejection", str(rejection_id), note=note)
    uow.changes.touch("orders")


def requeue(uow: UnitOfWork, order_no: str) -> None:
    """A customs-rejected order, fixed at the platform's side, goes back to be declared again (appType 2)."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    lock_orders(uow)
    order = find_order(uow, order_no)
    if order.status != "customs_rejected":
        raise Rejected(f"order {order_no} is {order.status}, not rejected by customs", code="not_customs_rejected")
    needed: dict[str, int] = {}
    for line in order.lines:
        item = line.product.account_book_item.item_no
        needed[item] = needed.get(item, 0) + line.quantity
    found = balance_violation(needed, available_by_item(uow.session))
    if found:
        raise Rejected(found.reason, code=found.code, order_no=order_no)
    order.status, order.rejection_code, order.rejection_reason = "accepted", "", ""
    audit.record(uow, "order_requeue", "order", order_no)
    uow.changes.touch("orders")

