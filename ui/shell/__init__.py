"""Every screen of the main window, in one explicit list: adding a screen is one entry in `screens()`.

Nothing registers itself on import: `load_all()` (called by the shell once someone signed in, so the sign-in
window never waits for it) puts these ScreenSpecs in the registry. Each factory imports its screen's module
the first time the screen is opened, so an unopened screen costs nothing.

`title` is the English source marked with QT_TRANSLATE_NOOP("Screens", …) and translated when shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext
    from ui.shell.registry import ScreenSpec


def _screen(module: str, cls: str) -> Callable[[AppContext], QWidget]:
    """A factory that imports `module` when the screen is first opened and makes its `cls`."""
    def make(ctx: AppContext) -> QWidget:
        return getattr(importlib.import_module(module), cls)(ctx)

    make.__qualname__ = f"{module}.{cls}"
    return make


def screens() -> list[ScreenSpec]:
    """The screens in registration order (the navigation shows them by group, in this order within one)."""
    from app.domain.roles import Permission as P  # noqa: N817 - P.VIEW keeps the table one line a screen
    from ui.shell.registry import ScreenSpec

    return [
        # the first screen of every role (the main window opens the first entry of the navigation)
        ScreenSpec("overview", QT_TRANSLATE_NOOP("Screens", "Overview"), "overview", P.VIEW,
                   _screen("ui.overview.overview_screen", "OverviewScreen")),
        ScreenSpec("inventory.stock", QT_TRANSLATE_NOOP("Screens", "Stock"), "inventory", P.VIEW,
                   _screen("ui.stock.inventory", "StockScreen")),
        ScreenSpec("inventory.counts", QT_TRANSLATE_NOOP("Screens", "Stock counts"), "inventory", P.VIEW,
                   _screen("ui.counts.counts_screen", "CountsScreen")),
        ScreenSpec("inventory.count_station", QT_TRANSLATE_NOOP("Screens", "Count station"), "inventory",
                   P.SCAN_OPERATIONS, _screen("ui.counts.count_station", "CountStationScreen")),
        ScreenSpec("customs.account_book", QT_TRANSLATE_NOOP("Screens", "Account book"), "customs",
                   (P.MASTER_DATA, P.AUDIT), _screen("ui.customs.account_book", "AccountBookScreen")),
        ScreenSpec("reports.audit", QT_TRANSLATE_NOOP("Screens", "Audit log"), "reports", P.AUDIT,
                   _screen("ui.admin.audit_log", "AuditLogScreen")),
        ScreenSpec("reports.checks", QT_TRANSLATE_NOOP("Screens", "Warehouse checks"), "reports", P.AUDIT,
                   _screen("ui.admin.checks", "ChecksScreen")),
        ScreenSpec("admin.products", QT_TRANSLATE_NOOP("Screens", "Products"), "admin",
                   (P.MASTER_DATA, P.AUDIT), _screen("ui.admin.products", "ProductsScreen")),
        ScreenSpec("admin.locations", QT_TRANSLATE_NOOP("Screens", "Locations"), "admin",
                   (P.MASTER_DATA, P.AUDIT), _screen("ui.admin.locations", "LocationsScreen")),
        ScreenSpec("admin.users", QT_TRANSLATE_NOOP("Screens", "Users"), "admin", P.USER_ADMIN,
                   _screen("ui.admin.users", "UsersScreen")),
        ScreenSpec("admin.warehouse", QT_TRANSLATE_NOOP("Screens", "Warehouse settings"), "admin",
                   (P.MASTER_DATA, P.SETTINGS, P.AUDIT), _screen("ui.admin.warehouse", "WarehouseScreen")),
        ScreenSpec("devices.settings", QT_TRANSLATE_NOOP("Screens", "Devices of this workstation"), "devices",
                   P.VIEW, _screen("ui.devices.settings_screen", "DeviceSettingsScreen")),
        ScreenSpec("devices.print_queue", QT_TRANSLATE_NOOP("Screens", "Print queue"), "devices", P.PRINT,
                   _screen("ui.devices.queue_screen", "PrintQueueScreen")),
        ScreenSpec("picking.waves", QT_TRANSLATE_NOOP("Screens", "Allocation and waves"), "picking",
                   P.SUPERVISE, _screen("ui.outbound.waves_screen", "WavesScreen")),
        ScreenSpec("picking.station", QT_TRANSLATE_NOOP("Screens", "Pick station"), "picking",
                   P.SCAN_OPERATIONS, _screen("ui.outbound.pick_screen", "PickScreen")),
        ScreenSpec("packing.station", QT_TRANSLATE_NOOP("Screens", "Pack station"), "packing",
                   P.SCAN_OPERATIONS, _screen("ui.outbound.pack_screen", "PackScreen")),
        ScreenSpec("shipping.manifests", QT_TRANSLATE_NOOP("Screens", "Manifests and gate passes"), "shipping",
                   P.SUPERVISE, _screen("ui.outbound.shipping_screen", "ShippingScreen")),
        ScreenSpec("shipping.gate", QT_TRANSLATE_NOOP("Screens", "Gate station"), "shipping",
                   P.SCAN_OPERATIONS, _screen("ui.outbound.gate_screen", "GateScreen")),
        ScreenSpec("shipping.vehicles", QT_TRANSLATE_NOOP("Screens", "Vehicle passes"), "shipping",
                   P.VIEW, _screen("ui.outbound.vehicle_passes", "VehiclePassesScreen")),
        # reports are for the office (supervisors, customs officers), as the shell's other reports
        ScreenSpec("reports.trace", QT_TRANSLATE_NOOP("Screens", "Trace and batch record"), "reports", P.AUDIT,
                   _screen("ui.customs.trace_screen", "TraceScreen")),
        ScreenSpec("orders.list", QT_TRANSLATE_NOOP("Screens", "Orders"), "orders", P.VIEW,
                   _screen("ui.orders.orders_screen", "OrdersScreen")),
        ScreenSpec("orders.import", QT_TRANSLATE_NOOP("Screens", "Import orders"), "orders", P.ORDERS,
                   _screen("ui.orders.import_screen", "OrderImportScreen")),
        ScreenSpec("orders.workbench", QT_TRANSLATE_NOOP("Screens", "Rejection workbench"), "orders",
                   (P.ORDERS, P.CUSTOMS_EXCHANGE), _screen("ui.orders.workbench_screen", "WorkbenchScreen")),
        ScreenSpec("customs.exchange", QT_TRANSLATE_NOOP("Screens", "Customs exchange"), "customs",
                   (P.CUSTOMS_EXCHANGE, P.AUDIT), _screen("ui.customs.exchange_screen", "ExchangeScreen")),
        ScreenSpec("receive.declarations", QT_TRANSLATE_NOOP("Screens", "Inbound declarations"), "receive",
                   P.VIEW, _screen("ui.inbound.declarations", "DeclarationsScreen")),
        ScreenSpec("receive.station", QT_TRANSLATE_NOOP("Screens", "Receive station"), "receive",
                   P.SCAN_OPERATIONS, _screen("ui.inbound.receive_station", "ReceiveStationScreen")),
        ScreenSpec("putaway.station", QT_TRANSLATE_NOOP("Screens", "Put-away station"), "putaway",
                   P.SCAN_OPERATIONS, _screen("ui.inbound.putaway_station", "PutawayStationScreen")),
        ScreenSpec("returns.list", QT_TRANSLATE_NOOP("Screens", "Consumer returns"), "returns", P.VIEW,
                   _screen("ui.returns.returns_screen", "ReturnsScreen")),
        ScreenSpec("returns.station", QT_TRANSLATE_NOOP("Screens", "Return receiving station"), "returns",
                   P.SCAN_OPERATIONS, _screen("ui.returns.receive_screen", "ReturnStationScreen")),
        ScreenSpec("returns.disposal", QT_TRANSLATE_NOOP("Screens", "Disposal"), "returns",
                   (P.SUPERVISE, P.APPROVE_DISPOSAL), _screen("ui.returns.disposal_screen", "DisposalScreen")),
        # Read-only for every role with VIEW (clerks too); keyed outside "customs." (see the shell's navigation test).
        ScreenSpec("ledger.balances", QT_TRANSLATE_NOOP("Screens", "Customs ledger"), "customs", P.VIEW,
                   _screen("ui.customs.ledger", "LedgerScreen")),
        ScreenSpec("ledger.books", QT_TRANSLATE_NOOP("Screens", "Period books"), "customs", P.VIEW,
                   _screen("ui.customs.books", "BooksScreen")),
        ScreenSpec("customs.checklists", QT_TRANSLATE_NOOP("Screens", "Exit checklists"), "customs",
                   (P.CUSTOMS_EXCHANGE, P.AUDIT), _screen("ui.customs.checklists", "ChecklistsScreen")),
    ]


def load_all() -> None:
    """Register every screen of `screens()` (again: by key, so calling it twice changes nothing)."""
    from ui.shell.registry import register

    for spec in screens():
        register(spec)
    install_texts()


def install_texts() -> None:
    """Every area's banner and error texts, made known to the banner and the error dialogs (idempotent; called
    once at start-up by the composition root, never by an import)."""
    from ui.counts import count_station as counts
    from ui.error_text import add_texts
    from ui.inbound import words as inbound
    from ui.orders import vocabulary as orders
    from ui.outbound import texts as outbound
    from ui.returns import receive_screen as returns
    from ui.widgets.feedback import add_feedback_texts
    from ui.widgets.station import STATION_TEXTS

    add_feedback_texts(STATION_TEXTS | inbound.feedback_texts() | outbound.FEEDBACK | returns.FEEDBACK
                       | counts.FEEDBACK)
    add_texts(inbound.ERROR_TEXTS | orders.ERROR_TEXTS | outbound.ERRORS)
