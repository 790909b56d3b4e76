"""Registers the outbound screens (listed in ui/shell/__init__.py): waves, pick, pack, manifests, gate, trace."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.roles import Permission
from ui.outbound import texts
from ui.outbound.gate_screen import GateScreen
from ui.outbound.pack_screen import PackScreen
from ui.outbound.pick_screen import PickScreen
from ui.outbound.shipping_screen import ShippingScreen
from ui.customs.trace_screen import TraceScreen
from ui.outbound.waves_screen import WavesScreen
from ui.shell.registry import ScreenSpec, register

texts.register()
register(ScreenSpec("picking.waves", QT_TRANSLATE_NOOP("Screens", "Allocation and waves"), "picking",
                    Permission.SUPERVISE, WavesScreen))
register(ScreenSpec("picking.station", QT_TRANSLATE_NOOP("Screens", "Pick station"), "picking",
                    Permission.SCAN_OPERATIONS, PickScreen))
register(ScreenSpec("packing.station", QT_TRANSLATE_NOOP("Screens", "Pack station"), "packing",
                    Permission.SCAN_OPERATIONS, PackScreen))
register(ScreenSpec("shipping.manifests", QT_TRANSLATE_NOOP("Screens", "Manifests and gate passes"), "shipping",
                    Permission.SUPERVISE, ShippingScreen))
register(ScreenSpec("shipping.gate", QT_TRANSLATE_NOOP("Screens", "Gate station"), "shipping",
                    Permission.SCAN_OPERATIONS, GateScreen))
# reports are for the office (supervisors, customs officers), as the shell's other reports
register(ScreenSpec("reports.trace", QT_TRANSLATE_NOOP("Screens", "Trace and batch record"), "reports",
                    Permission.AUDIT, TraceScreen))
