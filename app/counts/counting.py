"""Stock counts (盘点): create (the locations freeze), count (blind scans), close (the variances), recount the
varying locations, approve (a supervisor: every difference becomes an adjustment movement, stock = counted; the
bonded ones go into the customs ledger as ADJ_PLUS / ADJ_MINUS, PENDING) and confirm (a customs officer: the
pending adjustments become ACTUAL).

Each use case checks the role, runs in the caller's one transaction and writes the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update

from app.admin import audit, require
from app.customs import ADJUSTED, record_ledger
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import (
    CustomsLedgerEntry,
    DeclarationLine,
    InboundDeclaration,
    Location,
    LocationFreeze,
    Lot,
    PickTask,
    Product,
    Stock,
    StockCount,
    StockCountEntry,
    StockCountLocation,
    StockCountVariance,
    Wave,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stock import movements as stock

REF_TYPE = "count"        # movements of a count: ref_type "count", ref_no its id
LEDGER_DOC = "COUNT"      # customs-ledger rows of a count: doc_type "COUNT", doc_no its id
RELEASED = ("released", "put_away", "closed")  # declarations whose lots are in the account book
TAKE_ORDER = ("frozen", "expired", "damaged", "hold", "available")  # a shortage takes these units first
SHOWN = 8  # how many locations a refusal names before "… and n more"
_PG_COUNT_LOCK = 0x42574D43  # advisory lock: one count at a time checks and freezes its locations on PostgreSQL


@dataclass(frozen=True)
class CountCreated:
    count: int
    locations: int
    recount_of: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"count": self.count, "locations": self.locations}
        if self.recount_of is not None:
            out["recount_of"] = self.recount_of
        return out

    def describe(self) -> str:
        again = f" (recount of count {self.recount_of})" if self.recount_of is not None else ""
        return f"count {self.count} created{again}: {self.locations} locations frozen until it closes"


@dataclass(frozen=True)
class Variance:
    location: str
    sku: str
    batch: str
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected

    def to_json(self) -> dict[str, Any]:
        return {"location": self.location, "sku": self.sku, "batch": self.batch, "expected": self.expected,
                "counted": self.counted, "difference": self.difference}


@dataclass(frozen=True)
class CountClosed:
    count: int
    variances: list[Variance] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "variances": [v.to_json() for v in self.variances]}

    def describe(self) -> str:
        if not self.variances:
            return f"count {self.count} closed: no differences"
        lines = [f"count {self.count} closed: {len(self.variances)} variances"]
        lines += [f"  {v.location}  {v.sku}  batch {v.batch or '(none)'}: expected {v.expected}, counted "
                  f"{v.counted}, difference {v.difference:+d}" for v in self.variances]
        lines.append(f"recount the varying locations: bwms count recount {self.count}; or approve: "
                     f"bwms count approve {self.count}")
        return "\n".join(lines)


@dataclass(frozen=True)
class CountDone:
    """What approve and confirm did."""

    count: int
    status: str
    text: str
    movements: int = 0
    pending: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "status": self.status, "movements": self.movements,
                "ledger": self.pending}

    def describe(self) -> str:
        return self.text


def _names(codes: Sequence[str]) -> str:
    shown = ", ".join(codes[:SHOWN])
    return shown + (f" and {len(codes) - SHOWN} more" if len(codes) > SHOWN else "")


def find_count(uow: UnitOfWork, count_id: int, *, lock: bool = False, share: bool = False) -> StockCount:
    """The count; on PostgreSQL `lock` takes its row for update (close, approve…), `share` for a scan: scans go
    on side by side, a close waits for the scans under way and they for it (none is counted after the close)."""
    stmt = select(StockCount).where(StockCount.id == count_id)
    if (lock or share) and uow.is_postgres:
        stmt = stmt.with_for_update(read=share and not lock)
    found = uow.session.execute(stmt).scalar_one_or_none()
    if found is None:
        raise NotFound(f"no stock count {count_id}", code="unknown_count", count=count_id)
    return found


def _locations_by_prefix(uow: UnitOfWork, prefix: str) -> list[tuple[int, str]]:
    if not prefix.strip():
        raise Rejected("--location-prefix is empty: name the locations to count", code="bad_scope")
    rows = uow.session.execute(select(Location.id, Location.code).where(
        Location.code.startswith(prefix, autoescape=True), Location.active.is_(True))
        .order_by(Location.pick_sequence, Location.code)).all()
    if not rows:
        raise Rejected(f"no active location's code starts with {prefix!r}: nothing to count", code="no_locations",
                       prefix=prefix)
    return [(r.id, r.code) for r in rows]


def _locations_by_skus(uow: UnitOfWork, skus: Sequence[str]) -> list[tuple[int, str]]:
    wanted = list(dict.fromkeys(s.strip() for s in skus if s.strip()))
    if not wanted:
        raise Rejected("--sku is empty: name the products to count", code="bad_scope")
    known = dict(uow.session.execute(select(Product.sku, Product.id).where(Product.sku.in_(wanted))).all())
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise NotFound(f"no product {', '.join(unknown)}: unknown SKU", code="unknown_product", skus=unknown)
    rows = uow.session.execute(
        select(Location.id, Location.code).where(
            Location.active.is_(True),
            Location.id.in_(select(Stock.location_id).where(Stock.product_id.in_(list(known.values())))))
        .order_by(Location.pick_sequence, Location.code)).all()
    if not rows:
        raise Rejected(f"no location holds {', '.join(wanted)}: nothing to count", code="no_locations", skus=wanted)
    return [(r.id, r.code) for r in rows]


def _refuse_busy(uow: UnitOfWork, locations: list[tuple[int, str]]) -> None:
    """Refuse a count over locations another open count holds, with open picks, or with reserved units."""
    ids = [i for i, _ in locations]
    code_of = dict(locations)
    frozen: list[tuple[int, int]] = []
    picks: dict[int, set[str]] = defaultdict(set)
    reserved: dict[int, int] = defaultdict(int)
    for chunk in range(0, len(ids), 900):  # SQLite's parameter limit
        part = ids[chunk:chunk + 900]
        frozen += [(r.location_id, r.count_id) for r in uow.session.execute(
            select(LocationFreeze.location_id, LocationFreeze.count_id).where(LocationFreeze.location_id.in_(part)))]
        for loc, wave in uow.session.execute(
                select(PickTask.location_id, Wave.wave_no).join(Wave, Wave.id == PickTask.wave_id)
                .where(PickTask.location_id.in_(part), PickTask.status == "open").distinct()):
            picks[loc].add(wave)
        for loc, n in uow.session.execute(select(Stock.location_id, func.sum(Stock.reserved)).where(
                Stock.location_id.in_(part), Stock.reserved > 0).group_by(Stock.location_id)):
            reserved[loc] += int(n)
    if frozen:
        codes = sorted(code_of[loc] for loc, _ in frozen)
        counts = sorted({c for _, c in frozen})
        raise Rejected(f"{_names(codes)} {'is' if len(codes) == 1 else 'are'} already being counted (count "
                       f"{', '.join(map(str, counts))}): close that count first", code="already_counting",
                       locations=codes, counts=counts)
    if picks:
        named = [f"{code_of[loc]} (wave {', '.join(sorted(waves))})"
                 for loc, waves in sorted(picks.items(), key=lambda kv: code_of[kv[0]])]
        raise Rejected(f"open picks at {_names(named)}: pick or short them before counting there",
                       code="open_picks", locations=sorted(code_of[loc] for loc in picks))
    held = [loc for loc in reserved if loc not in picks]
    if held:
        named = [f"{code_of[loc]} ({reserved[loc]} units)" for loc in sorted(held, key=code_of.get)]
        raise Rejected(f"units reserved for orders at {_names(named)}: pack or put them back before counting there",
                       code="reserved_units", locations=sorted(code_of[loc] for loc in held))


def _open(uow: UnitOfWork, locations: list[tuple[int, str]], scope: str, recount_of: int | None) -> StockCount:
    if uow.is_postgres:  # a count created at the same time over the same places: wait for it, then see its freeze
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_COUNT_LOCK})
    _refuse_busy(uow, locations)
    count = StockCount(status="open", scope=scope[:200], recount_of=recount_of, location_count=len(locations),
                       created_at=utcnow(), created_by=uow.actor.username)
    uow.session.add(count)
    uow.session.flush()
    uow.conn.execute(insert(StockCountLocation.__table__),
                     [{"count_id": count.id, "location_id": loc, "visited": False} for loc, _ in locations])
    uow.conn.execute(insert(LocationFreeze.__table__),
                     [{"location_id": loc, "count_id": count.id} for loc, _ in locations])
    uow.changes.touch(Area.COUNTS, Area.STOCK)
    return count


def create_count(uow: UnitOfWork, *, location_prefix: str | None = None,
                 skus: Sequence[str] = ()) -> CountCreated:
    """A supervisor opens a count over the locations whose code starts with `location_prefix`, or over every
    location holding one of `skus`; those locations are frozen (no pick, put-away or allocation) until it closes."""
    require(uow, Permission.SUPERVISE)
    if (location_prefix is None) == (not skus):
        raise Rejected("name the locations to count: --location-prefix P or --sku S (not both)", code="bad_scope")
    if location_prefix is not None:
        locations, scope = _locations_by_prefix(uow, location_prefix), f"prefix {location_prefix}"
    else:
        locations, scope = _locations_by_skus(uow, skus), "sku " + ", ".join(skus)
    count = _open(uow, locations, scope, None)
    audit.record(uow, "count_create", "stock_count", str(count.id), scope=scope, locations=len(locations))
    return CountCreated(count.id, len(locations))


def recount(uow: UnitOfWork, count_id: int) -> CountCreated:
    """A new count over the locations where a closed count found differences; the closed one is superseded."""
    require(uow, Permission.SUPERVISE)
    source = find_count(uow, count_id, lock=True)
    if source.status != "closed":
        raise Rejected(_state_text(source, "recounted"), code=f"count_{source.status}", count=count_id,
                       status=source.status)
    locations = [(r.id, r.code) for r in uow.session.execute(
        select(Location.id, Location.code).where(Location.id.in_(
            select(StockCountVariance.location_id).where(StockCountVariance.count_id == count_id)))
        .order_by(Location.pick_sequence, Location.code))]
    if not locations:
        raise Rejected(f"count {count_id} found no differences: nothing to recount", code="no_variances",
                       count=count_id)
    count = _open(uow, locations, f"recount of count {count_id}", count_id)
    source.status = "recounted"
    audit.record(uow, "count_recount", "stock_count", str(count.id), recount_of=count_id, locations=len(locations))
    return CountCreated(count.id, len(locations), count_id)


def _state_text(count: StockCount, wanted: str) -> str:
    """Why a count in its state cannot be `wanted` (closed, approved, confirmed, recounted)."""
    if count.status == "open":
        return f"count {count.id} is open: close it before it can be {wanted}"
    if count.status == "recounted":
        later = f"count {count.id} was superseded by a recount of its varying locations"
        return f"{later}: the recount is {wanted}, not this one"
    if count.status == "closed":
        return f"count {count.id} is closed and not approved yet: a supervisor approves it first"
    return f"count {count.id} is {count.status} already"


# -- counting -------------------------------------------------------------------------------------------------

def count_location(uow: UnitOfWork, count_id: int, code: str) -> tuple[int, str]:
    """The counter arrived at `code` (its label scanned): (location id, code) once it is in the open count."""
    require(uow, Permission.SCAN_OPERATIONS)
    count = find_count(uow, count_id, share=True)
    if count.status != "open":
        raise Rejected(f"count {count_id} is {count.status}: nothing more is counted on it", code="count_not_open",
                       count=count_id, status=count.status)
    row = uow.session.execute(
        select(Location.id, StockCountLocation.visited).join(
            StockCountLocation, (StockCountLocation.location_id == Location.id)
            & (StockCountLocation.count_id == count_id), isouter=True)
        .where(Location.code == code)).first()
    if row is None:
        raise NotFound(f"no location {code}", code="unknown_location", location=code)
    if row.visited is None:
        raise Rejected(f"location {code} is not in count {count_id}: count only the locations on its sheet",
                       code="not_in_count", location=code, count=count_id)
    if not row.visited:
        uow.session.execute(update(StockCountLocation).where(
            StockCountLocation.count_id == count_id, StockCountLocation.location_id == row.id).values(visited=True))
    uow.changes.touch(Area.COUNTS)
    return row.id, code


def count_goods(uow: UnitOfWork, count_id: int, code: str, gtin: str, quantity: int, batch: str = "") -> dict[str, Any]:
    """`quantity` units of the product `gtin` (of `batch`, when the label names it) counted at `code`.

    Blind: what it returns says what was counted, never what the books expect."""
    location_id, _ = count_location(uow, count_id, code)
    product = _product(uow, gtin)
    if quantity <= 0:
        raise Rejected(f"a count scan counts at least one unit, not {quantity}", code="bad_quantity")
    lots = select(Lot.id).where(Lot.product_id == product.id)
    if batch:
        lots = lots.where(Lot.batch_no == batch)
    if uow.session.execute(lots.limit(1)).first() is None:
        what = f"batch {batch} of {product.sku}" if batch else f"{product.sku}"
        raise Rejected(f"{what} never entered the warehouse (no lot): set the goods aside and call the supervisor",
                       code="unknown_lot", sku=product.sku, batch=batch)
    uow.session.add(StockCountEntry(count_id=count_id, location_id=location_id, product_id=product.id,
                                    batch=batch, quantity=quantity, user_id=uow.actor.user_id,
                                    station=uow.actor.station[:40]))
    uow.session.flush()
    here = uow.session.execute(select(func.coalesce(func.sum(StockCountEntry.quantity), 0)).where(
        StockCountEntry.count_id == count_id, StockCountEntry.location_id == location_id,
        StockCountEntry.product_id == product.id, StockCountEntry.undone.is_(False))).scalar_one()
    uow.changes.touch(Area.COUNTS)
    return {"count": count_id, "location": code, "sku": product.sku, "batch": batch, "qty": quantity,
            "counted_here": int(here)}


def _product(uow: UnitOfWork, gtin: str) -> Product:
    from app.admin import product_by_gtin

    product = uow.session.get(Product, product_by_gtin(uow, gtin).id)
    assert product is not None
    return product


def undo_last(uow: UnitOfWork, count_id: int) -> dict[str, Any]:
    """Take back this station's last count scan on an open count."""
    require(uow, Permission.SCAN_OPERATIONS)
    count = find_count(uow, count_id)
    if count.status != "open":
        raise Rejected(f"count {count_id} is {count.status}: nothing to undo", code="count_not_open", count=count_id)
    last = uow.session.execute(
        select(StockCountEntry, Location.code, Product.sku)
        .join(Location, Location.id == StockCountEntry.location_id)
        .join(Product, Product.id == StockCountEntry.product_id)
        .where(StockCountEntry.count_id == count_id, StockCountEntry.undone.is_(False),
               StockCountEntry.station == uow.actor.station[:40], StockCountEntry.user_id == uow.actor.user_id)
        .order_by(StockCountEntry.id.desc()).limit(1)).first()
    if last is None:
        raise Rejected("nothing to undo: this station has counted nothing on this count", code="nothing_to_undo")
    entry, code, sku = last
    entry.undone = True
    audit.record(uow, "count_undo", "stock_count", str(count_id), location=code, sku=sku, quantity=entry.quantity)
    uow.changes.touch(Area.COUNTS)
    return {"count": count_id, "location": code, "sku": sku, "batch": entry.batch, "qty": entry.quantity}


# -- close ----------------------------------------------------------------------------------------------------

def close_count(uow: UnitOfWork, count_id: int) -> CountClosed:
    """Fix what was counted against the books, location × lot; the locations are free again.

    Units counted without a batch go to the product's lots expected at the location (earliest expiry first, up to
    what each expects; a surplus to the first); where none is expected, to the product's lot with the most units
    in the warehouse. Every location must have been visited (its label scanned): an unvisited one is refused."""
    require(uow, Permission.SCAN_OPERATIONS)
    count = find_count(uow, count_id, lock=True)
    if count.status != "open":
        raise Rejected(f"count {count_id} is {count.status} already", code="count_not_open", count=count_id,
                       status=count.status)
    unvisited = list(uow.session.execute(
        select(Location.code).join(StockCountLocation, StockCountLocation.location_id == Location.id)
        .where(StockCountLocation.count_id == count_id, StockCountLocation.visited.is_(False))
        .order_by(Location.pick_sequence, Location.code)).scalars())
    if unvisited:
        raise Rejected(f"{len(unvisited)} locations of count {count_id} were not counted: {_names(unvisited)}; scan "
                       "each one's label (an empty location: the label alone)", code="unvisited_locations",
                       count=count_id, locations=unvisited[:50])
    found = _variances(uow, count_id)
    if found:
        uow.conn.execute(insert(StockCountVariance.__table__), [
            {"count_id": count_id, "location_id": loc, "lot_id": lot, "expected": e, "counted": c}
            for loc, lot, e, c in found])
    uow.session.execute(delete(LocationFreeze).where(LocationFreeze.count_id == count_id))
    count.status, count.closed_at, count.closed_by = "closed", utcnow(), uow.actor.username
    audit.record(uow, "count_close", "stock_count", str(count_id), variances=len(found))
    uow.changes.touch(Area.COUNTS, Area.STOCK)
    return CountClosed(count_id, variances(uow, count_id))


def _variances(uow: UnitOfWork, count_id: int) -> list[tuple[int, int, int, int]]:
    """(location id, lot id, expected, counted) of every location × lot where they differ."""
    in_count = select(StockCountLocation.location_id).where(StockCountLocation.count_id == count_id)
    expected: dict[tuple[int, int], int] = {}
    lots_here: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)  # (loc, product) → [(lot, batch)]
    for loc, lot, product, batch, qty in uow.session.execute(
            select(Stock.location_id, Stock.lot_id, Stock.product_id, Lot.batch_no, func.sum(Stock.quantity))
            .join(Lot, Lot.id == Stock.lot_id).where(Stock.location_id.in_(in_count))
            .group_by(Stock.location_id, Stock.lot_id, Stock.product_id, Lot.batch_no, Lot.expiry_date)
            .order_by(Stock.location_id, Lot.expiry_date, Stock.lot_id)):
        expected[(loc, lot)] = int(qty)
        lots_here[(loc, product)].append((lot, batch))
    entries = uow.session.execute(
        select(StockCountEntry.location_id, StockCountEntry.product_id, StockCountEntry.batch,
               func.sum(StockCountEntry.quantity))
        .where(StockCountEntry.count_id == count_id, StockCountEntry.undone.is_(False))
        .group_by(StockCountEntry.location_id, StockCountEntry.product_id, StockCountEntry.batch)).all()
    counted: dict[tuple[int, int], int] = defaultdict(int)
    unbatched: list[tuple[int, int, int]] = []
    homeless = {(product, batch) for loc, product, batch, _ in entries
                if not any(b == batch or not batch for _, b in lots_here.get((loc, product), []))}
    elsewhere = _main_lots(uow, homeless)
    for loc, product, batch, qty in entries:
        here = lots_here.get((loc, product), [])
        if batch:
            lot = next((lot for lot, b in here if b == batch), None) or elsewhere[(product, batch)]
            counted[(loc, lot)] += int(qty)
        elif here:
            unbatched.append((loc, product, int(qty)))
        else:
            counted[(loc, elsewhere[(product, "")])] += int(qty)
    for loc, product, qty in unbatched:  # after the batched ones: they fill what those left
        lots = [lot for lot, _ in lots_here[(loc, product)]]
        left = qty
        for lot in lots:
            room = max(expected.get((loc, lot), 0) - counted.get((loc, lot), 0), 0)
            take = min(room, left)
            counted[(loc, lot)] += take
            left -= take
        if left:
            counted[(loc, lots[0])] += left
    keys = sorted(set(expected) | set(counted))
    return [(loc, lot, expected.get((loc, lot), 0), counted.get((loc, lot), 0)) for loc, lot in keys
            if expected.get((loc, lot), 0) != counted.get((loc, lot), 0)]


def _main_lots(uow: UnitOfWork, wanted: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """For (product, batch or ''): the lot units found where none of it was expected belong to — the lot of that
    batch (or of the product) holding the most units in the warehouse, the newest one when none holds any."""
    out: dict[tuple[int, str], int] = {}
    for product, batch in wanted:
        stmt = (select(Lot.id).outerjoin(Stock, Stock.lot_id == Lot.id).where(Lot.product_id == product)
                .group_by(Lot.id).order_by(func.coalesce(func.sum(Stock.quantity), 0).desc(), Lot.id.desc()).limit(1))
        if batch:
            stmt = stmt.where(Lot.batch_no == batch)
        out[(product, batch)] = uow.session.execute(stmt).scalar_one()
    return out


def variances(uow: UnitOfWork, count_id: int) -> list[Variance]:
    """The differences a closed count found, in walk order."""
    require(uow, Permission.VIEW)
    return [Variance(*row) for row in uow.session.execute(
        select(Location.code, Product.sku, Lot.batch_no, StockCountVariance.expected, StockCountVariance.counted)
        .join(Location, Location.id == StockCountVariance.location_id)
        .join(Lot, Lot.id == StockCountVariance.lot_id).join(Product, Product.id == Lot.product_id)
        .where(StockCountVariance.count_id == count_id)
        .order_by(Location.pick_sequence, Location.code, Product.sku, Lot.batch_no))]


# -- approve and confirm --------------------------------------------------------------------------------------

def approve_count(uow: UnitOfWork, count_id: int, reason: str = "") -> CountDone:
    """A supervisor accepts a closed count: each difference is moved (ADJ_PLUS / ADJ_MINUS, with its reason) so
    the stock equals what was counted; units frozen by short picks at the counted locations are free again; the
    bonded differences go into the customs ledger, PENDING until a customs officer confirms them."""
    require(uow, Permission.SUPERVISE)
    count = find_count(uow, count_id, lock=True)
    if count.status != "closed":
        raise Rejected(_state_text(count, "approved"), code=f"count_{count.status}", count=count_id,
                       status=count.status)
    rows = uow.conn.execute(
        select(StockCountVariance.location_id, StockCountVariance.lot_id, StockCountVariance.expected,
               StockCountVariance.counted, Location.code, Location.kind, Lot.product_id, Lot.batch_no, Lot.owner_id,
               InboundDeclaration.status.label("declaration_status"), DeclarationLine.account_book_item_id)
        .join(Location, Location.id == StockCountVariance.location_id)
        .join(Lot, Lot.id == StockCountVariance.lot_id)
        .join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
        .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
        .where(StockCountVariance.count_id == count_id).order_by(StockCountVariance.id)).all()
    why = reason.strip()[:120]
    book: dict[tuple[int, int, str], int] = defaultdict(int)
    places = _places(uow, count_id)
    steps: list[stock.Step] = []
    for v in rows:
        diff = v.counted - v.expected
        note = f"count {count_id}: counted {v.counted}, expected {v.expected}" + (f"; {why}" if why else "")
        if diff > 0:
            status = ("hold" if v.declaration_status not in RELEASED else
                      "damaged" if v.kind == "damaged" else "available")
            steps.append(stock.Step(v.lot_id, v.product_id, diff, None, stock.Place(v.location_id, status),
                                    kind="ADJ_PLUS", ref_type=REF_TYPE, ref_no=str(count_id), note=note))
        else:
            steps += _take(v, -diff, places.get((v.location_id, v.lot_id), []), note, count_id)
        if v.declaration_status in RELEASED:
            book[(v.account_book_item_id, v.owner_id, "ADJ_PLUS" if diff > 0 else "ADJ_MINUS")] += diff
    stock.apply(uow, steps)  # no step puts into a row another takes from: one location × lot per variance
    moved = len(steps) + _unfreeze(uow, count)
    pending = []
    for (item, owner, biz), qty in sorted(book.items()):
        record_ledger(uow, item, biz, qty, state="PENDING", doc_type=LEDGER_DOC, doc_no=str(count_id),
                      owner_id=owner)
        pending.append({"account_book_item_id": item, "biz_type": biz, "quantity": qty})
    count.status, count.approved_at, count.approved_by, count.reason = "approved", utcnow(), uow.actor.username, why
    audit.record(uow, "count_approve", "stock_count", str(count_id), variances=len(rows), movements=moved,
                 reason=why, ledger=pending)
    uow.changes.touch(Area.COUNTS, Area.STOCK, Area.LEDGER)
    text = (f"count {count_id} approved: {len(rows)} differences adjusted ({moved} movements); "
            + (f"{len(pending)} customs-ledger adjustments wait for customs' confirmation "
               f"(bwms count confirm {count_id})" if pending else "no bonded adjustment for customs to confirm"))
    return CountDone(count_id, "approved", text, moved, pending)


def _places(uow: UnitOfWork, count_id: int) -> dict[tuple[int, int], list[tuple[str, str, int]]]:
    """(location, lot) of each variance → its stock rows as (status, lpn, free units), in the order a shortage
    takes them: frozen, expired, damaged, held, available."""
    order = {status: n for n, status in enumerate(TAKE_ORDER)}
    out: dict[tuple[int, int], list[tuple[str, str, int]]] = defaultdict(list)
    for loc, lot, lpn, status, free in uow.conn.execute(
            select(Stock.location_id, Stock.lot_id, Stock.lpn, Stock.status, Stock.quantity - Stock.reserved)
            .join(StockCountVariance, (StockCountVariance.location_id == Stock.location_id)
                  & (StockCountVariance.lot_id == Stock.lot_id))
            .where(StockCountVariance.count_id == count_id, StockCountVariance.counted < StockCountVariance.expected)):
        out[(loc, lot)].append((status, lpn, int(free)))
    for rows in out.values():
        rows.sort(key=lambda r: (order.get(r[0], len(order)), r[1]))
    return out


def _take(v: Any, quantity: int, rows: list[tuple[str, str, int]], note: str, count_id: int) -> list[stock.Step]:
    """A shortage: `quantity` units of the variance's lot leave its location, frozen and damaged ones first, never
    reserved ones."""
    free = sum(n for _, _, n in rows)
    if free < quantity:
        raise Rejected(f"only {free} units of batch {v.batch_no} at {v.code} are free, the count found "
                       f"{quantity} missing: the rest was reserved since the count closed; recount the location",
                       code="reserved_since", location=v.code, batch=v.batch_no, free=free, asked=quantity)
    left, steps = quantity, []
    for status, lpn, n in rows:
        k = min(n, left)
        if k <= 0:
            continue
        steps.append(stock.Step(v.lot_id, v.product_id, k, stock.Place(v.location_id, status, lpn), None,
                                kind="ADJ_MINUS", ref_type=REF_TYPE, ref_no=str(count_id), note=note))
        left -= k
        if left == 0:
            break
    return steps


def _unfreeze(uow: UnitOfWork, count: StockCount) -> int:
    """Units a short pick froze at the counted locations (this count's and those it recounts) are counted now:
    free again."""
    ids, source = [count.id], count.recount_of
    while source is not None:
        ids.append(source)
        source = uow.session.execute(select(StockCount.recount_of).where(StockCount.id == source)).scalar()
    rows = uow.conn.execute(select(Stock.location_id, Stock.lot_id, Stock.product_id, Stock.lpn,
                                   Stock.quantity - Stock.reserved).where(
        Stock.status == "frozen", Stock.quantity > Stock.reserved, Stock.location_id.in_(
            select(StockCountLocation.location_id).where(StockCountLocation.count_id.in_(ids))))).all()
    stock.apply(uow, [stock.Step(lot, product, n, stock.Place(loc, "frozen", lpn), stock.Place(loc, "available", lpn),
                                 kind="count_release", ref_type=REF_TYPE, ref_no=str(count.id),
                                 note="counted: frozen no more") for loc, lot, product, lpn, n in rows])
    return len(rows)


def confirm_count(uow: UnitOfWork, count_id: int) -> CountDone:
    """A customs officer confirms an approved count's bonded adjustments: PENDING → ACTUAL in the ledger."""
    require(uow, Permission.CONFIRM_ADJUSTMENT)
    count = find_count(uow, count_id, lock=True)
    if count.status != "approved":
        raise Rejected(_state_text(count, "confirmed"), code=f"count_{count.status}", count=count_id,
                       status=count.status)
    result = uow.session.execute(
        update(CustomsLedgerEntry).where(CustomsLedgerEntry.doc_type == LEDGER_DOC,
                                         CustomsLedgerEntry.doc_no == str(count_id),
                                         CustomsLedgerEntry.state == "PENDING",
                                         CustomsLedgerEntry.biz_type.in_(ADJUSTED))
        .values(state="ACTUAL").execution_options(synchronize_session=False))
    confirmed = int(getattr(result, "rowcount", 0) or 0)
    count.status, count.confirmed_at, count.confirmed_by = "confirmed", utcnow(), uow.actor.username
    audit.record(uow, "count_confirm", "stock_count", str(count_id), entries=confirmed)
    uow.changes.touch(Area.COUNTS, Area.LEDGER)
    return CountDone(count_id, "confirmed", f"count {count_id} confirmed: {confirmed} customs-ledger adjustments "
                     "are in the balance now")
