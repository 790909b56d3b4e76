"""The gate station: scan the manifest (or gate pass), then each parcel as it is loaded; each one leaves the zone.

Refusals (not on the manifest, not released, already out) are red on the banner and stay listed in red.
A supervisor may send every remaining parcel of the manifest out at once (F9, twice), as one vehicle pass with
the IC card and the weighbridge's gross and tare weights typed beside the key (optional). Scans go to
app.outbound.gate_station.GateStation; the whole-manifest exit to app.outbound.shipping.gate_out.
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
        self.title = heading()
        self.vehicle = big_label(2.2, name="gate_vehicle")
        self.count = big_label(1.6, name="gate_count")
        self.parcels = grid("gate_parcels", 6)
        self.refusals = QListWidget(objectName="gate_refusals", wordWrap=True)
        self.refusals_label = QLabel(buddy=self.refusals)
        self.exit_button = self.action_button("manifest_out", "finish")
        self.exit_button.setVisible(ctx.may(Permission.SUPERVISE))
        # the vehicle pass (核放单) of a whole-manifest exit: IC card and weighbridge weights, optional
        self.ic_card, self.gross, self.tare = (QLineEdit(objectName=name) for name in
                                               ("gate_ic_card", "gate_gross_kg", "gate_tare_kg"))
        self.ic_label, self.gross_label, self.tare_label = (QLabel(buddy=w) for w in (self.ic_card, self.gross,
                                                                                     self.tare))
        for widget in (self.ic_card, self.gross, self.tare, self.ic_label, self.gross_label, self.tare_label):
            widget.setVisible(ctx.may(Permission.SUPERVISE))
        for field in (self.gross, self.tare):
            field.setMaximumWidth(140)
        self._lay_out()
        self.retranslate_ui()

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
        log.setSizes([760, 420])
        keys = QHBoxLayout()
        keys.addWidget(self.retry_button)
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
                                                self.tr("Weight kg"), self.tr("Status"), self.tr("Left at")])
        self.refusals_label.setText(self.tr("Refused at the gate:"))
        self.exit_button.setText(self.key_text(self.tr("Whole manifest out, press twice"), "finish"))
        self.ic_label.setText(self.tr("IC card"))
        self.gross_label.setText(self.tr("Gross kg"))
        self.tare_label.setText(self.tr("Tare kg"))
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
        self.exit_armed = False
        self.submit(raw, scan_id)

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        return present(fb, **extra)

    def after_scan(self, station: GateStation, raw: str, fb: Feedback) -> Any:
        code = station.manifest
        return read(self.ctx, lambda uow: queries.manifest_detail(uow, code)) if code else None

    def shown(self, station: GateStation, fb: Feedback, detail: dict[str, Any] | None) -> None:
        self._scanned(fb, detail)

    def finish(self) -> None:
        """F9 (twice): the whole manifest out."""
        self.manifest_out()

    def _scanned(self, fb: Feedback, detail: dict[str, Any] | None) -> None:
        if detail is not None:
            self.manifest = detail
        self._show_manifest()
        if fb.tone == Tone.ERROR:
            self._log_refusal(fb)

    def _log_refusal(self, fb: Feedback) -> None:
        item = QListWidgetItem(feedback_text(present(fb)))
        item.setForeground(QBrush(QColor(RED)))
        item.setToolTip(fb.text)
        self.refusals.insertItem(0, item)
        while self.refusals.count() > LOG_SIZE:
            self.refusals.takeItem(self.refusals.count() - 1)

    @Slot()
    def manifest_out(self) -> None:
        """F9 arms, F9 again sends every parcel still on the manifest out (the service checks each is released)."""
        if not self.ctx.may(Permission.SUPERVISE):
            return
        if self.manifest is None:
            self.show_feedback(Feedback(Tone.ERROR, "manifest_first", "scan the manifest or gate pass first"))
            return
        number = self.manifest["manifest"]
        if not self.exit_armed:
            self.exit_armed = True
            self.show_feedback(Feedback(Tone.WARN, "manifest_exit_armed", f"press F9 again: every parcel of {number} "
                                        "leaves the zone", {"manifest": number}))
            return
        self.exit_armed = False
        from app.errors import BwmsError
        from app.outbound.shipping import gate_out

        ctx = self.ctx
        ic_card, gross, tare = (w.text().strip() for w in (self.ic_card, self.gross, self.tare))

        def step() -> tuple[Feedback, Any]:
            try:
                with ctx.uow() as uow:
                    report = gate_out(uow, number, gross_weight=gross or None, tare_weight=tare or None,
                                      ic_card=ic_card)
                    uow.commit()
            except BwmsError as exc:
                return Feedback(Tone.ERROR, exc.code, exc.message, dict(exc.params)), None
            fb = Feedback(Tone.OK, "manifest_out", report.describe(), {
                "manifest": report.manifest, "parcels": len(report.parcels), "units": report.units,
                "vehicle_pass": (report.vehicle or {}).get("pass")})
            return fb, read(ctx, lambda uow: queries.manifest_detail(uow, number))

        self.run_step(step, self._scanned)

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
        self.count.setText(fmt(self.tr("%1 of %2 parcels out (%3)"), m["shipped"], m["parcels"],
                               status_word(m["status"], "manifest_status")))
        parcels = m["parcel_list"]
        fill(self.parcels, [[p["waybill"], p["order_no"], str(p["pieces"]), shown(p["weight"]),
                             status_word(p["status"], "parcel_status"), shown(p["shipped_at"])] for p in parcels],
             numeric=(2, 3),
             colours=[GREEN if p["status"] == "shipped" else RED if p["list_status"] != "800" else None
                      for p in parcels])
        fit(self.parcels)

    def parcel_states(self) -> dict[str, str]:
        """Waybill → status word as shown (tests)."""
        return dict(zip(column_texts(self.parcels, 0), column_texts(self.parcels, 4), strict=True))
