"""Inbound declarations: the list with each one's status, the selected one's head and tally line by line, and
what can be done with it — import, receive, close the tally, release (supervisor or customs officer), print."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission
from app.persistence.uow import Area
from app.stations import Feedback
from ui.inbound.columns import DECLARATION_COLUMNS, TallyModel
from ui.inbound.words import RECEIVABLE, for_banner, status_flow
from ui.shell.screen import Screen, heading
from ui.widgets.document_preview import open_preview
from ui.widgets.error_dialog import show_error
from ui.widgets.feedback import feedback_text
from ui.widgets.import_action import ImportButton, ImportKind
from ui.widgets.owner_filter import OwnerFilter
from ui.widgets.tables import RowsModel, fit_on_reset, render_value, table_view

if TYPE_CHECKING:
    from app.inbound.queries import DeclarationHead, TallyRow
    from ui.context import AppContext

IMPORT = ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import declaration…"),
                    "app.inbound.declarations:import_declaration")
# (label source in context "DeclarationsScreen", DeclarationHead field)
HEAD_FIELDS = [
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Entry no."), "entry_no"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Bill of lading"), "bill_of_lading"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Container"), "container_no"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Seal"), "seal_no"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Arrival"), "arrival_date"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Tally began"), "tally_started_at"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Tally closed"), "tally_closed_at"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Closed by"), "tally_closed_by"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Staged at"), "staging_location"),
    (QT_TRANSLATE_NOOP("DeclarationsScreen", "Released"), "released_at"),
]


DOCUMENT_BUTTONS = frozenset({"tally_report", "putaway_list", "labels"})


class DeclarationsScreen(Screen):
    """Enter/F5 receive station · F9 close tally · Ctrl+R release · F6 tally report · F7 put-away list ·
    F8 carton labels."""

    areas = frozenset({Area.INBOUND, Area.TALLY, Area.STOCK, Area.PUTAWAY})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = RowsModel(DECLARATION_COLUMNS, parent=self)
        self.lines = TallyModel(self)
        self.head: DeclarationHead | None = None
        self._stale = False
        self.view = table_view(self.model, name="declarations_table")
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.activated.connect(lambda _index: self.open_station())
        self.lines_view = table_view(self.lines, name="lines_table")
        fit_on_reset(self.view)
        fit_on_reset(self.lines_view, stretch=2)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.owner, self.owner_label = OwnerFilter(ctx), QLabel()
        self.owner_label.setBuddy(self.owner)
        self.owner.currentIndexChanged.connect(lambda _i: self.refresh())
        self.importer = ImportButton(ctx, IMPORT) if ctx.may(Permission.INBOUND_DECLARATION) else None
        self.buttons: dict[str, QPushButton] = {}
        self._add_button("station", "F5", self.open_station, Permission.SCAN_OPERATIONS)
        self._add_button("close", "F9", self.close_tally, Permission.SCAN_OPERATIONS)
        self._add_button("release", "Ctrl+R", self.ask_release, Permission.RELEASE_ENTRY)
        self._add_button("close_entry", "Ctrl+E", self.close_entry, Permission.SUPERVISE)
        self._add_button("tally_report", "F6", lambda: self.print_document("tally-report"), Permission.PRINT)
        self._add_button("putaway_list", "F7", lambda: self.print_document("putaway-list"), Permission.PRINT)
        self._add_button("labels", "F8", lambda: self.print_document("carton-labels"), Permission.PRINT)
        self._lay_out()
        self.retranslate_ui()
        self.refresh()

    def _add_button(self, name: str, keys: str, slot: Any, permission: Permission) -> None:
        """A button and its key, only for a role that may use it (the service refuses the others anyway)."""
        if not self.ctx.may(permission):
            return
        button = QPushButton(objectName=name)
        button.clicked.connect(slot)
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(button.click)
        self.buttons[name] = button

    def _lay_out(self) -> None:
        self.title, self.flow = heading(), QLabel(objectName="status_flow")
        self.detail_title = QLabel(objectName="detail_title")
        bold = self.detail_title.font()
        bold.setBold(True)
        self.detail_title.setFont(bold)
        self.form = QGridLayout()  # two fields a row: the head reads at a glance above the lines
        self.head_values: dict[str, QLabel] = {}
        self.head_labels: list[QLabel] = []
        for n, (_label, name) in enumerate(HEAD_FIELDS):
            label, value = QLabel(), QLabel(objectName=f"head_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.head_values[name] = value
            self.head_labels.append(label)
            self.form.addWidget(label, n // 2, (n % 2) * 2)
            self.form.addWidget(value, n // 2, (n % 2) * 2 + 1)
        self.form.setColumnStretch(1, 1)
        self.form.setColumnStretch(3, 1)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addWidget(self.flow)
        column.addLayout(self.form)
        column.addWidget(self.lines_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(detail)
        splitter.setSizes([220, 480])
        bar, documents = QHBoxLayout(), QHBoxLayout()  # the steps, then the papers: two rows fit 1366×768
        if self.importer is not None:
            self.importer.sig_imported.connect(self.refresh)
            bar.addWidget(self.importer)
        for name, button in self.buttons.items():
            (documents if name in DOCUMENT_BUTTONS else bar).addWidget(button)
        bar.addStretch(1)
        documents.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.owner_label)
        top.addWidget(self.owner)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addLayout(documents)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Inbound declarations"))
        self.owner_label.setText(self.tr("O&wner"))
        self.owner.retranslate_ui()
        texts = {"station": self.tr("Receive station (F5)"), "close": self.tr("Close tally (F9)"),
                 "release": self.tr("Release (Ctrl+R)"), "close_entry": self.tr("Close entry (Ctrl+E)"),
                 "tally_report": self.tr("Tally report (F6)"),
                 "putaway_list": self.tr("Put-away list (F7)"), "labels": self.tr("Carton labels (F8)")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
        for widget, (label, _name) in zip(self.head_labels, HEAD_FIELDS):
            widget.setText(self.tr(label))
        self.model.retranslate()
        self.lines.retranslate()
        self._show_head(self.head)

    # -- the list and the detail ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload now when on view; otherwise when the screen is shown next."""
        if not self.isVisible() and self.model.rows:
            self._stale = True
            return
        from app.inbound.queries import declarations

        self._stale = False
        owner = self.owner.code()
        self.ctx.run(lambda uow: declarations(uow, owner), write=False, on_done=self._listed)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _listed(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        numbers = [r["declaration"] for r in rows]
        if numbers:
            self.view.selectRow(numbers.index(chosen) if chosen in numbers else 0)
            self._load(self.selected())
        else:
            self._show_head(None)

    def selected(self) -> str | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        row = self.model.row_at(rows[0].row()) if rows else None
        return row["declaration"] if row else None

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if selected.indexes():
            self._load(self.selected())

    def _load(self, number: str | None) -> None:
        from app.inbound.queries import declaration_head, tally_rows

        if number is None:
            return
        self.ctx.run(lambda uow: (declaration_head(uow, number), tally_rows(uow, number)), write=False,
                     on_done=lambda out: self._show_detail(*out), on_error=lambda exc: show_error(exc, self))

    def _show_detail(self, head: DeclarationHead, rows: list[TallyRow]) -> None:
        if head.declaration_no != self.selected():
            return  # an older answer: the user has moved on
        self.lines.set_rows(rows)
        self._show_head(head)

    def _show_head(self, head: DeclarationHead | None) -> None:
        self.head = head
        self.detail_title.setText(self.tr("Declaration %1").replace("%1", head.declaration_no) if head
                                  else self.tr("No declaration yet: import one."))
        self.flow.setText(status_flow(head.status) if head else "")
        for name, label in self.head_values.items():
            label.setText(render_value(getattr(head, name)) if head else "")
        status = head.status if head else ""
        enabled = {"station": status in RECEIVABLE, "close": status == "tallying", "release": status == "tallied",
                   "close_entry": status == "put_away",
                   "tally_report": bool(head), "putaway_list": status in ("tallied", "released"),
                   "labels": status in ("tallied", "released", "put_away")}
        for name, button in self.buttons.items():
            button.setEnabled(enabled[name])

    # -- actions -------------------------------------------------------------------------------------------
    def open_station(self) -> None:
        """The receive station with the selected declaration chosen (in the main window)."""
        number, window = self.selected(), self.window()
        if number is None or "station" not in self.buttons or not hasattr(window, "open_screen"):
            return
        window.open_screen("receive.station").choose_declaration(number)

    def close_tally(self) -> None:
        """Close the selected declaration's tally through the receive workflow (as CMD:CLOSE at a station)."""
        from app.inbound.receive_station import ReceiveStation

        number = self.selected()
        if number is None:
            return
        station = ReceiveStation(self.ctx.uow, number)
        self.ctx.call(lambda: station.scan("CMD:CLOSE", uuid.uuid4().hex), on_done=self._closed,
                      on_error=lambda exc: show_error(exc, self))

    def _closed(self, fb: Feedback) -> None:
        self.message.setText(feedback_text(for_banner("receive", fb)))
        if fb.accepted:  # what the close changed was broadcast by the context after the job
            self.print_document("tally-report")

    def ask_release(self) -> None:
        number = self.selected()
        if number is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Customs release"),
                          self.tr("Release declaration %1? Its lots become available and the customs ledger "
                                  "records what entered.").replace("%1", number),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirm_release")
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: button is yes and self.release(number))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def release(self, number: str) -> None:
        """Customs release (the service checks the role again): held lots available, ledger entries made."""
        from app.inbound.release import release

        self.ctx.run(lambda uow: release(uow, number), on_done=self._released,
                     on_error=lambda exc: show_error(exc, self))

    def _released(self, report: Any) -> None:
        items = ", ".join(f"{e['account_book_item']} +{e['quantity']}" for e in report.ledger)
        self.message.setText(self.tr("Declaration %1 released: %2 units available, %3 damaged. Customs ledger: %4.")
                             .replace("%1", report.declaration).replace("%2", str(report.available_units))
                             .replace("%3", str(report.damaged_units)).replace("%4", items or "—"))

    def close_entry(self) -> None:
        """A supervisor closes a put-away entry (the service checks the role and the status again)."""
        from app.inbound.release import close_entry

        number = self.selected()
        if number is not None:
            self.ctx.run(lambda uow: close_entry(uow, number), on_done=self._entry_closed,
                         on_error=lambda exc: show_error(exc, self))

    def _entry_closed(self, declaration: Any) -> None:
        self.message.setText(self.tr("Declaration %1 closed.").replace("%1", declaration.declaration_no))

    def print_document(self, kind: str) -> None:
        number = self.selected()
        if number is not None:
            open_preview(self.ctx, self, kind, number)
