"""Per-workstation state (language, last user, window layout) in one QSettings file, declared in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

    from ui.context import AppContext


class StationSettings:
    """Typed access to this workstation's settings; one instance, made by the composition root."""

    def __init__(self, path: Path | str) -> None:
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def _text(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return value if isinstance(value, str) else default

    @property
    def language(self) -> str:
        """'en' or 'zh_CN'; empty until someone chooses (then the system locale decides)."""
        return self._text("ui/language")

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value)

    @property
    def last_username(self) -> str:
        return self._text("login/last_username")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._qs.setValue("login/last_username", value)

    def layout(self, name: str) -> QByteArray | None:
        """A saved window or splitter state (`saveGeometry`/`saveState` bytes), or None."""
        from PySide6.QtCore import QByteArray  # here: the sign-in window needs none (a faster start)

        value = self._qs.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_layout(self, name: str, state: QByteArray) -> None:
        self._qs.setValue(f"layout/{name}", state)

    def sync(self) -> None:
        self._qs.sync()


@dataclass(frozen=True)
class StationPrinters:
    """The printers this workstation uses: empty means none chosen (documents: ask; labels: no label printer)."""

    document: str  # a system printer's name, for PDFs (A4 documents, packing lists)
    label: str     # the label printer's address (host[:port], /dev/…, file:///…), for ZPL labels


def station_printers(ctx: AppContext) -> StationPrinters:
    """Which printers this station uses — the one answer every screen asks.

    The devices the station runs with (ui.devices.hub, restarted when the device settings are saved); before
    the hub has started, the same settings read from this workstation's file."""
    from ui.devices.device_settings import load, settings_file
    from ui.devices.hub import DeviceHub

    hub = ctx.findChild(DeviceHub, "device_hub")
    devices = hub.devices if hub is not None else load(settings_file(ctx.settings.path))
    return StationPrinters(document=devices.document_printer, label=devices.label_printer)
