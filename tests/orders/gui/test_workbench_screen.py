"""The rejection workbench: fix a record's fields and re-validate until accepted, a broken line rewritten whole,
dismiss, a customs-rejected order declared again, a corrected file re-imported."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app.domain import vocabulary
from app.persistence.models import ConsumerOrder, OrderRejection
from tests.conftest import DEMO
from tests.gui.helpers import wait_idle
from tests.orders.gui.helpers import BUYER_ID, BUYER_PHONE, cop_nos, every_text, open_screen, order_state
from tests.orders.helpers import ceb622, export, import_samples, order_record, receipts, write_jsonl
from ui.orders import workbench_screen
from ui.orders.workbench_screen import WorkbenchScreen
from ui.vocabulary import capitalised
from ui.widgets.tables import table_texts

TAX = "TG20261121800005"  # declared tax 30.69, computed 27.69; payment must then be 414.69


@pytest.fixture
def rejected(warehouse):
    import_samples(warehouse)
    import_samples(warehouse, "orders_invalid.jsonl")
    return warehouse


def _select(qtbot, screen, order_no: str) -> None:
    row = next(n for n, r in enumerate(screen.rows) if r["order_no"] == order_no)
    screen.table.selectRow(row)
    qtbot.waitUntil(lambda: screen.current is not None and screen.current["order_no"] == order_no, timeout=30_000)
    wait_idle(qtbot, screen.ctx)


def _state(db, order_no: str) -> list[str]:
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor

    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return list(uow.session.execute(select(OrderRejection.state).where(OrderRejection.order_no == order_no)
                                        .order_by(OrderRejection.id)).scalars())


def test_fix_a_field_and_revalidate_until_accepted(make_ctx, qtbot, rejected):
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, WorkbenchScreen, ctx)
    rows = table_texts(screen.table)
    assert len(rows) == 10 and {r[0] for r in rows} == {"import"}
    _select(qtbot, screen, TAX)
    editor = screen.editor
    assert editor.field("tax").text() == "30.69"
    assert editor.field("buyer.id_number").text() == "330106********4516"  # masked in the form too
    assert BUYER_ID not in every_text(screen) and BUYER_PHONE not in every_text(screen)
    editor.field("tax").selectAll()
    QTest.keyClicks(editor.field("tax"), "27.69")
    QTest.keyClick(editor.field("tax"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Still rejected"), timeout=10_000)
    wait_idle(qtbot, ctx)
    assert "payment does not add up" in screen.status.text()
    assert screen.current["code"] == "payment_mismatch" and editor.field("tax").text() == "27.69"
    editor.field("payment.amount").setText("414.69")
    editor.field("payment.amount").setFocus()
    QTest.keyClick(editor.field("payment.amount"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Accepted"), timeout=10_000)
    wait_idle(qtbot, ctx)
    assert screen.status.text() == f"Accepted: order {TAX} is now an order."
    assert TAX not in [r["order_no"] for r in screen.rows] and len(screen.rows) == 9
    assert _state(ctx.db, TAX) == ["resolved"]
    assert order_state(ctx.db, TAX)[0] == "accepted"


def test_the_buyers_id_type_is_named_beside_its_code(make_ctx, qtbot, rejected, gui_app):
    from ui.i18n import Translations

    screen = open_screen(qtbot, WorkbenchScreen, make_ctx("supervisor"))
    _select(qtbot, screen, TAX)
    editor = screen.editor
    code, named = editor.field("buyer.id_type"), editor.code_names["buyer.id_type"]
    assert code.text() == "1" and named.text() == "ID card"  # old code: a bare 1
    assert code.toolTip() == "Buyer's ID type"  # the field's name (old code: its path, buyer.id_type)
    assert all(edit.toolTip() == capitalised(vocabulary.name("field", path)) for path, edit in editor.fields.items())
    labels = [editor.form.labelForField(edit if path not in editor.code_names else edit.parentWidget()).text()
              for path, edit in editor.fields.items() if vocabulary.known("field", path)]  # not the sample's _expect
    assert "Order number" in labels and "Buyer's ID number" in labels
    assert [label for label in labels if not label[:1].isupper()] == []  # sentence case (old code: 'order number')
    qtbot.waitUntil(lambda: named.isVisibleTo(screen))  # the layout shows a new row on its next event round
    code.setText("2")
    assert named.text() == "other ID"
    code.setText("9")  # no such type: nothing named (the check says what is allowed)
    assert named.text() == ""
    code.setText("1")
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        qtbot.waitUntil(lambda: named.text() == "身份证")
        assert editor.form.labelForField(code.parentWidget()).text() == "订购人证件类型" == code.toolTip()
    finally:
        translations.switch("en")
    qtbot.waitUntil(lambda: named.text() == "ID card")


def test_a_broken_line_is_rewritten_whole_and_others_dismissed(make_ctx, qtbot, rejected, monkeypatch, gui_app):
    from ui.i18n import Translations

    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, WorkbenchScreen, ctx)
    _select(qtbot, screen, "TG-BROKEN")
    qtbot.waitUntil(lambda: screen.editor.currentIndex() == 1, timeout=30_000)
    assert not screen.editor.isTabEnabled(0) and not screen.editor.text.isReadOnly()
    screen.editor.text.setPlainText("{not json")
    screen.revalidate()
    assert screen.status.text() == ("The record is not valid JSON: line 1, column 2: Expecting property name enclosed "
                                    "in double quotes")
    translations = Translations(gui_app)
    try:  # in Chinese, the parser's words too (old code: its English sentence)
        assert translations.switch("zh_CN")
        screen.revalidate()
        assert screen.status.text() == "记录不是有效的 JSON：第 1 行第 2 列：应为双引号括起的字段名"
    finally:
        translations.switch("en")
    screen.editor.text.setPlainText(json.dumps(order_record("TG-BROKEN", "MGO-263", 1, "269.00"), ensure_ascii=False))
    screen.revalidate()
    qtbot.waitUntil(lambda: screen.status.text().startswith("Accepted"), timeout=10_000)
    monkeypatch.setattr(workbench_screen, "ask_dismiss_note", lambda parent, order_no: "platform resends it")
    wait_idle(qtbot, ctx)
    _select(qtbot, screen, "TG20261121800004")
    screen.dismiss_button.click()
    qtbot.waitUntil(lambda: screen.status.text() == "Dismissed.", timeout=10_000)
    wait_idle(qtbot, ctx)
    assert _state(ctx.db, "TG20261121800004") == ["dismissed"] and len(screen.rows) == 8


def test_a_customs_rejected_order_is_declared_again(make_ctx, qtbot, warehouse, exchange, tmp_path):
    outbox, _ = exchange
    import_samples(warehouse)
    export(warehouse, outbox)
    order = "TG20261121000005"
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "100.xml").write_bytes(ceb622(cop_nos(warehouse)[order], "100", "20261126100000000",
                                            info="[Code:1300;Desc:税款担保不足]"))
    receipts(warehouse, folder)
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, WorkbenchScreen, ctx)
    assert [(r["kind"], r["order_no"]) for r in screen.rows] == [("customs", order)]
    qtbot.waitUntil(lambda: screen.sent.toPlainText() != "", timeout=10_000)
    assert "税款担保不足" in screen.info.text() and "rejected (100)" in screen.info.text()
    assert "<ceb:orderNo>TG20261121000005</ceb:orderNo>" in screen.sent.toPlainText()
    assert BUYER_ID not in screen.sent.toPlainText()
    QTest.keyClick(screen.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "declared again" in screen.status.text(), timeout=10_000)
    wait_idle(qtbot, ctx)
    assert order_state(ctx.db, order)[0] == "accepted" and screen.rows == []


def test_a_corrected_file_is_reimported_from_the_workbench(make_ctx, qtbot, rejected, tmp_path):
    record = next(json.loads(line) for line in (DEMO / "orders_invalid.jsonl").read_text(encoding="utf-8")
                  .splitlines() if TAX in line)
    record["tax"], record["payment"]["amount"] = "27.69", "414.69"
    path = write_jsonl(tmp_path / "fixed.jsonl", [record])
    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, WorkbenchScreen, ctx)
    with qtbot.waitSignal(screen.importer.sig_finished, timeout=30_000):
        screen.reimport_path(path)
    wait_idle(qtbot, ctx)
    assert screen.status.text() == "fixed.jsonl: 1 orders accepted, 0 rejected."
    assert TAX not in [r["order_no"] for r in screen.rows]
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor

    with UnitOfWork(ctx.db, actor("clerk"), write=False) as uow:
        order_id = uow.session.execute(select(ConsumerOrder.id).where(ConsumerOrder.order_no == TAX)).scalar_one()
        assert uow.session.execute(select(OrderRejection.order_id).where(
            OrderRejection.order_no == TAX)).scalar_one() == order_id


def test_a_clerk_sees_no_workbench_actions(make_ctx, qtbot, rejected):
    ctx = make_ctx("clerk")
    screen = open_screen(qtbot, WorkbenchScreen, ctx)
    assert len(screen.rows) == 10
    for button in (screen.revalidate_button, screen.dismiss_button, screen.reimport_button, screen.requeue_button):
        assert not button.isVisibleTo(screen)


def test_in_chinese_every_rejection_reads_in_chinese_an_old_one_as_it_was_stored(make_ctx, qtbot, rejected, gui_app):
    """The detail comes from the rejection's params in the screen's language; a rejection stored before params
    were kept (revision 0016) shows its stored English sentence. The CLI's JSON keeps the English reason."""
    import re

    from sqlalchemy import update

    from app.orders.workbench import workbench
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor
    from ui.clock import warehouse_time as local_time
    from ui.i18n import Translations

    with UnitOfWork(rejected, actor("admin")) as uow:
        uow.session.execute(update(OrderRejection).where(OrderRejection.order_no == "TG-BROKEN").values(params=None))
        uow.commit()
    with UnitOfWork(rejected, actor("clerk"), write=False) as uow:
        english = {r["order_no"]: r["reason"] for r in workbench(uow)}
    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    try:
        screen = open_screen(qtbot, WorkbenchScreen, make_ctx("supervisor"))
        reasons = {row[1]: row[3] for row in table_texts(screen.table)}
        assert reasons["TG-BROKEN"] == english["TG-BROKEN"] and not re.search(r"[\u4e00-\u9fff]", english["TG-BROKEN"])
        for order_no, shown in reasons.items():
            if order_no != "TG-BROKEN":
                assert re.search(r"[\u4e00-\u9fff]", shown) and shown != english[order_no], (order_no, shown)
        assert reasons[TAX] == "申报税款 30.69 与计算的跨境电商综合税 27.69 相差超过 0.05"
        _select(qtbot, screen, TAX)
        assert screen.detail_title.text().splitlines()[1:] == ["申报税款 30.69 与计算的跨境电商综合税 27.69 相差超过 0.05",
                                                                f"来源 orders_invalid.jsonl:6 · {local_time(screen.current['at'])}"]
    finally:
        translations.switch("en")
