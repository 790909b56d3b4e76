"""What the outbound screens read: the order board, wave summaries, the picker's next stop, manifests, documents.

Read-only queries shaped for the stations (plain rows and dicts); every one checks the role first. The
documents are made through the document registry (app.documents.registry), like `bwms print`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, select

from app.admin import require
from app.domain.order_flow import parcel_state
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import (
    ConsumerOrder,
    InventoryList,
    Location,
    Lot,
    Manifest,
    OrderLine,
    OrderWait,
    Parcel,
    PickTask,
    Product,
    Wave,
)
from app.persistence.uow import UnitOfWork

# the order board's views: which order statuses each shows
BOARD = {"waiting": ("released", "short"), "allocated": ("allocated",), "picked": ("picked",),
         "packed": ("packed", "manifested")}
RELEASED = "800"


def _board(view: str) -> Select:
    statuses = BOARD.get(view)
    if statuses is None:
        raise Rejected(f"unknown order board view {view!r}: one of {', '.join(BOARD)}", code="bad_view")
    units = (select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(OrderLine.order_id == ConsumerOrder.id)
             .correlate(ConsumerOrder).scalar_subquery())
    wave = (select(func.max(Wave.wave_no)).join(PickTask, PickTask.wave_id == Wave.id)
            .where(PickTask.order_id == ConsumerOrder.id).correlate(ConsumerOrder).scalar_subquery())
    stmt = (select(ConsumerOrder.id, ConsumerOrder.order_no, ConsumerOrder.carrier_code, ConsumerOrder.status,
                   wave.label("wave"), units.label("units"), OrderWait.reason, OrderWait.since, OrderWait.params)
            .join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
            .outerjoin(OrderWait, OrderWait.order_id == ConsumerOrder.id)
            .where(ConsumerOrder.status.in_(statuses)))
    if view == "waiting":  # only what customs released waits for stock; the rest waits for customs
        stmt = stmt.where(InventoryList.return_status == RELEASED)
    return stmt


def order_board_page(uow: UnitOfWork, view: str, after_id: int, limit: int) -> list[tuple]:
    """One page of the supervisor's order board: (id, order no., carrier, status, wave, units, reason, since,
    params): `reason` the English sentence, `params` its form and values (app.domain.vocabulary.wait_detail)."""
    require(uow, Permission.VIEW)
    stmt = _board(view).where(ConsumerOrder.id > after_id).order_by(ConsumerOrder.id).limit(limit)
    return [tuple(row) for row in uow.session.execute(stmt)]


def order_board_count(uow: UnitOfWork, view: str) -> int:
    require(uow, Permission.VIEW)
    return int(uow.session.execute(select(func.count()).select_from(_board(view).subquery())).scalar_one())


def wave_summaries(uow: UnitOfWork, status: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """The newest waves (of one status, or all) with their progress, without their tasks."""
    require(uow, Permission.VIEW)
    progress = (select(PickTask.wave_id, func.sum(PickTask.quantity).label("units"),
                       func.sum(PickTask.picked).label("picked"), func.sum(PickTask.short).label("short"),
                       func.sum(case((PickTask.status == "open", 1), else_=0)).label("open_tasks"))
                .group_by(PickTask.wave_id).subquery())
    stmt = (select(Wave, progress.c.units, progress.c.picked, progress.c.short, progress.c.open_tasks)
            .outerjoin(progress, progress.c.wave_id == Wave.id).order_by(Wave.id.desc()).limit(limit))
    if status:
        stmt = stmt.where(Wave.status == status)
    return [{"wave": w.wave_no, "carrier": w.carrier_code, "single_unit": w.single_unit, "status": w.status,
             "orders": w.order_count, "units": int(units or 0), "picked": int(picked or 0), "short": int(short or 0),
             "open_tasks": int(open_tasks or 0), "created_at": w.created_at}
            for w, units, picked, short, open_tasks in uow.session.execute(stmt)]


def _open_tasks(uow: UnitOfWork, wave_id: int) -> Sequence[Any]:
    return uow.session.execute(
        select(Location.code, Product.sku, Product.name_cn, Product.gtin, Lot.batch_no, Lot.expiry_date,
               PickTask.quantity - PickTask.picked - PickTask.short, ConsumerOrder.order_no)
        .join(Location, Location.id == PickTask.location_id).join(Product, Product.id == PickTask.product_id)
        .join(Lot, Lot.id == PickTask.lot_id).join(ConsumerOrder, ConsumerOrder.id == PickTask.order_id)
        .where(PickTask.wave_id == wave_id, PickTask.status == "open")
        .order_by(Location.pick_sequence, Location.code, Product.sku, PickTask.id)).all()


def pick_prompt(uow: UnitOfWork, wave_no: str, location: str | None = None) -> dict[str, Any]:
    """The picker's stop: the current location while it has work left, else the next one in walk order.

    `items` sums what to take there by SKU and batch; the totals say how far the wave is.
    """
    require(uow, Permission.VIEW)
    wave = uow.session.execute(select(Wave).where(Wave.wave_no == wave_no)).scalar_one_or_none()
    if wave is None:
        raise NotFound(f"no wave {wave_no}", code="unknown_wave", wave=wave_no)
    tasks = _open_tasks(uow, wave.id)
    here = [t for t in tasks if t.code == location]
    stop = location if here else (tasks[0].code if tasks else None)
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for t in (here or [t for t in tasks if t.code == stop]):
        item = items.setdefault((t.sku, t.batch_no), {
            "sku": t.sku, "name": t.name_cn, "gtin": t.gtin, "batch": t.batch_no,
            "expiry": t.expiry_date.isoformat() if t.expiry_date else "", "qty": 0, "orders": []})
        item["qty"] += int(t[6])
        item["orders"].append(t.order_no)
    done = uow.session.execute(select(func.coalesce(func.sum(PickTask.picked), 0), func.count())
                               .where(PickTask.wave_id == wave.id)).one()
    return {"wave": wave.wave_no, "carrier": wave.carrier_code, "status": wave.status, "location": stop,
            "at_location": bool(here), "items": list(items.values()), "open_tasks": len(tasks),
            "units_left": sum(int(t[6]) for t in tasks), "units_picked": int(done[0]), "tasks": int(done[1])}


def packed_by_carrier(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Per carrier: packed parcels that wait for a manifest, and their weight."""
    require(uow, Permission.VIEW)
    rows = uow.session.execute(select(Parcel.carrier_code, func.count(), func.sum(Parcel.weight_kg))
                               .where(Parcel.status == "packed").group_by(Parcel.carrier_code)
                               .order_by(Parcel.carrier_code))
    return [{"carrier": carrier, "parcels": int(n), "weight": weight} for carrier, n, weight in rows]


def manifests(uow: UnitOfWork, limit: int = 200) -> list[dict[str, Any]]:
    """The newest manifests with how many of their parcels are loaded on the vehicle and have passed the gate."""
    require(uow, Permission.VIEW)
    loaded = (Parcel.status == "manifested") & Parcel.loaded_at.is_not(None)
    counts = (select(Parcel.manifest_id, func.sum(case((Parcel.status == "shipped", 1), else_=0)).label("shipped"),
                     func.sum(case((loaded, 1), else_=0)).label("loaded"))
              .where(Parcel.manifest_id.is_not(None)).group_by(Parcel.manifest_id).subquery())
    stmt = (select(Manifest, counts.c.shipped, counts.c.loaded).outerjoin(counts, counts.c.manifest_id == Manifest.id)
            .order_by(Manifest.id.desc()).limit(limit))
    return [_manifest_row(m, shipped, loaded) for m, shipped, loaded in uow.session.execute(stmt)]


def _manifest_row(m: Manifest, shipped: int | None, loaded: int | None) -> dict[str, Any]:
    return {"manifest": m.manifest_no, "gate_pass": m.gate_pass_no, "carrier": m.carrier_code,
            "vehicle": m.vehicle_plate, "status": m.status, "parcels": m.parcel_count, "shipped": int(shipped or 0),
            "loaded": int(loaded or 0), "gross": m.gross_kg, "created_at": m.created_at, "exited_at": m.exited_at}


def manifest_detail(uow: UnitOfWork, code: str) -> dict[str, Any]:
    """A manifest (by its number or gate pass number) with every parcel on it, for the gate station: each parcel's
    state (packed, on the manifest, loaded on the vehicle, shipped) and the waybills still to load."""
    require(uow, Permission.VIEW)
    m = uow.session.execute(select(Manifest).where(
        (Manifest.manifest_no == code) | (Manifest.gate_pass_no == code))).scalar_one_or_none()
    if m is None:
        raise NotFound(f"no manifest or gate pass {code!r}", code="unknown_manifest", manifest=code)
    rows = uow.session.execute(
        select(Parcel.waybill_no, ConsumerOrder.order_no, Parcel.pieces, Parcel.weight_kg, Parcel.status,
               Parcel.loaded_at, Parcel.shipped_at, InventoryList.return_status)
        .join(ConsumerOrder, ConsumerOrder.id == Parcel.order_id)
        .outerjoin(InventoryList, InventoryList.order_id == Parcel.order_id)
        .where(Parcel.manifest_id == m.id).order_by(Parcel.id)).all()
    parcels = [{"waybill": r.waybill_no, "order_no": r.order_no, "pieces": r.pieces, "weight": r.weight_kg,
                "status": parcel_state(r.status, r.loaded_at), "loaded_at": r.loaded_at, "shipped_at": r.shipped_at,
                "list_status": r.return_status or ""} for r in rows]
    shipped, loaded = (sum(p["status"] == state for p in parcels) for state in ("shipped", "loaded"))
    return {**_manifest_row(m, shipped, loaded), "parcel_list": parcels,
            "to_load": [p["waybill"] for p in parcels if p["status"] == "manifested"]}


def vehicle_passes(uow: UnitOfWork, limit: int = 500) -> list[dict[str, Any]]:
    """The vehicles that passed the gate (核放单), newest first: plate, IC card, weights, the manifests carried."""
    from app.admin import warehouse_zone
    from app.persistence.models import VehiclePass, VehiclePassManifest

    require(uow, Permission.VIEW)
    zone = warehouse_zone(uow.session)
    passes = list(uow.session.execute(select(VehiclePass).order_by(VehiclePass.id.desc()).limit(limit)).scalars())
    carried: dict[int, list[tuple[str, int]]] = {}
    for pass_id, manifest_no, parcels in uow.session.execute(
            select(VehiclePassManifest.vehicle_pass_id, Manifest.manifest_no, Manifest.parcel_count)
            .join(Manifest, Manifest.id == VehiclePassManifest.manifest_id)
            .where(VehiclePassManifest.vehicle_pass_id.in_([p.id for p in passes])).order_by(Manifest.id)):
        carried.setdefault(pass_id, []).append((manifest_no, parcels))

    def kg(value: Any) -> str:
        return f"{value:.3f}" if value is not None else ""

    return [{"pass": p.pass_no, "plate": p.plate, "ic_card": p.ic_card, "gross": kg(p.gross_kg), "tare": kg(p.tare_kg),
             "load": kg(p.gross_kg - p.tare_kg) if p.gross_kg is not None and p.tare_kg is not None else "",
             "weights_from": p.weights_from, "manifests": [no for no, _ in carried.get(p.id, [])],
             "parcels": sum(n for _, n in carried.get(p.id, [])),
             "passed_at": p.passed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), "by": p.passed_by}
            for p in passes]
