"""One archived customs file on screen, as it was sent or received (ID and phone numbers masked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.customs.queries import archived_text
from ui.widgets.actions import StatusLine

if TYPE_CHECKING:
    from ui.context import AppContext


class MessageDialog(QDialog):
    """Read-only text of one message of the archive; Esc closes."""

    def __init__(self, ctx: AppContext, message_id: int, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_dialog")
        self.setWindowTitle(file_name)
        self.text = QPlainTextEdit(objectName="message_text", readOnly=True)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setFamilies([fixed.family(), *QApplication.font().families()])  # Chinese names in the XML too
        self.text.setFont(fixed)
        self.status = StatusLine()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(860, 640)
        ctx.run(lambda uow: archived_text(uow, message_id), write=False, on_done=self.text.setPlainText,
                on_error=self.status.refused)
