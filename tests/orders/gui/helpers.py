"""Helpers for the orders screens' tests: build a screen, read every text it shows, declare the samples."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit, QTabBar, QWidget
from sqlalchemy import select

from app.persistence.db import Database
from app.persistence.models import ConsumerOrder, InventoryList
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.gui.helpers import wait_idle

BUYER_ID = "330106199408148190"   # the first sample order's buyer (also on other orders)
BUYER_PHONE = "15821605483"
MASKED_ID = "330106********8190"
MASKED_PHONE = "158****5483"


def open_screen(qtbot, cls, ctx):
    screen = cls(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow, timeout=30_000)
    wait_idle(qtbot, ctx)
    return screen


def every_text(widget: QWidget) -> str:
    """Every text the widget and its children show: labels, fields, tab titles, every cell of every table."""
    parts = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, (QLabel, QLineEdit)):
            parts.append(child.text())
        elif isinstance(child, QPlainTextEdit):
            parts.append(child.toPlainText())
        elif isinstance(child, QTabBar):
            parts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            parts += [str(model.data(model.index(r, c)) or "") for r in range(model.rowCount())
                      for c in range(model.columnCount())]
    return "\n".join(parts)


def cop_nos(db: Database) -> dict[str, str]:
    """order no. → copNo of every declared order."""
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return dict(uow.session.execute(select(ConsumerOrder.order_no, InventoryList.cop_no)
                                        .join(InventoryList)).all())


def order_state(db: Database, order_no: str) -> tuple[str, str]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return tuple(uow.session.execute(select(ConsumerOrder.status, InventoryList.status).outerjoin(InventoryList)
                                         .where(ConsumerOrder.order_no == order_no)).one())
