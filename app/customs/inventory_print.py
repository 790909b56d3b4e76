"""The inventory-list printout's data (buyer masked) for one declared order; the PDF is made through the
document registry (app.documents, "inventory-list"), which audits every print and save."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.admin import carrier_of, pii, require, warehouse_zone
from app.customs.queries import find_order
from app.domain.roles import Permission
from app.errors import Rejected
from app.formats.customs.messages import consignee_address, plain
from app.persistence.models import (
    InventoryList,
    Warehouse,
)
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from printing.inventory_list import InventoryListPrint, PrintLine


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""


def inventory_list_print(uow: UnitOfWork, order_no: str) -> InventoryListPrint:
    """What D7 shows for a declared order; ID and phone masked, everything else from the declaration."""
    require(uow, Permission.VIEW)
    order = find_order(uow, order_no)
    lst = uow.session.execute(select(InventoryList).where(InventoryList.order_id == order.id)).scalar_one_or_none()
    if lst is None:
        raise Rejected(f"order {order_no} is not declared yet: there is no inventory list to print",
                       code="not_declared", order_no=order_no)
    wh = uow.session.execute(select(Warehouse).limit(1)).scalar_one()
    zone = warehouse_zone(uow.session)
    key = pii.key_for(uow)
    lines = [PrintLine(
        gnum=ln.gnum, item_record_no=ln.product.account_book_item.item_no, sku=ln.product.sku,
        hs_code=ln.product.hs_code, name=ln.product.account_book_item.name, model=ln.product.declaration_elements,
        origin=ln.product.origin, qty=f"{ln.quantity} {ln.product.unit}",
        qty1=f"{plain(ln.product.legal_factor1 * ln.quantity)} {ln.product.legal_unit1}",
        qty2=(f"{plain(ln.product.legal_factor2 * ln.quantity)} {ln.product.legal_unit2}"
              if ln.product.legal_unit2 and ln.product.legal_factor2 is not None else ""),
        price=f"{ln.unit_price:.2f}", total=f"{ln.line_value:.2f}") for ln in order.lines]
    gross = sum((ln.product.gross_weight_kg * ln.quantity for ln in order.lines), start=0)
    net = sum((ln.product.net_weight_kg * ln.quantity for ln in order.lines), start=0)
    carrier = carrier_of(uow.session, order.carrier_code)
    status = f"{lst.return_status} {lst.status}".strip() + (f" · {lst.return_info}" if lst.return_info else "")
    return InventoryListPrint(
        invt_no=lst.invt_no, pre_no=lst.pre_no, cop_no=lst.cop_no, order_no=order.order_no,
        logistics_no=order.waybill_no,
        carrier=f"{carrier.customs_code} {carrier.customs_name}" if carrier else order.carrier_code,
        ebp=f"{order.platform_code} {order.platform_name}", ebc=f"{order.seller_code} {order.seller_name}",
        agent=f"{wh.agent_code} {wh.agent_name}", area=f"{wh.area_code} {wh.area_name}", ems_no=wh.account_book,
        customs_code=wh.customs_code, port_code=wh.port_code,
        buyer_name=key.decrypt("buyer_name", order.buyer_name_enc), buyer_id=order.buyer_id_masked,
        buyer_phone=order.buyer_phone_masked, consignee_address=consignee_address(
            order.consignee_province, order.consignee_city, order.consignee_district, order.consignee_address),
        freight=f"{order.freight:.2f}",
        insurance=f"{order.insurance:.2f}", gross_weight=plain(gross), net_weight=plain(net),
        declared_at=_when(lst.declared_at, zone), status=status, released_at=_when(lst.released_at, zone),
        tax=f"{order.tax:.2f} (computed {order.tax_computed:.2f})" + (" full tax" if order.full_tax else ""),
        printed_at=_when(utcnow(), zone), lines=lines)
