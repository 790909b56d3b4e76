"""Every station scan against the durable floor (issue 10, part 7): the demo container received at the receive
station, put away at the put-away station, the demo orders picked, packed, loaded at the gate (each parcel scan
loads it onto the vehicle) and shipped by the vehicle pass, each scan its own
transaction as the stations run it; each station's cost per scan is compared with a bare sqlite3 INSERT+COMMIT
with the product's own pragmas (bench.floor) measured before and after it in the same run (the mean of the two).

The demo warehouse's story runs ROUNDS times (each in a fresh database; BWMS_BENCH_ROUNDS), so each station's
figure rests on enough scans. The rounds share one engine, as a station process runs all day: each statement is
compiled once in the process's life. A first, untimed round warms the process up (its statements compiled, its
caches filled): the goal is a station's cost per scan as it runs all day, and a process's first scans pay once for
compiling the statements of its scan path (the put-away station's 22 scans of a round are few enough for that to
show in the figure). That first round's cost per scan is reported apart (`first round`), so the cold start stays in view. The
ratio is the stations' total scan time over the floors of the same rounds. The statements are counted in the
first round (an engine listener, the same story each round); the timed rounds run without the counter, which is
the bench's apparatus, not the station's work.
Each station also reports its SQL statements per scan (transaction control apart). The pack weigh (the parcel
made: weight, label and packing list rendered and queued) is the pack station's finish step, not a scan: it is
reported on its own line with how its time divides (document rendering, the rest: database and Python). The
vehicle pass (every loaded parcel of a manifest ships at once) is the gate station's finish step: its own line,
per pass and per parcel.
Each station's time per scan and the floor's also report their CPU time (the process's own work: Python and
SQLite); the rest is the wait for the disk's flush at COMMIT. The ratio weighs the two as the machine does: a disk
that flushes fast leaves the CPU the larger share of both sides, so the same code reads higher on such a machine.
Each station's SQL alone is measured last (bench.sql_alone): one more run of the story, untimed, records what the
stations sent; each station's recording is then replayed REPLAYS times with bare sqlite3 on a copy of the database
as it was before that station, each replay bracketed by the floor. Its ratio is the least a scan of the station can
cost against the floor with the product's schema and statements: the rest of the station's ratio is the product's
Python. Each station's writes alone are the same replays less the scans' reads (their SELECTs): what the rows a
scan records (and their indexes) cost with the COMMIT that makes them durable, which no change to the Python or to
the reads can lower.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from app import settings
from app.admin import audit, auth, masterdata
from app.persistence.db import Database, open_database
from app.persistence.models import ConsumerOrder, InventoryList, Product
from app.persistence.uow import Actor, UnitOfWork, UnitsOfWork
from app.stations import Tone
from bench.floor import bare_commit_times
from bench.floor import settings as floor_settings
from bench.sql_alone import Recorder, replay

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
GOAL = 3.0  # each station scan <= 3 × the bare INSERT+COMMIT with the product's settings
ROUNDS = int(os.environ.get("BWMS_BENCH_ROUNDS", "4"))
REPLAYS = ROUNDS  # each station's recorded SQL replayed as many times as the story is timed (bench.sql_alone)
ADMIN = Actor(None, "system", "admin", "bench")


def _run(db: Database, service: Callable, *args, **kwargs):
    with UnitOfWork(db, ADMIN) as uow:
        result = service(uow, *args, **kwargs)
        uow.commit()
    return result


class Statements:
    """Counts the SQL statements an engine sends (transaction control apart)."""

    def __init__(self) -> None:
        self.sent = 0

    def __call__(self, _conn, _cursor, statement: str, *_args) -> None:
        if statement.split(None, 1)[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
            self.sent += 1


STATEMENTS = Statements()
RECORDER: Recorder | None = None  # set during the recorded round (module's note)


@dataclasses.dataclass(frozen=True)
class Floor:
    """The bare INSERT+COMMIT per row around one station: seconds and CPU seconds (bench.floor)."""

    seconds: float
    cpu: float


class Timer:
    """Wall time of the station scans that reach the database (one transaction each), their statements, and
    the floor of the rounds they ran in (floor × scans, summed)."""

    def __init__(self) -> None:
        self.seconds, self.scans, self.statements, self.floor_seconds = 0.0, 0, 0, 0.0
        self.cpu = 0.0  # CPU seconds of the scans (the rest of `seconds`: waiting for the disk)
        self.parcels = 0  # the vehicle pass: parcels shipped by the passes timed

    def __call__(self, fn: Callable[[], object]) -> object:
        if RECORDER is not None:  # the recorded round (bench.sql_alone): untimed
            return RECORDER.timed(self, fn)
        sent = STATEMENTS.sent
        started, cpu = time.perf_counter(), time.process_time()
        result = fn()
        self.seconds += time.perf_counter() - started
        self.cpu += time.process_time() - cpu
        self.statements += STATEMENTS.sent - sent
        self.scans += 1
        return result

    def add(self, other: Timer, floor: Floor) -> None:
        self.seconds += other.seconds
        self.cpu += other.cpu
        self.scans += other.scans
        self.statements += other.statements
        self.floor_seconds += floor.seconds * other.scans
        self.parcels += other.parcels

    @property
    def floor(self) -> float:
        return self.floor_seconds / self.scans


class Rendering:
    """Time spent rendering documents (the renderers of the document registry), wrapped for the bench."""

    def __init__(self) -> None:
        self.seconds = 0.0
        from app.documents import registry

        specs = registry.registry()._specs  # the bench wraps the renderers to time them
        for name, spec in list(specs.items()):
            specs[name] = dataclasses.replace(spec, render=self._timed(spec.render))

    def _timed(self, render: Callable[[Any, str], bytes]) -> Callable[[Any, str], bytes]:
        def timed(data: Any, fmt: str) -> bytes:
            started = time.perf_counter()
            try:
                return render(data, fmt)
            finally:
                self.seconds += time.perf_counter() - started
        return timed


def _ok(fb, raw: str) -> None:
    if fb.tone == Tone.ERROR:
        raise AssertionError(f"scan {raw!r} refused: {fb.code} {fb.text}")


def _setup(db: Database) -> Actor:
    with UnitOfWork(db, ADMIN) as uow:
        clerk = auth.create_user_unchecked(uow, "clerk", "clerk", "bench-password-1")
        masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
        masterdata.import_locations(uow, DEMO / "locations.csv")
        masterdata.import_products(uow, DEMO / "products.csv")
        masterdata.import_positive_list(uow, DEMO / "positive_list.csv")
        masterdata.import_carriers(uow, DEMO / "carriers.csv")
        settings.set_value(uow.session, "dxp_id", "DXPENT0000458763")
        uow.commit()
        return Actor(clerk.id, "clerk", "clerk", "bench-1")


def receive(db: Database, clerk: Actor) -> tuple[str, Timer]:
    from app.demo.story import SAMPLES_TODAY
    from app.inbound.declarations import import_declaration
    from app.inbound.receive_station import ReceiveStation

    report = _run(db, import_declaration, DEMO / "declaration.csv")
    declaration = report.declaration_no if hasattr(report, "declaration_no") else None
    if declaration is None:
        with UnitOfWork(db, ADMIN, write=False) as uow:
            from app.persistence.models import InboundDeclaration
            declaration = uow.session.execute(select(InboundDeclaration.declaration_no)).scalar_one()
    station = ReceiveStation(UnitsOfWork(db, clerk), declaration, today=SAMPLES_TODAY)
    timer = Timer()
    scans = [s for s in (DEMO / "receive_scans.txt").read_bytes().decode("utf-8").split("\n") if s]
    for n, raw in enumerate(scans):
        _ok(timer(lambda: station.scan(raw, f"rcv-{n}")), raw)
    _ok(station.scan("CMD:CLOSE", "rcv-close"), "CMD:CLOSE")
    return declaration, timer


def released(db: Database, declaration: str) -> list[Any]:
    """The declaration released by customs; its put-away plan (app.inbound.putaway.plan)."""
    from app.inbound import putaway, release

    _run(db, release.release, declaration)
    with UnitOfWork(db, ADMIN, write=False) as uow:
        return putaway.plan(uow, declaration)


def put_away(db: Database, clerk: Actor, declaration: str, rows: list[Any] | None = None) -> Timer:
    """The put-away station's scans of the declaration's plan (`rows`: from `released`, else released here)."""
    from app.inbound.putaway_station import PutawayStation

    if rows is None:
        rows = released(db, declaration)
    with UnitOfWork(db, ADMIN, write=False) as uow:
        gtin = dict(uow.session.execute(select(Product.sku, Product.gtin)).all())
    station = PutawayStation(UnitsOfWork(db, clerk))
    timer = Timer()
    for n, row in enumerate(rows):
        g = row.goods
        raw = f"]C100{g.lpn}" if g.lpn else f"]C101{gtin[g.sku].zfill(14)}10{g.batch}\x1d37{g.quantity}"
        fb = timer(lambda: station.scan(raw, f"put-goods-{n}"))
        _ok(fb, raw)
        to = fb.params.get("suggested")
        if to is None:
            continue
        _ok(timer(lambda: station.scan(f"LOC:{to}", f"put-loc-{n}")), to)
    return timer


def orders(db: Database, tmp: Path) -> None:
    from app.customs.export import export_inventory_lists
    from app.customs.receipts import apply_receipts
    from app.orders.importing import import_orders

    imported = _run(db, import_orders, DEMO / "orders.jsonl")
    if imported.rejected:
        raise AssertionError(f"orders rejected: {imported.rejected}")
    _run(db, export_inventory_lists, tmp / "outbox")
    with UnitOfWork(db, ADMIN, write=False) as uow:
        order_nos = list(uow.session.execute(select(ConsumerOrder.order_no).join(InventoryList)
                                             .where(InventoryList.return_status == "")).scalars())
    receipts = tmp / "receipts.csv"
    receipts.write_text("order_no,status,time,info\n" + "".join(
        f"{no},800,20261126103015123,bench\n" for no in order_nos), encoding="utf-8")
    _run(db, apply_receipts, receipts)


def pick(db: Database, clerk: Actor) -> Timer:
    from app.demo.story import SAMPLES_TODAY, _pick_scans
    from app.outbound.allocation import allocate
    from app.outbound.pick_station import PickStation
    from app.outbound.waves import waves

    _run(db, allocate, today=SAMPLES_TODAY)
    with UnitOfWork(db, clerk, write=False) as uow:
        open_waves = waves(uow, status="open")
    timer = Timer()
    for wave in open_waves:
        station = PickStation(UnitsOfWork(db, clerk), wave["wave"])
        for n, raw in enumerate(_pick_scans(wave)):
            if raw.startswith("LOC:"):  # a read-only check, not a committed scan
                _ok(station.scan(raw, f"pick-{wave['wave']}-{n}"), raw)
            else:
                _ok(timer(lambda: station.scan(raw, f"pick-{wave['wave']}-{n}")), raw)
    return timer


def pack(db: Database, clerk: Actor, tmp: Path) -> tuple[Timer, Timer]:
    """(order scans, weighings): the unit scans in between are checked by the station in memory."""
    from app.outbound.pack_station import PackStation

    with UnitOfWork(db, clerk, write=False) as uow:
        order_nos = list(uow.session.execute(select(ConsumerOrder.order_no).where(
            ConsumerOrder.status == "picked").order_by(ConsumerOrder.id)).scalars())
    opening, weighing = Timer(), Timer()
    station = PackStation(UnitsOfWork(db, clerk), label_out=tmp / "labels")
    for n, order_no in enumerate(order_nos):
        opened = opening(lambda: station.scan(order_no, f"pack-{n}"))
        _ok(opened, order_no)
        for content in opened.params["contents"]:
            for _ in range(content["qty"]):
                _ok(station.scan(content["gtin"]), content["gtin"])
        _ok(weighing(lambda: station.weigh(opened.params["computed_weight"])), "weigh")
    return opening, weighing


def gate(db: Database, clerk: Actor) -> tuple[Timer, Timer]:
    """The loading scans (timed one by one) and each manifest's vehicle pass (timed apart)."""
    from app.outbound.gate_station import GateStation
    from app.outbound.shipping import create_manifest
    from app.persistence.models import Parcel

    timer, passing = Timer(), Timer()
    for n, carrier in enumerate(("SF", "YTO", "ZTO")):
        manifest = _run(db, create_manifest, carrier, f"浙A{n}2345")
        with UnitOfWork(db, clerk, write=False) as uow:
            waybills = list(uow.session.execute(select(Parcel.waybill_no).where(
                Parcel.carrier_code == carrier).order_by(Parcel.id)).scalars())
        station = GateStation(UnitsOfWork(db, clerk))
        _ok(station.scan(manifest.manifest), manifest.manifest)
        for k, waybill in enumerate(waybills):
            _ok(timer(lambda: station.scan(waybill, f"gate-{n}-{k}")), waybill)
        report = passing(lambda: station.pass_vehicle(gross_weight="12000", tare_weight="11000"))
        passing.parcels += len(report.parcels)
    return timer, passing


def _station_process(ctx) -> Database:
    """The stations' process: one engine for every round, as a station runs all day (its statements compiled once
    in its life, not once a round); each round recreates the database file under it (`_fresh`)."""
    return open_database(ctx.fresh_sqlite("stations"))


def counting(db: Database, on: bool) -> None:
    """Count the engine's statements (the warm-up round) or not (the timed rounds: the counter is the bench's
    apparatus, not the station's work, and costs a few microseconds a statement)."""
    if on and not event.contains(db.engine, "before_cursor_execute", STATEMENTS):
        event.listen(db.engine, "before_cursor_execute", STATEMENTS)
    elif not on and event.contains(db.engine, "before_cursor_execute", STATEMENTS):
        event.remove(db.engine, "before_cursor_execute", STATEMENTS)


def _fresh(ctx, db: Database) -> None:
    """A fresh, migrated database for the next round under the same engine: its connections closed first (the
    pool only: the engine and its compiled statements stay), what it checked once about the old file forgotten."""
    db.engine.dispose()
    db.cache.clear()
    for suffix in ("-wal", "-shm"):
        Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
    ctx.fresh_sqlite("stations")


def _round(ctx, n: int, db: Database) -> list[tuple[str, Timer, Floor]]:
    """One run of the story in a fresh database: (line, timer, floor of the station) for each station."""
    _fresh(ctx, db)
    measured: list[tuple[str, Timer, Floor]] = []
    try:
        clerk = _setup(db)

        def measure(step: Callable[[], Any]) -> tuple[Floor, Any]:
            # the floor brackets the station (before and after, averaged): a machine whose load changes during
            # the run moves both sides of the ratio alike
            if RECORDER is not None:
                RECORDER.start(f"round {n}, station {len(measured)}")
            before = bare_commit_times(ctx.tmp / f"floor_{n}_{len(measured)}a.sqlite3")
            result = step()
            after = bare_commit_times(ctx.tmp / f"floor_{n}_{len(measured)}b.sqlite3")
            return Floor((before[0] + after[0]) / 2, (before[1] + after[1]) / 2), result

        floor, (declaration, timer) = measure(lambda: receive(db, clerk))
        measured.append((RECEIVE, timer, floor))
        floor, timer = measure(lambda: put_away(db, clerk, declaration))
        measured.append((PUT_AWAY, timer, floor))
        orders(db, ctx.tmp / f"round_{n}")
        floor, timer = measure(lambda: pick(db, clerk))
        measured.append((PICK, timer, floor))
        floor, (opening, weighing) = measure(lambda: pack(db, clerk, ctx.tmp / f"round_{n}"))
        measured.append((PACK, opening, floor))
        measured.append((WEIGH, weighing, floor))
        floor, (timer, passing) = measure(lambda: gate(db, clerk))
        measured.append((GATE, timer, floor))
        measured.append((PASS, passing, floor))
        if RECORDER is not None:
            for name, timer, _ in measured:
                RECORDER.name(timer, name)
    finally:
        db.engine.dispose()
    return measured


def _sql_alone(ctx, db: Database) -> dict[tuple[str, bool], Timer]:
    """One more run of the story, recorded and untimed, then each station's recording replayed REPLAYS times with
    bare sqlite3 (bench.sql_alone), whole and without its scans' reads, each replay bracketed by the floor as the
    stations are: {(figure, reads replayed): its timed scans' SQL time, their number and their floors}."""
    global RECORDER
    n = ROUNDS + 1
    (ctx.tmp / f"round_{n}").mkdir(exist_ok=True)
    recorder = RECORDER = Recorder(db, ctx.tmp)
    try:
        _round(ctx, n, db)
    finally:
        RECORDER = None
        recorder.close()
    with UnitOfWork(db, ADMIN, write=False) as uow:
        link = audit.audit_key(uow).mac  # the recorded round's database: its audit key
    alone: dict[tuple[str, bool], Timer] = {}
    for k, recording in enumerate(recorder.recordings * REPLAYS):
        for reads in (True, False):
            before = bare_commit_times(ctx.tmp / f"floor_alone_{k}_{reads:d}a.sqlite3")
            timed = replay(recording, recorder.figures, ctx.tmp / "sql_alone_copy.sqlite3", link, reads=reads)
            after = bare_commit_times(ctx.tmp / f"floor_alone_{k}_{reads:d}b.sqlite3")
            for figure, (seconds, scans) in timed.items():
                sql = alone.setdefault((figure, reads), Timer())
                sql.seconds += seconds
                sql.scans += scans
                sql.floor_seconds += (before[0] + after[0]) / 2 * scans
    return alone


RECEIVE, PUT_AWAY, PICK = "receive (carton scan)", "put-away (goods scan, location scan)", "pick (unit scan)"
PACK, GATE = "pack (order scan)", "gate (parcel loading scan: onto the vehicle, nothing ships)"
PASS = "gate station's finish step (vehicle pass: every loaded parcel of a manifest ships, SAS121 archived)"
WEIGH = "pack station's finish step (weigh: parcel made, label and packing list rendered and queued)"


def run(ctx) -> None:
    os.environ.setdefault("BWMS_HOME", str(ctx.tmp / "home"))
    rendering = Rendering()
    totals = {name: Timer() for name in (RECEIVE, PUT_AWAY, PICK, PACK, WEIGH, GATE, PASS)}
    floors: list[Floor] = []
    rendered = 0.0
    first = {name: Timer() for name in totals}  # the warm-up round's: its statements, its cold cost
    db = _station_process(ctx)
    try:
        for n in range(ROUNDS + 1):  # round 0 warms the process up and counts the statements (module's note)
            counting(db, n == 0)
            (ctx.tmp / f"round_{n}").mkdir(exist_ok=True)
            before = rendering.seconds
            for name, timer, floor in _round(ctx, n, db):
                if n == 0:
                    first[name].add(timer, floor)
                    continue
                totals[name].add(timer, floor)
                if name not in (WEIGH, PASS):
                    floors.append(floor)
            if n:
                rendered += rendering.seconds - before  # only the weigh renders inside a timed step
        alone = _sql_alone(ctx, db)
    finally:
        db.dispose()
    ctx.report(f"bare sqlite3 INSERT+COMMIT per row ({floor_settings()}), mean of {len(floors)} runs",
               sum(f.seconds for f in floors) / len(floors) * 1000, "ms")
    ctx.report("bare sqlite3 INSERT+COMMIT per row: of which CPU (the rest: the wait for the disk's flush)",
               sum(f.cpu for f in floors) / len(floors) * 1000, "ms")
    for name, timer in totals.items():
        if name == PASS:
            ctx.report(f"{name}: {timer.scans} passes of {timer.parcels} parcels in {ROUNDS} rounds, per pass",
                       timer.seconds / timer.scans * 1000, "ms")
            ctx.report(f"{name}: per parcel shipped", timer.seconds / timer.parcels * 1000, "ms")
            ctx.report(f"{name}: SQL statements per parcel shipped", first[name].statements / first[name].parcels,
                       "stmts")
            continue
        per_scan = timer.seconds / timer.scans
        ratio = timer.seconds / timer.floor_seconds
        what = "weighings" if name == WEIGH else "scans"
        ctx.report(f"{name}: {timer.scans} {what} in {ROUNDS} rounds, {what}/s", timer.scans / timer.seconds,
                   f"{what}/s")
        ctx.report(f"{name}: SQL statements per {what[:-1]}", first[name].statements / first[name].scans, "stmts")
        if name == WEIGH:
            ctx.report(f"{name}: per weighing / bare INSERT+COMMIT ({timer.floor * 1000:.2f} ms)", ratio, "x")
            ctx.report(f"{name}: of which document rendering (ZPL + PDFs)", rendered / timer.seconds * 100, "%")
            ctx.report(f"{name}: the rest (database, queue, label files) per weighing",
                       (timer.seconds - rendered) / timer.scans * 1000, "ms")
            continue
        ctx.report(f"{name}: per scan ({per_scan * 1000:.3f} ms) / bare INSERT+COMMIT ({timer.floor * 1000:.2f} ms) "
                   "with the product's settings", ratio, "x", f"<= {GOAL:g}", ratio <= GOAL)
        ctx.report(f"{name}: CPU per scan (the rest: the wait for the disk's flush)", timer.cpu / timer.scans * 1000,
                   "ms")
        sql = alone[name, True]
        ctx.report(f"{name}: its SQL alone ({sql.seconds / sql.scans * 1000:.3f} ms a scan: its statements and COMMIT "
                   "replayed with sqlite3, none of the product's Python) / bare INSERT+COMMIT",
                   sql.seconds / sql.floor_seconds, "x", "(the least a scan can cost with these statements)")
        sql = alone[name, False]
        ctx.report(f"{name}: its writes alone ({sql.seconds / sql.scans * 1000:.3f} ms a scan: the SQL alone less its "
                   "reads) / bare INSERT+COMMIT", sql.seconds / sql.floor_seconds, "x",
                   "(the least a scan can cost with what it records)")
    for name, timer in first.items():  # the cold start, for the record (no goal: a once-a-process cost)
        if name in (WEIGH, PASS):
            continue
        ctx.report(f"{name}: first round, the process cold (statements compiled): per scan / bare INSERT+COMMIT",
                   timer.seconds / timer.floor_seconds, "x")
