"""The counts screens driven by keyboard and clicks: a supervisor creates a count, the clerk counts blind at the
count station (a location not in the count refused, F4 undo, F9 close), the supervisor sees the variances and
approves them, the customs officer confirms; each role sees only its own buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.counts.conftest import gtin_of, stock_at
from tests.gui.helpers import wait_idle
from tests.outbound.conftest import fixed_today, home, stocked  # noqa: F401 - fixtures
from tests.outbound.gui.helpers import press, scan, shown
from ui.counts.count_station import CountStationScreen
from ui.counts.counts_screen import CountsScreen


def test_create_count_blind_close_approve_and_confirm_on_the_screens(make_ctx, qtbot, stocked, silent):
    before = stock_at(stocked, "B-01")
    office = shown(qtbot, CountsScreen(make_ctx("supervisor")))
    assert office.form.isVisibleTo(office) and not office.confirm_button.isVisibleTo(office)
    qtbot.keyClicks(office.scope, "B-01")
    qtbot.mouseClick(office.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: office.answer.text().startswith("Count 1 created: 2 locations"), timeout=20_000)
    qtbot.waitUntil(lambda: office.model.rowCount() == 1 and office.model.rows[0]["status"] == "open",
                    timeout=20_000)
    assert not office.approve_button.isEnabled() and office.close_button.isEnabled()

    station = shown(qtbot, CountStationScreen(make_ctx("clerk")))
    station.banner.sounds = silent
    wait_idle(qtbot, station.ctx)
    assert station.count_choice.findData(1) > 0  # the open count is offered
    station.start(1)
    fb = scan(qtbot, station, "LOC:A-01-01")
    assert fb.code == "not_in_count" and station.banner.tone == "error", fb.text
    assert scan(qtbot, station, "LOC:B-01-01").code == "location" and station.where.text() == "B-01-01"
    dyson = gtin_of(stocked, "DYS-HD15")
    for _ in range(3):
        fb = scan(qtbot, station, dyson)
        assert fb.code == "counted", fb.text
    assert str(before[("B-01-01", "DYS-HD15", "DYS48848")]) not in fb.text  # blind: never the book quantity
    assert press(qtbot, station, Qt.Key.Key_F4).code == "undone"
    assert station.lines.rows == [{"location": "B-01-01", "sku": "DYS-HD15", "batch": "", "counted": 2}]
    assert scan(qtbot, station, "LOC:B-01-02").code == "location"  # empty: the label alone
    closed = press(qtbot, station, Qt.Key.Key_F9)
    assert closed.code == "count_closed", closed.text

    office.refresh()
    qtbot.waitUntil(lambda: office.model.rows and office.model.rows[0]["status"] == "closed", timeout=20_000)
    qtbot.waitUntil(lambda: office.variances.rowCount() == 2, timeout=20_000)
    assert {(r["location"], r["difference"]) for r in office.variances.rows} == {("B-01-01", -46),
                                                                                ("B-01-02", -48)}
    assert office.approve_button.isEnabled() and office.recount_button.isEnabled()
    clerk = shown(qtbot, CountsScreen(make_ctx("clerk")))
    assert not clerk.approve_button.isVisibleTo(clerk) and not clerk.confirm_button.isVisibleTo(clerk)
    office.reason.setText("两件破损")
    qtbot.mouseClick(office.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: office.answer.text().startswith("Count 1 approved"), timeout=20_000)
    assert stock_at(stocked, "B-01") == {("B-01-01", "DYS-HD15", "DYS48848"): 2}

    customs = shown(qtbot, CountsScreen(make_ctx("customs")))
    assert customs.confirm_button.isVisibleTo(customs) and not customs.form.isVisibleTo(customs)
    qtbot.waitUntil(lambda: customs.confirm_button.isEnabled(), timeout=20_000)
    qtbot.mouseClick(customs.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: customs.model.rows and customs.model.rows[0]["status"] == "confirmed", timeout=20_000)
    assert customs.model.rows[0]["confirmed_by"] == "customs"


def test_the_station_names_its_open_counts_in_the_screens_language(make_ctx, qtbot, stocked, gui_app):
    """The chooser follows a language switch (it kept the English it was filled in), one location is singular,
    and a prefix reads as words, not as an elided 'B-01…'."""
    from app.counts import create_count
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor
    from ui.i18n import Translations

    with UnitOfWork(stocked, actor("supervisor")) as uow:
        create_count(uow, location_prefix="B-01")
        create_count(uow, location_prefix="A-01-01")
        uow.commit()
    station = shown(qtbot, CountStationScreen(make_ctx("clerk")))
    qtbot.waitUntil(lambda: station.count_choice.count() == 3, timeout=20_000)
    assert [station.count_choice.itemText(i) for i in (1, 2)] == ["1 · locations starting B-01 · 2 locations",
                                                                   "2 · locations starting A-01-01 · 1 location"]
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        qtbot.waitUntil(lambda: station.count_choice.itemText(1) == "1 · 以 B-01 开头的库位 · 2 个库位")
        assert station.count_choice.itemText(0) == "选择进行中的盘点单…"
    finally:
        translations.switch("en")
