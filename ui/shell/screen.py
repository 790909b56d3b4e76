"""What every screen shares: the context, retranslation on a language switch, refresh on relevant changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from app.persistence.uow import Area, Changes
    from ui.context import AppContext


class Screen(QWidget):
    """Base of the screens in the main window.

    Subclasses set `areas` (the app.persistence.uow.Area members whose changes make them reload; the services
    touch them, the context broadcasts them once per job — a screen never lists what changed), build their
    widgets, then call
    `retranslate_ui()` from `__init__`; they put every visible text in `retranslate_ui` using `self.tr`.
    """

    areas: frozenset[Area] = frozenset()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.sig_changes_applied.connect(self.on_changes_applied)

    def retranslate_ui(self) -> None:
        """Set every visible text again (called after a language switch)."""

    def refresh(self) -> None:
        """Reload from the database (called when a change touches one of `areas`)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot(object)
    def on_changes_applied(self, changes: Changes) -> None:
        if self.areas & changes.areas:
            self.refresh()


def heading() -> QLabel:
    """The screen's title line: large and bold."""
    label = QLabel(objectName="screen_title")
    font = label.font()
    font.setPointSize(round(font.pointSize() * 1.4))
    font.setBold(True)
    label.setFont(font)
    return label
