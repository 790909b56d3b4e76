"""The pick and gate stations' banner says what to scan first, as the other stations' do: it was a blank white area
until the first scan (and again at the pick station after F2 left a wave)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.outbound.gui.helpers import press, shown
from ui.outbound.gate_screen import GateScreen
from ui.outbound.pick_screen import PickScreen

STATIONS = [(PickScreen, "scan_wave", "Scan the wave or choose it above, then each location and every unit",
             "请扫描波次或在上方选择，再扫描每个库位和每件商品"),
            (GateScreen, "scan_manifest", "Scan the manifest or gate pass, then each parcel",
             "请先扫描交接单或核放单，再逐个扫描包裹")]


@pytest.mark.parametrize(("station", "code", "english", "chinese"), STATIONS, ids=["pick", "gate"])
def test_the_idle_banner_says_what_to_scan_first(make_ctx, qtbot, db, silent, gui_app, station, code, english,
                                                 chinese):
    from ui.i18n import Translations

    screen = shown(qtbot, station(make_ctx("clerk"), sounds=silent))
    assert screen.last_feedback.code == code and screen.banner.tone == "prompt"
    assert english in screen.banner.message.text()
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        qtbot.waitUntil(lambda: chinese in screen.banner.message.text())
    finally:
        translations.switch("en")
    qtbot.waitUntil(lambda: english in screen.banner.message.text())


def test_leaving_a_wave_says_what_to_scan_again(make_ctx, qtbot, db, silent):
    screen = shown(qtbot, PickScreen(make_ctx("clerk"), sounds=silent))
    assert press(qtbot, screen, Qt.Key.Key_F2).code == "scan_wave"  # the banner was cleared to blank
    assert "Scan the wave or choose it above" in screen.banner.message.text()
