"""What the order and customs screens show: orders by status with search, an order's customs history,
the exchange archive. Buyer data appears masked only (a customs officer reveals one value via pii.reveal).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from app.admin import AccessDenied, pii, require
from app.customs import message_text, status_name
from app.domain.codes import id_number_valid
from app.domain.masking import mask_text
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import (
    AuditEntry,
    ConsumerOrder,
    CustomsLedgerEntry,
    CustomsMessage,
    CustomsReceipt,
    InventoryList,
    OrderLine,
    OrderRejection,
    Owner,
)
from app.persistence.uow import UnitOfWork


def _money(value: Any) -> str:
    return f"{value:.2f}"


Statuses = str | tuple[str, ...] | None  # one status, the statuses of a flow stage, or every order


def order_query(uow: UnitOfWork, status: Statuses = None, search: str = "", owner: str = "") -> Select:
    """Orders with their list and owner code, filtered by status (or a flow stage's statuses), owner (code) and
    by a search on order no., waybill, copNo or buyer."""
    stmt = (select(ConsumerOrder, InventoryList, Owner.code)
            .outerjoin(InventoryList, InventoryList.order_id == ConsumerOrder.id)
            .join(Owner, Owner.id == ConsumerOrder.owner_id))
    if isinstance(status, tuple):
        stmt = stmt.where(ConsumerOrder.status.in_(status))
    elif status:
        stmt = stmt.where(ConsumerOrder.status == status)
    if owner:
        stmt = stmt.where(Owner.code == owner)
    text = search.strip()
    if text:
        if id_number_valid(text):  # a full ID number: found by its keyed hash, never stored in clear
            _may_search_by_id_number(uow)
            stmt = stmt.where(ConsumerOrder.buyer_id_hash == pii.key_for(uow).id_hash(text))
        else:
            stmt = stmt.where(or_(ConsumerOrder.order_no.startswith(text), ConsumerOrder.waybill_no.startswith(text),
                                  InventoryList.cop_no == text, ConsumerOrder.buyer_id_masked == text,
                                  ConsumerOrder.buyer_id_masked.endswith(text),
                                  ConsumerOrder.buyer_phone_masked.endswith(text)))
    return stmt


def _may_search_by_id_number(uow: UnitOfWork) -> None:
    """Whether a person has ordered is personal data: a search by a full ID number is for the roles that may
    reveal it (customs officers); others search by order no., waybill or the masked ID. Refusals are audited."""
    try:
        require(uow, Permission.REVEAL_PII)
    except AccessDenied as exc:
        raise AccessDenied(f"{uow.actor.username} ({uow.actor.role}) may not search orders by a full ID number: "
                           "whether a person has ordered is personal data, for the roles that may reveal it; "
                           "search by order no., waybill or the masked ID (e.g. 330106********8190) instead",
                           code="id_search_refused", permission=str(Permission.REVEAL_PII),
                           role=uow.actor.role) from exc


def list_orders(uow: UnitOfWork, status: Statuses = None, search: str = "", after_id: int = 0,
                limit: int = 200, *, owner: str = "") -> list[dict[str, Any]]:
    """One page of orders (keyset by id) as the orders screen shows them (`owner`: only that owner's)."""
    require(uow, Permission.VIEW)
    stmt = (order_query(uow, status, search, owner).where(ConsumerOrder.id > after_id).order_by(ConsumerOrder.id)
            .limit(limit))
    return [_order_row(o, lst, code) for o, lst, code in uow.session.execute(stmt)]


def _order_row(o: ConsumerOrder, lst: InventoryList | None, owner: str) -> dict[str, Any]:
    return {"id": o.id, "order_no": o.order_no, "platform_code": o.platform_code, "status": o.status,
            "owner": owner,
            "customs_status": lst.status if lst else "", "copNo": lst.cop_no if lst else "",
            "rejection_code": o.rejection_code, "waybill_no": o.waybill_no, "carrier_code": o.carrier_code,
            "buyer_id": o.buyer_id_masked, "buyer_phone": o.buyer_phone_masked,
            "dutiable_total": _money(o.dutiable_total), "tax": _money(o.tax), "full_tax": o.full_tax,
            "inspection": o.inspection, "cancel_state": lst.cancel_state if lst else "",
            "ordered_at": o.ordered_at.isoformat(timespec="seconds")}


def orders_report(uow: UnitOfWork, status: str | None = None, owner: str = "") -> list[dict[str, Any]]:
    """`bwms orders --json`: every order (and, for no status or "rejected", every open import rejection); with
    `owner`, only that owner's orders (an import rejection has no owner yet)."""
    require(uow, Permission.VIEW)
    rows: list[dict[str, Any]] = []
    after = 0
    while page := list_orders(uow, status, "", after, 5000, owner=owner):
        rows += [{k: r[k] for k in ("order_no", "owner", "status", "customs_status", "copNo", "rejection_code")}
                 for r in page]
        after = page[-1]["id"]
    if status in (None, "rejected") and not owner:
        for rej in uow.session.execute(select(OrderRejection).where(OrderRejection.state == "open")
                                       .order_by(OrderRejection.id)).scalars():
            rows.append({"order_no": rej.order_no, "owner": "", "status": "rejected", "customs_status": "", "copNo": "",
                         "rejection_code": rej.code})
    return rows


def order_history(uow: UnitOfWork, order_no: str) -> dict[str, Any]:
    """One order's full customs story: the order (masked), its list, every receipt, file, ledger row, audit."""
    require(uow, Permission.VIEW)
    order = uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.order_no == order_no)
                                .options(selectinload(ConsumerOrder.lines).joinedload(OrderLine.product))
                                .order_by(ConsumerOrder.id).limit(1)).scalar_one_or_none()
    if order is None:
        raise NotFound(f"no order {order_no!r}", order_no=order_no)
    key = pii.key_for(uow)
    lst = uow.session.execute(select(InventoryList).where(InventoryList.order_id == order.id)).scalar_one_or_none()
    owner = uow.session.scalar(select(Owner.code).where(Owner.id == order.owner_id)) or ""
    return {"order": _order_detail(key, order, lst, owner), "inventory_list": _list_detail(lst),
            "receipts": _receipts(uow, lst), "messages": _messages(uow, lst),
            "ledger": _ledger(uow, lst), "audit": _audit(uow, order_no)}


def _order_detail(key: pii.PiiKey, o: ConsumerOrder, lst: InventoryList | None, owner: str) -> dict[str, Any]:
    row = _order_row(o, lst, owner)
    row.update({"buyer_name": key.decrypt("buyer_name", o.buyer_name_enc),
                "consignee_name": key.decrypt("consignee_name", o.consignee_name_enc),
                "consignee_phone": o.consignee_phone_masked,
                "consignee_address": o.consignee_province + o.consignee_city + o.consignee_district
                + o.consignee_address, "goods_value": _money(o.goods_value), "freight": _money(o.freight),
                "insurance": _money(o.insurance), "discount": _money(o.discount), "paid": _money(o.paid),
                "tax_computed": _money(o.tax_computed), "rejection_reason": o.rejection_reason,
                "lines": [{"gnum": ln.gnum, "sku": ln.product.sku, "name": ln.product.name_cn, "qty": ln.quantity,
                           "unit_price": _money(ln.unit_price), "tax": _money(ln.tariff + ln.consumption_tax + ln.vat)}
                          for ln in o.lines]})
    return row


def _list_detail(lst: InventoryList | None) -> dict[str, Any] | None:
    if lst is None:
        return None
    def when(t: datetime | None) -> str | None:
        return t.isoformat(timespec="seconds") if t else None

    return {"copNo": lst.cop_no, "guid": lst.guid, "app_type": lst.app_type, "status": lst.status,
            "return_status": lst.return_status, "return_info": lst.return_info, "preNo": lst.pre_no,
            "invtNo": lst.invt_no, "declared_at": when(lst.declared_at), "released_at": when(lst.released_at),
            "latest_return_at": when(lst.latest_return_at), "pre_held": lst.pre_held,
            "cancel_state": lst.cancel_state}


def _receipts(uow: UnitOfWork, lst: InventoryList | None) -> list[dict[str, Any]]:
    if lst is None:
        return []
    rows = uow.session.execute(select(CustomsReceipt).where(CustomsReceipt.list_id == lst.id)
                               .order_by(CustomsReceipt.return_at, CustomsReceipt.id)).scalars()
    return [{"kind": r.kind, "status": r.return_status, "return_at": r.return_at.isoformat(timespec="milliseconds"),
             "info": r.return_info, "outcome": r.outcome, "received_at": r.received_at.isoformat(timespec="seconds")}
            for r in rows]


def _messages(uow: UnitOfWork, lst: InventoryList | None) -> list[dict[str, Any]]:
    if lst is None:
        return []
    return [_message_row(m) for m in uow.session.execute(
        select(CustomsMessage).where(CustomsMessage.business_no == lst.cop_no).order_by(CustomsMessage.id)).scalars()]


def _ledger(uow: UnitOfWork, lst: InventoryList | None) -> list[dict[str, Any]]:
    if lst is None:
        return []
    rows = uow.session.execute(select(CustomsLedgerEntry).where(CustomsLedgerEntry.doc_no == lst.cop_no)
                               .order_by(CustomsLedgerEntry.id)).scalars()
    return [{"at": e.at.isoformat(timespec="seconds"), "item_id": e.account_book_item_id, "biz_type": e.biz_type,
             "state": e.state, "quantity": e.quantity, "doc_type": e.doc_type} for e in rows]


def _audit(uow: UnitOfWork, order_no: str) -> list[dict[str, Any]]:
    rows = uow.session.execute(select(AuditEntry).where(AuditEntry.entity == "order", AuditEntry.entity_key == order_no)
                               .order_by(AuditEntry.id)).scalars()
    return [{"at": a.at.isoformat(timespec="seconds"), "username": a.username, "action": a.action,
             "outcome": a.outcome, "detail": a.detail} for a in rows]


def _message_row(m: CustomsMessage) -> dict[str, Any]:
    return {"id": m.id, "direction": m.direction, "type": m.msg_type, "business_no": m.business_no,
            "file_name": m.file_name, "sha256": m.sha256, "size": m.size, "at": m.at.isoformat(timespec="seconds"),
            "delivered_at": m.delivered_at.isoformat(timespec="seconds") if m.delivered_at else None, "note": m.note}


def exchange_archive(uow: UnitOfWork, direction: str | None = None, msg_type: str | None = None,
                     after_id: int = 0, limit: int = 200) -> list[dict[str, Any]]:
    """The customs exchange screen: what was sent and received, newest last (keyset by id)."""
    require(uow, Permission.VIEW)
    stmt = select(CustomsMessage).where(CustomsMessage.id > after_id)
    if direction:
        stmt = stmt.where(CustomsMessage.direction == direction)
    if msg_type:
        stmt = stmt.where(CustomsMessage.msg_type == msg_type)
    return [_message_row(m) for m in uow.session.execute(stmt.order_by(CustomsMessage.id).limit(limit)).scalars()]


EVENT_ORDER = ("imported", "sent", "ledger", "received", "receipt", "audit")


# -- the orders screen ------------------------------------------------------------------------------------
def count_orders(uow: UnitOfWork, status: Statuses = None, search: str = "", *, owner: str = "") -> int:
    """How many orders the orders screen's filter matches."""
    require(uow, Permission.VIEW)
    stmt = order_query(uow, status, search, owner).with_only_columns(func.count(ConsumerOrder.id)).order_by(None)
    return uow.session.scalar(stmt) or 0


def status_counts(uow: UnitOfWork) -> dict[str, int]:
    """Orders per status (the tabs show them), and the open import rejections as "rejected"."""
    require(uow, Permission.VIEW)
    counts = dict(uow.session.execute(select(ConsumerOrder.status, func.count()).group_by(ConsumerOrder.status)).all())
    counts["rejected"] = uow.session.scalar(select(func.count()).select_from(OrderRejection)
                                            .where(OrderRejection.state == "open")) or 0
    return counts


def _event(at: str | datetime | None, kind: str, code: str, text: str, **values: Any) -> dict[str, Any] | None:
    """One event of an order's timeline: `text` in English words, `values` what a screen words in its language."""
    if at is None:
        return None
    moment = (at if isinstance(at, datetime) else datetime.fromisoformat(at)).replace(microsecond=0)
    return {"at": moment, "kind": kind, "code": code, "text": mask_text(text),
            "values": {key: mask_text(value) if isinstance(value, str) else value for key, value in values.items()}}


def _detail(detail: str) -> dict[str, Any]:
    """An audit entry's detail (stored as JSON text), masked; {} when it is not a JSON object."""
    try:
        found = json.loads(mask_text(detail or "{}"))
    except ValueError:
        return {}
    return {key: mask_text(value) if isinstance(value, str) else value
            for key, value in found.items()} if isinstance(found, dict) else {}


def order_timeline(uow: UnitOfWork, order_no: str) -> dict[str, Any]:
    """order_history plus one time-ordered list of events: import, files out and in, receipts, ledger, audit. Each
    event's values: a file's name and whether it waits for the outbox; a receipt's outcome, customs' time and text; a
    ledger entry's quantity, state and document; an audit entry's user, outcome and detail."""
    history = order_history(uow, order_no)
    order = uow.session.execute(select(ConsumerOrder.imported_at, ConsumerOrder.source, ConsumerOrder.source_line)
                                .where(ConsumerOrder.id == history["order"]["id"])).one()
    events = [_event(order.imported_at, "imported", "", f"{order.source}:{order.source_line}")]
    for m in history["messages"]:
        pending = m["direction"] == "out" and not m["delivered_at"]
        text = m["file_name"] + (" (not yet in the outbox)" if pending else "")
        events.append(_event(m["at"], "sent" if m["direction"] == "out" else "received", m["type"], text,
                             file=m["file_name"], pending=pending))
    for r in history["receipts"]:  # placed when it arrived here; customs' own time is in the text
        outcome = "" if r["outcome"] == "applied" else f" ({r['outcome']})"
        customs_time = datetime.fromisoformat(r["return_at"]).strftime("%Y-%m-%d %H:%M:%S")
        events.append(_event(r["received_at"], "receipt", r["status"],
                             f"{status_name(r['status'])}{outcome}, customs time {customs_time} UTC {r['info']}"
                             .strip(), outcome=r["outcome"], customs_time=customs_time, info=r["info"]))
    for e in history["ledger"]:
        events.append(_event(e["at"], "ledger", e["biz_type"], f"{e['quantity']:+d} ({e['state']}, {e['doc_type']})",
                             quantity=e["quantity"], state=e["state"], doc_type=e["doc_type"]))
    for a in history["audit"]:
        events.append(_event(a["at"], "audit", a["action"], f"{a['username']} {a['outcome']} {a['detail']}",
                             user=a["username"], outcome=a["outcome"], detail=_detail(a["detail"])))
    # some records keep their time to the second: within one second, the order things happen in
    history["events"] = sorted((e for e in events if e), key=lambda e: (e["at"], EVENT_ORDER.index(e["kind"])))
    return history


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
