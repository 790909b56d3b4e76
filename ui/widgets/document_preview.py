"""Every document on screen, one way: made through the document registry (app.documents.registry) as a job
on the DB executor, previewed page by page, then printed on the station's document printer, saved as a PDF
or (labels) queued for the station's label printer. Each print, save and queued job is audited with the
document and its key (a second one is a reprint); looking at the preview is not a print.

`deliver` and `save` are the one place a finished PDF leaves the screen, so tests replace them instead of
driving the system's print dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.devices import documents as qt_documents
from ui.vocabulary import capitalised, term
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.jobs import JobState

PREVIEW_DPI = 90
CONTEXT = "Documents"

def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def title_of(name: str, key: str | None = None) -> str:
    """The document's title in the screen's language (the vocabulary's "document" names: the registry's titles),
    with its key when given ("Pick list W0001")."""
    title = capitalised(term("document", name))
    return f"{title} {key}" if key is not None else title


def deliver(pdf: bytes, parent: QWidget, title: str, printer: str = "") -> str:
    """Print `pdf` (the station's document printer preselected) or save it; what happened, in words."""
    return qt_documents.print_or_save(pdf, parent, title, printer)


def save(pdf: bytes, parent: QWidget, title: str) -> str:
    """Ask where to save the PDF and write it there; the path, or "" when the user cancelled."""
    return qt_documents.save_pdf(pdf, parent, title)


@dataclass
class Document:
    """A made document: the PDF, the ZPL for the label printer (labels only) and the preview pages."""

    name: str
    key: str
    pdf: bytes
    zpl: bytes | None = None
    pages: list[QImage] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.name

    @property
    def title(self) -> str:
        return title_of(self.name, self.key)


def build(uow: Any, name: str, key: str, state: Any = None) -> Document:
    """Make the document and draw its preview pages (a long job on the DB thread: a container of cartons makes
    hundreds of labels). `state` reports progress and cancels. Not a print: nothing is audited."""
    from app.documents.registry import payloads, spec

    if state is not None:
        state.set_status(_tr("Making %1…").replace("%1", title_of(name)))
    fmts = ("pdf", "zpl") if "zpl" in spec(name).formats and name != "waybill" else ("pdf",)
    made = payloads(uow, name, key, fmts)
    if state is not None:
        state.set_progress(50)
        state.check()
        state.set_status(_tr("Drawing the preview…"))
    return Document(name, key, made["pdf"], made.get("zpl"), qt_documents.page_images(made["pdf"], PREVIEW_DPI))


def _pdf_job(ctx: AppContext, parent: QWidget, name: str, key: str, then: Callable[[bytes], None]) -> JobState:
    from ui.jobs import JobCancelled, run_job

    def job(uow: Any, state: Any) -> bytes:
        from app.documents.registry import produce

        state.set_status(_tr("Making %1…").replace("%1", title_of(name)))
        return produce(uow, name, key, "pdf").payload

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, JobCancelled):
            show_error(exc, parent)

    return run_job(ctx, parent, title_of(name, key), job, write=False, on_done=then, on_error=failed)


def record_print(ctx: AppContext, parent: QWidget, name: str, key: str, target: str,
                 on_done: Callable[[bool], None] | None = None) -> None:
    """Audit a print or save of the document that has left the screen (on the DB thread)."""
    from app.documents.registry import record_print as record

    ctx.run(lambda uow: record(uow, name, key, target), on_done=on_done, on_error=lambda exc: show_error(exc, parent))


def print_now(ctx: AppContext, parent: QWidget, name: str, key: str,
              on_result: Callable[[str], None] | None = None) -> JobState:
    """Make the PDF, print it on the station's document printer (or save it), audit it; `on_result(words)`."""
    from ui.station_settings import station_printers

    def made(pdf: bytes) -> None:
        said = deliver(pdf, parent, title_of(name, key), station_printers(ctx).document)
        if said:
            record_print(ctx, parent, name, key, said, on_done=lambda _reprint: on_result and on_result(said))

    return _pdf_job(ctx, parent, name, key, made)


def save_now(ctx: AppContext, parent: QWidget, name: str, key: str,
             on_result: Callable[[str], None] | None = None) -> JobState:
    """Make the PDF, ask where to save it, audit the save; `on_result("Saved as …")`."""
    def made(pdf: bytes) -> None:
        path = save(pdf, parent, f"{name}-{key}")
        if path:
            said = _tr("Saved as %1").replace("%1", path)
            record_print(ctx, parent, name, key, path, on_done=lambda _reprint: on_result and on_result(said))

    return _pdf_job(ctx, parent, name, key, made)


def open_preview(ctx: AppContext, parent: QWidget, name: str, key: str,
                 on_open: Callable[[DocumentPreview], None] | None = None) -> JobState:
    """Make the document as a long job (progress, Cancel), then show its preview; errors are shown in words.
    Returns the job's state (ui.jobs.JobState)."""
    from ui.jobs import JobCancelled, run_job

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, JobCancelled):
            show_error(exc, parent)

    def show(doc: Document) -> None:
        dialog = DocumentPreview(ctx, doc, parent)
        if on_open is not None:
            on_open(dialog)
        dialog.open()

    return run_job(ctx, parent, title_of(name, key), lambda uow, state: build(uow, name, key, state), write=False,
                   on_done=show, on_error=failed)


class DocumentPreview(QDialog):
    """Every page of the document at 90 dpi; Print (Ctrl+P), Save as PDF (Ctrl+S), labels to the label printer
    (Ctrl+L), Close (Esc). Each print, save or queued label job is audited (a second one is a reprint)."""

    sig_done = Signal(str)  # what was done, in words

    def __init__(self, ctx: AppContext, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_preview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx, self.doc = ctx, doc
        self.setWindowTitle(doc.title)
        self.status = QLabel(objectName="preview_status", wordWrap=True)
        self.page_labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Pages: %1").replace("%1", str(len(doc.pages))), objectName="pages"))
        layout.addWidget(self._pages(), 1)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        width = max((image.width() for image in doc.pages), default=400)
        self.resize(min(width + 80, 1000), 760)
        self.print_button.setFocus()

    @property
    def page_count(self) -> int:
        return len(self.page_labels)

    def _pages(self) -> QScrollArea:
        pages = QWidget()
        column = QVBoxLayout(pages)
        for image in self.doc.pages:
            page = QLabel(objectName=f"page_{len(self.page_labels) + 1}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("border: 1px solid #999; background: white;")
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(page)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(pages)
        return scroll

    def _buttons(self) -> QHBoxLayout:
        from app.domain.roles import Permission

        self.print_button = QPushButton(self.tr("&Print…"), objectName="print")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), objectName="save")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.queue_button = QPushButton(self.tr("Send to the &label printer (Ctrl+L)"), objectName="queue")
        self.queue_button.setShortcut(QKeySequence("Ctrl+L"))
        self.queue_button.setVisible(self.doc.zpl is not None)
        self.close_button = QPushButton(self.tr("Close (Esc)"), objectName="close")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save)
        self.queue_button.clicked.connect(self.send_to_label_printer)
        self.close_button.clicked.connect(self.reject)
        may_print = self.ctx.may(Permission.PRINT)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.queue_button):
            button.setEnabled(may_print)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        return buttons

    def print_document(self) -> None:
        from ui.station_settings import station_printers

        done = deliver(self.doc.pdf, self, self.doc.title, station_printers(self.ctx).document)
        if done:
            self._record(done, done)

    def save(self) -> None:
        path = save(self.doc.pdf, self, f"{self.doc.name}-{self.doc.key}")
        if path:
            self._record(path, self.tr("Saved as %1").replace("%1", path))

    def save_as(self, path: Path) -> None:
        """Write the PDF to `path` (what Save does once the file is chosen)."""
        path.write_bytes(self.doc.pdf)
        self._record(str(path), self.tr("Saved as %1").replace("%1", str(path)))

    def send_to_label_printer(self) -> None:
        """Queue the labels (ZPL) for this workstation's label printer; they print when it is ready."""
        from app.documents import queue as print_queue
        from app.documents.registry import enqueue
        from ui.devices.hub import devices_of

        doc = self.doc

        def queued(job_id: int) -> None:
            devices_of(self.ctx).wake_queue()
            self._say(self.tr("Queued for the label printer as print job %1.").replace("%1", str(job_id)))

        self.queue_button.setEnabled(False)
        self.ctx.run(lambda uow: enqueue(uow, doc.name, doc.key, "zpl", print_queue.LABEL_PRINTER, doc.zpl).id,
                     on_done=queued, on_error=self._refused)

    def _record(self, target: str, words: str) -> None:
        from app.documents.registry import record_print as record

        doc = self.doc
        self.ctx.run(lambda uow: record(uow, doc.name, doc.key, target),
                     on_done=lambda _reprint: self._say(words), on_error=self._refused)

    def _say(self, words: str) -> None:
        self.queue_button.setEnabled(True)
        self.status.setText(words)
        self.sig_done.emit(words)

    def _refused(self, exc: BaseException) -> None:
        self.queue_button.setEnabled(True)
        show_error(exc, self)
