"""A serial device read on its own thread, reopened whenever it comes back after an unplug.

The port is a pyserial URL: `/dev/ttyACM0`, `/dev/serial/by-id/…`, `COM3`, `socket://host:port`,
`loop://`. Callbacks run on the reader thread; the Qt bridges in ui/devices re-emit them as signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import serial

from app.devices.problems import DeviceProblem, cause, problem

Callback = Callable[..., None]


def available_ports() -> list[tuple[str, str]]:
    """Serial ports this computer sees now: (device, description). Pseudo-terminals are never listed."""
    from serial.tools import list_ports

    return [(p.device, p.description or "") for p in sorted(list_ports.comports(), key=lambda p: p.device)]


class DeviceUnavailable(OSError):
    """The device is not connected right now (unplugged, not yet opened, or closed)."""


class SerialLink:
    """Opens `url` exclusively, hands every chunk read to `on_data`, and reconnects on loss.

    `on_connected(url)` after each successful open; `on_disconnected(reason)` (a DeviceProblem) once per loss (and once
    if the first open fails), never repeated while the device stays away; `on_idle()` after every read
    timeout (protocols use it to expire half-received lines).
    """

    def __init__(self, url: str, *, on_data: Callable[[bytes], None], baudrate: int = 9600,
                 on_connected: Callback | None = None, on_disconnected: Callback | None = None,
                 on_idle: Callback | None = None, reconnect_s: float = 0.5, read_timeout_s: float = 0.05,
                 name: str = "serial") -> None:
        self.url, self.baudrate = url, baudrate
        self.reconnect_s, self.read_timeout_s = reconnect_s, read_timeout_s
        self._on_data, self._on_idle = on_data, on_idle
        self._on_connected, self._on_disconnected = on_connected, on_disconnected
        self._stop = threading.Event()
        self._write_lock = threading.Lock()
        self._port: serial.SerialBase | None = None
        self._thread = threading.Thread(target=self._run, name=f"{name} {url}", daemon=True)
        self._is_connected = threading.Event()

    @property
    def connected(self) -> bool:
        return self._is_connected.is_set()

    def wait_connected(self, timeout_s: float) -> bool:
        """Block until the device is open (True) or `timeout_s` passes (False)."""
        return self._is_connected.wait(timeout_s)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 3.0) -> bool:
        """Ask the thread to finish (within one read timeout); True when it has."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def write(self, data: bytes) -> None:
        """Send to the device (e.g. a scale request); DeviceUnavailable when it is not connected."""
        with self._write_lock:
            port = self._port
            if port is None:
                raise DeviceUnavailable(str(problem("not_connected", port=self.url)))
            try:
                port.write(data)
                port.flush()
            except (serial.SerialException, OSError) as exc:
                raise DeviceUnavailable(str(problem("disconnected", port=self.url, cause=cause(exc)))) from exc

    def _run(self) -> None:
        reported_absent = False
        while not self._stop.is_set():
            try:
                port = serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=self.read_timeout_s,
                                             exclusive=True)
            except (serial.SerialException, OSError, ValueError) as exc:
                if not reported_absent:
                    reported_absent = True
                    self._notify(self._on_disconnected, problem("cannot_open", port=self.url, cause=cause(exc)))
                self._stop.wait(self.reconnect_s)
                continue
            reported_absent = False
            reason = self._read_until_lost(port)
            if reason is not None:
                reported_absent = True
                self._notify(self._on_disconnected, reason)
                self._stop.wait(self.reconnect_s)

    def _read_until_lost(self, port: serial.SerialBase) -> DeviceProblem | None:
        """Read until stopped (None) or until the device goes away (why)."""
        with self._write_lock:
            self._port = port
        self._is_connected.set()
        self._notify(self._on_connected, self.url)
        try:
            while not self._stop.is_set():
                chunk = port.read(max(1, min(4096, port.in_waiting or 1)))
                if chunk:
                    self._on_data(chunk)
                elif self._on_idle is not None:
                    self._on_idle()
            return None
        except (serial.SerialException, OSError) as exc:
            return problem("disconnected", port=self.url, cause=cause(exc))
        finally:
            self._is_connected.clear()
            with self._write_lock:
                self._port = None
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass

    @staticmethod
    def _notify(callback: Callback | None, *args: object) -> None:
        if callback is not None:
            callback(*args)
