"""The inbound documents on screen: build one (tally report, put-away list, carton labels) on the DB thread,
preview its pages, then print it (system printer or the label printer's queue) or save it as a PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ui.devices import documents as qt_documents
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext

# document → (title source, context "InboundDocuments"; preview resolution)
KINDS: dict[str, tuple[str, int]] = {
    "tally-report": (QT_TRANSLATE_NOOP("InboundDocuments", "Tally report"), 90),
    "putaway-list": (QT_TRANSLATE_NOOP("InboundDocuments", "Put-away list"), 90),
    "carton-labels": (QT_TRANSLATE_NOOP("InboundDocuments", "Carton and pallet labels"), 90),
}


def title_of(kind: str) -> str:
    return QCoreApplication.translate("InboundDocuments", KINDS[kind][0])


@dataclass
class Document:
    """A built document: the PDF, the ZPL for the label printer (labels only) and the preview pages."""

    kind: str
    key: str
    pdf: bytes
    zpl: bytes | None = None
    pages: list[QImage] = field(default_factory=list)


def build(uow: Any, kind: str, key: str, state: Any = None) -> Document:
    """Make the document from the services' data (a long job on the DB thread: a container of cartons makes
    hundreds of labels; the preview pages are drawn there too). `state` reports progress and cancels."""
    from app.errors import Rejected
    from app.inbound import documents as data
    from printing import inbound_docs as inbound
    if state is not None:
        state.set_status(QCoreApplication.translate("InboundDocuments", "Making %1…").replace("%1", title_of(kind)))
    zpl = None
    if kind == "tally-report":
        pdf = inbound.tally_report_pdf(data.tally_report(uow, key))
    elif kind == "putaway-list":
        pdf = inbound.putaway_list_pdf(data.putaway_list(uow, key))
    else:
        labels = [inbound.carton_label(d) for d in data.carton_labels(uow, key)]
        if not labels:
            raise Rejected(f"no pallet or carton of {key} is in stock: close its tally first", code="no_labels")
        pdf, zpl = inbound.labels_pdf(labels), inbound.labels_zpl(labels)
    if state is not None:
        state.set_progress(50)
        state.check()
        state.set_status(QCoreApplication.translate("InboundDocuments", "Drawing the preview…"))
    return Document(kind, key, pdf, zpl, qt_documents.page_images(pdf, KINDS[kind][1]))


def open_document(ctx: AppContext, parent: QWidget, kind: str, key: str) -> Any:
    """Build the document as a long job (progress, Cancel), then show its preview; errors are shown in words.
    Returns the job's state (ui.jobs.JobState)."""
    from ui.jobs import JobCancelled, run_job

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, JobCancelled):
            show_error(exc, parent)

    return run_job(ctx, parent, f"{title_of(kind)} {key}", lambda uow, state: build(uow, kind, key, state), write=False,
            on_done=lambda doc: DocumentPreview(ctx, doc, parent).open(), on_error=failed)


class DocumentPreview(QDialog):
    """Every page of the document; Print (Ctrl+P), Save as PDF (Ctrl+S), labels to the label printer (Ctrl+L).

    Each print, save or queued label job is audited (a second one is a reprint)."""

    sig_done = Signal(str)  # what was done, in words

    def __init__(self, ctx: AppContext, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_preview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx, self.doc = ctx, doc
        self.setWindowTitle(f"{title_of(doc.kind)} {doc.key}")
        self.status = QLabel(objectName="preview_status", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Pages: %1").replace("%1", str(len(doc.pages))), objectName="pages"))
        layout.addWidget(self._pages(), 1)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        width = max((image.width() for image in doc.pages), default=400)
        self.resize(min(width + 80, 1000), 760)

    def _pages(self) -> QScrollArea:
        pages = QWidget()
        column = QVBoxLayout(pages)
        for image in self.doc.pages:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("border: 1px solid #999; background: white;")
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(pages)
        return scroll

    def _buttons(self) -> QHBoxLayout:
        self.print_button = QPushButton(self.tr("&Print…"), objectName="print")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), objectName="save")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.queue_button = QPushButton(self.tr("Send to the &label printer (Ctrl+L)"), objectName="queue")
        self.queue_button.setShortcut(QKeySequence("Ctrl+L"))
        self.queue_button.setVisible(self.doc.zpl is not None)
        close = QPushButton(self.tr("Close (Esc)"), objectName="close")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save)
        self.queue_button.clicked.connect(self.send_to_label_printer)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.queue_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        return buttons

    def print_document(self) -> None:
        from ui.devices.hub import devices_of

        title = f"{title_of(self.doc.kind)} {self.doc.key}"
        done = qt_documents.print_or_save(self.doc.pdf, self, title, devices_of(self.ctx).devices.document_printer)
        if done:
            self._record(done, done)

    def save(self) -> None:
        path = qt_documents.save_pdf(self.doc.pdf, self, f"{self.doc.kind}-{self.doc.key}")
        if path:
            self._record(path, self.tr("Saved as %1").replace("%1", path))

    def save_as(self, path: Path) -> None:
        """Write the PDF to `path` (what Save does once the file is chosen)."""
        path.write_bytes(self.doc.pdf)
        self._record(str(path), self.tr("Saved as %1").replace("%1", str(path)))

    def send_to_label_printer(self) -> None:
        """Queue the labels (ZPL) for this workstation's label printer; they print when it is ready."""
        from app.documents import queue as print_queue
        from app.inbound.documents import record_print
        from ui.devices.hub import devices_of

        doc = self.doc

        def queue(uow: Any) -> int:
            job = print_queue.enqueue(uow, f"{doc.kind} {doc.key}", print_queue.LABEL_PRINTER, doc.zpl or b"")
            record_print(uow, doc.kind, doc.key, f"print job {job.id}")
            return job.id

        def queued(job_id: int) -> None:
            devices_of(self.ctx).wake_queue()
            self._say(self.tr("Queued for the label printer as print job %1.").replace("%1", str(job_id)))

        self.queue_button.setEnabled(False)
        self.ctx.run(queue, on_done=queued, on_error=self._refused)

    def _record(self, target: str, words: str) -> None:
        from app.inbound.documents import record_print

        doc = self.doc
        self.ctx.run(lambda uow: record_print(uow, doc.kind, doc.key, target),
                     on_done=lambda _reprint: self._say(words), on_error=self._refused)

    def _say(self, words: str) -> None:
        self.queue_button.setEnabled(True)
        self.status.setText(words)
        self.sig_done.emit(words)

    def _refused(self, exc: BaseException) -> None:
        self.queue_button.setEnabled(True)
        show_error(exc, self)
