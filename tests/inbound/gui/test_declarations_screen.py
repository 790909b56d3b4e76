"""The declarations screen: import (report, every bad row), what each role is offered, and the documents —
tally report and put-away list previewed and saved as PDF, carton labels sent to the label printer's queue."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.persistence.models import AuditEntry, PrintJob
from tests.conftest import DEMO
from tests.gui.helpers import wait_idle
from tests.inbound.conftest import DECLARATION, load_master_data, sample_scans
from tests.inbound.helpers import feed
from tests.inbound.helpers import station as receive_station
from ui.inbound.declarations import DeclarationsScreen
from ui.widgets.document_preview import DocumentPreview
from ui.widgets.error_dialog import RowErrorsDialog


def _top(kind: type, name: str):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.objectName() == name
             and w.isVisible()]
    return found[-1] if found else None


def _screen(qtbot, ctx):
    screen = DeclarationsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    wait_idle(qtbot, ctx)
    return screen


@pytest.fixture
def tallied(declared):
    """The sample container counted and closed at a station (the goods on inspection hold)."""
    st = receive_station(declared)
    feed(st, *sample_scans())
    assert st.scan("CMD:CLOSE").code == "tally_closed"
    return declared


def test_importing_a_declaration_and_refusing_it_twice(qtbot, station_ctx, db):
    load_master_data(db)
    ctx = station_ctx("supervisor")
    screen = _screen(qtbot, ctx)
    assert screen.model.rowCount() == 0 and screen.detail_title.text() == "No declaration yet: import one."
    with qtbot.waitSignal(screen.importer.sig_imported, timeout=20_000):
        screen.importer.import_path(DEMO / "declaration.csv")
    wait_idle(qtbot, ctx)
    box = _top(QMessageBox, "import_report")
    assert box.text() == "declaration.csv: 1 new, 0 changed, 0 unchanged."
    box.close()
    assert screen.model.rowCount() == 1
    assert [screen.model.index(0, c).data() for c in range(7)] == [
        DECLARATION, "expected", "MSKU8541208", "2026-11-20", "11", "2580", "0"]
    assert screen.head_values["seal_no"].text() == "SL595185"
    assert screen.head_values["bill_of_lading"].text() == "MAEU631969374"
    assert screen.lines.rowCount() == 11 and screen.lines.index(0, 5).data() == "120"
    screen.importer.import_path(DEMO / "declaration.csv")
    qtbot.waitUntil(lambda: _top(RowErrorsDialog, "row_errors_dialog") is not None, timeout=20_000)
    refused = _top(RowErrorsDialog, "row_errors_dialog")
    assert refused.table.rowCount() >= 1 and refused.table.item(0, 0).text() == "declaration.csv"
    assert DECLARATION in refused.table.item(0, 3).text()
    refused.close()
    wait_idle(qtbot, ctx)
    assert screen.model.rowCount() == 1


@pytest.mark.parametrize(("role", "offered"), [
    ("clerk", {"station", "close", "tally_report", "putaway_list", "labels"}),
    ("customs", {"release", "tally_report", "putaway_list", "labels"}),
    ("supervisor", {"station", "close", "release", "close_entry", "tally_report", "putaway_list", "labels"}),
])
def test_each_role_is_offered_what_it_may_do(qtbot, station_ctx, declared, role, offered):
    screen = _screen(qtbot, station_ctx(role))
    assert set(screen.buttons) == offered
    assert (screen.importer is not None) == (role == "supervisor")
    enabled = {name for name, button in screen.buttons.items() if button.isEnabled()}
    assert enabled == offered & {"station", "tally_report"}  # expected: receive it, print its (empty) tally


def test_documents_preview_print_to_pdf_and_to_the_label_queue(qtbot, station_ctx, tallied, tmp_path, uow_as):
    ctx = station_ctx("clerk")
    screen = _screen(qtbot, ctx)
    assert screen.flow.text().startswith("expected → tallying → <b><u>tallied</u></b>")
    assert {n for n, b in screen.buttons.items() if b.isEnabled()} == {"tally_report", "putaway_list", "labels"}
    texts = {}
    for kind, button in (("tally-report", "tally_report"), ("putaway-list", "putaway_list")):
        screen.buttons[button].click()
        qtbot.waitUntil(lambda: _top(DocumentPreview, "document_preview") is not None, timeout=30_000)
        preview = _top(DocumentPreview, "document_preview")
        assert preview.doc.kind == kind and len(preview.doc.pages) >= 1
        preview.save_as(tmp_path / f"{kind}.pdf")
        qtbot.waitUntil(lambda: preview.status.text().startswith("Saved as"), timeout=10_000)
        texts[kind] = "".join(p.extract_text() for p in PdfReader(tmp_path / f"{kind}.pdf").pages)
        preview.close()
    assert DECLARATION in texts["tally-report"] and "MSKU8541208" in texts["tally-report"]
    assert "A2P43432" in texts["putaway-list"] and "HOLD-01" in texts["putaway-list"]
    screen.buttons["labels"].click()
    qtbot.waitUntil(lambda: _top(DocumentPreview, "document_preview") is not None, timeout=30_000)
    labels = _top(DocumentPreview, "document_preview")
    assert labels.queue_button.isVisible() and len(labels.doc.pages) == len(PdfReader(io.BytesIO(labels.doc.pdf)).pages)
    with qtbot.waitSignal(labels.sig_done, timeout=10_000) as blocker:
        labels.queue_button.click()
    assert blocker.args[0].startswith("Queued for the label printer as print job ")
    labels.close()
    wait_idle(qtbot, ctx)
    with uow_as("clerk", write=False) as uow:
        job = uow.session.execute(select(PrintJob.content_type, PrintJob.target, PrintJob.status,
                                         PrintJob.payload)).one()
        prints = uow.session.execute(select(AuditEntry.entity).where(AuditEntry.action == "print")).scalars().all()
    assert tuple(job[:3]) == ("zpl", "label", "queued")
    assert job.payload.count(b"^XA") == len(labels.doc.pages)
    assert sorted(prints) == ["carton-labels", "putaway-list", "tally-report"]


def test_closing_the_tally_from_the_list(qtbot, station_ctx, declared, uow_as):
    st = receive_station(declared)
    feed(st, *sample_scans()[:5])
    ctx = station_ctx("clerk")
    screen = _screen(qtbot, ctx)
    assert screen.buttons["close"].isEnabled()
    screen.buttons["close"].click()
    qtbot.waitUntil(lambda: _top(DocumentPreview, "document_preview") is not None, timeout=30_000)
    _top(DocumentPreview, "document_preview").close()
    wait_idle(qtbot, ctx)
    assert screen.message.text().startswith(f"Tally of {DECLARATION} closed: ")
    assert screen.model.index(0, 1).data() == "tallied" and not screen.buttons["close"].isEnabled()


def test_a_document_job_can_be_cancelled(qtbot, station_ctx, tallied):
    from ui.widgets.document_preview import open_preview as open_document

    ctx = station_ctx("clerk")
    screen = _screen(qtbot, ctx)
    state = open_document(ctx, screen, "carton-labels", DECLARATION)
    state.cancel()  # the Cancel button of the progress dialog
    wait_idle(qtbot, ctx)
    assert state.cancelled
    assert _top(DocumentPreview, "document_preview") is None and _top(QMessageBox, "error_dialog") is None
