"""One order in full: its facts (buyer masked), lines, and customs history; reveal, cancel, inventory list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.admin import pii
from app.customs.exchange import deliver_outbox
from app.domain.roles import Permission
from app.orders.cancel import CANCELLABLE, DECLARED, cancel_order
from app.orders.queries import order_timeline
from app.outbound.cancel import HELD
from ui.clock import warehouse_time as local_time
from ui.i18n import chinese_on_screen
from ui.orders.vocabulary import (
    CANCEL_REASON_CODES,
    cancel_reason_label,
    cancel_state_label,
    customs_status_label,
    event_label,
    order_status_label,
    rejection_label,
)
from ui.vocabulary import audit_sentence, detail_rows, term
from ui.widgets.actions import StatusLine, press_on
from ui.widgets.document_preview import open_preview
from ui.widgets.tables import fill_and_fit, fit_height, grid

if TYPE_CHECKING:
    from app.orders.cancel import CancelResult
    from app.outbound.cancel import Released
    from ui.context import AppContext

HISTORY_PX = 110  # the customs history's least height beside the facts (a header and three events)
REVEAL_SECONDS = 60  # a revealed value is masked again after this long (or when another order is shown)
# (key in the facts, label source in context "OrderDetail")
FACTS: list[tuple[str, str]] = [
    ("order_no", QT_TRANSLATE_NOOP("OrderDetail", "Order no.")),
    ("status", QT_TRANSLATE_NOOP("OrderDetail", "Status")),
    ("platform", QT_TRANSLATE_NOOP("OrderDetail", "Platform")),
    ("customs_status", QT_TRANSLATE_NOOP("OrderDetail", "Customs status")),
    ("ordered_at", QT_TRANSLATE_NOOP("OrderDetail", "Ordered at")),
    ("list_numbers", QT_TRANSLATE_NOOP("OrderDetail", "Enterprise order no. / list no.")),
    ("waybill", QT_TRANSLATE_NOOP("OrderDetail", "Waybill")),
    ("customs_info", QT_TRANSLATE_NOOP("OrderDetail", "Customs says")),
    ("buyer_name", QT_TRANSLATE_NOOP("OrderDetail", "Buyer")),
    ("buyer_id", QT_TRANSLATE_NOOP("OrderDetail", "Buyer ID number")),
    ("consignee", QT_TRANSLATE_NOOP("OrderDetail", "Consignee")),
    ("buyer_phone", QT_TRANSLATE_NOOP("OrderDetail", "Buyer phone")),
    ("address", QT_TRANSLATE_NOOP("OrderDetail", "Address")),
    ("money", QT_TRANSLATE_NOOP("OrderDetail", "Goods + freight − discount")),
    ("tax", QT_TRANSLATE_NOOP("OrderDetail", "Tax declared / computed")),
    ("paid", QT_TRANSLATE_NOOP("OrderDetail", "Paid")),
    ("flags", QT_TRANSLATE_NOOP("OrderDetail", "Flags")),
    ("rejection", QT_TRANSLATE_NOOP("OrderDetail", "Rejection")),
]


def confirm_cancel(parent: QWidget, order_no: str, declared: bool, outbound: bool = False) -> str | None:
    """Ask before cancelling; the reason's code chosen, or None when the user said no (a seam the tests replace)."""
    question = QCoreApplication.translate("OrderDetail", "Cancel order %1?").replace("%1", order_no)
    if declared:
        question += "\n" + QCoreApplication.translate(
            "OrderDetail", "It was declared: a cancellation request (CEB623) goes to customs; its bonded quantity "
            "stays held until customs agrees.")
    if outbound:
        question += "\n" + QCoreApplication.translate(
            "OrderDetail", "It is already allocated: its pick tasks are cancelled, a packed parcel must be opened "
            "and its goods put back into storage.")
    question += "\n\n" + QCoreApplication.translate("OrderDetail", "Reason:")
    title = QCoreApplication.translate("OrderDetail", "Cancel order")
    codes = list(CANCEL_REASON_CODES)
    items = [f"{code} {cancel_reason_label(code)}" for code in codes]
    chosen, ok = QInputDialog.getItem(parent, title, question, items, 0, False)
    if not ok:
        return None
    return codes[items.index(chosen)] if chosen in items else codes[0]


def released_lines(released: Released) -> list[str]:
    """What the cancellation gave back, in the words of the person who must act on it."""
    lines = []
    if released.parcel:
        lines.append(QCoreApplication.translate(
            "OrderDetail", "Open parcel %1 and take its goods out.").replace("%1", released.parcel))
    if released.manifest_withdrawn:
        lines.append(QCoreApplication.translate(
            "OrderDetail", "Manifest %1 had no other parcel and is withdrawn: its gate pass is void.")
            .replace("%1", released.manifest))
    elif released.manifest:
        lines.append(QCoreApplication.translate(
            "OrderDetail", "It came off manifest %1: its manifest and gate pass are printed again.")
            .replace("%1", released.manifest))
    if released.put_back:
        items = "; ".join(QCoreApplication.translate("OrderDetail", "%1 × %2 batch %3 at %4")
                          .replace("%1", str(p.quantity)).replace("%2", p.sku).replace("%3", p.batch or "—")
                          .replace("%4", p.location) for p in released.put_back)
        lines.append(QCoreApplication.translate(
            "OrderDetail", "Put back into storage with the put-away station: %1.").replace("%1", items))
    if released.unreserved:
        lines.append(QCoreApplication.translate(
            "OrderDetail", "%1 units not picked yet are free again.").replace("%1", str(released.unreserved)))
    if released.tasks:
        lines.append(QCoreApplication.translate(
            "OrderDetail", "%1 pick tasks cancelled.").replace("%1", str(released.tasks)))
    return lines


class OrderDetail(QWidget):
    """Shows `order_timeline`; buttons follow the role (and the services refuse anyway)."""

    sig_loaded = Signal(str)  # the order shown now (its number), after its history arrived

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.history: dict[str, Any] | None = None
        self.revealed: dict[str, str] = {}
        self._mask_timer = QTimer(self, singleShot=True, interval=REVEAL_SECONDS * 1000)
        self._mask_timer.timeout.connect(self.mask_again)
        self.title = QLabel(objectName="detail_title")
        bold = self.title.font()
        bold.setBold(True)
        bold.setPointSize(round(bold.pointSize() * 1.2))
        self.title.setFont(bold)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.lines = grid("lines_table", 6, stretch=2)
        self.events = grid("history_table", 4)
        self.status = StatusLine("detail_status")
        self._build_buttons()
        self._lay_out()
        self.retranslate_ui()
        self.show_history(None)

    def _build_buttons(self) -> None:
        self.reveal_id = QPushButton(objectName="reveal_id", clicked=lambda: self.reveal("buyer_id_number"))
        self.reveal_phone = QPushButton(objectName="reveal_phone", clicked=lambda: self.reveal("buyer_phone"))
        self.cancel_button = QPushButton(objectName="cancel_order", clicked=self.cancel)
        self.print_button = QPushButton(objectName="print_list", clicked=self.open_printout)
        for button, action in ((self.reveal_id, "reveal_id"), (self.reveal_phone, "reveal_phone"),
                               (self.cancel_button, "cancel_order"), (self.print_button, "document")):
            press_on(button, action)
        self.reveal_id.setVisible(self.ctx.may(Permission.REVEAL_PII))
        self.reveal_phone.setVisible(self.ctx.may(Permission.REVEAL_PII))
        self.cancel_button.setVisible(self.ctx.may(Permission.CUSTOMS_EXCHANGE))

    def _lay_out(self) -> None:
        grid = QGridLayout()
        for n, (key, _label) in enumerate(FACTS):
            label, value = QLabel(wordWrap=True), QLabel(objectName=f"fact_{key}", wordWrap=True)  # wrapping:
            # an order with long numbers leaves the list beside its room at 1366×768
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key], self.values[key] = label, value
            grid.addWidget(label, n // 2, (n % 2) * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, n // 2, (n % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        buttons = QVBoxLayout()  # two rows: four buttons in one would hold the detail (and the list) too wide
        for pair in ((self.reveal_id, self.reveal_phone), (self.print_button, self.cancel_button)):
            row = QHBoxLayout()
            for button in pair:
                row.addWidget(button)
            row.addStretch(1)
            buttons.addLayout(row)
        self.top = top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(grid)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addWidget(self.lines)
        column.addStretch(1)
        self.facts_area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.facts_area.setWidget(top)  # an order whose facts wrap long scrolls here, the history stays in view
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.facts_area)
        splitter.addWidget(self.events)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def retranslate_ui(self) -> None:
        for key, source in FACTS:
            self.labels[key].setText(QCoreApplication.translate("OrderDetail", source))
        self.reveal_id.setText(self.tr("Reveal ID number (Ctrl+I)"))
        self.reveal_phone.setText(self.tr("Reveal phone (Ctrl+T)"))
        self.cancel_button.setText(self.tr("Cancel order… (Ctrl+Del)"))
        self.print_button.setText(self.tr("Inventory list… (F8)"))
        self.lines.setHorizontalHeaderLabels([self.tr("No."), self.tr("SKU"), self.tr("Name"), self.tr("Quantity"),
                                              self.tr("Unit price"), self.tr("Tax")])
        self.events.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Event"), self.tr("Code"),
                                               self.tr("Detail")])
        self.show_history(self.history)

    # -- showing ----------------------------------------------------------------------------------------
    @property
    def order_no(self) -> str:
        return self.history["order"]["order_no"] if self.history else ""

    def load(self, order_no: str) -> None:
        """Fetch and show `order_no`'s history (a revealed value of the previous order is masked again)."""
        self.mask_again()
        self.ctx.run(lambda uow: order_timeline(uow, order_no), write=False, on_done=self._loaded,
                     on_error=self.status.refused)

    def reload(self) -> None:
        if self.history is not None:
            self.load(self.order_no)

    def _loaded(self, history: dict[str, Any]) -> None:
        previous = self.order_no
        self.show_history(history)
        if history["order"]["order_no"] != previous:
            self.status.note("")
        self.sig_loaded.emit(self.order_no)

    def show_history(self, history: dict[str, Any] | None) -> None:
        self.history = history
        if history is None:
            self.title.setText(self.tr("Select an order to see its customs history."))
            for value in self.values.values():
                value.clear()
            fill_and_fit(self.lines, [])
            fit_height(self.lines)
            fill_and_fit(self.events, [])
        else:
            o = history["order"]
            self.title.setText(self.tr("Order %1").replace("%1", o["order_no"]))
            for key, text in self._facts(o, history["inventory_list"]).items():
                self.values[key].setText(text)
            fill_and_fit(self.lines, [[str(ln["gnum"]), ln["sku"], ln["name"], str(ln["qty"]), ln["unit_price"],
                                     ln["tax"]] for ln in o["lines"]], numeric=(0, 3, 4, 5))
            fit_height(self.lines)
            fill_and_fit(self.events, [[local_time(e["at"]), event_label(e["kind"]), *event_words(e)]
                                     for e in history["events"]])
        self._show_revealed()
        self._enable_buttons()
        self._fit_facts()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_facts)  # once laid out: the facts' room before any order is shown

    def _fit_facts(self) -> None:
        """The facts wrap (the list beside keeps its room): as tall as they need now, but the history below keeps
        HISTORY_PX (the facts scroll then)."""
        layout, sizes = self.top.layout(), self.splitter.sizes()
        need = (layout.totalHeightForWidth(self.top.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        top = min(need, sum(sizes) - HISTORY_PX)
        if sum(sizes) > 0 and top > sizes[0]:
            self.splitter.setSizes([top, sum(sizes) - top])

    def _facts(self, o: dict[str, Any], lst: dict[str, Any] | None) -> dict[str, str]:
        flags = [self.tr("full tax") if o["full_tax"] else "", self.tr("chosen for inspection") if o["inspection"]
                 else "", cancel_state_label(o["cancel_state"])]
        return {
            "order_no": o["order_no"], "status": order_status_label(o["status"]), "platform": o["platform_code"],
            "customs_status": customs_status_label(o["customs_status"]) if o["customs_status"] else "—",
            "ordered_at": local_time(o["ordered_at"]),
            "list_numbers": f"{o['copNo'] or '—'} / {(lst or {}).get('invtNo') or '—'}",
            "waybill": f"{o['waybill_no']} ({o['carrier_code']})",
            "customs_info": (lst or {}).get("return_info") or "—", "buyer_name": o["buyer_name"],
            "buyer_id": o["buyer_id"], "buyer_phone": o["buyer_phone"],
            "consignee": f"{o['consignee_name']} {o['consignee_phone']}", "address": o["consignee_address"],
            "money": f"{o['goods_value']} + {o['freight']} − {o['discount']}",
            "tax": f"{o['tax']} / {o['tax_computed']}", "paid": o["paid"],
            "flags": ", ".join(f for f in flags if f) or "—",
            "rejection": (f"{rejection_label(o['rejection_code'])}: {o['rejection_reason']}"
                          if o["rejection_code"] else "—"),
        }

    def _enable_buttons(self) -> None:
        o = self.history["order"] if self.history else None
        self.reveal_id.setEnabled(o is not None)
        self.reveal_phone.setEnabled(o is not None)
        self.cancel_button.setEnabled(o is not None and o["status"] in CANCELLABLE)
        self.print_button.setEnabled(o is not None and bool(o["copNo"]))

    # -- acting -----------------------------------------------------------------------------------------
    def reveal(self, field: str) -> None:
        """Ask the service for one value in clear (customs officers only; audited); shown for a minute."""
        order_no = self.order_no
        if not order_no:
            return
        self.ctx.run(lambda uow: pii.reveal(uow, order_no, field),
                     on_done=lambda value: self._revealed(order_no, field, value), on_error=self.status.refused)

    def _revealed(self, order_no: str, field: str, value: str) -> None:
        if order_no != self.order_no:
            return
        self.revealed[field] = value
        self._show_revealed()
        self._mask_timer.start()
        self.status.note(self.tr("Shown in clear for %1 seconds; this was recorded in the audit log.")
                         .replace("%1", str(REVEAL_SECONDS)))

    def _show_revealed(self) -> None:
        for field, key in (("buyer_id_number", "buyer_id"), ("buyer_phone", "buyer_phone")):
            label = self.values[key]
            if field in self.revealed:
                label.setText(self.revealed[field])
                label.setStyleSheet("background: #f2a900; color: #1a1a1a; font-weight: bold; padding: 1px 4px;")
            else:
                label.setStyleSheet("")

    def mask_again(self) -> None:
        self._mask_timer.stop()
        if self.revealed:
            self.revealed.clear()
            if self.history is not None:
                o = self.history["order"]
                self.values["buyer_id"].setText(o["buyer_id"])
                self.values["buyer_phone"].setText(o["buyer_phone"])
            self._show_revealed()

    def cancel(self) -> None:
        o = self.history["order"] if self.history else None
        if o is None:
            return
        reason = confirm_cancel(self, o["order_no"], o["status"] in DECLARED or o["status"] in HELD,
                                o["status"] in HELD)
        if reason is None:
            return
        order_no = o["order_no"]
        self.ctx.run(lambda uow: cancel_order(uow, order_no, platform_code=o["platform_code"], reason=reason),
                     on_done=self._cancelled, on_error=self.status.refused)

    def _cancelled(self, result: CancelResult) -> None:
        text = " ".join([self.tr("Order %1 cancelled.").replace("%1", result.order_no),
                         *released_lines(result.released)])
        if result.waiting:
            text += " " + self.tr("Its cancellation request waits for customs' list number and goes out then.")
        if result.request_file is None:
            self.status.done(text)
            return
        text += " " + self.tr("Cancellation request %1 written to the outbox.").replace("%1", result.request_file)
        self.ctx.run(deliver_outbox, on_done=lambda _files: self.status.done(text), on_error=self.status.refused)

    def open_printout(self) -> None:
        if self.order_no:
            open_preview(self.ctx, self.window(), "inventory-list", self.order_no)


def event_words(e: dict[str, Any]) -> list[str]:
    """An event of the order's timeline as (what, detail) in words, from its values (app.orders.queries.order_timeline):
    a receipt by its status's and outcome's names, a ledger entry by its state's, an action as a sentence with its
    detail named (never a code or a JSON text)."""
    kind, code, values = e["kind"], e["code"], e.get("values") or {}
    zh = chinese_on_screen()
    if kind == "receipt":
        named = term("receipt", code)
        outcome = values.get("outcome", "applied")
        said = "" if outcome == "applied" else (f"（{term('receipt_outcome', outcome)}）" if zh
                                                else f" ({term('receipt_outcome', outcome)})")
        when = QCoreApplication.translate("OrderDetail", "customs time %1 UTC").replace("%1", values.get(
            "customs_time", ""))
        return [named, f"{named}{said}{'，' if zh else ', '}{when} {values.get('info', '')}".strip()]
    if kind == "ledger":
        return [term("ledger_biz", code), f"{values['quantity']:+d} ({term('ledger_state', values['state'])}"
                                          f"{'，' if zh else ', '}{term('ledger_doc', values['doc_type'])})"]
    if kind == "audit":
        shown = "; ".join(f"{what}: {value}" for what, value in detail_rows(values.get("detail") or {}) if value)
        said = audit_sentence(values.get("user", ""), code, "", "", values.get("outcome", ""))
        return [term("audit_action", code), f"{said}{' — ' + shown if shown else ''}"]
    if kind in ("sent", "received") and values:
        pending = QCoreApplication.translate("OrderDetail", " (not yet in the outbox)") if values.get("pending") else ""
        return [code, values["file"] + pending]
    return [code, e["text"]]
