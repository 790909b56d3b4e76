"""The rejection workbench: orders refused at import or by customs, with code, reason and the raw record;
fix and re-validate, dismiss, declare again, or re-import a corrected file.

At 1366×768 the list fits beside the record: kind, order, problem and reason (a long one elided, its tooltip holding
it); where the record came from and when are in the selected record's detail."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission
from app.orders.queries import customs_rejection
from app.orders.workbench import dismiss, rejection_record, requeue, resubmit, workbench
from app.persistence.uow import Area
from ui.clock import warehouse_time as local_time
from ui.orders.import_screen import OrderFileImport, choose_order_file, summary_text
from ui.orders.record_form import RecordEditor
from ui.orders.vocabulary import customs_status_label, rejection_detail, rejection_label, workbench_kind_label
from ui.shell.screen import Screen, heading
from ui.widgets.actions import StatusLine, office_key, press_on
from ui.widgets.tables import fill_and_fit, grid

if TYPE_CHECKING:
    from app.orders.importing import ImportReport
    from ui.context import AppContext

PROBLEM_PX = 180  # the widest the Problem column is fitted to


def ask_dismiss_note(parent: QWidget, order_no: str) -> str | None:
    """Confirm dismissing a record; the note typed, or None when the user said no (a seam the tests replace)."""
    title = QCoreApplication.translate("Workbench", "Dismiss")
    question = QCoreApplication.translate("Workbench", "Dismiss the rejected record of order %1 without importing "
                                                       "it? Note:").replace("%1", order_no or "?")
    note, ok = QInputDialog.getText(parent, title, question)
    return note.strip() if ok else None


class WorkbenchScreen(Screen):
    """Rows: open import rejections, customs rejections (100) and refused cancellations; one in detail beside."""

    areas = frozenset({Area.ORDERS, Area.CUSTOMS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.rows: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.importer = OrderFileImport(ctx, self)
        self.importer.sig_finished.connect(self._reimported)
        self.importer.sig_failed.connect(self._failed)
        self.table = grid("workbench_table", 4, stretch=3)  # where from and when: in the detail beside
        self.table.itemSelectionChanged.connect(self._selected)
        self.editor = RecordEditor()
        self.sent = QPlainTextEdit(objectName="sent_text", readOnly=True)
        self.info = QLabel(objectName="customs_info", wordWrap=True)
        self.detail_title = QLabel(objectName="detail_title", wordWrap=True)
        self.status = StatusLine()
        self._build_buttons()
        self._lay_out()
        self.retranslate_ui()
        self.refresh()

    def _build_buttons(self) -> None:
        self.revalidate_button = QPushButton(objectName="revalidate", clicked=self.revalidate)
        press_on(self.revalidate_button, "revalidate")
        self.dismiss_button = QPushButton(objectName="dismiss", clicked=self.dismiss_current)
        self.requeue_button = QPushButton(objectName="requeue", clicked=self.requeue_current)
        press_on(self.requeue_button, "finish")
        self.reimport_button = QPushButton(objectName="reimport", clicked=self.reimport)
        press_on(self.reimport_button, "open_file")
        self.revalidate_button.setVisible(self.ctx.may(Permission.ORDERS))
        self.dismiss_button.setVisible(self.ctx.may(Permission.ORDERS))
        self.reimport_button.setVisible(self.ctx.may(Permission.ORDERS))
        self.requeue_button.setVisible(self.ctx.may(Permission.CUSTOMS_EXCHANGE))
        office_key(self, "refresh", self.refresh)

    def _lay_out(self) -> None:
        import_page = QWidget()
        column = QVBoxLayout(import_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.revalidate_button)
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        column.addLayout(row)
        customs_page = QWidget()
        column = QVBoxLayout(customs_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.info)
        column.addWidget(self.sent, 1)
        column.addWidget(self.requeue_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages = QStackedWidget()
        self.pages.addWidget(import_page)
        self.pages.addWidget(customs_page)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addWidget(self.pages, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([720, 540])
        self.title = heading()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.reimport_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Rejection workbench"))
        self.revalidate_button.setText(self.tr("Re-validate (Ctrl+Enter)"))
        self.dismiss_button.setText(self.tr("Dismiss…"))
        self.requeue_button.setText(self.tr("Declare again (F9)"))
        self.reimport_button.setText(self.tr("Re-import a corrected file… (Ctrl+O)"))
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Order no."), self.tr("Problem"),
                                              self.tr("Reason")])
        self.editor.retranslate_ui()
        self._show_rows()
        self._show_current()

    # -- the list ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.run(workbench, write=False, on_done=self._rows_arrived, on_error=self.status.refused)

    def _rows_arrived(self, rows: list[dict[str, Any]]) -> None:
        keep = (self.current["kind"], self.current["id"]) if self.current else None
        self.rows = rows
        self._show_rows()
        found = next((n for n, r in enumerate(rows) if (r["kind"], r["id"]) == keep), None)
        if found is None:
            self.current = None
            self._show_current()
        if rows:
            self.table.selectRow(found or 0)
            self._selected()  # the same row index may be selected already: no signal, but maybe another record

    def _show_rows(self) -> None:
        self.table.blockSignals(True)
        fill_and_fit(self.table, [[workbench_kind_label(r["kind"]), r["order_no"] or "?", rejection_label(r["code"]),
                                 rejection_detail(r)] for r in self.rows])
        if self.table.columnWidth(2) > PROBLEM_PX:  # a long problem's name elides (its tooltip holds it): the
            self.table.setColumnWidth(2, PROBLEM_PX)  # reason keeps room at 1366×768
        self.table.blockSignals(False)

    @staticmethod
    def _source(r: dict[str, Any]) -> str:
        """Where the record came from: the file and its line, or the inventory list's copNo."""
        return f"{r['source']}:{r['line']}" if r["kind"] == "import" else r["source"]

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        picked = self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None
        if picked is None or picked == self.current:
            return
        self.current = picked
        self._show_current()
        if picked["kind"] == "import":
            rid = picked["id"]
            self.ctx.run(lambda uow: rejection_record(uow, rid), write=False,
                         on_done=lambda raw: self._record_arrived(rid, raw), on_error=self.status.refused)
        else:
            order_no = picked["order_no"]
            self.ctx.run(lambda uow: customs_rejection(uow, order_no), write=False,
                         on_done=self._customs_arrived, on_error=self.status.refused)

    def _show_current(self) -> None:
        r = self.current
        if r is None:
            self.detail_title.setText(self.tr("Nothing is waiting.") if not self.rows
                                      else self.tr("Select a record to fix it."))
            self.editor.clear_record()
            self.pages.setCurrentIndex(0)
            return
        self.detail_title.setText(f"{r['order_no'] or '?'} · {rejection_label(r['code'])}\n{rejection_detail(r)}\n"
                                  + self.tr("From %1 · %2").replace("%1", self._source(r))
                                  .replace("%2", local_time(r["at"])))
        self.pages.setCurrentIndex(0 if r["kind"] == "import" else 1)
        self.revalidate_button.setEnabled(r["kind"] == "import")
        self.dismiss_button.setEnabled(r["kind"] == "import")
        self.requeue_button.setEnabled(r["kind"] == "customs")

    def _record_arrived(self, rejection_id: int, raw: str) -> None:
        if self.current and self.current["kind"] == "import" and self.current["id"] == rejection_id:
            self.editor.set_record(raw)

    def _customs_arrived(self, found: dict[str, Any]) -> None:
        if not self.current or self.current["order_no"] != found["order_no"]:
            return
        self.info.setText(self.tr("copNo %1 · customs status %2 · %3").replace("%1", found["copNo"])
                          .replace("%2", customs_status_label(found["list_status"]))
                          .replace("%3", found["return_info"] or "—"))
        self.sent.setPlainText(found["sent"])

    # -- acting -----------------------------------------------------------------------------------------
    def revalidate(self) -> None:
        """Send the changed fields through the same checks as an import; accepted → it becomes an order."""
        r = self.current
        if r is None or r["kind"] != "import":
            return
        try:
            corrections = self.editor.corrections()
        except ValueError as exc:
            self.status.refused(self.tr("The record is not valid JSON: %1").replace("%1", str(exc)))
            return
        rid = r["id"]
        self.ctx.run(lambda uow: resubmit(uow, rid, corrections), on_done=self._revalidated,
                     on_error=self.status.refused)

    def _revalidated(self, report: ImportReport) -> None:
        if report.accepted:
            self.status.done(self.tr("Accepted: order %1 is now an order.").replace(
                "%1", report.accepted_orders[0] if report.accepted_orders else ""))
        else:
            first = report.rejected[0]
            self.status.refused(self.tr("Still rejected: %1 — %2").replace("%1", rejection_label(first["code"]))
                                .replace("%2", rejection_detail(first)))
        self.refresh()

    def dismiss_current(self) -> None:
        r = self.current
        if r is None or r["kind"] != "import":
            return
        note = ask_dismiss_note(self, r["order_no"])
        if note is None:
            return
        rid = r["id"]
        self.ctx.run(lambda uow: dismiss(uow, rid, note), on_error=self.status.refused,
                     on_done=lambda _none: self.status.done(self.tr("Dismissed.")))

    def requeue_current(self) -> None:
        r = self.current
        if r is None or r["kind"] != "customs":
            return
        order_no = r["order_no"]
        self.ctx.run(lambda uow: requeue(uow, order_no), on_error=self.status.refused,
                     on_done=lambda _none: self.status.done(self.tr("Order %1 will be declared again at the next "
                                                                    "export.").replace("%1", order_no)))

    def reimport(self) -> None:
        path = choose_order_file(self.window(), self.tr("Re-import a corrected file"))
        if path:
            self.reimport_path(Path(path))

    def reimport_path(self, path: Path) -> None:
        if not self.importer.running:
            self.status.note(self.tr("Importing %1…").replace("%1", path.name))
            self.importer.start(path, self.window())

    def _reimported(self, report: ImportReport) -> None:
        self.status.done(summary_text(report))

    def _failed(self, exc: BaseException) -> None:
        self.status.refused(exc)
