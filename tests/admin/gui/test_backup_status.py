"""The GUI parts of issue 17: the backup age in the status line, the About box's versions, Save a report."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from app.admin.backup import backup_database
from app.persistence.migrate import head_revision
from tests.conftest import actor
from tests.gui.helpers import wait_idle
from ui.admin.backup_status import BackupStatus
from ui.main_window import MainWindow

HEAD = head_revision()  # the schema this program works with


def test_status_line_shows_the_age_of_the_last_backup(make_ctx, qtbot, db, tmp_path: Path) -> None:
    ctx = make_ctx("supervisor")
    status = BackupStatus(ctx, schedule=False)
    qtbot.addWidget(status)
    qtbot.waitUntil(lambda: status.last is not None, timeout=30_000)
    assert status.accessibleName() == "Last backup: no backup yet (overdue)"
    backup_database(db, actor("supervisor"), tmp_path)
    status.refresh()
    qtbot.waitUntil(lambda: status.last is not None and status.last.at is not None, timeout=30_000)
    assert status.accessibleName() == "Last backup: less than an hour ago"
    assert status.toolTip().startswith("bwms-")


def test_about_box_and_report(make_ctx, qtbot, db, tmp_path: Path, monkeypatch) -> None:
    ctx = make_ctx("admin")
    window = MainWindow(ctx, "en")
    qtbot.addWidget(window)
    wait_idle(qtbot, ctx)
    from app.diagnostics import versions

    found = versions(db, window.qt_versions())
    text = window.about_text(found)
    assert "Qt: 6." in text and f"Schema: {HEAD} (this program: {HEAD})" in text
    assert ("SQLite " in text) if db.is_sqlite else ("PostgreSQL " in text)
    assert window.report_action.text() == "Save a &report…"
    target = tmp_path / "report.zip"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.report_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    wait_idle(qtbot, ctx)
    with zipfile.ZipFile(target) as bundle:
        assert set(bundle.namelist()) == {"versions.json", "settings.json", "bwms.log", "crash.log"}
        assert json.loads(bundle.read("versions.json"))["qt"].startswith("6.")
        assert "sale_lock_days" in json.loads(bundle.read("settings.json"))
