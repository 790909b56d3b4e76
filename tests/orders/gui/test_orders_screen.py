"""The orders screen: tabs by status, search by waybill (typed like a scan), buyer data masked everywhere,
reveal for customs officers only (audited), cancel with confirmation (CEB623 when declared), the printout."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from app.persistence.models import AuditEntry
from tests.gui.helpers import wait_idle
from tests.orders.gui.helpers import (
    BUYER_ID,
    BUYER_PHONE,
    MASKED_ID,
    MASKED_PHONE,
    cop_nos,
    every_text,
    open_screen,
    order_state,
)
from tests.orders.helpers import ceb622, export, import_samples, receipts
from ui.orders import order_detail
from ui.orders.orders_screen import TABS, OrdersScreen
from ui.widgets import document_preview
from ui.widgets.document_preview import DocumentPreview
from ui.widgets.tables import table_texts

FIRST = "TG20261121000000"  # buyer 330106199408148190, phone 15821605483


@pytest.fixture
def declared(warehouse, exchange, tmp_path):
    outbox, _inbox = exchange
    import_samples(warehouse)
    import_samples(warehouse, "orders_invalid.jsonl")
    export(warehouse, outbox)
    cops = cop_nos(warehouse)
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "800.xml").write_bytes(ceb622(cops[FIRST], "800", "20261126100000000", invt_no="29212026I000000001"))
    receipts(warehouse, folder)
    return cops


def _search(qtbot, screen, text: str) -> None:
    screen.search.clear()
    QTest.keyClicks(screen.search, text)
    QTest.keyClick(screen.search, Qt.Key.Key_Return)
    wait_idle(qtbot, screen.ctx)


def _show_order(qtbot, screen, order_no: str) -> None:
    _search(qtbot, screen, order_no)
    qtbot.waitUntil(lambda: screen.detail.order_no == order_no, timeout=10_000)
    wait_idle(qtbot, screen.ctx)


def test_a_scanned_waybill_opens_its_order(make_ctx, qtbot, declared):
    ctx = make_ctx("clerk")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    assert screen.search.hasFocus()
    assert screen.model.rowCount() == 63 and screen.tabs.tabText(0) == "All (63)"
    assert screen.tabs.tabText(TABS.index("released")) == "released, to allocate (1)"
    _search(qtbot, screen, "SF395965144161")
    assert screen.model.rowCount() == 1 and screen.model.row_at(0)[1] == "TG20261121000001"
    qtbot.waitUntil(lambda: screen.detail.order_no == "TG20261121000001", timeout=10_000)
    wait_idle(qtbot, ctx)
    assert screen.detail.values["waybill"].text() == "SF395965144161 (SF)"
    assert screen.detail.values["status"].text() == "declared"
    events = table_texts(screen.detail.events)
    assert events[0][1] == "imported" and any(e[1] == "file sent" and e[2] == "CEB621" for e in events)
    assert not screen.detail.cancel_button.isVisibleTo(screen)   # a clerk may not cancel
    assert not screen.detail.reveal_id.isVisibleTo(screen)
    QTest.keyClick(screen.search, Qt.Key.Key_Escape)
    assert screen.search.text() == ""


def test_tabs_filter_by_status_and_the_keyboard_moves_between_them(make_ctx, qtbot, declared):
    ctx = make_ctx("clerk")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    QTest.keyClick(screen.search, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert screen.tabs.currentIndex() == 1 and screen.model.rowCount() == 0  # none accepted-undeclared left
    screen.tabs.setCurrentIndex(TABS.index("released"))
    wait_idle(qtbot, ctx)
    assert [screen.model.row_at(r)[1] for r in range(screen.model.rowCount())] == [FIRST]
    assert screen.model.data(screen.model.index(0, 2)) == "released (800)"
    # five columns beside the detail at 1366×768; the rest of the order (copNo, carrier, buyer, amounts, time) is
    # in the detail of the order selected
    assert [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(screen.model.columnCount())] == \
        ["Order no.", "Status", "Customs", "Waybill", "Owner"]
    screen.search.setFocus()
    QTest.keyClick(screen.search, Qt.Key.Key_Down)  # on into the table: the first order opens
    qtbot.waitUntil(lambda: screen.detail.order_no == FIRST, timeout=10_000)
    assert screen.view.hasFocus()
    facts = {key: label.text() for key, label in screen.detail.values.items()}
    assert facts["list_numbers"].startswith("BWI") and facts["waybill"].endswith(")") and facts["ordered_at"]
    screen.refresh()  # as after a receipt: the order shown stays selected
    wait_idle(qtbot, ctx)
    assert screen.view.selectionModel().selectedRows()[0].row() == 0


def test_buyer_data_is_masked_in_every_text_on_screen(make_ctx, qtbot, declared):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    _show_order(qtbot, screen, FIRST)
    _search(qtbot, screen, "8190")  # the last digits of the ID number find the buyer's orders
    assert screen.model.rowCount() >= 2
    shown = every_text(screen)
    assert BUYER_ID not in shown and BUYER_PHONE not in shown
    assert MASKED_ID in shown and MASKED_PHONE in shown
    assert screen.detail.values["buyer_id"].text() == MASKED_ID
    image = screen.grab()
    assert not image.isNull()


def test_a_customs_officer_reveals_one_value_and_it_is_audited(make_ctx, qtbot, declared, uow_as):
    ctx = make_ctx("customs")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    _show_order(qtbot, screen, FIRST)
    assert screen.detail.reveal_id.isVisibleTo(screen) and not screen.detail.cancel_button.isVisibleTo(screen)
    QTest.keyClick(screen.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # the reveal button's key
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: screen.detail.values["buyer_id"].text() == BUYER_ID, timeout=10_000)
    assert screen.detail.values["buyer_phone"].text() == MASKED_PHONE  # one value, not the whole buyer
    assert "recorded in the audit log" in screen.detail.status.text()
    screen.detail.mask_again()  # the timer's work
    assert screen.detail.values["buyer_id"].text() == MASKED_ID
    with uow_as("admin", write=False) as uow:
        entries = uow.session.execute(select(AuditEntry.username, AuditEntry.entity_key, AuditEntry.detail)
                                      .where(AuditEntry.action == "pii_reveal")).all()
    assert [(u, k, json.loads(d)) for u, k, d in entries] == [("customs", FIRST, {"field": "buyer_id_number"})]


def test_others_see_no_reveal_and_the_service_refuses_them(make_ctx, qtbot, declared, uow_as):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    _show_order(qtbot, screen, FIRST)
    assert not screen.detail.reveal_id.isVisibleTo(screen)
    screen.detail.reveal("buyer_id_number")  # as if the button were there
    wait_idle(qtbot, ctx)
    assert screen.detail.status.text().startswith("Your role (supervisor) may not reveal personal data.")
    assert BUYER_ID not in every_text(screen)
    with uow_as("admin", write=False) as uow:
        assert uow.session.execute(select(AuditEntry.id).where(AuditEntry.action == "pii_reveal")).first() is None


def test_cancel_asks_first_and_a_declared_order_sends_ceb623(make_ctx, qtbot, declared, exchange, monkeypatch):
    outbox, _ = exchange
    asked = []
    monkeypatch.setattr(order_detail, "confirm_cancel",
                        lambda parent, order_no, was_declared, *_: asked.append((order_no, was_declared)) or None)
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    _show_order(qtbot, screen, FIRST)
    assert screen.detail.cancel_button.isEnabled()
    QTest.keyClick(screen.search, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert asked == [(FIRST, True)] and order_state(declared_db(screen), FIRST)[0] == "released"  # said no
    monkeypatch.setattr(order_detail, "confirm_cancel", lambda parent, order_no, was_declared, *_: "1")
    QTest.keyClick(screen.search, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "cancelled" in screen.detail.status.text(), timeout=10_000)
    wait_idle(qtbot, ctx)
    request = declared[FIRST]
    files = [p.name for p in outbox.glob(f"CEB623_{request}_*.xml")]
    assert len(files) == 1 and files[0] in screen.detail.status.text()
    assert order_state(declared_db(screen), FIRST)[0] == "cancelled"
    qtbot.waitUntil(lambda: screen.detail.values["status"].text() == "cancelled", timeout=10_000)
    assert not screen.detail.cancel_button.isEnabled()


def declared_db(screen):
    return screen.ctx.db


def test_the_inventory_list_previews_and_saves_masked(make_ctx, qtbot, declared, tmp_path, monkeypatch, uow_as):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    _show_order(qtbot, screen, FIRST)
    QTest.keyClick(screen.search, Qt.Key.Key_F8)  # F8: the document
    qtbot.waitUntil(lambda: _dialog() is not None and bool(_dialog().page_labels), timeout=20_000)
    dialog = _dialog()
    assert not dialog.page_labels[0].pixmap().isNull() and dialog.page_count == 1
    assert dialog.windowTitle() == f"Inventory list {FIRST}"
    target = tmp_path / "list.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)"))
    dialog.save()
    qtbot.waitUntil(target.exists, timeout=20_000)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert MASKED_ID in text and BUYER_ID not in text and declared[FIRST] in text
    qtbot.waitUntil(lambda: dialog.status.text() == f"Saved as {target}", timeout=20_000)  # once audited
    sent = []
    monkeypatch.setattr(document_preview, "deliver",
                        lambda pdf, parent, title, printer: sent.append((pdf[:5], title)) or "Printed on Office-A4")
    QTest.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.status.text() == "Printed on Office-A4", timeout=20_000)
    assert sent == [(b"%PDF-", f"Inventory list {FIRST}")]
    dialog.close()
    wait_idle(qtbot, ctx)
    with uow_as("admin", write=False) as uow:  # the preview is not a print; the saved and the printed copy are
        prints = uow.session.execute(select(AuditEntry.entity_key).where(AuditEntry.action == "print")).scalars().all()
    assert prints == [FIRST, FIRST]


def _dialog() -> DocumentPreview | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentPreview) and w.isVisible()]
    return found[-1] if found else None


def test_every_tab_and_its_count_is_in_sight_in_the_room_1366_by_768_leaves(make_ctx, qtbot, declared):
    """English stage names are long: at the width a 1366 px window leaves the screen, the longest names elide (the
    tab's tooltip holds the name), never a count, and no tab is scrolled out of sight (old code: 'inspection' and
    'cancelled' behind the tab bar's arrows)."""
    ctx = make_ctx("clerk")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    screen.resize(1067, 700)  # the main window's room beside the navigation at 1366×768
    qtbot.waitUntil(lambda: screen.tabs.width() <= 1067 and bool(screen.counts))
    tabs = screen.tabs
    qtbot.waitUntil(lambda: sum(tabs.tabSizeHint(i).width() for i in range(tabs.count())) <= tabs.width())
    counts = [sum(screen.counts.values()), *(screen.counts.get(stage, 0) for stage in TABS[1:])]
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    assert [text.endswith(f" ({count})") for text, count in zip(texts, counts)] == [True] * len(TABS), texts
    elided = [i for i, text in enumerate(texts) if "…" in text]
    assert elided and all(tabs.tabToolTip(i).startswith(("released, to allocate", "rejected by customs"))
                          for i in elided), [tabs.tabToolTip(i) for i in elided]
    assert texts[0] == f"All ({counts[0]})" and not tabs.tabToolTip(0)


def test_the_timeline_is_worded_from_its_values_in_the_screens_language(make_ctx, qtbot, declared, warehouse, tmp_path,
                                                                        gui_app):
    """The order's timeline: a receipt by its status and outcome, a ledger entry by its state, a file not yet in the
    outbox said so, in either language, from the events' values (the old screen read the receipt's English text back
    with a pattern, showed the outcome as its code and "(not yet in the outbox)" in English on a Chinese screen)."""
    import re

    from sqlalchemy import update

    from app.persistence.models import CustomsMessage
    from ui.i18n import Translations

    older = tmp_path / "older"
    older.mkdir()
    (older / "120.xml").write_bytes(ceb622(declared[FIRST], "120", "20261126090000000"))
    receipts(warehouse, older)  # older than the 800 applied: kept in the history, superseded
    with warehouse.sessions() as s:  # as if the outbox had been unreachable when it was declared
        s.execute(update(CustomsMessage).where(CustomsMessage.business_no == declared[FIRST],
                                               CustomsMessage.direction == "out").values(delivered_at=None))
        s.commit()
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrdersScreen, ctx)
    _show_order(qtbot, screen, FIRST)
    rows = {e[1]: e for e in table_texts(screen.detail.events)}
    assert re.fullmatch(r"CEB621_\S+\.xml \(not yet in the outbox\)", rows["file sent"][3]), rows["file sent"]
    superseded = next(e for e in table_texts(screen.detail.events) if "superseded" in e[3])
    assert superseded[3].startswith(f"{superseded[2]} (superseded by a later receipt), customs time 2026-11-26 01:00:00")
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        screen.detail.show_history(screen.detail.history)  # worded again in the new language
        events = table_texts(screen.detail.events)
        words = " ".join(cell for e in events for cell in e[1:])
        assert "（尚未写入发件箱）" in words and "（已被更新的回执取代）" in words
        kept = re.sub(r"\S*[\d_.]\S*|UTC|CEB\w+", "", words)  # numbers, times, file names, customs' names
        assert not re.search(r"[A-Za-z]{2,}", kept), words
    finally:
        translations.switch("en")
