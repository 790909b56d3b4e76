"""Cancelling an order before the parcel leaves: release what it holds; a declared list gets a CEB623 request.

The choice about the pre-decrease: an undeclared order holds only its claim on the bonded balance, which
goes at once. A list that customs has (declared, accepted, inspected or released) keeps its pre-decrease
until customs confirms the cancellation (CEB624 800), because until then customs' account book still
counts it and may refuse the cancellation; a list customs rejected (100) holds nothing any more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.admin import audit, pii, require
from app.customs import find_order, request_cancellation
from app.domain.roles import Permission
from app.errors import Rejected
from app.formats.customs.messages import CANCEL_REASONS
from app.outbound import HELD_STATUSES, Released, lock_with_waves, release_held
from app.persistence.jobs import lock_orders
from app.persistence.uow import Area, UnitOfWork

DECLARED = ("declared", "inspection", "detained", "released")
CANCELLABLE = ("accepted", "customs_rejected", *DECLARED, *HELD_STATUSES)


@dataclass
class CancelResult:
    order_no: str
    previous_status: str
    request_file: str | None  # the CEB623 file waiting in the archive for the outbox, if one was needed
    released: Released = field(default_factory=Released)
    waiting: bool = False  # the CEB623 waits for customs' list number (invtNo)

    def to_json(self) -> dict[str, Any]:
        return {"order_no": self.order_no, "previous_status": self.previous_status, "status": "cancelled",
                "cancellation_request": self.request_file, "cancellation_waiting": self.waiting,
                "released": self.released.to_json()}

    def describe(self) -> str:
        extra = (f"; cancellation request {self.request_file} sent to the outbox (the pre-decrease is released "
                 "when customs confirms)" if self.request_file else "")
        if self.waiting:
            extra = ("; cancellation waiting: customs has not numbered the list yet, the request (CEB623) goes "
                     "out when its invtNo arrives")
        outbound = self.released.describe()
        return f"order {self.order_no} cancelled (was {self.previous_status}){extra}" + (
            f"; {outbound}" if outbound else "")


def cancel_order(uow: UnitOfWork, order_no: str, *, platform_code: str | None = None,
                 reason: str = "1") -> CancelResult:
    """Cancel an order that has not left; the CEB623 (if any) is archived now and delivered after commit.

    `reason` is a code of CANCEL_REASONS (the request carries its Chinese text). A list customs has not
    numbered yet cannot be cancelled by customs: its request waits ("cancellation waiting") and is built
    when a receipt brings the invtNo.
    """
    require(uow, Permission.CUSTOMS_EXCHANGE)
    if reason not in CANCEL_REASONS:
        raise Rejected(f"unknown cancellation reason {reason!r}: one of "
                       + ", ".join(f"{k} {v}" for k, v in CANCEL_REASONS.items()), code="bad_cancel_reason",
                       reason=reason)
    lock_orders(uow)
    # the order's row lock, as `customs export` takes it: an export's batch in flight is waited for, and the
    # status read under the lock is the one the cancellation acts on (a list declared meanwhile gets its CEB623);
    # the waves it has open pick tasks in are locked before it (the lock order of app/outbound/__init__.py)
    order = lock_with_waves(uow, lambda lock: find_order(uow, order_no, platform_code, for_update=lock))
    previous = order.status
    if previous == "cancelled":
        raise Rejected(f"order {order_no} is already cancelled", code="already_cancelled", order_no=order_no)
    if previous not in CANCELLABLE:
        raise Rejected(f"order {order_no} is {previous}: only an order that has not left can be cancelled "
                       "(a parcel that left comes back as a return)", code="not_cancellable", order_no=order_no)
    request = None
    lst = order.inventory_list
    waiting = False
    if (previous in DECLARED or previous in HELD_STATUSES) and lst is not None:
        lst.cancel_reason = reason
        if lst.invt_no:
            request = request_cancellation(uow, pii.key_for(uow), lst)
        else:
            lst.cancel_state, waiting = "waiting", True
    order.status = "cancelled"
    released = release_held(uow, order)
    audit.record(uow, "order_cancel", "order", order_no, previous=previous, reason=reason,
                 cancellation_request=request, cancellation_waiting=waiting)
    uow.changes.touch(Area.ORDERS, Area.CUSTOMS)
    return CancelResult(order_no, previous, request, released, waiting)
