"""One station base, one key map: every scan station is a `ui.widgets.station.StationScreen`, and the same key calls
the same action on each (undo sends CMD:UNDO where the station has an undo, F5 sends again what the database did
not answer, with its capture-time scan id; a key without a meaning at a station says so)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from app.domain.station_keys import STATION_COMMANDS, STATION_KEYS, STATIONS
from app.stations import Feedback, Tone
from tests.gui.helpers import wait_idle

ROOT = Path(__file__).resolve().parents[2]
STATION_SCREENS = {  # the shell's screen key → the station of the key map
    "receive.station": "receive",
    "putaway.station": "putaway",
    "picking.station": "pick",
    "packing.station": "pack",
    "shipping.gate": "gate",
}
EVERYWHERE = ("show_help", "send_again", "clear")


def open_station(qtbot, make_ctx, key: str, role: str = "supervisor"):
    from ui.shell import load_all
    from ui.shell.registry import SCREENS
    from ui.widgets.sound import SoundPlayer

    load_all()
    ctx = make_ctx(role)
    SoundPlayer(ctx, enabled=False).setObjectName("station_sounds")
    screen = SCREENS[key].factory(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(screen.isActiveWindow, timeout=30_000)  # the keys are the active window's
    screen.scan_bar.setFocus()
    return screen


def press(qtbot, screen, key: str) -> None:
    sequence = QKeySequence(key)[0]
    QTest.keyClick(screen.scan_bar, sequence.key(), sequence.keyboardModifiers())


def test_the_key_map_names_only_stations_it_knows_and_one_key_per_action():
    keys = [k.key for k in STATION_KEYS]
    assert len(keys) == len(set(keys)) and len({k.action for k in STATION_KEYS}) == len(keys)
    assert all(set(k.stations) <= set(STATIONS) for k in STATION_KEYS)
    assert all(set(c.stations) <= set(STATIONS) for c in STATION_COMMANDS)
    fixed = {k.key: k.action for k in STATION_KEYS}
    assert fixed["F1"] == "show_help" and fixed["F4"] == "undo" and fixed["F5"] == "send_again"
    assert fixed["Esc"] == "clear"


def test_no_screen_builds_a_scan_station_of_its_own():
    """Only the one base makes a scan bar for a station (the pull screen is the pack station's stop dialog)."""
    allowed = {"ui/widgets/station.py", "ui/widgets/scan_bar.py", "ui/outbound/pull_screen.py"}
    makers = set()
    for path in (ROOT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ScanBar":
                makers.add(str(path.relative_to(ROOT)))
            if isinstance(node, ast.ClassDef) and node.name == "StationScreen":
                makers.add(str(path.relative_to(ROOT)))
    assert makers <= allowed and "ui/widgets/station.py" in makers
    assert not (ROOT / "ui/inbound/station_base.py").exists() and not (ROOT / "ui/outbound/station.py").exists()


@pytest.mark.parametrize("key", list(STATION_SCREENS))
def test_every_station_is_the_one_base_and_each_key_calls_its_action(key, qtbot, make_ctx, monkeypatch):
    from ui.widgets.station import StationScreen

    screen = open_station(qtbot, make_ctx, key)
    assert isinstance(screen, StationScreen) and type(screen).__bases__ == (StationScreen,)
    assert screen.area == STATION_SCREENS[key]
    called: list[str] = []
    said: list = []
    screen.sig_feedback.connect(said.append)
    for k in STATION_KEYS:
        monkeypatch.setattr(screen, k.action, lambda action=k.action: called.append(action))
    for k in STATION_KEYS:
        called.clear()
        said.clear()
        screen.scan_bar.setFocus()
        press(qtbot, screen, k.key)
        # each key either calls its action or says it does nothing here: wait for whichever (an event, not 2 s)
        qtbot.waitUntil(lambda: bool(called or said))
        if k.action in EVERYWHERE or screen.area in k.stations:
            assert called == [k.action], k.key
            own = getattr(type(screen), k.action) is not getattr(StationScreen, k.action)
            assert own or k.action in (*EVERYWHERE, "undo"), f"{key} gives {k.key} no meaning of its own"
        else:
            assert called == [], k.key
            assert [fb.code for fb in said] == ["station.key_unused"]
            assert said[0].params["key"] == k.key
            assert k.key in screen.banner.message.text()


@pytest.mark.parametrize("key", list(STATION_SCREENS))
def test_f4_undoes_with_the_undo_command_where_the_station_has_an_undo(key, qtbot, make_ctx, monkeypatch):
    screen = open_station(qtbot, make_ctx, key)
    sent: list[str] = []
    monkeypatch.setattr(screen, "submit", lambda raw, scan_id=None, station=None: sent.append(raw))
    screen.station = screen.station or object()
    if STATION_SCREENS[key] == "pack":
        screen.order = object()  # a parcel being checked
    screen.scan_bar.setFocus()
    press(qtbot, screen, "F4")
    takes_undo = any(c.barcode == "CMD:UNDO" and screen.area in c.stations for c in STATION_COMMANDS)
    assert sent == (["CMD:UNDO"] if takes_undo else [])
    if not takes_undo and not screen.uses("undo"):
        assert screen.last_feedback.code == "station.key_unused"
    elif not takes_undo:  # F4 of its own, no scan (the gate: a supervisor takes a loaded parcel off the vehicle)
        assert screen.last_feedback is not None and screen.last_feedback.code != "station.key_unused"


class Flaky:
    """A workflow whose first scan finds the database gone; every scan id it was given is kept."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.state = "before"

    def scan(self, raw: str, scan_id: str | None = None) -> Feedback:
        from sqlalchemy.exc import OperationalError

        self.ids.append(scan_id or "")
        if len(self.ids) == 1:
            self.state = "half-done"
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        return Feedback(Tone.OK, "ok", f"took {raw}")


@pytest.mark.parametrize("key", list(STATION_SCREENS))
def test_f5_sends_again_with_the_capture_time_scan_id_on_every_station(key, qtbot, make_ctx, monkeypatch):
    screen = open_station(qtbot, make_ctx, key)
    workflow = Flaky()
    screen.station = workflow
    monkeypatch.setattr(screen, "after_scan", lambda station, raw, fb: None)
    monkeypatch.setattr(screen, "shown", lambda station, fb, extra: None)
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as failed:
        screen.submit("]C012345678", "id-made-at-capture")
    assert failed.args[0].code == "station.not_saved" and failed.args[0].tone == Tone.ERROR
    assert screen.retry_button.isVisible() and screen.banner.tone == "error"
    assert workflow.state == "before"  # the station is as it was before the scan that failed
    assert screen.banner.message.text().startswith("The database did not answer")
    screen.scan_bar.setFocus()
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as again:
        press(qtbot, screen, "F5")
    wait_idle(qtbot, screen.ctx)
    assert again.args[0].code == "ok" and workflow.ids == ["id-made-at-capture", "id-made-at-capture"]
    assert not screen.retry_button.isVisible()


def test_esc_clears_the_scan_bar_first_then_the_task_in_hand(qtbot, make_ctx, monkeypatch):
    screen = open_station(qtbot, make_ctx, "putaway.station")
    sent: list[str] = []
    monkeypatch.setattr(screen, "submit", lambda raw, scan_id=None, station=None: sent.append(raw))
    QTest.keyClicks(screen.scan_bar, "half a scan")
    QTest.keyClick(screen.scan_bar, Qt.Key.Key_Escape)
    assert screen.scan_bar.text() == "" and sent == []
    QTest.keyClick(screen.scan_bar, Qt.Key.Key_Escape)
    assert sent == ["CMD:UNDO"]  # the goods in hand are forgotten, as the command barcode does


def test_f1_shows_this_stations_keys_and_commands(qtbot, make_ctx):
    screen = open_station(qtbot, make_ctx, "receive.station")
    press(qtbot, screen, "F1")
    qtbot.waitUntil(lambda: screen.help is not None and screen.help.isVisible(), timeout=30_000)
    rows = {r["key"]: r for r in screen.help.model.rows}
    assert set(rows) == {k.key for k in STATION_KEYS}
    assert rows["F4"]["name"] == "Undo" and rows["F4"]["here"] == "Undo last scan"
    assert rows["F7"]["here"].startswith("—")  # nothing at the receive station
    assert "CMD:DAMAGED" in screen.help.commands.text() and "CMD:SHORT" not in screen.help.commands.text()
    screen.help.close()
