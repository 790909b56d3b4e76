"""Order import: a JSON Lines or CSV/XLSX file through the checks, with a progress bar and Cancel; the report
(accepted, and every rejected order with its line, problem — named, never its bare code — and reason) shown in
a table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.orders.workbench import reimport_corrected
from ui.orders.batch_job import run_batched
from ui.orders.vocabulary import rejection_detail, rejection_label
from ui.shell.screen import Screen, heading
from ui.widgets.actions import StatusLine, press_on
from ui.widgets.error_dialog import show_error
from ui.widgets.tables import fill_and_fit, grid

if TYPE_CHECKING:
    from app.orders.importing import ImportReport
    from ui.context import AppContext
    from ui.jobs import JobState

PATTERNS = "*.jsonl *.ndjson *.json *.csv *.xlsx"


def choose_order_file(parent: QWidget, title: str) -> str:
    """The order file the user picked, or '' (a seam the tests replace)."""
    kinds = QCoreApplication.translate("OrderImport", "Order files")
    path, _ = QFileDialog.getOpenFileName(parent, title, "", f"{kinds} ({PATTERNS})")
    return path


class OrderFileImport(QObject):
    """Runs one order file through `reimport_corrected` as a batched job (earlier rejections of its orders close)."""

    sig_finished = Signal(object)  # the ImportReport (committed; `cancelled` says whether the rest was left)
    sig_failed = Signal(object)    # the exception: the file could not be read at all
    sig_progress = Signal(int)     # percent done

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.last_report: ImportReport | None = None

    def start(self, path: Path, parent: QWidget | None) -> JobState:
        title = QCoreApplication.translate("OrderImport", "Importing %1").replace("%1", path.name)
        self.running = True
        return run_batched(self.ctx, parent, title,
                           lambda uow, progress, cancelled: reimport_corrected(uow, path, progress=progress,
                                                                               cancel=cancelled),
                           on_done=self._done, on_error=self._failed, on_progress=self.on_progress)

    @Slot(int)
    def on_progress(self, percent: int) -> None:
        self.sig_progress.emit(percent)

    def _done(self, report: ImportReport) -> None:
        self.running = False
        self.last_report = report
        self.sig_finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.sig_failed.emit(exc)


def summary_text(report: Any) -> str:
    """The import report in one sentence: accepted, rejected, and whether it was cancelled."""
    sentence = QCoreApplication.translate("OrderImport", "%1: %2 orders accepted, %3 rejected.")
    text = (sentence.replace("%1", report.source).replace("%2", str(report.accepted))
            .replace("%3", str(len(report.rejected))))
    if report.unchanged:
        unchanged = QCoreApplication.translate("OrderImport", "%1 orders were already imported exactly so: unchanged.")
        text += " " + unchanged.replace("%1", str(report.unchanged))
    if report.cancelled:
        text += " " + QCoreApplication.translate(
            "OrderImport", "Cancelled: what was checked before is kept; the rest of the file was not read.")
    return text


class OrderImportScreen(Screen):
    """Pick (Ctrl+O) or type a file path and press Enter; the rejected orders wait on the rejection workbench."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.importer = OrderFileImport(ctx, self)
        self.importer.sig_finished.connect(self.show_report)
        self.importer.sig_failed.connect(self._failed)
        self.importer.sig_progress.connect(self._progress)
        self.progress_seen: list[int] = []
        self.path = QLineEdit(objectName="path")
        self.path.returnPressed.connect(self.import_typed)
        self.browse = QPushButton(objectName="browse", clicked=self.browse_file)
        press_on(self.browse, "open_file")
        self.start_button = QPushButton(objectName="import", clicked=self.import_typed)
        self.summary = StatusLine("summary")
        self.rejected = grid("rejected_table", 4)  # the problem by its name (the vocabulary's), never its code
        self.title, self.path_label, self.help = heading(), QLabel(), QLabel(wordWrap=True)
        self.path_label.setBuddy(self.path)
        bar = QHBoxLayout()
        bar.addWidget(self.path_label)
        bar.addWidget(self.path, 1)
        bar.addWidget(self.browse)
        bar.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, 1)
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.path.setFocus()  # scan-first: whatever the scanner sends lands here

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Import orders"))
        self.help.setText(self.tr("JSON Lines (one order a line) or CSV/XLSX (one row per order line). Each order "
                                  "is accepted or rejected on its own; rejected orders wait on the rejection "
                                  "workbench. Cancel stops after the current batch and keeps what was checked."))
        self.path_label.setText(self.tr("&File"))
        self.path.setPlaceholderText(self.tr("path of the order file, then Enter"))
        self.browse.setText(self.tr("Choose file… (Ctrl+O)"))
        self.start_button.setText(self.tr("Import"))
        self.rejected.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Order no."), self.tr("Problem"),
                                                 self.tr("Reason")])
        if self.importer.last_report is not None:
            self.show_report(self.importer.last_report)

    def browse_file(self) -> None:
        path = choose_order_file(self.window(), self.tr("Import orders"))
        if path:
            self.path.setText(path)
            self.import_path(Path(path))

    def import_typed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.import_path(Path(text).expanduser())

    def import_path(self, path: Path) -> JobState | None:
        """Import `path` now: a progress dialog with Cancel; the report lands in the table."""
        if self.importer.running:
            return None
        self.progress_seen = []
        self.start_button.setEnabled(False)
        self.summary.note(self.tr("Importing %1…").replace("%1", path.name))
        return self.importer.start(path, self.window())

    @Slot(int)
    def _progress(self, percent: int) -> None:
        self.progress_seen.append(percent)

    def show_report(self, report: ImportReport) -> None:
        self.start_button.setEnabled(True)
        rows = [[str(r["line"]), r["order_no"] or "?", rejection_label(r["code"]), rejection_detail(r)]
                for r in report.rejected]
        fill_and_fit(self.rejected, rows, numeric=(0,))
        (self.summary.done if not report.rejected and not report.cancelled else self.summary.note)(
            summary_text(report))

    def _failed(self, exc: BaseException) -> None:
        self.start_button.setEnabled(True)
        fill_and_fit(self.rejected, [])
        self.summary.refused(exc)
        if len(getattr(exc, "errors", None) or []) > 1:  # a table file with many bad rows: list them all
            show_error(exc, self.window())
