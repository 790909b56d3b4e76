"""Where a station's scans come from: its scan bar, a keyboard-wedge burst anywhere on the screen, and the
workstation's serial scanner. All three end in one signal, each scan with an id made at capture."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from ui.devices.wedge import WedgeFilter

if TYPE_CHECKING:
    from app.stations import Feedback
    from ui.devices.hub import DeviceHub
    from ui.widgets.feedback import FeedbackBanner
    from ui.widgets.scan_bar import ScanBar
    from ui.widgets.sound import SoundPlayer


class StationInput(QObject):
    """Collects the scans meant for `screen` (the serial scanner's only while the screen is on view)."""

    sig_scan = Signal(str, str)  # the scan as the scanner sent it, its scan id (made now, or by the device)

    def __init__(self, screen: QWidget, bar: ScanBar, hub: DeviceHub) -> None:
        super().__init__(screen)
        self.screen, self.bar = screen, bar
        self.wedge = WedgeFilter(self, max_gap_ms=hub.devices.wedge_gap_ms)
        self.wedge.watch(screen, skip=self._typed_field)
        self.wedge.sig_scanned.connect(self._wedge_burst)
        bar.sig_scanned.connect(self._typed)
        hub.sig_scanned.connect(self._serial)

    def _typed_field(self, widget: QWidget) -> bool:
        """Another text field of the screen (a typed weight): what is typed there is not a scan."""
        from PySide6.QtWidgets import QLineEdit

        return isinstance(widget, QLineEdit) and widget is not self.bar

    @Slot(str)
    def _typed(self, text: str) -> None:
        self.sig_scan.emit(text, uuid.uuid4().hex)

    @Slot(str)
    def _wedge_burst(self, text: str) -> None:
        # The filter swallowed the terminator; when the burst went into the scan bar, the bar holds the whole
        # scan (also if a pause split the burst), so the bar's text is the scan.
        if self.bar.text():
            self.bar.submit()
        else:
            self._typed(text)

    @Slot(object)
    def _serial(self, scan: object) -> None:  # app.devices.scanner.Scan
        if self.screen.isVisible():
            self.sig_scan.emit(scan.raw, scan.scan_id)


def sounds_of(ctx: QObject) -> SoundPlayer:
    """The workstation's one sound player for its stations (made on first use, a child of the context)."""
    from ui.widgets.sound import SoundPlayer

    player = ctx.findChild(SoundPlayer, "station_sounds")
    if player is None:
        player = SoundPlayer(ctx)
        player.setObjectName("station_sounds")
    return player


def show_quietly(banner: FeedbackBanner, fb: Feedback) -> None:
    """Show a prompt the screen itself gives (not the answer to a scan) without a sound."""
    enabled = banner.sounds.enabled
    banner.sounds.enabled = False
    try:
        banner.show_feedback(fb)
    finally:
        banner.sounds.enabled = enabled
