"""The customs exchange: outbox and inbox, export now, receipts now, the inbox watcher and what it did, the
message archive (what was sent and received), and the inventory-list printout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.customs.export import export_inventory_lists
from app.customs.queries import archive_newest_first, count_archive, exchange_folders
from app.customs.receipts import apply_receipts
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.clock import warehouse_now
from ui.clock import warehouse_time as local_time
from ui.customs.archive_view import MessageDialog
from ui.customs.exchange_texts import export_text, pass_lines, receipts_text, refusal_kind, refusal_text
from ui.customs.inbox_watcher import InboxWatcher
from ui.models.paged import Column, Header, PagedTableModel
from ui.orders.batch_job import run_batched
from ui.orders.vocabulary import direction_label
from ui.shell.screen import Screen, heading
from ui.vocabulary import term
from ui.widgets.actions import StatusLine, press_on
from ui.widgets.document_preview import open_preview
from ui.widgets.tables import count_text, fit_columns_once, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

MESSAGE_TYPES = ["", "CEB621", "CEB623", "CEB622", "CEB624", "CSV", "INVALID"]


def state_text(state: tuple[str, datetime | None, str | None, dict[str, Any] | None]) -> str:
    """A message's state (direction, delivered at, note, a refused file's problem) in the screen's language, worded
    when shown (the rows stay as they were read across a language switch)."""
    direction, delivered_at, note, problem = state
    if direction == "out":
        if delivered_at:
            return QCoreApplication.translate("CustomsExchange", "in the outbox since %1").replace(
                "%1", local_time(delivered_at))
        return QCoreApplication.translate("CustomsExchange", "waiting to be written to the outbox")
    if note:  # a refused file: the kind of its problem (the file line under the list says it whole)
        return QCoreApplication.translate("CustomsExchange", "refused: %1").replace("%1", refusal_kind(problem))
    return QCoreApplication.translate("CustomsExchange", "kept")


def message_type(code: str) -> str:
    """A message type: customs' name (CEB621…) as it is, the archive's own INVALID by its name."""
    return term("message_type", code)


# a row: (id, direction, type, business_no, file_name, at, (direction, delivered_at, note, params), sha256)
# At 1366×768 the archive beside the watcher's log lists what identifies a message and where it stands (a long
# state elided, its tooltip holding it); the selected message's file name and SHA-256 are under the list.
COLUMNS = [
    Column(0, Header.NO, numeric=True),
    Column(1, QT_TRANSLATE_NOOP("Columns", "Direction"), direction_label),
    Column(2, QT_TRANSLATE_NOOP("Columns", "Type"), message_type),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Business no.")),
    Column(5, Header.TIME, local_time),
    Column(6, QT_TRANSLATE_NOOP("Columns", "State"), state_text),
]


def archive_page(uow: Any, flt: tuple[str, str], before: int | None, limit: int) -> list[tuple]:
    return [(m["id"], m["direction"], m["msg_type"], m["business_no"], m["file_name"], m["at"],
             (m["direction"], m["delivered_at"], m["note"], m["params"]), m["sha256"])
            for m in archive_newest_first(uow, flt[0] or None, flt[1] or None, before, limit)]


def archive_count(uow: Any, flt: tuple[str, str]) -> int:
    return count_archive(uow, flt[0] or None, flt[1] or None)


class ExchangeScreen(Screen):
    """F5 declares, F6 reads the inbox; the watcher applies what arrives; Enter on a file shows it (masked).

The archive is listed newest first.
"""

    areas = frozenset({Area.ORDERS, Area.CUSTOMS, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.may_exchange = ctx.may(Permission.CUSTOMS_EXCHANGE)
        self.folders: tuple[Path, Path] | None = None
        self.last_job: Any = None
        self.progress_seen: list[int] = []
        self.watcher = InboxWatcher(ctx, self)
        self.watcher.sig_applied.connect(self._watcher_applied)
        self.watcher.sig_failed.connect(self._watcher_failed)
        self.model = PagedTableModel(ctx, COLUMNS, archive_page, count_fn=archive_count, first_key=None)
        self.view = table_view(self.model, name="archive_table")
        fit_columns_once(self.view, self.model)
        self.view.activated.connect(self.show_message)
        self.view.selectionModel().currentRowChanged.connect(self._show_file)
        self.model.sig_count.connect(self._show_count)
        self.model.sig_failed.connect(ctx.sig_error)
        self.direction, self.msg_type = QComboBox(objectName="direction"), QComboBox(objectName="msg_type")
        for value in ("", "out", "in"):
            self.direction.addItem("", value)
        for value in MESSAGE_TYPES:
            self.msg_type.addItem(value, value)
        self.direction.currentIndexChanged.connect(self.apply_filter)
        self.msg_type.currentIndexChanged.connect(self.apply_filter)
        self._build_actions()
        self._lay_out()
        self.retranslate_ui()
        self.apply_filter()
        self.load_folders()

    def _build_actions(self) -> None:
        self.outbox_label, self.inbox_label = QLabel(objectName="outbox"), QLabel(objectName="inbox")
        for label in (self.outbox_label, self.inbox_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(objectName="export", clicked=self.export_now)
        press_on(self.export_button, "finish")
        self.receipts_button = QPushButton(objectName="receipts", clicked=self.receipts_now)
        press_on(self.receipts_button, "refresh")
        self.watch_box = QCheckBox(objectName="watch", checked=self.may_exchange)
        self.watch_box.toggled.connect(self._watch_toggled)
        for widget in (self.export_button, self.receipts_button, self.watch_box):
            widget.setVisible(self.may_exchange)
        self.status = StatusLine()
        self.log = QListWidget(objectName="watcher_log", wordWrap=True)
        self.order_no = QLineEdit(objectName="printout_order")
        self.order_no.returnPressed.connect(self.open_printout)
        self.printout_button = QPushButton(objectName="printout", clicked=self.open_printout)
        press_on(self.printout_button, "document")
        self.count = QLabel(objectName="count")
        self.file_line = QLabel(objectName="message_file", wordWrap=True)
        self.file_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self) -> None:
        self.title = heading()
        self.folder_names = [QLabel(), QLabel()]
        folders = QGridLayout()
        for row, (name, value) in enumerate(zip(self.folder_names, (self.outbox_label, self.inbox_label))):
            folders.addWidget(name, row, 0)
            folders.addWidget(value, row, 1)
        folders.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        for widget in (self.export_button, self.receipts_button, self.watch_box):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.filter_labels = [QLabel(), QLabel()]
        filters = QHBoxLayout()
        for label, combo in zip(self.filter_labels, (self.direction, self.msg_type)):
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        archive = QWidget()
        column = QVBoxLayout(archive)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.view, 1)
        column.addWidget(self.file_line)
        column.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(archive)
        splitter.addWidget(self._side_panel())
        splitter.setSizes([900, 360])  # the archive gets the room; the side panel its least
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(folders)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def _side_panel(self) -> QWidget:
        self.log_box, self.printout_box = QGroupBox(), QGroupBox()
        column = QVBoxLayout(self.log_box)
        column.addWidget(self.log)
        row = QHBoxLayout(self.printout_box)
        self.order_label = QLabel()
        self.order_label.setBuddy(self.order_no)
        row.addWidget(self.order_label)
        row.addWidget(self.order_no, 1)
        row.addWidget(self.printout_button)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.log_box, 1)
        column.addWidget(self.printout_box)
        return side

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Customs exchange"))
        self.folder_names[0].setText(self.tr("Outbox (files to customs):"))
        self.folder_names[1].setText(self.tr("Inbox (receipts from customs):"))
        self.export_button.setText(self.tr("Declare now (F9)"))
        self.receipts_button.setText(self.tr("Read receipts now (F5)"))
        self.watch_box.setText(self.tr("&Watch the inbox and apply new receipts"))
        self.filter_labels[0].setText(self.tr("&Direction"))
        self.filter_labels[1].setText(self.tr("T&ype"))
        self.direction.setItemText(0, self.tr("sent and received"))
        self.direction.setItemText(1, direction_label("out"))
        self.direction.setItemText(2, direction_label("in"))
        self.msg_type.setItemText(0, self.tr("any type"))
        for i, code in enumerate(MESSAGE_TYPES[1:], start=1):
            self.msg_type.setItemText(i, message_type(code))
        self.log_box.setTitle(self.tr("What the inbox watcher did"))
        self.printout_box.setTitle(self.tr("Inventory-list printout"))
        self.order_label.setText(self.tr("&Order no."))
        self.order_no.setPlaceholderText(self.tr("scan or type, then Enter"))
        self.printout_button.setText(self.tr("Preview… (F8)"))
        self.model.retranslate()
        self._show_count()
        self._show_file(self.view.currentIndex())

    # -- the archive ------------------------------------------------------------------------------------
    def apply_filter(self, *_args: object) -> None:
        flt = (self.direction.currentData() or "", self.msg_type.currentData() or "")
        if flt != self.model.current_filter:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        self.model.reload()
        self.load_folders()  # the settings customs_outbox / customs_inbox may have changed

    def show_message(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            dialog = MessageDialog(self.ctx, row[0], row[4], self.window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def _show_count(self, *_args: object) -> None:
        self.count.setText(count_text(self.model))

    def _show_file(self, index: QModelIndex, *_args: object) -> None:
        """The current message's file and checksum (Enter shows the file)."""
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.file_line.setText(self.tr("Select a message to see its file; Enter shows it."))
            return
        text = self.tr("File: %1").replace("%1", row[4]) + "\n" + self.tr("SHA-256: %1").replace("%1", row[7] or "—")
        if row[1] == "in" and row[6][2]:  # a refused file: why, in the screen's language
            text += "\n" + self.tr("Refused: %1").replace("%1", refusal_text(row[6][3]))
        self.file_line.setText(text)

    # -- the folders and the watcher --------------------------------------------------------------------
    def load_folders(self) -> None:
        self.ctx.run(exchange_folders, write=False, on_done=self._folders_arrived, on_error=self.status.refused)

    def _folders_arrived(self, folders: tuple[Path, Path]) -> None:
        moved = folders != self.folders
        self.folders = folders
        self.outbox_label.setText(str(folders[0]))
        self.inbox_label.setText(str(folders[1]))
        if moved:
            self._watch_toggled(self.watch_box.isChecked())

    def _watch_toggled(self, on: bool) -> None:
        if on and self.may_exchange and self.folders is not None:
            self.watcher.watch(self.folders[1])
        elif not on:
            self.watcher.stop()

    def _watcher_applied(self, result: Any) -> None:
        for line in pass_lines(result):
            self.log.insertItem(0, f"{warehouse_now():%H:%M:%S}  {line}")  # warehouse time, as every time on screen
        self.status.done(receipts_text(result.report))

    def _watcher_failed(self, exc: BaseException) -> None:
        self.status.refused(exc)

    # -- jobs -------------------------------------------------------------------------------------------
    def export_now(self) -> None:
        """Declare every accepted order: one CEB621 per order into the outbox (progress, Cancel)."""
        self._start(self.tr("Declaring inventory lists"), lambda uow, progress, cancelled: export_inventory_lists(
            uow, None, progress=progress, cancel=cancelled), lambda report: self.status.done(export_text(report)))

    def receipts_now(self) -> None:
        """Apply every receipt file in the inbox (the same receipt twice changes nothing)."""
        inbox = self.folders[1] if self.folders else None
        if inbox is None:
            return
        self._start(self.tr("Reading receipts"), lambda uow, progress, cancelled: apply_receipts(
            uow, inbox, progress=progress, cancel=cancelled), lambda report: self.status.done(receipts_text(report)))

    def _start(self, title: str, fn: Any, then: Any) -> None:
        self.export_button.setEnabled(False)
        self.receipts_button.setEnabled(False)

        def finished(outcome: Any) -> None:
            self.export_button.setEnabled(True)
            self.receipts_button.setEnabled(True)
            (self.status.refused if isinstance(outcome, BaseException) else then)(outcome)

        self.progress_seen = []
        self.last_job = run_batched(self.ctx, self.window(), title, fn, on_done=finished, on_error=finished,
                                    on_progress=self._progress)

    @Slot(int)
    def _progress(self, percent: int) -> None:
        self.progress_seen.append(percent)

    def open_printout(self) -> None:
        order_no = self.order_no.text().strip()
        if order_no:
            open_preview(self.ctx, self.window(), "inventory-list", order_no)
