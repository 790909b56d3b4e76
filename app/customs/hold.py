"""What a declared inventory list holds in the customs ledger: its pre-decrease, kept in step with its state.

A list holds a PRE_DECREASE (state PRE, −qty per account-book item) from declaration until customs
rejects it (receipt 100), its cancellation is confirmed (CEB624), or the goods leave the zone (gate-out
turns the pre-decrease into the actual decrease). Writing happens only on a change of that answer, so
receipts arriving twice or out of order never double a row.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import Select, bindparam, func, insert, literal, literal_column, select, union_all, update

from app.persistence.models import ConsumerOrder, CustomsLedgerEntry, InventoryList, OrderLine
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork


def quantities_by_item(order: ConsumerOrder) -> dict[int, int]:
    """Account-book item id → units the order declares."""
    needed: Counter[int] = Counter()
    for line in order.lines:
        needed[line.account_book_item_id] += line.quantity
    return dict(needed)


def pre_decrease_rows(order: ConsumerOrder, cop_no: str, user_id: int | None, at: datetime) -> list[dict]:
    """The PRE_DECREASE rows of a newly declared list, for a bulk insert (the export's fast path)."""
    return [{"at": at, "account_book_item_id": item, "owner_id": order.owner_id, "biz_type": "PRE_DECREASE",
             "state": "PRE", "quantity": -qty, "doc_type": "CEB621", "doc_no": cop_no, "user_id": user_id}
            for item, qty in sorted(quantities_by_item(order).items())]


def hold_wanted(lst: InventoryList) -> bool:
    return (lst.status not in ("rejected", "return_abroad") and lst.cancel_state != "cancelled"
            and lst.written_off_at is None)


def sync_hold(uow: UnitOfWork, lst: InventoryList, order: ConsumerOrder, doc_type: str) -> int:
    """Write PRE_DECREASE or PRE_RELEASE rows if the list's hold must change; returns the rows written."""
    wanted = hold_wanted(lst)
    if wanted == lst.pre_held:
        return 0
    sign, biz_type = (-1, "PRE_DECREASE") if wanted else (1, "PRE_RELEASE")
    rows = [CustomsLedgerEntry(account_book_item_id=item, owner_id=order.owner_id, biz_type=biz_type, state="PRE",
                               quantity=sign * qty, doc_type=doc_type, doc_no=lst.cop_no, user_id=uow.actor.user_id)
            for item, qty in sorted(quantities_by_item(order).items())]
    uow.session.add_all(rows)
    lst.pre_held = wanted
    uow.changes.touch(Area.LEDGER)
    return len(rows)


def write_off_at_gate_out(uow: UnitOfWork, lst: InventoryList, order: ConsumerOrder, doc_no: str) -> None:
    """For the gate-out (shipping): release the pre-decrease and write the actual decrease (OUT, ACTUAL).

    The caller moves the stock out in the same transaction, so the customs balance keeps equal to stock.
    """
    if lst.written_off_at is not None:
        return
    lst.written_off_at = utcnow()
    sync_hold(uow, lst, order, "GATE_OUT")
    uow.session.add_all([CustomsLedgerEntry(account_book_item_id=item, owner_id=order.owner_id, biz_type="OUT",
                                            state="ACTUAL", quantity=-qty, doc_type="GATE_OUT", doc_no=doc_no,
                                            user_id=uow.actor.user_id)
                         for item, qty in sorted(quantities_by_item(order).items())])


_LEDGER = CustomsLedgerEntry.__table__
_WRITTEN_OFF = (update(InventoryList).where(InventoryList.id == bindparam("list_id"))
                .values(written_off_at=bindparam("at"), pre_held=False))


def _write_off_rows(biz_type: str, state: str, sign: int, doc_no: str) -> Select:
    """The ledger rows of one kind for the order's account-book items, from its lines (summed per item)."""
    return (select(bindparam("at", type_=_LEDGER.c.at.type).label("at"),
                   OrderLine.account_book_item_id.label("account_book_item_id"),
                   ConsumerOrder.owner_id.label("owner_id"),
                   literal(biz_type).label("biz_type"), literal(state).label("state"),
                   (func.sum(OrderLine.quantity) * sign).label("quantity"), literal("GATE_OUT").label("doc_type"),
                   bindparam(doc_no, type_=_LEDGER.c.doc_no.type).label("doc_no"),
                   bindparam("user_id", type_=_LEDGER.c.user_id.type).label("user_id"))
            .join(ConsumerOrder, ConsumerOrder.id == OrderLine.order_id)
            .where(OrderLine.order_id == bindparam("order_id"))
            .group_by(OrderLine.account_book_item_id, ConsumerOrder.owner_id))


_COLUMNS = ["at", "account_book_item_id", "owner_id", "biz_type", "state", "quantity", "doc_type", "doc_no", "user_id"]
_OUT = _write_off_rows("OUT", "ACTUAL", -1, "gate_pass")
# a list that still holds its pre-decrease: the PRE_RELEASE rows first, then the OUT rows, each by item
_RELEASE_AND_OUT = union_all(_write_off_rows("PRE_RELEASE", "PRE", 1, "cop_no"), _OUT).order_by(
    literal_column("state").desc(), literal_column("account_book_item_id"))
_LEDGER_OUT = {False: insert(_LEDGER).from_select(_COLUMNS, _OUT.order_by(OrderLine.account_book_item_id)),
               True: insert(_LEDGER).from_select(_COLUMNS, _RELEASE_AND_OUT)}


def write_off_core(uow: UnitOfWork, list_id: int, order_id: int, cop_no: str, pre_held: bool, doc_no: str) -> None:
    """`write_off_at_gate_out` for a list not yet written off, in Core statements (the gate scan's hot path):
    the order's PRE_RELEASE rows (if it still holds a pre-decrease) and its OUT rows in one INSERT … SELECT
    from its lines, the list marked written off. The caller moves the stock out in the same transaction."""
    at = utcnow()
    uow.conn.execute(_LEDGER_OUT[bool(pre_held)], {"at": at, "order_id": order_id, "cop_no": cop_no,
                                                   "gate_pass": doc_no, "user_id": uow.actor.user_id})
    uow.conn.execute(_WRITTEN_OFF, {"list_id": list_id, "at": at})
    uow.changes.touch(Area.LEDGER)
