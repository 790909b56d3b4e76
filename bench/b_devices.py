"""Devices: ZPL and preview rendering, serial scan → Qt signal latency, 1,000 labels through the print queue."""

from __future__ import annotations

import os
import statistics
import time
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LABELS = 1000
SCANS = 1000


def _label(i: int):
    from app.domain.codes import gs1_check_digit
    from printing.label import Barcode, Box, Label, Line, Text

    sscc = f"0950110153{i:07d}"
    return Label(100, 150, [
        Box(2, 2, 96, 146, 0.6),
        Text(5, 5, "BONDED WAREHOUSE SZ-01", 5, bold=True),
        Text(5, 12, f"收货人: 深圳市南山区 保税仓 张{i % 97}", 4.5, max_width_mm=88),
        Text(5, 19, f"SF{i:010d}  Pcs 1/1  1.{i % 1000:03d} kg", 3.5),
        Line(2, 25, 98, 25, 0.4),
        Barcode(8, 30, "code128", f"SF{i:010d}", 15),
        Barcode(5, 55, "gs1-128", f"(00){sscc}{gs1_check_digit(sscc)}", 18, module_mm=0.25),
        Barcode(5, 85, "qr", f"https://example.invalid/t/SF{i:010d}?收货人=深圳", 30),
        Barcode(55, 85, "gs1-datamatrix", f"(01)09501101530003(10)B{i}(21)S{i}", 25),
    ])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _render(ctx) -> None:
    from printing.label import to_png, to_zpl

    to_zpl(_label(0)), to_png(_label(0))  # fonts and the encoder loaded once, as in a running station
    for name, fn, goal in (("ZPL 100x150 label", to_zpl, 5.0), ("PNG preview 100x150 label", to_png, 50.0)):
        wall, cpu = [], []
        for i in range(1, 301):  # every label different: no cached text bitmaps or symbols
            label = _label(i)
            started, started_cpu = time.perf_counter(), time.thread_time()
            fn(label)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
        for what, values in (("median", wall), ("p99", wall), ("p99 CPU time", cpu)):
            value = statistics.median(values) if what == "median" else _percentile(values, 0.99)
            ctx.report(f"{name} {what}", value, "ms", f"< {goal:g} ms", value < goal)


def _receiver():
    from PySide6.QtCore import QEventLoop, QObject, Slot

    class Receiver(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.arrived: dict[str, float] = {}
            self.loop = QEventLoop()

        @Slot(object)
        def scanned(self, scan) -> None:
            self.arrived[scan.raw] = time.perf_counter()
            self.loop.quit()

        @Slot(str)
        def connected(self, _port: str) -> None:
            self.loop.quit()

    return Receiver()


def _scan_latency(ctx) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.devices.emulators import PtyDevice
    from ui.devices.bridges import ScannerBridge

    app = QApplication.instance() or QApplication(["bench"])
    device = PtyDevice(ctx.tmp / "bench-scanner")
    bridge = ScannerBridge(device.port, reconnect_s=0.05)
    receiver = _receiver()
    bridge.sig_scanned.connect(receiver.scanned)
    bridge.sig_connected.connect(receiver.connected)
    bridge.start()
    QTimer.singleShot(5000, receiver.loop.quit)
    receiver.loop.exec()
    time.sleep(0.2)  # pyserial flushes the input just after opening
    latencies = []
    try:
        for i in range(SCANS):
            text = f"]C101095011015300031{i:06d}\x1d21S{i}"
            sent = time.perf_counter()
            device.send(text.encode() + b"\r\n")
            while text not in receiver.arrived:
                receiver.loop.exec()
            latencies.append((receiver.arrived[text] - sent) * 1000)
    finally:
        bridge.stop()
        device.close()
        bridge.deleteLater()
        app.processEvents()
    p99 = _percentile(latencies, 0.99)
    ctx.report(f"serial scan -> Qt signal p99 ({SCANS} scans, pty)", p99, "ms", "< 20 ms", p99 < 20)
    ctx.report("serial scan -> Qt signal median", statistics.median(latencies), "ms", "", None)


def _queue_to_emulator(ctx, url: str, engine: str) -> None:
    from app.devices.emulators import PrinterEmulator
    from app.devices.printer import TcpPrinter
    from app.documents import queue as print_queue
    from app.persistence.db import open_database
    from app.persistence.uow import SYSTEM, UnitOfWork
    from printing.label import to_zpl

    payloads = [to_zpl(_label(i)) for i in range(LABELS)]
    db = open_database(url)
    try:
        with PrinterEmulator(render=False) as emulator:
            started = time.perf_counter()
            with UnitOfWork(db, SYSTEM) as uow:
                for i, payload in enumerate(payloads):  # each enqueue is audited, as at a pack station
                    print_queue.enqueue(uow, f"parcel label SF{i:010d}", "label", payload)
                uow.commit()
            queued = time.perf_counter()
            report = print_queue.deliver_pending(db, {"label": TcpPrinter(emulator.host, emulator.port)})
            complete = emulator.wait_for_jobs(LABELS, timeout_s=60)
            done = time.perf_counter()
        exact = complete and len(report.sent) == LABELS and emulator.jobs == [p.strip() for p in payloads]
        ctx.report(f"{LABELS} labels queue -> printer emulator ({engine})", done - started, "s",
                   "< 10 s, each once", done - started < 10 and exact)
        ctx.report(f"  of which enqueue (audited) ({engine})", queued - started, "s", "", None)
        ctx.report(f"  of which delivery, ~HS before each label ({engine})", done - queued, "s", "", None)
    finally:
        db.dispose()


def _postgres_url(ctx):
    if not ctx.pg_url:
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.persistence import migrate
    from app.persistence.db import open_database

    name = f"bench_devices_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(ctx.pg_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(ctx.pg_url).set(database=name).render_as_string(hide_password=False)
    db = open_database(url)
    migrate.upgrade(db)
    db.dispose()

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def run(ctx) -> None:
    only = os.environ.get("BWMS_BENCH_DEVICES", "")  # e.g. "queue" while tuning one part
    if only in ("", "render"):
        _render(ctx)
    if only in ("", "scan"):
        _scan_latency(ctx)
    if only not in ("", "queue"):
        return
    _queue_to_emulator(ctx, ctx.fresh_sqlite("devices_queue"), "SQLite")
    made = _postgres_url(ctx)
    if made is not None:
        url, drop = made
        try:
            _queue_to_emulator(ctx, url, "PostgreSQL")
        finally:
            drop()
