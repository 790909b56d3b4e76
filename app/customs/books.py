"""The period books (账册进出存, D11) and the three-ledger comparison (三账比对, DOMAIN.md §1.3 row 20).

`period_ledger(uow, first, last)`: per account-book item, what the customs ledger held at the start of the
period (`opening`: every ACTUAL entry before it) and how it moved within it — `entered` (ACTUAL increases other
than returns and adjustments), `decreased` (ACTUAL decreases other than disposals and adjustments), `returned`
(RETURN_IN), `adjusted` (confirmed stock-count adjustments, ADJ_PLUS − ADJ_MINUS, signed) and `disposed`
(destroyed or returned abroad) — and so `closing = opening + entered − decreased + returned + adjusted −
disposed`. `physical` is what stock holds of the item in the zone now (every status: held, damaged, frozen,
reserved units included) and `difference = closing − physical`; for a period that ends today it must be 0.
Adjustments still waiting for customs are shown apart (`adjusted_pending`, signed) and are not in the closing;
`decreased_posted` is the part of `decreased` whose lists are on an exit checklist customs has posted.
Dates are calendar days in the warehouse's time zone, both included. One grouped SQL statement, whatever the
number of items.

`compare(uow, path)`: customs' own balances (CSV `item_no,balance`, as the account-book query exports them)
beside ours (the ACTUAL balance now) and the physical stock, per item, with the differences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select

from app import clock
from app.admin import require, warehouse_zone
from app.customs.ledger import ADJUSTED, DISPOSED, RETURNED
from app.domain.roles import Permission
from app.errors import Rejected, RowError
from app.formats.tabular import RowParser, duplicates, read_table, rejected
from app.persistence.models import (
    AccountBookItem,
    CustomsLedgerEntry,
    ExitChecklist,
    ExitChecklistList,
    InventoryList,
    OrderLine,
    Product,
    Stock,
    Warehouse,
)
from app.persistence.uow import UnitOfWork

PENDING = "PENDING"  # the state of an adjustment customs has not confirmed yet
COMPARE_COLUMNS = ["item_no", "balance"]


@dataclass(frozen=True)
class PeriodLine:
    """One account-book item's movements in the period (the keys of `bwms ledger --from --to --json`)."""

    item_no: str
    name: str
    unit: str
    opening: int
    entered: int
    decreased: int
    returned: int
    adjusted: int
    disposed: int
    physical: int
    adjusted_pending: int = 0
    decreased_posted: int = 0  # of `decreased`: the lists on an exit checklist customs has posted

    @property
    def closing(self) -> int:
        return self.opening + self.entered - self.decreased + self.returned + self.adjusted - self.disposed

    @property
    def difference(self) -> int:
        return self.closing - self.physical

    def to_json(self) -> dict[str, Any]:
        return {"item_no": self.item_no, "name": self.name, "unit": self.unit, "opening": self.opening,
                "entered": self.entered, "decreased": self.decreased, "returned": self.returned,
                "adjusted": self.adjusted, "disposed": self.disposed, "closing": self.closing,
                "physical": self.physical, "difference": self.difference, "adjusted_pending": self.adjusted_pending,
                "decreased_posted": self.decreased_posted}


MOVEMENTS = ("opening", "entered", "decreased", "returned", "adjusted", "disposed", "closing", "physical",
             "difference", "adjusted_pending", "decreased_posted")


@dataclass(frozen=True)
class PeriodBooks:
    first: date
    last: date
    lines: list[PeriodLine]

    def totals(self) -> dict[str, int]:
        rows = [line.to_json() for line in self.lines]
        return {k: sum(r[k] for r in rows) for k in MOVEMENTS}

    def to_json(self) -> dict[str, Any]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat(),
                "items": [line.to_json() for line in self.lines], "totals": self.totals()}


def period_bounds(uow: UnitOfWork, first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the calendar days first…last in the warehouse's time zone."""
    if last < first:
        raise Rejected(f"the period ends ({last}) before it starts ({first})", code="bad_period",
                       first=first.isoformat(), last=last.isoformat())
    zone = warehouse_zone(uow.session)
    start = datetime.combine(first, time(0), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC)
    return start, end


def _sum(condition: ColumnElement[bool], value: ColumnElement[int]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def period_ledger(uow: UnitOfWork, first: date, last: date) -> PeriodBooks:
    """Every account-book item's opening, movements, closing and physical stock for the days first…last."""
    require(uow, Permission.VIEW)
    start, end = period_bounds(uow, first, last)
    e = CustomsLedgerEntry
    q, kind = e.quantity, e.biz_type
    actual = e.state == "ACTUAL"
    within = actual & (e.at >= start)
    other = kind.not_in(RETURNED + DISPOSED + ADJUSTED)
    sums = (select(e.account_book_item_id.label("item_id"),
                   _sum(actual & (e.at < start), q).label("opening"),
                   _sum(within & other & (q > 0), q).label("entered"),
                   _sum(within & other & (q < 0), -q).label("decreased"),
                   _sum(within & kind.in_(RETURNED), q).label("returned"),
                   _sum(within & kind.in_(ADJUSTED), q).label("adjusted"),
                   _sum(within & kind.in_(DISPOSED), -q).label("disposed"),
                   _sum((e.state == PENDING) & kind.in_(ADJUSTED), q).label("pending"))
            .where(e.at < end).group_by(e.account_book_item_id).subquery())
    held = (select(Product.account_book_item_id.label("item_id"), func.sum(Stock.quantity).label("physical"))
            .join(Product, Product.id == Stock.product_id).group_by(Product.account_book_item_id).subquery())
    posted = (select(OrderLine.account_book_item_id.label("item_id"), func.sum(OrderLine.quantity).label("units"))
              .join(InventoryList, InventoryList.order_id == OrderLine.order_id)
              .join(ExitChecklistList, ExitChecklistList.list_id == InventoryList.id)
              .join(ExitChecklist, ExitChecklist.id == ExitChecklistList.checklist_id)
              .where(ExitChecklist.status == "posted", InventoryList.written_off_at >= start,
                     InventoryList.written_off_at < end)
              .group_by(OrderLine.account_book_item_id).subquery())
    zero = literal(0)
    rows = uow.session.execute(
        select(AccountBookItem.item_no, AccountBookItem.name, AccountBookItem.unit,
               func.coalesce(sums.c.opening, zero), func.coalesce(sums.c.entered, zero),
               func.coalesce(sums.c.decreased, zero), func.coalesce(sums.c.returned, zero),
               func.coalesce(sums.c.adjusted, zero), func.coalesce(sums.c.disposed, zero),
               func.coalesce(held.c.physical, zero), func.coalesce(sums.c.pending, zero),
               func.coalesce(posted.c.units, zero))
        .outerjoin(sums, sums.c.item_id == AccountBookItem.id)
        .outerjoin(held, held.c.item_id == AccountBookItem.id)
        .outerjoin(posted, posted.c.item_id == AccountBookItem.id)
        .order_by(AccountBookItem.item_no))
    lines = [PeriodLine(no, name, unit, *(int(v) for v in numbers)) for no, name, unit, *numbers in rows]
    return PeriodBooks(first, last, lines)


def parse_day(text: str, what: str) -> date:
    """A calendar day YYYY-MM-DD (the CLI's --from/--to)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise Rejected(f"{what} {text!r} is not a date (YYYY-MM-DD)", code="bad_date", value=text) from exc


# -- the three-ledger comparison ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CompareLine:
    item_no: str
    name: str
    ours: int
    customs: int
    physical: int
    in_file: bool

    @property
    def customs_difference(self) -> int:
        return self.ours - self.customs

    @property
    def physical_difference(self) -> int:
        return self.ours - self.physical

    @property
    def differs(self) -> bool:
        return bool(self.customs_difference or self.physical_difference)

    def to_json(self) -> dict[str, Any]:
        return {"item_no": self.item_no, "name": self.name, "ours": self.ours, "customs": self.customs,
                "physical": self.physical, "ours_minus_customs": self.customs_difference,
                "ours_minus_physical": self.physical_difference, "in_customs_file": self.in_file}


@dataclass(frozen=True)
class Comparison:
    file: str
    lines: list[CompareLine]

    @property
    def differences(self) -> list[CompareLine]:
        return [line for line in self.lines if line.differs]

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "items": [line.to_json() for line in self.lines],
                "differences": [line.item_no for line in self.differences]}


def read_customs_balances(uow: UnitOfWork, path: Path | str) -> dict[str, int]:
    """item_no → customs' balance from the CSV/XLSX `item_no,balance`; FileRejected names file, line and field
    of every unknown item, repeated item or bad number (nothing is compared then)."""
    table = read_table(path, COMPARE_COLUMNS)
    known = set(uow.session.execute(select(AccountBookItem.item_no)).scalars())
    errors: list[RowError] = duplicates(table.file, table.rows, "item_no", "account-book item")
    found: dict[str, int] = {}
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        item = p.text("item_no", 32)
        balance = p.integer("balance", minimum=0, maximum=10**12)
        if item is not None and item not in known:
            p.error("item_no", f"unknown account-book item {item!r}")
        if p.ok and item is not None and balance is not None:
            found[item] = balance
    if errors:
        raise rejected(errors)
    return found


def compare(uow: UnitOfWork, path: Path | str) -> Comparison:
    """Ours (the ACTUAL balance now), customs' (the file; 0 for an item it does not list) and the physical stock."""
    require(uow, Permission.VIEW)
    theirs = read_customs_balances(uow, path)
    today = clock.warehouse_today(warehouse_zone(uow.session))
    books = period_ledger(uow, today, today)
    lines = [CompareLine(line.item_no, line.name, line.closing, theirs.get(line.item_no, 0), line.physical,
                         line.item_no in theirs) for line in books.lines]
    return Comparison(str(path), lines)


# -- the printed report (D11) ------------------------------------------------------------------------------------

def period_key(first: date, last: date) -> str:
    """The report's key as `bwms print` and the audit log name it: FROM..TO."""
    return f"{first.isoformat()}..{last.isoformat()}"


def parse_period_key(key: str) -> tuple[date, date]:
    first, sep, last = key.partition("..")
    if not sep:
        raise Rejected(f"{key!r} is not a period: FROM..TO (YYYY-MM-DD..YYYY-MM-DD)", code="bad_period")
    return parse_day(first, "the period's first day"), parse_day(last, "the period's last day")


def ledger_report(uow: UnitOfWork, key: str) -> dict[str, Any]:
    """The stock-ledger report's data (账册进出存, D11) for the period FROM..TO."""
    first, last = parse_period_key(key)
    books = period_ledger(uow, first, last)
    house = uow.session.execute(select(Warehouse).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
    zone = warehouse_zone(uow.session)
    return {"from": first.isoformat(), "to": last.isoformat(), "key": key,
            "warehouse": house.name if house else "", "account_book": house.account_book if house else "",
            "printed": clock.warehouse_now(zone).strftime("%Y-%m-%d %H:%M"),
            "items": [line.to_json() for line in books.lines], "totals": books.totals(),
            "preparer": uow.actor.username}
