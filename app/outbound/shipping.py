"""Manifest, gate pass and gate-out: packed, released parcels leave the zone and the customs ledger follows.

At gate-out each parcel's units leave stock (movement kind "ship", from the packing area to nowhere) and
its inventory list's pre-decrease becomes the actual decrease (PRE_RELEASE +q, OUT −q ACTUAL per
account-book item), in one transaction, so the customs balance keeps equal to bonded stock. Nothing
leaves unless its inventory list's latest receipt is 800 (released): the service checks it every time,
whoever calls. A parcel or manifest leaves once.

The gate station's parcel scans LOAD the parcels onto the manifest's vehicle (`gate_scan`: when and by whom,
logged under the scan id, audited; nothing moves). The parcels leave when the vehicle passes, all of them in one
event (`pass_vehicle`, a clerk, once every parcel is loaded; `gate_out`, a supervisor's whole-manifest exit, loaded
or not): stock, ledger, orders, the manifests closed and the vehicle pass (核放单) recorded in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.orm import aliased

from app import clock
from app.admin import LIVE_ROLE, audit, known_role, live_role, live_role_param, require
from app.customs import write_off_core
from app.documents import queue as print_queue
from app.domain.roles import Permission, may
from app.errors import Rejected
from app.outbound import documents as shipping_documents
from app.outbound import vehicle_pass
from app.persistence.hot import Prepared
from app.persistence.jobs import lock_order_rows
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    InventoryList,
    Manifest,
    Parcel,
    PrintJob,
    ScanEvent,
    Warehouse,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, ScanResult
from app.stock import movements as stock

RELEASED = "800"
WORKFLOW = "gate"


@dataclass
class ManifestReport:
    manifest: str
    gate_pass: str
    parcels: int
    weight: Decimal
    held: list[dict[str, str]] = field(default_factory=list)
    print_jobs: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"manifest": self.manifest, "gate_pass": self.gate_pass, "parcels": self.parcels,
                "weight": f"{self.weight:.3f}", "held": self.held, "print_jobs": self.print_jobs}

    def describe(self) -> str:
        lines = [f"manifest {self.manifest} (gate pass {self.gate_pass}): {self.parcels} parcels, "
                 f"{self.weight:.3f} kg"]
        lines += [f"  held back: {h['waybill']}: {h['reason']}" for h in self.held]
        return "\n".join(lines)


def _release_state(uow: UnitOfWork, parcels: Sequence[Parcel]) -> dict[int, str]:
    """order id → the latest receipt code of its inventory list ('' when none)."""
    ids = [p.order_id for p in parcels]
    found = dict(uow.session.execute(select(InventoryList.order_id, InventoryList.return_status)
                                     .where(InventoryList.order_id.in_(ids))).all()) if ids else {}
    return {oid: found.get(oid) or "" for oid in ids}


def _not_released(code: str) -> str:
    if code == "500":
        return "PULL FOR INSPECTION: its inventory list is under customs inspection (500)"
    return f"its inventory list is not released by customs (latest receipt {code or 'none'})"


def create_manifest(uow: UnitOfWork, carrier: str, vehicle: str, waybills: Sequence[str] = (), *,
                    printer: str = print_queue.DOCUMENT_PRINTER) -> ManifestReport:
    """Collect the carrier's packed, released parcels (or exactly `waybills`) onto a new manifest and gate pass."""
    require(uow, Permission.SUPERVISE)
    carrier, vehicle = carrier.strip().upper(), vehicle.strip()
    if not vehicle or len(vehicle) > 20:
        raise Rejected("a manifest needs the vehicle's plate (at most 20 characters)", code="bad_vehicle")
    which = (Parcel.waybill_no.in_(list(waybills)) if waybills
             else and_(Parcel.carrier_code == carrier, Parcel.status == "packed"))
    stmt = select(Parcel).where(which).order_by(Parcel.id)
    locked: set[int] | None = None
    if uow.is_postgres:  # the lock order (app/outbound/__init__.py): the parcels' orders, then the parcels
        locked = set(uow.session.execute(select(ConsumerOrder.id).where(ConsumerOrder.id.in_(
            select(Parcel.order_id).where(which))).order_by(ConsumerOrder.id).with_for_update()).scalars())
        stmt = stmt.with_for_update()
    parcels = list(uow.session.execute(stmt).scalars())
    if locked is not None and not waybills:  # packed after the orders were locked: for the next manifest
        parcels = [p for p in parcels if p.order_id in locked]
    state = _release_state(uow, parcels)
    held = [{"waybill": p.waybill_no, "reason": _not_released(state[p.order_id])} for p in parcels
            if state[p.order_id] != RELEASED]
    if waybills:
        _check_named(waybills, parcels, carrier, held)
    chosen = [p for p in parcels if state[p.order_id] == RELEASED]
    if not chosen:
        raise Rejected(f"no packed, released parcel of carrier {carrier} waits for a manifest", code="no_parcels",
                       carrier=carrier, held=len(held))
    manifest = _new_manifest(uow, carrier, vehicle, chosen)
    report = ManifestReport(manifest.manifest_no, manifest.gate_pass_no, len(chosen), manifest.gross_kg, held)
    report.print_jobs = print_manifest(uow, manifest.manifest_no, printer)
    audit.record(uow, "manifest_create", "manifest", manifest.manifest_no, gate_pass=manifest.gate_pass_no,
                 carrier=carrier, vehicle=vehicle, parcels=len(chosen), weight=str(manifest.gross_kg),
                 held=[h["waybill"] for h in held])
    uow.changes.touch(Area.SHIPPING, Area.ORDERS, Area.PRINT_QUEUE)
    return report


def _check_named(waybills: Sequence[str], parcels: list[Parcel], carrier: str, held: list[dict[str, str]]) -> None:
    """Named parcels must all exist, be the carrier's, be packed and not on a manifest, and be released."""
    by_waybill = {p.waybill_no: p for p in parcels}
    for w in waybills:
        p = by_waybill.get(w)
        if p is None:
            raise Rejected(f"no packed parcel with waybill {w}", code="unknown_parcel", waybill=w)
        if p.carrier_code != carrier:
            raise Rejected(f"parcel {w} goes with {p.carrier_code}, not {carrier}", code="wrong_carrier", waybill=w)
        if p.status != "packed":
            raise Rejected(f"parcel {w} is already {p.status}", code="already_manifested", waybill=w)
    if held:
        raise Rejected("unreleased parcels may not go on a manifest: " + "; ".join(
            f"{h['waybill']}: {h['reason']}" for h in held), code="unreleased_parcels",
            waybills=[h["waybill"] for h in held])


def _new_manifest(uow: UnitOfWork, carrier: str, vehicle: str, parcels: list[Parcel]) -> Manifest:
    house = uow.session.execute(select(Warehouse.customs_code, Warehouse.time_zone).limit(1)).first()
    # the numbers carry the warehouse's date and year (a manifest made at 00:30 in Shanghai is that day's, not the
    # day before's as in UTC)
    today = clock.warehouse_now(clock.zone_named(house.time_zone if house else None))
    temporary = uuid.uuid4().hex[:19]  # numbered from the row id once it has one
    manifest = Manifest(manifest_no=f"T{temporary}", gate_pass_no=f"T{temporary}", carrier_code=carrier,
                        vehicle_plate=vehicle, status="created", parcel_count=len(parcels),
                        gross_kg=sum((p.weight_kg for p in parcels), Decimal(0)),
                        net_kg=sum((p.net_kg for p in parcels), Decimal(0)), created_by=uow.actor.username[:40])
    uow.session.add(manifest)
    uow.session.flush()
    manifest.manifest_no = f"MF{today:%Y%m%d}{manifest.id:06d}"
    manifest.gate_pass_no = f"{(house.customs_code if house else None) or '0000'}{today:%Y}E{manifest.id:08d}"
    orders = [p.order_id for p in parcels]
    for p in parcels:
        p.manifest_id, p.status = manifest.id, "manifested"
    for order in uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.id.in_(orders))).scalars():
        order.status = "manifested"
    uow.session.flush()
    return manifest


def print_manifest(uow: UnitOfWork, manifest_no: str, printer: str) -> list[int]:
    """Queue the handover manifest and the gate pass for `printer` (each print audited with the manifest)."""
    from app.documents import registry

    return [registry.enqueue(uow, "manifest", manifest_no, "pdf", printer).id,
            registry.enqueue(uow, "gate-pass", manifest_no, "pdf", printer).id]


@dataclass
class GateOutReport:
    manifest: str
    gate_pass: str
    parcels: list[str]
    units: int
    exited_at: str
    vehicle: dict[str, Any] | None = None  # the vehicle's pass, shown when weights, an IC card or more manifests

    def to_json(self) -> dict[str, Any]:
        data = {"manifest": self.manifest, "gate_pass": self.gate_pass, "parcels": len(self.parcels),
                "waybills": self.parcels, "units": self.units, "exited_at": self.exited_at}
        if self.vehicle is not None:
            data["vehicle"] = self.vehicle
        return data

    def describe(self) -> str:
        text = (f"manifest {self.manifest} (gate pass {self.gate_pass}) left the zone at {self.exited_at}: "
                f"{len(self.parcels)} parcels, {self.units} units; customs ledger written off")
        if self.vehicle is not None:
            v = self.vehicle
            weights = f", gross {v['gross_weight']} kg, tare {v['tare_weight']} kg" if v["gross_weight"] else ""
            text += (f"\nvehicle {v['plate']}{' IC ' + v['ic_card'] if v['ic_card'] else ''}{weights}; manifests "
                     + ", ".join(v["manifests"]))
        return text


def _locked_manifest(uow: UnitOfWork, code: str) -> Manifest:
    manifest = shipping_documents.find_manifest(uow, code)
    if uow.is_postgres:
        uow.session.refresh(manifest, with_for_update=True)
    if manifest.status == "exited":
        raise Rejected(f"manifest {manifest.manifest_no} already left the zone at "
                       f"{shipping_documents.local_time(uow, manifest.exited_at)}: it cannot gate out twice",
                       code="already_exited", manifest=manifest.manifest_no)
    return manifest


Kg = Decimal | str | None  # a weight as typed, read from the scale, or none


def gate_out(uow: UnitOfWork, code: str, *, gross_weight: Kg = None, tare_weight: Kg = None, ic_card: str = "",
             weights_from: str = "typed", also: Sequence[str] = ()) -> GateOutReport:
    """The supervisor's whole-manifest exit: the vehicle of manifest (or gate pass) `code` — and of the manifests
    `also` it carries — passes the gate with every parcel still on them, scanned as loaded at the gate or not (see
    `pass_vehicle` for the one event it is)."""
    require(uow, Permission.SUPERVISE)
    return _vehicle_passes(uow, [code, *also], gross_weight, tare_weight, ic_card, weights_from, loaded_only=False)


def pass_vehicle(uow: UnitOfWork, code: str, *, gross_weight: Kg = None, tare_weight: Kg = None,
                 ic_card: str = "", weights_from: str = "typed", also: Sequence[str] = ()) -> GateOutReport:
    """The gate clerk's vehicle pass, once every parcel of manifest (or gate pass) `code` — and of the manifests
    `also` on the same vehicle — was scanned as loaded (`gate_scan`); refused, naming the waybills still to load,
    before that. One event: every parcel ships (stock out, inventory list written off, order shipped) or none
    does, the manifests close, and the vehicle's pass (核放单) is recorded with its IC card and weighbridge weights
    (both or neither; tare below gross), its SAS121 file archived."""
    require(uow, Permission.SCAN_OPERATIONS)
    return _vehicle_passes(uow, [code, *also], gross_weight, tare_weight, ic_card, weights_from, loaded_only=True)


def _vehicle_passes(uow: UnitOfWork, codes: Sequence[str], gross_weight: Kg, tare_weight: Kg, ic_card: str,
                    weights_from: str, *, loaded_only: bool) -> GateOutReport:
    gross_kg, tare_kg = vehicle_pass.check_weights(gross_weight, tare_weight)
    card = vehicle_pass.check_ic_card(ic_card)
    if weights_from not in vehicle_pass.WEIGHTS_FROM:
        raise Rejected(f"weights come typed or from a scale, not {weights_from!r}", code="bad_weights")
    # the lock order (app/outbound/__init__.py): the orders of the vehicle's parcels, then its manifests (a
    # cancellation of one of them queues on its order, never holding what the pass waits for)
    lock_order_rows(uow, ConsumerOrder.id.in_(select(Parcel.order_id).join(Manifest, Manifest.id == Parcel.manifest_id)
                                              .where(or_(Manifest.manifest_no.in_(codes),
                                                         Manifest.gate_pass_no.in_(codes)))))
    manifests: list[Manifest] = []
    for named in codes:
        m = _locked_manifest(uow, named)
        if m not in manifests:
            manifests.append(m)
    plates = {m.vehicle_plate for m in manifests}
    if len(plates) > 1:
        raise Rejected("one vehicle passes the gate at a time: the manifests name the vehicles " + ", ".join(
            sorted(plates)), code="several_vehicles", manifests=[m.manifest_no for m in manifests])
    loads = [(m, list(uow.session.execute(select(Parcel).where(Parcel.manifest_id == m.id,
                                                               Parcel.status == "manifested").order_by(Parcel.id))
                      .scalars())) for m in manifests]
    if loaded_only:
        _all_loaded(loads)
    for manifest, parcels in loads:
        state = _release_state(uow, parcels)
        blocked = [f"{p.waybill_no}: {_not_released(state[p.order_id])}" for p in parcels
                   if state[p.order_id] != RELEASED]
        if blocked:
            raise Rejected(f"manifest {manifest.manifest_no} may not leave: " + "; ".join(blocked),
                           code="unreleased_parcels", manifest=manifest.manifest_no)
    waybills = [p.waybill_no for _, parcels in loads for p in parcels]
    loaded = sum(p.loaded_at is not None for _, parcels in loads for p in parcels)
    units = _ship(uow, loads)
    for manifest, _ in loads:
        close_if_done(uow, manifest)
    passed = vehicle_pass.record_pass(uow, manifests, card, gross_kg, tare_kg, weights_from)
    first = manifests[0]
    audit.record(uow, "gate_out", "manifest", first.manifest_no, gate_pass=first.gate_pass_no, parcels=waybills,
                 units=units, vehicle=passed.plate, ic_card=card, gross_kg=str(gross_kg or ""),
                 tare_kg=str(tare_kg or ""), manifests=[m.manifest_no for m in manifests], loaded=loaded)
    uow.changes.touch(Area.SHIPPING, Area.STOCK, Area.LEDGER, Area.ORDERS, Area.CUSTOMS)
    shown = None
    if gross_kg is not None or card or len(manifests) > 1:
        shown = {"pass": passed.pass_no, "plate": passed.plate, "ic_card": card,
                 "gross_weight": f"{gross_kg:.3f}" if gross_kg is not None else None,
                 "tare_weight": f"{tare_kg:.3f}" if tare_kg is not None else None,
                 "weights_from": passed.weights_from, "manifests": [m.manifest_no for m in manifests]}
    return GateOutReport(first.manifest_no, first.gate_pass_no, waybills, units,
                         shipping_documents.local_time(uow, first.exited_at), shown)


SHOWN_UNLOADED = 20  # a refusal names this many waybills still to load, then counts the rest


def _all_loaded(loads: list[tuple[Manifest, list[Parcel]]]) -> None:
    """Every parcel still on the manifests was scanned as loaded, or the vehicle may not pass (nothing changes)."""
    unloaded = [(m.manifest_no, p.waybill_no) for m, parcels in loads for p in parcels if p.loaded_at is None]
    if not unloaded:
        return
    total = sum(len(parcels) for _, parcels in loads)
    named = ", ".join(w for _, w in unloaded[:SHOWN_UNLOADED])
    more = f" and {len(unloaded) - SHOWN_UNLOADED} more" if len(unloaded) > SHOWN_UNLOADED else ""
    manifests = sorted({m for m, _ in unloaded})
    raise Rejected(f"the vehicle may not pass: {len(unloaded)} of its {total} parcels are not loaded yet "
                   f"({named}{more}): scan each as it is loaded, or take it back to the supervisor; nothing left the "
                   "zone", code="not_loaded", manifests=manifests, waybills=[w for _, w in unloaded])


def close_if_done(uow: UnitOfWork, manifest: Manifest) -> None:
    left = uow.session.execute(select(Parcel.id).where(Parcel.manifest_id == manifest.id,
                                                       Parcel.status != "shipped").limit(1)).first()
    manifest.status = "exiting" if left else "exited"
    if not left:
        manifest.exited_at = utcnow()


def take_off_manifest(uow: UnitOfWork, manifest: Manifest) -> bool:
    """Recompute a manifest (locked by the caller) without the parcel taken off it and print it again; withdraw it
    if it is now empty (True): a cancellation opening the parcel, a supervisor unloading it."""
    parcels = uow.session.execute(select(Parcel).where(Parcel.manifest_id == manifest.id)).scalars().all()
    if not parcels:  # nothing left to carry: no vehicle leaves on it
        audit.record(uow, "manifest_withdraw", "manifest", manifest.manifest_no, gate_pass=manifest.gate_pass_no)
        withdraw_prints(uow, [f"handover manifest {manifest.manifest_no}", f"gate pass {manifest.manifest_no}"])
        uow.session.delete(manifest)
        return True
    manifest.parcel_count = len(parcels)
    manifest.gross_kg = sum((p.weight_kg for p in parcels), Decimal(0))
    manifest.net_kg = sum((p.net_kg for p in parcels), Decimal(0))
    if manifest.status == "exiting":
        close_if_done(uow, manifest)  # the parcel taken off may have been the last one still inside
    print_manifest(uow, manifest.manifest_no, print_queue.DOCUMENT_PRINTER)
    return False


def withdraw_prints(uow: UnitOfWork, documents: list[str]) -> None:
    """Documents of something that no longer exists: withdrawn from the queue if they have not printed."""
    for job in uow.session.execute(select(PrintJob.id).where(
            PrintJob.document.in_(documents), PrintJob.status.in_(("queued", "failed")))).scalars().all():
        print_queue.cancel(uow, job)


_OPEN_ALLOCATIONS = (select(Allocation.order_id, Allocation.lot_id, Allocation.picked, Allocation.packing_location_id)
                     .where(Allocation.order_id.in_(bindparam("orders", expanding=True)), Allocation.state == "open")
                     .order_by(Allocation.packing_location_id, Allocation.lot_id, Allocation.id))
_LISTS = (select(InventoryList.id, InventoryList.order_id, InventoryList.return_status, InventoryList.written_off_at,
                 InventoryList.pre_held, InventoryList.cop_no)
          .where(InventoryList.order_id.in_(bindparam("orders", expanding=True))).order_by(InventoryList.id))
_ALLOCATIONS_SHIPPED = (update(Allocation).where(Allocation.order_id.in_(bindparam("orders", expanding=True)),
                                                  Allocation.state == "open")
                        .values(state="shipped", shipped_at=bindparam("at")))
_ORDERS_SHIPPED = (update(ConsumerOrder).where(ConsumerOrder.id.in_(bindparam("orders", expanding=True)))
                   .values(status="shipped"))
_PARCELS_SHIPPED = (update(Parcel).where(Parcel.id.in_(bindparam("parcels", expanding=True)))
                    .values(status="shipped", shipped_at=bindparam("at")))


def _ship(uow: UnitOfWork, loads: list[tuple[Manifest, list[Parcel]]]) -> int:
    """Every parcel of the vehicle leaves, in Core statements (a vehicle carries hundreds of parcels): their units
    out of the packing area (movement kind "ship", one UPDATE per packing stock row, one movement insert), their
    allocations shipped, each inventory list written off (PRE_RELEASE and OUT per account-book item, referring to
    the gate pass), the parcels and orders shipped. Returns the units."""
    conn, now = uow.conn, utcnow()
    shipped: list[int] = []
    for chunk in _chunks([(m, p) for m, parcels in loads for p in parcels]):
        of_order = {p.order_id: (m, p) for m, p in chunk}
        orders = sorted(of_order)
        lists = {r.order_id: r for r in conn.execute(_LISTS, {"orders": orders})}
        for order_id in orders:  # checked again here: nothing leaves unreleased, whoever calls
            lst, (_, parcel) = lists.get(order_id), of_order[order_id]
            if lst is None or lst.return_status != RELEASED:
                raise Rejected(f"parcel {parcel.waybill_no} may not leave: "
                               f"{_not_released(lst.return_status if lst else '')}", code="not_released",
                               waybill=parcel.waybill_no)
        allocations = conn.execute(_OPEN_ALLOCATIONS, {"orders": orders}).all()
        stock.apply(uow, [stock.Step(a.lot_id, None, a.picked, stock.Place(a.packing_location_id, "available"), None,
                                     kind="ship", ref_type="parcel", ref_no=of_order[a.order_id][1].waybill_no,
                                     note=of_order[a.order_id][0].gate_pass_no, unreserve=a.picked)
                          for a in allocations if a.picked])
        shipped += [a.picked for a in allocations]
        conn.execute(_ALLOCATIONS_SHIPPED, {"orders": orders, "at": now})
        for order_id in orders:
            lst, manifest = lists[order_id], of_order[order_id][0]
            if lst.written_off_at is None:
                write_off_core(uow, lst.id, order_id, lst.cop_no, lst.pre_held, manifest.gate_pass_no)
        conn.execute(_ORDERS_SHIPPED, {"orders": orders})
        conn.execute(_PARCELS_SHIPPED, {"parcels": [p.id for _, p in chunk], "at": now})
    uow.session.flush()
    uow.session.expire_all()  # the session's parcels (and manifests) read again what the database now says
    uow.changes.touch(Area.STOCK, Area.LEDGER, Area.ORDERS, Area.SHIPPING)
    return sum(shipped)


CHUNK = 500  # parcels per round of statements (an IN list stays well below the engines' parameter limits)


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[n:n + CHUNK] for n in range(0, len(items), CHUNK)]


# -- loading: the gate station's parcel scans ---------------------------------------------------------------------

def gate_scan(uow: UnitOfWork, code: str, waybill: str, raw: str, scan_id: str, *, fast: bool = True) -> ScanResult:
    """The gate station: one parcel of manifest `code` is loaded onto the manifest's vehicle (refusals are logged,
    not raised). Nothing moves yet: no stock, no ledger — the parcels leave when the vehicle passes
    (`pass_vehicle`). `fast=False`: the caller already tried `gate_parcel` in this transaction (it answered None)."""
    if fast:
        loaded = _load_fast(uow, code, waybill, raw, scan_id)  # checks the role with its read
        if loaded is not None:
            return loaded
    require(uow, Permission.SCAN_OPERATIONS)  # reads nothing when the fast path's read found the live role
    return scanlog.once(uow, scan_id, WORKFLOW, code, raw, lambda: _load_one(uow, code, waybill),
                        lambda exc: audit.record(uow, "gate_load", "manifest", code, outcome="refused",
                                                 waybill=waybill, reason=exc.message))


def gate_parcel(uow: UnitOfWork, code: str, waybill: str, raw: str, scan_id: str) -> ScanResult | None:
    """A parcel of manifest `code` that may be loaded, loaded (or a replay's first result), in one read and Core
    writes; None when it is not that (nothing written): the caller then sees whether `waybill` names another
    manifest, or lets `gate_scan(…, fast=False)` refuse it in its words. A role that may not scan gets None too
    (`gate_scan` refuses it)."""
    return _load_fast(uow, code, waybill, raw, scan_id)


_OTHER = aliased(Parcel)
_NAMED = or_(Manifest.manifest_no == bindparam("code"), Manifest.gate_pass_no == bindparam("code"))
# the lock order (app/outbound/__init__.py): the parcel's order, then its manifest (then the parcel, by the UPDATE)
_ORDER_OF_PARCEL = (select(Parcel.order_id).join(Manifest, Manifest.id == Parcel.manifest_id)
                    .where(Parcel.waybill_no == bindparam("waybill"), _NAMED))
_ORDER_LOCK = (select(ConsumerOrder.id).where(ConsumerOrder.id.in_(_ORDER_OF_PARCEL)).order_by(ConsumerOrder.id)
               .with_for_update())
_MANIFEST_LOCK = select(Manifest.id).where(_NAMED).with_for_update()
# A loading scan's one read: the parcel on the manifest with its inventory list's latest receipt, how many other
# parcels of the manifest are still to load, the scan id's first result (a replay) and the clerk's live role.
_LOAD_READ = Prepared(
    select(Parcel.id, Parcel.status, Parcel.loaded_at, Manifest.manifest_no, Manifest.parcel_count,
           Manifest.status.label("manifest_status"), InventoryList.id.label("list_id"), InventoryList.return_status,
           select(func.count(_OTHER.id)).where(_OTHER.manifest_id == Manifest.id, _OTHER.status != "shipped",
                                               _OTHER.loaded_at.is_(None), _OTHER.id != Parcel.id)
           .scalar_subquery().label("to_load"),
           select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id"))
           .scalar_subquery().label("first_result"), LIVE_ROLE)
    .select_from(Parcel)
    .join(Manifest, Manifest.id == Parcel.manifest_id)
    .outerjoin(InventoryList, InventoryList.order_id == Parcel.order_id)
    .where(Parcel.waybill_no == bindparam("waybill"), _NAMED))
_PARCEL_LOADED = Prepared(update(Parcel).where(Parcel.id == bindparam("parcel_id"))
                  .values(loaded_at=bindparam("at"), loaded_by=bindparam("by")))


def _load_fast(uow: UnitOfWork, code: str, waybill: str, raw: str, scan_id: str) -> ScanResult | None:
    """A parcel that may be loaded (or a replay): one read, one UPDATE, the audit and the scan log.
    None: the slow path decides (every refusal, in its words), and so for a role that may not scan (the live role
    is a column of the read, checked before anything is replayed or written)."""
    conn = uow.conn
    if uow.is_postgres and (conn.execute(_ORDER_LOCK, {"code": code, "waybill": waybill}).first() is None
                            or conn.execute(_MANIFEST_LOCK, {"code": code}).first() is None):
        return None  # the parcel's order, then its manifest, as the slow path, a cancellation and the pass lock them
    rows = _LOAD_READ.all(conn, {"code": code, "waybill": waybill, "scan_id": scan_id, **live_role_param(uow)})
    if rows:
        known_role(uow, rows[0].live_role)
    role = live_role(uow)  # "": the account was disabled since signing in
    if len(rows) != 1 or not role or not may(role, Permission.SCAN_OPERATIONS):
        return None
    head = rows[0]
    if head.first_result is not None:
        return scanlog.first_result(head.first_result)
    if head.manifest_status == "exited" or head.status != "manifested" or head.loaded_at is not None \
            or head.list_id is None or head.return_status != RELEASED:
        return None
    _PARCEL_LOADED.run(conn, {"parcel_id": head.id, "at": utcnow(), "by": uow.actor.username[:40]})
    result = _loaded(uow, head.manifest_no, waybill, head.to_load, head.parcel_count)
    scanlog.log(uow, scan_id, WORKFLOW, code, raw, result)
    return result


def _loaded(uow: UnitOfWork, manifest_no: str, waybill: str, left: int, parcels: int) -> ScanResult:
    """What a loading scan did: audited, and its banner (how many parcels of the manifest are still to load)."""
    audit.record(uow, "gate_load", "manifest", manifest_no, waybill=waybill, left=left)
    uow.changes.touch(Area.SHIPPING)
    text = (f"parcel {waybill} loaded; {left} of {parcels} still to load" if left else
            f"all {parcels} parcel{'s' if parcels != 1 else ''} loaded: pass the vehicle (weights, IC card)")
    return ScanResult(ACCEPTED, "loaded", text, {"manifest": manifest_no, "waybill": waybill, "left": left,
                                                 "parcels": parcels})


def _load_one(uow: UnitOfWork, code: str, waybill: str) -> ScanResult:
    if uow.is_postgres:  # the parcel's order before its manifest (app/outbound/__init__.py)
        uow.conn.execute(_ORDER_LOCK, {"code": code, "waybill": waybill})
    manifest = _locked_manifest(uow, code)
    parcel = uow.session.execute(select(Parcel).where(Parcel.waybill_no == waybill,
                                                      Parcel.manifest_id == manifest.id)).scalar_one_or_none()
    if parcel is None:
        raise Rejected(f"parcel {waybill} is not on manifest {manifest.manifest_no}: keep it back",
                       code="not_on_manifest", waybill=waybill)
    if parcel.status == "shipped":
        raise Rejected(f"parcel {waybill} already left the zone at "
                       f"{shipping_documents.local_time(uow, parcel.shipped_at)}", code="already_exited",
                       waybill=waybill)
    if parcel.loaded_at is not None:
        raise Rejected(f"parcel {waybill} is already on the vehicle (loaded at "
                       f"{shipping_documents.local_time(uow, parcel.loaded_at)} by {parcel.loaded_by or '?'})",
                       code="already_loaded", waybill=waybill)
    receipt = _release_state(uow, [parcel])[parcel.order_id]
    if receipt != RELEASED:
        raise Rejected(f"parcel {waybill} may not be loaded: {_not_released(receipt)}; keep it back",
                       code="not_released", waybill=waybill)
    parcel.loaded_at, parcel.loaded_by = utcnow(), uow.actor.username[:40]
    uow.session.flush()
    left = uow.session.scalar(select(func.count(Parcel.id)).where(
        Parcel.manifest_id == manifest.id, Parcel.status != "shipped", Parcel.loaded_at.is_(None))) or 0
    return _loaded(uow, manifest.manifest_no, waybill, left, manifest.parcel_count)


# -- unloading: the supervisor takes one parcel off the vehicle ---------------------------------------------------

@dataclass
class UnloadReport:
    waybill: str
    manifest: str
    vehicle: str
    loaded_at: str
    loaded_by: str
    manifest_withdrawn: bool  # the parcel was the manifest's last: the manifest is withdrawn, its gate pass void
    parcels: int  # the parcels left on the manifest
    to_load: int  # of them, still to load before the vehicle passes

    def to_json(self) -> dict[str, Any]:
        return {"waybill": self.waybill, "manifest": self.manifest, "vehicle": self.vehicle,
                "loaded_at": self.loaded_at, "loaded_by": self.loaded_by,
                "manifest_withdrawn": self.manifest_withdrawn, "parcels": self.parcels, "to_load": self.to_load}

    def describe(self) -> str:
        head = (f"TAKE PARCEL {self.waybill} OFF VEHICLE {self.vehicle}: it was loaded at {self.loaded_at} by "
                f"{self.loaded_by or '?'}; it is off manifest {self.manifest} and waits, packed, for a later one")
        if self.manifest_withdrawn:
            return head + f"; manifest {self.manifest} had no other parcel and is withdrawn (its gate pass is void)"
        rest = (f"{self.to_load} of its {self.parcels} parcels still to load" if self.to_load else
                f"its {self.parcels} parcel{'s are' if self.parcels != 1 else ' is'} loaded: the vehicle may pass")
        return head + f"; its manifest and gate pass are printed again; {rest}"


def unload_parcel(uow: UnitOfWork, waybill: str) -> UnloadReport:
    """The supervisor takes parcel `waybill`, loaded at the gate, off its vehicle before the vehicle passes (customs
    stopped it after loading, it is damaged…): its loading is undone and it comes off the manifest (the manifest and
    gate pass list only what the vehicle carries; they are recomputed and printed again, or withdrawn when it was
    their last parcel); the parcel and its order are packed again, waiting for a later manifest. Nothing else moves
    (no stock, no ledger: nothing of it had left). A parcel not loaded (never, or unloaded already) or already out
    is refused. Audited `gate_unload`. Locks in the lock order: its order, the manifest, the parcel, then the audit
    chain."""
    require(uow, Permission.SUPERVISE)
    waybill = waybill.strip()
    lock_order_rows(uow, ConsumerOrder.id.in_(select(Parcel.order_id).where(Parcel.waybill_no == waybill)))
    parcel = uow.session.execute(select(Parcel).where(Parcel.waybill_no == waybill)).scalar_one_or_none()
    if parcel is None:
        raise Rejected(f"no parcel with waybill {waybill!r}", code="unknown_waybill", waybill=waybill)
    manifest = uow.session.get(Manifest, parcel.manifest_id) if parcel.manifest_id else None
    if manifest is not None and uow.is_postgres:
        uow.session.refresh(manifest, with_for_update=True)
    if uow.is_postgres:
        uow.session.refresh(parcel, with_for_update=True)
    if parcel.status == "shipped":
        raise Rejected(f"parcel {waybill} already left the zone at "
                       f"{shipping_documents.local_time(uow, parcel.shipped_at)}: it comes back as a return",
                       code="already_exited", waybill=waybill)
    if parcel.loaded_at is None or manifest is None:
        raise Rejected(f"parcel {waybill} is not loaded on a vehicle: there is nothing to take off",
                       code="not_on_vehicle",
                       waybill=waybill)
    loaded_at, loaded_by = shipping_documents.local_time(uow, parcel.loaded_at), parcel.loaded_by
    parcel.loaded_at, parcel.loaded_by = None, ""
    parcel.manifest_id, parcel.status = None, "packed"
    order = uow.session.get(ConsumerOrder, parcel.order_id)
    if order is not None and order.status == "manifested":
        order.status = "packed"
    uow.session.flush()
    withdrawn = take_off_manifest(uow, manifest)
    left = [] if withdrawn else list(uow.session.execute(select(Parcel.loaded_at).where(
        Parcel.manifest_id == manifest.id, Parcel.status != "shipped")).scalars())
    report = UnloadReport(waybill, manifest.manifest_no, manifest.vehicle_plate, loaded_at, loaded_by or "",
                          withdrawn, len(left), sum(at is None for at in left))
    audit.record(uow, "gate_unload", "manifest", manifest.manifest_no, waybill=waybill, vehicle=report.vehicle,
                 loaded_at=loaded_at, loaded_by=report.loaded_by, manifest_withdrawn=withdrawn,
                 parcels=report.parcels, to_load=report.to_load)
    uow.changes.touch(Area.SHIPPING, Area.ORDERS, Area.PRINT_QUEUE)
    return report
