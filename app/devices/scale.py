"""Parcel scales on a serial port: frame parsing, units to kilograms, stable-weight detection, the reader.

Two documented formats are understood, both as they arrive on the line (CR, LF or CRLF terminated):
- continuous output, the "ST,GS,+  1.234kg" frame many indicator heads stream (A&D-style header:
  ST stable / US unstable / OL overload, GS gross / NT net / TR tare, sign, value, unit kg, g, lb, oz);
- METTLER TOLEDO MT-SICS level 0 request/response: the host sends `S\\r\\n` (stable weight) or
  `SI\\r\\n` (immediately), the scale answers `S S     1.234 kg` (stable), `S D     1.230 kg` (dynamic,
  SI only), `S I` (cannot answer now), `S +` / `S -` (over / under range), `ES` (command not understood).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.devices.problems import DeviceProblem
from app.devices.serial_link import DeviceUnavailable, SerialLink
from app.errors import BwmsError

GRAM = Decimal("0.001")
TO_KG = {"kg": Decimal(1), "g": Decimal("0.001"), "lb": Decimal("0.45359237"), "oz": Decimal("0.028349523125")}
CONTINUOUS, SICS = "continuous", "sics"
PROTOCOLS = (CONTINUOUS, SICS)

_CONTINUOUS = re.compile(r"^(ST|US|OL)\s*,\s*(GS|NT|TR|TW)?\s*,?\s*([+-])?\s*([0-9]*\.?[0-9]+)?\s*([a-zA-Z]+)?$")
_SICS = re.compile(r"^S\s+([SDI+-])(?:\s+([+-]?\s*[0-9]*\.?[0-9]+)\s*([a-zA-Z]+))?$")


class ScaleError(BwmsError):
    """The scale gave no usable weight (no answer, over or under range, never settled)."""

    code = "scale_error"


@dataclass(frozen=True)
class Reading:
    """One weight frame: kilograms (None when there is no number), whether the scale called it stable."""

    kg: Decimal | None
    stable: bool
    status: str = "ok"  # ok | overload | underload | busy | error
    raw: str = ""


def to_kg(value: str | Decimal, unit: str) -> Decimal:
    """'1234', 'g' → Decimal('1.234'); kilograms to the gram; ValueError for an unknown unit."""
    factor = TO_KG.get(unit.lower())
    if factor is None:
        raise ValueError(f"unknown weight unit {unit!r}: one of {', '.join(TO_KG)}")
    try:
        amount = Decimal(str(value).replace(" ", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a weight: {value!r}") from exc
    return (amount * factor).quantize(GRAM, rounding=ROUND_HALF_UP)


def parse_frame(line: str) -> Reading | None:
    """A continuous frame or an MT-SICS reply → Reading; None for anything else (echo, noise, banners)."""
    line = line.strip()
    m = _CONTINUOUS.match(line)
    if m:
        header, sign, number, unit = m.group(1), m.group(3) or "+", m.group(4), m.group(5)
        if header == "OL":
            return Reading(None, False, "overload", line)
        if number is None or unit is None or unit.lower() not in TO_KG:
            return None
        return Reading(to_kg(sign + number, unit), header == "ST", "ok", line)
    m = _SICS.match(line)
    if m:
        kind, number, unit = m.groups()
        if kind in "SD" and number is not None and unit is not None and unit.lower() in TO_KG:
            return Reading(to_kg(number, unit), kind == "S", "ok", line)
        return Reading(None, False, {"I": "busy", "+": "overload", "-": "underload"}.get(kind, "error"), line)
    if line in ("ES", "ET", "EL"):
        return Reading(None, False, "error", line)
    return None


class StableWeight:
    """Says a weight once `count` stable readings in a row agree within `tolerance_kg`; once per settle."""

    def __init__(self, count: int = 3, tolerance_kg: Decimal = Decimal("0")) -> None:
        self.count, self.tolerance = count, tolerance_kg
        self._run: list[Decimal] = []
        self.settled: Decimal | None = None

    def feed(self, reading: Reading) -> Decimal | None:
        """The newly settled weight, or None (unstable, still settling, or already reported)."""
        if not reading.stable or reading.kg is None:
            self._run.clear()
            self.settled = None
            return None
        if self._run and abs(reading.kg - self._run[0]) > self.tolerance:
            self._run.clear()
            self.settled = None
        self._run.append(reading.kg)
        if len(self._run) >= self.count and self.settled is None:
            self.settled = self._run[-1]
            return self.settled
        return None


class SerialScale:
    """A scale on a serial URL, read on its own thread. `weigh()` returns a stable weight in kg.

    Continuous scales: the weight settled on by StableWeight. MT-SICS scales: an `S` request, repeated
    while the scale answers `S I` (busy), until `timeout_s`. Callbacks run on the reader thread.
    """

    def __init__(self, url: str, protocol: str = CONTINUOUS, *, baudrate: int = 9600, stable_count: int = 3,
                 on_reading: Callable[[Reading], None] | None = None,
                 on_stable: Callable[[Decimal], None] | None = None,
                 on_connected: Callable[[str], None] | None = None,
                 on_disconnected: Callable[[str], None] | None = None, reconnect_s: float = 0.5) -> None:
        if protocol not in PROTOCOLS:
            raise ValueError(f"unknown scale protocol {protocol!r}: one of {', '.join(PROTOCOLS)}")
        self.protocol = protocol
        self.detector = StableWeight(stable_count)
        self._on_reading, self._on_stable, self._on_disconnected = on_reading, on_stable, on_disconnected
        self._buffer = bytearray()
        self._changed = threading.Condition()
        self._replies: list[Reading] = []
        self.link = SerialLink(url, baudrate=baudrate, on_data=self._data, on_connected=on_connected,
                               on_disconnected=self._lost, reconnect_s=reconnect_s, name="scale")

    def start(self) -> None:
        self.link.start()

    def stop(self, timeout_s: float = 3.0) -> bool:
        stopped = self.link.stop(timeout_s)
        with self._changed:
            self.detector.feed(Reading(None, False, "error"))  # nobody reads it now: forget the weight
        return stopped

    @property
    def connected(self) -> bool:
        return self.link.connected

    def wait_connected(self, timeout_s: float) -> bool:
        return self.link.wait_connected(timeout_s)

    def weigh(self, timeout_s: float = 5.0) -> Decimal:
        """A stable weight in kilograms, or ScaleError saying why there is none."""
        deadline = time.monotonic() + timeout_s
        if not self.link.wait_connected(max(0.0, timeout_s)):
            raise ScaleError(f"the scale on {self.link.url} is not connected", code="scale_offline",
                             url=self.link.url)
        if self.protocol == SICS:
            return self._request_stable(deadline)
        with self._changed:
            while self.detector.settled is None:
                left = deadline - time.monotonic()
                if left <= 0 or not self._changed.wait(left):
                    raise ScaleError(f"the scale on {self.link.url} did not settle within {timeout_s:g} s",
                                     code="scale_not_stable", url=self.link.url)
            return self.detector.settled

    def _request_stable(self, deadline: float) -> Decimal:
        while True:
            reply = self._ask(b"S\r\n", deadline)
            if reply.stable and reply.kg is not None:
                return reply.kg
            if reply.status in ("overload", "underload"):
                raise ScaleError(f"the scale reports {reply.status}: take the parcel off and weigh again",
                                 code=f"scale_{reply.status}", url=self.link.url)
            if time.monotonic() >= deadline:
                raise ScaleError(f"the scale on {self.link.url} did not settle", code="scale_not_stable",
                                 url=self.link.url)
            time.sleep(0.1)

    def _ask(self, command: bytes, deadline: float) -> Reading:
        with self._changed:
            self._replies.clear()
        try:
            self.link.write(command)
        except DeviceUnavailable as exc:
            raise ScaleError(f"the scale is not connected: {exc}", code="scale_offline", url=self.link.url) from exc
        with self._changed:
            while not self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or not self._changed.wait(left):
                    raise ScaleError(f"no answer from the scale on {self.link.url}", code="scale_no_answer",
                                     url=self.link.url)
            return self._replies.pop(0)

    def _lost(self, reason: DeviceProblem) -> None:
        with self._changed:  # a weight seen before the unplug says nothing about the parcel on it now
            self.detector.feed(Reading(None, False, "error"))
            self._buffer.clear()
        if self._on_disconnected is not None:
            self._on_disconnected(reason)

    def _data(self, chunk: bytes) -> None:
        self._buffer += chunk
        while True:
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if not ends:
                break
            line = bytes(self._buffer[:min(ends)]).decode("ascii", "replace")
            del self._buffer[:min(ends) + 1]
            reading = parse_frame(line) if line.strip() else None
            if reading is not None:
                self._take(reading)
        if len(self._buffer) > 256:  # noise without line ends
            self._buffer.clear()

    def _take(self, reading: Reading) -> None:
        with self._changed:
            settled = self.detector.feed(reading)
            if reading.raw.startswith(("S ", "E")):
                self._replies.append(reading)
            self._changed.notify_all()
        if self._on_reading is not None:
            self._on_reading(reading)
        if settled is not None and self._on_stable is not None:
            self._on_stable(settled)
