"""Alerts: what needs someone's attention before a deadline passes (`bwms alerts`, the overview, the navigation badge).

Every alert is {"kind", "key", "due", "text"}: `kind` says which clock runs, `key` the record (a lot's batch, an
order, a declaration, a return), `due` when the clock runs out (ISO date or UTC time), `text` one English sentence; the
screens build their own sentence from `kind` and `params`. The kinds are the functions in `SOURCES`, each reading
the database once: another clock (returns and disposals, say) is one more function appended there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app import settings
from app.admin import require, warehouse_zone
from app.domain.returns import ARRIVAL_CLOCK_RUNS
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence.models import (
    AccountBookItem,
    ConsumerOrder,
    DeclarationLine,
    InboundDeclaration,
    InspectionPull,
    InventoryList,
    Lot,
    Product,
    ReturnCase,
    Stock,
)
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork

# stock still in the bonded warehouse (not shipped: shipping removes it from the stock table)
ON_HAND = ("hold", "available", "frozen", "damaged", "expired")


@dataclass(frozen=True)
class Alert:
    kind: str
    key: str
    due: date | datetime
    text: str
    params: dict[str, Any] = field(default_factory=dict)  # for the screens' translated sentence

    def to_json(self) -> dict[str, str]:
        due = self.due.isoformat(timespec="seconds") if isinstance(self.due, datetime) else self.due.isoformat()
        return {"kind": self.kind, "key": self.key, "due": due, "text": self.text}

    def sort_key(self) -> tuple[str, str, str]:
        due = self.due if isinstance(self.due, datetime) else datetime(self.due.year, self.due.month, self.due.day)
        return (due.replace(tzinfo=None).isoformat(), self.kind, self.key)


@dataclass(frozen=True)
class AlertClock:
    """What every alert source is given: now, today in the warehouse's zone, and the settings' windows."""

    now: datetime
    today: date
    zone: ZoneInfo
    expiry_within: int        # days to expiry that raise an expiry alert
    sale_lock_days: int
    storage_warning_days: int
    receipt_overdue_hours: int
    hold_alert_hours: int
    return_warning_days: int


def clock(uow: UnitOfWork, expiry_within: int | None = None, now: datetime | None = None) -> AlertClock:
    s = uow.session
    moment = now or utcnow()
    zone = warehouse_zone(s)
    lock = settings.get(s, "sale_lock_days")
    if expiry_within is not None and expiry_within < 0:
        raise Rejected(f"--expiry-within {expiry_within}: days must be 0 or more", code="bad_days")
    within = lock + settings.get(s, "expiry_warning_days") if expiry_within is None else expiry_within
    return AlertClock(moment, moment.astimezone(zone).date(), zone, within, lock,
                      settings.get(s, "storage_limit_warning_days"), settings.get(s, "receipt_overdue_hours"),
                      settings.get(s, "hold_alert_hours"), settings.get(s, "return_warning_days"))


def expiry_alerts(uow: UnitOfWork, c: AlertClock) -> list[Alert]:
    """Lots with units on hand that expire within the window (the sale lock plus the warning setting)."""
    last = c.today + timedelta(days=c.expiry_within)
    rows = uow.session.execute(
        select(Lot.batch_no, Lot.expiry_date, Product.sku, func.sum(Stock.quantity).label("qty"))
        .join(Stock, Stock.lot_id == Lot.id).join(Product, Product.id == Lot.product_id)
        .where(Lot.expiry_date.is_not(None), Lot.expiry_date <= last, Stock.quantity > 0,
               Stock.status.in_(ON_HAND))
        .group_by(Lot.id, Lot.batch_no, Lot.expiry_date, Product.sku))
    out = []
    for batch, expiry, sku, qty in rows:
        if expiry is None:  # the query keeps only lots with an expiry date
            continue
        days = (expiry - c.today).days
        locked = days <= c.sale_lock_days
        lock_starts = expiry - timedelta(days=c.sale_lock_days)
        text = (f"{sku} lot {batch}: {qty} units expire on {expiry.isoformat()} ({days} days); "
                + ("in the sale lock: no longer allocated to orders" if locked
                   else f"enters the {c.sale_lock_days}-day sale lock on {lock_starts.isoformat()}"))
        out.append(Alert("expiry", batch, expiry, text, {"sku": sku, "batch": batch, "qty": int(qty), "days": days,
                                                        "locked": locked, "lock_starts": lock_starts.isoformat()}))
    return out


def storage_limit_alerts(uow: UnitOfWork, c: AlertClock) -> list[Alert]:
    """Lots on hand whose account-book item's storage-time limit (days since entry) runs out within the warning."""
    rows = uow.session.execute(
        select(Lot.batch_no, Lot.received_at, Product.sku, AccountBookItem.item_no,
               AccountBookItem.storage_limit_days, func.sum(Stock.quantity).label("qty"))
        .join(Stock, Stock.lot_id == Lot.id).join(Product, Product.id == Lot.product_id)
        .join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
        .join(AccountBookItem, AccountBookItem.id == DeclarationLine.account_book_item_id)
        .where(AccountBookItem.storage_limit_days.is_not(None), Stock.quantity > 0, Stock.status.in_(ON_HAND))
        .group_by(Lot.id, Lot.batch_no, Lot.received_at, Product.sku, AccountBookItem.item_no,
                  AccountBookItem.storage_limit_days))
    out = []
    last = c.today + timedelta(days=c.storage_warning_days)
    for batch, received_at, sku, item, limit, qty in rows:
        if limit is None:  # the query keeps only items with a limit
            continue
        due = received_at.astimezone(c.zone).date() + timedelta(days=limit)
        if due > last:
            continue
        days = (due - c.today).days
        text = (f"{sku} lot {batch} (item {item}): {qty} units reach the {limit}-day storage limit on "
                f"{due.isoformat()}" + (f" ({days} days left)" if days >= 0 else f" ({-days} days over)"))
        out.append(Alert("storage_limit", batch, due, text, {"sku": sku, "batch": batch, "item": item,
                                                             "qty": int(qty), "limit": limit, "days": days}))
    return out


def receipt_alerts(uow: UnitOfWork, c: AlertClock) -> list[Alert]:
    """Orders declared to customs that have had no receipt after the setting's hours."""
    cutoff = c.now - timedelta(hours=c.receipt_overdue_hours)
    rows = uow.session.execute(
        select(ConsumerOrder.order_no, InventoryList.cop_no, InventoryList.declared_at)
        .join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
        .where(ConsumerOrder.status == "declared", InventoryList.latest_return_at.is_(None),
               InventoryList.declared_at <= cutoff)
        .order_by(InventoryList.declared_at))
    out = []
    for order_no, cop_no, declared_at in rows:
        hours = int((c.now - declared_at).total_seconds() // 3600)
        text = f"order {order_no} (list {cop_no}) declared {hours} h ago: no customs receipt yet"
        out.append(Alert("no_receipt", order_no, declared_at + timedelta(hours=c.receipt_overdue_hours), text,
                         {"order_no": order_no, "cop_no": cop_no, "hours": hours}))
    return out


def held_since(uow: UnitOfWork) -> list[tuple[str, str, datetime, int]]:
    """Every hold now: (kind, key, since, units or orders) — goods awaiting customs release per declaration,
    orders under inspection or detained, parcels pulled for inspection whose order has not left."""
    s = uow.session
    customs = s.execute(
        select(InboundDeclaration.declaration_no, func.min(Lot.received_at), func.sum(Stock.quantity))
        .join(DeclarationLine, DeclarationLine.declaration_id == InboundDeclaration.id)
        .join(Lot, Lot.declaration_line_id == DeclarationLine.id).join(Stock, Stock.lot_id == Lot.id)
        .where(Stock.status == "hold", Stock.quantity > 0).group_by(InboundDeclaration.declaration_no))
    inspection = s.execute(
        select(ConsumerOrder.order_no, func.coalesce(InventoryList.latest_return_at, InventoryList.declared_at))
        .join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
        .where(ConsumerOrder.status.in_(("inspection", "detained"))))
    pulled = s.execute(
        select(ConsumerOrder.order_no, InspectionPull.pulled_at)
        .join(ConsumerOrder, ConsumerOrder.id == InspectionPull.order_id)
        .where(ConsumerOrder.status.not_in(("shipped", "cancelled"))))
    return ([("customs_hold", no, since, int(qty)) for no, since, qty in customs]
            + [("inspection", no, since, 1) for no, since in inspection]
            + [("pulled", no, since, 1) for no, since in pulled])


HOLD_TEXT = {"customs_hold": "declaration {key}: {units} units held {hours} h awaiting customs release",
             "inspection": "order {key} under customs inspection for {hours} h",
             "pulled": "order {key}: parcel pulled for inspection {hours} h ago"}


def hold_alerts(uow: UnitOfWork, c: AlertClock) -> list[Alert]:
    """Holds older than the setting's hours."""
    limit = timedelta(hours=c.hold_alert_hours)
    out = []
    for kind, key, since, units in held_since(uow):
        if c.now - since < limit:
            continue
        hours = int((c.now - since).total_seconds() // 3600)
        out.append(Alert("hold", key, since + limit, HOLD_TEXT[kind].format(key=key, units=units, hours=hours),
                         {"hold": kind, "key": key, "units": units, "hours": hours}))
    return out


def return_alerts(uow: UnitOfWork, c: AlertClock) -> list[Alert]:
    """Consumer returns still on their way whose parcel must be back (customs' arrival clock) within the warning."""
    last = c.today + timedelta(days=c.return_warning_days)
    rows = uow.session.execute(
        select(ReturnCase.return_no, ConsumerOrder.order_no, ReturnCase.arrive_by)
        .join(ConsumerOrder, ConsumerOrder.id == ReturnCase.order_id)
        .where(ReturnCase.status.in_(ARRIVAL_CLOCK_RUNS), ReturnCase.arrive_by <= last).order_by(ReturnCase.arrive_by))
    out = []
    for return_no, order_no, arrive_by in rows:
        days = (arrive_by - c.today).days
        text = (f"return {return_no} of order {order_no}: the parcel must be back by {arrive_by.isoformat()} "
                + (f"({days} days left)" if days >= 0 else f"({-days} days late)"))
        out.append(Alert("return", return_no, arrive_by, text, {"return_no": return_no, "order_no": order_no,
                                                                "days": days}))
    return out


# kind → its source, in the order the overview lists kinds; a new clock is one more entry
SOURCES: dict[str, Callable[[UnitOfWork, AlertClock], list[Alert]]] = {
    "expiry": expiry_alerts,
    "storage_limit": storage_limit_alerts,
    "no_receipt": receipt_alerts,
    "hold": hold_alerts,
    "return": return_alerts,
}


def alerts(uow: UnitOfWork, expiry_within: int | None = None, now: datetime | None = None) -> list[Alert]:
    """Every alert, soonest due first (`bwms alerts`)."""
    require(uow, Permission.VIEW)
    c = clock(uow, expiry_within, now)
    found = [a for source in SOURCES.values() for a in source(uow, c)]
    return sorted(found, key=Alert.sort_key)
