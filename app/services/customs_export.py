"""Declaring accepted orders: one CEB621 file per order, archived, pre-decreased in the ledger, delivered."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence.models import ConsumerOrder, CustomsMessage, InventoryList, OrderLine, Warehouse
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from app.services import audit, customs_archive, pii
from app.services.auth import require
from app.services.customs_hold import sync_hold
from app.services.customs_messages import Identity, ListHead, ListLine, ceb621
from app.services.orders_checks import warehouse_zone
from app.services.orders_jobs import Cancel, Progress, cancelled, checkpoint

BATCH = 500


@dataclass
class ExportReport:
    outbox: str
    exported: int = 0
    files: list[str] = field(default_factory=list)
    redelivered: list[str] = field(default_factory=list)
    refused: list[dict[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"exported": self.exported, "outbox": self.outbox, "files": self.files,
                                "redelivered": self.redelivered, "refused": self.refused}
        if self.cancelled:
            data["cancelled"] = True
        return data

    def describe(self) -> str:
        lines = [f"{self.exported} inventory lists declared into {self.outbox}"
                 + (f", {len(self.redelivered)} earlier files re-delivered" if self.redelivered else "")
                 + (" (cancelled)" if self.cancelled else "")]
        lines += [f"  not declared: {r['order_no']}: {r['reason']}" for r in self.refused]
        return "\n".join(lines)


def cop_no_for(order_id: int) -> str:
    """The enterprise's own number of an order's inventory list (one list per order)."""
    return f"BWI{order_id:012d}"


def identity(uow: UnitOfWork) -> Identity:
    wh = uow.session.execute(select(Warehouse).limit(1)).scalar_one_or_none()
    if wh is None:
        raise Rejected("the warehouse's customs identity is missing: `bwms import warehouse FILE` first",
                       code="no_warehouse")
    return Identity(wh.account_book, wh.area_code, wh.area_name, wh.customs_code, wh.port_code, wh.agent_code,
                    wh.agent_name, warehouse_zone(uow.session))


def export_inventory_lists(uow: UnitOfWork, outbox: Path | str | None = None, *, progress: Progress | None = None,
                           cancel: Cancel | None = None, batch_size: int = BATCH) -> ExportReport:
    """Declare every accepted, undeclared order; each batch is committed, then its files are delivered."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    folder = customs_archive.outbox(uow, outbox)
    ident = identity(uow)
    key = pii.key_for(uow)
    report = ExportReport(outbox=str(folder))
    report.redelivered = customs_archive.deliver_pending(uow, key, folder)
    total = uow.session.scalar(select(func.count()).where(ConsumerOrder.status == "accepted")) or 0
    last = 0
    while orders := _next_orders(uow, last, batch_size):
        if cancelled(cancel):
            report.cancelled = True
            break
        last = orders[-1].id
        messages = _declare_batch(uow, key, ident, orders, report)
        checkpoint(uow)
        report.files += customs_archive.deliver(uow, key, messages, folder)
        uow.session.expunge_all()
        if progress:
            progress(min(report.exported + len(report.refused), total), total)
    uow.changes.touch("orders", "customs")
    return report


def _next_orders(uow: UnitOfWork, after_id: int, limit: int) -> list[ConsumerOrder]:
    stmt = (select(ConsumerOrder).where(ConsumerOrder.status == "accepted", ConsumerOrder.id > after_id)
            .order_by(ConsumerOrder.id).limit(limit)
            .options(selectinload(ConsumerOrder.lines).joinedload(OrderLine.product),
                     selectinload(ConsumerOrder.inventory_list)))
    if uow.is_postgres:  # another workstation exporting at the same time takes other orders
        stmt = stmt.with_for_update(skip_locked=True, of=ConsumerOrder)
    return list(uow.session.execute(stmt).scalars())


def _declare_batch(uow: UnitOfWork, key: pii.PiiKey, ident: Identity, orders: list[ConsumerOrder],
                   report: ExportReport) -> list[CustomsMessage]:
    messages = []
    refused_before = len(report.refused)
    for order in orders:
        try:
            messages.append(declare(uow, key, ident, order))
        except Rejected as exc:
            report.refused.append({"order_no": order.order_no, "code": exc.code, "reason": exc.message})
    uow.session.flush()
    report.exported += len(messages)
    audit.record(uow, "customs_export", "inventory_list", f"{len(messages)} lists",
                 cop_nos=[m.business_no for m in messages], refused=[r["order_no"] for r in report.refused[refused_before:]])
    return messages


def declare(uow: UnitOfWork, key: pii.PiiKey, ident: Identity, order: ConsumerOrder) -> CustomsMessage:
    """Archive one order's CEB621, mark it declared and pre-decrease its items (all or nothing)."""
    now = utcnow()
    lst = order.inventory_list
    guid = str(uuid.uuid4()).upper()
    cop_no = lst.cop_no if lst else cop_no_for(order.id)
    redeclared = lst is not None
    head = list_head(key, order, cop_no, guid, "2" if redeclared else "1", lst)
    xml = ceb621(ident, head, list_lines(order), now)  # raises before anything is written
    name = f"CEB621_{cop_no}_{guid[:8]}.xml" if redeclared else f"CEB621_{cop_no}.xml"
    message = customs_archive.archive(uow, key, "out", "CEB621", cop_no, name, xml)
    if lst is None:
        lst = InventoryList(order=order, cop_no=cop_no, pre_held=False, cancel_state="", return_status="",
                            return_info="", pre_no="", invt_no="")
        uow.session.add(lst)
    lst.guid, lst.app_type, lst.declared_at, lst.message = guid, head.app_type, now, message
    lst.status, lst.return_status, lst.return_info = "declared", "", ""
    order.status = "declared"
    order.rejection_code = order.rejection_reason = ""
    sync_hold(uow, lst, order, "CEB621")
    return message


def list_head(key: pii.PiiKey, order: ConsumerOrder, cop_no: str, guid: str, app_type: str,
              lst: InventoryList | None) -> ListHead:
    gross = sum((line.product.gross_weight_kg * line.quantity for line in order.lines), start=0)
    net = sum((line.product.net_weight_kg * line.quantity for line in order.lines), start=0)
    address = "".join([order.consignee_province, order.consignee_city, order.consignee_district,
                       order.consignee_address])
    return ListHead(
        guid=guid, app_type=app_type, cop_no=cop_no, pre_no=lst.pre_no if lst else "",
        invt_no=lst.invt_no if lst else "", order_no=order.order_no, ebp_code=order.platform_code,
        ebp_name=order.platform_name, ebc_code=order.seller_code, ebc_name=order.seller_name,
        waybill_no=order.waybill_no, carrier_code=order.carrier_code,
        buyer_id_number=key.decrypt("buyer_id_number", order.buyer_id_enc),
        buyer_name=key.decrypt("buyer_name", order.buyer_name_enc),
        buyer_phone=key.decrypt("buyer_phone", order.buyer_phone_enc), consignee_address=address,
        freight=order.freight, insurance=order.insurance, gross_weight=gross, net_weight=net)


def list_lines(order: ConsumerOrder) -> list[ListLine]:
    out = []
    for line in order.lines:
        p = line.product
        out.append(ListLine(
            gnum=line.gnum, item_record_no=p.account_book_item.item_no, sku=p.sku, name=p.name_cn,
            hs_code=p.hs_code, model=f"{p.brand}|{p.spec}", barcode=p.gtin, origin=p.origin, unit=p.unit,
            qty=line.quantity, unit1=p.legal_unit1, factor1=p.legal_factor1, unit2=p.legal_unit2,
            factor2=p.legal_factor2, price=line.unit_price))
    return out
