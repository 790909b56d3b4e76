"""The plain data the outbound documents print: waybill label, packing list, handover manifest, gate pass.

Personal data appears masked (name: family name only; phone: 158****5483): the label leaves the zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app import clock
from app.admin import carrier_of, pii, require, the_warehouse
from app.domain.order_flow import parcel_state
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import (
    AccountBookItem,
    ConsumerOrder,
    InspectionPull,
    InventoryList,
    Location,
    Lot,
    Manifest,
    Parcel,
    ParcelItem,
    Product,
)
from app.persistence.uow import UnitOfWork
from app.private_files import write_private

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")


def local_time(uow: UnitOfWork, when: datetime | None = None) -> str:
    zone = clock.zone_named(the_warehouse(uow).time_zone)
    return (when or clock.now()).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def short_place(name: str) -> str:
    """浙江省 → 浙江, 杭州市 → 杭州 (the sorting code's words)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def mask_name(name: str) -> str:
    """李娜 → 李*, 欧阳修 → 欧**: the family name only."""
    return name[:1] + "*" * (len(name) - 1) if name else ""


def packed_order_id(uow: UnitOfWork, code: str) -> int:
    """The order (by order or waybill number) whose parcel is packed: its waybill label and packing list exist."""
    from app.outbound.packing import find_order

    order = find_order(uow, code)
    if uow.session.execute(select(Parcel.id).where(Parcel.order_id == order.id)).first() is None:
        raise Rejected(f"order {order.order_no} is not packed yet: its waybill label prints at packing",
                       code="not_packed", order_no=order.order_no)
    return order.id


def _order(uow: UnitOfWork, order_id: int) -> ConsumerOrder:
    order = uow.session.get(ConsumerOrder, order_id)
    if order is None:
        raise NotFound(f"no order {order_id}")
    return order


def _items(uow: UnitOfWork, order_id: int) -> list[dict[str, Any]]:
    rows = uow.session.execute(
        select(Product.sku, Product.name_cn, Lot.batch_no, ParcelItem.quantity)
        .join(Parcel, Parcel.id == ParcelItem.parcel_id).join(Lot, Lot.id == ParcelItem.lot_id)
        .join(Product, Product.id == ParcelItem.product_id).where(Parcel.order_id == order_id)
        .order_by(Product.sku, Lot.batch_no))
    return [{"sku": r.sku, "name": r.name_cn, "batch": r.batch_no, "qty": r.quantity} for r in rows]


def waybill_data(uow: UnitOfWork, order_id: int) -> dict[str, Any]:
    """The e-waybill (D6): carrier, sorting code, waybill, masked consignee, sender, order, weight, pieces."""
    order = _order(uow, order_id)
    parcel = uow.session.execute(select(Parcel).where(Parcel.order_id == order_id)).scalar_one()
    house = the_warehouse(uow)
    name = pii.key_for(uow).decrypt("consignee_name", order.consignee_name_enc)
    province, city = short_place(order.consignee_province), short_place(order.consignee_city)
    items = _items(uow, order_id)
    return {
        "carrier": order.carrier_code, "carrier_name": _carrier_name(uow, order.carrier_code),
        "waybill": parcel.waybill_no, "sort_code": f"{province}-{city}-{order.consignee_district}",
        "hub": f"{city}集包", "consignee": mask_name(name), "phone": order.consignee_phone_masked,
        "address": "".join([order.consignee_province, order.consignee_city, order.consignee_district,
                            order.consignee_address]),
        "sender": house.name, "sender_address": house.area_name, "order_no": order.order_no,
        "weight": f"{parcel.weight_kg:.3f}", "pieces": parcel.pieces,
        "summary": ", ".join(f"{i['sku']}×{i['qty']}" for i in items), "printed_at": local_time(uow),
    }


def packing_list_data(uow: UnitOfWork, order_id: int) -> dict[str, Any]:
    """The packing slip (D5): order, platform, waybill, masked consignee, contents by lot, packer."""
    order = _order(uow, order_id)
    parcel = uow.session.execute(select(Parcel).where(Parcel.order_id == order_id)).scalar_one()
    name = pii.key_for(uow).decrypt("consignee_name", order.consignee_name_enc)
    return {"order_no": order.order_no, "platform": order.platform_name, "waybill": parcel.waybill_no,
            "carrier": order.carrier_code, "consignee": mask_name(name), "phone": order.consignee_phone_masked,
            "packed_at": local_time(uow, parcel.packed_at), "packer": parcel.packed_by,
            "weight": f"{parcel.weight_kg:.3f}", "pieces": parcel.pieces, "lines": _items(uow, order_id)}


def write_files(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Write each file into `folder` (made if missing) whole or not at all; returns their paths."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in files.items():
            paths.append(str(write_private(folder / name, data)))  # 0600: consignee, address, order
    except OSError as exc:
        raise Rejected(f"cannot write into {folder}: {exc.strerror or exc}", code="cannot_write",
                       path=str(folder)) from exc
    return paths


def find_manifest(uow: UnitOfWork, code: str) -> Manifest:
    """A manifest by its number or its gate pass number."""
    manifest = uow.session.execute(select(Manifest).where(
        (Manifest.manifest_no == code) | (Manifest.gate_pass_no == code))).scalar_one_or_none()
    if manifest is None:
        raise NotFound(f"no manifest or gate pass {code!r}", code="unknown_manifest", manifest=code)
    return manifest


def _carrier_name(uow: UnitOfWork, code: str) -> str:
    """The carrier's registered name (customs_name of the carriers' master data), else our code."""
    carrier = carrier_of(uow.session, code)
    return carrier.customs_name if carrier else code


def _carrier_code(uow: UnitOfWork, code: str) -> str:
    """The carrier's customs registration code, else our code."""
    carrier = carrier_of(uow.session, code)
    return carrier.customs_code if carrier else code


def _parcels(uow: UnitOfWork, manifest_id: int) -> Sequence[Any]:
    return uow.session.execute(
        select(Parcel.waybill_no, Parcel.weight_kg, Parcel.net_kg, Parcel.pieces, Parcel.status, Parcel.loaded_at,
               ConsumerOrder.order_no, InventoryList.invt_no, InventoryList.cop_no)
        .join(ConsumerOrder, ConsumerOrder.id == Parcel.order_id)
        .outerjoin(InventoryList, InventoryList.order_id == Parcel.order_id)
        .where(Parcel.manifest_id == manifest_id).order_by(Parcel.id)).all()


def manifest_data(uow: UnitOfWork, code: str) -> dict[str, Any]:
    """The outbound handover manifest (D8): vehicle, gate pass, every parcel with its list and weight."""
    require(uow, Permission.PRINT)
    m = find_manifest(uow, code)
    house = the_warehouse(uow)
    rows = _parcels(uow, m.id)
    return {"manifest": m.manifest_no, "gate_pass": m.gate_pass_no, "carrier": _carrier_code(uow, m.carrier_code),
            "carrier_name": _carrier_name(uow, m.carrier_code), "vehicle": m.vehicle_plate,
            "status": m.status, "warehouse": house.name, "account_book": house.account_book,
            "created": local_time(uow, m.created_at), "exited": local_time(uow, m.exited_at) if m.exited_at else "",
            "parcels": [{"seq": i, "waybill": r.waybill_no, "order_no": r.order_no, "invt_no": r.invt_no or r.cop_no,
                         "weight": f"{r.weight_kg:.3f}", "pieces": r.pieces,
                         "status": parcel_state(r.status, r.loaded_at)}
                        for i, r in enumerate(rows, start=1)],
            "parcel_count": len(rows), "gross": f"{m.gross_kg:.3f}", "net": f"{m.net_kg:.3f}",
            "printed": local_time(uow)}


WEIGHED = {"typed": "typed 手工录入", "scale": "scale 地磅"}


def goods_by_item(uow: UnitOfWork, manifest_ids: Sequence[int]) -> list[dict[str, Any]]:
    """What the manifests' parcels carry per account-book item: quantity, gross and net kg (in item order)."""
    lines: dict[str, dict[str, Any]] = {}
    for item_no, hs, name, unit, gross, net, qty in uow.session.execute(
            select(AccountBookItem.item_no, AccountBookItem.hs_code, AccountBookItem.name, AccountBookItem.unit,
                   Product.gross_weight_kg, Product.net_weight_kg, func.sum(ParcelItem.quantity))
            .join(Product, Product.account_book_item_id == AccountBookItem.id)
            .join(ParcelItem, ParcelItem.product_id == Product.id).join(Parcel, Parcel.id == ParcelItem.parcel_id)
            .where(Parcel.manifest_id.in_(list(manifest_ids)))
            .group_by(AccountBookItem.item_no, AccountBookItem.hs_code, AccountBookItem.name, AccountBookItem.unit,
                      Product.id, Product.gross_weight_kg, Product.net_weight_kg)):
        line = lines.setdefault(item_no, {"item_no": item_no, "hs_code": hs, "name": name, "unit": unit, "qty": 0,
                                          "gross": Decimal(0), "net": Decimal(0)})
        line["qty"] += int(qty)
        line["gross"] += gross * int(qty)
        line["net"] += net * int(qty)
    return [{**lines[k], "seq": i} for i, k in enumerate(sorted(lines), start=1)]


def list_numbers(uow: UnitOfWork, manifest_ids: Sequence[int]) -> list[str]:
    """The inventory lists of the manifests' parcels (invtNo, or copNo before customs numbered it)."""
    rows = uow.session.execute(select(InventoryList.invt_no, InventoryList.cop_no)
                               .join(Parcel, Parcel.order_id == InventoryList.order_id)
                               .where(Parcel.manifest_id.in_(list(manifest_ids))).order_by(Parcel.id))
    return [invt_no or cop_no for invt_no, cop_no in rows]


def gate_pass_data(uow: UnitOfWork, code: str) -> dict[str, Any]:
    """The gate pass (核放单, D9): second-line exit of one vehicle with its weights, every manifest it carried,
    its lists, goods by account-book item."""
    from app.persistence.models import VehiclePass, VehiclePassManifest

    require(uow, Permission.PRINT)
    m = find_manifest(uow, code)
    house = the_warehouse(uow)
    vehicle = uow.session.execute(select(VehiclePass).join(VehiclePassManifest,
                                                           VehiclePassManifest.vehicle_pass_id == VehiclePass.id)
                                  .where(VehiclePassManifest.manifest_id == m.id)).scalar_one_or_none()
    manifests = [m]
    if vehicle is not None:
        manifests = list(uow.session.execute(
            select(Manifest).join(VehiclePassManifest, VehiclePassManifest.manifest_id == Manifest.id)
            .where(VehiclePassManifest.vehicle_pass_id == vehicle.id).order_by(Manifest.id)).scalars())
    ids = [x.id for x in manifests]
    gross, net = sum((x.gross_kg for x in manifests), Decimal(0)), sum((x.net_kg for x in manifests), Decimal(0))

    def kg(value: Decimal | None) -> str:
        return f"{value:.3f}" if value is not None else ""

    return {"gate_pass": vehicle.pass_no if vehicle else m.gate_pass_no, "manifest": m.manifest_no,
            "manifests": [x.manifest_no for x in manifests], "type": "3 二线进出区 second-line",
            "io": "E 出区 exit", "bind": "1 一车多票 one vehicle, many lists", "enterprise": house.area_name,
            "enterprise_code": house.area_code, "account_book": house.account_book,
            "customs": house.customs_code, "vehicle": vehicle.plate if vehicle else m.vehicle_plate,
            "ic_card": vehicle.ic_card if vehicle else "",
            "tare": kg(vehicle.tare_kg) if vehicle else "", "total": kg(vehicle.gross_kg) if vehicle else "",
            "weighed": WEIGHED.get(vehicle.weights_from, "") if vehicle else "",
            "carrier": f"{_carrier_code(uow, m.carrier_code)} {_carrier_name(uow, m.carrier_code)}",
            "gross": f"{gross:.3f}", "net": f"{net:.3f}", "parcels": sum(x.parcel_count for x in manifests),
            "status": m.status, "created": local_time(uow, m.created_at),
            "exited": local_time(uow, m.exited_at) if m.exited_at else "", "lists": list_numbers(uow, ids),
            "lines": [{**line, "gross": f"{line['gross']:.3f}", "net": f"{line['net']:.3f}"}
                      for line in goods_by_item(uow, ids)],
            "printed": local_time(uow)}


ALL_PULLED = ("-", "all", "")


def pull_list_data(uow: UnitOfWork, key: str = "-") -> dict[str, Any]:
    """The inspection pull list (D12): every parcel customs stopped (its list's latest receipt is 500–599) or the
    packing station pulled, whose order has not left nor been cancelled; where it waits and since when.

    `key` '-' (or 'all') lists them all; an order, waybill or inventory-list number lists that one parcel."""
    require(uow, Permission.PRINT)
    stopped = (InventoryList.return_status >= "500") & (InventoryList.return_status <= "599")
    stmt = (select(ConsumerOrder.order_no, ConsumerOrder.waybill_no, ConsumerOrder.status, InventoryList.invt_no,
                   InventoryList.cop_no, InventoryList.return_status, InventoryList.latest_return_at,
                   InspectionPull.pulled_at, InspectionPull.pulled_by, Location.code)
            .select_from(ConsumerOrder)
            .outerjoin(InventoryList, InventoryList.order_id == ConsumerOrder.id)
            .outerjoin(InspectionPull, InspectionPull.order_id == ConsumerOrder.id)
            .outerjoin(Location, Location.id == InspectionPull.location_id)
            .where(stopped | InspectionPull.id.is_not(None), ConsumerOrder.status.not_in(("shipped", "cancelled"))))
    if key not in ALL_PULLED:
        stmt = stmt.where((ConsumerOrder.order_no == key) | (ConsumerOrder.waybill_no == key)
                          | (InventoryList.invt_no == key) | (InventoryList.cop_no == key))
    rows = uow.session.execute(stmt.order_by(func.coalesce(InspectionPull.pulled_at, InventoryList.latest_return_at),
                                             ConsumerOrder.order_no)).all()
    if key not in ALL_PULLED and not rows:
        raise NotFound(f"{key} is no parcel under customs inspection: '-' lists every one", code="not_pulled",
                       key=key)
    return {"warehouse": the_warehouse(uow).name, "printed": local_time(uow), "key": "" if key in ALL_PULLED else key,
            "rows": [{"seq": i, "order_no": r.order_no, "waybill": r.waybill_no, "invt_no": r.invt_no or r.cop_no,
                      "order_status": r.status, "customs_status": r.return_status,
                      "pulled": r.pulled_at is not None, "by": r.pulled_by or "", "location": r.code or "",
                      "since": local_time(uow, r.pulled_at or r.latest_return_at)
                      if (r.pulled_at or r.latest_return_at) else ""}
                     for i, r in enumerate(rows, start=1)]}


def waybill_by_number(uow: UnitOfWork, number: str) -> dict[str, Any]:
    """The waybill label's data for a packed parcel named by its order or waybill number."""
    return waybill_data(uow, packed_order_id(uow, number))


def packing_list_by_number(uow: UnitOfWork, number: str) -> dict[str, Any]:
    """The packing list's data for a packed parcel named by its order or waybill number."""
    return packing_list_data(uow, packed_order_id(uow, number))

