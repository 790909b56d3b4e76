"""No raw code on screen: the main screens, opened on the demo warehouse in Chinese, show no snake_case code
(`put_away`, `gate_out`) and no English status code (`allocated`, `picked`) in any table cell or label — every
status, unit, reason, role, audit operation and field is named through the vocabulary.

Stations (scanning screens) and device screens are left to their own tests: their texts come from scans (every
station feedback code's banner text in both languages: tests/gui/test_station_feedback_words.py).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QWidget
from sqlalchemy import select

from app.demo.warehouse import load_demo
from app.domain import vocabulary
from app.persistence.models import User
from tests.gui.screen_walk import settle

# (a file's column list, "CSV checklist_no,status,time,info", names the columns as the file has them)
SNAKE = re.compile(r"(?<![\w./\\:,-])[a-z]+(?:_[a-z0-9]+)+(?![\w.,])")
SKIPPED = ("station", "devices.", "shipping.gate", "orders.import")
# the English codes a Chinese screen must never show as they are (statuses, kinds, reasons …), words of 4+ letters
CODES = {code for kind in vocabulary.kinds() if kind not in ("unit", "detail", "field")
         for code in vocabulary.table(kind) if re.fullmatch(r"[a-z_]{4,}", code)}


@pytest.fixture
def demo(db):
    load_demo(db)
    return db


def _texts(screen) -> list[tuple[str, str]]:
    """(where, text) of every table cell and label the screen shows."""
    out = []
    for view in screen.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        from PySide6.QtCore import QModelIndex

        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model
            columns = 1
        for r in range(min(model.rowCount(QModelIndex()), 200)):
            for c in range(columns):
                value = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str) and value:
                    out.append((f"{view.objectName()}[{r},{c}]", value))
    out += [(label.objectName() or "label", label.text()) for label in screen.findChildren(QLabel) if label.text()]
    out += [(f"{w.objectName() or type(w).__name__} tooltip", w.toolTip()) for w in screen.findChildren(QWidget)
            if w.toolTip()]
    out += [(f"{e.objectName() or 'line edit'} placeholder", e.placeholderText())
            for e in screen.findChildren(QLineEdit) if e.placeholderText()]
    out += [(f"{c.objectName() or 'combo'}[{i}]", c.itemText(i)) for c in screen.findChildren(QComboBox)
            for i in range(c.count()) if c.itemText(i)]
    return out


def test_the_main_screens_in_chinese_show_no_raw_code(demo, make_ctx, qtbot, gui_app):
    from ui.i18n import Translations
    from ui.shell import screens

    translations = Translations(gui_app)
    assert translations.switch("zh_CN")
    ctx = make_ctx("admin")
    with demo.sessions() as session:  # people's names are names (the demo's users are called after their roles)
        users = set(session.scalars(select(User.username)))
    problems: list[str] = []
    opened = []
    try:
        for spec in screens():
            if any(part in spec.key for part in SKIPPED) or not spec.allowed("admin"):
                continue
            screen = spec.factory(ctx)
            qtbot.addWidget(screen)
            settle(ctx)  # the answers, and the queued model resets and fills they start
            opened.append(spec.key)
            for view in screen.findChildren(QAbstractItemView):  # the first row chosen: its detail shows too
                if view.isVisibleTo(screen) and view.model() is not None and view.model().rowCount() > 0 \
                        and hasattr(view, "selectRow"):
                    view.selectRow(0)
            settle(ctx)
            for where, text in _texts(screen):
                if "<" in text:  # rich text: its markup is not shown
                    text = re.sub(r"<[^>]+>", "", text)
                snake = [w for w in SNAKE.findall(text) if not re.search(rf"{re.escape(w)}\.\w+", text)]
                if snake:
                    problems.append(f"{spec.key} {where}: {snake} in {text[:80]!r}")
                elif "." in text.strip() and vocabulary.known("field", text.strip()):  # a field by its path
                    problems.append(f"{spec.key} {where}: the field path {text.strip()!r}")
                elif text.strip() in CODES and text.strip() not in users:
                    problems.append(f"{spec.key} {where}: the code {text.strip()!r}")
    finally:
        translations.switch("en")
    assert {"overview", "orders.list", "reports.audit", "admin.warehouse", "inventory.stock"} <= set(opened)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("key", "sentence"), [
    ("1 files", "supervisor applied customs receipts: 1 file"),
    ("2 files", "supervisor applied customs receipts: 2 files"),
])
def test_an_audit_entry_counting_one_thing_reads_singular(gui_app, key, sentence):
    from ui.vocabulary import audit_sentence

    assert audit_sentence("supervisor", "customs_receipts", "receipt_files", key, "done") == sentence


def test_an_empty_list_in_an_audit_detail_reads_none(gui_app):
    from ui.vocabulary import detail_rows

    assert detail_rows({"lists": ["BWI1"], "refused": []}) == [("inventory lists", "BWI1"), ("refused", "—")]


def test_a_returned_units_audit_detail_names_its_codes(gui_app):
    from ui.vocabulary import detail_rows

    assert detail_rows({"grade": "good", "lots": [3], "received": 2, "expected": 2, "status": "received"}) == [
        ("condition", "good"), ("batches", "3"), ("received", "2"), ("expected", "2"), ("status", "received")]
    assert detail_rows({"grade": "damaged", "status": "returned"}) == [("condition", "damaged"),
                                                                       ("status", "returned to stock")]


def test_an_exit_checklists_receipt_is_named(gui_app):
    """The Receipt column of the exit checklists said a bare 2."""
    from ui.customs.checklists import COLUMNS

    receipt = next(col for col in COLUMNS if col.header == "Receipt")
    assert receipt.render("2") == "posted (2)" and receipt.render("100") == "rejected (100)"
    assert receipt.render(None) == ""


def test_a_setting_without_written_words_reads_as_the_others_in_english(gui_app):
    """The alert settings read 'expiry warning (days)' / 'alert on a lot …' beside 'Sale lock before expiry (days)'
    / 'Lots with fewer days … orders.'"""
    from app.admin.configuration import SettingValue
    from app.settings import REGISTRY
    from ui.admin.warehouse import setting_texts

    name, meaning = setting_texts(SettingValue("expiry_warning_days", "700", "30", REGISTRY["expiry_warning_days"].help))
    assert name == "Expiry warning (days)"
    assert meaning == "Alert on a lot this many days before it enters the sale lock (bwms alerts, the overview)."


def test_a_chinese_audit_sentence_has_no_space_between_its_words(gui_app):
    from ui.i18n import Translations
    from ui.vocabulary import audit_sentence

    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        assert audit_sentence("clerk", "declaration_close", "inbound_declaration", "QD1", "done") == \
            "clerk 关闭了入区申报 QD1"  # was '关闭了 入区申报 QD1'
    finally:
        translations.switch("en")
    assert audit_sentence("clerk", "declaration_close", "inbound_declaration", "QD1", "done") == \
        "clerk closed declaration QD1"
