"""The day at a glance: one read of the figures the overview shows and `bwms status` prints (the same function).

Every figure counts what a list screen lists: declarations by status (the declarations screen), orders by flow
stage (the orders screen's tabs, app.domain.order_flow), waves in progress (the waves screen), parcels packed or
on a manifest that has not left (the manifests screen), holds with their age, alerts by kind (`bwms alerts`),
and the three charts' series. Each part is one aggregate query; none reads the movement ledger.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import func, select

from app.admin import require
from app.domain.order_flow import stage_counts
from app.domain.roles import Permission
from app.overview.alerts import SOURCES, Alert, clock, held_since
from app.persistence.models import (
    ConsumerOrder,
    InboundDeclaration,
    InventoryList,
    Manifest,
    OrderRejection,
    Parcel,
    PickTask,
    Stock,
    Wave,
)
from app.persistence.models.inbound import DECLARATION_STATUSES, LOT_STATUSES
from app.persistence.uow import UnitOfWork

CHART_DAYS = 14


def _counts(uow: UnitOfWork, column: Any) -> dict[str, int]:
    return {k: int(v) for k, v in uow.session.execute(select(column, func.count()).group_by(column))}


def _buckets(uow: UnitOfWork, column: Any, edges: list[datetime]) -> list[int]:
    """How many rows have `column` in each [edges[i], edges[i+1]): one statement of range counts, each read from
    the column's index (a COUNT over a range of an index, not a scan of the table; the same SQL on both engines)."""
    table = column.class_
    counts = [select(func.count()).select_from(table).where(column >= lo, column < hi).scalar_subquery()
              for lo, hi in pairwise(edges)]
    return [int(n or 0) for n in uow.session.execute(select(*counts)).one()]


def _midnight(day: date, zone: Any) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)


def waves_figures(uow: UnitOfWork) -> dict[str, Any]:
    """Waves not yet picked with their progress (units picked or short of units to pick)."""
    s = uow.session
    rows = s.execute(
        select(Wave.wave_no, Wave.carrier_code, Wave.order_count, func.coalesce(func.sum(PickTask.quantity), 0),
               func.coalesce(func.sum(PickTask.picked + PickTask.short), 0))
        .outerjoin(PickTask, (PickTask.wave_id == Wave.id) & (PickTask.status != "cancelled"))
        .where(Wave.status == "open").group_by(Wave.id, Wave.wave_no, Wave.carrier_code, Wave.order_count)
        .order_by(Wave.id)).all()
    waves = [{"wave": no, "carrier": carrier, "orders": int(orders), "units": int(units), "done": int(done)}
             for no, carrier, orders, units, done in rows]
    return {"open": len(waves), "units": sum(w["units"] for w in waves), "done": sum(w["done"] for w in waves),
            "picked_waves": int(s.scalar(select(func.count()).select_from(Wave).where(Wave.status == "picked")) or 0),
            "progress": waves}


def parcels_figures(uow: UnitOfWork) -> dict[str, int]:
    """Parcels packed and not on a manifest, parcels on manifests waiting to leave (`loaded`: of them, those
    already scanned onto their vehicle at the gate, waiting for the vehicle to pass), and those manifests."""
    on_vehicle = Parcel.loaded_at.is_not(None)
    by_status = {(status, bool(loaded)): int(n) for status, loaded, n in uow.session.execute(
        select(Parcel.status, on_vehicle, func.count()).where(Parcel.status.in_(("packed", "manifested")))
        .group_by(Parcel.status, on_vehicle))}
    waiting = uow.session.scalar(select(func.count()).select_from(Manifest)
                                 .where(Manifest.status.in_(("created", "exiting")))) or 0
    loaded = by_status.get(("manifested", True), 0)
    return {"packed": by_status.get(("packed", False), 0) + by_status.get(("packed", True), 0),
            "on_manifests": by_status.get(("manifested", False), 0) + loaded, "loaded": loaded,
            "manifests_waiting": int(waiting)}


def holds_figures(uow: UnitOfWork, now: datetime) -> dict[str, dict[str, Any]]:
    """Per kind of hold: how many, the units held, and the oldest one's age in hours."""
    out: dict[str, dict[str, Any]] = {k: {"count": 0, "units": 0, "oldest": None, "oldest_hours": 0}
                                      for k in ("customs_hold", "inspection", "pulled")}
    for kind, _key, since, units in held_since(uow):
        fig = out[kind]
        fig["count"] += 1
        fig["units"] += units
        if fig["oldest"] is None or since < fig["oldest"]:
            fig["oldest"] = since
    for fig in out.values():
        if fig["oldest"] is not None:
            fig["oldest_hours"] = int((now - fig["oldest"]).total_seconds() // 3600)
            fig["oldest"] = fig["oldest"].isoformat(timespec="seconds")
    return out


def charts(uow: UnitOfWork, now: datetime, zone: Any, today: date) -> dict[str, Any]:
    """Orders received per hour today, customs releases and parcels shipped per day over 14 days, stock by status."""
    hours = [_midnight(today, zone) + timedelta(hours=h) for h in range(25)]
    per_hour = _buckets(uow, ConsumerOrder.imported_at, hours)
    first = today - timedelta(days=CHART_DAYS - 1)
    days = [_midnight(first + timedelta(days=d), zone) for d in range(CHART_DAYS + 1)]
    released = _buckets(uow, InventoryList.released_at, days)
    shipped = _buckets(uow, Parcel.shipped_at, days)
    stock = {k: int(v) for k, v in uow.session.execute(
        select(Stock.status, func.sum(Stock.quantity)).group_by(Stock.status))}
    return {"orders_per_hour": per_hour,
            "shipped_vs_released": [{"date": (first + timedelta(days=d)).isoformat(), "released": released[d],
                                     "shipped": shipped[d]} for d in range(CHART_DAYS)],
            "stock_by_status": {status: stock.get(status, 0) for status in LOT_STATUSES}}


def status_report(uow: UnitOfWork, now: datetime | None = None) -> dict[str, Any]:
    """Every figure of the overview (`bwms status --json`), read in one unit of work."""
    return overview(uow, now)[0]


def overview(uow: UnitOfWork, now: datetime | None = None) -> tuple[dict[str, Any], list[Alert]]:
    """What the overview screen shows: the status report and the alerts it counts, from the same read."""
    require(uow, Permission.VIEW)
    c = clock(uow, now=now)
    declarations = _counts(uow, InboundDeclaration.status)
    orders = stage_counts(_counts(uow, ConsumerOrder.status))
    rejections = uow.session.scalar(select(func.count()).select_from(OrderRejection)
                                    .where(OrderRejection.state == "open")) or 0
    by_kind = {kind: source(uow, c) for kind, source in SOURCES.items()}
    found = {kind: len(rows) for kind, rows in by_kind.items()}
    chart = charts(uow, c.now, c.zone, c.today)
    report = {
        "at": c.now.isoformat(timespec="seconds"), "today": c.today.isoformat(),
        "declarations": {status: declarations.get(status, 0) for status in DECLARATION_STATUSES},
        "orders": orders, "import_rejections": int(rejections),
        "waves": waves_figures(uow), "parcels": parcels_figures(uow), "holds": holds_figures(uow, c.now),
        "alerts": {"total": sum(found.values()), **found},
        "today_figures": {"orders_received": sum(chart["orders_per_hour"]),
                          "released": chart["shipped_vs_released"][-1]["released"],
                          "shipped": chart["shipped_vs_released"][-1]["shipped"]},
        "charts": chart,
    }
    return report, sorted((a for rows in by_kind.values() for a in rows), key=Alert.sort_key)
