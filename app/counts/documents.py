"""The count documents' data: the stocktake sheet (盘点单, DOMAIN.md D13: blind, with the counter's and the
checker's signature lines) and the variance report (盘点差异报告) with the customs-ledger adjustments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import clock
from app.admin import require
from app.counts.queries import report_data, sheet_data
from app.domain.roles import Permission
from app.errors import NotFound
from app.persistence.models import Warehouse
from app.persistence.uow import UnitOfWork

STATUS_CN = {"open": "盘点中", "closed": "已结束", "recounted": "已复盘", "approved": "已审批",
             "confirmed": "海关已确认"}


def _id(key: str) -> int:
    if not key.strip().isdigit():
        raise NotFound(f"no stock count {key!r}: give its number", code="unknown_count", count=key)
    return int(key)


def _house(uow: UnitOfWork, data: dict[str, Any]) -> dict[str, Any]:
    house = uow.session.execute(select(Warehouse).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
    zone = clock.zone_named(house.time_zone if house is not None else None)

    def when(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment is not None else ""

    out = {**data, "warehouse": house.name if house else "", "account_book": house.account_book if house else "",
           "area_code": house.area_code if house else "", "status_cn": STATUS_CN.get(data["status"], data["status"]),
           "printed": when(clock.now())}
    for name in ("created_at", "closed_at", "approved_at", "confirmed_at"):
        out[name] = when(data[name])
    return out


def count_sheet(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The blind stocktake sheet: every location in walk order with the products and batches the books place there,
    never their quantities; the counted column is left to the counter's pen."""
    require(uow, Permission.PRINT)
    return _house(uow, sheet_data(uow, _id(key)))


def count_report(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The variance report of a closed count: location, SKU, batch, expected, counted, difference; the surplus and
    shortage totals and the customs-ledger adjustments (pending or confirmed)."""
    require(uow, Permission.PRINT)
    return _house(uow, report_data(uow, _id(key)))
