"""GUI tests (every `gui` folder, loaded with `-p tests.qt_support`): offscreen, fail on any Qt warning, compiled translations, a demo warehouse with stock.

Every test here gets `qt_log_level_fail("WARNING")` (qutebrowser's habit): a Qt warning fails the test.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.persistence.db import Database
from tests.conftest import actor

# Every wait for an event (a condition, a signal, a window) waits at least this long before it fails: the wait
# ends as soon as the event comes, so a passing test is no slower, but on a loaded 2-core machine running two
# suites at once a screen's answer can take longer than pytest-qt's 5 s default or a test's 10 s. A wait that
# expects nothing (raising=False) keeps its own timeout: its length is what it waits.
EVENT_WAIT_MS = 120_000


def _at_least(wait):
    @functools.wraps(wait)
    def patient(self, *args, timeout: int = 5000, **kwargs):
        if kwargs.get("raising", True) is not False:
            timeout = max(timeout, EVENT_WAIT_MS)
        return wait(self, *args, timeout=timeout, **kwargs)
    return patient


def _patient_qtbot() -> None:
    from pytestqt.qtbot import QtBot

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed", "waitActive"):
        setattr(QtBot, name, _at_least(getattr(QtBot, name)))


_patient_qtbot()

# Harmless offscreen-platform notices (not about our code).
QT_NOISE = [r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)",
            r"This plugin does not support grabbing the keyboard"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "gui" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            if not item.get_closest_marker("qt_log_ignore"):
                item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """Once a GUI test has started a worker thread, cycles are collected on the GUI thread only (ui.collector),
    from a timer that ticks only while an event loop runs: each test's end collects what is due too, so the
    tests that run no event loop do not pile up garbage."""
    yield
    collector = sys.modules.get("ui.collector")
    if collector is not None:
        collector.collect_due()


@pytest.fixture(scope="session", autouse=True)
def area_texts() -> None:
    """The areas' banner and error texts, installed as the shell does at sign-in (no import registers them)."""
    from ui.shell import install_texts

    install_texts()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The .qm files are build products (git-ignored): compile them once per run."""
    from ui import i18n

    assert i18n.compile_all() == 0


@pytest.fixture(autouse=True)
def workstation_clock():
    """A main window sets the warehouse's zone for every screen: each test starts without one."""
    from ui import clock

    clock.set_zone(None)
    yield
    clock.set_zone(None)


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["bwms-tests"]


@pytest.fixture
def gui_app(qapp):
    from ui.i18n import Translations
    from ui.main import install_fonts

    install_fonts(qapp)
    translations = Translations(qapp)
    translations.switch("en")
    yield qapp
    translations.switch("en")


@pytest.fixture
def silent():
    """A station's sound player that plays nothing."""
    from ui.widgets.sound import SoundPlayer

    return SoundPlayer(enabled=False)


@pytest.fixture
def station_settings(tmp_path: Path):
    from ui.station_settings import StationSettings

    return StationSettings(tmp_path / "workstation.ini")


@pytest.fixture
def make_ctx(db: Database, station_settings, gui_app):
    """`make_ctx("clerk")`: an AppContext on the test database, signed in as that seeded user."""
    from ui.context import AppContext

    made = []

    def make(role: str | None = "admin") -> AppContext:
        ctx = AppContext("test-station", station_settings, db=db)
        if role:
            ctx.act_as(actor(role))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.executor.shutdown()
