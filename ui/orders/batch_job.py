"""Long order and customs jobs that commit batch by batch: ui/jobs.py's progress dialog, but Cancel keeps work.

The order import, the export and the receipts commit each finished batch (app.persistence.jobs), so a
cancelled job cannot be rolled back whole: it stops after the current batch, commits what it finished, and
its report says it was cancelled. The screens say exactly that to the user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.executor import Callback
from ui.jobs import JobDialog, JobState

if TYPE_CHECKING:
    from ui.context import AppContext

# fn(uow, progress(done, total), cancelled() -> bool) -> report
BatchedFn = Callable[[Any, Callable[[int, int], None], Callable[[], bool]], Any]


def run_batched(ctx: AppContext, parent: QWidget | None, title: str, fn: BatchedFn, *, on_done: Callback,
                on_error: Callback, on_progress: Callable[[int], None] | None = None) -> JobState:
    """Start `fn` on the DB executor with a progress dialog; the state is returned (tests press Cancel on it)."""
    state = JobState()
    dialog = JobDialog(title, parent)
    state.sig_progress.connect(dialog.show_progress)
    state.sig_status.connect(dialog.show_status)
    if on_progress is not None:
        state.sig_progress.connect(on_progress)
    dialog.canceled.connect(state.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText(QCoreApplication.translate(
        "BatchJob", "Stopping after the current batch…")))

    def progress(done: int, total: int) -> None:
        state.set_progress(100 * done / total if total else 100)
        state.set_status(QCoreApplication.translate("BatchJob", "%1 of %2 done").replace("%1", str(done))
                         .replace("%2", str(total)))

    def finish(callback: Callback, value: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        callback(value)

    ctx.run(lambda uow: fn(uow, progress, lambda: state.cancelled), write=True,
            on_done=lambda report: finish(on_done, report), on_error=lambda exc: finish(on_error, exc))
    return state
