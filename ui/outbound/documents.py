"""Outbound documents on screen: made as a long job (progress, cancel), then previewed, printed or saved.

The PDF comes from app.outbound.queries (the same bytes `bwms print` writes); printing goes through
QtPrintSupport (ui.devices.documents). `deliver` is the one place a finished PDF leaves the screen, so tests
replace it instead of driving the system's print dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)
from shiboken6 import isValid

from ui.devices import documents
from ui.jobs import JobState, run_job
from ui.outbound.words import fmt
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext

PREVIEW_DPI = 80


def deliver(pdf: bytes, parent: QWidget, title: str, printer: str = "") -> str:
    """Print `pdf` (the station's document printer preselected) or save it; what happened, in words."""
    return documents.print_or_save(pdf, parent, title, printer)


def save(pdf: bytes, parent: QWidget, title: str) -> str:
    return documents.save_pdf(pdf, parent, title)


def document_printer(ctx: AppContext) -> str:
    from ui.devices.hub import devices_of

    return devices_of(ctx).devices.document_printer


def make_pdf(ctx: AppContext, parent: QWidget, title: str, render: Callable[[Any], bytes],
             on_done: Callable[[bytes], None]) -> JobState:
    """Render a document on the DB thread with a progress dialog (a 1,000-page pick list takes seconds)."""
    def job(uow: Any, state: JobState) -> bytes:
        state.set_status(fmt(QCoreApplication.translate("OutboundDocuments", "Preparing %1…"), title))
        return render(uow)

    return run_job(ctx, parent, title, job, write=False, on_done=on_done,
                   on_error=lambda exc: show_error(exc, parent))


def print_document(ctx: AppContext, parent: QWidget, title: str, render: Callable[[Any], bytes],
                   on_result: Callable[[str], None] | None = None) -> JobState:
    """Make the PDF, then print or save it; `on_result(words)` says what happened."""
    def done(pdf: bytes) -> None:
        said = deliver(pdf, parent, title, document_printer(ctx))
        if on_result is not None:
            on_result(said)

    return make_pdf(ctx, parent, title, render, done)


class PdfPreview(QDialog):
    """The pages of a document, drawn on the DB thread, with Print… and Save as PDF…."""

    def __init__(self, ctx: AppContext, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.ctx, self.pdf, self.title = ctx, pdf, title
        self.setWindowTitle(title)
        self.pages = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.pages)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(holder)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.status = QLabel(self.tr("Drawing the pages…"), objectName="preview_status")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("&Print…"), objectName="preview_print")
        self.save_button = QPushButton(self.tr("&Save as PDF…"), objectName="preview_save")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(900, 1000)
        self.page_count = 0
        ctx.call(lambda: documents.page_images(pdf, PREVIEW_DPI), on_done=self._show_pages,
                 on_error=lambda exc: show_error(exc, self))

    def _show_pages(self, images: list[QImage]) -> None:
        if not isValid(self):
            return  # closed before the pages were drawn
        for image in images:
            page = QLabel(objectName="preview_page")
            page.setPixmap(QPixmap.fromImage(image))
            page.setFrameShape(QLabel.Shape.Box)
            self.pages.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page_count = len(images)
        self.status.setText(fmt(self.tr("%1 pages"), str(len(images))))

    def print_pdf(self) -> None:
        said = deliver(self.pdf, self, self.title, document_printer(self.ctx))
        if said:
            self.status.setText(said)

    def save_pdf(self) -> None:
        path = save(self.pdf, self, self.title)
        if path:
            self.status.setText(fmt(self.tr("Saved as %1"), path))
