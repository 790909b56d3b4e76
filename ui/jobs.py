"""Long jobs (imports, big reports): a plain function that reports progress and checks cancel, and its dialog.

The function is `fn(uow, state)`; it calls `state.set_progress(percent)`, `state.set_status(text)` and
`state.check()` (raises JobCancelled once the user pressed Cancel). Tests run such functions with any object
that has those methods, no widget needed. A cancelled job raises, so its unit of work is rolled back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ui.executor import Callback

if TYPE_CHECKING:
    from ui.context import AppContext


class JobCancelled(Exception):
    """The user cancelled a long job; its transaction was rolled back, nothing was changed."""

    code = "job_cancelled"
    params: dict[str, Any] = {}
    message = "cancelled: nothing was changed"


class JobState(QObject):
    """The progress/cancel object a job function gets; safe to call from the DB thread."""

    sig_progress = Signal(int)   # 0–100 (emitted on the DB thread, queued to the dialog)
    sig_status = Signal(str)     # one line saying what the job is doing

    def __init__(self) -> None:
        super().__init__()
        self._cancelled = threading.Event()

    def set_progress(self, percent: float) -> None:
        self.sig_progress.emit(max(0, min(100, round(percent))))

    def set_status(self, text: str) -> None:
        self.sig_status.emit(text)

    @Slot()
    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise JobCancelled("cancelled: nothing was changed")


class JobDialog(QProgressDialog):
    """A modal progress bar with Cancel for one job; busy (no percentage) until the job reports progress."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(title)
        self.setCancelButtonText(QCoreApplication.translate("JobDialog", "Cancel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)  # quick jobs never flash a dialog
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)
        self.setMinimumWidth(420)

    @Slot(int)
    def show_progress(self, percent: int) -> None:
        if self.maximum() == 0:
            self.setRange(0, 100)
        self.setValue(percent)

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.setLabelText(text)

    def end(self) -> None:
        """Close for good. If it was on screen, the window it covered is made active again, so the user's next key
        (a screen's F-key, a scan) goes there at once: without a window manager (a kiosk session, the offscreen
        platform) nothing else gives it back and no window takes the keys. It shows only once the job outlasts its
        minimum duration, so the keys were lost after a slow job only (on a loaded machine)."""
        shown, active = self.isVisible(), QApplication.activeWindow()
        self.close()
        self.deleteLater()
        parent = self.parentWidget()
        if shown and parent is not None and active in (None, self, parent.window()):
            parent.window().activateWindow()


def run_job(ctx: AppContext, parent: QWidget | None, title: str, fn: Callable[[Any, JobState], Any], *,
            write: bool = True, on_done: Callback | None = None, on_error: Callback | None = None) -> JobState:
    """Start `fn(uow, state)` on the DB executor with a progress dialog; returns the state (tests cancel it)."""
    state = JobState()
    dialog = JobDialog(title, parent)
    state.sig_progress.connect(dialog.show_progress)
    state.sig_status.connect(dialog.show_status)
    dialog.canceled.connect(state.cancel)

    def body(uow: Any) -> Any:
        result = fn(uow, state)
        state.check()  # cancelled while finishing: still roll back
        return result

    def finish(callback: Callback | None, value: Any) -> None:
        dialog.end()
        if callback is not None:
            callback(value)
        elif isinstance(value, BaseException):
            ctx.sig_error.emit(value)

    ctx.run(body, write=write, on_done=lambda result: finish(on_done, result),
            on_error=lambda exc: finish(on_error, exc))
    return state
