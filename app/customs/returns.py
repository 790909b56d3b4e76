"""The customs side of a consumer return: the CEB625 request out, the CEB626 answer in, and the books.

A requested return is declared by the next `bwms customs export` (one CEB625, schema-checked, archived, never
twice). Customs answers 120 accepted, 800 approved or 100 rejected (a rejected return leaves the order shipped
and taxed). Once customs has approved it and its parcel is received, the return is booked: a RETURN_IN entry
per account-book item (the balance goes back up), the good units leave their hold at the returns location
(available for put-away), and the returned value leaves the buyer's annual total.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.admin import audit, carriers_by_code, pii
from app.customs import archive as customs_archive
from app.customs.ledger import record
from app.domain.returns import RETURN_REASONS, split_value
from app.errors import Rejected
from app.formats.customs.messages import Identity, RefundLine, ceb625
from app.formats.customs.receipts import ReceiptIn
from app.formats.customs.schemas import validate
from app.persistence.models import (
    ConsumerOrder,
    CustomsMessage,
    Location,
    Lot,
    OrderLine,
    Product,
    ReturnCase,
    Stock,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stock import movements as stock

OPEN = ("requested", "declared", "accepted", "approved")  # customs states a parcel may still arrive under
RECEIPT_STATE = {"120": "accepted", "800": "approved", "899": "approved", "100": "rejected"}


def settle(case: ReturnCase) -> None:
    """The one status shown and filtered on, from the customs state, the arrival and the booking."""
    if case.booked_at is not None:
        case.status = "returned"
    elif case.customs_state == "rejected":
        case.status = "rejected"
    elif case.received_at is not None:
        case.status = "received"
    else:
        case.status = case.customs_state


Outgoing = list[tuple[int, str, bytes]]


def declare_returns(uow: UnitOfWork, key: pii.PiiKey, ident: Identity,
                    now: datetime) -> tuple[Outgoing, list[dict[str, Any]]]:
    """One CEB625 per requested return not yet declared: built, schema-checked, archived, marked declared.

    Returns (message id, file name, bytes) to deliver after the commit, and the returns refused (with why)."""
    cases = uow.session.execute(
        select(ReturnCase).where(ReturnCase.status == "requested", ReturnCase.message_id.is_(None))
        .order_by(ReturnCase.id).options(selectinload(ReturnCase.lines))).scalars().all()
    outgoing: Outgoing = []
    refused: list[dict[str, Any]] = []
    for case in cases:
        order = uow.session.get(ConsumerOrder, case.order_id)
        try:
            xml, name = _ceb625(uow, key, ident, case, order, now)
            validate("CEB625", xml)
        except Rejected as exc:
            refused.append({"return_no": case.return_no, "code": exc.code, "reason": exc.message,
                            "params": exc.params})
            continue
        message = customs_archive.archive(uow, key, "out", "CEB625", case.return_no, name, xml, guid=case.guid)
        uow.session.flush()
        case.message_id, case.declared_at, case.customs_state = message.id, now, "declared"
        settle(case)
        outgoing.append((message.id, name, xml))
    if cases:
        audit.record(uow, "customs_export_returns", "return", f"{len(outgoing)} returns",
                     return_nos=[c.return_no for c in cases if c.message_id], refused=refused)
        uow.changes.touch(Area.RETURNS)
    return outgoing, refused


def _ceb625(uow: UnitOfWork, key: pii.PiiKey, ident: Identity, case: ReturnCase, order: ConsumerOrder,
            now: datetime) -> tuple[bytes, str]:
    from app.customs.export import list_head  # export declares the returns after the lists (no import cycle)

    lst = order.inventory_list
    head = list_head(key, order, lst.cop_no, lst.guid, lst.app_type, lst, carriers_by_code(uow.session))
    by_line: Counter[int] = Counter()
    for line in case.lines:
        by_line[line.order_line_id] += line.quantity
    order_lines = {ol.id: ol for ol in order.lines}
    refund = []
    for line_id, qty in sorted(by_line.items(), key=lambda kv: order_lines[kv[0]].gnum):
        ol = order_lines[line_id]
        product = uow.session.get(Product, ol.product_id)
        item = product.account_book_item  # gname and unit as the list declared them (the account-book filing)
        refund.append(RefundLine(ol.gnum, product.hs_code, item.name, qty, item.unit))
    guid = case.guid or str(uuid.uuid4()).upper()
    case.guid = guid
    reason = RETURN_REASONS[case.reason].name_cn if case.reason in RETURN_REASONS else case.reason
    return ceb625(ident, head, case.return_no, reason, refund, guid, now), f"CEB625_{case.return_no}.xml"


def find_returns(uow: UnitOfWork, return_nos: set[str]) -> dict[str, ReturnCase]:
    if not return_nos:
        return {}
    return {c.return_no: c for c in uow.session.execute(
        select(ReturnCase).where(ReturnCase.return_no.in_(return_nos))
        .options(selectinload(ReturnCase.lines))).scalars()}


def apply_return_receipt(uow: UnitOfWork, case: ReturnCase, r: ReceiptIn) -> str:
    """A CEB626 answer (or a return CSV row): the state follows the latest; 800 books a received parcel."""
    if case.latest_return_at is not None and r.return_at < case.latest_return_at:
        return "superseded"
    case.latest_return_at, case.return_status, case.return_info = r.return_at, r.status, r.info
    state = RECEIPT_STATE.get(r.status)
    if state and case.booked_at is None:
        case.customs_state = state
    if case.customs_state == "approved" and case.received_at is not None:
        book_return(uow, case)
    settle(case)
    uow.changes.touch(Area.RETURNS)
    return "applied"


def book_return(uow: UnitOfWork, case: ReturnCase) -> None:
    """Approved and received: RETURN_IN per account-book item, good units off hold, the annual total reduced."""
    if case.booked_at is not None:
        return
    per_item: Counter[int] = Counter()
    back: Counter[int] = Counter()
    for line in case.lines:
        units = line.good + line.damaged
        if units:
            per_item[line.account_book_item_id] += units
            back[line.order_line_id] += units
        if line.good:
            _release_hold(uow, line.lot_id, line.good, case.return_no)
    order = uow.session.get(ConsumerOrder, case.order_id)
    for item, qty in sorted(per_item.items()):  # the order's owner's goods come back into its book
        record(uow, item, "RETURN_IN", qty, doc_type="CEB625", doc_no=case.return_no, owner_id=order.owner_id)
    lines = uow.session.execute(select(OrderLine).where(OrderLine.order_id == order.id)).scalars().all()
    value = split_value(order.dutiable_total, [(ol.unit_price, back[ol.id], ol.quantity) for ol in lines])
    value = Decimal(0) if not back else min(value, order.dutiable_total - order.returned_value)
    case.value = value
    order.returned_value += value
    if order.returned_value >= order.dutiable_total and order.status == "shipped":
        order.status = "returned"
    case.booked_at = utcnow()
    settle(case)
    audit.record(uow, "return_booked", "return", case.return_no, items=dict(per_item), value=str(value))
    uow.changes.touch(Area.LEDGER, Area.ORDERS, Area.RETURNS)


def _release_hold(uow: UnitOfWork, lot_id: int, quantity: int, return_no: str) -> None:
    """Move `quantity` returned units of the lot from hold to available at the returns locations."""
    lot = uow.session.get(Lot, lot_id)
    rows = uow.session.execute(
        select(Stock.location_id, Stock.lpn, Stock.quantity).join(Location, Location.id == Stock.location_id)
        .where(Stock.lot_id == lot_id, Stock.status == "hold", Location.kind == "returns")
        .order_by(Stock.id)).all()
    left = quantity
    for location_id, lpn, on_hand in rows:
        take = min(left, on_hand)
        if take <= 0:
            break
        stock.move(uow, lot, take, stock.Place(location_id, "hold", lpn), stock.Place(location_id, "available", lpn),
                   kind="return_release", ref_type="return", ref_no=return_no)
        left -= take
    if left:
        raise Rejected(f"return {return_no}: {left} returned units of lot {lot.batch_no} are no longer held at "
                       "a returns location", code="return_units_missing", return_no=return_no)


def message_of(uow: UnitOfWork, case: ReturnCase) -> CustomsMessage | None:
    return uow.session.get(CustomsMessage, case.message_id) if case.message_id else None
