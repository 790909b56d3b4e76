"""The sample container end to end in the GUI: the clerk opens the receive station from the declarations
screen, types scans (a subset, one carton damaged, a bad barcode), closes the tally (the tally report opens);
the clerk has no Release button and the service refuses him anyway; the supervisor releases; put-away refuses
held stock, then moves a carton to its suggestion, and the supervisor accepts the rest; the ledger shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.persistence.models import CustomsLedgerEntry, InboundDeclaration, Location, Stock
from app.stations import Tone
from tests.gui.helpers import wait_idle
from tests.inbound.conftest import DECLARATION, sample_scans
from tests.inbound.gui.conftest import scan_and_wait
from ui.customs.ledger import LedgerScreen
from ui.inbound.declarations import DeclarationsScreen
from ui.inbound.putaway_station import PutawayStationScreen
from ui.main_window import MainWindow
from ui.shell import load_all
from ui.widgets.document_preview import DocumentPreview


def _visible(kind: type, name: str):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.objectName() == name
             and w.isVisible()]
    return found[-1] if found else None


def _status(uow_as) -> str:
    with uow_as("clerk", write=False) as uow:
        return uow.session.execute(select(InboundDeclaration.status)).scalar_one()


def _receive_as_clerk(qtbot, station_ctx, uow_as):
    load_all()
    window = MainWindow(station_ctx("clerk"), "en")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    declarations = window.open_screen("receive.declarations")
    wait_idle(qtbot, window.ctx)
    assert declarations.model.rowCount() == 1 and "release" not in declarations.buttons
    assert declarations.flow.text().startswith("<b><u>expected</u></b> → tallying")
    declarations.view.setFocus()
    qtbot.keyClick(declarations.view, Qt.Key.Key_Return)  # Enter or F5: the receive station, declaration chosen
    station = window.stack.currentWidget()
    wait_idle(qtbot, window.ctx)
    assert station is window.screens["receive.station"] and station.station.declaration_no == DECLARATION
    scans = sample_scans()[:12]
    for raw in scans[:-1]:
        assert scan_and_wait(qtbot, station, raw).tone == Tone.OK
    assert scan_and_wait(qtbot, station, "CMD:DAMAGED").tone == Tone.PROMPT
    assert scan_and_wait(qtbot, station, scans[-1]).params["damaged"] is True
    assert scan_and_wait(qtbot, station, "]C10109300000010378").tone == Tone.ERROR  # bad check digit
    assert station.banner.tone == Tone.ERROR
    counted = sum(r.received + r.damaged for r in station.model.rows)
    closed = scan_and_wait(qtbot, station, "CMD:CLOSE")
    assert closed.code == "tally_closed" and "closed" in station.banner.message.text()
    qtbot.waitUntil(lambda: _visible(DocumentPreview, "document_preview") is not None, timeout=20_000)
    preview = _visible(DocumentPreview, "document_preview")
    assert preview.doc.kind == "tally-report" and preview.doc.pages and preview.doc.pdf.startswith(b"%PDF")
    preview.close()
    assert _status(uow_as) == "tallied"
    return window, declarations, counted


def _release_refused_for_the_clerk(qtbot, declarations, uow_as) -> None:
    declarations.release(DECLARATION)  # no button for the clerk; the service refuses anyway
    qtbot.waitUntil(lambda: _visible(QMessageBox, "error_dialog") is not None, timeout=10_000)
    refused = _visible(QMessageBox, "error_dialog")
    assert refused.text() == "Your role (clerk) may not release customs entries. Nothing was changed."
    refused.close()
    assert _status(uow_as) == "tallied"


def _release_as_supervisor(qtbot, supervisor, uow_as) -> DeclarationsScreen:
    """(The screen is returned: a top-level widget lives as long as a Python reference to it.)"""
    office = DeclarationsScreen(supervisor)
    qtbot.addWidget(office)
    with qtbot.waitActive(office):
        office.show()
        office.activateWindow()
    wait_idle(qtbot, supervisor)
    office.view.setFocus()
    assert office.buttons["release"].isEnabled()
    qtbot.keyClick(office.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    box = _visible(QMessageBox, "confirm_release")
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, supervisor)
    assert office.message.text().startswith(f"Declaration {DECLARATION} released: ")
    assert _status(uow_as) == "released"
    return office


def _accept_all_as_supervisor(qtbot, supervisor) -> PutawayStationScreen:
    boss = PutawayStationScreen(supervisor)
    qtbot.addWidget(boss)
    boss.show()
    wait_idle(qtbot, supervisor)
    with qtbot.waitSignal(boss.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClick(boss.scan_bar, Qt.Key.Key_F9)
    wait_idle(qtbot, supervisor)
    assert blocker.args[0].tone == Tone.OK and boss.banner.message.text().endswith("0 not placed")
    return boss


def test_the_sample_container_through_the_gui(qtbot, station_ctx, declared, uow_as):
    window, declarations, counted = _receive_as_clerk(qtbot, station_ctx, uow_as)
    _release_refused_for_the_clerk(qtbot, declarations, uow_as)
    putaway = window.open_screen("putaway.station")
    wait_idle(qtbot, window.ctx)
    held = scan_and_wait(qtbot, putaway, sample_scans()[0])
    assert held.code == "on_hold" and putaway.banner.tone == Tone.ERROR
    assert "is on inspection hold: declaration QD292126I000000123 is not released by customs yet" in \
        putaway.banner.message.text()

    supervisor = station_ctx("supervisor")
    office = _release_as_supervisor(qtbot, supervisor, uow_as)
    putaway.refresh()
    wait_idle(qtbot, window.ctx)
    goods = scan_and_wait(qtbot, putaway, sample_scans()[0])
    assert goods.tone == Tone.PROMPT and putaway.suggestion.text() == goods.params["suggested"] == "A-01-01"
    moved = scan_and_wait(qtbot, putaway, "LOC:A-01-01")
    assert moved.code == "put_away" and putaway.suggestion.text() == "✓ A-01-01"
    assert putaway.banner.message.text().startswith(f"{goods.params['quantity']} × A2P-900 batch A2P43432 moved")

    boss = _accept_all_as_supervisor(qtbot, supervisor)
    with uow_as("clerk", write=False) as uow:
        staged = uow.session.execute(select(Stock.id).join(Location, Location.id == Stock.location_id)
                                     .where(Location.kind.in_(("inspection", "dock")))).all()
        entered = sum(uow.session.execute(select(CustomsLedgerEntry.quantity)).scalars())
    assert staged == [] and entered == counted and _status(uow_as) == "put_away"
    ledger = window.open_screen("ledger.balances")
    wait_idle(qtbot, window.ctx)
    assert isinstance(ledger, LedgerScreen)
    assert sum(r.entered for r in ledger.model.rows) == counted == sum(r.balance for r in ledger.model.rows)
    wait_idle(qtbot, supervisor)  # the supervisor's screens followed the change
    assert office.model.index(0, 1).data() == "put away" and boss.waiting.rowCount() == 0
    office.refresh()
    wait_idle(qtbot, supervisor)
    assert office.buttons["close_entry"].isEnabled()
    office.buttons["close_entry"].click()  # the supervisor closes the entry: the last step of its flow
    wait_idle(qtbot, supervisor)
    assert _status(uow_as) == "closed" and office.message.text().endswith("closed.")
