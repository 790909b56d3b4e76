"""Screens show warehouse time whatever zone the workstation's own clock is set to."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from ui import clock
from ui.clock import warehouse_time as local_time
from ui.outbound.words import shown
from ui.widgets.tables import render_value

MOMENT = datetime(2026, 11, 26, 18, 30, 5, tzinfo=UTC)


@pytest.fixture
def workstation_in_new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()
    clock.set_zone(None)


def test_warehouse_time_not_the_workstations(workstation_in_new_york):
    assert datetime.fromtimestamp(MOMENT.timestamp()).hour == 13  # the workstation's own clock
    clock.set_zone(ZoneInfo("Asia/Shanghai"))
    assert clock.warehouse_time(MOMENT) == "2026-11-27 02:30:05"
    assert local_time(MOMENT.isoformat(), seconds=False) == "2026-11-27 02:30"
    assert shown(MOMENT) == "2026-11-27 02:30" and render_value(MOMENT) == "2026-11-27 02:30:05"
    assert clock.warehouse_time(None) == "" and clock.warehouse_time(datetime(2026, 1, 2, 3, 4)) == "2026-01-02 03:04:00"


def test_before_the_database_is_known_the_workstation_zone_is_used(workstation_in_new_york):
    clock.set_zone(None)
    assert os.environ["TZ"] == "America/New_York" and clock.warehouse_time(MOMENT) == "2026-11-26 13:30:05"


def test_the_main_window_takes_the_warehouse_zone(make_ctx, qtbot):
    from tests.gui.helpers import wait_idle
    from ui.main_window import MainWindow

    ctx = make_ctx("supervisor")
    window = MainWindow(ctx, "en")
    qtbot.addWidget(window)
    wait_idle(qtbot, ctx)
    assert clock.zone() == ZoneInfo("Asia/Shanghai")  # the seeded warehouse's zone
