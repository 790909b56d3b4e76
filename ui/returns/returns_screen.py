"""Consumer returns: every return with its customs clocks (request by, back by, days left), and the request form.

The list pages by keyset through app.returns.returns_page (fast on 100,000 returns); the request goes to
app.returns.request_return on the DB thread (the service checks the role and the 30-day clock).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain.returns import RETURN_REASONS
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.shell.screen import Screen, heading
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

PAGE = 200
STATUSES = ("", "requested", "declared", "accepted", "approved", "rejected", "received", "returned")
STATUS_NAMES = {
    "": QT_TRANSLATE_NOOP("Returns", "Every status"),
    "requested": QT_TRANSLATE_NOOP("Returns", "requested"),
    "declared": QT_TRANSLATE_NOOP("Returns", "declared (CEB625 sent)"),
    "accepted": QT_TRANSLATE_NOOP("Returns", "accepted by customs"),
    "approved": QT_TRANSLATE_NOOP("Returns", "approved by customs"),
    "rejected": QT_TRANSLATE_NOOP("Returns", "rejected by customs"),
    "received": QT_TRANSLATE_NOOP("Returns", "received, waiting for approval"),
    "returned": QT_TRANSLATE_NOOP("Returns", "returned (booked)"),
}
REASON_NAMES = {
    "no_reason": QT_TRANSLATE_NOOP("Returns", "seven-day no-reason return"),
    "quality": QT_TRANSLATE_NOOP("Returns", "quality problem"),
    "damaged_in_transit": QT_TRANSLATE_NOOP("Returns", "damaged in transit"),
    "wrong_goods": QT_TRANSLATE_NOOP("Returns", "wrong goods sent"),
    "not_as_described": QT_TRANSLATE_NOOP("Returns", "not as described"),
}


def _status(value: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Returns", STATUS_NAMES.get(value, str(value)))


def _reason(value: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Returns", REASON_NAMES.get(value, str(value)))


def _days(value: Any) -> str:
    return "" if value is None else str(value)


COLUMNS = [
    Col(QT_TRANSLATE_NOOP("Returns", "Return"), key("return")),
    Col(QT_TRANSLATE_NOOP("Returns", "Order"), key("order_no")),
    Col(QT_TRANSLATE_NOOP("Returns", "Waybill"), key("waybill")),
    Col(QT_TRANSLATE_NOOP("Returns", "Reason"), key("reason"), _reason),
    Col(QT_TRANSLATE_NOOP("Returns", "Status"), key("status"), _status),
    Col(QT_TRANSLATE_NOOP("Returns", "Request by"), key("apply_by")),
    Col(QT_TRANSLATE_NOOP("Returns", "Back by"), key("arrive_by")),
    Col(QT_TRANSLATE_NOOP("Returns", "Days left"), key("days_left"), _days, numeric=True),
    Col(QT_TRANSLATE_NOOP("Returns", "Customs"), key("customs_status")),
]


class ReturnsScreen(Screen):
    """The returns with their clocks (status filter, next page) and, for a supervisor, the request form."""

    areas = frozenset({Area.RETURNS, Area.CUSTOMS, Area.ORDERS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = RowsModel(COLUMNS, parent=self, context="Returns")
        self.after = 0
        self.total: int | None = None  # returns the filter finds (the count says it once they are read)
        self.title, self.count = heading(), QLabel(objectName="returns_count")
        self.status = QComboBox(objectName="status_filter")
        for code in STATUSES:
            self.status.addItem("", code)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.more = QPushButton(objectName="next_page", clicked=self.next_page)
        self.view = table_view(self.model, name="returns_table")
        fit_on_reset(self.view, stretch=2)
        self.form = QGroupBox(objectName="request_form")
        self.order_no = QLineEdit(objectName="order_no")
        self.reason = QComboBox(objectName="reason")
        for code in RETURN_REASONS:
            self.reason.addItem("", code)
        self.lines = QLineEdit(objectName="lines")
        self.request_button = QPushButton(objectName="request", clicked=self.request)
        self.answer = QLabel(objectName="answer", wordWrap=True)
        form = QFormLayout(self.form)
        self.order_label, self.reason_label, self.lines_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.order_label, self.order_no)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.lines_label, self.lines)
        form.addRow("", self.request_button)
        form.addRow(self.answer)
        self.form.setVisible(ctx.may(Permission.CUSTOMS_EXCHANGE))
        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addWidget(self.count, 1)
        top.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.form)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Consumer returns"))
        for i, code in enumerate(STATUSES):
            self.status.setItemText(i, _status(code))
        for i in range(self.reason.count()):
            self.reason.setItemText(i, _reason(self.reason.itemData(i)))
        self.more.setText(self.tr("Next page"))
        self.form.setTitle(self.tr("Request a return (a shipped order, within 30 days of its release)"))
        self.order_label.setText(self.tr("Order number"))
        self.reason_label.setText(self.tr("Reason"))
        self.lines_label.setText(self.tr("Only these units"))
        self.lines.setPlaceholderText(self.tr("SKU:QTY SKU:QTY … (empty: the whole order)"))
        self.request_button.setText(self.tr("Request the return"))
        self._say_count()
        self.model.retranslate()

    # -- the list -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.after = 0
        self._load(replace=True)

    def next_page(self) -> None:
        self._load(replace=False)

    def _load(self, *, replace: bool) -> None:
        from app.returns import count_returns, returns_page

        status, after = self.status.currentData() or None, self.after if not replace else 0

        def read(uow: Any) -> tuple[list[dict[str, Any]], int]:
            return returns_page(uow, status, after, PAGE), count_returns(uow, status)

        self.ctx.run(read, write=False, on_done=lambda out: self._show(out, replace))

    def _show(self, out: tuple[list[dict[str, Any]], int], replace: bool) -> None:
        rows, total = out
        self.model.set_rows(rows if replace else self.model.rows + rows)
        if rows:
            self.after = rows[-1]["id"]
        self.more.setEnabled(len(rows) == PAGE)
        self.total = total
        self._say_count()

    def _say_count(self) -> None:
        """How many returns are shown, in the screen's language (again after a language switch)."""
        if self.total is not None:
            self.count.setText(self.tr("%1 of %2 returns shown").replace("%1", str(len(self.model.rows)))
                               .replace("%2", str(self.total)))

    # -- the request ----------------------------------------------------------------------------------------
    def request(self) -> None:
        from app.returns import parse_lines, request_return

        order_no, reason = self.order_no.text().strip(), self.reason.currentData()
        given = self.lines.text().split()

        def job(uow: Any) -> Any:
            return request_return(uow, order_no, reason, parse_lines(given) if given else None)

        self.ctx.run(job, on_done=self._requested, on_error=self._refused)

    def _requested(self, result: Any) -> None:
        self.answer.setText(self.tr("Return %1 requested: the CEB625 goes with the next customs export; the parcel "
                                    "must be back by %2.").replace("%1", result.return_no)
                            .replace("%2", result.arrive_by))
        self.answer.setStyleSheet("")
        self.order_no.clear()
        self.lines.clear()
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        from ui.error_text import describe

        self.answer.setText(describe(exc).text)
        self.answer.setStyleSheet("color: #b00020")
        self.answer.setAlignment(Qt.AlignmentFlag.AlignLeft)
