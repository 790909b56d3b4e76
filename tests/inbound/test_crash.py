"""Crash safety: a receive station killed mid-container loses no acknowledged scan, and replaying counts nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.persistence.models import ScanEvent
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.inbound.conftest import sample_scans
from tests.inbound.helpers import expected_tally, station

STATION = """
import sys
from datetime import date
from app.persistence.db import open_database
from app.inbound import receiving
from app.inbound.receive_station import ReceiveStation
from tests.conftest import actor
from tests.inbound.conftest import DECLARATION, TODAY, sample_scans
receiving.local_today = lambda uow, zone=None: TODAY
station = ReceiveStation(UnitsOfWork(open_database(sys.argv[1]), actor("clerk", "dock-1")), DECLARATION)
for i, raw in enumerate(sample_scans()):
    print(i, station.scan(raw, f"crash-{i}").tone, flush=True)  # the clerk sees the banner: acknowledged
"""


def test_killed_station_loses_no_acknowledged_scan(declared):
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", STATION, declared.url], cwd=root, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(root)})
    acknowledged = []
    for line in proc.stdout:
        acknowledged.append(int(line.split()[0]))
        if len(acknowledged) == 60:
            proc.send_signal(signal.SIGKILL)  # a crash: the process dies mid-container, no clean-up
            break
    proc.wait(timeout=30)
    with UnitOfWork(declared, actor("clerk"), write=False) as uow:
        logged = set(uow.session.execute(select(ScanEvent.scan_id).where(ScanEvent.outcome == "accepted")).scalars())
    assert {f"crash-{i}" for i in acknowledged} <= logged
    st = station(declared)
    for i, raw in enumerate(sample_scans()):  # the clerk replays the whole container after the restart
        st.scan(raw, f"crash-{i}")
    assert [r.to_json() for r in st.tally()] == expected_tally()
