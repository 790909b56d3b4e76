"""Put-away: released goods from the staging location into bonded storage, by scan or by accepting suggestions.

The same scans put back the free units a cancelled order left in the packing area (picked, then cancelled).

Suggestions: a storage location already holding the same lot, else the next empty storage location in pick
sequence; two lots of one SKU never share a location unless the clerk says so. Held stock never moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, exists, or_, select, update
from sqlalchemy.orm import aliased

from app.admin import LIVE_ROLE, audit, known_role, live_role_param, product_by_gtin, require
from app.domain.gs1 import BadScan, HandlingUnitScan, ItemScan, Scan, decode
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.inbound.tally_close import REF_TYPE
from app.persistence.hot import Prepared
from app.persistence.models import (
    DeclarationLine,
    InboundDeclaration,
    Location,
    LocationFreeze,
    Lot,
    Product,
    ScanEvent,
    Stock,
)
from app.persistence.uow import Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, ScanResult
from app.stock import movements as stock

STAGING_KINDS = ("inspection", "dock")
WORKFLOW = "putaway"


@dataclass(frozen=True)
class Source:
    location_id: int
    lpn: str
    quantity: int


@dataclass(frozen=True)
class Goods:
    """What a goods scan names at a staging location: units of one lot, and the stock rows they come from."""

    lot_id: int
    product_id: int
    sku: str
    batch: str
    expiry: date | None
    quantity: int
    lpn: str  # the SSCC when a whole handling unit moves, else ''
    sources: tuple[Source, ...]
    from_code: str
    declaration_id: int
    declaration_no: str

    def describe(self) -> str:
        unit = f" (SSCC {self.lpn})" if self.lpn else ""
        return f"{self.quantity} × {self.sku} batch {self.batch or '(none)'}{unit}"

    def to_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "batch": self.batch, "expiry": self.expiry.isoformat() if self.expiry else None,
                "quantity": self.quantity, "lpn": self.lpn, "from": self.from_code}


_GOODS = (select(Stock, Location.code, Lot.batch_no, Lot.expiry_date, Product.sku, InboundDeclaration.id,
                 InboundDeclaration.declaration_no, InboundDeclaration.status)
          .join(Location, Location.id == Stock.location_id).join(Lot, Lot.id == Stock.lot_id)
          .join(Product, Product.id == Stock.product_id)
          .join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
          .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id))
_IN_STAGING = and_(Location.kind.in_(STAGING_KINDS), Stock.status.in_(("hold", "available")))
_STAGED = _GOODS.where(_IN_STAGING)
# What a goods scan may name: staged goods, free units a cancelled order left in the packing area (units picked
# for live orders are reserved there and are not put away), and returned units customs let back in (a return's
# units wait on hold at the returns location until it is approved).
_WAITING = _GOODS.where(or_(_IN_STAGING, and_(Location.kind.in_(("packing", "returns")), Stock.status == "available",
                                               Stock.quantity > Stock.reserved)))


def identify(uow: UnitOfWork, scan: Scan) -> Goods:
    """The staged goods a carton, pallet (SSCC) or product scan names; refused if held, unknown or ambiguous."""
    if isinstance(scan, BadScan):
        raise Rejected(scan.reason, code=scan.code)
    if isinstance(scan, HandlingUnitScan) or (isinstance(scan, ItemScan) and scan.sscc):
        return _handling_unit(uow, scan.sscc)
    if not isinstance(scan, ItemScan):
        raise Rejected("scan the goods (carton, pallet or product label) first", code="goods_first")
    product = product_by_gtin(uow, scan.gtin)
    stmt = _WAITING.where(Stock.product_id == product.id).order_by(Stock.lpn != "", Stock.id)
    if scan.batch:
        stmt = stmt.where(Lot.batch_no == scan.batch)
    rows = uow.session.execute(stmt).all()
    what = f"{product.sku}" + (f" batch {scan.batch}" if scan.batch else "")
    if not rows:
        raise Rejected(f"no {what} waits for put-away at an inspection, dock, packing or returns location",
                       code="not_staged",
                       sku=product.sku, batch=scan.batch)
    free = [r for r in rows if r[0].status == "available"]
    if not free:
        raise _on_hold(rows[0])
    if len({r[0].lot_id for r in free}) > 1:
        raise Rejected(f"several batches of {product.sku} wait for put-away: scan a carton label that carries "
                       "the batch", code="ambiguous_lot", sku=product.sku)
    sources, wanted = [], scan.count
    for r in free:
        take = min(wanted, r[0].quantity - r[0].reserved)
        if take > 0:
            sources.append(Source(r[0].location_id, r[0].lpn, take))
            wanted -= take
    if wanted:
        raise Rejected(f"only {scan.count - wanted} of {what} wait for put-away, the scan says {scan.count}",
                       code="insufficient_stock", sku=product.sku, asked=scan.count)
    return _goods(free[0], scan.count, "", tuple(sources))


def _handling_unit(uow: UnitOfWork, sscc: str) -> Goods:
    rows = uow.session.execute(_STAGED.where(Stock.lpn == sscc)).all()
    if not rows:
        where = uow.session.execute(select(Location.code).join(Stock, Stock.location_id == Location.id)
                                    .where(Stock.lpn == sscc).limit(1)).scalar()
        if where:
            raise Rejected(f"SSCC {sscc} is already at {where}, not waiting for put-away", code="not_staged",
                           sscc=sscc, location=where)
        raise NotFound(f"no goods carry SSCC {sscc}", code="unknown_sscc", sscc=sscc)
    held = [r for r in rows if r[0].status == "hold"]
    if held:
        raise _on_hold(held[0])
    row = rows[0]
    return _goods(row, row[0].quantity, sscc, (Source(row[0].location_id, sscc, row[0].quantity),))


def _goods(row: Any, quantity: int, lpn: str, sources: tuple[Source, ...]) -> Goods:
    s, code, batch, expiry, sku, declaration_id, declaration_no, _ = row
    return Goods(s.lot_id, s.product_id, sku, batch, expiry, quantity, lpn, sources, code, declaration_id,
                 declaration_no)


def _on_hold(row: Any) -> Rejected:
    _, code, batch, _, sku, _, declaration_no, _ = row
    return Rejected(f"{sku} batch {batch or '(none)'} at {code} is on inspection hold: declaration "
                    f"{declaration_no} is not released by customs yet, so it may not go into bonded storage",
                    code="on_hold", sku=sku, batch=batch, declaration=declaration_no)


def storage_location(uow: UnitOfWork, code: str) -> Location:
    location = uow.session.execute(select(Location).where(Location.code == code)).scalar_one_or_none()
    if location is None or not location.active:
        raise NotFound(f"no location {code}", code="unknown_location", location=code)
    if location.kind != "storage":
        raise Rejected(f"{code} is a {location.kind} location: put-away goes to a storage location",
                       code="wrong_location_kind", location=code, kind=location.kind)
    stock.refuse_if_frozen(uow, location, "put-away")
    return location


def suggest(uow: UnitOfWork, goods: Goods, planned: dict[int, set[int]] | None = None) -> Location | None:
    """Where `goods` should go: a storage location holding the same lot, else the next empty one.

    `planned` (location id → lot ids) holds the suggestions already made in this run, so a run never puts
    two lots into one empty location.
    """
    planned = planned if planned is not None else {}
    storage = and_(Location.kind == "storage", Location.active.is_(True), stock.NOT_FROZEN)
    same_lot = set(uow.session.execute(select(Stock.location_id).where(Stock.lot_id == goods.lot_id)).scalars())
    same_lot |= {loc for loc, lots in planned.items() if goods.lot_id in lots}
    if same_lot:
        found = uow.session.execute(select(Location).where(storage, Location.id.in_(same_lot))
                                    .order_by(Location.pick_sequence, Location.code).limit(1)).scalar()
        if found is not None:
            return found
    empty = storage & ~exists().where(Stock.location_id == Location.id)
    if planned:
        empty = empty & Location.id.not_in(list(planned))
    return uow.session.execute(select(Location).where(empty).order_by(Location.pick_sequence, Location.code)
                               .limit(1)).scalar()


def put_away(uow: UnitOfWork, scan: Scan, location_code: str, *, allow_mixed: bool = False) -> dict[str, Any]:
    """Move the goods a scan names from staging to storage location `location_code` (one movement per source)."""
    require(uow, Permission.SCAN_OPERATIONS)
    goods = identify(uow, scan)
    return _move(uow, goods, storage_location(uow, location_code), allow_mixed)


def _move(uow: UnitOfWork, goods: Goods, to: Location, allow_mixed: bool) -> dict[str, Any]:
    others = uow.session.execute(select(Lot.batch_no).join(Stock, Stock.lot_id == Lot.id).where(
        Stock.location_id == to.id, Stock.product_id == goods.product_id, Stock.lot_id != goods.lot_id)
        .limit(1)).scalar()
    if others is not None and not allow_mixed:
        raise Rejected(f"{to.code} already holds batch {others or '(none)'} of {goods.sku}: two lots of one SKU "
                       f"are not mixed in a location; choose another location or allow mixing",
                       code="mixed_lots", location=to.code, sku=goods.sku, batch=others)
    for source_id in sorted({source.location_id for source in goods.sources}):  # counted where they wait: not yet
        stock.refuse_if_frozen(uow, uow.session.get(Location, source_id), "put-away")
    lot = uow.session.get(Lot, goods.lot_id)
    for source in goods.sources:
        stock.move(uow, lot, source.quantity, stock.Place(source.location_id, "available", source.lpn),
                   stock.Place(to.id, "available", goods.lpn), kind="putaway", ref_type=REF_TYPE,
                   ref_no=goods.declaration_no)
    _finish_if_done(uow, goods.declaration_id)
    moved = {**goods.to_json(), "to": to.code, "declaration": goods.declaration_no}
    audit.record(uow, "putaway", "lot", f"{goods.sku}/{goods.batch}", **moved)
    uow.changes.touch(Area.STOCK, Area.PUTAWAY)
    return moved


def _finish_if_done(uow: UnitOfWork, declaration_id: int) -> None:
    """A released declaration whose goods have all left staging is put away."""
    lots = select(Lot.id).join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id).where(
        DeclarationLine.declaration_id == declaration_id)
    waiting = uow.session.execute(select(Stock.id).join(Location, Location.id == Stock.location_id).where(
        Stock.lot_id.in_(lots), Location.kind.in_(STAGING_KINDS), Stock.status.in_(("hold", "available")))
        .limit(1)).first()
    declaration = uow.session.get(InboundDeclaration, declaration_id)
    if waiting is None and declaration.status == "released":
        declaration.status = "put_away"
        uow.changes.touch(Area.INBOUND)


@dataclass
class PlanRow:
    goods: Goods
    status: str
    to: str | None  # suggested location code; None when held or no empty location is left


def plan(uow: UnitOfWork, declaration_no: str) -> list[PlanRow]:
    """Every staged stock row of a declaration with its suggested location (what the put-away list prints)."""
    require(uow, Permission.VIEW)
    rows = uow.session.execute(_STAGED.where(InboundDeclaration.declaration_no == declaration_no)
                               .order_by(DeclarationLine.line_no, Lot.batch_no, Stock.lpn)).all()
    if not rows and uow.session.execute(select(InboundDeclaration.id).where(
            InboundDeclaration.declaration_no == declaration_no)).first() is None:
        raise NotFound(f"no declaration {declaration_no}", declaration=declaration_no)
    planned: dict[int, set[int]] = {}
    result = []
    for row in rows:
        s = row[0]
        goods = _goods(row, s.quantity, s.lpn, (Source(s.location_id, s.lpn, s.quantity),))
        to = suggest(uow, goods, planned) if s.status == "available" else None
        if to is not None:
            planned.setdefault(to.id, set()).add(goods.lot_id)
        result.append(PlanRow(goods, s.status, to.code if to else None))
    return result


@dataclass
class PutawayRun:
    declaration: str
    moved: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"declaration": self.declaration, "moved": self.moved, "unplaced": self.unplaced}

    def describe(self) -> str:
        lines = [f"{m['quantity']} × {m['sku']} {m['batch']} {m['lpn']} {m['from']} → {m['to']}" for m in self.moved]
        lines += [f"NOT PLACED {u['quantity']} × {u['sku']} {u['batch']}: {u['reason']}" for u in self.unplaced]
        units = sum(m["quantity"] for m in self.moved)
        return "\n".join([f"{self.declaration}: {len(self.moved)} moves, {units} units put away"] + lines)


def all_suggested(uow: UnitOfWork, declaration_no: str) -> PutawayRun:
    """Accept every suggestion for a released declaration (supervisor)."""
    require(uow, Permission.SUPERVISE)
    stmt = select(InboundDeclaration).where(InboundDeclaration.declaration_no == declaration_no)
    declaration = uow.session.execute(stmt.with_for_update() if uow.is_postgres else stmt).scalar_one_or_none()
    if declaration is None:
        raise NotFound(f"no declaration {declaration_no}", declaration=declaration_no)
    if declaration.status in ("expected", "tallying", "tallied"):
        raise Rejected(f"declaration {declaration_no} is not released by customs (status {declaration.status}): "
                       "its goods stay on inspection hold", code="on_hold", status=declaration.status)
    run = PutawayRun(declaration_no)
    for row in plan(uow, declaration_no):
        if row.to is None:
            reason = "on inspection hold" if row.status == "hold" else "no empty storage location left"
            run.unplaced.append({**row.goods.to_json(), "reason": reason})
            continue
        run.moved.append(_move(uow, row.goods, storage_location(uow, row.to), allow_mixed=False))
    return run


_S, _L, _LOT, _LINE, _T = aliased(Stock), aliased(Location), aliased(Lot), aliased(DeclarationLine), aliased(Location)
_STORAGE = and_(_L.kind == "storage", _L.active.is_(True),
                ~select(LocationFreeze.location_id).where(LocationFreeze.location_id == _L.id).exists())
# where a suggestion looks: a storage location holding the scanned lot, else the next empty one
_LOT_PLACES = select(_S.location_id).where(_S.lot_id == Stock.lot_id).correlate(Stock)
_SAME_LOT = (select(_L.code).where(_STORAGE, _L.id.in_(_LOT_PLACES))
             .order_by(_L.pick_sequence, _L.code).limit(1).scalar_subquery())
_EMPTY = (select(_L.code).where(_STORAGE, ~exists().where(_S.location_id == _L.id))
          .order_by(_L.pick_sequence, _L.code).limit(1).scalar_subquery())
_REPLAY = (select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id"))
           .scalar_subquery().label("first_result"))
# The staged row of a handling unit as plain columns (the fast paths read it with Core, no ORM objects)
_UNIT = _STAGED.with_only_columns(
    Stock.id, Stock.location_id, Stock.lot_id, Stock.product_id, Stock.status, Stock.quantity, Stock.reserved,
    Location.code, Lot.batch_no, Lot.expiry_date, Product.sku, InboundDeclaration.id.label("declaration_id"),
    InboundDeclaration.declaration_no, InboundDeclaration.status.label("declaration_status"),
    maintain_column_froms=True).where(Stock.lpn == bindparam("sscc"))
# A pallet or carton (SSCC) goods scan's one read: the staged row, the suggestion, the replay, the live role.
_UNIT_GOODS_READ = Prepared(_UNIT.add_columns(_SAME_LOT.label("same_lot"), _EMPTY.label("empty"), _REPLAY, LIVE_ROLE))
_TO = select(_T.id).where(_T.code == bindparam("to_code")).scalar_subquery()
# Its location scan's one read: the staged row, the target location, a different lot of the product already
# there (mixed lots), whether other goods of the declaration still wait in staging, the replay, the live role.
_UNIT_MOVE_READ = Prepared(_UNIT.add_columns(
    _TO.label("to_id"), select(_T.kind).where(_T.code == bindparam("to_code")).scalar_subquery().label("to_kind"),
    select(_T.active).where(_T.code == bindparam("to_code")).scalar_subquery().label("to_active"),
    select(LocationFreeze.count_id).join(_T, _T.id == LocationFreeze.location_id)
    .where(_T.code == bindparam("to_code")).scalar_subquery().label("to_frozen"),
    select(LocationFreeze.count_id).where(LocationFreeze.location_id == Stock.location_id)
    .scalar_subquery().label("from_frozen"),
    select(_LOT.batch_no).join(_S, _S.lot_id == _LOT.id).where(
        _S.location_id == _TO, _S.product_id == Stock.product_id, _S.lot_id != Stock.lot_id)
    .limit(1).scalar_subquery().label("other_batch"),
    # read from the declaration's lines and lots to their stock rows, not from every stock row in staging (the
    # location is looked up by the stock row's, `+ 0` keeps the planner from walking staging by location): other
    # containers' pallets waiting there cost this scan nothing (bench/b_putaway.py)
    exists().where(_LINE.declaration_id == InboundDeclaration.id, _LOT.declaration_line_id == _LINE.id,
                   _S.lot_id == _LOT.id, _S.id != Stock.id, _S.status.in_(("hold", "available")),
                   _L.id == _S.location_id + 0, _L.kind.in_(STAGING_KINDS))
    .correlate(InboundDeclaration, Stock).label("others_waiting"),
    _REPLAY, LIVE_ROLE))
_PUT_AWAY = Prepared(update(InboundDeclaration).where(InboundDeclaration.id == bindparam("d_id"),
                                              InboundDeclaration.status == "released").values(status="put_away"))


def _unit_goods(row: Any, sscc: str) -> Goods:
    """The goods of a handling unit's staged row as `_UNIT` reads it (the whole unit moves)."""
    return Goods(row.lot_id, row.product_id, row.sku, row.batch_no, row.expiry_date, row.quantity, sscc,
                 (Source(row.location_id, sscc, row.quantity),), row.code, row.declaration_id, row.declaration_no)


def _checked(uow: UnitOfWork, rows: Sequence[Any]) -> None:
    """The role check with the live role a fast path's read found, before anything is replayed or written."""
    if rows:
        known_role(uow, rows[0].live_role)
    require(uow, Permission.SCAN_OPERATIONS)


def _unit_goods_fast(uow: UnitOfWork, scan: Scan, raw: str, scan_id: str) -> ScanResult | None:
    """A goods scan of a staged, available handling unit (or a replay) in one read; None: the slow path."""
    if not isinstance(scan, (HandlingUnitScan, ItemScan)) or not scan.sscc:
        return None
    rows = _UNIT_GOODS_READ.all(uow.conn, {"sscc": scan.sscc, "scan_id": scan_id, **live_role_param(uow)})
    _checked(uow, rows)
    if len(rows) != 1:
        return None
    row = rows[0]
    if row.first_result is not None:
        return scanlog.first_result(row.first_result)
    if row.status != "available":
        return None
    goods = _unit_goods(row, scan.sscc)
    suggested = row.same_lot or row.empty
    where = f"put it at {suggested} (suggested)" if suggested else "no empty storage location is left"
    result = ScanResult(ACCEPTED, "goods", f"{goods.describe()} from {goods.from_code}: {where}; scan the location",
                        {**goods.to_json(), "declaration": goods.declaration_no, "suggested": suggested,
                         "goods_scan": raw})
    scanlog.log(uow, scan_id, WORKFLOW, goods.declaration_no, raw, result)
    return result


def _unit_move_fast(uow: UnitOfWork, goods_raw: str, location_code: str, raw: str, scan_id: str,
                    allow_mixed: bool) -> ScanResult | None:
    """A location scan for a staged, available handling unit into a storage location (or a replay): one read,
    Core writes; None: the slow path decides (every refusal, product scans)."""
    scan = decode(goods_raw)
    if not isinstance(scan, (HandlingUnitScan, ItemScan)) or not scan.sscc:
        return None
    rows = _UNIT_MOVE_READ.all(uow.conn, {"sscc": scan.sscc, "to_code": location_code, "scan_id": scan_id,
                                          **live_role_param(uow)})
    _checked(uow, rows)
    if len(rows) != 1:
        return None
    row = rows[0]
    if row.first_result is not None:
        return scanlog.first_result(row.first_result)
    s = row
    if s.status != "available" or s.reserved or row.to_id is None or not row.to_active or row.to_kind != "storage" \
            or row.to_frozen is not None or row.from_frozen is not None \
            or (row.other_batch is not None and not allow_mixed):
        return None
    goods = _unit_goods(row, scan.sscc)
    try:
        stock.apply(uow, [stock.Step(goods.lot_id, goods.product_id, goods.quantity,
                                     stock.Place(s.location_id, "available", scan.sscc),
                                     stock.Place(row.to_id, "available", scan.sscc), kind="putaway",
                                     ref_type=REF_TYPE, ref_no=goods.declaration_no, empties=True)])
    except stock.NothingTaken:
        return None  # moved meanwhile (nothing written): the slow path refuses it and logs the refusal
    if not row.others_waiting and row.declaration_status == "released":
        _PUT_AWAY.run(uow.conn, {"d_id": goods.declaration_id})
        uow.changes.touch(Area.INBOUND)
    moved = {**goods.to_json(), "to": location_code, "declaration": goods.declaration_no}
    audit.record(uow, "putaway", "lot", f"{goods.sku}/{goods.batch}", **moved)
    uow.changes.touch(Area.STOCK, Area.PUTAWAY)
    result = ScanResult(ACCEPTED, "put_away", f"{moved['quantity']} × {moved['sku']} batch "
                        f"{moved['batch'] or '(none)'} moved {moved['from']} → {moved['to']}", moved)
    scanlog.log(uow, scan_id, WORKFLOW, goods.declaration_no, raw, result)
    return result


def goods_scan(uow: UnitOfWork, scan: Scan, raw: str, scan_id: str) -> ScanResult:
    """The put-away station's first scan: which goods, and where they should go (logged; nothing moves)."""
    fast = _unit_goods_fast(uow, scan, raw, scan_id)  # checks the role with its read
    if fast is not None:
        return fast
    require(uow, Permission.SCAN_OPERATIONS)
    first = scanlog.replayed(uow, scan_id)
    if first is not None:
        return first
    try:
        goods = identify(uow, scan)
    except Rejected as exc:
        result = scanlog.rejected(exc.code, exc.message, **exc.params)
        scanlog.log(uow, scan_id, WORKFLOW, "", raw, result)
        return result
    to = suggest(uow, goods)
    where = f"put it at {to.code} (suggested)" if to else "no empty storage location is left"
    result = ScanResult(ACCEPTED, "goods", f"{goods.describe()} from {goods.from_code}: {where}; scan the location",
                        {**goods.to_json(), "declaration": goods.declaration_no, "suggested": to.code if to else None,
                         "goods_scan": raw})
    scanlog.log(uow, scan_id, WORKFLOW, goods.declaration_no, raw, result)
    return result


def location_scan(uow: UnitOfWork, goods_raw: str, location_code: str, raw: str, scan_id: str, *,
                  allow_mixed: bool = False) -> ScanResult:
    """The second scan: move the goods of `goods_raw` to `location_code` (logged; a replay moves nothing)."""
    fast = _unit_move_fast(uow, goods_raw, location_code, raw, scan_id, allow_mixed)  # checks the role with its read
    if fast is not None:
        return fast
    require(uow, Permission.SCAN_OPERATIONS)
    def move() -> ScanResult:
        moved = put_away(uow, decode(goods_raw), location_code, allow_mixed=allow_mixed)
        return ScanResult(ACCEPTED, "put_away", f"{moved['quantity']} × {moved['sku']} batch "
                          f"{moved['batch'] or '(none)'} moved {moved['from']} → {moved['to']}", moved)

    return scanlog.once(uow, scan_id, WORKFLOW, lambda result: result.params.get("declaration", ""), raw, move,
                        lambda exc: audit.record(uow, "putaway", "location", location_code, outcome="refused",
                                                 code=exc.code, reason=exc.message))
