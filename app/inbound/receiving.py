"""The receive station's service: one scan against a declaration's tally, each scan its own transaction.

A scan id made at capture keys the scan log: a replayed id returns the first result and counts nothing.
Counting checks everything before it writes, so a refused scan changes nothing but its log row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, exists, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import ReturningInsert

from app import clock, settings
from app.admin import LIVE_ROLE, ProductRef, audit, known_role, live_role_param, product_by_gtin, require
from app.domain.gs1 import BadScan, Command, CommandScan, HandlingUnitScan, ItemScan, LocationScan, Scan
from app.domain.roles import Permission
from app.errors import Rejected
from app.inbound import tally_close as receiving_close
from app.persistence.hot import Prepared
from app.persistence.models import (
    DeclarationLine,
    InboundDeclaration,
    Product,
    ScanEvent,
    Setting,
    Tally,
    TallyCount,
    TallyScan,
    Warehouse,
)
from app.persistence.uow import Area, UnitOfWork
from app.stations import scanlog
from app.stations.scanlog import ACCEPTED, FLAGGED, ScanResult

RECEIVING = ("expected", "tallying")  # declaration statuses in which scans are counted
WORKFLOW = "receive"
MIN_SHELF_LIFE = "inbound_min_shelf_life_fraction"

# The statements of the scan path, built once: a scan runs about ten of them on the transaction's connection.
_DECLARATION = select(InboundDeclaration.id, InboundDeclaration.status).where(
    InboundDeclaration.declaration_no == bindparam("no"))
_COUNTED = (select(func.coalesce(func.sum(TallyCount.received + TallyCount.damaged), 0))
            .where(TallyCount.declaration_line_id == DeclarationLine.id).scalar_subquery())
_LINES = (select(DeclarationLine.id, DeclarationLine.line_no, DeclarationLine.batch_no,
                 DeclarationLine.declared_qty, DeclarationLine.production_date, DeclarationLine.expiry_date, _COUNTED)
          .where(DeclarationLine.declaration_id == bindparam("declaration_id"),
                 DeclarationLine.product_id == bindparam("product_id")).order_by(DeclarationLine.line_no))
_LINES_OF_BATCH = _LINES.where(DeclarationLine.batch_no == bindparam("batch"))
_CARTON = select(TallyScan.id).where(TallyScan.sscc == bindparam("sscc"), TallyScan.undone.is_(False)).limit(1)
_SETTING = select(Setting.value).where(Setting.key == MIN_SHELF_LIFE)
_ZONE = select(Warehouse.time_zone).order_by(Warehouse.id).limit(1)
_SETTING_AND_ZONE = select(_SETTING.scalar_subquery(), _ZONE.scalar_subquery())
_TALLY_SCAN = Prepared(insert(TallyScan.__table__), keys=(
    "id", "scan_event_id", "declaration_id", "tally_count_id", "quantity", "damaged", "sscc", "station", "undone"))
_GTINS = ("gtin14", "gtin13", "gtin12", "gtin8")  # a scanned GTIN as GTIN-14, -13, -12 and -8 (see _read_item_scan)
# A carton scan's one read: the declaration's lines of the scanned product (matched by GTIN) with their tallies, the
# declaration's status, the scan id's first result (a replay), whether the carton was counted, the shelf-life setting,
# the warehouse's time zone and the clerk's live role (the role check reads nothing more). No row: unknown
# declaration/product or not declared (the slow path says which). Read under the write lock (BEGIN IMMEDIATE; on
# PostgreSQL after the declaration's row lock), so the tallies are the current ones: nothing of it is cached between
# scans.
_ITEM_READ = Prepared(
    select(DeclarationLine.id, DeclarationLine.line_no, DeclarationLine.batch_no, DeclarationLine.declared_qty,
           DeclarationLine.production_date, DeclarationLine.expiry_date, _COUNTED.label("counted"),
           Product.id.label("product_id"), Product.sku, Product.shelf_life_days, Product.gtin,
           InboundDeclaration.id.label("declaration_id"), InboundDeclaration.status,
           select(ScanEvent.result_json).where(ScanEvent.scan_id == bindparam("scan_id"))
           .scalar_subquery().label("first_result"),
           exists().where(TallyScan.sscc == bindparam("sscc"), TallyScan.undone.is_(False)).label("carton_counted"),
           _SETTING.scalar_subquery().label("min_shelf_life"), _ZONE.scalar_subquery().label("zone"), LIVE_ROLE)
    .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
    .join(Product, Product.id == DeclarationLine.product_id)
    .where(InboundDeclaration.declaration_no == bindparam("no"),
           Product.gtin.in_([bindparam(name) for name in _GTINS]))
    .order_by(DeclarationLine.line_no))


@dataclass(frozen=True)
class Declaration:
    id: int
    no: str
    status: str


@dataclass(frozen=True)
class Line:
    """A declaration line of the scanned product, with what its tally holds so far (good + damaged)."""

    id: int
    line_no: int
    batch_no: str
    declared_qty: int
    production_date: date | None
    expiry_date: date | None
    counted: int

    @property
    def room(self) -> int:
        return self.declared_qty - self.counted


def receive_scan(uow: UnitOfWork, declaration_no: str, scan: Scan, raw: str, scan_id: str, *,
                 damaged: bool = False, staging: str | None = None, today: date | None = None) -> ScanResult:
    """Count `scan` (decoded from `raw`) on the tally of `declaration_no`, undo, or close the tally.

    `damaged`: the station's CMD:DAMAGED applies to this scan; `staging`: the location code the station
    chose for the goods at close. Refusals come back as a rejected ScanResult (logged), not as exceptions.
    """
    declaration = lock_declaration(uow, declaration_no) if uow.is_postgres else None
    if isinstance(scan, ItemScan):
        read = _read_item_scan(uow, declaration_no, scan, scan_id)  # the live role too: nothing written before
        require(uow, Permission.SCAN_OPERATIONS)  # the check before anything is counted or replayed
        if read is not None:
            first, declaration, lines, product, facts = read
            if first is not None:
                return first
            try:
                if declaration.status not in RECEIVING:
                    raise _closed(declaration)
                return _count(uow, declaration, scan, raw, scan_id, damaged, today, lines, product, facts)
            except Rejected as exc:
                return _refused(uow, declaration_no, raw, scan_id, exc)
    require(uow, Permission.SCAN_OPERATIONS)
    if not uow.is_postgres:
        declaration = lock_declaration(uow, declaration_no)
    first = scanlog.replayed(uow, scan_id)
    if first is not None:
        return first
    try:
        if declaration is None:
            raise Rejected(f"no declaration {declaration_no}: import it first", code="unknown_declaration",
                           declaration=declaration_no)
        return _act(uow, declaration, scan, raw, scan_id, damaged, staging, today)
    except Rejected as exc:
        return _refused(uow, declaration_no, raw, scan_id, exc)


def _refused(uow: UnitOfWork, declaration_no: str, raw: str, scan_id: str, exc: Rejected) -> ScanResult:
    result = scanlog.rejected(exc.code, exc.message, **exc.params)
    scanlog.log(uow, scan_id, WORKFLOW, declaration_no, raw, result)
    audit.record(uow, "tally_scan", "inbound_declaration", declaration_no, outcome="refused",
                 scan_id=scan_id, code=exc.code, reason=exc.message)
    return result


def _closed(declaration: Declaration) -> Rejected:
    return Rejected(f"the tally of {declaration.no} is closed (status {declaration.status}): nothing more "
                    "can be counted or undone", code="tally_closed", status=declaration.status)


@dataclass(frozen=True)
class _Facts:
    """What the carton scan's one read brought besides the lines (see `_ITEM_READ`)."""

    carton_counted: bool
    min_shelf_life: str | None
    zone: str | None


def _read_item_scan(uow: UnitOfWork, declaration_no: str, scan: ItemScan, scan_id: str) \
        -> tuple[ScanResult | None, Declaration, list[Line], ProductRef, _Facts] | None:
    """The carton scan's one read (`_ITEM_READ`); None when it found no line (the slow path says why)."""
    g14 = scan.gtin.zfill(14)
    rows = _ITEM_READ.all(uow.conn, {
        "no": declaration_no, "gtin14": g14, "gtin13": g14[1:], "gtin12": g14[2:], "gtin8": g14[6:],
        "scan_id": scan_id, "sscc": scan.sscc or None, **live_role_param(uow)})
    if rows:
        known_role(uow, rows[0].live_role)
    rows = [row for row in rows if row.gtin.zfill(14) == g14]
    if not rows:
        return None
    head = rows[0]
    first = scanlog.first_result(head.first_result) if head.first_result is not None else None
    declaration = Declaration(head.declaration_id, declaration_no, head.status)
    product_id = min(row.product_id for row in rows)  # two products filed with one GTIN: the first filed
    mine = [row for row in rows if row.product_id == product_id]
    product = ProductRef(product_id, mine[0].sku, mine[0].shelf_life_days)
    lines = [Line(r.id, r.line_no, r.batch_no, r.declared_qty, r.production_date, r.expiry_date, r.counted)
             for r in mine]
    if scan.batch:
        lines = [line for line in lines if line.batch_no == scan.batch] or lines
    return first, declaration, lines, product, _Facts(bool(head.carton_counted), head.min_shelf_life, head.zone)


def lock_declaration(uow: UnitOfWork, declaration_no: str) -> Declaration | None:
    """The declaration's id and status, its row locked on PostgreSQL (scans of one container run one by one)."""
    stmt = _DECLARATION.with_for_update() if uow.is_postgres else _DECLARATION
    row = uow.conn.execute(stmt, {"no": declaration_no}).first()
    return Declaration(row.id, declaration_no, row.status) if row else None


def _act(uow: UnitOfWork, declaration: Declaration, scan: Scan, raw: str, scan_id: str, damaged: bool,
         staging: str | None, today: date | None) -> ScanResult:
    if isinstance(scan, BadScan):
        raise Rejected(scan.reason, code=scan.code)
    if isinstance(scan, HandlingUnitScan):
        raise Rejected(f"SSCC {scan.sscc} alone does not say what the carton holds: scan its product label",
                       code="sscc_only", sscc=scan.sscc)
    if isinstance(scan, LocationScan) or (isinstance(scan, CommandScan) and scan.command == Command.DAMAGED):
        raise Rejected("the station handles this scan itself", code="station_scan")
    if declaration.status not in RECEIVING:
        raise _closed(declaration)
    if isinstance(scan, CommandScan) and scan.command == Command.CLOSE:
        result = receiving_close.close(uow, declaration.id, declaration.no, staging)
    elif isinstance(scan, CommandScan):
        result = _undo(uow, declaration)
    else:
        return _count(uow, declaration, scan, raw, scan_id, damaged, today)
    scanlog.log(uow, scan_id, WORKFLOW, declaration.no, raw, result)
    return result


def _count(uow: UnitOfWork, declaration: Declaration, scan: ItemScan, raw: str, scan_id: str, damaged: bool,
           today: date | None, lines: list[Line] | None = None, product: ProductRef | None = None,
           facts: _Facts | None = None) -> ScanResult:
    """Check the scan against the declaration (nothing written yet), then add it to the line's tally.

    `lines`, `product`, `facts`: what `_read_item_scan` already read (else read here, statement by statement)."""
    if product is None or lines is None:
        product = product_by_gtin(uow, scan.gtin)
        lines = _lines(uow, declaration.id, product.id, scan.batch)
    if not lines:
        raise Rejected(f"{product.sku} (GTIN {scan.gtin}) is not on declaration {declaration.no}",
                       code="not_declared", sku=product.sku, gtin=scan.gtin)
    if scan.sscc and (facts.carton_counted if facts else _carton_counted(uow, scan.sscc)):
        raise Rejected(f"carton SSCC {scan.sscc} was already counted", code="duplicate_carton", sscc=scan.sscc)
    line, batch, unexpected = route(lines, scan.batch)
    same = batch == line.batch_no
    made = scan.production_date or (line.production_date if same else None)
    expiry = scan.expiry_date or (line.expiry_date if same else None)
    if expiry is None and made is not None and product.shelf_life_days:
        expiry = made + timedelta(days=product.shelf_life_days)
    _check_shelf_life(uow, product, batch, expiry, today, facts)
    result = count_result(product.sku, line, batch, scan.count, damaged, unexpected)
    event_id = scanlog.log(uow, scan_id, WORKFLOW, declaration.no, raw, result)
    count_id = _add(uow, declaration.id, line.id, batch, unexpected, scan.count, damaged, made, expiry)
    _TALLY_SCAN.run(uow.conn, {
        "id": event_id, "scan_event_id": event_id, "declaration_id": declaration.id, "tally_count_id": count_id,
        "quantity": scan.count, "damaged": damaged, "sscc": scan.sscc, "station": uow.actor.station[:40],
        "undone": False})
    if declaration.status == "expected":
        _start(uow, declaration.id)
    audit.record(uow, "tally_scan", "inbound_declaration", declaration.no, scan_id=scan_id,
                 line_no=line.line_no, sku=product.sku, batch=batch, quantity=scan.count, damaged=damaged)
    uow.changes.touch(Area.TALLY)
    return result


def _lines(uow: UnitOfWork, declaration_id: int, product_id: int, batch: str) -> list[Line]:
    """The lines `route` chooses from: those that declared the scanned batch, else every line of the product."""
    conn = uow.conn
    keys = {"declaration_id": declaration_id, "product_id": product_id}
    if batch:
        same = [Line(*row) for row in conn.execute(_LINES_OF_BATCH, {**keys, "batch": batch})]
        if same:
            return same
    return [Line(*row) for row in conn.execute(_LINES, keys)]


def route(lines: list[Line], batch: str) -> tuple[Line, str, bool]:
    """(the line to count on, the batch counted, whether the batch is unexpected) — a pure rule.

    The scanned batch goes to a line that declared it, else to a line that declared no batch, else it is an
    unexpected batch of a declared product (counted and flagged). Among candidates, the first with room.
    A scan without a batch (a plain GTIN) is counted as the chosen line's declared batch.
    """
    def first_with_room(candidates: list[Line]) -> Line:
        return next((line for line in candidates if line.room > 0), candidates[0])

    if not batch:
        line = first_with_room(lines)
        return line, line.batch_no, False
    for candidates in ([ln for ln in lines if ln.batch_no == batch], [ln for ln in lines if not ln.batch_no]):
        if candidates:
            return first_with_room(candidates), batch, False
    return first_with_room(lines), batch, True


def _carton_counted(uow: UnitOfWork, sscc: str) -> bool:
    return uow.conn.execute(_CARTON, {"sscc": sscc}).first() is not None


def shelf_life_problem(batch: str, expiry: date | None, shelf_life_days: int, today: date,
                       min_fraction: Decimal) -> str | None:
    """Why a batch is refused at receipt for its remaining shelf life, or None (a pure rule)."""
    if not shelf_life_days or expiry is None:
        return None
    left = (expiry - today).days
    if left <= 0:
        return f"batch {batch} expired on {expiry}"
    if Decimal(left) < min_fraction * shelf_life_days:
        return (f"batch {batch} expires {expiry}: {left} of {shelf_life_days} days of shelf life left "
                f"({left / shelf_life_days:.0%}), at least {min_fraction:.0%} needed at receipt")
    return None


def _check_shelf_life(uow: UnitOfWork, product: ProductRef, batch: str, expiry: date | None,
                      today: date | None, facts: _Facts | None = None) -> None:
    if not product.shelf_life_days or expiry is None:
        return
    spec = settings.REGISTRY[MIN_SHELF_LIFE]
    if facts is not None:
        raw, zone = facts.min_shelf_life, facts.zone
    elif today is None:
        raw, zone = uow.conn.execute(_SETTING_AND_ZONE).one()
    else:
        raw, zone = uow.conn.execute(_SETTING).scalar(), None
    if today is None:
        today = local_today(uow, zone or clock.DEFAULT_ZONE)
    fraction = spec.default if raw is None else spec.kind(raw)
    problem = shelf_life_problem(batch, expiry, product.shelf_life_days, today, fraction)
    if problem:
        raise Rejected(problem, code="short_shelf_life", sku=product.sku, batch=batch, expiry=expiry.isoformat())


def local_today(uow: UnitOfWork, zone: str | None = None) -> date:
    """Today in the warehouse's time zone (the receiving date shelf life is measured from)."""
    return clock.warehouse_today(clock.zone_named(zone or uow.conn.execute(_ZONE).scalar()))


def count_result(sku: str, line: Line, batch: str, quantity: int, damaged: bool, unexpected: bool) -> ScanResult:
    """The feedback of a counted scan: what was counted on which line and what is still expected."""
    counted = line.counted + quantity
    remaining, over = max(0, line.declared_qty - counted), max(0, counted - line.declared_qty)
    what = f"{sku} batch {batch or '(none)'}: +{quantity}{' damaged' if damaged else ''} on line {line.line_no}"
    text = f"{what}, {counted} of {line.declared_qty} counted, {remaining} still expected"
    code, outcome = "counted", ACCEPTED
    if unexpected:
        code, outcome = "unexpected_batch", FLAGGED
        text = f"{what}: batch {batch} is not declared on this line (flagged); {counted} of {line.declared_qty}"
    elif over:
        code, outcome = "over", FLAGGED
        text = f"{what}, {counted} of {line.declared_qty}: {over} over the declared quantity"
    return ScanResult(outcome, code, text, {
        "sku": sku, "batch": batch, "line_no": line.line_no, "quantity": quantity, "damaged": damaged,
        "counted": counted, "expected": line.declared_qty, "remaining": remaining, "over": over,
        "unexpected_batch": unexpected})


def _add(uow: UnitOfWork, declaration_id: int, line_id: int, batch: str, unexpected: bool, quantity: int,
         damaged: bool, made: date | None, expiry: date | None) -> int:
    """Add to the (line, batch) tally row, created by the batch's first scan (one upsert); returns its id."""
    values = {"declaration_id": declaration_id, "declaration_line_id": line_id, "batch_no": batch,
              "production_date": made, "expiry_date": expiry, "received": 0 if damaged else quantity,
              "damaged": quantity if damaged else 0, "unexpected": unexpected}
    return int(_UPSERT["postgresql" if uow.is_postgres else "sqlite"].scalar(uow.conn, values))


def _upsert(dialect: type[sqlite.Insert] | type[postgresql.Insert]) -> ReturningInsert[Any]:
    table = TallyCount.__table__
    stmt = dialect(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c.declaration_line_id, table.c.batch_no],
        set_={"received": table.c.received + stmt.excluded.received,
              "damaged": table.c.damaged + stmt.excluded.damaged}).returning(table.c.id)


_COUNTED_KEYS = ("declaration_id", "declaration_line_id", "batch_no", "production_date", "expiry_date", "received",
                 "damaged", "unexpected")
_UPSERT = {"sqlite": Prepared(_upsert(sqlite.Insert), keys=_COUNTED_KEYS),
           "postgresql": Prepared(_upsert(postgresql.Insert), keys=_COUNTED_KEYS)}


def _start(uow: UnitOfWork, declaration_id: int) -> None:
    """The first counted scan: the declaration is being tallied."""
    uow.session.execute(update(InboundDeclaration).where(InboundDeclaration.id == declaration_id)
                        .values(status="tallying"))
    uow.conn.execute(insert(Tally.__table__), {"declaration_id": declaration_id, "closed_by": ""})
    uow.changes.touch(Area.INBOUND)


def _undo(uow: UnitOfWork, declaration: Declaration) -> ScanResult:
    """Reverse this station's last counted scan on the declaration (CMD:UNDO)."""
    last = uow.session.execute(
        select(TallyScan).where(TallyScan.declaration_id == declaration.id,
                                TallyScan.station == uow.actor.station[:40], TallyScan.undone.is_(False))
        .order_by(TallyScan.id.desc()).limit(1)).scalar_one_or_none()
    if last is None:
        raise Rejected(f"nothing to undo: this station has no counted scan on {declaration.no}",
                       code="nothing_to_undo")
    count = uow.session.get(TallyCount, last.tally_count_id)
    if last.damaged:
        count.damaged -= last.quantity
    else:
        count.received -= last.quantity
    last.undone = True
    scanlog.mark_undone(uow, last.scan_event_id)
    line_no, declared, sku = uow.session.execute(
        select(DeclarationLine.line_no, DeclarationLine.declared_qty, Product.sku)
        .join(Product, Product.id == DeclarationLine.product_id)
        .where(DeclarationLine.id == count.declaration_line_id)).one()
    uow.session.flush()
    counted = uow.session.execute(select(func.sum(TallyCount.received + TallyCount.damaged)).where(
        TallyCount.declaration_line_id == count.declaration_line_id)).scalar() or 0
    audit.record(uow, "tally_undo", "inbound_declaration", declaration.no, line_no=line_no, sku=sku,
                 batch=count.batch_no, quantity=last.quantity, damaged=last.damaged)
    uow.changes.touch(Area.TALLY)
    return ScanResult(ACCEPTED, "undone", f"undone: −{last.quantity}{' damaged' if last.damaged else ''} {sku} "
                      f"batch {count.batch_no or '(none)'} on line {line_no}, {counted} of {declared} counted, "
                      f"{max(0, declared - counted)} still expected",
                      {"sku": sku, "batch": count.batch_no, "line_no": line_no, "quantity": last.quantity,
                       "damaged": last.damaged, "counted": counted, "expected": declared,
                       "remaining": max(0, declared - counted)})
