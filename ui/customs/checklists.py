"""Exit checklists (出区核注清单, INV101): every checklist with its period, lists, units and posting status, and
"Gather exit checklist" for a period (the lists that left the zone then and are on no checklist yet: the XML
and its PDF go to the customs outbox). Posting receipts arrive with the other receipts (Customs exchange).
Gathering needs the customs-exchange right; customs officers and auditors look and print."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.clock import warehouse_today
from ui.shell.screen import Screen, heading
from ui.vocabulary import term
from ui.widgets.document_preview import open_preview
from ui.widgets.error_dialog import show_error
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from app.persistence.uow import UnitOfWork
    from ui.context import AppContext

STATUS = {"declared": QT_TRANSLATE_NOOP("ChecklistColumns", "declared"),
          "posted": QT_TRANSLATE_NOOP("ChecklistColumns", "posted"),
          "rejected": QT_TRANSLATE_NOOP("ChecklistColumns", "rejected")}
LOOK = {"posted": QBrush(QColor("#d8f0d8")), "rejected": QBrush(QColor("#f6d5d5"))}


def _status(value: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ChecklistColumns", STATUS.get(str(value), str(value)))


COLUMNS = [
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Checklist"), key("checklist")),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "From"), key("from")),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "To"), key("to")),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Lists"), key("lists"), numeric=True),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Units"), key("units"), numeric=True),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Status"), key("status"), render=_status),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Receipt"), key("receipt_status"),
        render=lambda code: term("checklist_receipt", code)),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Made"), key("created")),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Posted"), key("posted")),
    Col(QT_TRANSLATE_NOOP("ChecklistColumns", "Customs' answer"), key("receipt_info")),
]


def _style(row: dict[str, Any]) -> tuple[QBrush | None, bool]:
    return LOOK.get(row["status"]), False


def gather_and_deliver(uow: UnitOfWork, first: date, last: date) -> dict[str, Any]:
    """Gather the period's checklist, then write its files to the outbox (each step its own commit)."""
    from app.customs.checklist import deliver, gather
    from app.persistence.jobs import checkpoint

    report = gather(uow, first, last)
    checkpoint(uow)  # the checklist is kept before its files are written
    report.files = deliver(uow, report.checklist)
    return report.to_json()


class ChecklistsScreen(Screen):
    """The exit checklists, newest first; gather one for a period."""

    areas = frozenset({Area.CUSTOMS, Area.LEDGER})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        day = warehouse_today()  # the warehouse's date, not the workstation's
        today = QDate(day.year, day.month, day.day)
        self.title, self.note, self.status = heading(), QLabel(wordWrap=True), QLabel(objectName="checklists_status")
        self.from_label, self.to_label = QLabel(), QLabel()
        self.first = QDateEdit(QDate(today.year(), today.month(), 1), calendarPopup=True, objectName="checklist_from")
        self.last = QDateEdit(today, calendarPopup=True, objectName="checklist_to")
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.gather_button = QPushButton(objectName="checklist_gather")
        self.gather_button.clicked.connect(self.gather)
        self.gather_button.setVisible(ctx.may(Permission.CUSTOMS_EXCHANGE))
        self.print_button = QPushButton(objectName="checklist_print")
        self.print_button.clicked.connect(self.print_selected)
        bar = QHBoxLayout()
        for widget in (self.from_label, self.first, self.to_label, self.last, self.gather_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        self.model = RowsModel(COLUMNS, style=_style, parent=self, context="ChecklistColumns")
        self.view = table_view(self.model, name="checklists_table")
        fit_on_reset(self.view, stretch=len(COLUMNS) - 1)
        self.view.doubleClicked.connect(lambda _index: self.print_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Exit checklists"))
        self.note.setText(self.tr("An exit checklist (核注清单, list type 8) writes the inventory lists that left the "
                                  "zone in a period off the account book, one line per account-book item. A list is "
                                  "on one checklist only. Customs' posting receipt (CSV checklist_no,status,time,"
                                  "info) marks it posted."))
        self.from_label.setText(self.tr("Lists that left from"))
        self.to_label.setText(self.tr("to"))
        self.gather_button.setText(self.tr("Gather exit checklist"))
        self.print_button.setText(self.tr("Print…"))
        self.model.retranslate()

    def refresh(self) -> None:
        from app.customs.checklist import checklists

        self.ctx.run(checklists, write=False, on_done=self.model.set_rows)

    def period(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]

    def gather(self) -> None:
        first, last = self.period()
        self.ctx.run(lambda uow: gather_and_deliver(uow, first, last), on_done=self._gathered,
                     on_error=lambda exc: show_error(exc, self))

    def _gathered(self, report: dict[str, Any]) -> None:
        self.status.setText(self.tr("Exit checklist %1: %2 lists, %3 units; written to the outbox.")
                            .replace("%1", report["checklist"]).replace("%2", str(report["lists"]))
                            .replace("%3", str(report["units"])))
        self.refresh()

    def print_selected(self) -> None:
        row = self.model.row_at(self.view.currentIndex().row())
        if row is not None:
            open_preview(self.ctx, self, "exit-checklist", row["checklist"])
