"""Registers the orders and customs screens (listed in ui/shell/__init__.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.roles import Permission
from ui.shell.registry import ScreenSpec, register

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext


def _orders(ctx: AppContext) -> QWidget:
    from ui.orders.orders_screen import OrdersScreen

    return OrdersScreen(ctx)


def _import(ctx: AppContext) -> QWidget:
    from ui.orders.import_screen import OrderImportScreen

    return OrderImportScreen(ctx)


def _workbench(ctx: AppContext) -> QWidget:
    from ui.orders.workbench_screen import WorkbenchScreen

    return WorkbenchScreen(ctx)


def _exchange(ctx: AppContext) -> QWidget:
    from ui.customs.exchange_screen import ExchangeScreen

    return ExchangeScreen(ctx)


register(ScreenSpec("orders.list", QT_TRANSLATE_NOOP("Screens", "Orders"), "orders", Permission.VIEW, _orders))
register(ScreenSpec("orders.import", QT_TRANSLATE_NOOP("Screens", "Import orders"), "orders", Permission.ORDERS,
                    _import))
register(ScreenSpec("orders.workbench", QT_TRANSLATE_NOOP("Screens", "Rejection workbench"), "orders",
                    (Permission.ORDERS, Permission.CUSTOMS_EXCHANGE), _workbench))
register(ScreenSpec("customs.exchange", QT_TRANSLATE_NOOP("Screens", "Customs exchange"), "customs",
                    (Permission.CUSTOMS_EXCHANGE, Permission.AUDIT), _exchange))
