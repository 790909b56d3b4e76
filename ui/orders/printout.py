"""The inventory-list printout (A4): preview on screen, then print (the station's document printer) or save.

Preview draws the PDF without auditing; printing and saving fetch the document through the audited service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from app.domain.roles import Permission
from app.customs.inventory_print import inventory_list_document
from app.customs.inventory_print import inventory_list_preview
from ui.devices import documents
from ui.orders.widgets import StatusLine, press_on

if TYPE_CHECKING:
    from ui.context import AppContext

PREVIEW_DPI = 96


def document_printer(ctx: AppContext) -> str:
    """The system printer chosen for documents at this workstation ("" = ask)."""
    from ui.devices.device_settings import load, settings_file

    return load(settings_file(ctx.settings.path)).document_printer


class PrintoutDialog(QDialog):
    """One order's inventory list as it prints; Ctrl+P prints, Ctrl+S saves a PDF, Esc closes."""

    def __init__(self, ctx: AppContext, order_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printout_dialog")
        self.ctx, self.order_no = ctx, order_no
        self.pages: list[QLabel] = []
        self.column = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.column)
        self.scroll = QScrollArea(widgetResizable=True)
        self.scroll.setWidget(holder)
        self.print_button = QPushButton(objectName="print", clicked=self.print_document)
        press_on(self.print_button, QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(objectName="save", clicked=self.save_document)
        press_on(self.save_button, QKeySequence.StandardKey.Save)
        self.close_button = QPushButton(objectName="close", clicked=self.reject)
        self.status = StatusLine()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        may_print = ctx.may(Permission.PRINT)
        self.print_button.setVisible(may_print)
        self.save_button.setVisible(may_print)
        self.retranslate_ui()
        self.resize(900, 1000)
        self.status.note(self.tr("Loading the inventory list…"))
        ctx.run(lambda uow: inventory_list_preview(uow, order_no), write=False, on_done=self.show_pdf,
                on_error=self.status.refused)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Inventory list of order %1").replace("%1", self.order_no))
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.close_button.setText(self.tr("Close"))

    def show_pdf(self, pdf: bytes) -> None:
        """Draw every page (PDFium) one under the other."""
        for image in documents.page_images(pdf, PREVIEW_DPI):
            page = QLabel(objectName=f"page_{len(self.pages) + 1}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.column.addWidget(page)
            self.pages.append(page)
        self.status.note(self.tr("%1 page(s)").replace("%1", str(len(self.pages))))

    def _document(self, then: Any) -> None:
        order_no = self.order_no
        self.ctx.run(lambda uow: inventory_list_document(uow, order_no), on_done=then, on_error=self.status.refused)

    def print_document(self) -> None:
        printer = document_printer(self.ctx)
        self._document(lambda pdf: self._said(documents.print_or_save(pdf, self, self._title(), printer)))

    def save_document(self) -> None:
        self._document(self._save)

    def _save(self, pdf: bytes) -> None:
        path = documents.save_pdf(pdf, self, self._title())
        if path:
            self._said(self.tr("Saved as %1").replace("%1", path))

    def _title(self) -> str:
        return f"inventory-list-{self.order_no}"

    def _said(self, what: str) -> None:
        if what:
            self.status.done(what)
