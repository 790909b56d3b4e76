"""Cancelling an order the outbound side already holds (allocated, short, picked, packed or manifested).

What the order held is given back in the same transaction as the cancellation:
- units still to pick: their reservation is released where they lie (they are sellable again at once);
- units already picked: they lie in the packing area; their reservation is released and they wait there,
  free, until the put-away station puts them back into storage (the ledger says where they really are, and
  an allocation run never sends a picker to a packing bench);
- its open pick tasks are cancelled (a wave with nothing else to pick is done);
- a packed parcel is opened: the parcel and its contents list are removed, its label and packing list are
  withdrawn from the print queue if they have not printed;
- a manifested parcel comes off its manifest, whose totals are recomputed and whose manifest and gate pass
  are printed again; a manifest left without any parcel is withdrawn (its printed gate pass is void);
- a parcel already loaded onto the vehicle at the gate (the vehicle has not passed) is cancelled the same way,
  and the clerk is told to take it off the vehicle (nothing of it had left: no stock, no ledger moved).
A parcel that left (the vehicle passed the gate) is not cancelled: it comes back as a return.

The locks follow the outbound lock order (app/outbound/__init__.py): `lock_with_waves` takes the order's waves
before the order; `release` locks its allocations, then the stock rows they hold (storage before packing,
ascending id), then opens the parcel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select

from app.admin import audit
from app.errors import Rejected
from app.outbound.picking import open_tasks, stock_row
from app.outbound.shipping import take_off_manifest, withdraw_prints
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    Location,
    Lot,
    Manifest,
    OrderWait,
    Parcel,
    ParcelItem,
    PickTask,
    Product,
    Stock,
    Wave,
)
from app.persistence.uow import Area, UnitOfWork

HELD = ("allocated", "short", "picked", "packed", "manifested")  # order statuses with outbound holdings


@dataclass(frozen=True)
class PutBack:
    """Picked units of one lot waiting, free, at a packing location for the put-away station."""

    sku: str
    batch: str
    quantity: int
    location: str

    def to_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "batch": self.batch, "qty": self.quantity, "location": self.location}

    def describe(self) -> str:
        return f"{self.quantity} × {self.sku} batch {self.batch or '(none)'} at {self.location}"


@dataclass
class Released:
    unreserved: int = 0  # units not picked yet, free again where they were allocated
    put_back: list[PutBack] = field(default_factory=list)
    tasks: int = 0
    waves: list[str] = field(default_factory=list)
    parcel: str | None = None    # waybill of the parcel opened
    manifest: str | None = None  # manifest it came off
    manifest_withdrawn: bool = False  # that manifest had no parcel left and was deleted
    off_vehicle: str | None = None  # the parcel was loaded onto this vehicle at the gate: take it off

    def to_json(self) -> dict[str, Any]:
        data = {"unreserved": self.unreserved, "put_back": [p.to_json() for p in self.put_back],
                "pick_tasks_cancelled": self.tasks, "waves": self.waves, "parcel_opened": self.parcel,
                "manifest": self.manifest, "manifest_withdrawn": self.manifest_withdrawn}
        if self.off_vehicle:  # only for a parcel loaded at the gate: the keys are as before otherwise
            data["take_off_vehicle"] = self.off_vehicle
        return data

    def describe(self) -> str:
        parts = []
        if self.off_vehicle:
            parts.append(f"TAKE PARCEL {self.parcel} OFF VEHICLE {self.off_vehicle}: it was loaded at the gate, and "
                         "the vehicle must not carry it")
        if self.parcel:
            parts.append(f"open parcel {self.parcel}" + self._manifest_words())
        if self.put_back:
            parts.append("put back with the put-away station: " + "; ".join(p.describe() for p in self.put_back))
        if self.unreserved:
            parts.append(f"{self.unreserved} units not picked yet are free again")
        if self.tasks:
            parts.append(f"{self.tasks} pick tasks cancelled in wave {', '.join(self.waves)}")
        return "; ".join(parts)


    def _manifest_words(self) -> str:
        if self.manifest_withdrawn:
            return f" (manifest {self.manifest} had no other parcel and is withdrawn: its gate pass is void)"
        if self.manifest:
            return f" (taken off manifest {self.manifest}: its manifest and gate pass are printed again)"
        return ""


_ROUNDS = 10  # a wave made for the order between reading its waves and locking it sends the lock round again


def _open_waves(uow: UnitOfWork, order_id: int) -> set[int]:
    return set(uow.session.execute(select(PickTask.wave_id).where(
        PickTask.order_id == order_id, PickTask.status == "open").distinct()).scalars())


def lock_with_waves(uow: UnitOfWork, find: Callable[[bool], ConsumerOrder]) -> ConsumerOrder:
    """Lock an order the outbound side may hold, in the lock order: the waves it has open pick tasks in (ascending
    id), then its row (`find(True)` locks and reads it again; `find(False)` only reads). A wave made for it between
    the read of its waves and its lock (an allocation run committed meanwhile) sends it round again: rolling the
    savepoint back lets go of what it locked, so no wave is ever waited for while holding the order."""
    if not uow.is_postgres:  # SQLite's writer holds the whole database from BEGIN IMMEDIATE
        return find(True)
    waves = _open_waves(uow, find(False).id)
    for _ in range(_ROUNDS):
        savepoint = uow.session.begin_nested()
        uow.session.execute(select(Wave.id).where(Wave.id.in_(sorted(waves))).order_by(Wave.id).with_for_update())
        order = find(True)
        now = _open_waves(uow, order.id)
        if now <= waves:
            savepoint.commit()
            return order
        savepoint.rollback()
        waves |= now
    raise Rejected("the order is being allocated again and again: cancel it once more", code="order_busy")


def release(uow: UnitOfWork, order: ConsumerOrder) -> Released:
    """Give back everything the outbound side holds for `order` (called by the cancellation, which checks roles)."""
    out = Released()
    uow.session.execute(delete(OrderWait).where(OrderWait.order_id == order.id))
    _release_allocations(uow, order, out)
    _cancel_tasks(uow, order, out)
    parcel = uow.session.execute(select(Parcel).where(Parcel.order_id == order.id)).scalar_one_or_none()
    if parcel is not None:
        _open_parcel(uow, parcel, out)
    if out.tasks or out.unreserved or out.put_back or out.parcel:
        audit.record(uow, "order_cancel_outbound", "order", order.order_no, **out.to_json())
        uow.changes.touch(Area.ALLOCATION, Area.PICKING, Area.PACKING, Area.SHIPPING, Area.STOCK)
    return out


def _release_allocations(uow: UnitOfWork, order: ConsumerOrder, out: Released) -> None:
    stmt = select(Allocation).where(Allocation.order_id == order.id, Allocation.state == "open").order_by(Allocation.id)
    if uow.is_postgres:
        stmt = stmt.with_for_update()
    waiting: dict[tuple[int, int], int] = {}
    allocations = uow.session.execute(stmt).scalars().all()
    _lock_stock(uow, allocations)
    for a in allocations:
        left = a.quantity - a.picked - a.short
        if left > 0:
            stock_row(uow, a.location_id, a.lot_id, a.lpn).reserved -= left
            out.unreserved += left
        if a.picked > 0:
            stock_row(uow, a.packing_location_id, a.lot_id, "").reserved -= a.picked
            key = (a.packing_location_id, a.lot_id)  # picked units always lie at a packing location
            waiting[key] = waiting.get(key, 0) + a.picked  # type: ignore[index]
        a.state = "released"
    for (location_id, lot_id), quantity in sorted(waiting.items()):
        sku, batch = uow.session.execute(select(Product.sku, Lot.batch_no).join(Lot, Lot.product_id == Product.id)
                                         .where(Lot.id == lot_id)).one()
        out.put_back.append(PutBack(sku, batch, quantity, uow.session.get(Location, location_id).code))


def _lock_stock(uow: UnitOfWork, allocations: list[Allocation]) -> None:
    """The stock rows the allocations hold, locked in the lock order (storage before packing, ascending id)."""
    if not uow.is_postgres or not allocations:
        return
    places: set[tuple[int | None, int, str]] = {
        (a.location_id, a.lot_id, a.lpn) for a in allocations if a.quantity - a.picked - a.short > 0}
    places |= {(a.packing_location_id, a.lot_id, "") for a in allocations if a.picked > 0}
    lots = sorted({lot for _, lot, _ in places})
    rows = uow.session.execute(select(Stock.id, Stock.location_id, Stock.lot_id, Stock.lpn, Location.kind)
                               .join(Location, Location.id == Stock.location_id)
                               .where(Stock.lot_id.in_(lots), Stock.status == "available")).all()
    ids = [r.id for r in sorted(rows, key=lambda r: (r.kind != "storage", r.id))
           if (r.location_id, r.lot_id, r.lpn) in places]
    for sid in ids:  # one by one: the order of the locks is the order of these statements
        uow.session.execute(select(Stock.id).where(Stock.id == sid).with_for_update())


def _cancel_tasks(uow: UnitOfWork, order: ConsumerOrder, out: Released) -> None:
    tasks = uow.session.execute(select(PickTask).where(PickTask.order_id == order.id, PickTask.status == "open")
                                .order_by(PickTask.id)).scalars().all()
    for task in tasks:
        task.status = "cancelled"
    out.tasks = len(tasks)
    uow.session.flush()
    for wave in uow.session.execute(select(Wave).where(Wave.id.in_({t.wave_id for t in tasks}))
                                    .order_by(Wave.wave_no)).scalars():
        out.waves.append(wave.wave_no)
        if wave.status == "open" and not open_tasks(uow, wave):
            wave.status = "picked"  # nothing left to pick in it


def _open_parcel(uow: UnitOfWork, parcel: Parcel, out: Released) -> None:
    out.parcel = parcel.waybill_no
    manifest = uow.session.get(Manifest, parcel.manifest_id) if parcel.manifest_id else None
    if manifest is not None and uow.is_postgres:  # its row lock before the parcel's and before any audit record
        uow.session.refresh(manifest, with_for_update=True)
    withdraw_prints(uow, [f"waybill {parcel.waybill_no}", f"packing list {parcel.waybill_no}"])
    if manifest is not None and parcel.loaded_at is not None:
        out.off_vehicle = manifest.vehicle_plate
    uow.session.execute(delete(ParcelItem).where(ParcelItem.parcel_id == parcel.id))
    uow.session.delete(parcel)
    uow.session.flush()
    if manifest is not None:
        out.manifest = manifest.manifest_no
        out.manifest_withdrawn = take_off_manifest(uow, manifest)
