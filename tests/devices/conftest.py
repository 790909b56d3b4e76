"""Device-test fixtures: emulators on ptys and sockets, and (for the Qt tests) an offscreen AppContext.

Qt tests here (test_qt_*.py) fail on any Qt warning, like the GUI tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.devices.emulators import PrinterEmulator, PtyDevice, ScaleEmulator

QT_NOISE = [r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)",
            r"This plugin does not support grabbing the keyboard"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_qt_") and Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture
def scanner_device(tmp_path: Path):
    device = PtyDevice(tmp_path / "scanner0")
    yield device
    device.close()


@pytest.fixture
def scale_emulator(tmp_path: Path):
    emulator = ScaleEmulator("1.234", interval_s=0.02, link=tmp_path / "scale0")
    emulator.start()
    yield emulator
    emulator.stop()


@pytest.fixture
def printer_emulator(tmp_path: Path):
    with PrinterEmulator(out=tmp_path / "printed", render=False) as emulator:
        yield emulator


@pytest.fixture
def qt_app(qapp):
    from ui.main import install_fonts

    install_fonts(qapp)
    return qapp


@pytest.fixture
def station_ctx(tmp_path: Path, qt_app):
    """`station_ctx(db=None, role=None)`: an AppContext for station "test-station" with its own settings file."""
    from tests.conftest import actor
    from ui.context import AppContext
    from ui.station_settings import StationSettings

    made = []

    def make(db=None, role: str | None = None):
        ctx = AppContext("test-station", StationSettings(tmp_path / "workstation.ini"), db=db)
        if role:
            ctx.act_as(actor(role))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        from ui.devices.hub import DeviceHub

        hub = ctx.findChild(DeviceHub, "device_hub")
        if hub is not None:
            hub.stop()
        ctx.executor.shutdown()
