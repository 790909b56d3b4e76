"""The customs exchange screen: declare now (progress), the inbox watcher applying a dropped receipt
(800 → released shown), receipts now, the archive and a file shown masked, what a customs officer sees."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import wait_idle
from tests.orders.gui.helpers import BUYER_ID, cop_nos, every_text, open_screen, order_state
from tests.orders.helpers import ceb622, export, import_samples
from ui.customs.archive_view import MessageDialog
from ui.customs.exchange_screen import ExchangeScreen
from ui.widgets.document_preview import DocumentPreview

ORDER = "TG20261121000002"


@pytest.fixture
def declared(warehouse, exchange):
    """The sample orders imported and declared: their 63 inventory lists in the outbox; (outbox, inbox)."""
    import_samples(warehouse)
    export(warehouse, exchange[0])
    return exchange


def _opened(qtbot, make_ctx, role: str = "supervisor", *, watching: bool = True):
    """(ctx, the exchange screen opened as `role`); `watching=False`: its inbox watcher switched off."""
    ctx = make_ctx(role)
    screen = open_screen(qtbot, ExchangeScreen, ctx)
    if not watching:
        screen.watch_box.setChecked(False)
    return ctx, screen


def _top(kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def _log(screen) -> list[str]:
    return [screen.log.item(i).text() for i in range(screen.log.count())]


def test_declare_now_writes_one_file_per_order_with_progress(make_ctx, qtbot, warehouse, exchange):
    outbox, inbox = exchange
    import_samples(warehouse)
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, ExchangeScreen, ctx)
    assert screen.outbox_label.text() == str(outbox) and screen.inbox_label.text() == str(inbox)
    assert screen.watcher.watching
    QTest.keyClick(screen.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: screen.status.text().startswith("63 inventory lists declared"), timeout=60_000)
    wait_idle(qtbot, ctx)
    assert len(list(outbox.glob("CEB621_*.xml"))) == 63 and screen.progress_seen[-1] == 100
    assert screen.model.total == 63 and screen.model.data(screen.model.index(0, 2)) == "CEB621"
    assert screen.model.data(screen.model.index(0, 5)).startswith("in the outbox since")
    # the list fits 1366×768: the selected message's file and checksum are under it
    assert screen.file_line.text() == "Select a message to see its file; Enter shows it."
    screen.view.selectRow(0)
    file_name, sha = screen.model.row_at(0)[4], screen.model.row_at(0)[7]
    assert file_name.startswith("CEB621_") and len(sha) == 64
    assert screen.file_line.text() == f"File: {file_name}\nSHA-256: {sha}"
    assert order_state(ctx.db, ORDER) == ("declared", "declared")


def test_the_archive_states_follow_the_language_the_rows_were_read_in_or_not(make_ctx, qtbot, declared, gui_app):
    from ui.i18n import Translations

    ctx, screen = _opened(qtbot, make_ctx)
    wait_idle(qtbot, ctx)
    assert screen.model.data(screen.model.index(0, 5)).startswith("in the outbox since")
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:  # the rows read in English: their states worded in Chinese (old code: "in the outbox since …" stayed)
        state = screen.model.data(screen.model.index(0, 5))
        assert state.startswith("自 ") and state.endswith("起在发件箱中"), state
    finally:
        translations.release()


def test_the_watcher_applies_a_receipt_dropped_into_the_inbox(make_ctx, qtbot, warehouse, declared):
    _, inbox = declared
    cop = cop_nos(warehouse)[ORDER]
    ctx, screen = _opened(qtbot, make_ctx)
    qtbot.waitUntil(lambda: screen.watcher.passes >= 1, timeout=10_000)  # the first look found nothing new
    assert screen.log.count() == 0
    partial = inbox / ".r800.xml.part"  # a declaration client writes under a hidden name, then renames
    partial.write_bytes(ceb622(cop, "800", "20261126100000000", invt_no="29212026I000000003"))
    partial.rename(inbox / "r800.xml")
    with qtbot.waitSignal(screen.watcher.sig_applied, timeout=20_000):
        pass
    wait_idle(qtbot, ctx)
    lines = _log(screen)
    assert any(f"r800.xml: order {ORDER}, customs 800 → released" in line for line in lines), lines
    assert screen.status.text() == "1 receipts applied, 0 duplicates, 0 for unknown lists, 0 files refused."
    assert order_state(ctx.db, ORDER) == ("released", "released")
    qtbot.waitUntil(lambda: screen.model.total == 64, timeout=10_000)  # the received file is in the archive


def test_receipts_now_and_a_hostile_or_unknown_file_is_said(make_ctx, qtbot, warehouse, declared):
    _, inbox = declared
    ctx, screen = _opened(qtbot, make_ctx, watching=False)
    assert not screen.watcher.watching
    (inbox / "bomb.xml").write_bytes(b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><l>&a;</l>')
    (inbox / "other.xml").write_bytes(ceb622("BWI999999999999", "800", "20261126100000000"))
    (inbox / "ok.xml").write_bytes(ceb622(cop_nos(warehouse)[ORDER], "120", "20261126100000000"))
    QTest.keyClick(screen.view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "receipts applied" in screen.status.text(), timeout=30_000)
    assert screen.status.text() == "1 receipts applied, 0 duplicates, 1 for unknown lists, 1 files refused."
    screen.watch_box.setChecked(True)  # these files are archived now: the watcher applies nothing again
    qtbot.waitUntil(lambda: screen.watcher.passes >= 1, timeout=10_000)
    wait_idle(qtbot, ctx)
    assert screen.log.count() == 0


def test_the_archive_shows_a_file_masked_and_the_printout_opens(make_ctx, qtbot, declared):
    ctx, screen = _opened(qtbot, make_ctx, "customs")
    assert not screen.export_button.isVisibleTo(screen) and not screen.watch_box.isVisibleTo(screen)
    assert not screen.watcher.watching  # a customs officer reads; the exchange is the warehouse's
    screen.direction.setCurrentIndex(screen.direction.findData("out"))
    wait_idle(qtbot, ctx)
    assert screen.model.total == 63
    screen.view.setFocus()
    screen.view.setCurrentIndex(screen.model.index(0, 0))
    QTest.keyClick(screen.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _top(MessageDialog) is not None, timeout=30_000)
    dialog = _top(MessageDialog)
    qtbot.waitUntil(lambda: dialog.text.toPlainText() != "", timeout=10_000)
    shown = dialog.text.toPlainText()  # the newest list first: the last sample order's
    assert "<ceb:copNo>BWI000000000063</ceb:copNo>" in shown
    assert re.search(r"<ceb:buyerIdNumber>\d{6}\*{8}\d{3}[\dX]</ceb:buyerIdNumber>", shown)
    assert not re.search(r"\d{17}[\dX]", shown) and not re.search(r"(?<!\d)1\d{10}(?!\d)", shown)
    dialog.close()
    QTest.keyClicks(screen.order_no, ORDER)
    QTest.keyClick(screen.order_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _top(DocumentPreview) is not None and bool(_top(DocumentPreview).page_labels), timeout=20_000)
    _top(DocumentPreview).close()
    wait_idle(qtbot, ctx)
    assert BUYER_ID not in every_text(screen)


def test_the_watcher_follows_the_inbox_setting(make_ctx, qtbot, warehouse, exchange, tmp_path):
    from app.admin.configuration import change_setting

    ctx = make_ctx("admin")
    screen = open_screen(qtbot, ExchangeScreen, ctx)
    assert screen.watcher.folder == exchange[1]
    elsewhere = tmp_path / "shared-inbox"
    ctx.run(lambda uow: change_setting(uow, "customs_inbox", str(elsewhere)))
    qtbot.waitUntil(lambda: screen.watcher.folder == elsewhere, timeout=10_000)
    wait_idle(qtbot, ctx)
    assert screen.inbox_label.text() == str(elsewhere) and elsewhere.is_dir()


def test_in_chinese_a_refused_file_reads_in_chinese_and_invalid_is_named(make_ctx, qtbot, declared, gui_app):
    """A refused inbox file: its state says why by the kind of problem, the line under the list says it whole in the
    screen's language (from the problem's form and values: the old screen read the kind back from the English
    sentence and had no Chinese sentence to show), its type (and the type filter) names INVALID; customs' types stay
    their names."""
    from ui.i18n import Translations

    _, inbox = declared
    _, screen = _opened(qtbot, make_ctx, watching=False)
    (inbox / "bomb.xml").write_bytes(b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><l>&a;</l>')
    (inbox / "broken.xml").write_bytes(b"<ceb:CEB622Message><unclosed>")
    QTest.keyClick(screen.view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "files refused" in screen.status.text(), timeout=30_000)
    screen.msg_type.setCurrentIndex(screen.msg_type.findData("INVALID"))
    qtbot.waitUntil(lambda: screen.model.total == 2, timeout=10_000)

    def rows() -> list[tuple[str, str]]:
        return [(screen.model.data(screen.model.index(r, 2)), screen.model.data(screen.model.index(r, 5)))
                for r in range(screen.model.rowCount())]

    assert sorted(rows()) == [("unreadable file", "refused: malformed XML"), ("unreadable file", "refused: unsafe XML")]
    screen.view.selectRow(next(r for r in range(2) if screen.model.row_at(r)[4] == "bomb.xml"))
    assert screen.file_line.text().endswith("\nRefused: the XML declares entities (entity expansion is not allowed)")
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:
        assert sorted(rows()) == [("无法识别的文件", "已拒收：XML 格式错误"), ("无法识别的文件", "已拒收：不安全的 XML")]
        assert screen.msg_type.currentText() == "无法识别的文件"
        assert [screen.msg_type.itemText(i) for i in range(1, 5)] == ["CEB621", "CEB623", "CEB622", "CEB624"]
        assert screen.file_line.text().endswith("\n拒收原因：XML 声明了实体（不允许展开实体）")
        screen.view.selectRow(next(r for r in range(2) if screen.model.row_at(r)[4] == "broken.xml"))
        assert screen.file_line.text().endswith("\n拒收原因：XML 格式错误（第 1 行第 0 列）")
        shown_texts = every_text(screen.view) + screen.file_line.text()  # the archive and the file under it
        assert "INVALID" not in shown_texts and "well-formed" not in shown_texts and "refused" not in shown_texts
    finally:
        translations.release()


def test_in_chinese_an_order_not_declared_says_why_in_chinese(make_ctx, qtbot, warehouse, exchange, gui_app):
    """Declare now with an order whose carrier is unknown: the status says why from the refusal's code and values in
    the screen's language (it showed the export's English reason)."""
    from sqlalchemy import update

    from app.persistence.models import ConsumerOrder
    from ui.error_text import add_texts
    from ui.i18n import Translations
    from ui.orders.vocabulary import ERROR_TEXTS

    add_texts(ERROR_TEXTS)  # as the shell registers them
    import_samples(warehouse)
    with warehouse.sessions() as s:
        s.execute(update(ConsumerOrder).where(ConsumerOrder.order_no == ORDER).values(carrier_code="NOPE"))
        s.commit()
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, ExchangeScreen, ctx)
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        QTest.keyClick(screen.view, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: "NOPE" in screen.status.text(), timeout=60_000)
        wait_idle(qtbot, ctx)
        assert f"订单 {ORDER} 的承运商 NOPE 不在承运商资料中" in screen.status.text()
        assert "known carrier" not in screen.status.text()
    finally:
        translations.switch("en")
