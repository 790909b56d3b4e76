"""Device emulators on real pseudo-terminals: a scanner that plays a scan file and a scale that streams
frames and answers MT-SICS requests. (The ZPL printer emulator is in printer_emulator.py.)

The product opens the pty's slave path exactly like `/dev/ttyACM0`; `--link` puts a stable symlink in
front of it, like `/dev/serial/by-id/…`. POSIX only (os.openpty).
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import termios
import threading
import time
import tty
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

from app.devices.printer_emulator import PrinterEmulator  # noqa: F401 - one import place for all three

TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}


# Packet mode (TIOCPKT, Linux's number where termios lacks it): each read of the master starts with a status byte,
# 0 before the product's data; TIOCPKT_FLUSHREAD set when the product flushed its input (pyserial does so as the
# last step of opening a port).
_TIOCPKT = getattr(termios, "TIOCPKT", 0x5420)
_FLUSHREAD = 0x01


class PtyDevice:
    """The device end of a pseudo-terminal; `unplug()`/`replug()` behave like pulling a USB cable.

    `packet`: the master in packet mode, so `wait_opened` sees the reader finish opening the port."""

    def __init__(self, link: Path | str | None = None, *, packet: bool = False) -> None:
        self.link = Path(link) if link else None
        self.packet = packet
        self.master: int | None = None
        self.path = ""
        self.replug()

    def replug(self) -> str:
        master, slave = os.openpty()
        tty.setraw(master)
        if self.packet:
            fcntl.ioctl(master, _TIOCPKT, struct.pack("i", 1))
        self.path = os.ttyname(slave)
        os.close(slave)  # the product opens it by path; the pty lives while the master is open
        os.set_blocking(master, False)
        self.master = master
        if self.link is not None:
            self.link.unlink(missing_ok=True)
            self.link.symlink_to(self.path)
        return self.port

    @property
    def port(self) -> str:
        """What the product should open: the stable link if there is one, else the slave path."""
        return str(self.link) if self.link is not None else self.path

    def unplug(self) -> None:
        if self.link is not None:
            self.link.unlink(missing_ok=True)
        if self.master is not None:
            os.close(self.master)
            self.master = None

    close = unplug

    def reader_attached(self) -> bool:
        """True while some program has the slave open (the master stops reporting a hang-up)."""
        if self.master is None:
            return False
        poller = select.poll()
        poller.register(self.master, select.POLLIN | select.POLLHUP)
        return not any(events & select.POLLHUP for _, events in poller.poll(0))

    def wait_for_reader(self, timeout_s: float | None = None, stop: threading.Event | None = None) -> bool:
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while not self.reader_attached():
            if (deadline is not None and time.monotonic() > deadline) or (stop is not None and stop.is_set()):
                return False
            time.sleep(0.005)
        return True

    def wait_opened(self, timeout_s: float, stop: threading.Event | None = None) -> bool:
        """(Packet mode) Wait until the reader has flushed its input, i.e. finished opening the port: what is sent
        before that is thrown away by the flush. False when `stop` is set or `timeout_s` passed without a flush (a
        reader that never flushes loses nothing: playing then starts anyway). What the product wrote meanwhile
        is dropped."""
        deadline = time.monotonic() + timeout_s
        poller = select.poll()
        while self.master is not None and not (stop is not None and stop.is_set()):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            poller.register(self.master, select.POLLIN)
            if not poller.poll(min(left, 0.1) * 1000):  # the event, or a look at `stop` every 0.1 s
                continue
            try:
                head = os.read(self.master, 4096)[:1]
            except (BlockingIOError, OSError):
                continue
            if head and head[0] & _FLUSHREAD:
                return True
        return False

    def wait_read(self, timeout_s: float, stop: threading.Event | None = None) -> bool:
        """Wait until the reader has read everything sent (the slave's input queue empty): closing the master
        hangs the terminal up, and a hang-up throws away what the reader has not read yet (under load, the last
        scan). False when the reader left, `stop` was set or `timeout_s` passed first."""
        if self.master is None or not self.path:
            return False
        deadline = time.monotonic() + timeout_s
        try:
            probe = os.open(self.path, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)  # only to ask, never to read
        except OSError:
            return False
        try:
            while struct.unpack("i", fcntl.ioctl(probe, termios.FIONREAD, b"\0" * 4))[0] > 0:
                if time.monotonic() > deadline or (stop is not None and stop.is_set()):
                    return False
                time.sleep(0.005)
            return True
        finally:
            os.close(probe)

    def drain(self) -> None:
        """Drop whatever waits on the master (the status of a reader that has gone)."""
        while self.receive_raw():
            pass

    def receive_raw(self) -> bytes:
        if self.master is None:
            return b""
        try:
            return os.read(self.master, 4096)
        except (BlockingIOError, OSError):
            return b""

    def send(self, data: bytes) -> None:
        if self.master is None:
            raise OSError("the device is unplugged")
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.master, view):]
            except BlockingIOError:
                time.sleep(0.001)

    def receive(self) -> bytes:
        """Whatever the product wrote to the device (empty when nothing, or nobody has it open)."""
        data = self.receive_raw()
        if self.packet:  # a status byte first: 0 before data; a status alone carries none
            return data[1:] if data[:1] == b"\0" else b""
        return data


def read_scans(path: Path | str) -> list[bytes]:
    """A scan file: one scan per line exactly as the scanner sends it (GS bytes kept), blank lines skipped."""
    data = Path(path).read_bytes()
    return [line.rstrip(b"\r") for line in data.split(b"\n") if line.rstrip(b"\r")]


class ScannerEmulator:
    """Plays scans byte for byte, each with its terminator, `rate` scans a second, once a reader is there.

    If the reader closes the port mid-play, playing pauses until it is opened again. Playing starts once the
    reader has finished opening the port: pyserial flushes the input as it opens one, and a scan sent before
    that flush would be lost (the master in packet mode sees the flush). `settle_s`: the longest wait for it
    (a reader that never flushes gets its scans after that, none lost), and for the reader to read the last
    scans before `play` returns (closing the device would throw away what it has not read).
    """

    def __init__(self, scans: Iterable[bytes], *, rate: float = 5.0, terminator: bytes = b"\r\n",
                 link: Path | str | None = None, settle_s: float = 30.0) -> None:
        self.scans = list(scans)
        self.rate, self.terminator, self.settle_s = rate, terminator, settle_s
        self.device = PtyDevice(link, packet=True)
        self.sent = 0

    @property
    def port(self) -> str:
        return self.device.port

    def play(self, stop: threading.Event | None = None, on_sent: Callable[[int, bytes], None] | None = None) -> int:
        """Send every scan; returns how many were sent (fewer only when `stop` was set)."""
        stop = stop or threading.Event()
        gap = 1.0 / self.rate if self.rate > 0 else 0.0
        attached = False
        for scan in self.scans:
            if not attached or not self.device.reader_attached():
                if not self.device.reader_attached():
                    self.device.drain()  # a flush seen from a reader that has gone is not this one's
                if not self.device.wait_for_reader(stop=stop):
                    break
                self.device.wait_opened(self.settle_s, stop)
                attached = True
            if stop.is_set():
                break
            self.device.send(scan + self.terminator)
            self.sent += 1
            if on_sent is not None:
                on_sent(self.sent, scan)
            if gap:
                stop.wait(gap)
        self.device.wait_read(self.settle_s, stop)  # the last scans read before the caller closes the device
        return self.sent

    def close(self) -> None:
        self.device.close()


class ScaleEmulator:
    """A parcel scale: streams "ST,GS,+  1.234kg" frames every `interval_s` (when `continuous`) and answers
    MT-SICS `S` / `SI` requests. `set_weight` makes the next `settle_frames` frames unstable first.
    """

    def __init__(self, weight_kg: Decimal | str = "0.000", *, continuous: bool = True, interval_s: float = 0.1,
                 link: Path | str | None = None, settle_frames: int = 3) -> None:
        self.weight = Decimal(weight_kg)
        self.continuous, self.interval_s, self.settle_frames = continuous, interval_s, settle_frames
        self.device = PtyDevice(link)
        self._unstable_left = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scale emulator", daemon=True)
        self._requests = bytearray()

    @property
    def port(self) -> str:
        return self.device.port

    def set_weight(self, kg: Decimal | str) -> None:
        with self._lock:
            self.weight = Decimal(kg)
            self._unstable_left = self.settle_frames

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(2)
        self.device.close()

    def frame(self) -> bytes:
        """The next continuous frame (consumes one of the unstable frames after a weight change)."""
        with self._lock:
            stable = self._unstable_left == 0
            shown = self.weight if stable else self.weight * Decimal("0.97") + Decimal("0.011") * self._unstable_left
            self._unstable_left = max(0, self._unstable_left - 1)
        sign = "-" if shown < 0 else "+"
        return f"{'ST' if stable else 'US'},GS,{sign}{abs(shown):7.3f}kg\r\n".encode("ascii")

    def answer(self, command: str) -> bytes:
        """The MT-SICS reply to one request line."""
        with self._lock:
            stable, weight = self._unstable_left == 0, self.weight
        if command == "S":
            return f"S S {weight:>10.3f} kg\r\n".encode() if stable else b"S I\r\n"
        if command == "SI":
            return f"S {'S' if stable else 'D'} {weight:>10.3f} kg\r\n".encode()
        return b"ES\r\n"

    def _run(self) -> None:
        next_frame = time.monotonic()
        while not self._stop.is_set():
            if not self.device.reader_attached():
                self._requests.clear()
                self._stop.wait(0.02)
                continue
            self._serve_requests()
            if time.monotonic() >= next_frame:
                frame = self.frame()  # ticks the settling even when only requests are answered
                if self.continuous:
                    self.device.send(frame)
                next_frame = time.monotonic() + self.interval_s
            self._stop.wait(0.005)

    def _serve_requests(self) -> None:
        self._requests += self.device.receive()
        while b"\n" in self._requests or b"\r" in self._requests:
            ends = [i for i in (self._requests.find(b"\r"), self._requests.find(b"\n")) if i >= 0]
            line = bytes(self._requests[:min(ends)]).decode("ascii", "replace").strip()
            del self._requests[:min(ends) + 1]
            if line:
                self.device.send(self.answer(line))
