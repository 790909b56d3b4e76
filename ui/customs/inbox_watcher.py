"""Watches the customs inbox: new receipt files are applied automatically, one pass at a time, debounced.

QFileSystemWatcher says the folder changed; a burst of files (a declaration client drops many) becomes one
pass after a quiet moment. A slow poll backs it up where the folder's file system sends no notifications
(network shares). Each pass runs on the DB thread and skips files already seen or already archived.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from app.customs.exchange import FileSignature, InboxPass, apply_new_receipts, deliver_outbox

if TYPE_CHECKING:
    from ui.context import AppContext

DEBOUNCE_MS = 500
POLL_MS = 30_000


class InboxWatcher(QObject):
    """Applies the receipts that appear in the inbox while it watches; says what each pass did."""

    sig_applied = Signal(object)  # an InboxPass that found new files (report, files, effects)
    sig_failed = Signal(object)   # a pass failed (the folder went away, the database is unreachable…)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder: Path | None = None
        self.known: dict[str, FileSignature] = {}
        self.passes = 0
        self._busy = self._again = False
        self._files = QFileSystemWatcher(self)
        self._files.directoryChanged.connect(self.poke)
        self._quiet = QTimer(self, singleShot=True, interval=debounce_ms)
        self._quiet.timeout.connect(self.look)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.look)

    @property
    def watching(self) -> bool:
        return self.folder is not None

    def watch(self, folder: Path) -> None:
        """Start (or move) watching `folder`; a first pass applies what arrived while nobody watched."""
        self.stop()
        self.folder = folder
        self._files.addPath(str(folder))
        self._poll.start()
        self.look()

    def stop(self) -> None:
        if self._files.directories():
            self._files.removePaths(self._files.directories())
        self._quiet.stop()
        self._poll.stop()
        self.folder = None

    def poke(self, *_args: object) -> None:
        """The folder changed: look once it has been quiet for a moment."""
        if self.watching:
            self._quiet.start()

    def look(self) -> None:
        if not self.watching:
            return
        if self._busy:  # files arrived during a pass: one more pass right after it
            self._again = True
            return
        self._busy = True
        known = dict(self.known)
        self.ctx.run(lambda uow: apply_new_receipts(uow, known), on_done=self._done, on_error=self._failed)

    def _done(self, result: InboxPass) -> None:
        self._busy = False
        self.passes += 1
        self.known = result.known
        if result.report.requests:  # cancellations that waited for the list number: their CEB623 goes out now
            self.ctx.run(deliver_outbox, on_error=self._failed_quietly)
        if result.files:
            self.sig_applied.emit(result)
        self._next()

    def _failed_quietly(self, exc: BaseException) -> None:
        self.sig_failed.emit(exc)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.passes += 1
        self.sig_failed.emit(exc)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.look()
