"""Registers the device screens (listed in ui/shell/__init__.py): device settings and the print queue."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain.roles import Permission
from ui.devices.queue_screen import PrintQueueScreen
from ui.devices.settings_screen import DeviceSettingsScreen
from ui.shell.registry import ScreenSpec, register

register(ScreenSpec("devices.settings", QT_TRANSLATE_NOOP("Screens", "Devices of this workstation"), "devices",
                    Permission.VIEW, DeviceSettingsScreen))
register(ScreenSpec("devices.print_queue", QT_TRANSLATE_NOOP("Screens", "Print queue"), "devices",
                    Permission.PRINT, PrintQueueScreen))
