"""Registers the inbound screens (one line in ui/shell/__init__.py); each is imported when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.roles import Permission
from ui.shell.registry import ScreenSpec, register

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.context import AppContext


def _declarations(ctx: AppContext) -> QWidget:
    from ui.inbound.declarations import DeclarationsScreen

    return DeclarationsScreen(ctx)


def _receive_station(ctx: AppContext) -> QWidget:
    from ui.inbound.receive_station import ReceiveStationScreen

    return ReceiveStationScreen(ctx)


def _putaway_station(ctx: AppContext) -> QWidget:
    from ui.inbound.putaway_station import PutawayStationScreen

    return PutawayStationScreen(ctx)


def _ledger(ctx: AppContext) -> QWidget:
    from ui.customs.ledger import LedgerScreen

    return LedgerScreen(ctx)


register(ScreenSpec("receive.declarations", QT_TRANSLATE_NOOP("Screens", "Inbound declarations"), "receive",
                    Permission.VIEW, _declarations))
register(ScreenSpec("receive.station", QT_TRANSLATE_NOOP("Screens", "Receive station"), "receive",
                    Permission.SCAN_OPERATIONS, _receive_station))
register(ScreenSpec("putaway.station", QT_TRANSLATE_NOOP("Screens", "Put-away station"), "putaway",
                    Permission.SCAN_OPERATIONS, _putaway_station))
# Read-only for every role with VIEW (clerks too); keyed outside "customs." (see the shell's navigation test).
register(ScreenSpec("ledger.balances", QT_TRANSLATE_NOOP("Screens", "Customs ledger"), "customs",
                    Permission.VIEW, _ledger))
