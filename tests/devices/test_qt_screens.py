"""The device settings screen (test buttons against emulators, saved per workstation), the print-queue
screen on a real database, and PDF documents through QtPrintSupport."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from app.devices.check_label import CHECK_CODE128
from app.documents import queue as print_queue
from app.persistence.uow import UnitOfWork
from printing.label import Barcode, Label, Text, to_pdf
from tests.conftest import actor
from ui.devices.device_settings import load, settings_file
from ui.devices.documents import print_pdf
from ui.devices.queue_screen import PrintQueueScreen
from ui.devices.settings_screen import DeviceSettingsScreen


def test_settings_screen_tests_each_device_and_saves_them(qtbot, qt_app, station_ctx, scanner_device,
                                                          scale_emulator, printer_emulator, tmp_path) -> None:
    ctx = station_ctx()
    screen = DeviceSettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.scanner_url.setCurrentText(scanner_device.port)
    screen.scale_url.setCurrentText(scale_emulator.port)
    screen.label_printer.setText(printer_emulator.address)
    screen.test_scan.click()
    qtbot.waitUntil(lambda: screen.hub.scanner is not None and screen.hub.scanner.connected, timeout=30_000)
    scanner_device.send(b"]C1010950110153000310ABC123\x1d21SER42\r\n")
    qtbot.waitUntil(lambda: screen.result.text().startswith("Scanned:"), timeout=30_000)
    assert "10ABC123<GS>21SER42" in screen.result.text() and "GS1" in screen.result.text()
    screen.test_weight.click()
    qtbot.waitUntil(lambda: screen.result.text() == "Weight: 1.234 kg", timeout=30_000)
    screen.test_print.click()
    qtbot.waitUntil(lambda: screen.result.text() == "The test label went to the printer.", timeout=30_000)
    assert printer_emulator.wait_for_jobs(1) and CHECK_CODE128.encode() in printer_emulator.jobs[0]
    assert not screen.preview.pixmap().isNull()
    screen.save_button.click()
    saved = load(settings_file(ctx.settings.path))
    assert (saved.scanner_url, saved.scale_url, saved.label_printer) == (
        scanner_device.port, scale_emulator.port, printer_emulator.address)
    screen.resize(900, 700)
    screen.show()
    screen.grab().save(str(tmp_path / "device_settings.png"))


def test_settings_screen_says_why_a_test_cannot_run(qtbot, qt_app, station_ctx) -> None:
    screen = DeviceSettingsScreen(station_ctx())
    qtbot.addWidget(screen)
    screen.test_weight.click()
    assert screen.result.text() == "No scale is set for this workstation."
    screen.label_printer.setText("127.0.0.1:1")
    screen.test_print.click()
    qtbot.waitUntil(lambda: screen.result.text().startswith("The test label was not printed:"), timeout=10000)
    assert "not reachable" in screen.result.text()


def test_print_queue_screen_lists_reprints_and_cancels(qtbot, qt_app, station_ctx, db, tmp_path) -> None:
    with UnitOfWork(db, actor("clerk")) as uow:
        first = print_queue.enqueue(uow, "parcel label SP1", "label", b"^XA^FDone^FS^XZ").id
        second = print_queue.enqueue(uow, "parcel label SP2", "label", b"^XA^FDtwo^FS^XZ").id
        uow.commit()
    ctx = station_ctx(db=db, role="supervisor")
    screen = PrintQueueScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2, timeout=30_000)
    assert [screen.table.item(r, 4).text() for r in range(2)] == ["waiting", "waiting"]
    screen.table.selectRow(1)
    screen.reprint_selected()
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3, timeout=30_000)
    assert screen.message.text() == f"Job {second + 1} queued as a reprint." and \
        screen.table.item(0, 8).text() == str(first)
    screen.table.selectRow(0)
    screen.cancel_selected()
    qtbot.waitUntil(lambda: screen.table.item(0, 4).text() == "cancelled", timeout=30_000)
    screen.cancel_selected()
    qtbot.waitUntil(lambda: "only queued or failed" in screen.message.text() or
                    "cancel" in screen.message.text().lower(), timeout=5000)
    screen.deliver_now()
    assert "no label printer" in screen.message.text()
    screen.resize(1000, 500)
    screen.show()
    screen.grab().save(str(tmp_path / "print_queue.png"))


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_pdf_document_goes_through_qt_print_support(qtbot, qt_app, tmp_path: Path) -> None:
    pdf = to_pdf([Label(100, 60, [Text(5, 5, "装箱单 PACKING LIST", 5),
                                  Barcode(5, 20, "code128", "SP-000123", 15)])] * 2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(pdf, printer) == 2
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(tmp_path / "printed.pdf"),
                    str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png")))
    assert [r.text for r in zxingcpp.read_barcodes(page)] == ["SP-000123"]
