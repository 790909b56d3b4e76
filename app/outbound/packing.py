"""Packing: check every unit of a picked order, weigh the parcel, print its waybill label and packing list.

A pack station scans the order (or waybill) number, then every unit, then weighs. The parcel is made only
when the contents match the order unit by unit and the weight is within the tolerance of the products'
gross weights. An order whose inventory list customs put under inspection (500) is stopped with
"PULL FOR INSPECTION" and goes onto the inspection pull list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select
from sqlalchemy.orm import aliased

from app import settings
from app.admin import LIVE_ROLE, audit, known_role, live_role_param, require
from app.documents import queue as print_queue
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.outbound import documents as shipping_documents
from app.persistence.db import Database
from app.persistence.hot import Prepared
from app.persistence.models import (
    Allocation,
    ConsumerOrder,
    InspectionPull,
    InventoryList,
    Lot,
    OrderLine,
    Parcel,
    ParcelItem,
    Product,
    ScanEvent,
    Setting,
)
from app.persistence.uow import Actor, Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, ScanResult

WORKFLOW = "pack"
INSPECTION = "500"
RELEASED = "800"
PULL = "PULL FOR INSPECTION"


@dataclass(frozen=True)
class Expected:
    """One product of the order: how many units, in which lots (batch → units picked)."""

    product_id: int
    sku: str
    gtin: str
    name: str
    quantity: int
    lots: dict[str, int]


@dataclass(frozen=True)
class PackOrder:
    order_id: int
    order_no: str
    waybill: str
    carrier: str
    contents: tuple[Expected, ...]

    @property
    def units(self) -> int:
        return sum(e.quantity for e in self.contents)

    def to_json(self) -> dict[str, Any]:
        return {"order_no": self.order_no, "waybill": self.waybill, "carrier": self.carrier, "units": self.units,
                "contents": [{"sku": e.sku, "gtin": e.gtin, "name": e.name, "qty": e.quantity, "lots": e.lots}
                             for e in self.contents]}


@dataclass(frozen=True)
class Unit:
    """One scanned unit (or a carton of `count`): its GTIN (14 digits) and the batch if the label has one."""

    gtin: str
    batch: str = ""
    count: int = 1


def find_order(uow: UnitOfWork, code: str) -> ConsumerOrder:
    """The order whose number or waybill number is `code` (the parcel's own waybill counts too)."""
    code = code.strip()
    found = uow.session.execute(select(ConsumerOrder).where(or_(
        ConsumerOrder.order_no == code, ConsumerOrder.waybill_no == code,
        ConsumerOrder.id.in_(select(Parcel.order_id).where(Parcel.waybill_no == code))))).scalars().all()
    if not found:
        raise NotFound(f"no order or waybill {code!r}", code="unknown_order", order=code)
    if len(found) > 1:
        raise Rejected(f"{code} names several orders: scan the order number", code="ambiguous_order", order=code)
    return found[0]


_BY_WAYBILL = aliased(Parcel)
# What deciding whether an order may be packed reads, in one statement: the order (by its number, its waybill
# or its parcel's waybill), its inventory list's latest receipt, its parcel if any, and the scan id's first
# result (a replay; NULL when no scan id is given).
_ORDER_FACTS = (
    select(ConsumerOrder, InventoryList.id.label("list_id"), InventoryList.return_status,
           Parcel.waybill_no.label("parcel_waybill"), Parcel.status.label("parcel_status"),
           select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id"))
           .scalar_subquery().label("first_result"))
    .outerjoin(InventoryList, InventoryList.order_id == ConsumerOrder.id)
    .outerjoin(Parcel, Parcel.order_id == ConsumerOrder.id)
    .where(or_(ConsumerOrder.order_no == bindparam("code"), ConsumerOrder.waybill_no == bindparam("code"),
               ConsumerOrder.id.in_(select(_BY_WAYBILL.order_id).where(_BY_WAYBILL.waybill_no == bindparam("code"))))))


# The pack station's order scan in one read, without the ORM: the order's own columns the scan uses, the packer's
# live role and the parcel's contents — one row per open allocation with units picked (an order with none: one
# row, its contents NULL), grouped in Python (`_grouped`) as `_CONTENTS` rows are.
_TOLERANCE = (select(Setting.value).where(Setting.key == "weight_tolerance_fraction").scalar_subquery()
              .label("tolerance"))
_PICKED = (Product.id.label("product_id"), Product.sku, Product.gtin, Product.name_cn, Product.gross_weight_kg,
           Product.net_weight_kg, Lot.id.label("lot_id"), Lot.batch_no, Allocation.picked,
           Allocation.packing_location_id, _TOLERANCE)
_OPEN_PICKED = (Allocation.state == "open", Allocation.picked > 0)
_ORDER_SCAN = Prepared(
    _ORDER_FACTS.with_only_columns(
        ConsumerOrder.id, ConsumerOrder.order_no, ConsumerOrder.waybill_no, ConsumerOrder.carrier_code,
        ConsumerOrder.status, *list(_ORDER_FACTS.selected_columns)[-5:], LIVE_ROLE, *_PICKED,
        maintain_column_froms=True)
    .outerjoin(Allocation, and_(Allocation.order_id == ConsumerOrder.id, *_OPEN_PICKED))
    .outerjoin(Lot, Lot.id == Allocation.lot_id).outerjoin(Product, Product.id == Lot.product_id)
    .order_by(ConsumerOrder.id, Product.sku, Lot.batch_no, Lot.id, Allocation.id))


@dataclass(frozen=True)
class _Facts:
    order: Any  # the ConsumerOrder, or its row (id, order_no, waybill_no, carrier_code, status); None only
    # beside a replayed first result
    has_list: bool
    return_status: str
    parcel: tuple[str, str] | None  # (waybill, status) of its parcel
    picked: Sequence[Any] | None = None  # the order scan's read: its rows, the parcel's contents in them


def _order_facts(uow: UnitOfWork, code: str, scan_id: str = "", *, row: bool = False) -> tuple[_Facts, str | None]:
    """`find_order` and what `check_packable` needs, in one read; with the scan id's first result. `row`: the
    order as a plain row (Core, no ORM object: the order scan changes nothing of it), its contents read with it."""
    code = code.strip()
    params = {"code": code, "scan_id": scan_id}
    rows: Sequence[Any]
    if row:
        rows = _ORDER_SCAN.all(uow.conn, {**params, **live_role_param(uow)})
        if rows:
            known_role(uow, rows[0].live_role)
    else:
        rows = uow.session.execute(_ORDER_FACTS, params).all()
    if not rows:
        return _unknown(uow, code, scan_id)
    if rows[0].id != rows[-1].id if row else len(rows) > 1:  # the scan's rows: by order, then its allocations
        first = rows[0].first_result
        if first is not None:
            return _Facts(rows[0] if row else rows[0][0], False, "", None), first
        raise Rejected(f"{code} names several orders: scan the order number", code="ambiguous_order", order=code)
    r = rows[0]
    parcel = (r.parcel_waybill, r.parcel_status) if r.parcel_waybill is not None else None
    return (_Facts(r if row else r[0], r.list_id is not None, r.return_status or "", parcel, rows if row else None),
            r.first_result)


def _unknown(uow: UnitOfWork, code: str, scan_id: str) -> tuple[_Facts, str | None]:
    first = uow.conn.execute(select(ScanEvent.result_json).where(ScanEvent.scan_id == scan_id)).scalar() \
        if scan_id else None
    if first is not None:
        return _Facts(None, False, "", None), first  # a replay needs no order
    raise NotFound(f"no order or waybill {code!r}", code="unknown_order", order=code)


def _check(uow: UnitOfWork, facts: _Facts) -> None:
    """`check_packable` on what `_order_facts` read."""
    order = facts.order
    if facts.has_list and facts.return_status == INSPECTION:
        raise Rejected(f"{PULL}: order {order.order_no} (waybill {order.waybill_no}) is under customs inspection: "
                       "take its goods to the inspection area", code="pull_for_inspection", order_no=order.order_no)
    if facts.parcel is not None:
        raise Rejected(f"order {order.order_no} is already packed as parcel {facts.parcel[0]} ({facts.parcel[1]})",
                       code="already_packed", order_no=order.order_no)
    if not facts.has_list or facts.return_status != RELEASED:
        raise Rejected(f"order {order.order_no} is not released by customs (latest receipt "
                       f"{facts.return_status if facts.has_list and facts.return_status else 'none'}): it may not "
                       "be packed", code="not_released", order_no=order.order_no)
    if order.status != "picked":
        picked, wanted = _progress(uow, order.id)
        raise Rejected(f"order {order.order_no} is {order.status}: {picked} of {wanted} units are in the packing "
                       "area; pick it first", code="not_picked", order_no=order.order_no, status=order.status)


def _list(uow: UnitOfWork, order: ConsumerOrder) -> InventoryList | None:
    return uow.session.execute(select(InventoryList).where(InventoryList.order_id == order.id)).scalar_one_or_none()


def check_packable(uow: UnitOfWork, order: ConsumerOrder) -> None:
    """Refuse an order that must not be packed now: under inspection (pulled), not released, not picked."""
    lst = _list(uow, order)
    if lst is not None and lst.return_status == INSPECTION:
        raise Rejected(f"{PULL}: order {order.order_no} (waybill {order.waybill_no}) is under customs inspection: "
                       "take its goods to the inspection area", code="pull_for_inspection", order_no=order.order_no)
    parcel = uow.session.execute(select(Parcel.waybill_no, Parcel.status).where(
        Parcel.order_id == order.id)).first()
    if parcel is not None:
        raise Rejected(f"order {order.order_no} is already packed as parcel {parcel.waybill_no} ({parcel.status})",
                       code="already_packed", order_no=order.order_no)
    if lst is None or lst.return_status != RELEASED:
        raise Rejected(f"order {order.order_no} is not released by customs (latest receipt "
                       f"{lst.return_status if lst and lst.return_status else 'none'}): it may not be packed",
                       code="not_released", order_no=order.order_no)
    if order.status != "picked":
        picked, wanted = _progress(uow, order.id)
        raise Rejected(f"order {order.order_no} is {order.status}: {picked} of {wanted} units are in the packing "
                       "area; pick it first", code="not_picked", order_no=order.order_no, status=order.status)


def _progress(uow: UnitOfWork, order_id: int) -> tuple[int, int]:
    picked = uow.session.execute(select(func.coalesce(func.sum(Allocation.picked), 0)).where(
        Allocation.order_id == order_id, Allocation.state == "open")).scalar_one()
    wanted = uow.session.execute(select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(
        OrderLine.order_id == order_id)).scalar_one()
    return int(picked), int(wanted)


def contents(uow: UnitOfWork, order: ConsumerOrder) -> PackOrder:
    """What the parcel must hold: the units picked for the order, by product and lot."""
    rows = uow.session.execute(
        select(Product.id, Product.sku, Product.gtin, Product.name_cn, Lot.batch_no, func.sum(Allocation.picked))
        .join(Lot, Lot.id == Allocation.lot_id).join(Product, Product.id == Lot.product_id)
        .where(Allocation.order_id == order.id, Allocation.state == "open", Allocation.picked > 0)
        .group_by(Product.id, Product.sku, Product.gtin, Product.name_cn, Lot.batch_no)
        .order_by(Product.sku, Lot.batch_no)).all()
    by_product: dict[int, Expected] = {}
    for pid, sku, gtin, name, batch, qty in rows:
        e = by_product.get(pid) or Expected(pid, sku, gtin, name, 0, {})
        by_product[pid] = Expected(pid, sku, gtin, name, e.quantity + int(qty), {**e.lots, batch: int(qty)})
    return PackOrder(order.id, order.order_no, order.waybill_no, order.carrier_code, tuple(by_product.values()))


# The parcel's contents in one read: the units picked for the order, allocation by allocation, with their products'
# weights, where they wait (packing location) and the weight tolerance setting (`_grouped` sums them by lot).
_CONTENTS = Prepared(
    select(*_PICKED)
    .select_from(Allocation).join(Lot, Lot.id == Allocation.lot_id).join(Product, Product.id == Lot.product_id)
    .where(Allocation.order_id == bindparam("order_id"), *_OPEN_PICKED)
    .order_by(Product.sku, Lot.batch_no, Lot.id, Allocation.id))
_PARCEL_ITEMS = insert(ParcelItem.__table__)


@dataclass(frozen=True)
class _Contents:
    expected: PackOrder
    gross: Decimal
    net: Decimal
    lots: list[Any]  # (lot_id, product_id, picked, packing_location_id) — the parcel's items
    tolerance: Decimal


def _contents(uow: UnitOfWork, order: Any) -> _Contents:
    """`contents` with the computed gross and net weights, the parcel's lots and the weight tolerance, in one
    read."""
    return _grouped(_CONTENTS.all(uow.conn, {"order_id": order.id}), order)


def _grouped(rows: Sequence[Any], order: Any) -> _Contents:
    """The contents of `order` from its allocations' rows (`_PICKED`'s columns, ordered by product and lot): the
    units summed by product and by lot, the weights of all of them, each lot's first packing location."""
    by_product: dict[int, Expected] = {}
    lots: dict[int, list[Any]] = {}  # lot id → [lot id, product id, units picked, packing location]
    gross, net = Decimal(0), Decimal(0)
    for r in rows:
        if r.lot_id is None:
            continue  # the order scan's one row of an order with nothing picked
        qty = int(r.picked)
        e = by_product.get(r.product_id) or Expected(r.product_id, r.sku, r.gtin, r.name_cn, 0, {})
        by_product[r.product_id] = Expected(r.product_id, r.sku, r.gtin, r.name_cn, e.quantity + qty,
                                            {**e.lots, r.batch_no: e.lots.get(r.batch_no, 0) + qty})
        gross += r.gross_weight_kg * qty
        net += r.net_weight_kg * qty
        lot = lots.get(r.lot_id)
        if lot is None:
            lots[r.lot_id] = [r.lot_id, r.product_id, qty, r.packing_location_id]
            continue
        lot[2] += qty
        if lot[3] is None or (r.packing_location_id is not None and r.packing_location_id < lot[3]):
            lot[3] = r.packing_location_id  # the least, as MIN() gave it
    spec = settings.REGISTRY["weight_tolerance_fraction"]
    raw = rows[0].tolerance if rows else None
    tolerance = spec.default if raw is None else spec.kind(raw)
    expected = PackOrder(order.id, order.order_no, order.waybill_no, order.carrier_code, tuple(by_product.values()))
    return _Contents(expected, gross, net, [tuple(lot) for lot in lots.values()], tolerance)


def start_parcel(uow: UnitOfWork, code: str, raw: str, scan_id: str, *, location: str | None = None) -> ScanResult:
    """The pack station's first scan: the order to pack and its contents, or why not (an inspection is pulled)."""
    try:
        try:
            facts, first = _order_facts(uow, code, scan_id, row=True)  # a replay is answered before any refusal
        finally:  # the role the read found: refused before any refusal is logged or a replay answered
            require(uow, Permission.SCAN_OPERATIONS)
        if first is not None:
            return scanlog.first_result(first)
        order = facts.order
        try:
            _check(uow, facts)
        except Rejected as exc:
            if exc.code == "pull_for_inspection":
                pull(uow, order, location)
            raise
        read = _grouped(facts.picked, order) if facts.picked is not None else _contents(uow, order)
        expected, computed = read.expected, read.gross
        result = ScanResult(ACCEPTED, "order", f"order {order.order_no}, waybill {order.waybill_no}: scan its "
                            f"{expected.units} units (about {computed} kg)",
                            {**expected.to_json(), "computed_weight": str(computed)})
    except Rejected as exc:
        result = scanlog.rejected(exc.code, exc.message, **exc.params)
    scanlog.log(uow, scan_id, WORKFLOW, code[:64], raw, result)
    return result


def pull(uow: UnitOfWork, order: Any, location: str | None = None) -> None:
    """Put an order on the inspection pull list (once)."""
    from app.outbound.picking import find_location

    if uow.session.execute(select(InspectionPull.id).where(InspectionPull.order_id == order.id)).first():
        return
    where = find_location(uow, location).id if location else uow.session.execute(
        select(Allocation.packing_location_id).where(Allocation.order_id == order.id,
                                                     Allocation.packing_location_id.is_not(None)).limit(1)).scalar()
    uow.session.add(InspectionPull(order_id=order.id, pulled_by=uow.actor.username[:40],
                                   station=uow.actor.station[:40], location_id=where))
    audit.record(uow, "inspection_pull", "order", order.order_no, waybill=order.waybill_no)
    uow.changes.touch(Area.PACKING, Area.INSPECTION)


def record_pull(db: Database, actor: Actor, order_no: str) -> None:
    """Put an order on the pull list in its own transaction (after a refused pack rolled back)."""
    with UnitOfWork(db, actor) as uow:
        pull(uow, find_order(uow, order_no))
        uow.commit()


def unit_problem(expected: PackOrder, counted: Counter, unit: Unit) -> str | None:
    """Why a scanned unit does not belong in the parcel (a pure rule), or None when it does."""
    match = next((e for e in expected.contents if e.gtin.zfill(14) == unit.gtin.zfill(14)), None)
    if match is None:
        return f"GTIN {unit.gtin} is not in order {expected.order_no}: put it back (it belongs to another order)"
    if unit.batch and unit.batch not in match.lots:
        return (f"wrong lot: batch {unit.batch} of {match.sku} was not picked for order {expected.order_no} "
                f"(picked: {', '.join(sorted(match.lots))})")
    if counted[match.product_id] + unit.count > match.quantity:
        return f"too many {match.sku}: the order holds {match.quantity}, {counted[match.product_id]} already scanned"
    return None


def product_of(expected: PackOrder, gtin: str) -> Expected:
    return next(e for e in expected.contents if e.gtin.zfill(14) == gtin.zfill(14))


@dataclass
class PackResult:
    order_no: str
    waybill: str
    weight: Decimal
    computed: Decimal
    pieces: int
    labels: list[str] = field(default_factory=list)
    jobs: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"order_no": self.order_no, "waybill": self.waybill, "weight": str(self.weight),
                "computed_weight": str(self.computed), "pieces": self.pieces, "labels": self.labels,
                "print_jobs": self.jobs}


def parse_weight(value: str | Decimal) -> Decimal:
    try:
        weight = Decimal(str(value).strip().lower().removesuffix("kg").strip())
    except InvalidOperation as exc:
        raise Rejected(f"weight {value!r} is not a number of kilograms", code="bad_weight") from exc
    if not weight.is_finite() or weight <= 0 or weight > 1000:
        raise Rejected(f"weight {value} kg is not a parcel's weight", code="bad_weight")
    return weight.quantize(Decimal("0.001"))


def weight_problem(measured: Decimal, computed: Decimal, tolerance: Decimal) -> str | None:
    """Why a measured parcel weight is refused against the computed gross weight (a pure rule)."""
    if computed <= 0:
        return None
    off = abs(measured - computed) / computed
    if off > tolerance:
        return (f"weight {measured} kg is {off:.0%} off the computed {computed} kg (tolerance {tolerance:.0%}): "
                "check the contents and weigh again")
    return None


def pack_parcel(uow: UnitOfWork, order_no: str, units: Sequence[Unit], weight: str | Decimal, *,
                label_out: Path | None = None, label_printer: str = print_queue.LABEL_PRINTER,
                document_printer: str = print_queue.DOCUMENT_PRINTER) -> PackResult:
    """Make the parcel of a picked order: contents checked unit by unit, weight in tolerance, label queued."""
    require(uow, Permission.SCAN_OPERATIONS)
    if uow.is_postgres:
        order = find_order(uow, order_no)
        uow.session.refresh(order, with_for_update=True)
        facts = None
    else:
        facts = _order_facts(uow, order_no)[0]
        order = facts.order
    try:
        if facts is None:
            check_packable(uow, order)
        else:
            _check(uow, facts)
    except Rejected as exc:
        if exc.code == "pull_for_inspection":
            db, actor = uow.db, uow.actor
            uow.after_rollback.append(lambda: record_pull(db, actor, order.order_no))
        raise
    read = _contents(uow, order)
    expected = read.expected
    _check_contents(expected, units)
    measured = parse_weight(weight)
    computed, net = read.gross, read.net
    problem = weight_problem(measured, computed, read.tolerance)
    if problem:
        raise Rejected(f"parcel {order.waybill_no} held: {problem}", code="weight_off", weight=str(measured),
                       computed=str(computed))
    parcel = _make_parcel(uow, order, expected, measured, computed, net, read.lots)
    result = PackResult(order.order_no, order.waybill_no, measured, computed, expected.units)
    _print(uow, parcel, result, label_out, label_printer, document_printer)
    order.status = "packed"
    audit.record(uow, "pack", "parcel", parcel.waybill_no, order_no=order.order_no, weight=str(measured),
                 computed=str(computed), pieces=expected.units, labels=result.labels)
    uow.changes.touch(Area.PACKING, Area.ORDERS, Area.PRINT_QUEUE)
    return result


def _check_contents(expected: PackOrder, units: Sequence[Unit]) -> None:
    counted: Counter = Counter()
    for unit in units:
        problem = unit_problem(expected, counted, unit)
        if problem:
            raise Rejected(problem, code="wrong_unit", gtin=unit.gtin)
        counted[product_of(expected, unit.gtin).product_id] += unit.count
    missing = [f"{e.quantity - counted[e.product_id]} × {e.sku}" for e in expected.contents
               if counted[e.product_id] < e.quantity]
    if missing:
        raise Rejected(f"contents incomplete: {', '.join(missing)} of order {expected.order_no} not scanned",
                       code="contents_incomplete", order_no=expected.order_no)


def _make_parcel(uow: UnitOfWork, order: ConsumerOrder, expected: PackOrder, measured: Decimal,
                 computed: Decimal, net: Decimal, rows: list[Any]) -> Parcel:
    """The parcel (ORM: the documents read it next) and its items by lot in one bulk insert."""
    parcel = Parcel(waybill_no=order.waybill_no, order_id=order.id, carrier_code=order.carrier_code,
                    status="packed", pieces=expected.units, weight_kg=measured, computed_kg=computed, net_kg=net,
                    packing_location_id=min(rows)[3], packed_by=uow.actor.username[:40],
                    station=uow.actor.station[:40], label_paths="")
    uow.session.add(parcel)
    uow.session.flush()
    uow.conn.execute(_PARCEL_ITEMS, [
        {"parcel_id": parcel.id, "lot_id": lot_id, "product_id": pid, "quantity": int(qty)}
        for lot_id, pid, qty, _ in rows])
    return parcel


def _print(uow: UnitOfWork, parcel: Parcel, result: PackResult, label_out: Path | None, label_printer: str,
           document_printer: str) -> None:
    """Queue the waybill label (ZPL) and the packing list (PDF), each print audited with the waybill; also write
    them to `label_out` if given."""
    from app.documents import registry

    waybill = parcel.waybill_no
    label = registry.payloads(uow, "waybill", waybill, ("zpl", "pdf"))
    zpl, pdf = label["zpl"], label["pdf"]
    packing = registry.payloads(uow, "packing-list", waybill, ("pdf",))["pdf"]
    result.jobs.append(registry.enqueue(uow, "waybill", waybill, "zpl", label_printer, zpl).id)
    result.jobs.append(registry.enqueue(uow, "packing-list", waybill, "pdf", document_printer, packing).id)
    if label_out is not None:
        result.labels = shipping_documents.write_files(Path(label_out), {
            f"{parcel.waybill_no}.zpl": zpl, f"{parcel.waybill_no}.pdf": pdf,
            f"{parcel.waybill_no}-packing-list.pdf": packing})[:2]
        parcel.label_paths = "\n".join(result.labels)
