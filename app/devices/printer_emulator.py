"""A ZPL label printer on a TCP port: stores every ^XA…^XZ job, answers `~HS` like a Zebra, renders PNGs.

Flags (`paper_out`, `paused`, `head_open`, `ribbon_out`) can change while it runs; jobs that arrive while
the printer is not ready are held and "printed" (stored) when it is ready again, as a real printer's
buffer does. `mute` makes it accept connections and never answer, like a printer stuck in an error.
"""

from __future__ import annotations

import re
import socket
import socketserver
import threading
from pathlib import Path

FLAGS = ("paper_out", "paused", "head_open", "ribbon_out", "mute")
_PQ = re.compile(rb"\^PQ[0-9,YN]*")


def render_png(job: bytes) -> bytes | None:
    """The job drawn by zplkit (an offline renderer; optional) or None when it is not installed."""
    try:
        import zplkit
    except ImportError:
        return None
    width = re.search(rb"\^PW(\d+)", job)
    height = re.search(rb"\^LL(\d+)", job)
    options = zplkit.Options(profile="specification", width=int(width.group(1)) if width else 812,
                             height=int(height.group(1)) if height else 1218, dpi=203)
    return zplkit.render(_PQ.sub(b"", job), options).labels[0].png()  # zplkit refuses ^PQ


def zebra_host_status(*, paper_out: bool = False, paused: bool = False, head_open: bool = False,
                      ribbon_out: bool = False, formats_in_buffer: int = 0) -> bytes:
    """The three STX…ETX strings a Zebra sends for `~HS` (field layout of the ZPL II guide)."""
    b = lambda flag: "1" if flag else "0"  # noqa: E731 - a one-line local helper
    s1 = f"030,{b(paper_out)},{b(paused)},1199,{formats_in_buffer:03d},0,0,0,000,0,0,0"
    s2 = f"000,0,{b(head_open)},{b(ribbon_out)},0,2,6,0,00000000,1,000"
    return b"".join(b"\x02" + s.encode("ascii") + b"\x03\r\n" for s in (s1, s2, "1234,0"))


class PrinterEmulator:
    """`with PrinterEmulator(out=dir) as printer: …` — listens on `printer.host`, `printer.port`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, out: Path | str | None = None,
                 render: bool = True, paper_out: bool = False) -> None:
        self.out = Path(out) if out else None
        self.render = render
        self.paper_out = paper_out
        self.paused = self.head_open = self.ribbon_out = self.mute = False
        self.jobs: list[bytes] = []
        self.held: list[bytes] = []
        self.status_queries = 0
        self.render_errors: list[str] = []
        self.connections: set[socket.socket] = set()
        self._lock = threading.Condition()
        self._server = _Server((host, port), _Handler)
        self._server.emulator = self
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="printer emulator", daemon=True)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def ready(self) -> bool:
        return not (self.paper_out or self.paused or self.head_open or self.ribbon_out)

    def start(self) -> PrinterEmulator:
        if self.out is not None:
            self.out.mkdir(parents=True, exist_ok=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Power off: stop listening and drop every open connection, as a printer that is switched off."""
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            connections, self.connections = list(self.connections), set()
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_flag(self, name: str, value: bool) -> None:
        """Change a status flag; held jobs come out as soon as the printer is ready again."""
        if name not in FLAGS:
            raise ValueError(f"unknown printer flag {name!r}: one of {', '.join(FLAGS)}")
        with self._lock:
            setattr(self, name, value)
            if self.ready and self.held:
                held, self.held = self.held, []
                for job in held:
                    self._print(job)

    def wait_for_jobs(self, count: int, timeout_s: float = 5.0) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: len(self.jobs) >= count, timeout_s)

    def host_status(self) -> bytes:
        with self._lock:
            return zebra_host_status(paper_out=self.paper_out, paused=self.paused, head_open=self.head_open,
                                     ribbon_out=self.ribbon_out, formats_in_buffer=len(self.held))

    def receive(self, job: bytes) -> None:
        with self._lock:
            if self.ready:
                self._print(job)
            else:
                self.held.append(job)

    def _print(self, job: bytes) -> None:  # called with the lock held
        number = len(self.jobs) + 1
        if self.out is not None:
            (self.out / f"job-{number:06d}.zpl").write_bytes(job)
            if self.render:
                self._render(job, number)
        self.jobs.append(job)  # counted once its files are there: whoever sees the count finds them
        self._lock.notify_all()

    def _render(self, job: bytes, number: int) -> None:
        try:
            png = render_png(job)
        except Exception as exc:  # noqa: BLE001 - a job the renderer cannot draw is still stored
            self.render_errors.append(f"job {number}: {exc}")
            return
        if png is not None:
            (self.out / f"job-{number:06d}.png").write_bytes(png)


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    emulator: PrinterEmulator


class _Handler(socketserver.BaseRequestHandler):
    """One connection: answer `~HS` where it appears, hand every complete format to the emulator."""

    def handle(self) -> None:
        emulator: PrinterEmulator = self.server.emulator  # type: ignore[attr-defined]
        self.request.settimeout(30)
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with emulator._lock:
            emulator.connections.add(self.request)
        try:
            buf = b""
            while chunk := self._receive():
                buf = self._consume(emulator, buf + chunk)
        finally:
            with emulator._lock:
                emulator.connections.discard(self.request)

    def _receive(self) -> bytes:
        try:
            return self.request.recv(65536)
        except OSError:
            return b""

    def _consume(self, emulator: PrinterEmulator, buf: bytes) -> bytes:
        while True:
            hs, start = buf.find(b"~HS"), buf.find(b"^XA")
            if hs >= 0 and (start < 0 or hs < start):
                emulator.status_queries += 1
                if not emulator.mute:
                    self.request.sendall(emulator.host_status())
                buf = buf[hs + 3:]
                continue
            if start < 0:
                return buf[-2:]  # keep a possible split "~H" / "^X"
            end = buf.find(b"^XZ", start)
            if end < 0:
                return buf[start:]
            if not emulator.mute:
                emulator.receive(buf[start:end + 3])
            buf = buf[end + 3:]
