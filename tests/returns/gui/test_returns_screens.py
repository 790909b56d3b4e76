"""The returns screens driven by keyboard and clicks: a supervisor requests a return, the clerk receives it at
the return station (F6 damaged, F9 close), a supervisor requests a disposal of the damaged unit, customs approves
it, the supervisor executes it before a witness. BWMS_SCREENSHOTS=DIR saves each screen at 1366×768 in English
and Chinese (docs/screenshots/returns_*)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.customs.export import export_inventory_lists
from app.customs.receipts import apply_receipts
from tests.gui.helpers import wait_idle
from tests.outbound.conftest import run
from tests.outbound.gui.helpers import press, scan, shown
from tests.returns.conftest import shipped_orders
from ui.i18n import Translations
from ui.returns.disposal_screen import DisposalScreen
from ui.returns.receive_screen import ReturnStationScreen
from ui.returns.returns_screen import ReturnsScreen


def _snap(qtbot, screen, name: str) -> None:
    folder = os.environ.get("BWMS_SCREENSHOTS")
    if not folder:
        return
    screen.resize(1366, 768)
    translations = Translations(QApplication.instance())
    for language in ("en", "zh_CN"):
        assert translations.switch(language)
        wait_idle(qtbot, screen.ctx)
        qtbot.wait(50)
        screen.grab().save(str(Path(folder) / f"returns_{name}_{language}.png"))
    translations.release()


def test_request_receive_and_dispose_on_the_screens(make_ctx, qtbot, shipped, silent, tmp_path):
    order = shipped_orders(shipped)[1]
    returns = shown(qtbot, ReturnsScreen(make_ctx("supervisor")))
    assert returns.form.isVisibleTo(returns)
    qtbot.keyClicks(returns.order_no, order.order_no)
    returns.reason.setCurrentIndex(returns.reason.findData("damaged_in_transit"))
    qtbot.mouseClick(returns.request_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: returns.answer.text().startswith("Return RT"), timeout=20_000)
    return_no = returns.answer.text().split()[1]
    qtbot.waitUntil(lambda: returns.model.rowCount() == 1, timeout=20_000)
    assert returns.model.rows[0]["return"] == return_no and returns.model.rows[0]["days_left"] > 40
    assert not shown(qtbot, ReturnsScreen(make_ctx("clerk"))).form.isVisibleTo(returns)

    run(shipped, "supervisor", export_inventory_lists, tmp_path / "outbox")
    at = datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d%H%M%S000")
    (tmp_path / "r.csv").write_text(f"return_no,status,time,info\n{return_no},800,{at},ok\n", encoding="utf-8")
    run(shipped, "supervisor", apply_receipts, tmp_path / "r.csv")
    returns.refresh()
    wait_idle(qtbot, returns.ctx)
    _snap(qtbot, returns, "list")

    station = shown(qtbot, ReturnStationScreen(make_ctx("clerk")))
    station.banner.sounds = silent
    assert scan(qtbot, station, order.waybill_no).code == "parcel"
    assert station.parcel.text() == return_no and station.lines.rowCount() == 1
    assert press(qtbot, station, Qt.Key.Key_F6).code == "damaged_next"
    fb = scan(qtbot, station, order.lines[0].product.gtin)
    assert fb.code == "unit_damaged" and station.banner.tone == "ok", fb.text
    assert station.lines.rows[0]["damaged"] == 1
    _snap(qtbot, station, "station")
    closed = press(qtbot, station, Qt.Key.Key_F9)
    assert closed.code in ("parcel_closed", "parcel_short") and closed.params["status"] == "returned", closed.text

    batch = station.lines.rows[0]["batch"]
    disposal = shown(qtbot, DisposalScreen(make_ctx("supervisor")))
    assert disposal.form.isVisibleTo(disposal) and not disposal.approve_button.isVisibleTo(disposal)
    qtbot.keyClicks(disposal.lot, batch)
    disposal.reason.setCurrentIndex(disposal.reason.findData("damaged"))
    qtbot.mouseClick(disposal.request_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: disposal.model.rowCount() == 1, timeout=20_000)
    assert disposal.model.rows[0]["status"] == "requested" and not disposal.execute_button.isEnabled()
    officer = shown(qtbot, DisposalScreen(make_ctx("customs")))
    assert not officer.form.isVisibleTo(officer) and officer.approve_button.isEnabled()
    qtbot.mouseClick(officer.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: officer.model.rows and officer.model.rows[0]["status"] == "approved", timeout=20_000)
    disposal.refresh()
    qtbot.waitUntil(lambda: disposal.execute_button.isEnabled(), timeout=20_000)
    disposal.witnesses.setText("王伟，Li Na")  # typed with an input method (QTest types Latin keys only)
    qtbot.mouseClick(disposal.execute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: disposal.model.rows[0]["status"] == "executed", timeout=20_000)
    assert disposal.model.rows[0]["witnesses"] == ["王伟", "Li Na"] and disposal.record_button.isEnabled()
    _snap(qtbot, disposal, "disposal")


def test_the_returns_count_follows_the_language(make_ctx, qtbot, shipped):
    """The count under the filter is worded again after a language switch (it kept its English)."""
    returns = shown(qtbot, ReturnsScreen(make_ctx("supervisor")))
    qtbot.waitUntil(lambda: returns.count.text() == "0 of 0 returns shown", timeout=20_000)
    translations = Translations(QApplication.instance())
    try:
        assert translations.switch("zh_CN")
        qtbot.waitUntil(lambda: returns.count.text() == "显示 0 / 0 条退货")
    finally:
        translations.switch("en")
    qtbot.waitUntil(lambda: returns.count.text() == "0 of 0 returns shown")
