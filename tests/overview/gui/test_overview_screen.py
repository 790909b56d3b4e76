"""The overview screen: the first screen of every role, its figures equal to `bwms status --json` and to what
the list screens count, each figure opening its list, the alert badge, content by role, Chinese, the guide."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.domain.order_flow import FLOW_STAGES
from tests.gui.helpers import wait_idle
from tests.overview.test_status_and_alerts import _without_clock
from ui.main_window import MainWindow
from ui.orders.orders_screen import TABS
from ui.shell import load_all

pytestmark = pytest.mark.gui


def _window(make_ctx, qtbot, role: str) -> MainWindow:
    load_all()
    window = MainWindow(make_ctx(role), "en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    overview = window.screens["overview"]
    qtbot.waitUntil(lambda: bool(overview.figures), timeout=10_000)
    wait_idle(qtbot, window.ctx)
    return window


def test_the_overview_opens_first_and_counts_what_the_lists_count(day, make_ctx, qtbot, cli):
    window = _window(make_ctx, qtbot, "supervisor")
    overview = window.screens["overview"]
    assert window.entries[0] == "overview" and window.stack.currentWidget() is overview
    code, out, _ = cli("status", "--json", user="supervisor")
    assert code == 0
    assert _without_clock(json.loads(json.dumps(overview.figures, default=str))) == _without_clock(json.loads(out))
    for stage in FLOW_STAGES:
        assert overview.tiles[f"orders.{stage}"].number.text() == str(overview.figures["orders"][stage])
    # the badge: the alert count beside the overview's entry
    count = len(overview.alerts)
    assert count == overview.figures["alerts"]["total"] >= 1
    assert window._item_for("overview").text(0).endswith(f"⚠ {count}")
    # a figure opens the list it counts, on its tab, and the list counts the same
    qtbot.mouseClick(overview.tiles["orders.allocated"], Qt.MouseButton.LeftButton)
    orders = window.screens["orders.list"]
    assert window.stack.currentWidget() is orders and TABS[orders.tabs.currentIndex()] == "allocated"
    qtbot.waitUntil(lambda: orders.model.total == overview.figures["orders"]["allocated"] == 59, timeout=10_000)
    qtbot.waitUntil(lambda: orders.counts.get("inspection") == 1, timeout=10_000)
    assert orders.tabs.tabText(TABS.index("allocated")) == "allocated (59)"
    wait_idle(qtbot, window.ctx)


def test_every_tiles_caption_fits_its_tile_at_1366x768(day, make_ctx, qtbot, gui_app):
    """A narrow tile's caption wrapped to a third line that was cut ('packed, not on a manifest': 3 lines)."""
    from ui.i18n import Translations

    window = _window(make_ctx, qtbot, "supervisor")
    window.show()
    qtbot.waitExposed(window)
    overview = window.screens["overview"]
    translations = Translations(gui_app)

    def cut() -> list[str]:
        out = []
        for name, tile in overview.tiles.items():
            if tile.isVisibleTo(overview) and tile.caption.heightForWidth(tile.caption.width()) > tile.caption.height():
                out.append(f"{name}: {tile.caption.text()!r} needs {tile.caption.heightForWidth(tile.caption.width())}"
                           f" px, has {tile.caption.height()}")
        return out

    try:
        for language in ("en", "zh_CN"):
            assert translations.switch(language)
            wait_idle(qtbot, window.ctx)
            overview.layout().activate()  # the tiles' relayout after the new captions
            qtbot.wait(0)
            assert not cut(), (language, cut())
    finally:
        translations.switch("en")


def test_each_role_sees_its_own_overview_in_its_language(day, make_ctx, qtbot, gui_app):
    clerk = _window(make_ctx, qtbot, "clerk").screens["overview"]
    customs = _window(make_ctx, qtbot, "customs").screens["overview"]
    assert "holds" not in clerk.boxes and "waves" in clerk.boxes
    assert "waves" not in customs.boxes and "holds" in customs.boxes
    assert set(customs.charts.views) == {"shipped_vs_released", "stock_by_status"}
    from ui.i18n import Translations

    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:
        assert customs.title.text() == "总览"
        assert customs.tiles["orders.released"].caption.text() == "已放行，待分配"
        assert customs.tiles["holds.inspection"].detail.text().startswith("最久")
        assert customs.boxes["alerts"].title() == "预警（1）：扣留过久 1"
    finally:
        translations.switch("en")


def test_the_guide_gives_each_role_the_stations_keys_in_its_language(gui_app):
    from app.domain.station_keys import STATION_KEYS
    from ui.help.guide import guide_html
    from ui.i18n import Translations

    clerk = guide_html("clerk")
    assert "Guide for the clerk" in clerk and all(k.meaning in clerk.replace("&#x27;", "'") for k in STATION_KEYS)
    assert "Keys at every scan station" not in guide_html("customs")
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:
        chinese = guide_html("supervisor")
        assert "主管使用指南" in chinese and all(k.meaning_zh in chinese for k in STATION_KEYS)
    finally:
        translations.switch("en")
