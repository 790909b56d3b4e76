"""Allocation and waves (supervisor): run the batch split, see who is allocated or waits and why, the waves
with their pick tasks, and print a wave's pick list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.domain.roles import Permission
from app.outbound import queries
from app.persistence.uow import Area
from ui.jobs import JobState, run_job
from ui.models.paged import Column, Header, PagedTableModel
from ui.outbound.words import fmt, shown, status_word, wait_reason, wave_kind
from ui.shell.screen import Screen, heading
from ui.widgets import document_preview as documents
from ui.widgets.actions import office_key
from ui.widgets.error_dialog import show_error
from ui.widgets.tables import (
    AMBER,
    GREEN,
    GREY,
    column_texts,
    count_text,
    fill,
    fit,
    fit_columns_once,
    grid,
    selected_key,
    table_view,
)

if TYPE_CHECKING:
    from ui.context import AppContext

# an order_board_page row: (id, order no., carrier, status, wave, units, reason, since, params)
BOARD_COLUMNS = [
    Column(1, QT_TRANSLATE_NOOP("Columns", "Order")),
    Column(2, Header.CARRIER),
    Column(3, Header.STATUS, status_word),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Wave"), shown),
    Column(5, QT_TRANSLATE_NOOP("Columns", "Units"), shown, numeric=True),
    Column(6, QT_TRANSLATE_NOOP("Columns", "Why it waits"), lambda row: wait_reason(row[6], row[8]), of_row=True),
    Column(7, QT_TRANSLATE_NOOP("Columns", "Since"), shown),
]
VIEWS = ("waiting", "allocated", "picked", "packed")


class WavesScreen(Screen):
    """F9 allocates (a long job with progress and Cancel), F8 prints the selected wave's pick list, F5 reloads."""

    areas = frozenset({Area.ALLOCATION, Area.WAVES, Area.PICKING, Area.ORDERS, Area.PACKING})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.report: Any = None
        self.job: JobState | None = None
        self.wave_rows: list[dict[str, Any]] = []
        self.task_wave: dict[str, Any] | None = None
        self.title, self.summary = heading(), QLabel(objectName="allocation_summary", wordWrap=True)
        self.allocate_button = QPushButton(objectName="run_allocation", clicked=self.run_allocation)
        self.print_button = QPushButton(objectName="print_pick_list", clicked=self.print_pick_list)
        self.view_choice = QComboBox(objectName="board_view")
        for view in VIEWS:
            self.view_choice.addItem("", view)
        self.board = PagedTableModel(ctx, BOARD_COLUMNS, queries.order_board_page, count_fn=queries.order_board_count)
        self.board_view = table_view(self.board, name="order_board")
        fit_columns_once(self.board_view, self.board)
        self.board_count = QLabel(objectName="board_count")
        self.waves, self.tasks = grid("waves", 8), grid("wave_tasks", 8)
        self.waves_label, self.tasks_label = QLabel(), QLabel(objectName="tasks_label")
        self._lay_out()
        self._connect()
        self.allocate_button.setVisible(ctx.may(Permission.SUPERVISE))
        self.print_button.setVisible(ctx.may(Permission.PRINT))
        self.retranslate_ui()
        self.refresh()

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.allocate_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        board = QWidget()
        box = QVBoxLayout(board)
        box.setContentsMargins(0, 0, 0, 0)
        choose = QHBoxLayout()
        self.view_label = QLabel(buddy=self.view_choice)
        choose.addWidget(self.view_label)
        choose.addWidget(self.view_choice)
        choose.addStretch(1)
        choose.addWidget(self.board_count)
        box.addLayout(choose)
        box.addWidget(self.board_view, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        for label, table in ((self.waves_label, self.waves), (self.tasks_label, self.tasks)):
            part = QWidget()
            column = QVBoxLayout(part)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(label)
            column.addWidget(table, 1)
            lower.addWidget(part)
        lower.setSizes([590, 670])
        split = QSplitter(Qt.Orientation.Vertical, objectName="waves_splitter")
        split.addWidget(board)
        split.addWidget(lower)
        split.setSizes([320, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def _connect(self) -> None:
        self.view_choice.currentIndexChanged.connect(self.show_board)
        self.board.sig_count.connect(self._show_count)
        self.board.sig_failed.connect(self.ctx.sig_error)
        self.waves.itemSelectionChanged.connect(self.show_tasks)
        for action, slot in (("finish", self.run_allocation), ("document", self.print_pick_list),
                             ("refresh", self.refresh)):
            office_key(self, action, slot)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Allocation and waves"))
        self.allocate_button.setText(self.tr("Run allocation (F9)"))
        self.print_button.setText(self.tr("Print pick list (F8)"))
        self.view_label.setText(self.tr("&Orders:"))
        views = (self.tr("waiting for stock"), self.tr("allocated, to pick"), self.tr("picked, to pack"),
                 self.tr("packed"))
        for i, text in enumerate(views):
            self.view_choice.setItemText(i, text)
        self.waves_label.setText(self.tr("Waves (newest first)"))
        self.waves.setHorizontalHeaderLabels([self.tr("Wave"), self.tr("Carrier"), self.tr("Kind"), self.tr("Status"),
                                              self.tr("Orders"), self.tr("Units"), self.tr("Picked"), self.tr("Short")])
        self.tasks.setHorizontalHeaderLabels([self.tr("Location"), self.tr("SKU"), self.tr("Batch"), self.tr("Qty"),
                                              self.tr("Picked"), self.tr("Short"), self.tr("Order"), self.tr("Status")])
        self.board.retranslate()
        self._show_summary()
        self._show_count()
        self._render_waves()
        self._render_tasks()

    # -- reading ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.show_board()
        self.ctx.run(lambda uow: queries.wave_summaries(uow), write=False, on_done=self._show_waves)

    @Slot()
    def show_board(self) -> None:
        self.board.set_filter(self.view_choice.currentData())

    def _show_count(self, *_args: object) -> None:
        self.board_count.setText(count_text(self.board))

    def _show_waves(self, waves: list[dict[str, Any]]) -> None:
        self.wave_rows = waves
        with QSignalBlocker(self.waves):
            self._render_waves()
            if waves and selected_key(self.waves) is None:
                self.waves.selectRow(0)
        self.show_tasks()

    def _render_waves(self) -> None:
        waves = self.wave_rows
        fill(self.waves, [[w["wave"], w["carrier"], wave_kind(w["single_unit"]),
                           status_word(w["status"], "wave_status"),
                           str(w["orders"]), str(w["units"]), str(w["picked"]), str(w["short"])] for w in waves],
             keys=[w["wave"] for w in waves], numeric=(4, 5, 6, 7),
             colours=[GREY if w["status"] == "picked" else AMBER if w["short"] else None for w in waves])
        fit(self.waves, pad=6)  # waves and their tasks side by side at 1366×768

    @Slot()
    def show_tasks(self) -> None:
        wave = selected_key(self.waves)
        self.print_button.setEnabled(wave is not None)
        if wave is None:
            self.task_wave = None
            fill(self.tasks, [])
            return
        from app.outbound.waves import waves

        self.ctx.run(lambda uow: waves(uow, wave_no=wave)[0], write=False,
                     on_done=self._show_tasks, on_error=self.ctx.sig_error.emit)

    def _show_tasks(self, wave: dict[str, Any]) -> None:
        if wave["wave"] != selected_key(self.waves):
            return  # the selection moved on meanwhile
        self.task_wave = wave
        self._render_tasks()

    def _render_tasks(self) -> None:
        wave = self.task_wave
        if wave is None:
            return
        tasks = wave["tasks"]
        self.tasks_label.setText(fmt(self.tr("Pick tasks of %1 in walk order"), wave["wave"]))
        fill(self.tasks, [[t["location"], t["sku"], t["batch"], str(t["qty"]), str(t["picked"]), str(t["short"]),
                           t["order_no"], status_word(t["status"], "pick_status")] for t in tasks], numeric=(3, 4, 5),
             colours=[GREEN if t["status"] == "picked" else AMBER if t["status"] == "short" else None for t in tasks])
        fit(self.tasks, pad=6)

    def wave_numbers(self) -> list[str]:
        return column_texts(self.waves, 0)

    # -- acting -----------------------------------------------------------------------------------------
    @Slot()
    def run_allocation(self) -> None:
        if not self.ctx.may(Permission.SUPERVISE) or not self.allocate_button.isEnabled():
            return
        from app.outbound.allocation import allocate

        status = self.tr("Allocating the released orders (FEFO) and making waves…")

        def job(uow: Any, state: JobState) -> Any:
            state.set_status(status)
            report = allocate(uow)
            state.set_progress(100)
            return report

        self.allocate_button.setEnabled(False)
        self.job = run_job(self.ctx, self, self.tr("Run allocation"), job, on_done=self._allocated,
                           on_error=self._allocation_failed)

    def _allocated(self, report: Any) -> None:
        self.allocate_button.setEnabled(True)
        self.report = report
        self._show_summary()
        self.view_choice.setCurrentIndex(VIEWS.index("waiting") if report.waiting else VIEWS.index("allocated"))

    def _allocation_failed(self, exc: BaseException) -> None:
        self.allocate_button.setEnabled(True)
        if getattr(exc, "code", "") == "job_cancelled":  # the user's own choice: said, not alarmed
            self.summary.setText(self.tr("Allocation cancelled: nothing was changed."))
        else:
            show_error(exc, self)

    def _show_summary(self) -> None:
        r = self.report
        if r is None:
            self.summary.setText(self.tr("F9 allocates every order customs released (800) from sellable stock, "
                                         "earliest expiry first, and groups them into waves."))
            return
        self.summary.setText(fmt(self.tr("%1 orders allocated (%2 units), %3 waiting, waves: %4"), r.allocated, r.units,
                                 len(r.waiting), ", ".join(r.waves) or "—"))

    @Slot()
    def print_pick_list(self) -> None:
        wave = selected_key(self.waves)
        if wave is None or not self.ctx.may(Permission.PRINT):
            return
        documents.print_now(self.ctx, self, "pick-list", wave, on_result=self.summary.setText)
