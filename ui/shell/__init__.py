"""The screen modules loaded at start-up; each calls `registry.register(...)`. Adding a screen is one line here."""

from __future__ import annotations

import importlib

SCREEN_MODULES = [
    "ui.stock.inventory",
    "ui.customs.account_book",
    "ui.admin.audit_log",
    "ui.admin.checks",
    "ui.admin.products",
    "ui.admin.locations",
    "ui.admin.users",
    "ui.admin.warehouse",
    "ui.devices.screens",
    "ui.outbound.screens",
    "ui.orders.screens",
    "ui.inbound.screens",
]


def load_all() -> None:
    """Import every screen module once (registration happens on import)."""
    for name in SCREEN_MODULES:
        importlib.import_module(name)
