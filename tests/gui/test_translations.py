"""Every visible string of ui/ has a Simplified Chinese translation; error codes are translated; CJK renders."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFontDatabase

from app.errors import AuthenticationFailed, FileRejected, PermissionDenied, Rejected, RowError, SchemaOutOfDate
from ui import i18n
from ui.error_text import TEXTS, describe

PLACEHOLDERS = re.compile(r"%\d|\{\w+\}|&\w")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(ts_path):
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message.findtext("source"), message.find("translation")


@pytest.mark.parametrize("catalogue", list(i18n.CATALOGUES))
def test_every_ui_string_has_a_chinese_translation(tmp_path, catalogue):
    """lupdate over a catalogue's ui/ files into a copy of its .ts: a new string shows up as unfinished."""
    if not i18n.sources(catalogue):
        pytest.skip(f"no ui files for the {catalogue} catalogue yet")
    assert i18n.ts_file("zh_CN", catalogue).exists(), "run `python -m ui.i18n update` to create it"
    fresh = tmp_path / f"{catalogue}_zh_CN.ts"
    shutil.copy(i18n.ts_file("zh_CN", catalogue), fresh)
    assert i18n.update(fresh, catalogue=catalogue) == 0
    missing = [(ctx, src) for ctx, src, tr in _messages(fresh)
               if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()]
    assert missing == [], "untranslated (run `python -m ui.i18n update` and translate): " + repr(missing[:20])


def test_each_string_stands_in_one_catalogue(tmp_path):
    """lupdate over every catalogue's ui/ files: no (context, source) in two catalogues — `compile` merges them
    into one .qm and lrelease would drop the copy ("dropping duplicate messages"). A text two areas share is
    marked once in a shared file (ui.models.paged.Header, ui.widgets.tables.ColHeader, ui.widgets.feedback)."""
    where: dict[tuple[str, str], list[str]] = {}
    for catalogue in i18n.CATALOGUES:
        if not i18n.sources(catalogue):
            continue
        fresh = tmp_path / f"{catalogue}_zh_CN.ts"
        assert i18n.update(fresh, catalogue=catalogue) == 0
        for ctx, src, _tr in _messages(fresh):
            where.setdefault((ctx, src), []).append(catalogue)
    twice = {key: names for key, names in where.items() if len(names) > 1}
    assert twice == {}, "marked in several catalogues (mark it once in a shared file): " + repr(twice)


def test_translations_keep_their_placeholders_and_are_chinese():
    for ctx, src, tr in (m for ts in i18n.ts_files("zh_CN") for m in _messages(ts)):
        text = tr.text or ""
        wanted = sorted(p for p in PLACEHOLDERS.findall(src) if not p.startswith("&"))
        got = sorted(p for p in PLACEHOLDERS.findall(text) if not p.startswith("&"))
        assert got == wanted, (ctx, src, text)
        if "&" in src.replace("&&", ""):
            assert "&" in text, f"{ctx}: the keyboard accelerator of {src!r} is lost"
        if CJK.search(src) is None and re.search(r"[A-Za-z]{3}", src):
            assert CJK.search(text), f"{ctx}: {src!r} is not translated into Chinese: {text!r}"


def test_the_compiled_catalogue_loads_and_switches(gui_app):
    assert i18n.qm_file("zh_CN").exists()
    translations = i18n.Translations(gui_app)
    try:
        assert translations.switch("zh_CN") and i18n.chinese_on_screen()
        assert gui_app.translate("LoginDialog", "Sign in") == "登录"
        assert gui_app.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs follow
        assert translations.switch("en") and not i18n.chinese_on_screen()
        assert gui_app.translate("LoginDialog", "Sign in") == "Sign in"
    finally:
        translations.release()


def test_app_errors_become_chinese_sentences(gui_app):
    translations = i18n.Translations(gui_app)
    translations.switch("zh_CN")
    try:
        for code in TEXTS:
            assert CJK.search(gui_app.translate("ErrorText", TEXTS[code])), code
        denied = describe(PermissionDenied("clerk may not user admin", permission="user_admin", role="clerk"))
        assert denied.text == "您的角色（仓管员）无权管理用户，未作任何更改。"
        assert denied.detail == "clerk may not user admin"
        assert describe(AuthenticationFailed("unknown user", username="x")).text == "用户不存在或密码错误。"
        old = describe(SchemaOutOfDate("schema old", current="0001", head="0004"))
        assert "0001" in old.text and "0004" in old.text and "bwms init" in old.text
        refused = describe(FileRejected([RowError("p.csv", 3, "gtin", "bad check digit")]))
        assert refused.code == "file_rejected" and CJK.search(refused.text)
        unknown = describe(Rejected("lot L1 is on hold", code="lot_on_hold"))
        assert unknown.text == "操作失败。" and unknown.detail == "lot L1 is on hold"
        crash = describe(KeyError("boom"))
        assert crash.code == "unexpected" and CJK.search(crash.text) and "KeyError" in crash.detail
    finally:
        translations.release()


def test_a_chinese_font_is_available(gui_app):
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert "WenQuanYi Micro Hei" in gui_app.font().families()


def test_a_lost_database_connection_is_said_as_such():
    from sqlalchemy.exc import OperationalError

    lost = describe(OperationalError("SELECT 1", {}, Exception("connection refused")))
    assert lost.code == "database_unavailable" and lost.text == "The database cannot be reached or opened."
