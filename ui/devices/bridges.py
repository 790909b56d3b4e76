"""Qt bridges: device threads call back on their own threads; these re-emit the callbacks as signals on the
GUI thread.

PySide6 runs a lambda or free function connected to a cross-thread signal in the *emitting* thread
(DEVICES.md §1.5). So device threads only ever emit the signals of a `_Relay` that lives in the GUI thread;
the relay is connected to the bridge's slots (QObject methods, hence queued to the GUI thread), and the
bridge emits its public `sig_*` signals from there. Anything connected to those runs on the GUI thread.
"""

from __future__ import annotations

import threading
from decimal import Decimal

from PySide6.QtCore import QObject, Signal, Slot

from app.devices.printer import Printer, PrinterNotReady, PrinterOffline
from app.devices.problems import DeviceProblem
from app.devices.scale import ScaleError, SerialScale
from app.devices.scanner import SerialScanner
from app.documents.worker import PrintQueueWorker


class _Relay(QObject):
    """Emitted from device threads only; received by a bridge's slots in the GUI thread."""

    scanned = Signal(object)
    bad_read = Signal(object)
    connected = Signal(str)
    disconnected = Signal(object)  # app.devices.problems.DeviceProblem
    value = Signal(object)
    failed = Signal(object)  # why, in words or as a DeviceProblem (a printer's)


class DeviceBridge(QObject):
    """What every device shows on screen: connected or not, and why not, in words."""

    sig_connected = Signal(str)     # the port that was opened
    sig_disconnected = Signal(object)  # why it is not connected (a DeviceProblem; str() is its English)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.relay = _Relay(self)
        self.relay.connected.connect(self._on_connected)
        self.relay.disconnected.connect(self._on_disconnected)
        self.connected = False
        self.reason: DeviceProblem | str = ""  # why not (ui.vocabulary.device_problem says it in the user's language)

    @Slot(str)
    def _on_connected(self, port: str) -> None:
        self.connected, self.reason = True, ""
        self.sig_connected.emit(port)

    @Slot(object)
    def _on_disconnected(self, reason: DeviceProblem) -> None:
        self.connected, self.reason = False, reason
        self.sig_disconnected.emit(reason)


class ScannerBridge(DeviceBridge):
    """A serial scanner; `sig_scanned(Scan)` for every barcode, `sig_bad_read(BadRead)` for noise."""

    sig_scanned = Signal(object)   # app.devices.scanner.Scan
    sig_bad_read = Signal(object)  # app.devices.scanner.BadRead

    def __init__(self, url: str, baudrate: int = 9600, parent: QObject | None = None,
                 reconnect_s: float = 0.5) -> None:
        super().__init__(parent)
        self.relay.scanned.connect(self._on_scanned)
        self.relay.bad_read.connect(self._on_bad_read)
        self.scanner = SerialScanner(url, baudrate=baudrate, reconnect_s=reconnect_s,
                                     on_scan=self.relay.scanned.emit, on_bad_read=self.relay.bad_read.emit,
                                     on_connected=self.relay.connected.emit,
                                     on_disconnected=self.relay.disconnected.emit)

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> bool:
        return self.scanner.stop()

    @Slot(object)
    def _on_scanned(self, scan: object) -> None:
        self.sig_scanned.emit(scan)

    @Slot(object)
    def _on_bad_read(self, bad: object) -> None:
        self.sig_bad_read.emit(bad)


class ScaleBridge(DeviceBridge):
    """A serial scale; `sig_stable(Decimal)` when it settles; `weigh()` answers with `sig_weighed` or
    `sig_weigh_failed` (the wait runs on a short-lived thread, never on the GUI thread)."""

    sig_stable = Signal(object)       # Decimal kg, each time the weight settles
    sig_weighed = Signal(object)      # Decimal kg, the answer to weigh()
    sig_weigh_failed = Signal(object)  # why there is no weight: the ScaleError (its code says it), or words

    def __init__(self, url: str, protocol: str, baudrate: int = 9600, parent: QObject | None = None,
                 reconnect_s: float = 0.5) -> None:
        super().__init__(parent)
        self._stable_relay = _Relay(self)
        self._stable_relay.value.connect(self._on_stable)
        self.relay.value.connect(self._on_weighed)
        self.relay.failed.connect(self._on_failed)
        self.scale = SerialScale(url, protocol, baudrate=baudrate, reconnect_s=reconnect_s,
                                 on_stable=self._stable_relay.value.emit,
                                 on_connected=self.relay.connected.emit,
                                 on_disconnected=self.relay.disconnected.emit)

    def start(self) -> None:
        self.scale.start()

    def stop(self) -> bool:
        return self.scale.stop()

    def weigh(self, timeout_s: float = 5.0) -> None:
        def wait() -> None:
            try:
                self.relay.value.emit(self.scale.weigh(timeout_s))
            except ScaleError as exc:  # overload, not settled, no answer…: the station words its code
                self.relay.failed.emit(exc)
            except Exception as exc:  # noqa: BLE001 - every other failure reaches the station in words
                self.relay.failed.emit(str(exc) or type(exc).__name__)

        threading.Thread(target=wait, name="weigh", daemon=True).start()

    @Slot(object)
    def _on_stable(self, kg: Decimal) -> None:
        self.sig_stable.emit(kg)

    @Slot(object)
    def _on_weighed(self, kg: Decimal) -> None:
        self.sig_weighed.emit(kg)

    @Slot(object)
    def _on_failed(self, reason: object) -> None:
        self.sig_weigh_failed.emit(reason)


class PrinterBridge(DeviceBridge):
    """A label printer's status, asked off the GUI thread: `check()` → `sig_status(ready, words)`."""

    sig_status = Signal(bool, str)     # ready?, "ready" / "paper out" / "offline: …"
    sig_delivered = Signal(bool, object)  # the answer to deliver(): sent?, why not (a DeviceProblem, or words)

    def __init__(self, printer: Printer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.relay.value.connect(self._on_status)
        self.relay.failed.connect(self._on_delivered)
        self._busy = threading.Lock()
        self.problems: tuple[str, ...] = ()  # what keeps it from printing, as codes (vocabulary "printer_problem")
        self.offline = False                 # the last check did not reach it

    def deliver(self, payload: bytes) -> None:
        """Send one job straight to the printer (device tests); the print queue is for real documents."""
        def send() -> None:
            try:
                self.printer.deliver(payload)
                self.relay.failed.emit("")
            except (PrinterOffline, PrinterNotReady) as exc:
                self.relay.failed.emit(exc.problem)
            except OSError as exc:
                self.relay.failed.emit(str(exc) or type(exc).__name__)

        threading.Thread(target=send, name="printer test", daemon=True).start()

    @Slot(object)
    def _on_delivered(self, reason: DeviceProblem | str) -> None:
        self.sig_delivered.emit(not reason, reason)

    def check(self) -> None:
        if not self._busy.acquire(blocking=False):
            return  # a check is already under way

        def ask() -> None:
            # release before telling: whoever reacts to the answer may ask again at once
            try:
                status = self.printer.status()
                answer = (status.ready, status.words(), tuple(status.problem_codes), False, "")
            except PrinterOffline as exc:
                answer = (False, f"offline: {exc.message}", (), True, exc.problem)
            finally:
                self._busy.release()
            self.relay.value.emit(answer)

        threading.Thread(target=ask, name="printer status", daemon=True).start()

    @Slot(object)
    def _on_status(self, status: tuple[bool, str, tuple[str, ...], bool, DeviceProblem | str]) -> None:
        ready, words, self.problems, self.offline, why = status
        self.connected, self.reason = ready, why or ("" if ready else words)
        self.sig_status.emit(ready, words)


class PrintQueueBridge(QObject):
    """The station's delivery loop; `sig_report(DeliveryReport)` after a pass that did something."""

    sig_report = Signal(object)  # app.documents.queue.DeliveryReport
    sig_error = Signal(object)   # an exception from a pass (e.g. the database went away)

    def __init__(self, worker_args: dict, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.relay = _Relay(self)
        self.relay.value.connect(self._on_report)
        self.relay.bad_read.connect(self._on_error)
        self.worker = PrintQueueWorker(**worker_args, on_report=self.relay.value.emit,
                                       on_error=self.relay.bad_read.emit)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> bool:
        return self.worker.stop()

    def wake(self) -> None:
        self.worker.wake()

    @Slot(object)
    def _on_report(self, report: object) -> None:
        self.sig_report.emit(report)

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self.sig_error.emit(exc)
