"""Scanner line protocol and the serial scanner over real pseudo-terminals: unplug, noise, half lines."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import pytest

from app.devices.emulators import PtyDevice, ScannerEmulator, read_scans
from app.devices.scanner import GS, BadRead, LineProtocol, Scan, SerialScanner, split_aim

GS1_LINE = b"]C1010950110153000310ABC123\x1d21SER42"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_aim_prefix_is_parsed_and_gs_kept() -> None:
    scan = Scan.of(GS1_LINE.decode())
    assert (scan.aim, scan.symbology, scan.is_gs1) == ("]C1", "Code 128", True)
    assert scan.fields == ["010950110153000310ABC123", "21SER42"]
    assert split_aim("WH-2024-000123") == (None, "WH-2024-000123")
    assert Scan.of("]Q1深圳").data == "深圳" and Scan.of("]d2x").is_gs1
    assert Scan.of("A").scan_id != Scan.of("A").scan_id


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_any_line_end_ends_a_scan_and_partial_lines_wait(terminator: bytes) -> None:
    proto = LineProtocol()
    assert proto.feed(GS1_LINE[:10]) == []
    out = proto.feed(GS1_LINE[10:] + terminator + b"LOC-A-01")
    assert [s.raw for s in out] == [GS1_LINE.decode()]
    out = proto.feed(terminator)
    assert [s.raw for s in out] == ["LOC-A-01"]


def test_crlf_split_between_reads_gives_no_empty_scan() -> None:
    proto = LineProtocol()
    assert [s.raw for s in proto.feed(b"ABC\r")] == ["ABC"]
    assert proto.feed(b"\n") == [] and [s.raw for s in proto.feed(b"DEF\r\n")] == ["DEF"]


def test_garbage_bytes_are_a_bad_read_and_the_next_scan_still_counts() -> None:
    proto = LineProtocol()
    out = proto.feed(b"\xff\xfe\x80\x00\x13garbage\r\nLOC-A-01\r\n\x01\x02\r")
    assert isinstance(out[0], BadRead) and "unreadable" in out[0].reason
    assert isinstance(out[1], Scan) and out[1].raw == "LOC-A-01"
    assert isinstance(out[2], BadRead) and "control characters" in out[2].reason


def test_a_stale_half_line_is_dropped_as_a_fragment() -> None:
    clock = Clock()
    proto = LineProtocol(stale_s=1.0, clock=clock)
    proto.feed(b"]C10109501")
    clock.now += 0.5
    assert proto.expire() == []
    clock.now += 1.0
    out = proto.feed(b"LOC-A-01\r")
    assert isinstance(out[0], BadRead) and out[0].raw == b"]C10109501"
    assert out[1].raw == "LOC-A-01"


def test_endless_noise_without_line_end_is_reported_not_kept() -> None:
    proto = LineProtocol()
    out = proto.feed(b"x" * 5000)
    assert len(out) == 1 and "without a line end" in out[0].reason
    assert [s.raw for s in proto.feed(b"OK1\r")] == ["OK1"]


class Events:
    """Collects the reader thread's callbacks for the test thread."""

    def __init__(self) -> None:
        self.q: queue.Queue = queue.Queue()

    def __getattr__(self, kind: str):
        return lambda value: self.q.put((kind, value))

    def next(self, kind: str, timeout: float = 30.0):  # a cap on the wait, generous for a loaded machine
        while True:
            got, value = self.q.get(timeout=timeout)
            if got == kind:
                return value


@pytest.fixture
def device(tmp_path: Path):
    dev = PtyDevice(tmp_path / "scanner0")
    yield dev
    dev.close()


def start_scanner(device: PtyDevice, events: Events) -> SerialScanner:
    scanner = SerialScanner(device.port, on_scan=events.scan, on_bad_read=events.bad,
                            on_connected=events.connected, on_disconnected=events.disconnected,
                            reconnect_s=0.05)
    scanner.start()
    events.next("connected")
    return scanner


def test_serial_scanner_reads_a_gs1_scan_from_a_pty(device: PtyDevice) -> None:
    events = Events()
    scanner = start_scanner(device, events)
    try:
        device.send(GS1_LINE + b"\r\n")
        scan = events.next("scan")
        assert scan.aim == "]C1" and scan.data == "010950110153000310ABC123" + GS + "21SER42"
    finally:
        assert scanner.stop()


def test_unplug_is_reported_and_a_replugged_scanner_scans_again(device: PtyDevice) -> None:
    events = Events()
    scanner = start_scanner(device, events)
    try:
        device.unplug()
        lost = events.next("disconnected")  # why, as a form and values (the screens say it in their language)
        assert lost.form == "disconnected" and str(lost).startswith(f"{device.port} disconnected: ")
        assert not scanner.connected
        device.replug()
        assert events.next("connected") == device.port
        device.send(b"LOC-A-01\r")
        assert events.next("scan").raw == "LOC-A-01"
    finally:
        assert scanner.stop()


def until(condition, cap_s: float = 30.0) -> None:
    """Wait for `condition()` to hold (checked every 10 ms); the cap only stops a test that would hang."""
    stop = time.monotonic() + cap_s
    while not condition():
        assert time.monotonic() < stop, "the condition never held"
        time.sleep(0.01)


def test_port_vanishing_mid_scan_reports_the_fragment_and_recovers(device: PtyDevice) -> None:
    events = Events()
    scanner = SerialScanner(device.port, on_scan=events.scan, on_bad_read=events.bad, on_connected=events.connected,
                            on_disconnected=events.disconnected, reconnect_s=0.05, stale_s=3600)  # never stale here
    scanner.start()
    events.next("connected")
    try:
        device.send(b"]C101095011")
        until(lambda: scanner.pending == b"]C101095011")  # the reader holds the half line: now pull the plug
        device.unplug()
        bad = events.next("bad")
        assert bad.raw == b"]C101095011" and "disconnected" in bad.reason
        device.replug()
        events.next("connected")
        device.send(GS1_LINE + b"\r")
        assert events.next("scan").raw == GS1_LINE.decode()
    finally:
        assert scanner.stop()


def test_garbled_input_is_harmless_and_the_next_scan_arrives(device: PtyDevice) -> None:
    events = Events()
    scanner = start_scanner(device, events)
    try:
        device.send(bytes(range(0x80, 0x100)) + b"\r" + b"\x00\x15\x7f\r")
        assert isinstance(events.next("bad"), BadRead) and isinstance(events.next("bad"), BadRead)
        device.send(b"LOC-B-02\r\n")
        assert events.next("scan").raw == "LOC-B-02"
    finally:
        assert scanner.stop()


def test_a_second_reader_cannot_take_the_same_scanner(device: PtyDevice) -> None:
    first, second = Events(), Events()
    scanner = start_scanner(device, first)
    other = SerialScanner(device.port, on_scan=second.scan, on_disconnected=second.disconnected,
                          reconnect_s=0.05)
    other.start()
    try:
        refused = second.next("disconnected")
        assert (refused.form, refused.values["cause"]) == ("cannot_open", "EAGAIN")  # locked by the first reader
        assert str(refused) == f"cannot open {device.port}: the device is in use by another program"
        device.send(b"ONLY-ONCE\r")
        assert first.next("scan").raw == "ONLY-ONCE"
    finally:
        assert other.stop() and scanner.stop()


def test_absent_scanner_is_reported_once_then_found_when_plugged_in(tmp_path: Path) -> None:
    events = Events()
    link = tmp_path / "later"
    scanner = SerialScanner(str(link), on_scan=events.scan, on_connected=events.connected,
                            on_disconnected=events.disconnected, reconnect_s=0.05)
    scanner.start()
    try:
        absent = events.next("disconnected")
        assert (absent.form, absent.values["cause"]) == ("cannot_open", "ENOENT")
        assert absent.words("zh") == f"无法打开 {link}：设备或文件不存在"
        device = PtyDevice(link)
        events.next("connected")
        device.send(b"LATE-1\r")
        assert events.next("scan").raw == "LATE-1"
        assert [k for k, _ in list(events.q.queue)].count("disconnected") == 0
        device.close()
    finally:
        assert scanner.stop()


def test_scanner_emulator_waits_for_the_reader_then_plays_the_file(tmp_path: Path) -> None:
    scans_file = Path(__file__).resolve().parents[2] / "resources" / "demo" / "receive_scans.txt"
    scans = read_scans(scans_file)[:5]
    assert any(b"\x1d" in s for s in read_scans(scans_file))
    emulator = ScannerEmulator(scans, rate=0, link=tmp_path / "emu", settle_s=0.2)
    player = threading.Thread(target=emulator.play, daemon=True)
    player.start()
    events = Events()
    scanner = SerialScanner(emulator.port, on_scan=events.scan, on_connected=events.connected,
                            reconnect_s=0.05)
    scanner.start()
    try:
        got = [events.next("scan").raw.encode() for _ in scans]
        assert got == scans
        player.join(5)
        assert emulator.sent == len(scans)
    finally:
        assert scanner.stop()
        emulator.close()
