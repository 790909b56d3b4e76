"""Label printers: ZPL over raw TCP 9100, over a serial line, or into a folder; `~HS` host status.

Every operation has a timeout: a printer that accepts the connection and never answers is reported as
offline after `timeout_s`, never hangs the caller. `deliver` asks for the status and sends the job on
one connection, and sends nothing unless the printer says it is ready (paper in, head closed, not paused).
"""

from __future__ import annotations

import re
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

import serial

from app import clock
from app.devices.problems import DeviceProblem, cause, problem
from app.errors import BwmsError

STX, ETX = b"\x02", b"\x03"
HS_QUERY = b"~HS\r\n"
DEFAULT_PORT = 9100
_FRAME = re.compile(rb"\x02([^\x03]*)\x03")
_HOST = re.compile(r"^(?:tcp://)?([A-Za-z0-9.\-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?/?$")


class _PrinterError(BwmsError):
    """A printer that cannot take a label: `problem` says why (in the user's language on a screen), `message` is
    its English."""

    def __init__(self, why: DeviceProblem, **params: object) -> None:
        super().__init__(str(why), **params)
        self.problem = why


class PrinterOffline(_PrinterError):
    """No connection, or no answer to the status query within the timeout."""

    code = "printer_offline"


class PrinterNotReady(_PrinterError):
    """The printer answered but cannot print now (paper out, head open, paused…)."""

    code = "printer_not_ready"


_PROBLEMS = {"paper_out": "paper out", "head_open": "print head open", "ribbon_out": "ribbon out", "paused": "paused",
             "buffer_full": "receive buffer full", "over_temperature": "print head too hot",
             "under_temperature": "print head too cold"}


@dataclass(frozen=True)
class PrinterStatus:
    """The fields of a Zebra `~HS` answer that decide whether a label can come out."""

    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    buffer_full: bool = False
    over_temperature: bool = False
    under_temperature: bool = False
    formats_in_buffer: int = 0
    labels_remaining: int = 0
    label_length_dots: int = 0

    @property
    def problem_codes(self) -> list[str]:
        """What keeps a label from coming out, as codes (app.domain.vocabulary "printer_problem" names them)."""
        return [code for code in _PROBLEMS if getattr(self, code)]

    @property
    def problems(self) -> list[str]:
        """The problems in English words (the command line's)."""
        return [_PROBLEMS[code] for code in self.problem_codes]

    @property
    def ready(self) -> bool:
        return not self.problems

    def words(self) -> str:
        return "ready" if self.ready else ", ".join(self.problems)


def parse_host_status(raw: bytes) -> PrinterStatus:
    """The three STX…ETX strings of `~HS` → PrinterStatus; ValueError when any is missing or malformed."""
    frames = _FRAME.findall(raw)
    if len(frames) < 3:
        raise ValueError(f"incomplete ~HS answer ({len(frames)} of 3 strings): {raw[:80]!r}")
    try:
        s1 = frames[0].decode("ascii").split(",")
        s2 = frames[1].decode("ascii").split(",")
        flag = lambda value: value.strip() == "1"  # noqa: E731 - a one-line local helper
        return PrinterStatus(
            paper_out=flag(s1[1]), paused=flag(s1[2]), label_length_dots=int(s1[3]),
            formats_in_buffer=int(s1[4]), buffer_full=flag(s1[5]), under_temperature=flag(s1[10]),
            over_temperature=flag(s1[11]), head_open=flag(s2[2]), ribbon_out=flag(s2[3]),
            labels_remaining=int(s2[8]))
    except (IndexError, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"malformed ~HS answer: {raw[:80]!r}") from exc


class Printer(Protocol):
    """What the print queue needs from a transport."""

    address: str

    def status(self) -> PrinterStatus: ...

    def deliver(self, payload: bytes) -> None: ...


def _check(status: PrinterStatus, address: str) -> None:
    if not status.ready:
        raise PrinterNotReady(problem("printer_not_ready", address=address, problems=status.problem_codes),
                              address=address, status=status.words())


class TcpPrinter:
    """A network label printer on raw TCP (port 9100)."""

    def __init__(self, host: str, port: int = DEFAULT_PORT, timeout_s: float = 3.0) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self.address = f"{host}:{port}"
        self._conn: socket.socket | None = None
        self._keep = False

    def _connect(self) -> socket.socket:
        try:
            conn = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except OSError as exc:
            raise PrinterOffline(problem("printer_unreachable", address=self.address, cause=cause(exc)),
                                 address=self.address) from exc
        # small writes (~HS, then the job) must not wait for the last job's ACK (Nagle + delayed ACK)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def _status_on(self, conn: socket.socket) -> PrinterStatus:
        deadline = time.monotonic() + self.timeout_s
        buf = b""
        try:
            conn.sendall(HS_QUERY)
            while buf.count(ETX) < 3:
                conn.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = conn.recv(1024)
                if not chunk:
                    break
                buf += chunk
        except OSError as exc:  # socket.timeout included: some printers stay silent while in error
            raise PrinterOffline(problem("printer_silent", address=self.address, seconds=f"{self.timeout_s:g}"),
                                 address=self.address) from exc
        try:
            return parse_host_status(buf)
        except ValueError as exc:
            raise PrinterOffline(problem("printer_garbled", address=self.address, cause=str(exc)),
                                 address=self.address) from exc

    def status(self) -> PrinterStatus:
        with self._connect() as conn:
            return self._status_on(conn)

    def begin_pass(self) -> None:
        """Keep one connection for the jobs that follow (the print queue's pass) until `close()`."""
        self._keep = True

    def close(self) -> None:
        self._keep = False
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def deliver(self, payload: bytes) -> None:
        """Status first, then the job, on one connection; nothing is sent unless the printer is ready."""
        conn, reused = self._conn, self._conn is not None
        self._conn = None  # a connection that failed in any way is never used again
        conn = conn or self._connect()
        try:
            status = self._status_on(conn)
        except PrinterOffline:
            conn.close()
            if reused:  # the printer may have dropped the kept connection: ask once more on a new one
                return self.deliver(payload)
            raise
        try:
            _check(status, self.address)
            conn.settimeout(self.timeout_s)
            conn.sendall(payload)
        except OSError as exc:
            conn.close()
            raise PrinterOffline(problem("printer_stopped", address=self.address, cause=cause(exc)),
                                 address=self.address) from exc
        except PrinterNotReady:
            conn.close()
            raise
        if self._keep:
            self._conn = conn
        else:
            conn.close()
        return None


class SerialPrinter:
    """A label printer on a serial line (RS-232, USB-CDC), given as a pyserial URL."""

    def __init__(self, url: str, baudrate: int = 9600, timeout_s: float = 3.0) -> None:
        self.url, self.baudrate, self.timeout_s = url, baudrate, timeout_s
        self.address = url

    def _open(self) -> serial.SerialBase:
        try:
            return serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=0.05,
                                         write_timeout=self.timeout_s, exclusive=True)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PrinterOffline(problem("printer_cannot_open", address=self.url, cause=cause(exc)),
                                 address=self.url) from exc

    def _status_on(self, port: serial.SerialBase) -> PrinterStatus:
        deadline = time.monotonic() + self.timeout_s
        buf = b""
        try:
            port.write(HS_QUERY)
            while buf.count(ETX) < 3 and time.monotonic() < deadline:
                buf += port.read(256)
            return parse_host_status(buf)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PrinterOffline(problem("printer_silent.cause", address=self.url, cause=cause(exc)),
                                 address=self.url) from exc

    def status(self) -> PrinterStatus:
        with self._open() as port:
            return self._status_on(port)

    def deliver(self, payload: bytes) -> None:
        with self._open() as port:
            _check(self._status_on(port), self.url)
            try:
                port.write(payload)
                port.flush()
            except (serial.SerialException, OSError) as exc:
                raise PrinterOffline(problem("printer_stopped", address=self.url, cause=cause(exc)),
                                     address=self.url) from exc


class FolderPrinter:
    """Writes each job as a file (`file:///path/to/folder`): for PDF documents and printer-less stations."""

    def __init__(self, folder: Path | str, suffix: str = ".zpl") -> None:
        self.folder, self.suffix = Path(folder), suffix
        self.address = self.folder.as_uri() if self.folder.is_absolute() else str(self.folder)

    def status(self) -> PrinterStatus:
        if not self.folder.is_dir():
            raise PrinterOffline(problem("folder_missing", folder=str(self.folder)), address=self.address)
        return PrinterStatus()

    def deliver(self, payload: bytes) -> None:
        self.status()
        name = f"{clock.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}{self.suffix}"
        partial = self.folder / (name + ".part")
        partial.write_bytes(payload)
        partial.rename(self.folder / name)  # readers never see half a job


def printer_for(address: str, timeout_s: float = 3.0, *, suffix: str = ".zpl") -> Printer:
    """'host', 'host:9100' or 'tcp://host:port' → TCP; 'file:///dir' → folder; anything else (a device
    path, COM3, socket://, loop://, optionally with '@baud') → serial."""
    address = address.strip()
    if not address:
        raise ValueError("no printer address")
    if address.startswith("file:"):
        return FolderPrinter(unquote(urlparse(address).path), suffix)
    m = _HOST.match(address)
    if m and not re.fullmatch(r"(?i)com\d+", address):
        return TcpPrinter(m.group(1).strip("[]"), int(m.group(2) or DEFAULT_PORT), timeout_s)
    url, _, baud = address.partition("@") if re.search(r"@\d+$", address) else (address, "", "")
    return SerialPrinter(url, int(baud or 9600), timeout_s)
