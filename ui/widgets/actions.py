"""A screen's actions: the key that presses an action's button, and the status line saying what it did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QWidget,
)

from ui.error_text import describe

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def press_on(button: QAbstractButton, keys: QKeySequence | QKeySequence.StandardKey | str) -> QShortcut:
    """A key that presses `button` while it is shown and enabled in the active window.

    (QAbstractButton.setShortcut is not used: every setText, as on a language switch, replaces it.)
    """
    shortcut = QShortcut(QKeySequence(keys), button, context=Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(button.click)
    return shortcut


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
