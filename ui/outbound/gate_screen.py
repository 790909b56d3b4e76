"""The gate station: scan the manifest (or gate pass), then each parcel as it is loaded onto the vehicle; when
every parcel is loaded, the vehicle passes (F9, twice) and its parcels leave the zone, all at once.

Refusals (not on the manifest, not released, already loaded, already out) are red on the banner and stay listed in
red. The vehicle pass records the IC card and the weighbridge's gross and tare weights typed beside the key, or the
gross read from the station's scale when it settles (all optional). A supervisor's F9 (twice) on a vehicle not
fully loaded sends every parcel still on the manifest out without loading (the whole-manifest exit). A supervisor's
F4 (twice, with a confirmation on the banner) takes a loaded parcel — the waybill typed into the scan field, else
the parcel selected in the list — off the vehicle and its manifest, so the rest may pass; for a clerk the button is
not shown and the key is refused. Scans, the pass and the unloading go to app.outbound.gate_station.GateStation
(shipping.gate_scan, pass_vehicle, gate_out, unload_parcel).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
)

from app.domain.roles import Permission
from app.outbound import queries
from app.outbound.gate_station import GateStation
from app.persistence.uow import Area
from app.stations import Feedback, Tone
from ui.outbound.texts import present
from ui.outbound.words import fmt, shown, status_word
from ui.shell.screen import heading
from ui.widgets.feedback import feedback_text
from ui.widgets.sound import SoundPlayer
from ui.widgets.station import StationScreen, big_label, panel, read
from ui.widgets.tables import GREEN, RED, column_texts, fill, fit, grid

BLUE = "#1f5fa8"  # a parcel loaded on the vehicle, still inside the zone

if TYPE_CHECKING:
    from ui.context import AppContext

LOG_SIZE = 200


class GateScreen(StationScreen):
    """`station` runs on the DB thread only; `manifest` is the snapshot of the vehicle being loaded."""

    area = "gate"
    areas = frozenset({Area.SHIPPING})

    def __init__(self, ctx: AppContext, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(ctx, sounds=sounds)
        self.station = GateStation(ctx.uow)
        self.manifest: dict[str, Any] | None = None
        self.exit_armed = False
        self.unload_armed: str | None = None  # the waybill F4 was pressed once for (the supervisor's confirmation)
        self.weights_from = "typed"  # "scale": the gross came from the station's scale (the weighbridge)
        self.title = heading()
        self.vehicle = big_label(2.2, name="gate_vehicle")
        self.count = big_label(1.6, name="gate_count")
        self.parcels = grid("gate_parcels", 6)
        self.refusals = QListWidget(objectName="gate_refusals", wordWrap=True)
        self.refused: list[Feedback] = []  # the refusals listed, newest first: worded again in a new language
        self.refusals_label = QLabel(buddy=self.refusals)
        self.exit_button = self.action_button("manifest_out", "finish")
        self.unload_button = self.action_button("gate_unload", "undo")  # F4, a supervisor's
        self.unload_button.setVisible(ctx.may(Permission.SUPERVISE))
        # the vehicle pass (核放单): IC card and weighbridge weights, optional
        self.ic_card, self.gross, self.tare = (QLineEdit(objectName=name) for name in
                                               ("gate_ic_card", "gate_gross_kg", "gate_tare_kg"))
        self.ic_label, self.gross_label, self.tare_label = (QLabel(buddy=w) for w in (self.ic_card, self.gross,
                                                                                     self.tare))
        for field in (self.gross, self.tare):
            field.setMaximumWidth(140)
        self.gross.textEdited.connect(self._typed)
        self.hub.sig_weight.connect(self.on_weight)
        self._lay_out()
        self.retranslate_ui()
        self.say("scan_manifest", "Scan the manifest or gate pass, then each parcel")  # the banner was blank

    def _lay_out(self) -> None:
        box = panel(self, "gate_panel")
        inside = QVBoxLayout(box)
        inside.addWidget(self.vehicle)
        inside.addWidget(self.count)
        log = QSplitter(Qt.Orientation.Horizontal)
        log.addWidget(self.parcels)
        side = QVBoxLayout()
        holder = panel(self, "")
        holder.setLayout(side)
        side.addWidget(self.refusals_label)
        side.addWidget(self.refusals, 1)
        log.addWidget(holder)
        log.setSizes([840, 260])  # the parcels with their loading or exit time; the refusals wrap
        keys = QHBoxLayout()
        keys.addWidget(self.retry_button)
        keys.addWidget(self.unload_button)
        keys.addStretch(1)
        for label, field in ((self.ic_label, self.ic_card), (self.gross_label, self.gross),
                             (self.tare_label, self.tare)):
            keys.addWidget(label)
            keys.addWidget(field)
        keys.addWidget(self.exit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scan_bar)
        layout.addWidget(box)
        layout.addWidget(self.banner)
        layout.addWidget(log, 1)
        layout.addLayout(keys)

    def retranslate_ui(self) -> None:
        self.retranslate_station()
        self.title.setText(self.tr("Gate station"))
        self.scan_bar.setPlaceholderText(self.tr("scan the manifest or gate pass, then each parcel"))
        self.parcels.setHorizontalHeaderLabels([self.tr("Waybill"), self.tr("Order"), self.tr("Pieces"),
                                                self.tr("Weight kg"), self.tr("Status"), self.tr("Loaded / left at")])
        self.refusals_label.setText(self.tr("Refused at the gate:"))
        for row, fb in enumerate(self.refused):
            self._word_refusal(self.refusals.item(row), fb)
        self.exit_button.setText(self.key_text(self.tr("Pass the vehicle, press twice"), "finish"))
        self.unload_button.setText(self.key_text(self.tr("Take the parcel off, press twice"), "undo"))
        self.ic_label.setText(self.tr("&IC card"))
        self.gross_label.setText(self.tr("&Gross kg"))
        self.tare_label.setText(self.tr("&Tare kg"))
        self.ic_card.setPlaceholderText(self.tr("if any"))
        for field in (self.gross, self.tare):
            field.setPlaceholderText(self.tr("weighbridge"))
        self._show_manifest()

    def refresh(self) -> None:
        if self.manifest is not None:
            code = self.manifest["manifest"]
            self.ctx.run(lambda uow: queries.manifest_detail(uow, code), write=False, on_done=self._detail)

    def _detail(self, detail: dict[str, Any]) -> None:
        if self.manifest is not None and detail["manifest"] == self.manifest["manifest"]:
            self.manifest = detail
            self._show_manifest()

    # -- scans --------------------------------------------------------------------------------------------
    def take(self, raw: str, scan_id: str) -> None:
        self.exit_armed, self.unload_armed = False, None
        self.submit(raw, scan_id)

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        return present(fb, **extra)

    def after_scan(self, station: GateStation, raw: str, fb: Feedback) -> Any:
        code = station.manifest
        return read(self.ctx, lambda uow: queries.manifest_detail(uow, code)) if code else None

    def shown(self, station: GateStation, fb: Feedback, detail: dict[str, Any] | None) -> None:
        self._scanned(fb, detail)

    def finish(self) -> None:
        """F9 (twice): the vehicle passes."""
        self.manifest_out()

    @Slot(object)
    def on_weight(self, kg: Any) -> None:
        """The station's scale (the weighbridge) settled: the loaded vehicle's gross weight."""
        self.gross.setText(f"{kg:.3f}")
        self.weights_from = "scale"

    @Slot()
    def _typed(self) -> None:
        self.weights_from = "typed"

    def _scanned(self, fb: Feedback, detail: dict[str, Any] | None) -> None:
        if detail is not None:
            self.manifest = detail
        self._show_manifest()
        if fb.tone == Tone.ERROR:
            self._log_refusal(fb)

    def _log_refusal(self, fb: Feedback) -> None:
        item = QListWidgetItem()
        item.setForeground(QBrush(QColor(RED)))
        self._word_refusal(item, fb)
        self.refusals.insertItem(0, item)
        self.refused.insert(0, fb)
        del self.refused[LOG_SIZE:]
        while self.refusals.count() > LOG_SIZE:
            self.refusals.takeItem(self.refusals.count() - 1)

    @staticmethod
    def _word_refusal(item: QListWidgetItem, fb: Feedback) -> None:
        """A refusal in the language now chosen, from its code and parameters (the tooltip: the same words)."""
        text = feedback_text(present(fb))
        item.setText(text)
        item.setToolTip(text)

    @Slot()
    def manifest_out(self) -> None:
        """F9 arms, F9 again lets the vehicle pass: every parcel ships, in one transaction (the service checks each
        is loaded — or, for a supervisor's vehicle not fully loaded, sends the whole manifest out — and released)."""
        if self.manifest is None:
            self.show_feedback(Feedback(Tone.ERROR, "manifest_first", "scan the manifest or gate pass first"))
            return
        number, to_load = self.manifest["manifest"], list(self.manifest.get("to_load", []))
        if self.manifest["status"] == "exited":
            self.exit_armed = False
            self.show_feedback(Feedback(Tone.WARN, "manifest_exited", f"manifest {number} already left the zone",
                                        {"manifest": number}))
            return
        whole = bool(to_load) and self.ctx.may(Permission.SUPERVISE)
        if to_load and not whole:
            self.exit_armed = False
            self.show_feedback(Feedback(Tone.ERROR, "not_loaded", f"the vehicle may not pass: {len(to_load)} parcels "
                                        "still to load: " + ", ".join(to_load[:20]),
                                        {"manifest": number, "left": len(to_load), "waybills": to_load}))
            return
        if not self.exit_armed:
            self.exit_armed = True
            if whole:
                self.show_feedback(Feedback(Tone.WARN, "manifest_exit_armed", f"press F9 again: every parcel of "
                                            f"{number} leaves the zone", {"manifest": number}))
            else:
                self.show_feedback(Feedback(Tone.WARN, "vehicle_pass_armed", f"press F9 again: the vehicle passes, "
                                            f"its {self.manifest['loaded']} parcels leave the zone",
                                            {"manifest": number, "parcels": self.manifest["loaded"]}))
            return
        self.exit_armed = False
        from app.errors import BwmsError

        ctx, station, source = self.ctx, self.station, self.weights_from
        ic_card, gross, tare = (w.text().strip() for w in (self.ic_card, self.gross, self.tare))

        def step() -> tuple[Feedback, Any]:
            try:
                report = station.pass_vehicle(gross_weight=gross or None, tare_weight=tare or None, ic_card=ic_card,
                                              weights_from=source if gross else "typed", whole_manifest=whole)
            except BwmsError as exc:
                return Feedback(Tone.ERROR, exc.code, exc.message, dict(exc.params)), None
            fb = Feedback(Tone.OK, "manifest_out", report.describe(), {
                "manifest": report.manifest, "parcels": len(report.parcels), "units": report.units,
                "vehicle_pass": (report.vehicle or {}).get("pass")})
            return fb, read(ctx, lambda uow: queries.manifest_detail(uow, number))

        self.run_step(step, self._scanned)

    # -- a parcel off the vehicle (a supervisor's) -----------------------------------------------------------
    def undo(self) -> None:
        """F4 (a supervisor, twice): the parcel typed into the scan field, else the one selected in the list, comes
        off the vehicle and its manifest (`shipping.unload_parcel`); the first press names it, the second does it."""
        self.exit_armed = False
        if not self.ctx.may(Permission.SUPERVISE):
            self.unload_armed = None
            self.show_feedback(Feedback(Tone.ERROR, "permission_denied",
                                        "only a supervisor takes a parcel off the vehicle"))
            return
        waybill = self.scan_bar.text().strip() or self._selected_waybill()
        if not waybill:
            self.unload_armed = None
            self.show_feedback(Feedback(Tone.ERROR, "unload_which", "type the waybill or select the loaded parcel "
                                        "in the list, then press F4"))
            return
        if self.unload_armed != waybill:
            self.unload_armed = waybill
            vehicle = self.manifest["vehicle"] if self.manifest is not None else ""
            self.show_feedback(Feedback(Tone.WARN, "unload_armed", f"press F4 again: parcel {waybill} comes off the "
                                        f"vehicle {vehicle} and its manifest", {"waybill": waybill,
                                                                                 "vehicle": vehicle}))
            return
        self.unload_armed = None
        self.scan_bar.clear()
        from app.errors import BwmsError

        ctx, station = self.ctx, self.station

        def step() -> tuple[Feedback, Any]:
            try:
                report = station.unload(waybill)
            except BwmsError as exc:
                return Feedback(Tone.ERROR, exc.code, exc.message, dict(exc.params)), None
            fb = Feedback(Tone.WARN, "unloaded", report.describe(), report.to_json())
            if report.manifest_withdrawn:
                return fb, None
            return fb, read(ctx, lambda uow: queries.manifest_detail(uow, report.manifest))

        self.run_step(step, self._unloaded)

    def _unloaded(self, fb: Feedback, detail: dict[str, Any] | None) -> None:
        if fb.code == "unloaded" and detail is None:  # the manifest's last parcel: the manifest is withdrawn
            self.manifest, self.station.manifest = None, None
        self._scanned(fb, detail)

    def _selected_waybill(self) -> str:
        row = self.parcels.currentRow()
        item = self.parcels.item(row, 0) if row >= 0 and self.parcels.selectionModel().hasSelection() else None
        return item.text() if item is not None else ""

    # -- the manifest -------------------------------------------------------------------------------------
    def _show_manifest(self) -> None:
        m = self.manifest
        self.exit_button.setEnabled(m is not None and m["status"] != "exited")
        if m is None:
            self.vehicle.setText(self.tr("Scan the manifest or the gate pass of the vehicle"))
            self.count.setText("")
            fill(self.parcels, [])
            return
        self.vehicle.setText(fmt(self.tr("%1 · vehicle %2 · %3 · gate pass %4"), m["manifest"], m["vehicle"],
                                 m["carrier"], m["gate_pass"]))
        self.count.setText(fmt(self.tr("%1 of %2 parcels loaded, %3 out (%4)"), m["loaded"] + m["shipped"],
                               m["parcels"], m["shipped"], status_word(m["status"], "manifest_status")))
        parcels = m["parcel_list"]
        fill(self.parcels, [[p["waybill"], p["order_no"], str(p["pieces"]), shown(p["weight"]),
                             status_word(p["status"], "parcel_status"), shown(p["shipped_at"] or p["loaded_at"])]
                            for p in parcels],
             numeric=(2, 3),
             colours=[GREEN if p["status"] == "shipped" else RED if p["list_status"] != "800" else
                      BLUE if p["status"] == "loaded" else None for p in parcels])
        fit(self.parcels)

    def parcel_states(self) -> dict[str, str]:
        """Waybill → status word as shown (tests)."""
        return dict(zip(column_texts(self.parcels, 0), column_texts(self.parcels, 4), strict=True))
