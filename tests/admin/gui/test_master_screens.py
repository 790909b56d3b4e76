"""Master-data screens: products with their filing, imports (report and refused rows), users, settings, oversight."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.persistence.models import AuditEntry, Product, Setting, User
from tests.conftest import DEMO
from tests.gui.helpers import load_demo_master_data, wait_idle
from ui.admin.audit_log import AuditLogScreen
from ui.admin.checks import ChecksScreen
from ui.admin.locations import LocationsScreen
from ui.admin.products import ProductsScreen
from ui.admin.users import UsersScreen
from ui.admin.warehouse import WarehouseScreen
from ui.customs.account_book import AccountBookScreen
from ui.widgets.error_dialog import RowErrorsDialog


def _screen(qtbot, cls, ctx):
    screen = cls(ctx)
    qtbot.addWidget(screen)
    wait_idle(qtbot, ctx)
    return screen


def _top(kind: type, name: str):
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, kind) and w.objectName() == name and w.isVisible()]
    return found[-1] if found else None


@pytest.fixture
def master(db):
    load_demo_master_data(db)


def test_products_search_and_the_customs_filing(make_ctx, qtbot, master):
    ctx = make_ctx("customs")
    screen = _screen(qtbot, ProductsScreen, ctx)
    assert screen.model.rowCount() == 8 and screen.count.text() == "Rows: 8"
    assert screen.imports == []  # the customs officer reads, never imports
    screen.search.setText("奶粉")  # (QTest cannot type CJK; an IME would)
    qtbot.waitUntil(lambda: screen.model.current_filter == "奶粉", timeout=30_000)
    wait_idle(qtbot, ctx)
    assert screen.model.rowCount() == 1
    screen.view.selectRow(0)
    wait_idle(qtbot, ctx)
    values = {key: label.text() for key, label in screen.detail_values.items()}
    assert values["sku"] == "A2P-900"
    assert values["hs_code"] == "1901101000"
    assert values["unit"] == "122 can"
    assert values["origin"] == "AU Australia"  # the country named, as a unit is (old code: a bare NZ)
    assert values["legal1"] == "035 kilogram × 0.9 per 122 can"
    assert values["vat_rate"] == "13 %"
    assert values["item"].startswith("GDS0001")
    assert values["positive_list"] == "a2至初婴儿配方奶粉3段900克"


def test_importing_products_shows_the_report(make_ctx, qtbot, master, uow_as):
    ctx = make_ctx("supervisor")
    screen = _screen(qtbot, ProductsScreen, ctx)
    button = screen.imports[0]
    with qtbot.waitSignal(button.sig_imported, timeout=20_000):
        button.import_path(DEMO / "products.csv")
    assert button.last_report.to_json()["unchanged"] == 8
    box = _top(QMessageBox, "import_report")
    assert box is not None and box.text() == "products.csv: 0 new, 0 changed, 8 unchanged."
    box.close()
    wait_idle(qtbot, ctx)


def test_a_refused_file_lists_every_bad_row(make_ctx, qtbot, master, tmp_path, uow_as):
    lines = (DEMO / "products.csv").read_text(encoding="utf-8").splitlines()
    bad = [lines[0], lines[1].replace("9300000010377", "9300000010378"), lines[2].replace("2106909090", "21069")]
    path = tmp_path / "bad_products.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    ctx = make_ctx("admin")
    screen = _screen(qtbot, ProductsScreen, ctx)
    screen.imports[0].import_path(path)
    qtbot.waitUntil(lambda: _top(RowErrorsDialog, "row_errors_dialog") is not None, timeout=20_000)
    dialog = _top(RowErrorsDialog, "row_errors_dialog")
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert [tuple(r[:3]) for r in rows] == [("bad_products.csv", "2", "gtin"), ("bad_products.csv", "3", "hs_code")]
    assert "check digit" in rows[0][3]
    dialog.close()
    with uow_as("admin", write=False) as uow:  # nothing was written
        gtin = uow.session.execute(select(Product.gtin).where(Product.sku == "A2P-900")).scalar_one()
    assert gtin == "9300000010377"


def test_locations_and_account_book_list_what_exists(make_ctx, qtbot, master):
    ctx = make_ctx("supervisor")
    locations = _screen(qtbot, LocationsScreen, ctx)
    assert locations.model.rowCount() == 32
    row = locations.model.row_at(0)
    assert row[0] == "A-01-01" and locations.model.data(locations.model.index(0, 1)) == "bonded storage"
    assert len(locations.imports) == 1
    book = _screen(qtbot, AccountBookScreen, ctx)
    assert book.model.rowCount() >= 1
    assert book.model.row_at(0)[5] == 0  # nothing entered on the customs ledger yet


def test_the_admin_adds_a_user_changes_the_role_and_disables_it(make_ctx, qtbot, uow_as):
    ctx = make_ctx("admin")
    screen = _screen(qtbot, UsersScreen, ctx)
    assert screen.model.rowCount() == 4
    screen.new_name.setText("li.na")
    screen.new_full_name.setText("李娜")
    screen.new_role.setCurrentIndex(screen.new_role.findData("supervisor"))
    screen.new_pw.setText("long-enough-1")
    screen.new_pw_again.setText("long-enough-1")
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert screen.status.text() == "User li.na added."
    assert screen.model.rowCount() == 5 and screen.new_name.text() == ""
    row = next(r for r in range(5) if screen.model.row_at(r)[0] == "li.na")
    screen.view.selectRow(row)
    screen.role.setCurrentIndex(screen.role.findData("clerk"))
    qtbot.mouseClick(screen.apply_role, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert screen.status.text() == "li.na is now clerk."
    screen.view.selectRow(row)
    assert screen.toggle_active.text() == "Disable"
    qtbot.mouseClick(screen.toggle_active, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    with uow_as("admin", write=False) as uow:
        user = uow.session.execute(select(User.role, User.active, User.full_name)
                                   .where(User.username == "li.na")).one()
        actions = uow.session.execute(select(AuditEntry.action).where(AuditEntry.entity_key == "li.na")
                                      .order_by(AuditEntry.id)).scalars().all()
    assert tuple(user) == ("clerk", False, "李娜")
    assert actions == ["user_add", "user_change", "user_change"]


def test_user_mistakes_are_said_and_change_nothing(make_ctx, qtbot, uow_as):
    ctx = make_ctx("admin")
    screen = _screen(qtbot, UsersScreen, ctx)
    screen.new_name.setText("clerk")
    screen.new_pw.setText("long-enough-1")
    screen.new_pw_again.setText("long-enough-2")
    screen.add_user()
    assert screen.status.text() == "The two passwords differ."
    screen.new_pw_again.setText("long-enough-1")
    screen.add_user()
    wait_idle(qtbot, ctx)
    assert screen.status.text() == "A user with this name already exists."
    assert screen.model.rowCount() == 4


def test_a_supervisor_is_refused_by_the_service_even_with_the_screen(make_ctx, qtbot, uow_as):
    ctx = make_ctx("supervisor")
    screen = _screen(qtbot, UsersScreen, ctx)
    assert not screen.new_box.isVisibleTo(screen)  # no edit controls for this role
    screen.new_name.setText("sneaky")
    screen.new_pw.setText("long-enough-1")
    screen.new_pw_again.setText("long-enough-1")
    screen.add_user()  # as if the button were there: the service still refuses
    wait_idle(qtbot, ctx)
    assert screen.status.text() == "Your role (supervisor) may not manage users. Nothing was changed."
    with uow_as("admin", write=False) as uow:
        assert uow.session.execute(select(User.id).where(User.username == "sneaky")).first() is None


def test_the_admin_changes_a_business_setting_with_audit(make_ctx, qtbot, master, uow_as):
    ctx = make_ctx("admin")
    screen = _screen(qtbot, WarehouseScreen, ctx)
    assert screen.identity_values["area_code"].text() == "3301960A01"
    assert not screen.identity_missing.isVisibleTo(screen)
    screen.select_setting("sale_lock_days")
    assert screen.value_edit.text() == "30"
    screen.value_edit.setText("45")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert screen.message.text() == "Saved: Sale lock before expiry (days) = 45"
    screen.select_setting("weight_tolerance_fraction")
    screen.value_edit.setText("1.5")
    screen.save_setting()
    wait_idle(qtbot, ctx)
    assert screen.message.text() == "This value is not valid for the setting."
    with uow_as("admin", write=False) as uow:
        assert uow.session.get(Setting, "sale_lock_days").value == "45"
        assert uow.session.get(Setting, "weight_tolerance_fraction") is None
        entry = uow.session.execute(select(AuditEntry.detail).where(AuditEntry.action == "setting_change")).scalar_one()
    assert json.loads(entry) == {"before": "30", "value": "45"}


def test_a_supervisor_reads_the_settings_without_edit_controls(make_ctx, qtbot, master):
    ctx = make_ctx("supervisor")
    screen = _screen(qtbot, WarehouseScreen, ctx)
    assert not screen.editable and not screen.save_button.isVisibleTo(screen)
    assert screen.table.rowCount() >= 11
    assert len(screen.imports) == 2  # the identity and the carriers are master data: a supervisor may import them
    assert screen.imports[1].text() == "Import carriers…"


def test_audit_log_and_checks(make_ctx, qtbot, master):
    ctx = make_ctx("customs")
    audit = _screen(qtbot, AuditLogScreen, ctx)
    assert audit.model.rowCount() > 0
    first, second = audit.model.row_at(0)[0], audit.model.row_at(1)[0]
    assert first > second  # newest first
    assert audit.count.text() == f"Rows: {audit.model.rowCount()}"  # one page holds them all: the total is known
    # each entry reads as a sentence, its detail as a table of words (no JSON, no snake_case codes)
    sentences = [audit.model.index(r, 2).data() for r in range(audit.model.rowCount())]
    assert "system imported locations from locations.csv" in sentences, sentences[:5]
    assert not [s for s in sentences if re.search(r"\b[a-z]+_[a-z_]+\b(?!\.)|[{}]", s)]  # (file names aside)
    audit.view.selectRow(0)
    qtbot.waitUntil(lambda: audit.detail.rowCount() > 0)
    cells = [audit.detail.item(r, c).text() for r in range(audit.detail.rowCount()) for c in (0, 1)]
    assert audit.detail_title.text() == sentences[0] and "file" in cells and "checksum (SHA-256)" in cells
    assert not [c for c in cells[::2] if "{" in c or "_" in c]
    audit.verify()
    wait_idle(qtbot, ctx)
    assert audit.chain.text().startswith("The audit chain is intact (entries verified:")
    checks = _screen(qtbot, ChecksScreen, ctx)
    checks.run_checks()
    wait_idle(qtbot, ctx)
    assert checks.summary.text() == "Every invariant holds."
    assert checks.table.item(0, 1).text() == "holds"


@pytest.mark.breaks_invariants
def test_the_checks_screen_names_every_invariant_and_problem_in_chinese(make_ctx, qtbot, master, db, gui_app):
    from app.admin.keys import key_files
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor
    from ui.i18n import Translations

    with UnitOfWork(db, actor("admin"), write=False) as uow:
        key = key_files(uow.session)["audit key"]
    ctx = make_ctx("customs")
    checks = _screen(qtbot, ChecksScreen, ctx)
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    key.chmod(0o644)  # broken: others may read the audit key
    try:
        checks.run_checks()
        wait_idle(qtbot, ctx)
        rows = [[checks.table.item(r, c).text() for c in range(3)] for r in range(checks.table.rowCount())]
        assert len(rows) == 14 and checks.summary.text() == "未通过的校验项：1"
        # every invariant by its Chinese name (the old screen named 4 of 14, the others in `bwms check`'s English)
        assert not [name for name, _, _ in rows if re.search(r"[a-z]{3,}", name)], rows
        assert [name.split()[0] for name, _, _ in rows] == [
            "1", "2", "3", "3b", "4", "5", "7", "8a", "8b", "8c", "9", "10", "11", "12"]  # in their numbers' order
        # (the three `bwms check` numbers 8 told apart on screen, in that order; its JSON keeps its names)
        broken = [row for row in rows if row[1] != "通过"]
        assert broken == [["11 密钥文件仅限本人读取（权限 0600）", "未通过",
                           f"审计密钥文件 {key} 的权限是 0644：请执行 chmod 600 {key}"]]
    finally:
        key.chmod(0o600)
        translations.release()
    checks.retranslate_ui()  # the same results, in English again: `bwms check`'s sentence
    rows = [[checks.table.item(r, c).text() for c in range(3)] for r in range(checks.table.rowCount())]
    assert [row for row in rows if row[1] != "holds"] == [[
        "11 The key files are private (mode 0600)", "BROKEN", f"the audit key file {key} has mode 0644: chmod 600 {key}"]]


def test_the_products_screen_speaks_chinese(make_ctx, qtbot, master, gui_app):
    from ui.i18n import Translations

    ctx = make_ctx("admin")
    screen = _screen(qtbot, ProductsScreen, ctx)
    # the list fits 1366×768 beside the filing: one name, in the screen's language (both are in the filing)
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(screen.model.columnCount())]
    assert headers == ["SKU", "GTIN", "HS code", "Filed price", "Name"]
    assert screen.model.data(screen.model.index(0, 4)) == "a2 Platinum infant formula stage 3 900g"
    translations = Translations(gui_app)
    translations.switch("zh_CN")
    try:
        assert screen.model.data(screen.model.index(0, 4)) == "a2至初婴儿配方奶粉3段900克"
        screen.view.selectRow(0)
        wait_idle(qtbot, ctx)
        assert screen.title.text() == "商品"
        assert screen.imports[0].text() == "导入商品…"
        assert screen.detail_values["unit"].text() == "122 罐"
        assert screen.detail_values["origin"].text() == "AU 澳大利亚"
        assert screen.count.text() == "行数：8"
    finally:
        translations.release()
    assert screen.title.text() == "Products"


def test_every_screen_opens_for_every_role_that_sees_it(make_ctx, qtbot, master):
    from ui.main_window import MainWindow
    from ui.shell import load_all

    load_all()
    for role in ("clerk", "supervisor", "customs", "admin"):
        window = MainWindow(make_ctx(role), "en")
        qtbot.addWidget(window)
        for key in window.entries:
            assert window.open_screen(key) is window.stack.currentWidget()
        wait_idle(qtbot, window.ctx)


def test_import_kinds_name_real_services():
    from ui.admin import locations, products, warehouse
    from ui.customs import account_book
    from ui.widgets.import_action import resolve_importer

    for module in (account_book, locations, products, warehouse):
        for kind in module.IMPORTS:
            assert callable(resolve_importer(kind.service)), kind.service
