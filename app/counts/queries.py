"""Read-only queries of the counts area: the list of counts, one count's sheet (blind) and its variance report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.admin import require
from app.counts.counting import LEDGER_DOC, find_count, variances
from app.domain.roles import Permission
from app.persistence.models import (
    CustomsLedgerEntry,
    Location,
    Lot,
    Product,
    Stock,
    StockCount,
    StockCountLocation,
    StockCountVariance,
)
from app.persistence.uow import UnitOfWork

COUNT_COLUMNS = ["count", "status", "scope", "locations", "visited", "variances", "created_at", "created_by",
                 "approved_by", "confirmed_by"]


def _when(value: Any) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""


def list_counts(uow: UnitOfWork, status: str | None = None) -> list[dict[str, Any]]:
    """Every count, newest first: its status, scope, locations (visited so far) and variances found."""
    require(uow, Permission.VIEW)
    visited = (select(StockCountLocation.count_id, func.count().label("n"))
               .where(StockCountLocation.visited.is_(True)).group_by(StockCountLocation.count_id).subquery())
    found = (select(StockCountVariance.count_id, func.count().label("n"))
             .group_by(StockCountVariance.count_id).subquery())
    stmt = (select(StockCount, visited.c.n, found.c.n)
            .outerjoin(visited, visited.c.count_id == StockCount.id)
            .outerjoin(found, found.c.count_id == StockCount.id).order_by(StockCount.id.desc()))
    if status:
        stmt = stmt.where(StockCount.status == status)
    return [{"count": c.id, "status": c.status, "scope": c.scope, "locations": c.location_count,
             "visited": int(v or 0), "variances": int(n or 0), "recount_of": c.recount_of,
             "created_at": _when(c.created_at), "created_by": c.created_by, "closed_at": _when(c.closed_at),
             "approved_by": c.approved_by, "approved_at": _when(c.approved_at), "reason": c.reason,
             "confirmed_by": c.confirmed_by, "confirmed_at": _when(c.confirmed_at)}
            for c, v, n in uow.session.execute(stmt)]


def _head(uow: UnitOfWork, count_id: int) -> dict[str, Any]:
    count = find_count(uow, count_id)
    return {"count": count.id, "status": count.status, "scope": count.scope, "locations": count.location_count,
            "recount_of": count.recount_of, "created_at": count.created_at, "created_by": count.created_by,
            "closed_at": count.closed_at, "closed_by": count.closed_by, "approved_at": count.approved_at,
            "approved_by": count.approved_by, "reason": count.reason, "confirmed_at": count.confirmed_at,
            "confirmed_by": count.confirmed_by}


def sheet_data(uow: UnitOfWork, count_id: int) -> dict[str, Any]:
    """The stocktake sheet (D13), blind: every location of the count in walk order with the products and batches
    the books place there — never their quantities — and room to write what is found."""
    require(uow, Permission.VIEW)
    head = _head(uow, count_id)
    rows = uow.session.execute(
        select(Location.code, Product.sku, Product.name_cn, Lot.batch_no)
        .select_from(StockCountLocation).join(Location, Location.id == StockCountLocation.location_id)
        .outerjoin(Stock, Stock.location_id == Location.id).outerjoin(Lot, Lot.id == Stock.lot_id)
        .outerjoin(Product, Product.id == Lot.product_id)
        .where(StockCountLocation.count_id == count_id)
        .group_by(Location.code, Location.pick_sequence, Product.sku, Product.name_cn, Lot.batch_no)
        .order_by(Location.pick_sequence, Location.code, Product.sku, Lot.batch_no)).all()
    lines = [{"location": code, "sku": sku or "", "name": name or "", "batch": batch or ""}
             for code, sku, name, batch in rows]
    return {**head, "lines": lines}


def report_data(uow: UnitOfWork, count_id: int) -> dict[str, Any]:
    """The variance report: the count's differences, their totals and the customs-ledger adjustments it made."""
    require(uow, Permission.VIEW)
    head = _head(uow, count_id)
    found = [v.to_json() for v in variances(uow, count_id)]
    ledger: list[dict[str, Any]] = [{"account_book_item": item, "biz_type": biz, "state": state, "quantity": int(qty)}
              for item, biz, state, qty in uow.session.execute(
                  select(CustomsLedgerEntry.account_book_item_id, CustomsLedgerEntry.biz_type,
                         CustomsLedgerEntry.state, func.sum(CustomsLedgerEntry.quantity))
                  .where(CustomsLedgerEntry.doc_type == LEDGER_DOC, CustomsLedgerEntry.doc_no == str(count_id))
                  .group_by(CustomsLedgerEntry.account_book_item_id, CustomsLedgerEntry.biz_type,
                            CustomsLedgerEntry.state)
                  .order_by(CustomsLedgerEntry.account_book_item_id, CustomsLedgerEntry.biz_type))]
    if ledger:
        from app.persistence.models import AccountBookItem

        names = dict(uow.session.execute(select(AccountBookItem.id, AccountBookItem.item_no)).all())
        for row in ledger:
            row["account_book_item"] = names.get(row["account_book_item"], str(row["account_book_item"]))
    return {**head, "variances": found, "ledger": ledger,
            "surplus": sum(v["difference"] for v in found if v["difference"] > 0),
            "shortage": -sum(v["difference"] for v in found if v["difference"] < 0)}
