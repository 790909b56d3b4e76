"""Trace a code through the batch split in both directions: parcel → order → lot → declaration line → container,
and declaration or lot → every parcel. The code may be a waybill, order, batch (lot), SSCC, declaration,
container, manifest or gate pass number; every lookup goes by an index, so one trace stays fast on millions
of parcels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import or_, select

from app.admin import require
from app.domain.order_flow import parcel_state
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    DeclarationLine,
    Disposal,
    HandlingUnit,
    InboundDeclaration,
    InventoryList,
    Location,
    Lot,
    Manifest,
    Owner,
    Parcel,
    ParcelItem,
    Product,
    ReturnCase,
    ReturnLine,
)
from app.persistence.uow import UnitOfWork

MAX_PARCELS = 1000  # a declaration may have shipped a million parcels: the trace lists the first thousand


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _ids(uow: UnitOfWork, stmt: Any) -> set[int]:
    return set(_conn(uow).execute(stmt).scalars())


def find(uow: UnitOfWork, code: str) -> tuple[list[str], set[int], set[int], set[int]]:
    """What `code` names: (kinds matched, parcel ids, order ids, lot ids)."""
    kinds: list[str] = []
    parcels = _ids(uow, select(Parcel.id).where(Parcel.waybill_no == code))
    kinds += ["waybill"] if parcels else []
    orders = _ids(uow, select(ConsumerOrder.id).where(ConsumerOrder.order_no == code))
    kinds += ["order"] if orders else []
    by_waybill = _ids(uow, select(ConsumerOrder.id).where(ConsumerOrder.waybill_no == code)) - orders
    if by_waybill and not parcels:
        kinds.append("waybill")
    orders |= by_waybill
    manifests = _ids(uow, select(Manifest.id).where(or_(Manifest.manifest_no == code, Manifest.gate_pass_no == code)))
    if manifests:
        kinds.append("manifest")
        parcels |= _ids(uow, select(Parcel.id).where(Parcel.manifest_id.in_(manifests)))
    lots = _ids(uow, select(Lot.id).where(Lot.batch_no == code))
    kinds += ["batch"] if lots else []
    by_sscc = _ids(uow, select(HandlingUnit.lot_id).where(HandlingUnit.sscc == code))
    kinds += ["sscc"] if by_sscc else []
    returned = _ids(uow, select(ReturnCase.order_id).where(ReturnCase.return_no == code))
    kinds += ["return"] if returned else []
    orders |= returned
    declarations = _ids(uow, select(InboundDeclaration.id).where(or_(
        InboundDeclaration.declaration_no == code, InboundDeclaration.container_no == code)))
    kinds += ["declaration"] if declarations else []
    lots |= by_sscc
    if declarations:
        lots |= _ids(uow, select(Lot.id).join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
                     .where(DeclarationLine.declaration_id.in_(declarations)))
    return kinds, parcels, orders, lots


def trace(uow: UnitOfWork, code: str) -> dict[str, Any]:
    """The chain around `code` as plain data: parcels, orders (with their allocations), lots, declarations.

    Upwards, from the parcels and orders the code names: their orders, lots, declaration lines, containers.
    Downwards, from the lots it names (a batch, SSCC or declaration): every parcel holding them, each with its
    order number (the first MAX_PARCELS; `parcels_truncated` says when there are more). Only the parcels of a
    waybill or order list their contents: a lot's or manifest's hundreds of parcels are listed without them.
    """
    require(uow, Permission.VIEW)
    code = code.strip()
    kinds, parcel_ids, order_ids, lot_ids = find(uow, code)
    if not kinds:
        raise NotFound(f"nothing is known by {code!r}: not a waybill, order, return, batch, SSCC, declaration, "
                       "container, manifest or gate pass number", code="unknown_code", key=code)
    if order_ids:
        parcel_ids |= _ids(uow, select(Parcel.id).where(Parcel.order_id.in_(order_ids)))
    if parcel_ids and "manifest" not in kinds:  # a manifest's thousand orders are not expanded
        order_ids |= _ids(uow, select(Parcel.order_id).where(Parcel.id.in_(parcel_ids)))
    up = _ids(uow, select(ParcelItem.lot_id).where(ParcelItem.parcel_id.in_(parcel_ids))) if parcel_ids else set()
    if order_ids:
        up |= _ids(uow, select(Allocation.lot_id).where(Allocation.order_id.in_(order_ids)))
    truncated = False
    with_items = set() if "manifest" in kinds else set(parcel_ids)
    if lot_ids:
        down = list(_conn(uow).execute(select(ParcelItem.parcel_id).where(ParcelItem.lot_id.in_(lot_ids))
                                       .distinct().order_by(ParcelItem.parcel_id).limit(MAX_PARCELS + 1)).scalars())
        truncated = len(down) > MAX_PARCELS
        parcel_ids |= set(down[:MAX_PARCELS])
    lots = _lots(uow, lot_ids | up)
    return {"code": code, "matched": kinds, "parcels": _parcels(uow, parcel_ids, with_items),
            "parcels_truncated": truncated,
            "orders": _orders(uow, order_ids), "lots": lots,
            "declarations": _declarations(uow, sorted({lot["declaration"] for lot in lots})),
            "returns": _returns(uow, order_ids, lot_ids), "disposals": _disposals(uow, lot_ids | up)}


def _returns(uow: UnitOfWork, order_ids: set[int], lot_ids: set[int]) -> list[dict[str, Any]]:
    """Returns of the traced orders (their units back onto their lots) and of the traced lots' units (from which
    original parcel): a returned unit traces to its parcel and lot both ways."""
    if not order_ids and not lot_ids:
        return []
    where = []
    if order_ids:
        where.append(ReturnCase.order_id.in_(sorted(order_ids)))
    if lot_ids:
        where.append(ReturnLine.lot_id.in_(sorted(lot_ids)))
    rows = _conn(uow).execute(
        select(ReturnCase.return_no, ReturnCase.status, ConsumerOrder.order_no, ConsumerOrder.waybill_no, Product.sku,
               Lot.batch_no, ReturnLine.quantity, ReturnLine.good, ReturnLine.damaged)
        .join(ReturnCase, ReturnCase.id == ReturnLine.return_id)
        .join(ConsumerOrder, ConsumerOrder.id == ReturnCase.order_id)
        .join(Product, Product.id == ReturnLine.product_id).join(Lot, Lot.id == ReturnLine.lot_id)
        .where(or_(*where)).order_by(ReturnCase.id, ReturnLine.id).limit(MAX_PARCELS))
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        case = out.setdefault(r.return_no, {"return": r.return_no, "status": r.status, "order_no": r.order_no,
                                            "waybill": r.waybill_no, "lines": []})
        case["lines"].append({"sku": r.sku, "batch": r.batch_no, "qty": r.quantity, "good": r.good,
                              "damaged": r.damaged})
    return list(out.values())


def _disposals(uow: UnitOfWork, lot_ids: set[int]) -> list[dict[str, Any]]:
    if not lot_ids:
        return []
    rows = _conn(uow).execute(select(Disposal.id, Lot.batch_no, Disposal.quantity, Disposal.method, Disposal.status)
                              .join(Lot, Lot.id == Disposal.lot_id).where(Disposal.lot_id.in_(sorted(lot_ids)))
                              .order_by(Disposal.id))
    return [{"disposal": r.id, "batch": r.batch_no, "qty": r.quantity, "method": r.method, "status": r.status}
            for r in rows]


def _conn(uow: UnitOfWork) -> Any:
    """Plain Core execution: the trace reads columns, not entities (no ORM overhead on hundreds of rows)."""
    return uow.session.connection()


def _parcels(uow: UnitOfWork, ids: Iterable[int], with_items: set[int]) -> list[dict[str, Any]]:
    ids = sorted(ids)
    if not ids:
        return []
    items: dict[int, list[dict[str, Any]]] = {}
    if with_items:
        for r in _conn(uow).execute(select(ParcelItem.parcel_id, Product.sku, Lot.batch_no, ParcelItem.quantity)
                                    .join(Lot, Lot.id == ParcelItem.lot_id)
                                    .join(Product, Product.id == ParcelItem.product_id)
                                    .where(ParcelItem.parcel_id.in_(sorted(with_items)))):
            items.setdefault(r.parcel_id, []).append({"sku": r.sku, "batch": r.batch_no, "qty": r.quantity})
    rows = _conn(uow).execute(
        select(Parcel.id, Parcel.waybill_no, Parcel.carrier_code, Parcel.status, Parcel.weight_kg, Parcel.packed_at,
               Parcel.loaded_at, Parcel.shipped_at, ConsumerOrder.order_no, Manifest.manifest_no, Manifest.gate_pass_no)
        .join(ConsumerOrder, ConsumerOrder.id == Parcel.order_id)
        .outerjoin(Manifest, Manifest.id == Parcel.manifest_id).where(Parcel.id.in_(ids)).order_by(Parcel.id))
    return [{"waybill": r.waybill_no, "carrier": r.carrier_code, "order_no": r.order_no,
             "status": parcel_state(r.status, r.loaded_at), "weight": str(r.weight_kg), "packed_at": _iso(r.packed_at),
             "loaded_at": _iso(r.loaded_at), "shipped_at": _iso(r.shipped_at),
             "manifest": r.manifest_no, "gate_pass": r.gate_pass_no,
             **({"items": items.get(r.id, [])} if r.id in with_items else {})} for r in rows]


def _orders(uow: UnitOfWork, ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = sorted(ids)
    if not ids:
        return []
    allocations: dict[int, list[dict[str, Any]]] = {}
    for r in _conn(uow).execute(select(Allocation.order_id, Product.sku, Lot.batch_no, Location.code,
                                        Allocation.quantity, Allocation.picked, Allocation.short, Allocation.state)
                                 .join(Lot, Lot.id == Allocation.lot_id).join(Product, Product.id == Lot.product_id)
                                 .join(Location, Location.id == Allocation.location_id)
                                 .where(Allocation.order_id.in_(ids)).order_by(Allocation.id)):
        allocations.setdefault(r.order_id, []).append({
            "sku": r.sku, "batch": r.batch_no, "location": r.code, "qty": r.quantity, "picked": r.picked,
            "short": r.short, "state": r.state})
    rows = _conn(uow).execute(
        select(ConsumerOrder.id, ConsumerOrder.order_no, ConsumerOrder.platform_code, ConsumerOrder.waybill_no,
               ConsumerOrder.carrier_code, ConsumerOrder.status, InventoryList.cop_no, InventoryList.invt_no,
               InventoryList.return_status, InventoryList.released_at, Owner.code.label("owner"))
        .outerjoin(InventoryList, InventoryList.order_id == ConsumerOrder.id)
        .join(Owner, Owner.id == ConsumerOrder.owner_id)
        .where(ConsumerOrder.id.in_(ids)).order_by(ConsumerOrder.id))
    return [{"order_no": r.order_no, "platform": r.platform_code, "waybill": r.waybill_no, "carrier": r.carrier_code,
             "status": r.status, "owner": r.owner,
             "inventory_list": {"cop_no": r.cop_no, "invt_no": r.invt_no, "return_status": r.return_status,
                                "released_at": _iso(r.released_at)},
             "allocations": allocations.get(r.id, [])} for r in rows]


def _lots(uow: UnitOfWork, ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = sorted(ids)
    if not ids:
        return []
    rows = _conn(uow).execute(
        select(Lot.id, Lot.batch_no, Lot.expiry_date, Lot.status, Product.sku, Product.name_cn,
               DeclarationLine.line_no, InboundDeclaration.declaration_no, InboundDeclaration.container_no,
               Owner.code.label("owner"))
        .join(Product, Product.id == Lot.product_id).join(Owner, Owner.id == Lot.owner_id)
        .join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
        .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
        .where(Lot.id.in_(ids)).order_by(Lot.id))
    return [{"lot": f"{r.declaration_no}/{r.batch_no}", "batch": r.batch_no, "sku": r.sku, "name": r.name_cn,
             "expiry": _iso(r.expiry_date), "status": r.status, "declaration": r.declaration_no,
             "declaration_line": r.line_no, "container": r.container_no, "owner": r.owner} for r in rows]


def _declarations(uow: UnitOfWork, numbers: list[str]) -> list[dict[str, Any]]:
    if not numbers:
        return []
    rows = uow.session.execute(select(InboundDeclaration, Owner.code)
                               .join(Owner, Owner.id == InboundDeclaration.owner_id)
                               .where(InboundDeclaration.declaration_no.in_(numbers))
                               .order_by(InboundDeclaration.declaration_no)).all()
    return [{"declaration": d.declaration_no, "owner": owner, "entry_no": d.entry_no, "container": d.container_no,
             "seal": d.seal_no, "bill_of_lading": d.bill_of_lading, "arrival": _iso(d.arrival_date),
             "status": d.status, "released_at": _iso(d.released_at)} for d, owner in rows]
