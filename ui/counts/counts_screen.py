"""Stock counts in the office: create a count (a location prefix or SKUs: the locations freeze), the counts with
their status, the selected count's variances, and what the signed-in role may do with it — close, recount the
varying locations, approve (supervisor: the differences become adjustments), confirm (customs officer: the
pending ledger adjustments become actual) — and the two documents (the blind stocktake sheet, the variance
report).

Every action goes to app.counts on the DB thread; the services check the roles (a button a role may not use is
hidden, and the service refuses it anyway).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import vocabulary
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.clock import warehouse_time
from ui.shell.screen import Screen, heading
from ui.vocabulary import language
from ui.widgets import document_preview as documents
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

STATUSES = {"open": QT_TRANSLATE_NOOP("Counts", "open (locations frozen)"),
            "closed": QT_TRANSLATE_NOOP("Counts", "closed"),
            "recounted": QT_TRANSLATE_NOOP("Counts", "recounted"),
            "approved": QT_TRANSLATE_NOOP("Counts", "approved (customs to confirm)"),
            "confirmed": QT_TRANSLATE_NOOP("Counts", "confirmed by customs")}


def _status(value: Any) -> str:
    return QCoreApplication.translate("Counts", STATUSES.get(value, str(value)))


def scope_text(scope: str) -> str:
    """How the count's locations were chosen (stored as `prefix P`, `sku A, B`, `recount of count N`), in words."""
    return vocabulary.count_scope(scope, language())


COUNT_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("Counts", "Count"), key("count"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Counts", "Status"), key("status"), _status),
    Col(QT_TRANSLATE_NOOP("Counts", "Scope"), key("scope"), scope_text),
    Col(QT_TRANSLATE_NOOP("Counts", "Locations"), key("locations"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Counts", "Visited"), key("visited"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Counts", "Variances"), key("variances"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Counts", "Created"), key("created_at"), lambda v: warehouse_time(v, seconds=False)),
    Col(QT_TRANSLATE_NOOP("Counts", "Approved by"), key("approved_by")),
    Col(QT_TRANSLATE_NOOP("Counts", "Confirmed by"), key("confirmed_by")),
]
SURPLUS, SHORTAGE = QColor("#e3f2e1"), QColor("#fbe3e4")
VARIANCE_COLUMNS = [
    Col(QT_TRANSLATE_NOOP("Counts", "Location"), key("location")),
    Col(QT_TRANSLATE_NOOP("Counts", "SKU"), key("sku")),
    Col(QT_TRANSLATE_NOOP("Counts", "Batch"), key("batch")),
    Col(QT_TRANSLATE_NOOP("Counts", "Expected"), key("expected"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Counts", "Counted"), key("counted"), numeric=True),
    Col(QT_TRANSLATE_NOOP("Counts", "Difference"), lambda r: f"{r['difference']:+d}", numeric=True),
]


def _shade(row: dict[str, Any]) -> tuple[QBrush | None, bool]:
    """A surplus green, a shortage red."""
    return QBrush(SURPLUS if row["difference"] > 0 else SHORTAGE), False


class CountsScreen(Screen):
    """The counts, the selected one's variances, and what the signed-in role may do with it."""

    areas = frozenset({Area.COUNTS, Area.STOCK, Area.LEDGER})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        supervisor, officer = ctx.may(Permission.SUPERVISE), ctx.may(Permission.CONFIRM_ADJUSTMENT)
        clerk = ctx.may(Permission.SCAN_OPERATIONS)
        self.model = RowsModel(COUNT_COLUMNS, parent=self, context="Counts")
        self.variances = RowsModel(VARIANCE_COLUMNS, style=_shade, parent=self, context="Counts")
        self.title, self.answer = heading(), QLabel(objectName="answer", wordWrap=True)
        self.view = table_view(self.model, name="counts_table")
        fit_on_reset(self.view, stretch=2)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selected_changed())
        self.variance_view = table_view(self.variances, name="variances_table")
        fit_on_reset(self.variance_view, stretch=1)
        self.variance_title = QLabel(objectName="variance_title")
        # create
        self.form = QGroupBox(objectName="create_form", visible=supervisor)
        self.by = QComboBox(objectName="scope_kind")
        self.by.addItem("", "prefix")
        self.by.addItem("", "sku")
        self.scope = QLineEdit(objectName="scope")
        self.create_button = QPushButton(objectName="create", clicked=self.create)
        self.labels = [QLabel(), QLabel()]
        form = QFormLayout(self.form)
        form.addRow(self.labels[0], self.by)
        form.addRow(self.labels[1], self.scope)
        form.addRow("", self.create_button)
        # actions on the selected count
        self.close_button = QPushButton(objectName="close", clicked=self.close_count, visible=clerk)
        self.recount_button = QPushButton(objectName="recount", clicked=self.recount, visible=supervisor)
        self.reason = QLineEdit(objectName="reason", visible=supervisor)
        self.reason.setMinimumWidth(260)
        self.approve_button = QPushButton(objectName="approve", clicked=self.approve, visible=supervisor)
        self.confirm_button = QPushButton(objectName="confirm", clicked=self.confirm, visible=officer)
        self.sheet_button = QPushButton(objectName="print_sheet", clicked=lambda: self._print("count-sheet"))
        self.report_button = QPushButton(objectName="print_report", clicked=lambda: self._print("count-report"))
        actions, documents = QHBoxLayout(), QHBoxLayout()  # the steps, then the papers: two rows fit 1366×768
        for widget in (self.close_button, self.recount_button, self.reason, self.approve_button,
                       self.confirm_button):
            actions.addWidget(widget)
        for widget in (self.sheet_button, self.report_button):
            documents.addWidget(widget)
        actions.addStretch(1)
        documents.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.variance_title)
        lower_layout.addWidget(self.variance_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([260, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addLayout(documents)
        layout.addWidget(self.answer)
        layout.addWidget(self.form)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Stock counts"))
        self.labels[0].setText(self.tr("Count the locations"))
        self.labels[1].setText(self.tr("Prefix or SKUs"))
        self.by.setItemText(0, self.tr("whose code starts with…"))
        self.by.setItemText(1, self.tr("holding these SKUs (separated by commas)…"))
        self.scope.setPlaceholderText(self.tr("e.g. A-01, or A2P-900, SWS-VC60"))
        self.form.setTitle(self.tr("New count: the locations freeze until it closes"))
        self.create_button.setText(self.tr("Create the count"))
        self.close_button.setText(self.tr("Close"))
        self.recount_button.setText(self.tr("Recount the varying locations"))
        self.reason.setPlaceholderText(self.tr("Reason for the adjustments"))
        self.approve_button.setText(self.tr("Approve the adjustments"))
        self.confirm_button.setText(self.tr("Confirm (customs)"))
        self.sheet_button.setText(self.tr("Stocktake sheet"))
        self.report_button.setText(self.tr("Variance report"))
        self.model.retranslate()
        self.variances.retranslate()
        self._show_variance_title()
        self._enable()

    def refresh(self) -> None:
        from app.counts import list_counts

        self.ctx.run(list_counts, write=False, on_done=self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        ids = [r["count"] for r in rows]
        if ids:
            self.view.selectRow(ids.index(chosen["count"]) if chosen and chosen["count"] in ids else 0)
        self._selected_changed()

    def selected(self) -> dict[str, Any] | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected_changed(self) -> None:
        from app.counts import variances

        self._enable()
        row = self.selected()
        if row is None or row["status"] == "open":
            self.variances.set_rows([])
            self._show_variance_title()
            return
        count = row["count"]
        self.ctx.run(lambda uow: [v.to_json() for v in variances(uow, count)], write=False,
                     on_done=self._show_variances)

    def _show_variances(self, rows: list[dict[str, Any]]) -> None:
        self.variances.set_rows(rows)
        self._show_variance_title()

    def _show_variance_title(self) -> None:
        row = self.selected()
        if row is None:
            self.variance_title.setText("")
        elif row["status"] == "open":
            self.variance_title.setText(self.tr("Count %1 is open: its variances are known when it closes")
                                        .replace("%1", str(row["count"])))
        else:
            rows = self.variances.rows
            self.variance_title.setText(
                self.tr("Variances of count %1: %2 · surplus %3 · shortage %4").replace("%1", str(row["count"]))
                .replace("%2", str(len(rows)))
                .replace("%3", str(sum(r["difference"] for r in rows if r["difference"] > 0)))
                .replace("%4", str(-sum(r["difference"] for r in rows if r["difference"] < 0))))

    def _enable(self) -> None:
        row = self.selected()
        status = row["status"] if row else ""
        self.close_button.setEnabled(status == "open")
        self.recount_button.setEnabled(status == "closed" and bool(row and row["variances"]))
        self.approve_button.setEnabled(status == "closed")
        self.confirm_button.setEnabled(status == "approved")
        self.sheet_button.setEnabled(row is not None)
        self.report_button.setEnabled(status not in ("", "open"))

    # -- actions --------------------------------------------------------------------------------------------
    def create(self) -> None:
        from app.counts import create_count

        text = self.scope.text().strip()
        if self.by.currentData() == "prefix":
            self.ctx.run(lambda uow: create_count(uow, location_prefix=text), on_done=self._done,
                         on_error=self._refused)
        else:
            skus = [s.strip() for s in text.replace("，", ",").split(",") if s.strip()]
            self.ctx.run(lambda uow: create_count(uow, skus=skus), on_done=self._done, on_error=self._refused)

    def _on_selected(self, service: Any, *args: Any) -> None:
        row = self.selected()
        if row is not None:
            count = row["count"]
            self.ctx.run(lambda uow: service(uow, count, *args), on_done=self._done, on_error=self._refused)

    def close_count(self) -> None:
        from app.counts import close_count

        self._on_selected(close_count)

    def recount(self) -> None:
        from app.counts import recount

        self._on_selected(recount)

    def approve(self) -> None:
        from app.counts import approve_count

        self._on_selected(approve_count, self.reason.text().strip())

    def confirm(self) -> None:
        from app.counts import confirm_count

        self._on_selected(confirm_count)

    def _done(self, result: Any) -> None:
        from app.counts import CountClosed, CountCreated

        if isinstance(result, CountCreated):
            text = (self.tr("Count %1 created: %2 locations frozen until it closes") if result.recount_of is None
                    else self.tr("Count %1 created to recount %2 locations"))
            text = text.replace("%1", str(result.count)).replace("%2", str(result.locations))
        elif isinstance(result, CountClosed):
            text = self.tr("Count %1 closed: %2 variances").replace("%1", str(result.count)).replace(
                "%2", str(len(result.variances)))
        elif result.status == "approved":
            text = self.tr("Count %1 approved: the stock equals what was counted; %2 ledger adjustments wait for "
                           "customs").replace("%1", str(result.count)).replace("%2", str(len(result.pending)))
        else:
            text = self.tr("Count %1 confirmed: its adjustments are in the customs balance").replace(
                "%1", str(result.count))
        self.answer.setText(text)
        self.answer.setStyleSheet("")
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        from ui.error_text import describe

        self.answer.setText(describe(exc).text)
        self.answer.setStyleSheet("color: #b00020")

    def _print(self, name: str) -> None:
        row = self.selected()
        if row is not None:
            documents.open_preview(self.ctx, self, name, str(row["count"]))
