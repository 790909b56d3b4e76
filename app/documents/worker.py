"""The delivery loop of a station: one thread that keeps passing over the print queue.

It runs `services.printing.deliver_pending` every `interval_s`, and at once after `wake()` (called when
this station has just queued a job). Reports and errors go to callbacks on the worker thread; the Qt
bridge re-emits them as signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from app.devices.printer import Printer
from app.documents.queue import DeliveryReport, deliver_pending
from app.persistence.db import Database
from app.persistence.uow import SYSTEM, Actor


class PrintQueueWorker:
    """`worker = PrintQueueWorker(db, {"label": TcpPrinter(...)}); worker.start(); … worker.stop()`."""

    def __init__(self, db: Database, transports: Mapping[str, Printer], *, station: str | None = None,
                 interval_s: float = 2.0, on_report: Callable[[DeliveryReport], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None, actor: Actor = SYSTEM) -> None:
        self.db, self.station, self.interval_s, self.actor = db, station, interval_s, actor
        self._transports = dict(transports)
        self._on_report, self._on_error = on_report, on_error
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="print queue", daemon=True)

    def set_transports(self, transports: Mapping[str, Printer]) -> None:
        """Swap the printers (the station's device settings changed); takes effect on the next pass."""
        self._transports = dict(transports)
        self.wake()

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> bool:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def run_once(self) -> DeliveryReport:
        return deliver_pending(self.db, self._transports, station=self.station, actor=self.actor)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                report = self.run_once()
            except Exception as exc:  # noqa: BLE001 - the database went away: say so, keep trying
                if self._on_error is not None:
                    self._on_error(exc)
            else:
                if self._on_report is not None and (report.sent or report.waiting or report.interrupted):
                    self._on_report(report)
            self._wake.wait(self.interval_s)
