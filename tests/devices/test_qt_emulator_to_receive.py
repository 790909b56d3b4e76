"""End to end at a receiving dock: `bwms emulate scanner` plays the sample container's scan file on a pty,
the station's serial scanner bridge turns it into signals on the GUI thread, and each scan drives the
receive workflow; the tally comes out as the file says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from app.inbound import receiving
from app.inbound.declarations import import_declaration
from app.persistence.uow import UnitOfWork
from app.stations import Tone
from tests.conftest import DEMO, actor
from tests.inbound.conftest import TODAY, load_master_data
from tests.inbound.helpers import expected_tally, station
from ui.devices.bridges import ScannerBridge

ROOT = Path(__file__).resolve().parents[2]


class Dock(QObject):
    """What a receive screen does with a serial scan: feed the workflow (a screen runs it via ctx.run), keep
    the feedback."""

    def __init__(self, receive_station) -> None:
        super().__init__()
        self.station = receive_station
        self.feedback = []

    @Slot(object)
    def on_scan(self, scan) -> None:
        self.feedback.append(self.station.scan(scan.raw, scan.scan_id))


def test_sample_container_scanned_through_the_emulator_gives_the_tally(qtbot, qt_app, db, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)
    load_master_data(db)
    with UnitOfWork(db, actor("supervisor")) as uow:
        import_declaration(uow, DEMO / "declaration.csv")
        uow.commit()
    scans = (DEMO / "receive_scans.txt").read_bytes().count(b"\n")
    player = subprocess.Popen([sys.executable, "-m", "app", "emulate", "scanner", "--scans",
                               str(DEMO / "receive_scans.txt"), "--rate", "200",
                               # a private link, gone when the player ends: the bridge's reconnect can never open
                               # a pty number another process (a second suite) was given since
                               "--link", str(tmp_path / "scanner0")], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = player.stdout.readline().strip()
        dock = Dock(station(db))
        bridge = ScannerBridge(port, reconnect_s=0.05)
        bridge.sig_scanned.connect(dock.on_scan)
        bridge.start()
        try:
            qtbot.waitUntil(lambda: len(dock.feedback) == scans, timeout=60_000)
        finally:
            assert bridge.stop()
        assert player.wait(10) == 0
    finally:
        player.kill()
    assert all(fb.tone == Tone.OK for fb in dock.feedback), [fb.text for fb in dock.feedback if fb.tone != Tone.OK][:3]
    assert [row.to_json() for row in dock.station.tally()] == expected_tally()
