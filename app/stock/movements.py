"""Stock: the one primitive that changes quantities (always with a movement row), and stock queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Insert, Select, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app.admin import require
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence.hot import Prepared
from app.persistence.models import Location, LocationFreeze, Lot, Movement, Owner, Product, Stock
from app.persistence.uow import Area, UnitOfWork


@dataclass(frozen=True)
class Place:
    """One side of a movement: a location, a status and the handling unit (SSCC or '')."""

    location_id: int
    status: str
    lpn: str = ""


def _row(uow: UnitOfWork, lot: Lot, place: Place) -> Stock | None:
    stmt = select(Stock).where(Stock.location_id == place.location_id, Stock.lot_id == lot.id,
                               Stock.lpn == place.lpn, Stock.status == place.status)
    if uow.is_postgres:
        stmt = stmt.with_for_update()
    return uow.session.execute(stmt).scalar_one_or_none()


def move(uow: UnitOfWork, lot: Lot, quantity: int, src: Place | None, dst: Place | None, *, kind: str,
         ref_type: str = "", ref_no: str = "", note: str = "") -> Movement:
    """Take `quantity` of `lot` from `src` (None: it enters the warehouse) to `dst` (None: it leaves).

    The only writer of stock rows. Refuses to take more than is free (quantity − reserved) at the source.
    """
    if quantity <= 0:
        raise Rejected(f"quantity must be positive, got {quantity}", code="bad_quantity")
    if src is None and dst is None:
        raise ValueError("a movement needs a source or a destination")
    if src is not None:
        row = _row(uow, lot, src)
        free = (row.quantity - row.reserved) if row else 0
        if free < quantity:
            raise Rejected(f"only {free} of lot {lot.batch_no} free there, {quantity} asked",
                           code="insufficient_stock", lot=lot.batch_no, free=free, asked=quantity)
        row.quantity -= quantity
        if row.quantity == 0 and row.reserved == 0:
            uow.session.delete(row)
    if dst is not None:
        row = _row(uow, lot, dst)
        if row is None:
            row = Stock(location_id=dst.location_id, lot_id=lot.id, product_id=lot.product_id, lpn=dst.lpn,
                        status=dst.status, quantity=0, reserved=0)
            uow.session.add(row)
        row.quantity += quantity
    mv = Movement(kind=kind, lot_id=lot.id, quantity=quantity,
                  from_location_id=src.location_id if src else None, from_status=src.status if src else None,
                  from_lpn=src.lpn if src else None, to_location_id=dst.location_id if dst else None,
                  to_status=dst.status if dst else None, to_lpn=dst.lpn if dst else None,
                  ref_type=ref_type, ref_no=ref_no, user_id=uow.actor.user_id, station=uow.actor.station,
                  note=note)
    uow.session.add(mv)
    uow.session.flush()
    uow.changes.touch(Area.STOCK)
    return mv


@dataclass(frozen=True)
class Step:
    """One change of quantity for `apply` (the Core path of the station scans): `quantity` units of a lot from
    `src` (None: they enter) to `dst` (None: they leave). `unreserve` units of the source's reservation leave
    with them (a pick, a shipment); `reserve` of them arrive reserved at `dst` (picked for an order)."""

    lot_id: int
    product_id: int | None  # needed when `dst` is given (a new stock row carries it)
    quantity: int
    src: Place | None
    dst: Place | None
    kind: str
    ref_type: str = ""
    ref_no: str = ""
    note: str = ""
    unreserve: int = 0
    reserve: int = 0
    empties: bool = False  # the caller read the source row holding exactly `quantity`, `unreserve` of them reserved:
    # it is deleted in one statement (a put-away of a whole handling unit), else taken as usual


class NothingTaken(Rejected):
    """`apply` refused its first take: nothing was written, so the caller may still decide another way."""


_STOCK = Stock.__table__
_KEY = (_STOCK.c.location_id == bindparam("l"), _STOCK.c.lot_id == bindparam("lot"), _STOCK.c.lpn == bindparam("k_lpn"),
        _STOCK.c.status == bindparam("s"))
# Take from the source row in one statement: only when that many are free once the leaving reservation is off
# (the same rule as `move`); returns what is left, so an emptied row is deleted.
_TAKE = Prepared(update(_STOCK).where(*_KEY, _STOCK.c.reserved >= bindparam("r"),
                              _STOCK.c.quantity - _STOCK.c.reserved + bindparam("r") >= bindparam("q"))
         .values(quantity=_STOCK.c.quantity - bindparam("q"), reserved=_STOCK.c.reserved - bindparam("r"))
         .returning(_STOCK.c.id, _STOCK.c.quantity, _STOCK.c.reserved))
_DROP = Prepared(delete(_STOCK).where(_STOCK.c.id == bindparam("id"), _STOCK.c.quantity == 0, _STOCK.c.reserved == 0))
# A step that empties its source row (`Step.empties`): the row deleted in one statement when it holds exactly what
# leaves (what the UPDATE, then the DELETE of the emptied row, would do in two); no row: the usual take decides.
_TAKE_ALL = Prepared(delete(_STOCK).where(*_KEY, _STOCK.c.quantity == bindparam("q"),
                                          _STOCK.c.reserved == bindparam("r")).returning(_STOCK.c.id))
_MOVED = ("kind", "lot_id", "quantity", "from_location_id", "from_status", "from_lpn", "to_location_id", "to_status",
          "to_lpn", "ref_type", "ref_no", "user_id", "station", "note")
_MOVEMENT = Prepared(insert(Movement.__table__), keys=_MOVED)


def _put(dialect: str) -> Insert:  # the destination row's upsert for one dialect
    ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_STOCK)
    return ins.on_conflict_do_update(index_elements=["location_id", "lot_id", "lpn", "status"], set_={
        "quantity": _STOCK.c.quantity + ins.excluded.quantity, "reserved": _STOCK.c.reserved + ins.excluded.reserved})


_PUT_KEYS = ("location_id", "lot_id", "product_id", "lpn", "status", "quantity", "reserved")
_PUT = {name: Prepared(_put(name), keys=_PUT_KEYS) for name in ("sqlite", "postgresql")}


def apply(uow: UnitOfWork, steps: Sequence[Step]) -> None:
    """Apply `steps` with Core statements, each with its movement row (one bulk insert for all of them).

    What `move` does, without the ORM's unit of work: each source row is taken in one guarded UPDATE (refused
    like `move` when fewer are free; the steps from one row together), an emptied row is deleted, then each
    destination row is upserted on its key (the steps into one row together). So no step may put into a row
    another step of the same call takes from.
    On PostgreSQL the UPDATE and the upsert lock the rows they touch, as `move`'s SELECT … FOR UPDATE did.
    Callers must not hold ORM objects of these stock rows in the session (they would be stale). A refused
    first take raises `NothingTaken` (nothing written yet); a later one `Rejected` (the caller's transaction
    must roll back).
    """
    conn = uow.conn
    put = _PUT[conn.dialect.name]
    rows = []
    takes: dict[tuple[int, Place], Step] = {}  # steps from one source row are taken in one UPDATE
    for step in steps:
        if step.quantity <= 0:
            raise Rejected(f"quantity must be positive, got {step.quantity}", code="bad_quantity")
        if step.src is None and step.dst is None:
            raise ValueError("a movement needs a source or a destination")
        if step.src is not None:
            key = (step.lot_id, step.src)
            took = takes.get(key)
            takes[key] = step if took is None else replace(
                took, quantity=took.quantity + step.quantity, unreserve=took.unreserve + step.unreserve, empties=False)
    for n, step in enumerate(takes.values()):
        assert step.src is not None
        taken = {"l": step.src.location_id, "lot": step.lot_id, "k_lpn": step.src.lpn, "s": step.src.status,
                 "q": step.quantity, "r": step.unreserve}
        if step.empties and _TAKE_ALL.first(conn, taken) is not None:
            continue
        left = _TAKE.first(conn, taken)
        if left is None:
            refused = _short_of(uow, step)
            if n == 0:
                raise NothingTaken(refused.message, code=refused.code, **refused.params)
            raise refused
        if left.quantity == 0 and left.reserved == 0:
            _DROP.run(conn, {"id": left.id})
    puts: dict[tuple[int, Place], Step] = {}  # and steps into one destination row in one upsert
    for step in steps:
        if step.dst is not None:
            key = (step.lot_id, step.dst)
            put_before = puts.get(key)
            puts[key] = step if put_before is None else replace(
                put_before, quantity=put_before.quantity + step.quantity, reserve=put_before.reserve + step.reserve)
    for step in puts.values():
        assert step.dst is not None
        put.run(conn, {"location_id": step.dst.location_id, "lot_id": step.lot_id, "product_id": step.product_id,
                       "lpn": step.dst.lpn, "status": step.dst.status, "quantity": step.quantity,
                       "reserved": step.reserve})  # one statement, compiled once (not .values() per call)
    for step in steps:
        rows.append({
            "kind": step.kind, "lot_id": step.lot_id, "quantity": step.quantity,
            "from_location_id": step.src.location_id if step.src else None,
            "from_status": step.src.status if step.src else None, "from_lpn": step.src.lpn if step.src else None,
            "to_location_id": step.dst.location_id if step.dst else None,
            "to_status": step.dst.status if step.dst else None, "to_lpn": step.dst.lpn if step.dst else None,
            "ref_type": step.ref_type, "ref_no": step.ref_no, "user_id": uow.actor.user_id,
            "station": uow.actor.station, "note": step.note})
    if rows:
        _MOVEMENT.many(conn, rows)
        uow.changes.touch(Area.STOCK)


def _short_of(uow: UnitOfWork, step: Step) -> Rejected:
    """The refusal of a step whose source has too few free units (read only on this path)."""
    assert step.src is not None
    row = uow.conn.execute(
        select(_STOCK.c.quantity, _STOCK.c.reserved, Lot.batch_no).join(Lot, Lot.id == _STOCK.c.lot_id)
        .where(*_KEY), {"l": step.src.location_id, "lot": step.lot_id, "k_lpn": step.src.lpn, "s": step.src.status}
    ).first()
    free = (row.quantity - row.reserved + step.unreserve) if row else 0
    batch = row.batch_no if row else uow.session.execute(select(Lot.batch_no).where(Lot.id == step.lot_id)).scalar()
    return Rejected(f"only {free} of lot {batch} free there, {step.quantity} asked",
                    code="insufficient_stock", lot=batch, free=free, asked=step.quantity)


_FROZEN_BY = select(LocationFreeze.count_id).where(LocationFreeze.location_id == bindparam("location_id"))
NOT_FROZEN = ~select(LocationFreeze.location_id).where(LocationFreeze.location_id == Location.id).exists()


def refuse_if_frozen(uow: UnitOfWork, location: Location, what: str) -> None:
    """Refuse `what` (picking, put-away…) at a location an open stock count has frozen, saying which count."""
    count = uow.conn.execute(_FROZEN_BY, {"location_id": location.id}).scalar()
    if count is not None:
        raise Rejected(f"location {location.code} is frozen for stock count {count}: no {what} there until the "
                       "count closes", code="location_frozen", location=location.code, count=count)


def first_unfrozen(uow: UnitOfWork, candidates: Select, what: str) -> Location | None:
    """The first location of `candidates` (an ordered SELECT of Location) that no open count has frozen; when every
    one is frozen, `what` is refused naming the first and its count; None when there is no candidate at all."""
    found = uow.session.execute(candidates.where(NOT_FROZEN).limit(1)).scalar()
    if found is None:
        frozen = uow.session.execute(candidates.limit(1)).scalar()
        if frozen is not None:
            refuse_if_frozen(uow, frozen, what)
    return found


@dataclass(frozen=True)
class StockFilter:
    sku: str = ""        # prefix match on the SKU
    location: str = ""   # prefix match on the location code
    batch: str = ""      # prefix match on the batch number
    status: str = ""     # exact
    owner: str = ""      # exact owner code: only that owner's goods


STOCK_COLUMNS = ("sku", "name", "batch", "expiry", "location", "lpn", "status", "qty", "reserved", "owner")


# A prefix filter that matches more than this share of its products, locations or lots is read in stock-id
# order (SQLite), not through its index: gathering and sorting every match costs more than walking the table.
BROAD = 0.01


def stock_query(f: StockFilter, by_id: frozenset[str] = frozenset()) -> Select:
    """The stock listing, ordered by stock id so it pages by keyset (fast on millions of rows).

    `by_id`: filters (sku, location, batch) not to look up through their index (see `broad_filters`).
    """
    stmt = (select(Stock.id, Product.sku, Product.name_cn, Lot.batch_no, Lot.expiry_date, Location.code,
                   Stock.lpn, Stock.status, Stock.quantity, Stock.reserved, Owner.code)
            .join(Product, Product.id == Stock.product_id)
            .join(Lot, Lot.id == Stock.lot_id)
            .join(Location, Location.id == Stock.location_id)
            .join(Owner, Owner.id == Lot.owner_id))
    for name, column, key in _PREFIX_FILTERS:
        value = getattr(f, name)
        if value:
            stmt = stmt.where((column + 0 if name in by_id else column).in_(
                select(key.class_.id).where(key.startswith(value))))
    if f.status:
        stmt = stmt.where(Stock.status == f.status)
    if f.owner:
        stmt = stmt.where(Owner.code == f.owner)
    return stmt


_PREFIX_FILTERS = (("sku", Stock.product_id, Product.sku), ("location", Stock.location_id, Location.code),
                   ("batch", Stock.lot_id, Lot.batch_no))


def broad_filters(uow: UnitOfWork, f: StockFilter) -> frozenset[str]:
    """The prefix filters that match a broad share of their keys (SQLite pages those in stock-id order).

    PostgreSQL's planner weighs this itself from its statistics, so nothing is forced there.
    """
    if uow.is_postgres:
        return frozenset()
    broad = set()
    for name, _column, key in _PREFIX_FILTERS:
        value = getattr(f, name)
        if value:
            total = uow.session.execute(select(func.count()).select_from(key.class_)).scalar_one()
            matched = uow.session.execute(select(func.count()).where(key.startswith(value))).scalar_one()
            if matched > BROAD * total:
                broad.add(name)
    return frozenset(broad)


def stock_page(uow: UnitOfWork, f: StockFilter, after_id: int = 0, limit: int = 200) -> list[tuple]:
    """One page of stock rows after `after_id`: (id, sku, name, batch, expiry, location, lpn, status, qty, reserved,
    owner code)."""
    require(uow, Permission.VIEW)
    stmt = stock_query(f, broad_filters(uow, f)).where(Stock.id > after_id).order_by(Stock.id).limit(limit)
    return [tuple(r) for r in uow.session.execute(stmt)]


def stock_count(uow: UnitOfWork, f: StockFilter) -> int:
    require(uow, Permission.VIEW)
    return uow.session.execute(select(func.count()).select_from(stock_query(f).subquery())).scalar_one()


def stock_rows(uow: UnitOfWork, f: StockFilter) -> list[dict]:
    """Every matching row as a plain dict (the CLI's `bwms stock --json`)."""
    out: list[dict] = []
    after = 0
    while page := stock_page(uow, f, after, 5000):
        for r in page:
            out.append({"sku": r[1], "batch": r[3], "expiry": r[4].isoformat() if r[4] else None,
                        "location": r[5], "lpn": r[6], "status": r[7], "qty": r[8], "reserved": r[9],
                        "owner": r[10]})
        after = page[-1][0]
    return out
