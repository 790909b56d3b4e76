"""The status line's backup indicator: the age of the last backup (any workstation's), amber after a day.

It also runs the daily backup when the setting `backup_daily` is on: every hour it asks app.admin.run_daily,
which makes the backup on one workstation per day; the copy runs on its own thread, never on the station's
database thread, so scanning goes on while it is made. Each hour it also writes the audit chain's head to an
anchor file outside the database (app.admin.audit.anchor), so a truncated audit log shows.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from app.admin import LastBackup, audit, last_backup, run_daily

if TYPE_CHECKING:
    from ui.context import AppContext

GREEN, AMBER = "#1b8a3a", "#b26a00"
REFRESH_MS = 10 * 60 * 1000
SCHEDULE_MS = 60 * 60 * 1000


class BackupStatus(QLabel):
    """"Last backup: 3 h ago" — amber and "(overdue)" when older than a day or when there is none."""

    sig_daily_done = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, schedule: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("status_backup")
        self.ctx = ctx
        self.last: LastBackup | None = None
        self._timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self._timer.start()
        self.sig_daily_done.connect(self.refresh)
        self._anchors = audit.anchor_folder()  # this workstation's data folder, as it was at start
        if schedule:
            self._schedule = QTimer(self, interval=SCHEDULE_MS, timeout=self.daily)
            self._schedule.start()
            QTimer.singleShot(60_000, self.daily)
        ctx.sig_changes_applied.connect(self._changes)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.ctx.actor is None:
            return
        self.ctx.run(last_backup, write=False, on_done=self.show_last, on_error=lambda _exc: None)

    def _changes(self, changes: object) -> None:
        if "audit" in {str(a) for a in getattr(changes, "areas", ())}:
            self.refresh()

    @Slot()
    def daily(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        if db is None or actor is None:
            return
        anchors = self._anchors

        def work() -> None:
            import logging

            try:
                if run_daily(db, actor) is not None:
                    self.sig_daily_done.emit()
            except Exception:  # logged; the indicator then shows the backup overdue
                logging.getLogger("bwms.backup").exception("the daily backup failed")
            try:
                audit.anchor(db, anchors)  # the audit chain's head, outside the database, every hour
            except Exception:  # logged; `bwms audit verify` still checks the chain itself
                logging.getLogger("bwms.audit").exception("the hourly audit anchor was not written")

        threading.Thread(target=work, name="daily-backup", daemon=True).start()

    def show_last(self, last: LastBackup) -> None:
        self.last = last
        self._retranslate()

    def age_text(self, age: timedelta | None) -> str:
        if age is None:
            return self.tr("no backup yet")
        hours = int(age.total_seconds() // 3600)
        if hours < 1:
            return self.tr("less than an hour ago")
        if hours < 48:
            return self.tr("%1 h ago").replace("%1", str(hours))
        return self.tr("%1 days ago").replace("%1", str(hours // 24))

    def _retranslate(self) -> None:
        if self.last is None:
            self.setText("")
            return
        overdue = self.last.overdue()
        text = self.tr("Last backup: %1").replace("%1", self.age_text(self.last.age()))
        if overdue:
            text += " " + self.tr("(overdue)")
        self.setAccessibleName(text)
        self.setText(f'<span style="color:{AMBER if overdue else GREEN}">●</span> {text}')
        self.setToolTip(self.last.file)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
