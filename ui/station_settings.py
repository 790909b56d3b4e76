"""Per-workstation state (language, last user, window layout) in one QSettings file, declared in one place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray


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
