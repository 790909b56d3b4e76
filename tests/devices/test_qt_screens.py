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


def test_print_queue_screen_says_why_a_job_waits_in_chinese(qtbot, qt_app, station_ctx, db, tmp_path) -> None:
    """A job whose printer was off waits; the screen says why, and names the document, in the screen's language (it
    showed the English sentence with the system's own error words, and the job's English name); a reason kept only
    in English (before the form was) as it is."""
    from app.devices.printer import TcpPrinter
    from app.documents import registry
    from app.persistence.models import PrintJob
    from ui.i18n import Translations

    with UnitOfWork(db, actor("clerk")) as uow:
        old = print_queue.enqueue(uow, "parcel label SP0", "label", b"^XA^FDold^FS^XZ").id
        registry.enqueue(uow, "waybill", "SF1234567890", "zpl", "label", b"^XA^FDone^FS^XZ")
        uow.commit()
    with UnitOfWork(db, actor("clerk")) as uow:
        uow.session.get(PrintJob, old).status = "cancelled"
        uow.session.get(PrintJob, old).last_error = "an older version's words"
        uow.commit()
    closed = TcpPrinter("127.0.0.1", 9, timeout_s=0.5)  # the discard port: nothing listens on loopback
    assert print_queue.deliver_pending(db, {"label": closed}).waiting
    translations = Translations(qt_app)
    assert translations.switch("zh_CN")
    try:
        screen = PrintQueueScreen(station_ctx(db=db, role="supervisor"))
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: screen.table.rowCount() == 2, timeout=30_000)
        why = [screen.table.item(r, 6).text() for r in range(2)]
        assert why == ["无法连接打印机 127.0.0.1:9：连接被拒绝", "an older version's words"]
        # the registry's document by its Chinese name; a job queued by name only, as it was queued
        assert [screen.table.item(r, 2).text() for r in range(2)] == ["运单标签 SF1234567890", "parcel label SP0"]
        assert [screen.table.item(0, c).text() for c in (3, 4)] == ["标签打印机", "等待中"]
        screen.resize(1366, 500)
        screen.show()
        screen.grab().save(str(tmp_path / "print_queue_zh.png"))
    finally:
        translations.release()


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
