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

from sqlalchemy import Float, Integer, and_, case, cast, func, literal, select, union_all
from sqlalchemy.sql.elements import ColumnElement

from app.admin import owner_by_code, require, warehouse_zone
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence.models import Lot, Movement, Tariff, Warehouse
from app.persistence.uow import UnitOfWork

RETURN_KINDS = ("return",)                             # units that came back (returns)
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


def _seconds(uow: UnitOfWork, column: Any) -> ColumnElement:
    """A UTC time column as seconds since 1970 (the engines differ)."""
    if uow.is_postgres:
        return cast(func.extract("epoch", column), Float)
    return (func.julianday(column) - 2440587.5) * _DAY


def _floor(uow: UnitOfWork, value: ColumnElement) -> ColumnElement:
    return cast(func.floor(value), Integer) if uow.is_postgres else cast(value, Integer)  # ≥ 0: truncation floors


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
    _counts(uow, st, in_month)
    _storage(uow, st, mine, in_month, start)
    _charges(uow, st, ref.id)
    return st


def _counts(uow: UnitOfWork, st: Statement, in_month: ColumnElement) -> None:
    m = Movement

    def units(condition: ColumnElement) -> ColumnElement:
        return func.coalesce(func.sum(case((condition, m.quantity), else_=0)), 0)

    row = uow.session.execute(select(
        units(m.kind == "receive"),
        func.count(func.distinct(case((and_(m.kind == "receive", m.to_lpn != ""), m.to_lpn)))),
        units(m.kind == "ship"),
        func.count(func.distinct(case((m.kind == "ship", m.ref_no)))),
        units(and_(m.kind.in_(RETURN_KINDS), m.to_location_id.is_not(None))),
        units(and_(m.kind.in_(DISPOSAL_KINDS), m.to_location_id.is_(None))),
    ).where(in_month)).one()
    (st.received_units, st.received_cartons, st.units_shipped, st.orders_shipped, st.returned_units,
     st.disposed_units) = (int(v or 0) for v in row)


def _storage(uow: UnitOfWork, st: Statement, mine: ColumnElement, in_month: ColumnElement, start: datetime) -> None:
    """Opening stock per location, then the net change per location and day: units and locations each evening."""
    m = Movement
    before = and_(mine, m.at < start)
    opening: dict[int, int] = defaultdict(int)
    flows = union_all(select(m.to_location_id.label("loc"), m.quantity.label("qty"))
                      .where(before, m.to_location_id.is_not(None)),
                      select(m.from_location_id, -m.quantity).where(before, m.from_location_id.is_not(None))).subquery()
    for loc, qty in uow.session.execute(select(flows.c.loc, func.sum(flows.c.qty)).group_by(flows.c.loc)):
        opening[loc] += int(qty or 0)
    day = _floor(uow, (_seconds(uow, m.at) - literal(start.timestamp())) / _DAY)
    moves = union_all(select(m.to_location_id.label("loc"), day.label("day"), m.quantity.label("qty"))
                      .where(in_month, m.to_location_id.is_not(None)),
                      select(m.from_location_id, day, -m.quantity).where(in_month, m.from_location_id.is_not(None))
                      ).subquery()
    deltas: dict[int, dict[int, int]] = defaultdict(dict)
    for loc, d, qty in uow.session.execute(select(moves.c.loc, moves.c.day, func.sum(moves.c.qty))
                                           .group_by(moves.c.loc, moves.c.day)):
        key = min(max(int(d), 0), st.days - 1)
        deltas[loc][key] = deltas[loc].get(key, 0) + int(qty or 0)
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
