"""One lot's batch record on screen (the same data as its PDF, D10), with the PDF to preview, print or save."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.roles import Permission
from ui.outbound.words import fmt, status_word
from ui.vocabulary import term
from ui.widgets import document_preview as documents
from ui.widgets.actions import office_key
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext


def _table(header: list[str], rows: list[list[Any]], right: tuple[int, ...] = ()) -> str:
    if not rows:
        return "<p>—</p>"
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td align='{'right' if i in right else 'left'}'>{escape(str(v))}</td>"
                                    for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>"


def _fields(pairs: list[tuple[str, Any]]) -> str:
    return "<table cellpadding='2'>" + "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>" for k, v in pairs) + "</table>"


class BatchRecordView(QWidget):
    """Type or scan a batch, DECLARATION/BATCH or SSCC; F8 previews the PDF, Ctrl+P prints, Ctrl+S saves."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batch_record")
        self.ctx = ctx
        self.record: dict[str, Any] | None = None
        self.preview: documents.DocumentPreview | None = None
        self.lot = QLineEdit(objectName="batch_lot")
        self.lot.setClearButtonEnabled(True)
        self.lot_label = QLabel(buddy=self.lot)
        self.show_button = QPushButton(objectName="show_batch", clicked=self.show_typed)
        self.preview_button = QPushButton(objectName="preview_batch_pdf", clicked=self.preview_pdf)
        self.print_button = QPushButton(objectName="print_batch_pdf", clicked=self.print_pdf)
        self.save_button = QPushButton(objectName="save_batch_pdf", clicked=self.save_pdf)
        self.view = QTextBrowser(objectName="batch_text")
        self.message = QLabel(objectName="batch_message")
        row = QHBoxLayout()
        for w in (self.lot_label, self.lot, self.show_button, self.preview_button, self.print_button, self.save_button):
            row.addWidget(w, 1 if w is self.lot else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.lot.returnPressed.connect(self.show_typed)
        for action, slot in (("document", self.preview_pdf), ("print", self.print_pdf), ("save", self.save_pdf)):
            office_key(self, action, slot)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.lot_label.setText(self.tr("&Lot:"))
        self.lot.setPlaceholderText(self.tr("batch, DECLARATION/BATCH or SSCC"))
        self.show_button.setText(self.tr("Show"))
        self.preview_button.setText(self.tr("Preview PDF (F8)"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save PDF…"))
        self._render()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- reading ------------------------------------------------------------------------------------------
    @Slot()
    def show_typed(self) -> None:
        if self.lot.text().strip():
            self.show_lot(self.lot.text().strip())

    def show_lot(self, code: str) -> None:
        from app.customs.batch_record import batch_record

        self.lot.setText(code)
        self.ctx.run(lambda uow: batch_record(uow, code), write=False, on_done=self._loaded,
                     on_error=lambda exc: show_error(exc, self))

    def _loaded(self, record: dict[str, Any]) -> None:
        self.record = record
        self._render()

    def _render(self) -> None:
        enabled = self.record is not None and self.ctx.may(Permission.PRINT)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(enabled)
        if self.record is None:
            self.view.setHtml(f"<p>{escape(self.tr('Choose a lot in the trace (Enter), or type its batch here.'))}</p>")
            return
        self.view.setHtml(self.html(self.record))

    def html(self, d: dict[str, Any]) -> str:
        """The record as the screen shows it: the lot and its entry, then every step, then the balance."""
        title = escape(fmt(self.tr("Batch record %1"), d["lot"]["lot"]))
        return f"<h2>{title}</h2>" + self._head(d) + "".join(
            f"<h3>{escape(heading)}</h3>{table}" for heading, table in self._sections(d))

    def _head(self, d: dict[str, Any]) -> str:
        lot, decl, tally, bal = d["lot"], d["declaration"], d["tally"], d["balance"]
        balance = fmt(self.tr("entered %1 − shipped %2 − other %3 = on hand %4"), bal["entered"], bal["shipped"],
                      bal["left_otherwise"], bal["on_hand"])
        return _fields([
            (self.tr("Lot"), lot["lot"]), (self.tr("Owner"), f"{lot.get('owner', '')} {lot.get('owner_name', '')}"),
            (self.tr("Product"), f"{lot['sku']} {lot['name']} {lot['spec']}"),
            (self.tr("Made / expiry"), f"{lot['production'] or '—'} / {lot['expiry'] or '—'}"),
            (self.tr("Account book / item / HS"),
             f"{lot['account_book']} / {lot['account_book_item']} / {lot['hs_code']}"),
            (self.tr("Declaration / line / declared"),
             f"{decl['declaration']} / {decl['line_no']} / {decl['declared_qty']}"),
            (self.tr("Container / seal / B/L"), f"{decl['container']} / {decl['seal']} / {decl['bill_of_lading']}"),
            (self.tr("Tally: good / damaged / closed"),
             f"{tally['received']} / {tally['damaged']} / {tally['closed_at']} {tally['closed_by']}"),
            (self.tr("Released"), d["release"]["released_at"] or "—"), (self.tr("Balance"), balance),
        ])

    def _sections(self, d: dict[str, Any]) -> list[tuple[str, str]]:
        return [
            (self.tr("Entries and exits"), _table(
                [self.tr("Date"), self.tr("Document"), self.tr("Number"), self.tr("Qty ±"), self.tr("Balance"),
                 self.tr("Location")],
                [[c["at"], term("batch_doc", c["kind"]), c["doc_no"], c["qty"], c["balance"], c["location"]]
                 for c in d["chronology"]], right=(3, 4))),
            (self.tr("Put-away"), _table(
                [self.tr("Date"), "SSCC / LPN", self.tr("From"), self.tr("To"), self.tr("Qty"), self.tr("By")],
                [[m["at"], m["lpn"], m["from"], m["to"], m["qty"], m["by"]] for m in d["putaway"]], right=(4,))),
            (self.tr("Allocations (the batch split)"), _table(
                [self.tr("Date"), self.tr("Order"), self.tr("Location"), self.tr("Qty"), self.tr("Picked"),
                 self.tr("Short"), self.tr("State")],
                [[a["at"], a["order_no"], a["location"], a["qty"], a["picked"], a["short"],
                  status_word(a["state"], "allocation_state")] for a in d["allocations"]], right=(3, 4, 5))),
            (self.tr("Parcels and exit"), _table(
                [self.tr("Waybill"), self.tr("Order"), self.tr("Inventory list"), self.tr("Qty"), self.tr("Packed"),
                 self.tr("Manifest"), self.tr("Gate pass"), self.tr("Left the zone")],
                [[p["waybill"], p["order_no"], p["inventory_list"], p["qty"], p["packed_at"], p["manifest"],
                  p["gate_pass"], p["shipped_at"]] for p in d["parcels"]], right=(3,))),
        ]

    # -- the PDF ------------------------------------------------------------------------------------------
    def _lot_code(self) -> str | None:
        return self.record["lot"]["lot"] if self.record is not None else None

    @Slot()
    def preview_pdf(self) -> None:
        lot = self._lot_code()
        if lot is None or not self.ctx.may(Permission.PRINT):
            return

        def show(preview: documents.DocumentPreview) -> None:
            self.preview = preview

        documents.open_preview(self.ctx, self, "batch-record", lot, on_open=show)

    @Slot()
    def print_pdf(self) -> None:
        lot = self._lot_code()
        if lot is not None and self.ctx.may(Permission.PRINT):
            documents.print_now(self.ctx, self, "batch-record", lot, on_result=self.message.setText)

    @Slot()
    def save_pdf(self) -> None:
        lot = self._lot_code()
        if lot is None or not self.ctx.may(Permission.PRINT):
            return
        documents.save_now(self.ctx, self, "batch-record", lot, on_result=self.message.setText)
