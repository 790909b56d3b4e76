"""Barcode scanners: the line protocol (bytes → scans or bad reads) and the serial scanner reader.

A scanner in serial/USB-CDC mode sends each barcode as one line: an optional AIM symbology identifier
(`]C1`, `]d2`, `]Q1`…), the data with GS (0x1D) between variable-length GS1 fields, then CR, LF or CRLF.
Anything else on the line (line noise, a wrong baud rate, a half line left by an unplug) is reported as
a bad read, never a crash and never a scan.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app import clock
from app.devices.problems import DeviceProblem
from app.devices.serial_link import SerialLink

GS = "\x1d"
MAX_LINE = 4096  # no barcode is longer; a run of bytes without a terminator is noise
STALE_S = 1.0    # a half line older than this is a fragment (unplug, noise), not the start of a scan

SYMBOLOGIES = {"C": "Code 128", "d": "Data Matrix", "Q": "QR Code", "E": "EAN/UPC", "e": "GS1 DataBar",
               "L": "PDF417", "z": "Aztec", "I": "ITF", "A": "Code 39", "X": "other"}
_GS1_AIM = {"]C1", "]d2", "]Q3", "]e0", "]J1"}


def utcnow() -> datetime:
    return clock.now()


def split_aim(raw: str) -> tuple[str | None, str]:
    """"]C1010950…" → ("]C1", "010950…"): `]` + symbology letter + modifier character."""
    if len(raw) >= 3 and raw[0] == "]" and raw[1].isalpha() and raw[2].isalnum():
        return raw[:3], raw[3:]
    return None, raw


@dataclass(frozen=True)
class Scan:
    """One barcode as the scanner sent it; `scan_id` is made at capture so a replay counts once."""

    raw: str
    aim: str | None
    data: str
    scan_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    at: datetime = field(default_factory=utcnow)

    @classmethod
    def of(cls, raw: str) -> Scan:
        aim, data = split_aim(raw)
        return cls(raw, aim, data)

    @property
    def symbology(self) -> str:
        return SYMBOLOGIES.get(self.aim[1], self.aim) if self.aim else "unknown"

    @property
    def is_gs1(self) -> bool:
        return self.aim in _GS1_AIM

    @property
    def fields(self) -> list[str]:
        """The data split at GS (one element string or run of fixed-length ones per item)."""
        return self.data.split(GS)


@dataclass(frozen=True)
class BadRead:
    """Bytes that were not a barcode, with the reason in words."""

    reason: str
    raw: bytes
    at: datetime = field(default_factory=utcnow)


def _problem(line: bytes) -> str | None:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "unreadable bytes (noise on the line or a wrong baud rate)"
    if any((ch < " " and ch != GS) or ch == "\x7f" for ch in text):
        return "control characters in the data (noise on the line or a wrong baud rate)"
    return None


class LineProtocol:
    """Feed it bytes as they arrive; it returns complete scans and bad reads, keeping partial lines."""

    def __init__(self, stale_s: float = STALE_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._buffer = bytearray()
        self._last_byte = 0.0
        self.stale_s = stale_s
        self._clock = clock

    @property
    def pending(self) -> bytes:
        """The half line read so far, waiting for its line end."""
        return bytes(self._buffer)

    def feed(self, chunk: bytes) -> list[Scan | BadRead]:
        now = self._clock()
        out: list[Scan | BadRead] = self.expire(now)
        self._last_byte = now
        self._buffer += chunk
        while True:
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if not ends:
                break
            line = bytes(self._buffer[:min(ends)])
            del self._buffer[:min(ends) + 1]
            if line:  # the LF of a CRLF (or a blank line) is no scan
                problem = _problem(line)
                out.append(BadRead(problem, line) if problem else Scan.of(line.decode("utf-8")))
        if len(self._buffer) > MAX_LINE:
            out.append(BadRead(f"more than {MAX_LINE} bytes without a line end", bytes(self._buffer)))
            self._buffer.clear()
        return out

    def expire(self, now: float | None = None) -> list[BadRead]:
        """A half line that waited longer than `stale_s` is dropped and reported."""
        now = self._clock() if now is None else now
        if self._buffer and now - self._last_byte > self.stale_s:
            fragment = bytes(self._buffer)
            self._buffer.clear()
            return [BadRead("an incomplete scan without its line end (dropped)", fragment)]
        return []

    def reset(self) -> list[BadRead]:
        """The port was lost: a half line can never be completed."""
        if not self._buffer:
            return []
        fragment = bytes(self._buffer)
        self._buffer.clear()
        return [BadRead("an incomplete scan cut off when the scanner was disconnected", fragment)]


class SerialScanner:
    """A serial (RS-232 / USB-CDC / socket://) scanner read on its own thread, reopened after unplug.

    Callbacks run on the reader thread: `on_scan(Scan)`, `on_bad_read(BadRead)`, `on_connected(url)`,
    `on_disconnected(reason)`.
    """

    def __init__(self, url: str, *, on_scan: Callable[[Scan], None],
                 on_bad_read: Callable[[BadRead], None] | None = None,
                 on_connected: Callable[[str], None] | None = None,
                 on_disconnected: Callable[[str], None] | None = None, baudrate: int = 9600,
                 reconnect_s: float = 0.5, stale_s: float = STALE_S) -> None:
        self._protocol = LineProtocol(stale_s)
        self._on_scan, self._on_bad_read, self._on_disconnected = on_scan, on_bad_read, on_disconnected
        self.link = SerialLink(url, baudrate=baudrate, on_data=self._data, on_idle=self._idle,
                               on_connected=on_connected, on_disconnected=self._lost,
                               reconnect_s=reconnect_s, name="scanner")

    @property
    def url(self) -> str:
        return self.link.url

    @property
    def connected(self) -> bool:
        return self.link.connected

    def wait_connected(self, timeout_s: float) -> bool:
        return self.link.wait_connected(timeout_s)

    def start(self) -> None:
        self.link.start()

    def stop(self, timeout_s: float = 3.0) -> bool:
        return self.link.stop(timeout_s)

    @property
    def pending(self) -> bytes:
        """The half line the reader holds, waiting for its line end (or to go stale)."""
        return self._protocol.pending

    def _data(self, chunk: bytes) -> None:
        self._deliver(self._protocol.feed(chunk))

    def _idle(self) -> None:
        self._deliver(self._protocol.expire())

    def _lost(self, reason: DeviceProblem) -> None:
        self._deliver(self._protocol.reset())
        if self._on_disconnected is not None:
            self._on_disconnected(reason)

    def _deliver(self, items: list[Scan | BadRead]) -> None:
        for item in items:
            if isinstance(item, Scan):
                self._on_scan(item)
            elif self._on_bad_read is not None:
                self._on_bad_read(item)
