"""The one background thread that runs database work for the GUI: jobs in, results and errors back as signals."""

from __future__ import annotations

import itertools
import queue
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Callback = Callable[[Any], None]


class _Worker(QThread):
    """Takes jobs off a queue one at a time; its signals are queued to the executor on the GUI thread."""

    sig_done = Signal(int, object)    # job id, the job's return value
    sig_failed = Signal(int, object)  # job id, the exception it raised

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("bwms-db-executor")
        self._jobs: queue.SimpleQueue[tuple[int, Callable[[], Any]] | None] = queue.SimpleQueue()

    def submit(self, job_id: int, fn: Callable[[], Any]) -> None:
        self._jobs.put((job_id, fn))

    def stop(self) -> None:
        self._jobs.put(None)

    def run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job_id, fn = job
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001 - every error goes back to the GUI, none is swallowed
                self.sig_failed.emit(job_id, exc)
            else:
                self.sig_done.emit(job_id, result)


class DbExecutor(QObject):
    """Runs callables serially on one worker thread; `on_done`/`on_error` are called on the GUI thread.

    The worker's signals are connected to this QObject's slots (never to lambdas), so Qt queues them to the
    GUI thread (DEVICES.md §1.5); the callbacks are then looked up and called here.
    """

    sig_idle = Signal()  # the queue ran empty: every submitted job has reported back

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._worker = _Worker()
        self._worker.sig_done.connect(self._on_done)
        self._worker.sig_failed.connect(self._on_failed)
        self._worker.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, fn: Callable[[], Any], on_done: Callback | None = None,
               on_error: Callback | None = None) -> int:
        """Queue `fn()` for the worker thread; returns the job id."""
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        self._worker.submit(job_id, fn)
        return job_id

    @Slot(int, object)
    def _on_done(self, job_id: int, result: Any) -> None:
        on_done, _ = self._pending.pop(job_id, (None, None))
        try:
            if on_done is not None:
                on_done(result)
        finally:
            self._emit_idle()

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: BaseException) -> None:
        _, on_error = self._pending.pop(job_id, (None, None))
        try:
            if on_error is not None:
                on_error(exc)
            else:
                import logging  # rare: imported here to keep the start-up light

                logging.getLogger(__name__).error("unhandled error in a database job", exc_info=exc)
        finally:
            self._emit_idle()

    def _emit_idle(self) -> None:
        if not self._pending:
            self.sig_idle.emit()

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Let the running job finish, drop nothing already queued, then stop the thread."""
        if self._worker.isRunning():
            self._worker.stop()
            self._worker.wait(timeout_ms)
