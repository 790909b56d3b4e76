"""The customs ledger (bonded account book): append entries, and the balance of every account-book item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select

from app.admin import require
from app.domain.roles import Permission
from app.persistence.models import AccountBookItem, CustomsLedgerEntry
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork


def record(uow: UnitOfWork, account_book_item_id: int, biz_type: str, quantity: int, *, state: str = "ACTUAL",
           doc_type: str, doc_no: str, owner_id: int) -> CustomsLedgerEntry:
    """Append one entry (signed quantity: + enters the book, − leaves it) in the caller's transaction.

    `owner_id`: whose goods it counts (the lot's or the order's owner), so each owner's balance adds up."""
    entry = CustomsLedgerEntry(at=utcnow(), account_book_item_id=account_book_item_id, owner_id=owner_id,
                               biz_type=biz_type,
                               state=state, quantity=quantity, doc_type=doc_type, doc_no=doc_no,
                               user_id=uow.actor.user_id)
    uow.session.add(entry)
    uow.session.flush()
    uow.changes.touch(Area.LEDGER)
    return entry


RETURNED = ("RETURN_IN",)                 # consumer returns booked back into the account book
DISPOSED = ("DESTROY", "RETURN_ABROAD")   # lots destroyed or sent back abroad under customs approval
ADJUSTED = ("ADJ_PLUS", "ADJ_MINUS")      # stock-count surpluses (+) and shortages (−): PENDING until customs confirms


@dataclass(frozen=True)
class ItemBalance:
    """One account-book item: entered and decreased (ACTUAL entries other than returns, disposals and
    adjustments), returned (RETURN_IN), disposed (DESTROY, RETURN_ABROAD), adjusted (ACTUAL ADJ_PLUS + ADJ_MINUS,
    signed), adjusted_pending (the same, waiting for customs' confirmation: not in the balance), pre-decreased
    (PRE), and the balance."""

    account_book_item: str
    name: str
    entered: int
    pre_decreased: int
    decreased: int
    returned: int = 0
    disposed: int = 0
    adjusted: int = 0
    adjusted_pending: int = 0

    @property
    def balance(self) -> int:
        return self.entered - self.decreased + self.returned - self.disposed + self.adjusted

    def to_json(self) -> dict[str, Any]:
        return {"account_book_item": self.account_book_item, "entered": self.entered,
                "pre_decreased": self.pre_decreased, "decreased": self.decreased, "returned": self.returned,
                "disposed": self.disposed, "adjusted": self.adjusted, "adjusted_pending": self.adjusted_pending,
                "balance": self.balance}


def balances(uow: UnitOfWork) -> list[ItemBalance]:
    """Every account-book item, in item order: balance = entered − decreased + returned − disposed + adjusted (what
    customs counts as held). pre_decreased is the net of the PRE entries (declared lists not yet written off),
    shown as a positive number; adjusted_pending the count adjustments customs has not confirmed yet."""
    require(uow, Permission.VIEW)
    q = CustomsLedgerEntry.quantity
    actual = CustomsLedgerEntry.state == "ACTUAL"
    kind = CustomsLedgerEntry.biz_type
    other = kind.not_in(RETURNED + DISPOSED + ADJUSTED)
    sums = (select(CustomsLedgerEntry.account_book_item_id.label("item_id"),
                   func.sum(case((actual & other & (q > 0), q), else_=0)).label("entered"),
                   func.sum(case((actual & other & (q < 0), -q), else_=0)).label("decreased"),
                   func.sum(case((actual & kind.in_(RETURNED), q), else_=0)).label("returned"),
                   func.sum(case((actual & kind.in_(DISPOSED), -q), else_=0)).label("disposed"),
                   func.sum(case((actual & kind.in_(ADJUSTED), q), else_=0)).label("adjusted"),
                   func.sum(case(((CustomsLedgerEntry.state == "PENDING") & kind.in_(ADJUSTED), q), else_=0))
                   .label("adjusted_pending"),
                   func.sum(case((CustomsLedgerEntry.state == "PRE", -q), else_=0)).label("pre"))
            .group_by(CustomsLedgerEntry.account_book_item_id).subquery())
    rows = uow.session.execute(
        select(AccountBookItem.item_no, AccountBookItem.name, sums.c.entered, sums.c.pre, sums.c.decreased,
               sums.c.returned, sums.c.disposed, sums.c.adjusted, sums.c.adjusted_pending)
        .outerjoin(sums, sums.c.item_id == AccountBookItem.id).order_by(AccountBookItem.item_no))
    return [ItemBalance(no, name, int(entered or 0), int(pre or 0), int(decreased or 0), int(returned or 0),
                        int(disposed or 0), int(adjusted or 0), int(pending or 0))
            for no, name, entered, pre, decreased, returned, disposed, adjusted, pending in rows]
