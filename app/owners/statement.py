"""The monthly statement of one owner: everything computed from the movements of the owner's lots.

Received units and cartons (handling units) from `receive` movements, orders and units shipped from `ship`
movements (an order is a parcel's waybill), returned and disposed units from the returns' and disposals'
movements, and storage from the stock each evening: the owner's units and the locations holding them at the
end of each day of the month (in the warehouse's time zone), summed over the days — unit-days and
location-days. The stock at a moment is the sum of the movements before it, so the statement equals what a
query of the movements gives. The charges apply the owner's tariff to those figures.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from app.admin import owner_by_code, require, warehouse_zone
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence.models import Lot, Movement, Tariff, Warehouse
from app.persistence.uow import UnitOfWork

RETURN_KINDS = ("return_in",)                          # units that came back (consumer returns received)
DISPOSAL_KINDS = ("destroy", "dispose", "return_abroad")  # units destroyed or sent back abroad (disposals)
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = 86400
CENT = Decimal("0.01")


@dataclass
class Statement:
    owner: str
    owner_name: str
    customs_code: str
    month: str
    start: datetime
    end: datetime          # the end of the month, or now for the month under way
    days: int
    received_units: int = 0
    received_cartons: int = 0
    orders_shipped: int = 0
    units_shipped: int = 0
    returned_units: int = 0
    disposed_units: int = 0
    opening_units: int = 0
    closing_units: int = 0
    unit_days: int = 0
    location_days: int = 0
    tariff: dict[str, Decimal] | None = None
    charges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((c["amount"] for c in self.charges), Decimal("0.00"))

    def to_json(self) -> dict[str, Any]:
        return {
            "owner": self.owner, "owner_name": self.owner_name, "customs_code": self.customs_code,
            "month": self.month, "from": self.start.isoformat(), "to": self.end.isoformat(), "days": self.days,
            "received": {"units": self.received_units, "cartons": self.received_cartons},
            "shipped": {"orders": self.orders_shipped, "units": self.units_shipped},
            "returned_units": self.returned_units, "disposed_units": self.disposed_units,
            "storage": {"opening_units": self.opening_units, "closing_units": self.closing_units,
                        "unit_days": self.unit_days, "location_days": self.location_days},
            "tariff": {k: str(v) for k, v in self.tariff.items()} if self.tariff is not None else None,
            "charges": [{"item": c["item"], "quantity": c["quantity"], "rate": str(c["rate"]),
                         "amount": str(c["amount"])} for c in self.charges],
            "total": str(self.total), "currency": "CNY",
        }

    def describe(self) -> str:
        lines = [f"statement of {self.owner} ({self.owner_name}) for {self.month}: {self.days} days",
                 f"  received   {self.received_units} units in {self.received_cartons} cartons",
                 f"  shipped    {self.units_shipped} units in {self.orders_shipped} orders",
                 f"  returned   {self.returned_units} units; disposed {self.disposed_units} units",
                 f"  storage    {self.opening_units} → {self.closing_units} units; {self.unit_days} unit-days, "
                 f"{self.location_days} location-days"]
        if self.tariff is None:
            lines.append("  no tariff: import one with `bwms import tariffs FILE`")
        lines += [f"  {c['item']:<18} {c['quantity']:>10} × {c['rate']:>8} = {c['amount']:>12}" for c in self.charges]
        lines.append(f"  total {self.total} CNY")
        return "\n".join(lines)


def month_bounds(month: str, zone: Any, now: datetime) -> tuple[datetime, datetime]:
    """The month's first moment and its end (now, for the month under way), in UTC; a future month is refused."""
    match = _MONTH.fullmatch(month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise Rejected(f"the month must be written YYYY-MM, got {month!r}", code="bad_month", month=month)
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime(year, number, 1, tzinfo=zone)
    if start > now:
        raise Rejected(f"the month {month} has not begun: a statement covers a month that has begun",
                       code="future_month", month=month)
    last = calendar.monthrange(year, number)[1]
    end = start + timedelta(days=last)
    return start.astimezone(UTC), min(end, now).astimezone(UTC)


def _day_index(uow: UnitOfWork, column: Any, start: datetime) -> ColumnElement:
    """Whole days from `start` to a UTC time column, exactly (a movement at midnight belongs to the new day).

    SQLite: whole seconds since 1970 (strftime '%s', an integer) and integer division, never a float that could
    put a movement at 00:00:00 into the day before; PostgreSQL: floor of the exact epoch difference."""
    begin = int(start.timestamp())
    if uow.is_postgres:
        return cast(func.floor((func.extract("epoch", column) - begin) / _DAY), Integer)
    return (cast(func.strftime("%s", column), Integer) - begin) // _DAY


def monthly_statement(uow: UnitOfWork, owner: str, month: str, *, now: datetime | None = None) -> Statement:
    """The owner's statement for `month` (YYYY-MM, in the warehouse's time zone), read from the movements."""
    require(uow, Permission.SUPERVISE)
    ref = owner_by_code(uow.session, owner)
    start, end = month_bounds(month, warehouse_zone(uow.session), now or datetime.now(UTC))
    days = max(1, -(-int((end - start).total_seconds()) // _DAY))
    st = Statement(ref.code, ref.name, ref.customs_code or "", month.strip(), start, end, days)
    owned = select(Lot.id).where(Lot.owner_id == ref.id).scalar_subquery()
    m = Movement
    mine = m.lot_id.in_(owned)
    in_month = and_(mine, m.at >= start, m.at < end)
    _storage(uow, st, mine, in_month, start)
    _charges(uow, st, ref.id)
    return st


def _month(uow: UnitOfWork, st: Statement, in_month: ColumnElement, start: datetime,
           deltas: dict[int, dict[int, int]]) -> None:
    """One pass over the month's movements of the owner's lots: the counts, and each location's change per day."""
    m = Movement
    day = _day_index(uow, m.at, start)
    stmt = select(m.kind, m.quantity, m.from_location_id, m.to_location_id, day,
                  case((m.kind == "receive", m.to_lpn), else_=None), case((m.kind == "ship", m.ref_no), else_=None)
                  ).where(in_month)
    cartons: set[str] = set()
    waybills: set[str] = set()
    units: dict[str, int] = defaultdict(int)
    last = st.days - 1
    result = uow.session.execute(stmt.execution_options(stream_results=True, yield_per=20_000))
    for kind, qty, src, dst, d, lpn, ref in result:
        d = 0 if d < 0 else last if d > last else d
        units[kind] += qty
        if dst is not None:
            changes = deltas[dst]
            changes[d] = changes.get(d, 0) + qty
            if lpn:
                cartons.add(lpn)
        elif kind in DISPOSAL_KINDS:
            st.disposed_units += qty
        if src is not None:
            changes = deltas[src]
            changes[d] = changes.get(d, 0) - qty
        elif kind in RETURN_KINDS:
            st.returned_units += qty
        if ref is not None:
            waybills.add(ref)
    st.received_units, st.units_shipped = units["receive"], units["ship"]
    st.received_cartons, st.orders_shipped = len(cartons), len(waybills)


def _storage(uow: UnitOfWork, st: Statement, mine: ColumnElement, in_month: ColumnElement, start: datetime) -> None:
    """Opening stock per location (one grouped scan of what came before), the month's changes per location and day
    (one pass): the owner's units and the locations holding them each evening."""
    m = Movement
    opening: dict[int, int] = defaultdict(int)
    for src, dst, qty in uow.session.execute(
            select(m.from_location_id, m.to_location_id, func.sum(m.quantity))
            .where(mine, m.at < start).group_by(m.from_location_id, m.to_location_id)):
        if dst is not None:
            opening[dst] += int(qty)
        if src is not None:
            opening[src] -= int(qty)
    deltas: dict[int, dict[int, int]] = defaultdict(dict)
    _month(uow, st, in_month, start, deltas)
    st.opening_units = sum(opening.values())
    for loc in set(opening) | set(deltas):
        held, changes = opening.get(loc, 0), deltas.get(loc, {})
        for d in range(st.days):
            held += changes.get(d, 0)
            st.unit_days += held
            st.location_days += held > 0
        st.closing_units += held


def _charges(uow: UnitOfWork, st: Statement, owner_id: int) -> None:
    tariff = uow.session.execute(select(Tariff).where(Tariff.owner_id == owner_id)).scalar_one_or_none()
    if tariff is None:
        return
    st.tariff = {"per_order": tariff.per_order, "per_unit_shipped": tariff.per_unit_shipped,
                 "per_carton_received": tariff.per_carton_received, "per_location_day": tariff.per_location_day}
    for item, quantity, rate in (("orders_shipped", st.orders_shipped, tariff.per_order),
                                 ("units_shipped", st.units_shipped, tariff.per_unit_shipped),
                                 ("cartons_received", st.received_cartons, tariff.per_carton_received),
                                 ("location_days", st.location_days, tariff.per_location_day)):
        st.charges.append({"item": item, "quantity": quantity, "rate": rate,
                           "amount": (rate * quantity).quantize(CENT)})


def statement_document(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The data of the printed statement for key OWNER/YYYY-MM (the document registry's data function)."""
    owner, _, month = key.partition("/")
    if not owner or not month:
        raise Rejected(f"a statement is named OWNER/YYYY-MM, got {key!r}", code="bad_month", month=key)
    st = monthly_statement(uow, owner, month)
    zone = warehouse_zone(uow.session)
    data = st.to_json()
    data["from_local"] = st.start.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    data["to_local"] = st.end.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    data["warehouse"] = uow.session.scalar(select(Warehouse.name).limit(1)) or ""
    return data
