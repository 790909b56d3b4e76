"""Device settings of this workstation: choose each device, test it on the spot, save it (QSettings)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.devices.check_label import check_label, check_label_zpl
from app.devices.scale import CONTINUOUS, SICS
from app.devices.scanner import GS, Scan
from app.devices.serial_link import available_ports
from printing.label import to_png
from ui.devices.bridges import PrinterBridge
from ui.devices.device_settings import StationDevices, save, settings_file
from ui.devices.documents import system_printers
from ui.devices.hub import devices_of
from ui.devices.wedge import WedgeFilter
from ui.shell.screen import Screen, heading
from ui.vocabulary import device_problem

SCAN_WAIT_MS = 20_000


def _port_box(current: str) -> QComboBox:
    box = QComboBox(editable=True)
    box.addItem("")
    for device, description in available_ports():
        box.addItem(device, description)
    box.setCurrentText(current)
    return box


def _baud_box(current: int) -> QSpinBox:
    box = QSpinBox(minimum=1200, maximum=921_600, singleStep=9600)
    box.setValue(current)
    return box


def describe_scan(scan: Scan) -> str:
    """A scan in words for the person testing: the data with GS shown, and what symbology it was."""
    shown = scan.data.replace(GS, "<GS>")
    kind = f"{scan.symbology} {scan.aim}" if scan.aim else "no AIM identifier"
    return f"{shown}  ({kind}{', GS1' if scan.is_gs1 else ''})"


class DeviceSettingsScreen(Screen):
    """Scanner, scale and printers of this station; each has a test button that uses the values shown."""

    def __init__(self, ctx) -> None:  # noqa: ANN001 - ui.context.AppContext
        super().__init__(ctx)
        self.hub = devices_of(ctx)
        self._waiting_for_scan = False
        self._scale_seen: object = None
        self._scan_timeout = QTimer(self, singleShot=True, interval=SCAN_WAIT_MS)
        self._scan_timeout.timeout.connect(self._scan_timed_out)
        self.wedge = WedgeFilter(self, max_gap_ms=self.hub.devices.wedge_gap_ms)
        self.wedge.sig_scanned.connect(lambda text: self._scanned(Scan.of(text)))
        self._build(self.hub.devices)
        self.hub.sig_scanned.connect(self._scanned)
        self.retranslate_ui()

    def _build(self, d: StationDevices) -> None:
        self.title = heading()
        self.scanner_url, self.scanner_baud = _port_box(d.scanner_url), _baud_box(d.scanner_baud)
        self.wedge_gap = QSpinBox(minimum=5, maximum=200, value=d.wedge_gap_ms, suffix=" ms")
        self.scale_url, self.scale_baud = _port_box(d.scale_url), _baud_box(d.scale_baud)
        self.scale_protocol = QComboBox()
        self.scale_protocol.addItem("ST,GS,+  1.234kg", CONTINUOUS)
        self.scale_protocol.addItem("MT-SICS (S → S S 1.234 kg)", SICS)
        self.scale_protocol.setCurrentIndex(max(0, self.scale_protocol.findData(d.scale_protocol)))
        self.label_printer = QLineEdit(d.label_printer, placeholderText="192.168.1.50:9100, /dev/ttyUSB0, COM3")
        self.document_printer = QComboBox(editable=True)
        self.document_printer.addItem("")
        self.document_printer.addItems(system_printers())
        self.document_printer.setCurrentText(d.document_printer)
        self.test_scan, self.test_weight = QPushButton(objectName="test_scan"), QPushButton(objectName="test_weight")
        self.test_print, self.save_button = QPushButton(objectName="test_print"), QPushButton(objectName="save")
        self.result = QLabel(objectName="test_result", wordWrap=True)
        self.preview = QLabel(objectName="label_preview")
        self.test_scan.clicked.connect(self.scan_test)
        self.test_weight.clicked.connect(self.weight_test)
        self.test_print.clicked.connect(self.print_test)
        self.save_button.clicked.connect(self.save)
        self._lay_out()

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.scanner_row, self.scale_row = QHBoxLayout(), QHBoxLayout()
        for row, widgets in ((self.scanner_row, (self.scanner_url, self.scanner_baud, self.test_scan)),
                             (self.scale_row, (self.scale_url, self.scale_protocol, self.scale_baud,
                                               self.test_weight))):
            for w in widgets:
                row.addWidget(w, 1 if w in (self.scanner_url, self.scale_url) else 0)
        printer_row = QHBoxLayout()
        printer_row.addWidget(self.label_printer, 1)
        printer_row.addWidget(self.test_print)
        self.row_labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.row_labels, (self.scanner_row, self.wedge_gap, self.scale_row, printer_row,
                                                  self.document_printer)):
            self.form.addRow(label, field)
        box = QGroupBox()
        box.setLayout(self.form)
        layout = QVBoxLayout(self)
        for w in (self.title, box, self.save_button, self.result, self.preview):
            layout.addWidget(w)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Devices of this workstation"))
        labels = [self.tr("Serial scanner (empty: keyboard only)"), self.tr("Keyboard scanner key gap"),
                  self.tr("Scale"), self.tr("Label printer"), self.tr("Document printer (empty: ask)")]
        for label, text in zip(self.row_labels, labels):
            label.setText(text)
        self.test_scan.setText(self.tr("Scan a test barcode"))
        self.test_weight.setText(self.tr("Read a weight"))
        self.test_print.setText(self.tr("Print a test label"))
        self.save_button.setText(self.tr("Save for this workstation"))

    def form_devices(self) -> StationDevices:
        return StationDevices(
            scanner_url=self.scanner_url.currentText().strip(), scanner_baud=self.scanner_baud.value(),
            wedge_gap_ms=self.wedge_gap.value(), scale_url=self.scale_url.currentText().strip(),
            scale_protocol=self.scale_protocol.currentData(), scale_baud=self.scale_baud.value(),
            label_printer=self.label_printer.text().strip(),
            document_printer=self.document_printer.currentText().strip())

    def _apply_form(self) -> None:
        """Tests use the values on screen: restart the devices with them if they changed."""
        wanted = self.form_devices()
        self.wedge.max_gap_s = wanted.wedge_gap_ms / 1000
        if wanted != self.hub.devices:
            self.hub.apply(wanted)

    @Slot()
    def save(self) -> None:
        devices = self.form_devices()
        save(settings_file(self.ctx.settings.path), devices)
        self._apply_form()
        self._say(self.tr("Saved for workstation %1.").replace("%1", self.ctx.station))

    @Slot()
    def scan_test(self) -> None:
        self._apply_form()
        self._waiting_for_scan = True
        self.wedge.watch(self)
        self._scan_timeout.start()
        self._say(self.tr("Scan any barcode now (serial or keyboard scanner)…"))

    @Slot(object)
    def _scanned(self, scan: Scan) -> None:
        if not self._waiting_for_scan:
            return
        self._end_scan_test()
        self._say(self.tr("Scanned: %1").replace("%1", describe_scan(scan)))

    def _scan_timed_out(self) -> None:
        self._end_scan_test()
        reason = device_problem(self.hub.scanner.reason) if self.hub.scanner is not None else ""
        self._say(self.tr("No scan arrived. %1").replace("%1", reason))

    def _end_scan_test(self) -> None:
        self._waiting_for_scan = False
        self._scale_seen: object = None
        self._scan_timeout.stop()
        self.wedge.unwatch()

    @Slot()
    def weight_test(self) -> None:
        self._apply_form()
        scale = self.hub.scale
        if scale is None:
            self._say(self.tr("No scale is set for this workstation."))
            return
        if scale is not self._scale_seen:  # a new bridge after the settings changed: listen to it once
            scale.sig_weighed.connect(self._weighed)
            scale.sig_weigh_failed.connect(self._say)
            self._scale_seen = scale
        self._say(self.tr("Reading the scale…"))
        scale.weigh()

    @Slot(object)
    def _weighed(self, kg: Decimal) -> None:
        self._say(self.tr("Weight: %1 kg").replace("%1", f"{kg:.3f}"))

    @Slot()
    def print_test(self) -> None:
        self._apply_form()
        self.preview.setPixmap(self._preview_pixmap())
        printer = self.hub.label_printer()
        if printer is None:
            self._say(self.tr("No label printer is set (or its address is not understood)."))
            return
        self._tester = PrinterBridge(printer, self)
        self._tester.sig_delivered.connect(self._printed)
        self._say(self.tr("Printing a test label on %1…").replace("%1", printer.address))
        self._tester.deliver(check_label_zpl(self.ctx.station))

    def _preview_pixmap(self) -> QPixmap:
        pixmap = QPixmap()
        pixmap.loadFromData(to_png(check_label(self.ctx.station), dpi=96), "PNG")
        return pixmap

    @Slot(bool, object)
    def _printed(self, ok: bool, reason: object) -> None:
        self._say(self.tr("The test label went to the printer.") if ok
                  else self.tr("The test label was not printed: %1").replace("%1", device_problem(reason)))
        self.hub.check_printer()

    @Slot(str)
    def _say(self, text: str) -> None:
        self.result.setText(text)
