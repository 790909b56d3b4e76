"""Label printers: ~HS parsing, TCP 9100 against the emulator, silent printers, paper out, serial, folders."""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.devices.emulators import PrinterEmulator, PtyDevice
from app.devices.printer import (
    FolderPrinter,
    PrinterNotReady,
    PrinterOffline,
    SerialPrinter,
    TcpPrinter,
    parse_host_status,
    printer_for,
)
from app.devices.printer_emulator import zebra_host_status
from printing.label import Barcode, Label, Text, to_zpl

JOB = b"^XA^CI28^PW400^LL200^FO20,20^A0N,30,30^FDHello^FS^XZ"


def test_host_status_strings_parse_into_words() -> None:
    with PrinterEmulator() as emu:
        emu.paper_out, emu.head_open = True, True
        status = parse_host_status(emu.host_status())
    assert status.paper_out and status.head_open and not status.paused and not status.ready
    assert status.words() == "paper out, print head open"
    with pytest.raises(ValueError, match="incomplete"):
        parse_host_status(b"\x02030,0,0\x03\r\n")
    with pytest.raises(ValueError, match="malformed"):
        parse_host_status(b"\x02a\x03\x02b\x03\x02c\x03")


def test_job_goes_to_the_emulator_which_stores_and_renders_it(tmp_path: Path) -> None:
    label = Label(100, 50, [Text(5, 5, "收货人 张三", 5), Barcode(5, 20, "code128", "SP-000123", 15)])
    with PrinterEmulator(out=tmp_path) as emu:
        printer = TcpPrinter(emu.host, emu.port, timeout_s=2)
        assert printer.status().ready
        printer.deliver(to_zpl(label))
        assert emu.wait_for_jobs(1)
    assert (tmp_path / "job-000001.zpl").read_bytes() == to_zpl(label).strip()
    png = Image.open(io.BytesIO((tmp_path / "job-000001.png").read_bytes()))
    assert [r.text for r in zxingcpp.read_barcodes(png)] == ["SP-000123"]


def test_paper_out_refuses_the_job_and_nothing_is_sent() -> None:
    with PrinterEmulator(paper_out=True) as emu:
        printer = TcpPrinter(emu.host, emu.port, timeout_s=2)
        with pytest.raises(PrinterNotReady, match="paper out"):
            printer.deliver(JOB)
        emu.set_flag("paper_out", False)
        printer.deliver(JOB)
        assert emu.wait_for_jobs(1) and len(emu.jobs) == 1 and emu.held == []


def test_printer_that_accepts_and_never_answers_is_offline_within_the_timeout() -> None:
    with PrinterEmulator() as emu:
        emu.mute = True
        printer = TcpPrinter(emu.host, emu.port, timeout_s=0.3)
        with pytest.raises(PrinterOffline, match="did not answer"):  # the timeout ends the wait, not a hang
            printer.deliver(JOB)
        assert emu.jobs == [] and emu.status_queries == 1


def test_a_listener_that_never_reads_cannot_hang_the_caller() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)  # the kernel accepts; nobody ever reads or answers
    try:
        printer = TcpPrinter("127.0.0.1", server.getsockname()[1], timeout_s=0.3)
        with pytest.raises(PrinterOffline):
            printer.status()
    finally:
        server.close()


def test_nobody_listening_is_offline() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(PrinterOffline, match="not reachable"):
        TcpPrinter("127.0.0.1", port, timeout_s=0.5).status()


def test_serial_printer_over_a_pty_answers_status_and_takes_the_job(tmp_path: Path) -> None:
    device = PtyDevice(tmp_path / "zebra0")
    received = bytearray()
    done, got_job = threading.Event(), threading.Event()

    def printer_side() -> None:
        while not done.is_set():
            chunk = device.receive()
            received.extend(chunk)
            if b"~HS" in chunk:
                device.send(zebra_host_status())
            if JOB in received:
                got_job.set()
            time.sleep(0.002)

    thread = threading.Thread(target=printer_side, daemon=True)
    thread.start()
    try:
        printer = SerialPrinter(device.port, timeout_s=2)
        assert printer.status().ready
        printer.deliver(JOB)
        assert got_job.wait(30)  # the printer side has read the whole job
    finally:
        done.set()
        thread.join(2)
        device.close()
    with pytest.raises(PrinterOffline, match="cannot be opened"):
        SerialPrinter(str(tmp_path / "zebra0"), timeout_s=0.5).status()


def test_folder_printer_writes_whole_files(tmp_path: Path) -> None:
    printer = printer_for(tmp_path.as_uri(), suffix=".pdf")
    assert isinstance(printer, FolderPrinter)
    printer.deliver(b"%PDF-1.4 test")
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".pdf" and files[0].read_bytes() == b"%PDF-1.4 test"
    with pytest.raises(PrinterOffline):
        FolderPrinter(tmp_path / "missing").deliver(b"x")


@pytest.mark.parametrize("address, kind, where", [
    ("192.168.1.50", TcpPrinter, "192.168.1.50:9100"),
    ("zebra-pack1:6101", TcpPrinter, "zebra-pack1:6101"),
    ("tcp://127.0.0.1:9100", TcpPrinter, "127.0.0.1:9100"),
    ("/dev/ttyUSB0", SerialPrinter, "/dev/ttyUSB0"),
    ("COM3", SerialPrinter, "COM3"),
    ("socket://10.0.0.5:4000", SerialPrinter, "socket://10.0.0.5:4000"),
])
def test_printer_addresses(address: str, kind: type, where: str) -> None:
    printer = printer_for(address)
    assert isinstance(printer, kind) and printer.address == where
    serial_fast = printer_for("/dev/ttyS1@115200")
    assert isinstance(serial_fast, SerialPrinter) and serial_fast.baudrate == 115200


def test_a_pass_keeps_one_connection_and_survives_the_printer_dropping_it() -> None:
    with PrinterEmulator() as first:
        port = first.port
        printer = TcpPrinter("127.0.0.1", port, timeout_s=1)
        printer.begin_pass()
        printer.deliver(JOB)
        kept = printer._conn
        printer.deliver(JOB)
        assert kept is not None and printer._conn is kept and first.wait_for_jobs(2)
    with PrinterEmulator(port=port) as second:  # the printer restarted: the kept connection is dead
        printer.deliver(JOB)
        assert second.wait_for_jobs(1) and printer._conn is not kept
    printer.close()
    assert printer._conn is None
