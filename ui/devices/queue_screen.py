"""The print queue as the station sees it: what waits, what went out, what failed; reprint and cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.persistence.uow import Area
from ui.clock import warehouse_time
from ui.devices.hub import devices_of
from ui.shell.screen import Screen, heading
from ui.vocabulary import device_problem, term
from ui.widgets.tables import grid

COLUMNS = ("id", "created_at", "document", "target", "status", "attempts", "last_error", "created_by", "reprint_of")
NUMERIC = frozenset({"id", "attempts", "reprint_of"})  # right-aligned, never elided


def _document(job: dict[str, Any]) -> str:
    """The job's document in the screen's language ("运单标签 SF…"); a job queued before its document was kept, by
    its name as queued."""
    if job["doc"] is None:
        return str(job["document"])
    name, key = job["doc"]
    return f"{term('document', name)} {key}".strip()


class PrintQueueScreen(Screen):
    """Newest first; failed and waiting jobs say why in words. Reprints are marked (and audited)."""

    areas = frozenset({Area.PRINT_QUEUE})

    def __init__(self, ctx) -> None:  # noqa: ANN001 - ui.context.AppContext
        super().__init__(ctx)
        self.hub = devices_of(ctx)
        self.jobs: list[dict[str, Any]] = []
        self.title = heading()
        self.only_station = QCheckBox(checked=True)
        self.table = grid("print_jobs", len(COLUMNS))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reprint_button, self.cancel_button = QPushButton(objectName="reprint"), QPushButton(objectName="cancel")
        self.deliver_button, self.refresh_button = QPushButton(objectName="deliver"), QPushButton(objectName="refresh")
        self.message = QLabel(objectName="queue_message", wordWrap=True)
        self._lay_out()
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.deliver_button.clicked.connect(self.deliver_now)
        self.refresh_button.clicked.connect(self.refresh)
        self.only_station.toggled.connect(self.refresh)
        self.hub.sig_queue_report.connect(self.refresh)
        self.retranslate_ui()
        self.refresh()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for w in (self.only_station, self.refresh_button, self.deliver_button, self.reprint_button, self.cancel_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Print queue"))
        self.only_station.setText(self.tr("This workstation only"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.deliver_button.setText(self.tr("Send waiting labels now"))
        self.reprint_button.setText(self.tr("Reprint"))
        self.cancel_button.setText(self.tr("Cancel job"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Job"), self.tr("Queued at"), self.tr("Document"), self.tr("Printer"), self.tr("Status"),
            self.tr("Attempts"), self.tr("Why"), self.tr("By"), self.tr("Reprint of")])

    def status_words(self, status: str) -> str:
        return {"queued": self.tr("waiting"), "sending": self.tr("sending"), "sent": self.tr("printed"),
                "failed": self.tr("interrupted — check"), "cancelled": self.tr("cancelled")}.get(status, status)

    @Slot()
    def refresh(self) -> None:
        from app.documents import queue as print_queue
        station = self.ctx.station if self.only_station.isChecked() else None
        self.ctx.run(lambda uow: print_queue.list_jobs(uow, station=station, for_screen=True), write=False,
                     on_done=self._show)

    def _show(self, jobs: list[dict[str, Any]]) -> None:
        self.jobs = jobs
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            values = dict(job, status=self.status_words(job["status"]),
                          last_error=device_problem(job["why"] or job["last_error"]),
                          document=_document(job), target=term("print_target", job["target"]),
                          created_at=warehouse_time(job["created_at"]),
                          reprint_of=job["reprint_of"] or "")
            for col, key in enumerate(COLUMNS):
                item = QTableWidgetItem(str(values[key]))
                item.setToolTip(item.text())
                if key in NUMERIC:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def selected_job(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.jobs[rows[0].row()]["id"] if rows else None

    @Slot()
    def reprint_selected(self) -> None:
        job_id = self.selected_job()
        if job_id is None:
            self.message.setText(self.tr("Choose the job to reprint."))
            return
        from app.documents import queue as print_queue
        self.ctx.run(lambda uow: print_queue.reprint(uow, job_id).id, on_done=self._reprinted,
                     on_error=self._refused)

    def _reprinted(self, new_id: int) -> None:
        self.message.setText(self.tr("Job %1 queued as a reprint.").replace("%1", str(new_id)))
        self.hub.wake_queue()

    @Slot()
    def cancel_selected(self) -> None:
        job_id = self.selected_job()
        if job_id is None:
            self.message.setText(self.tr("Choose the job to cancel."))
            return
        from app.documents import queue as print_queue
        self.ctx.run(lambda uow: print_queue.cancel(uow, job_id).id,
                     on_done=lambda i: self.message.setText(self.tr("Job %1 cancelled.").replace("%1", str(i))),
                     on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        from ui.error_text import describe

        self.message.setText(describe(exc).text)

    @Slot()
    def deliver_now(self) -> None:
        self.hub.start_queue()
        self.hub.wake_queue()
        if self.hub.queue is None:
            self.message.setText(self.tr("This workstation has no label printer: set one under Devices."))
