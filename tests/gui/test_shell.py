"""The shell: sign-in (accepted, refused, no database), navigation by role, shortcuts, language switch, sign-out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from sqlalchemy import select

from app.persistence.models import AuditEntry
from tests.conftest import PASSWORD, actor
from tests.gui.helpers import wait_idle
from ui.main import Shell
from ui.main_window import MainWindow
from ui.shell import load_all
from ui.station_settings import StationSettings


@pytest.fixture
def shell(db, db_url, gui_app, tmp_path, qtbot):
    made = Shell(gui_app, db_url, "dock-1", StationSettings(tmp_path / "ws.ini"))
    made.translations.switch("en")
    yield made
    for widget in (made.window, made.login):
        if widget is not None:
            widget.close()
    made.close()


def sign_in(shell: Shell, qtbot, username: str, password: str) -> None:
    login = shell.login
    qtbot.waitUntil(login.sign_in_button.isEnabled, timeout=10_000)  # once the database is open
    login.username.setText(username)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)


def test_sign_in_opens_the_main_window(shell, qtbot):
    login = shell.start()
    assert login.isVisible()
    sign_in(shell, qtbot, "admin", PASSWORD)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    window = shell.window
    assert window.isVisible()
    assert shell.ctx.actor.username == "admin"
    assert window.user_label.text() == "admin (administrator) at dock-1"
    assert shell.ctx.settings.last_username == "admin"


def test_the_database_opens_once_the_sign_in_window_is_painted_and_sign_in_waits_for_it(shell, qtbot):
    """Cold start: the window is painted first; the DB thread then opens the database while the user types."""
    login = shell.start()
    painted, opened = [], []
    login.sig_painted.connect(lambda: painted.append(True))
    open_database = shell.ctx.open_database
    shell.ctx.open_database = lambda *args, **kwargs: opened.append(list(painted)) or open_database(*args, **kwargs)
    assert shell.ctx.db is None
    assert not login.sign_in_button.isEnabled()
    assert login.status.text() == "Opening the database…"
    qtbot.waitUntil(login.sign_in_button.isEnabled, timeout=10_000)
    assert opened == [[True]]  # once, after the first paint
    assert shell.ctx.db is not None and login.status.text() == ""


def test_a_wrong_password_is_refused_audited_and_said_in_the_users_language(shell, qtbot, uow_as):
    login = shell.start()
    sign_in(shell, qtbot, "clerk", "not-the-password")
    qtbot.waitUntil(lambda: login.status.text() == "Unknown user or wrong password.", timeout=10_000)
    assert shell.window is None and shell.ctx.actor is None
    assert login.password.text() == "" and login.sign_in_button.isEnabled()
    login.language.setCurrentIndex(login.language.findData("zh_CN"))  # switches the whole application
    assert login.status.text() == "用户不存在或密码错误。"
    assert login.sign_in_button.text() == "登录"
    with uow_as("admin", write=False) as uow:
        last = uow.session.execute(select(AuditEntry.action, AuditEntry.outcome, AuditEntry.username)
                                   .order_by(AuditEntry.id.desc()).limit(1)).one()
    assert tuple(last) == ("login", "refused", "clerk")


def _database_error_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "database_error" and w.isVisible()]
    return boxes[0] if boxes else None


@pytest.mark.parametrize("kind", ["unreachable", "empty"])
def test_a_database_that_cannot_be_used_is_said_clearly(kind, gui_app, tmp_path, qtbot):
    if kind == "unreachable":
        url, expected = f"sqlite:///{tmp_path}/no/such/folder/bwms.sqlite3", "cannot be reached or opened"
    else:
        url, expected = f"sqlite:///{tmp_path}/empty.sqlite3", "The database is empty. Run “bwms init” first."
    shell = Shell(gui_app, url, "dock-1", StationSettings(tmp_path / "ws.ini"))
    shell.translations.switch("en")
    quit_codes = []
    shell.quit = quit_codes.append  # the real one ends the test run's event loop
    try:
        login = shell.start()
        qtbot.waitUntil(lambda: _database_error_box() is not None, timeout=10_000)
        box = _database_error_box()
        assert expected in box.text()
        assert expected in login.status.text()
        assert not login.sign_in_button.isEnabled()
        box.close()
        assert quit_codes == [1]
    finally:
        shell.login.close()
        shell.close()


def _window(make_ctx, qtbot, role: str) -> MainWindow:
    load_all()
    window = MainWindow(make_ctx(role), "en")
    qtbot.addWidget(window)
    return window


def test_navigation_is_filtered_by_role(make_ctx, qtbot):
    clerk = _window(make_ctx, qtbot, "clerk")
    admin = _window(make_ctx, qtbot, "admin")
    customs = _window(make_ctx, qtbot, "customs")
    assert "inventory.stock" in clerk.entries
    assert not [k for k in clerk.entries if k.startswith(("admin.", "reports.", "customs."))]
    groups = [clerk.nav.topLevelItem(i).text(0) for i in range(clerk.nav.topLevelItemCount())]
    assert "Administration" not in groups
    assert {"admin.users", "admin.products", "admin.locations", "admin.warehouse"} <= set(admin.entries)
    assert "admin.users" not in customs.entries and "admin.products" in customs.entries
    for window in (clerk, admin, customs):
        wait_idle(qtbot, window.ctx)


def test_ctrl_number_opens_the_nth_screen(make_ctx, qtbot):
    window = _window(make_ctx, qtbot, "admin")
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    second = window.entries[1]
    assert window.stack.currentWidget() is window.screens[second]
    assert window.nav.currentItem().data(0, Qt.ItemDataRole.UserRole + 1) == second
    wait_idle(qtbot, window.ctx)


def test_the_device_status_is_said_once_on_every_screen(make_ctx, qtbot):
    """The status bar says the devices' state; no screen says it again above it (the devices and print-queue screens
    did: two identical lines one above the other)."""
    from ui.devices.status import DeviceStatus

    window = _window(make_ctx, qtbot, "admin")
    window.resize(1366, 768)
    window.show()
    for key in window.entries:
        window.open_screen(key)
        shown = [w for w in window.findChildren(DeviceStatus) if w.isVisible()]
        assert len(shown) == 1, key
    wait_idle(qtbot, window.ctx)


def test_the_device_status_reads_chinese_with_a_full_width_colon(make_ctx, qtbot, gui_app):
    from ui.devices.status import DeviceStatus
    from ui.i18n import Translations

    status = _window(make_ctx, qtbot, "clerk").findChild(DeviceStatus)
    assert status.texts()["scanner"] == "Scanner: keyboard"
    translations = Translations(gui_app)
    try:
        assert translations.switch("zh_CN")
        assert status.texts()["scanner"] == "扫描枪：键盘"  # was '扫描枪: 键盘'
        assert "打印队列：<b>正常</b>" in status.labels["queue"].text()
    finally:
        translations.switch("en")
    assert status.texts()["scanner"] == "Scanner: keyboard"


def test_the_language_switch_changes_every_text_at_run_time(shell, qtbot):
    shell.start()
    qtbot.waitUntil(lambda: shell.ctx.db is not None, timeout=10_000)
    shell.ctx.act_as(actor("admin"))
    shell.login.accept()  # as after a successful sign-in
    window = shell.window
    window.open_screen("inventory.stock")
    stock = window.screens["inventory.stock"]
    wait_idle(qtbot, shell.ctx)
    assert window.windowTitle() == "Bonded WMS"
    assert stock.findChild(QLabel, "screen_title").text() == "Stock"
    shell.switch_language("zh_CN")
    assert window.windowTitle() == "保税仓储管理系统"
    assert window.file_menu.title() == "文件(&F)"
    assert stock.findChild(QLabel, "screen_title").text() == "库存"
    assert stock.model.headerData(0, Qt.Orientation.Horizontal) == "商品编码"
    assert window.nav.topLevelItem(0).text(0) == "今日"  # the overview's group, first for every role
    assert window.user_label.text() == "admin（管理员），工作站 dock-1"
    assert shell.ctx.settings.language == "zh_CN"
    assert [a.isChecked() for a in window.language_group.actions()] == [False, True]
    shell.switch_language("en")
    assert stock.findChild(QLabel, "screen_title").text() == "Stock"
    assert window.file_menu.title() == "&File"


def test_sign_out_returns_to_the_sign_in_window(shell, qtbot):
    login = shell.start()
    sign_in(shell, qtbot, "supervisor", PASSWORD)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    shell.window.sign_out_action.trigger()
    assert shell.window is None and shell.ctx.actor is None
    assert shell.login is not None and shell.login is not login
    assert shell.login.isVisible()
    assert shell.login.username.text() == "supervisor"


def test_only_the_shown_screen_sets_how_small_the_window_may_get(make_ctx, qtbot):
    """The screen stack counts every page's minimum: a tall screen opened once (the pack station with a label)
    held every later screen of the day above 768 px. Hidden screens no longer count; the shown one still does."""
    window = _window(make_ctx, qtbot, "admin")
    window.show()
    tall = window.open_screen("packing.station")
    filler = QLabel("tall")  # inside the screen, as the pack station's label preview is
    filler.setMinimumHeight(2000)
    tall.layout().addWidget(filler)
    other = "orders.list"
    for key, tall_shown in ((other, False), ("packing.station", True), (other, False)):
        window.open_screen(key)
        QApplication.processEvents()  # the layout request the switch posts
        assert (window.minimumSizeHint().height() >= 2000) is tall_shown, key
    wait_idle(qtbot, window.ctx)


def test_importing_every_ui_module_registers_nothing(tmp_path):
    """Screens and the areas' banner and error texts are installed by the shell (`load_all`), never by an import:
    a fresh process that imports every ui module finds the registries as the shell module left them."""
    import subprocess
    import sys

    script = (
        "import importlib, pkgutil, ui\n"
        "from ui.error_text import TEXTS\n"
        "from ui.widgets.feedback import FEEDBACK_TEXTS\n"
        "from ui.shell.registry import SCREENS\n"
        "errors = len(TEXTS)\n"
        "for m in pkgutil.walk_packages(ui.__path__, 'ui.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(len(SCREENS), len(FEEDBACK_TEXTS), len(TEXTS) - errors)\n"
        "from ui.shell import load_all\n"
        "load_all()\n"
        "print(len(SCREENS) > 20, len(FEEDBACK_TEXTS) > 50, len(TEXTS) - errors > 20)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split("\n")
    assert out[0] == "0 0 0", out
    assert out[1] == "True True True", out
