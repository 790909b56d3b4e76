"""Bad input to returns and disposal: a clear reason, nothing moved (the invariants hold after each refusal)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.admin import AccessDenied
from app.customs.receipts import apply_receipts
from app.errors import NotFound, Rejected
from app.persistence.models import ConsumerOrder, Disposal, ReturnCase, Stock
from app.persistence.uow import UnitOfWork, UnitsOfWork
from app.returns import ReturnStation, approve_disposal, request_disposal, request_return
from tests.conftest import actor
from tests.outbound.conftest import run
from tests.returns.conftest import RELEASED_AT, shipped_orders

NOW = RELEASED_AT + timedelta(days=2)


def _refused(db, role, service, *args, **kwargs) -> Rejected:
    with pytest.raises((Rejected, NotFound, AccessDenied)) as info:
        run(db, role, service, *args, **kwargs)
    return info.value


def _count(db, model) -> int:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


@pytest.mark.pg
def test_bad_returns_and_disposals_are_refused_and_move_nothing(shipped, tmp_path):
    order = shipped_orders(shipped)[0]
    sku = order.lines[0].product.sku
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        waiting = uow.session.scalar(select(ConsumerOrder.order_no).where(ConsumerOrder.status != "shipped"))
        reserved_lot = uow.session.execute(select(Stock.lot_id)
                                           .where(Stock.reserved > 0).limit(1)).first()
    assert _refused(shipped, "supervisor", request_return, waiting, "quality", now=NOW).code == "not_shipped"
    assert _refused(shipped, "supervisor", request_return, order.order_no, "quality",
                    now=RELEASED_AT + timedelta(days=31)).code == "return_window_closed"
    assert _refused(shipped, "supervisor", request_return, order.order_no, "bored", now=NOW).code == "bad_reason"
    assert _refused(shipped, "supervisor", request_return, order.order_no, "quality", [(sku, 99)],
                    now=NOW).code == "over_shipped"
    assert _refused(shipped, "clerk", request_return, order.order_no, "quality", now=NOW).code == "permission_denied"
    assert _count(shipped, ReturnCase) == 0
    case = run(shipped, "supervisor", request_return, order.order_no, "quality", now=NOW)
    assert _refused(shipped, "supervisor", request_return, order.order_no, "quality", [(sku, 1)],
                    now=NOW).code == "already_returned"  # twice the same units
    assert _count(shipped, ReturnCase) == 1

    # a receipt for an unknown return is reported, not applied
    (tmp_path / "r.csv").write_text("return_no,status,time,info\nRT9999999999,800,20261201100000000,x\n",
                                    encoding="utf-8")
    report = run(shipped, "supervisor", apply_receipts, tmp_path / "r.csv")
    assert report.applied == 0 and report.unmatched[0]["key"] == "RT9999999999"

    # the station: a late parcel, an unknown parcel, a unit that was not in the parcel
    late = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=RELEASED_AT + timedelta(days=46))
    assert late.scan(case.return_no, "l1").code == "return_late"
    station = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=NOW)
    assert station.scan("NO-SUCH-PARCEL", "u1").code == "no_return"
    assert station.scan(case.return_no, "u2").code == "parcel"
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        from app.persistence.models import Product
        other = uow.session.scalar(select(Product.gtin).where(Product.sku != sku).limit(1))
    assert station.scan(other, "u3").code == "not_in_parcel"
    assert station.scan("CMD:CLOSE", "u4").code == "nothing_received"

    # disposal: more than the lot holds, reserved units, approval by a clerk, unknown
    lot_id = reserved_lot.lot_id
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        from app.persistence.models import Lot
        batch = uow.session.get(Lot, lot_id).batch_no
        total = uow.session.scalar(select(func.sum(Stock.quantity)).where(Stock.lot_id == lot_id))
    assert _refused(shipped, "supervisor", request_disposal, batch, total + 1, "expired", "destroy").code == "over_lot"
    assert _refused(shipped, "supervisor", request_disposal, batch, total, "expired", "destroy").code == "reserved_units"
    assert _refused(shipped, "supervisor", request_disposal, batch, 1, "expired", "burn").code == "bad_method"
    assert _refused(shipped, "clerk", request_disposal, batch, 1, "expired", "destroy").code == "permission_denied"
    d = run(shipped, "supervisor", request_disposal, batch, 1, "recalled", "return-abroad")
    assert _refused(shipped, "clerk", approve_disposal, d.disposal).code == "permission_denied"
    assert _refused(shipped, "supervisor", approve_disposal, d.disposal).code == "permission_denied"
    assert _refused(shipped, "customs", approve_disposal, 999).code == "unknown_disposal"
    assert _count(shipped, Disposal) == 1


def test_a_return_is_not_received_to_a_location_being_counted(shipped):
    """Issue 13: a counted location takes no goods in — the returns station refuses the unit, naming the count."""
    from app.counts import create_count

    order = shipped_orders(shipped)[0]
    product = order.lines[0].product
    case = run(shipped, "supervisor", request_return, order.order_no, "quality", [(product.sku, 1)], now=NOW)
    count = run(shipped, "supervisor", create_count, location_prefix="RET-")
    before = _count(shipped, Stock)
    station = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=NOW)
    assert station.scan(case.return_no, "f1").code == "parcel"
    refused = station.scan(product.gtin, "f2")
    assert refused.code == "location_frozen", refused.text
    assert f"location RET-01 is frozen for stock count {count.count}: no receiving of returns there" in refused.text
    assert _count(shipped, Stock) == before
