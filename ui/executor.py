"""The one background thread that runs database work for the GUI: jobs in, results and errors back as signals."""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ui import collector

Callback = Callable[[Any], None]


class _Worker(QThread):
    """Takes jobs off a queue one at a time; `sig_finished(job id)` is queued to the executor on the GUI thread.

    This thread never lets go of the last reference to anything a job brought or produced. A job's callable
    is a closure made on the GUI thread and may hold QObjects that live there (a long job's JobState, a
    screen); if the worker dropped the last reference, Python would destroy such an object here, running its
    C++ destructor on the wrong thread while the GUI thread deletes its peers (the job's dialog, its
    connections) — a segfault now and then. So the executor keeps the callable until it has answered, the
    outcome is parked in `_outcomes` and every local dropped before the signal, and all of it is released
    on the GUI thread when the executor takes the outcome.
    """

    sig_finished = Signal(int)  # job id; its outcome waits in take(job_id)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("bwms-db-executor")
        self._jobs: queue.SimpleQueue[tuple[int, Callable[[], Any]] | None] = queue.SimpleQueue()
        self._outcomes: dict[int, tuple[bool, Any]] = {}  # job id → (succeeded, value or exception)
        self._lock = threading.Lock()

    def submit(self, job_id: int, fn: Callable[[], Any]) -> None:
        self._jobs.put((job_id, fn))

    def stop(self) -> None:
        self._jobs.put(None)

    def take(self, job_id: int) -> tuple[bool, Any]:
        """The finished job's outcome (GUI thread): from here on only the GUI thread holds it."""
        with self._lock:
            return self._outcomes.pop(job_id)

    def run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job_id, fn = job
            job = None
            try:
                outcome = (True, fn())
            except Exception as exc:  # noqa: BLE001 - every error goes back to the GUI, none is swallowed
                outcome = (False, exc)
            fn = None  # the executor still holds the callable: it is released on the GUI thread
            with self._lock:
                self._outcomes[job_id] = outcome
            outcome = None  # nothing of the job is left on this thread when the GUI thread takes it
            self.sig_finished.emit(job_id)


class DbExecutor(QObject):
    """Runs callables serially on one worker thread; `on_done`/`on_error` are called on the GUI thread.

    The worker's signal is connected to this QObject's slot (never to a lambda), so Qt queues it to the
    GUI thread (DEVICES.md §1.5); the outcome and the callbacks are then looked up and called here. The job
    callable, its result and its exception are all released on the GUI thread (see _Worker).
    """

    sig_idle = Signal()  # the queue ran empty: every submitted job has reported back

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collector.install()  # what dies in a cycle dies on the GUI thread, never on the worker (ui.collector)
        self._ids = itertools.count(1)
        # job id → (the job callable, on_done, on_error); the callable is kept so it dies on this thread
        self._pending: dict[int, tuple[Callable[[], Any], Callback | None, Callback | None]] = {}
        self._worker = _Worker()
        self._worker.sig_finished.connect(self._on_finished)
        self._worker.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, fn: Callable[[], Any], on_done: Callback | None = None,
               on_error: Callback | None = None) -> int:
        """Queue `fn()` for the worker thread; returns the job id."""
        job_id = next(self._ids)
        self._pending[job_id] = (fn, on_done, on_error)
        self._worker.submit(job_id, fn)
        return job_id

    @Slot(int)
    def _on_finished(self, job_id: int) -> None:
        succeeded, value = self._worker.take(job_id)
        _fn, on_done, on_error = self._pending.pop(job_id)
        try:
            if succeeded:
                if on_done is not None:
                    on_done(value)
            elif on_error is not None:
                on_error(value)
            else:
                import logging  # rare: imported here to keep the start-up light

                logging.getLogger(__name__).error("unhandled error in a database job", exc_info=value)
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
