"""Manifests (supervisor): collect a carrier's packed, released parcels onto a manifest for one vehicle, and
print its handover manifest and gate pass (both are also queued for the document printer when it is made)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.domain.roles import Permission
from app.outbound import queries
from app.persistence.uow import Area
from ui.outbound.words import fmt, shown, status_word
from ui.shell.screen import Screen, heading
from ui.widgets import document_preview as documents
from ui.widgets.error_dialog import show_error
from ui.widgets.tables import GREEN, GREY, column_texts, fill, fit, grid, selected_key

if TYPE_CHECKING:
    from ui.context import AppContext


class ShippingScreen(Screen):
    """F5 makes the manifest, F6 prints the selected manifest, F7 its gate pass, F8 the inspection pull list."""

    areas = frozenset({Area.SHIPPING, Area.PACKING})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.report: Any = None
        self.found: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None
        self.title, self.result = heading(), QLabel(objectName="manifest_result", wordWrap=True)
        self.carrier = QComboBox(objectName="carrier")
        self.vehicle = QLineEdit(objectName="vehicle", maxLength=20)
        self.create_button = QPushButton(objectName="create_manifest", clicked=self.create_manifest)
        self.print_manifest_button = QPushButton(objectName="print_manifest", clicked=self.print_manifest)
        self.print_pass_button = QPushButton(objectName="print_gate_pass", clicked=self.print_gate_pass)
        self.print_pull_button = QPushButton(objectName="print_pull_list", clicked=self.print_pull_list)
        self.manifests = grid("manifests", 9)
        self._lay_out()
        self.vehicle.returnPressed.connect(self.create_manifest)
        self.manifests.itemSelectionChanged.connect(self._selection_changed)
        for key, slot in ((Qt.Key.Key_F5, self.create_manifest), (Qt.Key.Key_F6, self.print_manifest),
                          (Qt.Key.Key_F7, self.print_gate_pass), (Qt.Key.Key_F8, self.print_pull_list)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for button in (self.print_manifest_button, self.print_pass_button, self.print_pull_button):
            button.setVisible(ctx.may(Permission.PRINT))
        self.retranslate_ui()
        self.refresh()

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.carrier_label, self.vehicle_label = QLabel(buddy=self.carrier), QLabel(buddy=self.vehicle)
        form.addRow(self.carrier_label, self.carrier)
        form.addRow(self.vehicle_label, self.vehicle)
        form.addRow("", self.create_button)
        prints = QHBoxLayout()
        prints.addWidget(self.print_manifest_button)
        prints.addWidget(self.print_pass_button)
        prints.addWidget(self.print_pull_button)
        prints.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addLayout(prints)
        layout.addWidget(self.manifests, 1)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Manifests and gate passes"))
        self.carrier_label.setText(self.tr("&Carrier:"))
        self.vehicle_label.setText(self.tr("&Vehicle plate:"))
        self.vehicle.setPlaceholderText(self.tr("e.g. 浙A12345"))
        self.create_button.setText(self.tr("Create manifest (F5)"))
        self.print_manifest_button.setText(self.tr("Print manifest (F6)"))
        self.print_pass_button.setText(self.tr("Print gate pass (F7)"))
        self.print_pull_button.setText(self.tr("Print pull list (F8)"))
        self.manifests.setHorizontalHeaderLabels([
            self.tr("Manifest"), self.tr("Gate pass"), self.tr("Carrier"), self.tr("Vehicle"), self.tr("Status"),
            self.tr("Parcels"), self.tr("Out"), self.tr("Gross kg"), self.tr("Created")])
        self._show_report()
        self._show(self.found)

    # -- reading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.run(lambda uow: (queries.packed_by_carrier(uow), queries.manifests(uow)), write=False,
                     on_done=self._show)

    def _show(self, found: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None) -> None:
        """Fill the carrier choice and the manifests (again after a language switch: their words change)."""
        self.found = found
        if found is None:
            return
        carriers, manifests = found
        chosen = self.carrier.currentData()
        self.carrier.clear()
        for c in carriers:
            self.carrier.addItem(fmt(self.tr("%1 — %2 packed parcels, %3 kg"), c["carrier"], c["parcels"],
                                     shown(c["weight"])), c["carrier"])
        if not carriers:
            self.carrier.addItem(self.tr("no packed parcel waits for a manifest"), "")
        self.carrier.setCurrentIndex(max(self.carrier.findData(chosen), 0))
        fill(self.manifests, [[m["manifest"], m["gate_pass"], m["carrier"], m["vehicle"],
                               status_word(m["status"], "manifest_status"),
                               str(m["parcels"]), str(m["shipped"]), shown(m["gross"]), shown(m["created_at"])]
                              for m in manifests], keys=[m["manifest"] for m in manifests], numeric=(5, 6, 7),
             colours=[GREY if m["status"] == "exited" else GREEN if m["shipped"] else None for m in manifests])
        fit(self.manifests)
        if manifests and selected_key(self.manifests) is None:
            self.manifests.selectRow(0)
        self._selection_changed()

    def carriers(self) -> list[str]:
        return [self.carrier.itemData(i) for i in range(self.carrier.count()) if self.carrier.itemData(i)]

    def manifest_numbers(self) -> list[str]:
        return column_texts(self.manifests, 0)

    @Slot()
    def _selection_changed(self) -> None:
        chosen = selected_key(self.manifests) is not None
        self.print_manifest_button.setEnabled(chosen)
        self.print_pass_button.setEnabled(chosen)

    # -- acting -------------------------------------------------------------------------------------------
    @Slot()
    def create_manifest(self) -> None:
        carrier, vehicle = self.carrier.currentData(), self.vehicle.text().strip()
        if not self.ctx.may(Permission.SUPERVISE) or not self.create_button.isEnabled():
            return
        if not carrier:
            self.result.setText(self.tr("No packed parcel waits for a manifest."))
            return
        if not vehicle:
            self.result.setText(self.tr("Type the vehicle's plate first."))
            self.vehicle.setFocus()
            return
        from app.outbound.shipping import create_manifest

        self.create_button.setEnabled(False)
        self.ctx.run(lambda uow: create_manifest(uow, carrier, vehicle), on_done=self._created,
                     on_error=self._failed)

    def _created(self, report: Any) -> None:
        self.create_button.setEnabled(True)
        self.report = report
        self.vehicle.clear()
        self._show_report()

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        show_error(exc, self)

    def _show_report(self) -> None:
        r = self.report
        if r is None:
            self.result.setText(self.tr("A manifest takes every packed parcel of the carrier that customs released; "
                                        "parcels under inspection stay behind."))
            return
        text = fmt(self.tr("Manifest %1 (gate pass %2): %3 parcels, %4 kg; manifest and gate pass queued for "
                           "printing."), r.manifest, r.gate_pass, r.parcels, f"{r.weight:.3f}")
        if r.held:
            text += " " + fmt(self.tr("Held back: %1"), ", ".join(h["waybill"] for h in r.held))
        self.result.setText(text)

    @Slot()
    def print_manifest(self) -> None:
        self._print("manifest")

    @Slot()
    def print_gate_pass(self) -> None:
        self._print("gate-pass")

    @Slot()
    def print_pull_list(self) -> None:
        """Every order pulled for inspection (its goods go to the inspection area, not onto a vehicle)."""
        if self.ctx.may(Permission.PRINT):
            documents.print_now(self.ctx, self, "pull-list", "-", on_result=self.result.setText)

    def _print(self, document: str) -> None:
        number = selected_key(self.manifests)
        if number is None or not self.ctx.may(Permission.PRINT):
            return
        documents.print_now(self.ctx, self, document, number, on_result=self.result.setText)
