"""Cancelling a packed order from the orders screen: the supervisor is told which parcel to open and what to put back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app import settings
from app.persistence.models import ConsumerOrder, Parcel
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.gui.helpers import wait_idle
from tests.outbound.helpers import pack_order, pick_everything
from ui.orders import order_detail
from ui.orders.orders_screen import OrdersScreen


def test_cancelling_a_packed_order_says_what_to_open_and_put_back(make_ctx, qtbot, allocated, tmp_path,
                                                                  monkeypatch):
    outbox = tmp_path / "customs-out"
    outbox.mkdir()
    with UnitOfWork(allocated, actor("admin")) as uow:
        settings.set_value(uow.session, "customs_outbox", str(outbox))
        uow.commit()
    pick_everything(allocated)
    with allocated.sessions() as s:
        order_no = s.scalar(select(ConsumerOrder.order_no).order_by(ConsumerOrder.id).limit(1))
    assert pack_order(allocated, order_no).tone == "ok"
    asked = []
    monkeypatch.setattr(order_detail, "confirm_cancel",
                        lambda parent, no, declared, outbound: asked.append((no, declared, outbound)) or "1")
    ctx = make_ctx("supervisor")
    screen = OrdersScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    QTest.keyClicks(screen.search, order_no)
    QTest.keyClick(screen.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.detail.order_no == order_no, timeout=10_000)
    wait_idle(qtbot, ctx)
    assert screen.detail.cancel_button.isEnabled()  # packed, not gone: it may be cancelled
    QTest.keyClick(screen.search, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "cancelled" in screen.detail.status.text(), timeout=10_000)
    wait_idle(qtbot, ctx)
    text = screen.detail.status.text()
    assert asked == [(order_no, True, True)]
    assert "Open parcel " in text and "Put back into storage with the put-away station: " in text
    assert " at PACK-01" in text
    # released by a CSV receipt (no invtNo): the CEB623 waits for customs' list number, and the screen says so
    assert "waits for customs' list number" in text and not list(outbox.glob("CEB623_*.xml"))
    with allocated.sessions() as s:
        assert s.scalar(select(Parcel.id).join(ConsumerOrder).where(ConsumerOrder.order_no == order_no)) is None
