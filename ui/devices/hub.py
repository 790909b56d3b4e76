"""The station's devices, started from its saved settings: one scanner, one scale, one label printer and
the delivery loop of its print queue. Screens reach it with `devices_of(ctx)` and listen to its signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from app.devices.printer import Printer, printer_for
from ui.devices.bridges import PrinterBridge, PrintQueueBridge, ScaleBridge, ScannerBridge
from ui.devices.device_settings import StationDevices, load, settings_file

if TYPE_CHECKING:
    from ui.context import AppContext

PRINTER_POLL_MS = 10_000


class DeviceHub(QObject):
    """Owns the device bridges; `apply(StationDevices)` restarts them with new settings."""

    sig_scanned = Signal(object)        # Scan from the serial scanner
    sig_bad_read = Signal(object)       # BadRead from the serial scanner
    sig_weight = Signal(object)         # Decimal kg each time the scale settles
    sig_status_changed = Signal()       # any device connected, disconnected, or its printer status changed
    sig_queue_report = Signal(object)   # DeliveryReport of a delivery pass that did something

    def __init__(self, ctx: AppContext, devices: StationDevices | None = None) -> None:
        super().__init__(ctx)
        self.setObjectName("device_hub")
        self.ctx = ctx
        self.devices = devices if devices is not None else load(settings_file(ctx.settings.path))
        self.scanner: ScannerBridge | None = None
        self.scale: ScaleBridge | None = None
        self.printer: PrinterBridge | None = None
        self.queue: PrintQueueBridge | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(PRINTER_POLL_MS)
        self._poll.timeout.connect(self.check_printer)
        ctx.sig_actor_changed.connect(self._actor_changed)
        self.apply(self.devices)

    def apply(self, devices: StationDevices) -> None:
        """Stop what runs, start what `devices` names (empty fields start nothing)."""
        self.stop()
        self.devices = devices
        if devices.scanner_url:
            self.scanner = ScannerBridge(devices.scanner_url, devices.scanner_baud, self)
            self.scanner.sig_scanned.connect(self.sig_scanned)
            self.scanner.sig_bad_read.connect(self.sig_bad_read)
            self._watch(self.scanner)
            self.scanner.start()
        if devices.scale_url:
            self.scale = ScaleBridge(devices.scale_url, devices.scale_protocol, devices.scale_baud, self)
            self.scale.sig_stable.connect(self.sig_weight)
            self._watch(self.scale)
            self.scale.start()
        printer = self.label_printer()
        if printer is not None:
            self.printer = PrinterBridge(printer, self)
            self.printer.sig_status.connect(self._status_changed)
            self.check_printer()
            self._poll.start()
        self.start_queue()
        self.sig_status_changed.emit()

    def label_printer(self) -> Printer | None:
        if not self.devices.label_printer:
            return None
        try:
            return printer_for(self.devices.label_printer)
        except ValueError:
            return None

    def start_queue(self) -> None:
        """Deliver this station's label jobs (once the database is open and someone is signed in)."""
        printer = self.label_printer()
        if printer is None or self.ctx.db is None or self.ctx.actor is None or self.queue is not None:
            return
        from app.documents.queue import LABEL_PRINTER

        self.queue = PrintQueueBridge({"db": self.ctx.db, "transports": {LABEL_PRINTER: printer},
                                       "station": self.ctx.station, "actor": self.ctx.actor}, self)
        self.queue.sig_report.connect(self.sig_queue_report)
        self.queue.sig_error.connect(self.ctx.sig_error)
        self.queue.start()

    @Slot()
    def _actor_changed(self) -> None:
        """Deliver as whoever is signed in now; nobody signed in: the queue waits for the next sign-in."""
        if self.queue is not None:
            self.queue.stop()
            self.queue.deleteLater()
            self.queue = None
        self.start_queue()

    def wake_queue(self) -> None:
        if self.queue is not None:
            self.queue.wake()

    @Slot()
    def check_printer(self) -> None:
        if self.printer is not None:
            self.printer.check()

    def _watch(self, bridge: ScannerBridge | ScaleBridge) -> None:
        bridge.sig_connected.connect(self._status_changed)
        bridge.sig_disconnected.connect(self._status_changed)

    @Slot()
    def _status_changed(self, *_args: object) -> None:
        self.sig_status_changed.emit()

    def stop(self) -> None:
        self._poll.stop()
        for bridge in (self.scanner, self.scale, self.queue):
            if bridge is not None:
                bridge.stop()
                bridge.deleteLater()
        if self.printer is not None:
            self.printer.deleteLater()
        self.scanner = self.scale = self.printer = self.queue = None


def devices_of(ctx: AppContext) -> DeviceHub:
    """The station's hub, made on first use as a child of the context (so it closes with it)."""
    hub = ctx.findChild(DeviceHub, "device_hub")
    if hub is None:
        hub = DeviceHub(ctx)
        QCoreApplication.instance().aboutToQuit.connect(hub.stop)
    return hub
