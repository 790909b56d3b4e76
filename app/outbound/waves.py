"""Waves as the pickers see them: each wave's pick tasks in walk order (`bwms waves`, the pick list D4)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from app import clock
from app.admin import require
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import ConsumerOrder, Location, Lot, PickTask, Product, Warehouse, Wave
from app.persistence.uow import UnitOfWork


def _tasks(wave_ids: list[int]) -> Select:
    return (select(PickTask.wave_id, Location.code, Location.pick_sequence, Product.sku, Product.gtin,
                   Product.name_cn, Lot.batch_no, Lot.expiry_date, PickTask.quantity, PickTask.picked,
                   PickTask.short, PickTask.status, ConsumerOrder.order_no)
            .join(Location, Location.id == PickTask.location_id).join(Product, Product.id == PickTask.product_id)
            .join(Lot, Lot.id == PickTask.lot_id).join(ConsumerOrder, ConsumerOrder.id == PickTask.order_id)
            .where(PickTask.wave_id.in_(wave_ids))
            .order_by(PickTask.wave_id, Location.pick_sequence, Location.code, Product.sku, ConsumerOrder.order_no,
                      PickTask.id))


def waves(uow: UnitOfWork, *, status: str | None = None, wave_no: str | None = None) -> list[dict[str, Any]]:
    """Waves (all, or of one status, or one) with their pick tasks sorted by the locations' pick sequence."""
    require(uow, Permission.VIEW)
    stmt = select(Wave).order_by(Wave.id)
    if status:
        stmt = stmt.where(Wave.status == status)
    if wave_no:
        stmt = stmt.where(Wave.wave_no == wave_no)
    found = uow.session.execute(stmt).scalars().all()
    if wave_no and not found:
        raise NotFound(f"no wave {wave_no}", code="unknown_wave", wave=wave_no)
    out: dict[int, dict[str, Any]]
    out = {w.id: {"wave": w.wave_no, "carrier": w.carrier_code, "single_unit": w.single_unit, "status": w.status,
                  "orders": w.order_count, "tasks": []} for w in found}
    ids = list(out)
    for start in range(0, len(ids), 500):
        for r in uow.session.execute(_tasks(ids[start:start + 500])):
            out[r.wave_id]["tasks"].append({
                "location": r.code, "sku": r.sku, "gtin": r.gtin, "batch": r.batch_no, "qty": r.quantity,
                "order_no": r.order_no, "picked": r.picked, "short": r.short, "status": r.status})
    return list(out.values())


def pick_list(uow: UnitOfWork, wave_no: str) -> dict[str, Any]:
    """The pick list of one wave (D4): header and lines in walk order, with totals."""
    require(uow, Permission.PRINT)
    wave = uow.session.execute(select(Wave).where(Wave.wave_no == wave_no)).scalar_one_or_none()
    if wave is None:
        raise NotFound(f"no wave {wave_no}", code="unknown_wave", wave=wave_no)
    house = uow.session.execute(select(Warehouse.name, Warehouse.time_zone).limit(1)).first()
    zone = clock.zone_named(house.time_zone if house else None)
    lines = [{"location": r.code, "sku": r.sku, "name": r.name_cn, "batch": r.batch_no,
              "expiry": r.expiry_date.isoformat() if r.expiry_date else "", "qty": r.quantity,
              "order_no": r.order_no, "status": r.status}
             for r in uow.session.execute(_tasks([wave.id]))]
    orders = uow.session.execute(select(func.count(func.distinct(PickTask.order_id)))
                                 .where(PickTask.wave_id == wave.id)).scalar_one()
    return {"wave": wave.wave_no, "carrier": wave.carrier_code,
            "kind": "single" if wave.single_unit else "multi", "orders": orders,
            "units": sum(line["qty"] for line in lines), "warehouse": house.name if house else "",
            "created": wave.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            "printed": clock.warehouse_now(zone).strftime("%Y-%m-%d %H:%M"), "lines": lines}
