"""The screen modules loaded at start-up; each calls `registry.register(...)`. Adding a screen is one line here."""

from __future__ import annotations

import importlib

SCREEN_MODULES = [
    "ui.screens.inventory",
    "ui.screens.account_book",
    "ui.screens.audit_log",
    "ui.screens.checks",
    "ui.screens.products",
    "ui.screens.locations",
    "ui.screens.users",
    "ui.screens.warehouse",
    "ui.devices.screens",
    "ui.outbound.screens",
    "ui.orders.screens",
    "ui.inbound.screens",
]


def load_all() -> None:
    """Import every screen module once (registration happens on import)."""
    for name in SCREEN_MODULES:
        importlib.import_module(name)
