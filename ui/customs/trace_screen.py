"""Trace and batch record (read-only, customs officers too): any code → the chain both ways as a tree; a lot's
batch record on screen and as a PDF to preview, print or save."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.persistence.uow import Area
from ui.clock import warehouse_time
from ui.customs.batch_view import BatchRecordView
from ui.customs.trace_tree import Node, build
from ui.outbound.words import fmt, kind_word, status_word
from ui.shell.screen import Screen, heading
from ui.vocabulary import how_many, term
from ui.widgets.actions import office_key
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def when(iso: str | None) -> str:
    """An ISO time from the trace in warehouse time, to the minute."""
    if not iso:
        return ""
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return warehouse_time(value, seconds=False) if value.tzinfo else value.isoformat()


class TraceScreen(Screen):
    """Type or scan a waybill, order, batch, SSCC, declaration, container, manifest or gate pass number."""

    areas = frozenset({Area.SHIPPING, Area.PACKING})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.data: dict[str, Any] | None = None
        self.title = heading()
        self.code = QLineEdit(objectName="trace_code")
        self.code.setClearButtonEnabled(True)
        self.code_label = QLabel(buddy=self.code)
        self.trace_button = QPushButton(objectName="trace", clicked=self.trace)
        self.matched = QLabel(objectName="trace_matched", wordWrap=True)
        self.tree = QTreeWidget(objectName="trace_tree")
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.batch = BatchRecordView(ctx)
        self.tabs = QTabWidget(objectName="trace_tabs")
        self._lay_out()
        self.code.returnPressed.connect(self.trace)
        self.tree.itemActivated.connect(self._activated)
        office_key(self, "find", self._focus_search)
        self.retranslate_ui()

    def _lay_out(self) -> None:
        search = QHBoxLayout()
        search.addWidget(self.code_label)
        search.addWidget(self.code, 1)
        search.addWidget(self.trace_button)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(search)
        column.addWidget(self.matched)
        column.addWidget(self.tree, 1)
        self.tabs.addTab(page, "")
        self.tabs.addTab(self.batch, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Trace and batch record"))
        self.code_label.setText(self.tr("&Code:"))
        self.code.setPlaceholderText(self.tr("waybill, order, batch, SSCC, declaration, container, manifest or "
                                             "gate pass number (F3)"))
        self.trace_button.setText(self.tr("Trace"))
        self.tabs.setTabText(0, self.tr("Trace"))
        self.tabs.setTabText(1, self.tr("Batch record"))
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Number"), self.tr("Details")])
        self._show()

    @Slot()
    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.code.setFocus()
        self.code.selectAll()

    @Slot()
    def trace(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        from app.customs.trace import trace

        self.trace_button.setEnabled(False)
        self.ctx.run(lambda uow: trace(uow, code), write=False, on_done=self._traced, on_error=self._failed)

    def _traced(self, data: dict[str, Any]) -> None:
        self.trace_button.setEnabled(True)
        self.data = data
        self._show()
        self.tree.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.trace_button.setEnabled(True)
        self.data = None
        self._show()
        show_error(exc, self)

    def refresh(self) -> None:
        if self.data is not None:
            code = self.data["code"]
            from app.customs.trace import trace

            self.ctx.run(lambda uow: trace(uow, code), write=False, on_done=self._traced, on_error=lambda _e: None)

    # -- the tree -----------------------------------------------------------------------------------------
    def _show(self) -> None:
        self.tree.clear()
        d = self.data
        if d is None:
            self.matched.setText(self.tr("Enter a code: the tree shows where the goods came from and where they went."))
            return
        found = ", ".join(kind_word(k) for k in d["matched"])
        text = fmt(self.tr("%1 is a %2: %3, %4, %5, %6"), d["code"], found,  # "1 parcel", not "1 parcels"
                   *(how_many(len(d[noun]), noun) for noun in ("parcels", "orders", "lots", "declarations")))
        if d["parcels_truncated"]:
            text += " " + fmt(self.tr("(only the first %1 parcels are listed)"), str(len(d["parcels"])))
        self.matched.setText(text)
        for node in build(d):
            self.tree.addTopLevelItem(self._item(node))
        self.tree.expandAll()
        first = self._first_matched(self.tree.invisibleRootItem())
        if first is not None:
            self.tree.setCurrentItem(first)
            self.tree.scrollToItem(first)

    def _item(self, node: Node) -> QTreeWidgetItem:
        item = QTreeWidgetItem([self._what(node), node.number, self._details(node)])
        item.setData(0, KEY_ROLE, node.key)
        item.setToolTip(2, item.text(2))
        if node.matched:
            for column in range(3):
                font = item.font(column)
                font.setBold(True)
                item.setFont(column, font)
        for child in node.children:
            item.addChild(self._item(child))
        return item

    def _what(self, node: Node) -> str:
        return {"declaration": self.tr("Container / declaration"), "lot": self.tr("Lot (batch)"),
                "parcel": self.tr("Parcel"), "order": self.tr("Order"),
                "unallocated": self.tr("Orders not allocated yet")}.get(node.kind, node.kind)

    def _details(self, node: Node) -> str:
        d = node.details
        if node.kind == "declaration":
            return fmt(self.tr("owner %1 · container %2 · seal %3 · B/L %4 · entry %5 · released %6"),
                       d.get("owner") or "—", d["container"] or "—", d["seal"] or "—", d["bill_of_lading"] or "—",
                       d["entry_no"] or "—", when(d["released_at"]) or "—")
        if node.kind == "lot":
            return fmt(self.tr("%1 %2 · expiry %3 · declaration line %4"), d["sku"], d["name"], d["expiry"] or "—",
                       d["declaration_line"])
        if node.kind == "parcel":
            return fmt(self.tr("%1 · %2 of this lot · %3 · manifest %4 · gate pass %5 · left %6"), d["carrier"],
                       how_many(d["lot_qty"], "units"), status_word(d["status"], "parcel_status"), d["manifest"] or "—",
                       d["gate_pass"] or "—", when(d["shipped_at"]) or "—")
        if node.kind == "order":
            lst = d["inventory_list"]
            return fmt(self.tr("%1 · waybill %2 · inventory list %3, receipt %4"), status_word(d["status"]),
                       d["waybill"], lst["invt_no"] or lst["cop_no"] or "—",
                       term("receipt", lst["return_status"]) if lst["return_status"] else "—")
        return ""

    def _first_matched(self, parent: QTreeWidgetItem) -> QTreeWidgetItem | None:
        for i in range(parent.childCount()):
            child = parent.child(i)
            if child.font(0).bold():
                return child
            found = self._first_matched(child)
            if found is not None:
                return found
        return None

    def tree_lines(self) -> list[tuple[int, str, str]]:
        """(depth, what, number) of every line, depth first (tests)."""
        out: list[tuple[int, str, str]] = []

        def visit(item: QTreeWidgetItem, depth: int) -> None:
            out.append((depth, item.text(0), item.text(1)))
            for i in range(item.childCount()):
                visit(item.child(i), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            visit(self.tree.topLevelItem(i), 0)
        return out

    @Slot(QTreeWidgetItem, int)
    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """Enter or double-click on a lot: its batch record."""
        lot = item.data(0, KEY_ROLE)
        if lot:
            self.open_batch_record(lot)

    def open_batch_record(self, lot: str) -> None:
        self.tabs.setCurrentWidget(self.batch)
        self.batch.show_lot(lot)
