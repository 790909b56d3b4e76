"""Allocation and waves (job with progress, waiting reasons, pick list) and the pick station, driven by keyboard."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.persistence.models import ConsumerOrder, PickTask, Wave
from tests.gui.helpers import press_key, wait_idle
from tests.outbound.gui.helpers import Delivered, pdf_text, press, scan, shown
from tests.outbound.helpers import all_waves, pick_scans
from ui.outbound.pick_screen import PickScreen
from ui.outbound.waves_screen import WavesScreen
from ui.shell import load_all
from ui.shell.registry import visible_screens
from ui.widgets import document_preview as documents


def test_each_role_sees_its_outbound_screens(gui_app):
    load_all()

    def keys(role: str) -> set[str]:
        return {s.key for _, specs in visible_screens(role) for s in specs if s.key.split(".")[0] in
                ("picking", "packing", "shipping", "reports")}

    assert {"picking.station", "packing.station", "shipping.gate"} <= keys("clerk")
    assert not {"picking.waves", "shipping.manifests", "reports.trace"} & keys("clerk")
    assert {"picking.waves", "shipping.manifests", "reports.trace"} <= keys("supervisor")
    assert "reports.trace" in keys("customs") and not {"picking.station", "packing.station"} & keys("customs")


def test_allocation_runs_as_a_job_then_shows_waves_tasks_and_the_pick_list(make_ctx, qtbot, released, monkeypatch):
    delivered = Delivered()
    monkeypatch.setattr(documents, "deliver", delivered)
    ctx = make_ctx("supervisor")
    screen = shown(qtbot, WavesScreen(ctx))
    qtbot.waitUntil(lambda: screen.board.total == 63, timeout=10_000)  # released, none allocated yet
    assert screen.board.row_at(0)[3] == "released" and screen.wave_numbers() == []
    qtbot.keyClick(screen.board_view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: screen.report is not None, timeout=30_000)
    wait_idle(qtbot, ctx)
    assert screen.report.allocated == 63 and not screen.report.waiting
    assert screen.summary.text().startswith("63 orders allocated (147 units), 0 waiting")
    assert screen.view_choice.currentData() == "allocated"
    qtbot.waitUntil(lambda: screen.board.total == 63 and len(screen.wave_numbers()) == len(screen.report.waves))
    assert sorted(screen.wave_numbers()) == sorted(screen.report.waves)
    wave = screen.wave_numbers()[0]
    qtbot.waitUntil(lambda: screen.tasks.rowCount() > 0, timeout=10_000)
    assert screen.tasks_label.text() == f"Pick tasks of {wave} in walk order"
    press_key(qtbot, screen.waves, Qt.Key.Key_F8)  # the screen's key, after the allocation's dialog if it showed
    qtbot.waitUntil(lambda: len(delivered.documents) == 1, timeout=30_000)
    title, pdf = delivered.documents[0]
    assert title == f"Pick list {wave}" and pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert wave in text and screen.tasks.item(0, 0).text() in text


def test_a_cancelled_allocation_changes_nothing(make_ctx, qtbot, released):
    ctx = make_ctx("supervisor")
    screen = shown(qtbot, WavesScreen(ctx))
    screen.run_allocation()
    screen.job.cancel()  # the user pressed Cancel while it ran
    qtbot.waitUntil(lambda: screen.allocate_button.isEnabled(), timeout=30_000)
    wait_idle(qtbot, ctx)
    assert screen.report is None and screen.summary.text() == "Allocation cancelled: nothing was changed."
    with released.sessions() as s:
        assert s.scalar(select(Wave.id).limit(1)) is None
        assert set(s.scalars(select(ConsumerOrder.status))) == {"released"}


def test_the_pick_station_walks_a_wave_by_scans(make_ctx, qtbot, allocated, silent):
    wave = next(w for w in all_waves(allocated, "open") if len({t["location"] for t in w["tasks"]}) > 1)
    screen = shown(qtbot, PickScreen(make_ctx("clerk"), sounds=silent))
    assert wave["wave"] in screen.wave_numbers()
    assert scan(qtbot, screen, "W999999").code == "unknown_wave" and screen.banner.tone == "error"
    chosen = scan(qtbot, screen, wave["wave"])
    first = wave["tasks"][0]
    assert chosen.code == "wave_chosen" and screen.banner.tone == "prompt"
    assert screen.where.text() == f"Go to {first['location']}"
    assert first["sku"] in screen.what.text() and first["batch"] in screen.what.text()
    assert scan(qtbot, screen, first["gtin"]).code == "location_first"
    other = next(t["location"] for t in wave["tasks"] if t["location"] != first["location"])
    wrong = scan(qtbot, screen, f"LOC:{other}-X")
    assert wrong.tone == "error" and screen.banner.tone == "error"
    for raw in pick_scans(wave):
        fb = scan(qtbot, screen, raw)
        assert fb.tone != "error", fb.text
        if raw.startswith("LOC:"):
            assert screen.where.text() == f"At {raw[4:]}"
    assert fb.code == "picked" and screen.banner.message.text().endswith("is done")
    assert screen.where.text() == f"Wave {wave['wave']} is fully picked"
    with allocated.sessions() as s:
        assert s.scalar(select(Wave.status).where(Wave.wave_no == wave["wave"])) == "picked"
        statuses = set(s.scalars(select(PickTask.status).join(Wave).where(Wave.wave_no == wave["wave"])))
    assert statuses == {"picked"}


def test_a_short_pick_takes_f6_twice_and_speaks_the_users_language(make_ctx, qtbot, allocated, silent, gui_app):
    from ui.i18n import Translations

    wave = all_waves(allocated, "open")[0]
    screen = shown(qtbot, PickScreen(make_ctx("clerk"), sounds=silent))
    screen.wave_choice.setCurrentIndex(screen.wave_choice.findData(wave["wave"]))
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000):
        screen.wave_choice.activated.emit(screen.wave_choice.currentIndex())
    assert press(qtbot, screen, Qt.Key.Key_F6).code == "location_first"
    location = wave["tasks"][0]["location"]
    scan(qtbot, screen, f"LOC:{location}")
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        armed = press(qtbot, screen, Qt.Key.Key_F6)
        assert armed.code == "short_armed" and screen.banner.tone == "warn"
        assert location in screen.banner.message.text() and "F6" in screen.banner.message.text()
        assert screen.banner.tone_label.text() == "请核对"
        short = press(qtbot, screen, Qt.Key.Key_F6)
        assert short.code == "short_pick" and short.tone == "warn"
        assert screen.banner.message.text().startswith(f"缺货：{location}")
        # each order's outcome too (re-allocated, or waiting and why): no English word, only numbers and codes
        words = re.sub(r"\S*\d\S*", "", screen.banner.message.text())
        assert not re.search(r"[A-Za-z]{2,}", words), screen.banner.message.text()
    finally:
        translations.switch("en")
    with allocated.sessions() as s:
        assert s.scalar(select(PickTask.short).join(Wave).where(Wave.wave_no == wave["wave"])
                        .order_by(PickTask.short.desc()).limit(1)) > 0


def test_in_chinese_why_an_order_waits_reads_in_chinese_an_old_wait_as_stored(make_ctx, qtbot, allocated, gui_app):
    """After a short pick the order waits; the Chinese order board says why in Chinese from the wait's values (the
    CLI's JSON keeps the English reason); a wait stored before its values were kept shows its stored sentence."""
    import re

    from sqlalchemy import update

    from app.outbound.allocation import waiting_orders
    from app.outbound.pick_station import PickStation
    from app.persistence.models import OrderWait
    from app.persistence.uow import UnitOfWork, UnitsOfWork
    from tests.conftest import actor
    from ui.i18n import Translations

    def board() -> dict[str, str]:
        model = screen.board
        return {model.index(r, 0).data(): model.index(r, 5).data() for r in range(model.rowCount())}

    waves = all_waves(allocated, "open")
    shorted = []
    for sku in ("LAMER-60",):
        wave = next(w for w in waves if any(t["sku"] == sku for t in w["tasks"]))
        task = next(t for t in wave["tasks"] if t["sku"] == sku)
        station = PickStation(UnitsOfWork(allocated, actor("clerk")), wave["wave"])
        station.scan(f"LOC:{task['location']}")
        assert station.scan("CMD:SHORT").code == "short_pick"  # no other LAMER-60: the order waits
        shorted.append(task["order_no"])
    with UnitOfWork(allocated, actor("supervisor"), write=False) as uow:
        english = {w["order_no"]: w["reason"] for w in waiting_orders(uow)}
    assert set(english) == set(shorted) and all(r.startswith("no LAMER-60 free") for r in english.values())
    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    try:
        screen = shown(qtbot, WavesScreen(make_ctx("supervisor")))
        screen.view_choice.setCurrentIndex(0)  # waiting for stock
        qtbot.waitUntil(lambda: screen.board.total == len(shorted), timeout=10_000)
        why = board()
        assert set(why) == set(shorted)
        for order_no, text in why.items():
            assert text != english[order_no] and re.search(r"[\u4e00-\u9fff]", text), text
            assert not re.search(r"[A-Za-z]{2,}", text.replace("LAMER-60", "")), text
        with UnitOfWork(allocated, actor("admin")) as uow:  # a wait stored before revision 0018
            uow.session.execute(update(OrderWait).values(params=None))
            uow.commit()
        screen.refresh()
        qtbot.waitUntil(lambda: set(board().values()) == set(english.values()),
                        timeout=10_000)
    finally:
        translations.switch("en")
