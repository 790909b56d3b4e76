"""What the receive and put-away stations share: scan bar, banner with sound, scans from every input sent to
the workflow on the DB thread (in order, never blocking the GUI), and F5 to send again what did not arrive."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton

from app.stations import Feedback, Tone
from ui.devices.hub import devices_of
from ui.inbound.station_input import StationInput, show_quietly, sounds_of
from ui.inbound.words import for_banner, station_feedback
from ui.shell.screen import Screen
from ui.widgets.feedback import FeedbackBanner
from ui.widgets.scan_bar import ScanBar

if TYPE_CHECKING:
    from ui.context import AppContext

GS = "\x1d"


def scan_job(station: Any, raw: str, scan_id: str, after: Callable[[Any, Feedback], Any]) -> tuple[Feedback, Any]:
    """On the DB thread: the workflow's answer to one scan, then `after(station, feedback)` (e.g. the tally).

    A scan that fails without an answer (the database went away) leaves the station as it was before it, so
    sending it again (same scan id) means the same thing."""
    before = dict(vars(station))
    try:
        fb = station.scan(raw, scan_id)
    except Exception:
        vars(station).update(before)
        raise
    return fb, after(station, fb)


class StationScreen(Screen):
    """A scan station; subclasses set `area` and implement `take(raw, scan_id)` and `shown(station, fb, extra)`."""

    area = ""
    sig_shown = Signal(object)  # the workflow's Feedback, once the screen shows it (tests, benchmarks)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.hub = devices_of(ctx)
        self.bar = ScanBar(self)
        self.banner = FeedbackBanner(self, sounds=sounds_of(ctx))
        self.last_scan = QLabel(objectName="last_scan")
        self.last_feedback: Feedback | None = None
        self.last_raw = ""
        self.failed: list[tuple[Any, str, str]] = []  # (station, raw, scan id) the database did not answer
        self.pending = 0  # scans sent to the DB thread and not answered yet
        self.retry_button = self.action_button("retry", "F5", self.send_again)
        self.retry_button.setVisible(False)
        self.input = StationInput(self, self.bar, self.hub)
        self.input.sig_scan.connect(self.take)
        self.key(QKeySequence(Qt.Key.Key_Escape), self.escape)

    def key(self, sequence: QKeySequence | str, slot: Callable[[], None]) -> QShortcut:
        """A shortcut that works while the focus is anywhere on this screen (the scan bar usually)."""
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def action_button(self, name: str, sequence: str, slot: Callable[[], None]) -> QPushButton:
        """A button that never takes the focus from the scan bar; its key works anywhere on the screen."""
        button = QPushButton(objectName=name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        self.key(sequence, button.click)
        return button

    def take(self, raw: str, scan_id: str) -> None:
        """Each station's own: hand one scan to its workflow."""
        raise TypeError(f"{type(self).__name__} must define take()")

    def escape(self) -> None:
        """Esc: forget what was typed into the scan bar."""
        self.bar.clear()

    def shown(self, station: Any, fb: Feedback, extra: Any) -> None:
        """Each station's own: render the feedback and what after_scan read."""
        raise TypeError(f"{type(self).__name__} must define shown()")

    def after_scan(self, station: Any, fb: Feedback) -> Any:
        """What else to read on the DB thread after a scan (runs there)."""
        return None

    def submit(self, station: Any, raw: str, scan_id: str) -> None:
        """Send one scan to the station's workflow on the DB thread; the answer comes back to `shown`."""
        self.last_raw = raw
        self._show_last_scan()
        self.pending += 1
        after = self.after_scan
        self.ctx.call(lambda: scan_job(station, raw, scan_id, after),
                      on_done=lambda out: self._answered(station, out),
                      on_error=lambda exc: self._not_answered(station, raw, scan_id, exc))

    def _answered(self, station: Any, out: tuple[Feedback, Any]) -> None:
        self.pending -= 1
        fb, extra = out
        self.last_feedback = fb
        self.banner.show_feedback(for_banner(self.area, fb))
        self.shown(station, fb, extra)
        self.sig_shown.emit(fb)

    def _not_answered(self, station: Any, raw: str, scan_id: str, exc: BaseException) -> None:
        from ui.error_text import describe

        self.pending -= 1
        self.failed.append((station, raw, scan_id))
        self.retry_button.setVisible(True)
        fb = station_feedback(self.area, Tone.ERROR, "not_saved", describe(exc).detail)
        self.last_feedback = fb
        self.banner.show_feedback(fb)
        self.sig_shown.emit(fb)

    def send_again(self) -> None:
        """F5: send the scans the database did not answer again, with their first scan ids."""
        failed, self.failed = self.failed, []
        self.retry_button.setVisible(False)
        for station, raw, scan_id in failed:
            self.submit(station, raw, scan_id)

    def prompt(self, code: str, text: str, tone: Tone = Tone.PROMPT, **params: object) -> None:
        """A prompt of the screen itself (no sound: it answers no scan)."""
        fb = station_feedback(self.area, tone, code, text, **params)
        self.last_feedback = fb
        show_quietly(self.banner, fb)

    def retranslate_station(self) -> None:
        self.retry_button.setText(self.tr("Send again (F5)"))
        self.bar.setPlaceholderText(self.tr("Scan here (the scanner types into this field)"))
        self._show_last_scan()

    def _show_last_scan(self) -> None:
        if self.last_raw:
            self.last_scan.setText(self.tr("Last scan: %1").replace("%1", self.last_raw.replace(GS, "<GS>")))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.bar.setFocus(Qt.FocusReason.OtherFocusReason)
