"""A screen's actions: the key that presses an action's button, and the status line saying what it did."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QWidget,
)

from app.domain.station_keys import OFFICE_KEY_OF
from ui.error_text import describe

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def office_key(parent: QWidget, action: str, slot: Callable[[], object], *,
               context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QShortcut:
    """The key of `action` in the one key map (app.domain.station_keys.OFFICE_KEYS) calling `slot` while the
    focus is in `parent`: the same key does the same thing on every screen (the shortcut says its action)."""
    shortcut = QShortcut(QKeySequence(OFFICE_KEY_OF[action]), parent, context=context)
    shortcut.setProperty("action", action)
    shortcut.activated.connect(slot)
    return shortcut


def press_on(button: QAbstractButton, action: str) -> QShortcut:
    """The key of `action` presses `button` while it is shown and enabled in the active window.

    (QAbstractButton.setShortcut is not used: every setText, as on a language switch, replaces it.)
    """
    return office_key(button, action, button.click, context=Qt.ShortcutContext.WindowShortcut)


def with_key(text: str, action: str) -> str:
    """A button's words with its key from the map: "Tally report (F8)"."""
    return f"{text} ({OFFICE_KEY_OF[action]})"


class StatusLine(QLabel):
    """One line under a screen's actions saying what just happened: green when done, red when refused."""

    def __init__(self, name: str = "status", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def done(self, text: str) -> None:
        self.setStyleSheet("color: #1b7f3b; font-weight: bold;")
        self.setText(text)

    def refused(self, exc_or_text: BaseException | str) -> None:
        self.setStyleSheet("color: #c62828; font-weight: bold;")
        if isinstance(exc_or_text, BaseException):
            described = describe(exc_or_text)
            detail = described.detail if described.detail != described.text else ""
            self.setText(described.text + (f"\n{detail}" if detail else ""))
        else:
            self.setText(exc_or_text)

    def note(self, text: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
