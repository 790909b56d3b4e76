"""The pick station: choose or scan a wave, then scan each location and every unit taken there.

The big prompt says where to go and what to take (location, SKU, batch, quantity); F6 twice (or the
CMD:SHORT barcode) records a short pick; F2 leaves the wave. Scans go to app.outbound.pick_station.PickStation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from app.errors import NotFound
from app.outbound import queries
from app.outbound.pick_station import SHORT, PickStation
from app.persistence.uow import Area
from app.stations import Feedback, Tone
from ui.outbound.texts import present
from ui.outbound.words import fmt, status_word
from ui.shell.screen import heading
from ui.widgets.sound import SoundPlayer
from ui.widgets.station import StationScreen, big_label, panel, read, scanned_code
from ui.widgets.tables import column_texts, fill, grid

if TYPE_CHECKING:
    from ui.context import AppContext



class PickScreen(StationScreen):
    """`station` is the PickStation of the chosen wave (used on the DB thread only); `prompt` what is shown."""

    area = "pick"
    areas = frozenset({Area.WAVES, Area.ALLOCATION})

    def __init__(self, ctx: AppContext, *, sounds: SoundPlayer | None = None) -> None:
        super().__init__(ctx, sounds=sounds)
        self.station: PickStation | None = None
        self.wave: str | None = None
        self.prompt: dict[str, Any] | None = None
        self.short_armed = False
        self.title = heading()
        self.wave_choice = QComboBox(objectName="wave_choice")
        self.wave_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.wave_label = QLabel(buddy=self.wave_choice)
        self.where = big_label(3.0, name="pick_where")
        self.what = big_label(1.8, name="pick_what")
        self.progress = big_label(1.1, name="pick_progress", bold=False)
        self.short_button = self.action_button("short_pick", "flag")
        self.leave_button = self.action_button("leave_wave", "choose")
        self.tasks = grid("pick_tasks", 6)
        self._lay_out()
        self.wave_choice.activated.connect(self._wave_chosen)
        self.retranslate_ui()
        self.refresh()
        self._say_idle()

    def _say_idle(self) -> None:
        """What to scan first (the banner was blank until a scan)."""
        self.say("scan_wave", "Scan the wave or choose it above, then each location and every unit")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.wave_label)
        top.addWidget(self.wave_choice)
        top.addWidget(self.leave_button)
        prompt = panel(self, "pick_prompt")
        inside = QVBoxLayout(prompt)
        for label in (self.where, self.what, self.progress):
            inside.addWidget(label)
        keys = QHBoxLayout()
        keys.addWidget(self.short_button)
        keys.addWidget(self.retry_button)
        keys.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scan_bar)
        layout.addWidget(prompt)
        layout.addWidget(self.banner)
        layout.addLayout(keys)
        layout.addWidget(self.tasks, 1)

    def retranslate_ui(self) -> None:
        self.retranslate_station()
        self.title.setText(self.tr("Pick station"))
        self.wave_label.setText(self.tr("&Wave:"))
        self.short_button.setText(self.key_text(self.tr("Short pick, press twice"), "flag"))
        self.leave_button.setText(self.key_text(self.tr("Change wave"), "choose"))
        self.scan_bar.setPlaceholderText(self.tr("scan the wave, then each location and every unit"))
        self.tasks.setHorizontalHeaderLabels([self.tr("Location"), self.tr("SKU"), self.tr("Name"), self.tr("Batch"),
                                              self.tr("To pick"), self.tr("Orders")])
        if self.wave_choice.count():
            self.wave_choice.setItemText(0, self.tr("scan or choose a wave…"))
        self._show_prompt()

    # -- waves --------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.run(lambda uow: queries.wave_summaries(uow, status="open"), write=False, on_done=self._list_waves)

    def _list_waves(self, waves: list[dict[str, Any]]) -> None:
        self.wave_choice.clear()
        self.wave_choice.addItem(self.tr("scan or choose a wave…"), "")
        for w in sorted(waves, key=lambda w: w["wave"]):
            self.wave_choice.addItem(f"{w['wave']} · {w['carrier']} · {w['orders']} / {w['units']}", w["wave"])
        self._select_current()

    def _select_current(self) -> None:
        index = self.wave_choice.findData(self.wave or "")
        self.wave_choice.setCurrentIndex(max(index, 0))

    def wave_numbers(self) -> list[str]:
        return [self.wave_choice.itemData(i) for i in range(1, self.wave_choice.count())]

    @Slot(int)
    def _wave_chosen(self, index: int) -> None:
        wave = self.wave_choice.itemData(index)
        if wave and wave != self.wave:
            self.choose_wave(wave)
        self.scan_bar.setFocus()

    def choose_wave(self, wave_no: str) -> None:
        """Start picking `wave_no` (a scanned or chosen wave number)."""
        ctx = self.ctx

        def step() -> tuple[Feedback, Any]:
            try:
                prompt = read(ctx, lambda uow: queries.pick_prompt(uow, wave_no))
            except NotFound as exc:
                return Feedback(Tone.ERROR, exc.code, exc.message, dict(exc.params)), None
            if prompt["status"] != "open" or prompt["location"] is None:
                return Feedback(Tone.WARN, "wave_done", f"wave {wave_no} is fully picked", {"wave": wave_no}), prompt
            station = PickStation(ctx.uow, wave_no)
            return Feedback(Tone.PROMPT, "wave_chosen", f"wave {wave_no}: go to {prompt['location']}",
                            {"wave": wave_no, "location": prompt["location"]}), (station, prompt)

        self.run_step(step, self._wave_started)

    def _wave_started(self, fb: Feedback, snapshot: Any) -> None:
        if fb.tone == Tone.PROMPT:
            self.station, self.prompt = snapshot
            self.wave = self.prompt["wave"]
        elif snapshot is not None:  # a finished wave: shown, not started
            self.station, self.prompt, self.wave = None, snapshot, None
        self.short_armed = False
        self._select_current()
        self._show_prompt()

    @Slot()
    def leave_wave(self) -> None:
        self.station, self.wave, self.prompt, self.short_armed = None, None, None, False
        self._select_current()
        self._show_prompt()
        self._say_idle()
        self.refresh()

    def choose(self) -> None:
        """F2: leave this wave for another."""
        self.leave_wave()

    # -- scans --------------------------------------------------------------------------------------------
    def take(self, raw: str, scan_id: str) -> None:
        if self.station is None:
            self.choose_wave(scanned_code(raw))
            return
        self.short_armed = False
        self.submit(raw, scan_id)

    def present(self, fb: Feedback, **extra: Any) -> Feedback:
        return present(fb, **extra)

    def after_scan(self, station: PickStation, raw: str, fb: Feedback) -> Any:
        return read(self.ctx, lambda uow: queries.pick_prompt(uow, station.wave_no, station.location))

    def shown(self, station: PickStation, fb: Feedback, prompt: dict[str, Any]) -> None:
        if self.station is not None and prompt["wave"] == self.station.wave_no:
            self.prompt = prompt
            self._show_prompt()

    def flag(self) -> None:
        """F6: a short pick (press twice)."""
        self.short_pick()

    @Slot()
    def short_pick(self) -> None:
        """F6 arms, F6 again records: what is left to pick at this location is not there."""
        if self.station is None or not (self.prompt and self.prompt["at_location"]):
            self.show_feedback(Feedback(Tone.ERROR, "location_first", "scan the location where goods are missing"))
            return
        if not self.short_armed:
            self.short_armed = True
            location = self.prompt["location"]
            self.show_feedback(Feedback(Tone.WARN, "short_armed", f"short at {location}? press F6 again",
                                        {"location": location}))
            return
        self.short_armed = False
        self.submit(SHORT)

    # -- the prompt ---------------------------------------------------------------------------------------
    def _show_prompt(self) -> None:
        p = self.prompt
        if p is None:
            self.where.setText(self.tr("Scan or choose a wave"))
            self.what.setText("")
            self.progress.setText("")
            fill(self.tasks, [])
            return
        if p["location"] is None:
            self.where.setText(fmt(self.tr("Wave %1 is fully picked"), p["wave"]))
            self.what.setText(self.tr("Take the goods to packing, then press F2 for the next wave."))
        else:
            where = self.tr("At %1") if p["at_location"] else self.tr("Go to %1")
            self.where.setText(fmt(where, p["location"]))
            take = self.tr("Take %1 × %2 %3 — batch %4")
            self.what.setText("\n".join(fmt(take, i["qty"], i["sku"], i["name"], i["batch"] or "—")
                                        for i in p["items"]))
        self.progress.setText(fmt(self.tr("Wave %1 (%2, %3): %4 units picked, %5 to pick in %6 tasks"), p["wave"],
                                  p["carrier"], status_word(p["status"], "wave_status"), p["units_picked"],
                                  p["units_left"], p["open_tasks"]))
        fill(self.tasks, [[p["location"] or "", i["sku"], i["name"], i["batch"], str(i["qty"]), ", ".join(i["orders"])]
                          for i in p["items"]], numeric=(4,))
        self.tasks.resizeColumnsToContents()

    def prompt_lines(self) -> list[str]:
        """What the prompt says, top to bottom (tests)."""
        return [self.where.text(), self.what.text(), self.progress.text()] + column_texts(self.tasks, 1)
