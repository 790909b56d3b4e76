"""Inbound GUI: from the end of a serial scanner's burst to the receive station's banner and tally table updated
(and painted), offscreen, with a database of 1,000,000 movements (SQLite, and PostgreSQL when configured).

The scans travel as at a dock: bytes written to a pty, the station's serial scanner bridge, the receive
workflow on the DB thread (one committed transaction per scan), the tally read back, the banner and table.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
DECLARATION = "QD292126I000000123"
MOVEMENTS = int(os.environ.get("BWMS_BENCH_MOVEMENTS", "1000000"))
SCANS = int(os.environ.get("BWMS_BENCH_GUI_SCANS", "200"))
LOTS = 2000           # the history's lots, each moved back and forth between two storage places
CHUNK = 50_000
PASSWORD = "bench-password-1"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


# -- the warehouse ---------------------------------------------------------------------------------------
def _history(conn: Any, movements: int) -> None:
    """A put-away declaration of the past with LOTS lots, and `movements` movement rows between two storage
    places (pairs there and back, so stock and movements still agree)."""
    from sqlalchemy import insert, select

    from app.persistence.models import DeclarationLine, InboundDeclaration, Location, Lot, Movement, Owner, Product

    products = conn.execute(select(Product.id, Product.account_book_item_id).order_by(Product.id)).all()
    a, b = conn.execute(select(Location.id).where(Location.kind == "storage").order_by(Location.id).limit(2)).scalars()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    owner = conn.execute(select(Owner.id).order_by(Owner.id).limit(1)).scalar()  # made by the declaration import
    decl = conn.execute(insert(InboundDeclaration).values(declaration_no="QDHISTORY", status="put_away",
                                                          created_at=now, owner_id=owner)
                        .returning(InboundDeclaration.id)).scalar()
    conn.execute(insert(DeclarationLine), [
        {"declaration_id": decl, "line_no": i + 1, "account_book_item_id": item, "product_id": pid,
         "declared_qty": 10**6, "batch_no": f"H{i}"} for i, (pid, item) in enumerate(products)])
    lines = conn.execute(select(DeclarationLine.id, DeclarationLine.product_id)
                         .where(DeclarationLine.declaration_id == decl).order_by(DeclarationLine.id)).all()
    conn.execute(insert(Lot), [
        {"product_id": lines[n % len(lines)][1], "batch_no": f"H{n:05d}", "expiry_date": date(2029, 1, 1),
         "declaration_line_id": lines[n % len(lines)][0], "status": "available", "received_at": now,
         "owner_id": owner} for n in range(LOTS)])
    lots = conn.execute(select(Lot.id).where(Lot.batch_no.like("H%")).order_by(Lot.id)).scalars().all()
    columns = ("at", "kind", "lot_id", "quantity", "from_location_id", "from_status", "to_location_id", "to_status",
               "ref_type", "ref_no", "station", "note")

    at = now.replace(tzinfo=None) if conn.dialect.name == "postgresql" else now  # COPY takes plain UTC

    def row(i: int) -> tuple:
        there = i % 2 == 0  # A → B, then B → A: every pair nets to nothing
        return (at, "move", lots[(i // 2) % len(lots)], 1 + (i // 2) % 7, a if there else b, "available",
                b if there else a, "available", "bench", f"H{i // 2}", "bench", "")

    if conn.dialect.name == "postgresql":
        with conn.connection.dbapi_connection.cursor() as cur, \
                cur.copy(f"COPY movement ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(movements):
                copy.write_row(row(i))
        return
    stmt = insert(Movement.__table__)
    for start in range(0, movements, CHUNK):
        conn.execute(stmt, [dict(zip(columns, row(i))) for i in range(start, min(movements, start + CHUNK))])


def build(url: str, movements: int) -> Any:
    """The demo warehouse, the sample declaration (nothing received) and the history; returns the clerk."""
    from app.admin import auth, masterdata
    from app.inbound.declarations import import_declaration
    from app.persistence.db import open_database
    from app.persistence.uow import SYSTEM, Actor, UnitOfWork

    db = open_database(url)
    try:
        with UnitOfWork(db, SYSTEM) as uow:
            clerk = auth.create_user_unchecked(uow, "clerk", "clerk", PASSWORD)
            masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
            masterdata.import_locations(uow, DEMO / "locations.csv")
            masterdata.import_products(uow, DEMO / "products.csv")
            import_declaration(uow, DEMO / "declaration.csv")
            uow.commit()
            actor = Actor(clerk.id, "clerk", "clerk", "bench-dock")
        with db.engine.begin() as conn:
            _history(conn, movements)
        if db.is_sqlite:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
    finally:
        db.dispose()
    return actor


# -- the station ------------------------------------------------------------------------------------------
def _watch(screen: Any) -> Any:
    """Notes when the screen showed an answer and when the tally table was painted after it."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Slot

    class Watch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.loop = QEventLoop()
            self.guard = QTimer(singleShot=True, interval=5000)
            self.guard.timeout.connect(self.loop.quit)
            self.arrived_at = self.shown_at = self.painted_at = 0.0
            screen.input.sig_scan.connect(self.arrived)
            screen.sig_feedback.connect(self.shown)
            screen.view.viewport().installEventFilter(self)

        @Slot(str, str)
        def arrived(self, _raw: str, _scan_id: str) -> None:
            self.arrived_at = time.perf_counter()

        @Slot(object)
        def shown(self, _fb: object) -> None:
            self.shown_at = time.perf_counter()
            self.loop.quit()

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and self.shown_at and not self.painted_at:
                QTimer.singleShot(0, self.painted)  # runs once this paint is done
            return False

        @Slot()
        def painted(self) -> None:
            self.painted_at = time.perf_counter()
            self.loop.quit()

        def wait(self, done: Any) -> bool:
            self.guard.start()
            while not done() and self.guard.isActive():
                self.loop.exec()
            return bool(done())

        def pause(self, ms: int) -> None:
            QTimer.singleShot(ms, self.loop.quit)
            self.loop.exec()

    return Watch()


def _station(url: str, actor: Any, tmp: Path) -> Any:
    from app.persistence.db import open_database
    from ui.context import AppContext
    from ui.inbound.receive_station import ReceiveStationScreen
    from ui.station_settings import StationSettings
    from ui.widgets.sound import SoundPlayer

    ctx = AppContext("bench-dock", StationSettings(tmp / f"bench-dock-{uuid.uuid4().hex[:6]}.ini"),
                     db=open_database(url))
    ctx.act_as(actor)
    SoundPlayer(ctx, enabled=False).setObjectName("station_sounds")
    screen = ReceiveStationScreen(ctx)
    screen.resize(1280, 800)
    screen.show()
    screen.choose_declaration(DECLARATION)
    return ctx, screen


def measure(url: str, actor: Any, tmp: Path) -> dict[str, list[float]]:
    """Per scan, ms from the end of its burst to: the scan on the GUI thread, banner + table updated, painted."""
    from PySide6.QtWidgets import QApplication

    from app.devices.emulators import PtyDevice, read_scans
    from ui.devices.device_settings import StationDevices

    app = QApplication.instance() or QApplication(["bench"])
    ctx, screen = _station(url, actor, tmp)
    watch = _watch(screen)
    device = PtyDevice(tmp / f"bench-gui-scanner-{uuid.uuid4().hex[:6]}")
    scans = read_scans(DEMO / "receive_scans.txt")
    times: dict[str, list[float]] = {"arrived": [], "updated": [], "painted": []}
    try:
        watch.wait(lambda: screen.station is not None and not ctx.executor.busy)
        screen.hub.apply(StationDevices(scanner_url=device.port))
        watch.wait(lambda: screen.hub.scanner is not None and screen.hub.scanner.connected)
        watch.pause(300)  # pyserial empties the input just after it opens the port
        for i in range(SCANS):
            watch.arrived_at = watch.shown_at = watch.painted_at = 0.0
            device.send(scans[i % len(scans)] + b"\r\n")
            burst_end = time.perf_counter()
            if not (watch.wait(lambda: watch.shown_at) and watch.wait(lambda: watch.painted_at)):
                raise RuntimeError(f"scan {i} was not shown within 5 s")
            for name, at in (("arrived", watch.arrived_at), ("updated", watch.shown_at),
                             ("painted", watch.painted_at)):
                times[name].append((at - burst_end) * 1000)
            watch.pause(20)  # a clerk scans again after a moment, not back to back
        counted = sum(r.received for r in screen.model.rows)
        if screen.last_feedback is None or not screen.last_feedback.accepted or not counted:
            raise RuntimeError(f"the scans were not counted: {screen.last_feedback}")
    finally:
        screen.hub.stop()
        device.close()
        screen.close()
        ctx.close()
        app.processEvents()
    return times


def _report(ctx: Any, engine: str, times: dict[str, list[float]]) -> None:
    painted = times["painted"]
    where = f"{engine}, {MOVEMENTS:,} movements, {len(painted)} scans"
    p95 = _percentile(painted, 0.95)
    ctx.report(f"serial burst end -> banner + tally painted p95 ({where})", p95, "ms", "< 50 ms", p95 < 50)
    ctx.report(f"  median ({engine})", statistics.median(painted), "ms", "", None)
    ctx.report(f"  max ({engine})", max(painted), "ms", "", None)
    for name, what in (("arrived", "scan on the GUI thread"), ("updated", "banner + tally model updated")):
        ctx.report(f"  burst end -> {what}, median ({engine})", statistics.median(times[name]), "ms", "", None)
        ctx.report(f"  burst end -> {what}, p95 ({engine})", _percentile(times[name], 0.95), "ms", "", None)


def _postgres(ctx: Any) -> tuple[str, Any] | None:
    """A migrated throwaway PostgreSQL database and its dropper, when BWMS_TEST_PG_URL names a server."""
    if not ctx.pg_url:
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.persistence import migrate
    from app.persistence.db import open_database

    name = f"bench_inbound_gui_{uuid.uuid4().hex[:8]}"
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


def run(ctx: Any) -> None:
    started = time.perf_counter()
    url = ctx.fresh_sqlite("inbound_gui")
    actor = build(url, MOVEMENTS)
    ctx.report(f"build the SQLite warehouse with {MOVEMENTS:,} movements", time.perf_counter() - started, "s", "")
    _report(ctx, "SQLite", measure(url, actor, ctx.tmp))
    made = _postgres(ctx)
    if made is None:
        return
    url, drop = made
    try:
        started = time.perf_counter()
        actor = build(url, MOVEMENTS)
        ctx.report(f"build the PostgreSQL warehouse with {MOVEMENTS:,} movements", time.perf_counter() - started,
                   "s", "")
        _report(ctx, "PostgreSQL", measure(url, actor, ctx.tmp))
    finally:
        drop()
