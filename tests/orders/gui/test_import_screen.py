"""The order import screen: the samples through the screen (progress to the end, the sample rejections in the
table), Cancel before the first batch, a file that cannot be read."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from app.persistence.models import ConsumerOrder, OrderRejection
from tests.conftest import DEMO
from tests.gui.helpers import wait_idle
from tests.orders.gui.helpers import BUYER_ID, every_text, open_screen
from tests.orders.test_import_samples import expected_rejections
from ui.orders.import_screen import OrderImportScreen
from ui.orders.vocabulary import rejection_label
from ui.widgets.tables import table_texts


def _count(uow_as, model) -> int:
    with uow_as("clerk", write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_the_samples_import_through_the_screen(make_ctx, qtbot, warehouse, uow_as):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrderImportScreen, ctx)
    assert screen.path.hasFocus()
    QTest.keyClicks(screen.path, str(DEMO / "orders.jsonl"))
    with qtbot.waitSignal(screen.importer.sig_finished, timeout=60_000):
        QTest.keyClick(screen.path, Qt.Key.Key_Return)
    assert screen.progress_seen and screen.progress_seen[-1] == 100
    assert screen.summary.text() == "orders.jsonl: 63 orders accepted, 0 rejected."
    assert screen.rejected.rowCount() == 0
    with qtbot.waitSignal(screen.importer.sig_finished, timeout=60_000):
        screen.import_path(DEMO / "orders_invalid.jsonl")
    wait_idle(qtbot, ctx)
    rows = table_texts(screen.rejected)
    assert [(int(r[0]), r[2]) for r in rows] == [(line, rejection_label(code)) for line, code in expected_rejections()]
    assert screen.summary.text() == "orders_invalid.jsonl: 0 orders accepted, 10 rejected."
    tax = next(r for r in rows if r[2] == "tax differs")
    assert tax[1] == "TG20261121800005" and "30.69" in tax[3] and "27.69" in tax[3]
    assert rows[-1][2] == "unreadable record" and rows[-1][3].startswith("not valid JSON")
    assert_no_code(rows)
    assert BUYER_ID not in every_text(screen)
    assert _count(uow_as, ConsumerOrder) == 63 and _count(uow_as, OrderRejection) == 10


def assert_no_code(rows: list[list[str]]) -> None:
    """No cell is a rejection's bare code (`tax_mismatch`): the problem is named (old code: a Code column)."""
    codes = {code for _line, code in expected_rejections()}
    assert not [cell for row in rows for cell in row if cell.strip() in codes], rows


def test_the_rejected_orders_are_named_in_chinese_never_by_their_code(make_ctx, qtbot, warehouse, gui_app):
    from ui.i18n import Translations

    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrderImportScreen, ctx)
    with qtbot.waitSignal(screen.importer.sig_finished, timeout=60_000):
        screen.import_path(DEMO / "orders_invalid.jsonl")
    wait_idle(qtbot, ctx)
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:
        rows = table_texts(screen.rejected)
        headers = [screen.rejected.horizontalHeaderItem(c).text() for c in range(screen.rejected.columnCount())]
        problems = [(int(r[0]), r[2]) for r in rows]
        expected = [(r["line"], rejection_label(r["code"])) for r in screen.importer.last_report.rejected]
    finally:
        translations.release()
    assert len(problems) == 9 and problems == expected and all(re.search(r"[\u4e00-\u9fff]", name) for _line, name in problems), problems
    assert "代码" not in headers and len(headers) == 4, headers
    assert_no_code(rows)


def test_cancel_before_the_first_batch_imports_nothing_and_says_so(make_ctx, qtbot, warehouse, uow_as):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrderImportScreen, ctx)
    with qtbot.waitSignal(screen.importer.sig_finished, timeout=60_000):
        state = screen.import_path(DEMO / "orders.jsonl")
        state.cancel()  # as the dialog's Cancel button does (the job has not reached its first batch)
    report = screen.importer.last_report
    assert report.cancelled and report.accepted == 0
    assert "Cancelled: what was checked before is kept; the rest of the file was not read." in screen.summary.text()
    assert _count(uow_as, ConsumerOrder) == 0


def test_a_file_that_cannot_be_read_is_said_and_stores_nothing(make_ctx, qtbot, warehouse, tmp_path, uow_as):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, OrderImportScreen, ctx)
    odd = tmp_path / "orders.pdf"
    odd.write_bytes(b"%PDF-1.4")
    with qtbot.waitSignal(screen.importer.sig_failed, timeout=20_000):
        screen.import_path(odd)
    assert screen.summary.text().startswith("The file was refused and nothing was imported.")
    assert "unknown order file type '.pdf'" in screen.summary.text()
    assert screen.start_button.isEnabled()
    assert _count(uow_as, ConsumerOrder) == 0
