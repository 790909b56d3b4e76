"""Declaring accepted orders: one CEB621 file per order, archived, pre-decreased in the ledger, delivered."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import selectinload

from app import settings
from app.admin import CarrierRef, audit, carriers_by_code, pii, require, the_warehouse, warehouse_zone
from app.customs import archive as customs_archive
from app.customs.hold import pre_decrease_rows
from app.customs.returns import declare_returns
from app.domain.roles import Permission
from app.errors import Rejected
from app.formats.customs.messages import Identity, ListHead, ListLine, ceb621, consignee_address
from app.formats.customs.schemas import validate
from app.persistence.jobs import Cancel, Progress, cancelled, checkpoint
from app.persistence.models import (
    ConsumerOrder,
    CustomsLedgerEntry,
    CustomsMessage,
    InventoryList,
    Product,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork

BATCH = 500


@dataclass
class ExportReport:
    outbox: str
    exported: int = 0
    files: list[str] = field(default_factory=list)
    redelivered: list[str] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)  # {order_no | return_no, code, reason, params}
    returns: int = 0  # CEB625 return requests declared
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"exported": self.exported, "outbox": self.outbox, "files": self.files,
                                "redelivered": self.redelivered, "returns": self.returns,
                                "refused": [{k: v for k, v in r.items() if k != "params"} for r in self.refused]}
        if self.cancelled:
            data["cancelled"] = True
        return data

    def describe(self) -> str:
        lines = [f"{self.exported} inventory lists declared into {self.outbox}"
                 + (f", {len(self.redelivered)} earlier files re-delivered" if self.redelivered else "")
                 + (f", {self.returns} return requests (CEB625)" if self.returns else "")
                 + (" (cancelled)" if self.cancelled else "")]
        lines += [f"  not declared: {r.get('order_no') or r.get('return_no')}: {r['reason']}" for r in self.refused]
        return "\n".join(lines)


def cop_no_for(order_id: int) -> str:
    """The enterprise's own number of an order's inventory list (one list per order)."""
    return f"BWI{order_id:012d}"


def identity(uow: UnitOfWork) -> Identity:
    """The warehouse and the sending enterprise as every message names them; refused while dxp_id is unset."""
    wh = the_warehouse(uow)
    s = uow.session
    dxp_id = settings.get(s, "dxp_id")
    if not dxp_id:
        raise Rejected("the setting dxp_id (the DXP id of the enterprise sending customs messages, e.g. "
                       "DXPENT0000458763) is not set: `bwms settings set dxp_id …` first; nothing was written",
                       code="missing_setting", setting="dxp_id")
    return Identity(wh.account_book, wh.area_code, wh.area_name, wh.customs_code, wh.port_code, wh.agent_code,
                    wh.agent_name, warehouse_zone(s), dxp_id, settings.get(s, "assure_code"),
                    settings.get(s, "traf_mode"), settings.get(s, "wrap_type"))


def export_inventory_lists(uow: UnitOfWork, outbox: Path | str | None = None, *, progress: Progress | None = None,
                           cancel: Cancel | None = None, batch_size: int = BATCH) -> ExportReport:
    """Declare every accepted, undeclared order (CEB621) and every requested return (CEB625); each batch is
    committed, then its files are delivered."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    ident = identity(uow)
    folder = customs_archive.outbox(uow, outbox)
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
        outgoing = _declare_batch(uow, key, ident, orders, report)
        uow.session.expunge_all()  # the bulk writes bypassed these objects
        checkpoint(uow)
        report.files += customs_archive.deliver_built(uow, outgoing, folder)
        if progress:
            progress(min(report.exported + len(report.refused), total), total)
    if not report.cancelled:
        outgoing, refused = declare_returns(uow, key, ident, utcnow())
        report.returns, report.refused = len(outgoing), report.refused + refused
        if outgoing:
            checkpoint(uow)
            report.files += customs_archive.deliver_built(uow, outgoing, folder)
    checkpoint(uow)
    audit.write_anchor(uow)  # the chain's head, outside the database, with every export
    uow.changes.touch(Area.ORDERS, Area.CUSTOMS)
    return report


def _next_orders(uow: UnitOfWork, after_id: int, limit: int) -> list[ConsumerOrder]:
    stmt = (select(ConsumerOrder).where(ConsumerOrder.status == "accepted", ConsumerOrder.id > after_id)
            .order_by(ConsumerOrder.id).limit(limit)
            .options(selectinload(ConsumerOrder.lines), selectinload(ConsumerOrder.inventory_list)))
    if uow.is_postgres:  # another workstation exporting at the same time takes other orders
        stmt = stmt.with_for_update(skip_locked=True, of=ConsumerOrder)
    orders = list(uow.session.execute(stmt).scalars())
    # the few products once, rather than joined to every line: line.product then comes from the session
    product_ids = {line.product_id for order in orders for line in order.lines}
    if product_ids:
        uow.session.execute(select(Product).where(Product.id.in_(product_ids))).scalars().all()
    return orders


@dataclass
class Declaration:
    """One order's inventory list, built and ready to be stored and delivered."""

    order: ConsumerOrder
    cop_no: str
    guid: str
    app_type: str
    file_name: str
    xml: bytes


def _declare_batch(uow: UnitOfWork, key: pii.PiiKey, ident: Identity, orders: list[ConsumerOrder],
                   report: ExportReport) -> list[tuple[int, str, bytes]]:
    """Build every list of the batch, then store them in bulk; returns (message id, file name, bytes)."""
    now = utcnow()
    built: list[Declaration] = []
    refused = []
    known = carriers_by_code(uow.session)
    for order in orders:
        try:
            built.append(build(key, ident, order, now, known))
        except Rejected as exc:
            refused.append({"order_no": order.order_no, "code": exc.code, "reason": exc.message, "params": exc.params})
    outgoing = _store(uow, key, built, now)
    report.exported += len(built)
    report.refused += refused
    audit.record(uow, "customs_export", "inventory_list", f"{len(built)} lists",
                 cop_nos=[d.cop_no for d in built], refused=[r["order_no"] for r in refused])
    return outgoing


def build(key: pii.PiiKey, ident: Identity, order: ConsumerOrder, now: datetime,
          known: dict[str, CarrierRef]) -> Declaration:
    """The CEB621 of one order, checked against CEB621.xsd (raises Rejected naming what is wrong: an unknown
    carrier, a product without declaration elements, a field over its schema length — before any write)."""
    lst = order.inventory_list
    guid = str(uuid.uuid4()).upper()
    cop_no = lst.cop_no if lst else cop_no_for(order.id)
    head = list_head(key, order, cop_no, guid, "2" if lst else "1", lst, known)
    name = f"CEB621_{cop_no}_{guid[:8]}.xml" if lst else f"CEB621_{cop_no}.xml"
    xml = ceb621(ident, head, list_lines(order), now)
    validate("CEB621", xml)
    return Declaration(order, cop_no, guid, head.app_type, name, xml)


def _store(uow: UnitOfWork, key: pii.PiiKey, built: list[Declaration], now: datetime) -> list[tuple[int, str, bytes]]:
    """Archive, list, pre-decrease and mark declared, in bulk (a re-declared list is updated in place)."""
    if not built:
        return []
    s = uow.session
    messages = CustomsMessage.__table__  # Core inserts: no ORM bookkeeping for thousands of rows
    ids = s.scalars(insert(messages).returning(messages.c.id, sort_by_parameter_order=True), [
        customs_archive.message_row(key, "out", "CEB621", d.cop_no, d.file_name, d.xml, now, guid=d.guid)
        for d in built]).all()
    fresh, again, ledger = [], [], []
    for message_id, d in zip(ids, built):
        row = {"guid": d.guid, "app_type": d.app_type, "declared_at": now, "message_id": message_id,
               "status": "declared", "return_status": "", "return_info": "", "pre_held": True}
        lst = d.order.inventory_list
        if lst is None:
            fresh.append({**row, "order_id": d.order.id, "cop_no": d.cop_no, "pre_no": "", "invt_no": "",
                          "cancel_state": ""})
        else:
            again.append({**row, "id": lst.id})
        if lst is None or not lst.pre_held:
            ledger += pre_decrease_rows(d.order, d.cop_no, uow.actor.user_id, now)
    if fresh:
        s.execute(insert(InventoryList.__table__), fresh)
    if again:
        s.execute(update(InventoryList), again)
    if ledger:
        s.execute(insert(CustomsLedgerEntry.__table__), ledger)
    s.execute(update(ConsumerOrder), [{"id": d.order.id, "status": "declared", "rejection_code": "",
                                       "rejection_reason": ""} for d in built])
    uow.changes.touch(Area.LEDGER)
    return [(message_id, d.file_name, d.xml) for message_id, d in zip(ids, built)]


def carrier_for(order: ConsumerOrder, known: dict[str, CarrierRef]) -> CarrierRef:
    """The order's carrier as customs knows it; Rejected when it is not in the carriers' master data."""
    found = known.get(order.carrier_code)
    if found is None:
        raise Rejected(f"order {order.order_no}: carrier {order.carrier_code!r} is not a known carrier "
                       "(`bwms import carriers FILE`): its customs code is needed for logisticsCode",
                       code="unknown_carrier", order_no=order.order_no, carrier=order.carrier_code)
    return found


def list_head(key: pii.PiiKey, order: ConsumerOrder, cop_no: str, guid: str, app_type: str,
              lst: InventoryList | None, known: dict[str, CarrierRef]) -> ListHead:
    gross = sum((line.product.gross_weight_kg * line.quantity for line in order.lines), start=0)
    net = sum((line.product.net_weight_kg * line.quantity for line in order.lines), start=0)
    address = consignee_address(order.consignee_province, order.consignee_city, order.consignee_district,
                                order.consignee_address)
    carrier = carrier_for(order, known)
    return ListHead(
        guid=guid, app_type=app_type, cop_no=cop_no, pre_no=lst.pre_no if lst else "",
        invt_no=lst.invt_no if lst else "", order_no=order.order_no, ebp_code=order.platform_code,
        ebp_name=order.platform_name, ebc_code=order.seller_code, ebc_name=order.seller_name,
        waybill_no=order.waybill_no, logistics_code=carrier.customs_code, logistics_name=carrier.customs_name,
        buyer_id_number=key.decrypt("buyer_id_number", order.buyer_id_enc),
        buyer_name=key.decrypt("buyer_name", order.buyer_name_enc),
        buyer_phone=key.decrypt("buyer_phone", order.buyer_phone_enc), consignee_address=address,
        freight=order.freight, insurance=order.insurance, gross_weight=gross, net_weight=net)


def list_lines(order: ConsumerOrder) -> list[ListLine]:
    """The list's lines: the goods' name and unit as filed in the account book, the declaration elements."""
    out = []
    for line in order.lines:
        p = line.product
        item = p.account_book_item
        if not p.declaration_elements:
            raise Rejected(f"order {order.order_no}: product {p.sku} has no declaration elements (规范申报要素, the "
                           "products column declaration_elements) for gmodel", code="no_declaration_elements",
                           order_no=order.order_no, sku=p.sku)
        out.append(ListLine(
            gnum=line.gnum, item_record_no=item.item_no, sku=p.sku, name=p.name_cn, hs_code=p.hs_code,
            gname=item.name, model=p.declaration_elements, barcode=p.gtin, origin=p.origin, unit=item.unit,
            qty=line.quantity, unit1=p.legal_unit1, factor1=p.legal_factor1, unit2=p.legal_unit2,
            factor2=p.legal_factor2, price=line.unit_price))
    return out
