"""Issue 4's "done when": the scanner emulator (app.devices.emulators, what `bwms emulate scanner` runs) plays
the sample container over a real pty into the station's serial scanner bridge, and the receive screen's
banner and tally table follow every scan.

The emulator is started in-process once the bridge has the port open: pyserial empties the input when it
opens a port, and on a loaded machine the emulator's fixed pause after the reader appears can be too short.
"""

from __future__ import annotations

import threading

from app.devices.emulators import ScannerEmulator, read_scans
from app.stations import Tone
from tests.conftest import DEMO
from tests.gui.helpers import wait_idle
from tests.inbound.conftest import DECLARATION
from tests.inbound.helpers import expected_tally
from ui.devices.device_settings import StationDevices
from ui.inbound.receive_station import ReceiveStationScreen


def test_the_emulated_scanner_drives_the_receive_screen(qtbot, station_ctx, declared, tmp_path):
    ctx = station_ctx("clerk")
    screen = ReceiveStationScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.choose_declaration(DECLARATION)
    wait_idle(qtbot, ctx)
    shown = []
    screen.sig_feedback.connect(shown.append)
    emulator = ScannerEmulator(read_scans(DEMO / "receive_scans.txt"), rate=200, link=tmp_path / "ttyScanner")
    stop = threading.Event()
    player = threading.Thread(target=emulator.play, kwargs={"stop": stop}, name="scanner emulator")
    try:
        def connected(*_args: object) -> bool:
            return screen.hub.scanner is not None and screen.hub.scanner.connected

        with qtbot.waitSignal(screen.hub.sig_status_changed, timeout=10_000, check_params_cb=connected):
            screen.hub.apply(StationDevices(scanner_url=emulator.port))  # as the station's device settings say
        player.start()
        qtbot.waitUntil(lambda: len(shown) == len(emulator.scans), timeout=120_000)
    finally:
        stop.set()
        screen.hub.stop()
        if player.is_alive():
            player.join(10)
        emulator.close()
    wait_idle(qtbot, ctx)
    assert emulator.sent == len(emulator.scans) == 230
    assert [fb.tone for fb in shown] == [Tone.OK] * 230, [fb.text for fb in shown if fb.tone != Tone.OK][:3]
    assert screen.banner.tone == Tone.OK and "still expected" in screen.banner.message.text()
    assert [row.to_json() for row in screen.model.rows] == expected_tally()
    assert screen.last_scan.text().startswith("Last scan: ]C101")
