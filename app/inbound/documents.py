"""The plain data the inbound documents print (tally report, put-away list, labels); the documents themselves
are made, and their prints audited, by the document registry (app.documents.registry)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import clock
from app.admin import require
from app.domain import gs1
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.inbound import putaway
from app.inbound.queries import declaration_head, tally_rows
from app.persistence.models import (
    AccountBookItem,
    HandlingUnit,
    InboundDeclaration,
    Location,
    Lot,
    Product,
    Stock,
    Warehouse,
)
from app.persistence.uow import UnitOfWork


def _warehouse(uow: UnitOfWork) -> dict[str, str]:
    row = uow.session.execute(select(Warehouse.name, Warehouse.account_book, Warehouse.time_zone)
                              .order_by(Warehouse.id).limit(1)).first()
    return {"name": row[0], "account_book": row[1], "time_zone": row[2]} if row else \
        {"name": "", "account_book": "", "time_zone": clock.DEFAULT_ZONE}


def _local(when: datetime | None, zone: str) -> str:
    return when.astimezone(clock.zone_named(zone)).strftime("%Y-%m-%d %H:%M") if when else ""


def tally_report(uow: UnitOfWork, declaration_no: str) -> dict[str, Any]:
    """Receiving note / tally report (D1): the declaration, then expected vs counted line by line."""
    require(uow, Permission.PRINT)
    head = declaration_head(uow, declaration_no)
    house = _warehouse(uow)
    zone = house["time_zone"]
    rows = tally_rows(uow, declaration_no)
    return {
        "warehouse": house["name"], "account_book": house["account_book"], "declaration_no": head.declaration_no,
        "entry_no": head.entry_no, "bill_of_lading": head.bill_of_lading, "container_no": head.container_no,
        "seal_no": head.seal_no, "arrival_date": head.arrival_date.isoformat() if head.arrival_date else "",
        "status": head.status, "tally_started": _local(head.tally_started_at, zone),
        "tally_closed": _local(head.tally_closed_at, zone), "tally_clerk": head.tally_closed_by,
        "staging": head.staging_location, "printed_at": _local(clock.now(), zone),
        "lines": [{**r.to_json(), "name": r.name, "account_book_item": r.account_book_item, "unit": r.unit,
                   "production_date": r.production_date.isoformat() if r.production_date else "",
                   "expiry_date": r.expiry_date.isoformat() if r.expiry_date else "",
                   "unexpected": r.unexpected} for r in rows],
    }


def putaway_list(uow: UnitOfWork, declaration_no: str) -> dict[str, Any]:
    """Put-away list (D3): every staged handling unit of the declaration with its suggested location."""
    require(uow, Permission.PRINT)
    head = declaration_head(uow, declaration_no)
    names = dict(uow.session.execute(select(Product.sku, Product.name_cn)).all())
    zone = _warehouse(uow)["time_zone"]
    rows = [{**row.goods.to_json(), "name": names.get(row.goods.sku, ""), "status": row.status,
             "to": row.to or ("(on hold)" if row.status == "hold" else "(no empty location)")}
            for row in putaway.plan(uow, declaration_no)]
    return {"declaration_no": head.declaration_no, "container_no": head.container_no, "status": head.status,
            "operator": uow.actor.username, "created": _local(clock.now(), zone), "rows": rows}


def carton_labels(uow: UnitOfWork, declaration_no: str) -> list[dict[str, Any]]:
    """One label (D2) per pallet or carton the tally of the declaration made: what it is, what it held when it was
    received (`quantity`, the received count — never what is left of it now), and where it is and in what state
    (`on_hand`, `location`, `status`: from its stock, empty once it has all left)."""
    require(uow, Permission.PRINT)
    declaration_id = uow.session.execute(select(InboundDeclaration.id).where(
        InboundDeclaration.declaration_no == declaration_no)).scalar()
    if declaration_id is None:
        raise NotFound(f"no declaration {declaration_no}", declaration=declaration_no)
    rows = uow.session.execute(
        select(HandlingUnit.sscc, HandlingUnit.kind, HandlingUnit.quantity, Product.sku, Product.name_cn,
               Product.gtin, AccountBookItem.item_no, AccountBookItem.unit, Lot.batch_no, Lot.expiry_date,
               Stock.quantity.label("on_hand"), Stock.status, Location.code)
        .join(Lot, Lot.id == HandlingUnit.lot_id).join(Product, Product.id == Lot.product_id)
        .join(AccountBookItem, AccountBookItem.id == Product.account_book_item_id)
        .outerjoin(Stock, (Stock.lpn == HandlingUnit.sscc) & (Stock.lot_id == HandlingUnit.lot_id)
                   & (Stock.quantity > 0))
        .outerjoin(Location, Location.id == Stock.location_id)
        .where(HandlingUnit.declaration_id == declaration_id)
        .order_by(HandlingUnit.id, Stock.quantity.desc())).all()
    suggested = {row.goods.lpn: row.to for row in putaway.plan(uow, declaration_no) if row.goods.lpn}
    labels: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.sscc in labels:  # split over several locations: the label names where most of it is
            labels[r.sscc]["on_hand"] += r.on_hand or 0
            continue
        labels[r.sscc] = {
            "sscc": r.sscc, "kind": r.kind, "sku": r.sku, "name": r.name_cn, "account_book_item": r.item_no,
            "unit": r.unit, "batch": r.batch_no, "expiry": r.expiry_date.isoformat() if r.expiry_date else "",
            "quantity": r.quantity, "on_hand": r.on_hand or 0, "status": r.status or "", "location": r.code or "",
            "suggested": suggested.get(r.sscc), "declaration_no": declaration_no,
            "contents_barcode": gs1.contents_data(r.gtin, r.quantity, batch=r.batch_no, expiry_date=r.expiry_date),
            "sscc_barcode": gs1.sscc_data(r.sscc)}
    return list(labels.values())


def location_labels(uow: UnitOfWork, which: str) -> list[dict[str, Any]]:
    """Location labels: "all", or the locations whose code starts with `which`."""
    require(uow, Permission.PRINT)
    stmt = select(Location.code, Location.kind).where(Location.active.is_(True))
    if which != "all":
        stmt = stmt.where(Location.code.startswith(which))
    rows = uow.session.execute(stmt.order_by(Location.pick_sequence, Location.code)).all()
    if not rows:
        raise NotFound(f"no location matches {which!r}", code="unknown_location", location=which)
    return [{"code": code, "kind": kind, "barcode": gs1.location_barcode(code)} for code, kind in rows]


def carton_labels_in_stock(uow: UnitOfWork, declaration_no: str) -> list[dict[str, Any]]:
    """The pallet and carton labels of a declaration, refused until its tally made some (the tally's close)."""
    labels = carton_labels(uow, declaration_no)
    if not labels:
        raise Rejected(f"no pallet or carton of {declaration_no} was received: close its tally first",
                       code="no_labels")
    return labels

