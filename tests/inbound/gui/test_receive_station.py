"""The receive station by keyboard: choose the declaration, type carton scans into the scan bar, commands,
a bad barcode, close; the banner, the tally table and the database agree."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.persistence.models import ScanEvent, TallyCount
from app.stations import Tone
from tests.gui.helpers import wait_idle
from tests.inbound.conftest import DECLARATION, sample_scans
from tests.inbound.gui.conftest import scan_and_wait
from tests.inbound.helpers import A2P, carton
from ui.inbound.receive_station import ReceiveStationScreen


@pytest.fixture
def station(qtbot, station_ctx, declared):
    ctx = station_ctx("clerk")
    screen = ReceiveStationScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 800)
    screen.show()
    wait_idle(qtbot, ctx)
    return screen


def _row(screen, line_no: int):
    return next(r for r in screen.model.rows if r.line_no == line_no and not r.unexpected)


def test_scanning_the_declaration_number_then_cartons_counts_them(station, qtbot, uow_as):
    assert station.banner.tone == Tone.PROMPT
    assert DECLARATION in station.known and station.station is None
    station.take("]C0" + DECLARATION, "x")  # the tally report's declaration barcode (Code 128)
    wait_idle(qtbot, station.ctx)
    assert station.station.declaration_no == DECLARATION
    assert station.model.rowCount() == 11 and "MSKU8541208" in station.head_label.text()
    first = sample_scans()[0]
    fb = scan_and_wait(qtbot, station, first)
    assert fb.tone == Tone.OK and fb.code == "counted"
    line = fb.params["line_no"]
    assert station.banner.message.text().startswith(f"{fb.params['sku']} batch {fb.params['batch']}: "
                                                    f"+{fb.params['quantity']} on line {line}.")
    assert "still expected" in station.banner.message.text()
    assert _row(station, line).received == fb.params["quantity"]
    with uow_as("clerk", write=False) as uow:
        assert uow.session.execute(select(func.sum(TallyCount.received))).scalar() == fb.params["quantity"]


def _chosen(station, qtbot):
    station.choose_declaration(DECLARATION)
    wait_idle(qtbot, station.ctx)
    assert station.station is not None
    return station


def test_damaged_next_undo_and_bad_barcodes(station, qtbot, uow_as):
    _chosen(station, qtbot)
    good = carton(A2P, "A2P43432", 12)
    assert scan_and_wait(qtbot, station, good).code == "counted"
    prompt = scan_and_wait(qtbot, station, "CMD:DAMAGED")
    assert prompt.tone == Tone.PROMPT and station.banner.tone == Tone.PROMPT
    assert station.banner.message.text() == "The next carton scanned is counted as DAMAGED"
    assert station.mode.text() == "Next carton: DAMAGED"
    damaged = scan_and_wait(qtbot, station, good)
    assert damaged.params["damaged"] is True and "DAMAGED on line 1" in station.banner.message.text()
    assert (_row(station, 1).received, _row(station, 1).damaged) == (12, 12)
    assert station.mode.text() == ""
    undone = scan_and_wait(qtbot, station, "CMD:UNDO")
    assert undone.code == "undone" and station.banner.message.text().startswith("Undone: −12 damaged A2P-900")
    assert (_row(station, 1).received, _row(station, 1).damaged) == (12, 0)
    bad_digit = scan_and_wait(qtbot, station, "9300000010378")  # A2P's GTIN with a wrong check digit
    assert bad_digit.tone == Tone.ERROR and station.banner.tone == Tone.ERROR
    assert station.banner.message.text().startswith("Wrong check digit")
    assert "#c62828" in station.banner.styleSheet()  # red
    unknown = scan_and_wait(qtbot, station, "HELLO-WORLD")
    assert unknown.code == "unknown_barcode" and station.banner.tone == Tone.ERROR
    assert _row(station, 1).received == 12
    assert station.totals.text() == "Expected 2580 · received 12 · damaged 0 · short 2568 · over 0"
    with uow_as("clerk", write=False) as uow:
        outcomes = uow.session.execute(select(ScanEvent.outcome, func.count()).group_by(ScanEvent.outcome)).all()
        assert dict(outcomes) == {"accepted": 2, "undone": 1, "rejected": 2}  # UNDO itself is logged accepted
        assert uow.session.execute(select(TallyCount.received, TallyCount.damaged)).one() == (12, 0)


def test_function_keys_give_the_commands(station, qtbot):
    from PySide6.QtCore import Qt

    _chosen(station, qtbot)
    with qtbot.waitSignal(station.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClick(station.scan_bar, Qt.Key.Key_F4)
    assert blocker.args[0].code == "nothing_to_undo"
    assert station.banner.message.text() == "Nothing to undo: this station has no counted scan on this declaration"
    with qtbot.waitSignal(station.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClick(station.scan_bar, Qt.Key.Key_F6)
    assert blocker.args[0].code == "damaged_next" and station.mode.text() == "Next carton: DAMAGED"
    wait_idle(qtbot, station.ctx)


def test_a_scan_sent_again_is_not_counted_twice(station, qtbot):
    _chosen(station, qtbot)
    raw = carton(A2P, "A2P43432", 12)
    for _ in range(2):
        with qtbot.waitSignal(station.sig_feedback, timeout=20_000):
            station.submit(raw, "scan-id-made-at-capture")
    wait_idle(qtbot, station.ctx)
    assert station.last_feedback.params.get("replayed") is True
    assert station.banner.message.text().startswith("Already scanned")
    assert _row(station, 1).received == 12


def test_when_the_database_does_not_answer_f5_sends_the_scan_again(station, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from sqlalchemy.exc import OperationalError

    _chosen(station, qtbot)
    workflow = station.station
    real_scan = type(workflow).scan
    calls = []

    def flaky(self, raw, scan_id=None):
        calls.append(scan_id)
        if len(calls) == 1:
            self.damaged_next = False  # as the real scan does before it reaches the database
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        return real_scan(self, raw, scan_id)

    scan_and_wait(qtbot, station, "CMD:DAMAGED")
    monkeypatch.setattr(type(workflow), "scan", flaky)
    failed = scan_and_wait(qtbot, station, carton(A2P, "A2P43432", 12))
    assert failed.tone == Tone.ERROR and station.retry_button.isVisible()
    assert station.banner.message.text().startswith("The database did not answer")
    assert workflow.damaged_next is True  # the station is as it was before the scan
    with qtbot.waitSignal(station.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClick(station.scan_bar, Qt.Key.Key_F5)
    wait_idle(qtbot, station.ctx)
    assert blocker.args[0].code == "counted" and blocker.args[0].params["damaged"] is True
    assert calls[0] == calls[1]  # the same scan id both times
    assert (_row(station, 1).received, _row(station, 1).damaged) == (0, 12)
    assert not station.retry_button.isVisible()


def test_the_banner_speaks_chinese(station, qtbot, gui_app):
    from ui.i18n import Translations

    _chosen(station, qtbot)
    translations = Translations(gui_app)
    try:
        translations.switch("zh_CN")
        scan_and_wait(qtbot, station, carton(A2P, "A2P43432", 12))
        text = station.banner.message.text()
        assert "A2P-900" in text and "A2P43432" in text and "108" in text and text != station.last_feedback.text
        assert station.title.text() == "收货工位"
    finally:
        translations.release()
    assert station.banner.message.text().startswith("A2P-900 batch A2P43432: +12 on line 1.")


def test_a_wedge_burst_anywhere_on_the_screen_is_a_scan(station, qtbot):
    from PySide6.QtCore import Qt

    _chosen(station, qtbot)
    station.view.setFocus()  # the clerk clicked the table; the scanner types on
    with qtbot.waitSignal(station.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClicks(station.view, "9300000010377")  # A2P-900's GTIN, one unit
        qtbot.keyClick(station.view, Qt.Key.Key_Return)
    wait_idle(qtbot, station.ctx)
    assert blocker.args[0].code == "counted" and blocker.args[0].params["quantity"] == 1
    assert _row(station, 1).received == 1 and station.scan_bar.text() == ""


def test_a_scan_is_broadcast_once_with_the_areas_its_workflow_touched(station, qtbot):
    """The station's workflow opens its unit of work from the context; the context broadcasts once per job."""
    from app.persistence.uow import Area

    _chosen(station, qtbot)
    seen = []
    station.ctx.sig_changes_applied.connect(seen.append)
    with qtbot.waitSignal(station.ctx.sig_changes_applied, timeout=10_000) as blocker:
        fb = scan_and_wait(qtbot, station, sample_scans()[0])
    wait_idle(qtbot, station.ctx)
    assert fb.code == "counted"
    assert len(seen) == 1 and seen[0] is blocker.args[0]
    assert Area.TALLY in seen[0].areas
