"""Every screen at 1366×768 in English and Chinese, on the demo warehouse (offscreen), the one screenshot tool:
`python docs/screenshots/make_screenshots.py [--screens KEY …] [--states NAME …]`

- The walk → docs/screenshots/screen_<key>_<language>.png. It is the screen test's (tests/gui/screen_walk.py:
  the one screen list, every role); each screen is taken as the first role that may open it sees it
  (administrator, supervisor, clerk, customs officer, in that order). What the test measures is printed too
  (nothing when every header and number fits).
- The states → docs/screenshots/<state>_<language>.png: a screen as the plain walk does not show it (data
  staged, a row selected, a filter set, a station in the middle of a count), each group of STATES on its own
  fresh copy of the demo warehouse, walked by the same walk over just its screens:
  `overview` (the overview as each role), `books` (the period books compared with a customs balances file
  differing on two items, the demo manifest's lists on an exit checklist posted by customs, the vehicle pass),
  `counts` (a closed and recounted stock count with a shortage and a surplus; the count station counting
  blind on the recount), `words` (the audit log with an entry's detail, the orders' statuses, an order's detail
  as a customs officer sees it, the exchange archive with a message's file, the rejection workbench, the
  settings), `refusals` (the waves screen with an order waiting for stock, the exchange archive filtered to refused
  inbox files), `imports` (the sample bad orders imported through the import screen: its report), `owners` (stock
  filtered to owner KIWI, orders and declarations of every owner), `stations` (the stations at work: a wave being
  picked at its first location, a parcel packed with its label, a vehicle being loaded at the gate with a stranger
  refused, a shipped parcel traced and its batch record), `login` (the sign-in window).

With no option, the walk and every state. `--screens KEY …` walks only those screens; `--states NAME …` takes
only those states (a group's name or one state's, e.g. `counts_station`); give both for both.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from app.admin import auth
from app.persistence import migrate
from app.persistence.db import Database, open_database
from app.persistence.uow import SYSTEM, UnitOfWork
from tests.gui.screen_walk import (
    LANGUAGES,
    ROLES,
    fit_problems,
    load_demo,
    settle,
    sideways_problems,
    size_problems,
    walk,
    window_maker,
)
from ui import i18n
from ui.i18n import Translations
from ui.main import install_fonts, make_application
from ui.shell import load_all


@dataclass(frozen=True)
class State:
    name: str  # the picture's name before _<language>.png
    role: str  # who looks
    key: str  # the screen
    pose: Callable[[Any, Any], None] = lambda screen, staged: None  # what is done on the opened screen


@dataclass(frozen=True)
class Group:
    name: str
    states: tuple[State, ...]
    stage: Callable[[Database, Path], Any] = lambda db, folder: None  # data staged first; handed to each pose


# -- books: the period books against customs' balances, an exit checklist, the vehicle pass -------------------
def _today():
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def stage_books(db: Database, folder: Path) -> Path:
    """Customs' balances (ours, but 4 more of the first held item and 1 less of the second) in a file; the demo
    manifest's lists on one exit checklist, posted by customs (its vehicle passed the gate weighed, with an IC
    card, in the demo)."""
    from app.customs.books import period_ledger
    from app.customs.checklist import apply_checklist_receipt, deliver, find, gather
    from app.formats.customs.receipts import ReceiptIn
    from app.persistence.types import utcnow

    with UnitOfWork(db, SYSTEM, write=False) as uow:
        lines = period_ledger(uow, _today(), _today()).lines
    held = [line.item_no for line in lines if line.closing]
    balances = {line.item_no: line.closing for line in lines}
    balances[held[0]] += 4
    balances[held[1]] -= 1
    path = folder / "customs_balances.csv"
    path.write_text("item_no,balance\n" + "".join(f"{k},{v}\n" for k, v in balances.items()), encoding="utf-8")
    with UnitOfWork(db, SYSTEM) as uow:
        report = gather(uow, _today(), _today())
        uow.commit()
        deliver(uow, report.checklist)
        apply_checklist_receipt(uow, find(uow, report.checklist),
                                ReceiptIn("INV101", report.checklist, "", "", "", "2", utcnow(), "已核扣"))
        uow.commit()
    return path


# -- counts: count 1 closed with a shortage and a surplus and recounted; count 2 (the recount) open ------------
PREFIXES = ("B-01", "B-02", "B-03", "A-04", "A-03", "A-02", "C-0")


def _stock(uow: UnitOfWork, prefix: str) -> list[tuple[str, str, str, int]]:
    from sqlalchemy import func, select

    from app.persistence.models import Location, Lot, Product, Stock

    return [tuple(r) for r in uow.session.execute(
        select(Location.code, Product.gtin, Lot.batch_no, func.sum(Stock.quantity))
        .join(Location, Location.id == Stock.location_id).join(Lot, Lot.id == Stock.lot_id)
        .join(Product, Product.id == Stock.product_id).where(Location.code.startswith(prefix))
        .group_by(Location.code, Product.gtin, Lot.batch_no).order_by(Location.code))]


def stage_counts(db: Database, folder: Path) -> tuple[int, list]:
    """Count 1 over the first prefix of PREFIXES free of open picks, counted with a shortage of 3 and a surplus
    of 2 planted, closed and recounted: (the recount's id, the stock it covers)."""
    from sqlalchemy import select

    from app.counts import CountStation, close_count, create_count, recount
    from app.domain.gs1 import element_string
    from app.errors import Rejected
    from app.persistence.models import Location
    from app.persistence.uow import UnitsOfWork

    for prefix in PREFIXES:
        with UnitOfWork(db, SYSTEM) as uow:
            if not _stock(uow, prefix):
                continue
            try:
                first = create_count(uow, location_prefix=prefix).count
            except Rejected as exc:
                print(f"{prefix}: {exc.message}")
                continue
            uow.commit()
            break
    else:
        raise SystemExit("no free location prefix to count")
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        here = _stock(uow, prefix)
        everywhere = list(uow.session.scalars(select(Location.code).where(Location.code.startswith(prefix))
                                              .order_by(Location.code)))
    station = CountStation(UnitsOfWork(db, SYSTEM), first)
    visited = set()
    for n, (loc, gtin, batch, qty) in enumerate(here):
        if loc not in visited:
            station.scan(f"LOC:{loc}")
            visited.add(loc)
        station.scan("]C1" + element_string(gtin, batch=batch, count=qty + (-3 if n == 0 else 2 if n == 1 else 0)))
    for loc in everywhere:
        if loc not in visited:
            station.scan(f"LOC:{loc}")
    with UnitOfWork(db, SYSTEM) as uow:
        close_count(uow, first)
        second = recount(uow, first).count  # the varying locations again
        stock = _stock(uow, prefix)
        uow.commit()
    return second, stock


def pose_counts_list(screen, staged) -> None:
    screen.refresh()
    settle(screen.ctx)
    screen.view.selectRow(1)  # count 1, recounted: its variances


def pose_count_station(screen, staged) -> None:
    """A location of the recount scanned, then a carton of half its first line and one unit (once: the same
    station is shown in the next language)."""
    from app.domain.gs1 import element_string

    if screen.station is not None:
        return
    count_id, stock = staged
    screen.refresh()
    settle(screen.ctx)
    screen.start(count_id)
    loc, gtin, batch, qty = stock[0]
    for raw in (f"LOC:{loc}", "]C1" + element_string(gtin, batch=batch, count=max(qty // 2, 1)), gtin):
        screen.take(raw, f"shot-{raw}")
        settle(screen.ctx)


def pose_owner(owner: str) -> Callable[[Any, Any], None]:
    """Filter the screen to `owner` ("": every owner), now (a debounced filter too)."""
    def pose(screen, staged) -> None:
        screen.owner.setCurrentIndex(max(0, screen.owner.findData(owner)))
        if getattr(screen, "debounce", None) is not None:
            screen.debounce.flush()
    return pose


def pose_import(screen, _staged) -> None:
    """The sample bad orders imported through the screen: its report lists each problem by name."""
    from app.orders.importing import DEMO_ORDERS

    screen.import_path(DEMO_ORDERS.with_name("orders_invalid.jsonl"))
    settle(screen.ctx)
    while screen.importer.running:  # the job's answer is posted after the DB thread is idle
        settle(screen.ctx)


# -- refusals: an order waiting for stock, refused files in the customs inbox ----------------------------------------
def stage_refusals(db: Database, folder: Path) -> None:
    """Open picks found short location by location until an order waits for stock (no other units of its item);
    two files refused in the customs inbox (not well-formed XML, a DTD declaring entities)."""
    from app.customs.queries import exchange_folders
    from app.customs.receipts import apply_receipts
    from app.outbound.allocation import waiting_orders
    from app.outbound.pick_station import PickStation
    from app.outbound.waves import waves
    from app.persistence.uow import UnitsOfWork
    from tests.conftest import actor

    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        stops = [(w["wave"], t["location"]) for w in waves(uow, status="open") for t in w["tasks"]
                 if t["status"] == "open"]
    for wave_no, location in dict.fromkeys(stops):
        station = PickStation(UnitsOfWork(db, actor("clerk")), wave_no)
        station.scan(f"LOC:{location}")
        station.scan("CMD:SHORT")
        with UnitOfWork(db, actor("supervisor"), write=False) as uow:
            if waiting_orders(uow):
                break
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        inbox = exchange_folders(uow)[1]
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "CEB622_broken.xml").write_bytes(b"<ceb:CEB622Message><unclosed>")
    (inbox / "CEB622_entities.xml").write_bytes(b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><l>&a;</l>')
    with UnitOfWork(db, actor("supervisor")) as uow:
        apply_receipts(uow, inbox)
        uow.commit()


def pose_waiting(screen, _staged) -> None:
    """The order board's orders waiting for stock, and why."""
    screen.view_choice.setCurrentIndex(0)
    settle(screen.ctx)


def pose_refused(screen, _staged) -> None:
    """The archive filtered to the refused files, the newest selected."""
    screen.msg_type.setCurrentIndex(screen.msg_type.findData("INVALID"))
    settle(screen.ctx)
    screen.view.selectRow(0)


# -- stations: a wave at its first location, a parcel packed, a vehicle loading, a parcel traced ----------------------
def stage_stations(db: Database, folder: Path) -> dict[str, str]:
    """The demo's picked orders packed but for one (packed by the pack pose) and manifested for a vehicle: {order: the
    order left to pack, manifest: its number, shipped: the waybill of a parcel the demo shipped}."""
    from sqlalchemy import select

    from app.outbound.pack_station import PackStation
    from app.outbound.shipping import create_manifest
    from app.persistence.models import ConsumerOrder, Parcel
    from app.persistence.uow import UnitsOfWork
    from tests.conftest import actor

    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        picked = uow.session.execute(select(ConsumerOrder.order_no, ConsumerOrder.carrier_code)
                                     .where(ConsumerOrder.status == "picked").order_by(ConsumerOrder.order_no)).all()
        shipped = uow.session.scalars(select(Parcel.waybill_no).where(Parcel.status == "shipped")
                                      .order_by(Parcel.id).limit(1)).one()
    station = PackStation(UnitsOfWork(db, actor("clerk")))
    for order_no, _carrier in picked[1:]:
        opened = station.scan(order_no)
        for content in opened.params["contents"]:
            for _ in range(content["qty"]):
                station.scan(content["gtin"])
        station.weigh(opened.params["computed_weight"])
    with UnitOfWork(db, actor("supervisor")) as uow:
        manifest = create_manifest(uow, picked[1][1], "浙A·E6789").manifest
        uow.commit()
    return {"order": picked[0][0], "manifest": manifest, "shipped": shipped}


POSED: set[str] = set()  # the states posed already: a station keeps its state when the next language is shown


def once(name: str, pose: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    def posed(screen, staged) -> None:
        if name not in POSED:
            POSED.add(name)
            pose(screen, staged)
    return posed


def _scan(screen, raw: str) -> None:
    screen.take(raw, f"shot-{raw}")
    settle(screen.ctx)


def pose_pick(screen, _staged) -> None:
    """The first open wave chosen, its first location scanned: what to take there."""
    screen.choose_wave(screen.wave_numbers()[0])
    settle(screen.ctx)
    _scan(screen, f"LOC:{screen.prompt['location']}")


def pose_pack(screen, staged) -> None:
    """The order left to pack: opened, every unit checked, weighed and packed (its label printed)."""
    _scan(screen, staged["order"])
    weight = screen.last_feedback.params["computed_weight"]
    for content in screen.order.contents:
        for _ in range(content.quantity):
            _scan(screen, content.gtin)
    screen.weight.setText(weight)
    screen.pack()
    settle(screen.ctx)


def pose_gate(screen, staged) -> None:
    """The vehicle's manifest scanned, its first parcel loaded, a stranger's parcel refused."""
    _scan(screen, staged["manifest"])
    _scan(screen, screen.manifest["to_load"][0])
    _scan(screen, "SF000000000000")


def pose_trace(screen, staged) -> None:
    """A shipped parcel traced back to its container."""
    screen.code.setText(staged["shipped"])
    screen.trace()
    settle(screen.ctx)
    screen.tabs.setCurrentIndex(0)


def pose_batch_record(screen, staged) -> None:
    """The batch record of the traced parcel's first batch."""
    from ui.customs.trace_screen import KEY_ROLE

    pose_trace(screen, staged)
    screen.open_batch_record(screen.tree.topLevelItem(0).child(0).data(0, KEY_ROLE))
    settle(screen.ctx)


STATES = (
    Group("overview", tuple(State(f"overview_{role}", role, "overview") for role in ROLES)),
    Group("books", (State("books_books", "supervisor", "ledger.books",
                          lambda screen, path: screen.compare_with(path)),
                    State("books_checklists", "supervisor", "customs.checklists"),
                    State("books_vehicles", "supervisor", "shipping.vehicles")), stage_books),
    Group("counts", (State("counts_list", "supervisor", "inventory.counts", pose_counts_list),
                     State("counts_station", "supervisor", "inventory.count_station", pose_count_station)),
          stage_counts),
    Group("words", (State("words_audit", "admin", "reports.audit", lambda screen, _: screen.view.selectRow(3)),
                    State("words_orders", "admin", "orders.list"),
                    State("words_order_detail", "customs", "orders.list", lambda screen, _: screen.view.selectRow(0)),
                    State("words_exchange_file", "supervisor", "customs.exchange",
                          lambda screen, _: screen.view.selectRow(0)),
                    State("words_workbench", "admin", "orders.workbench"),
                    State("words_settings", "admin", "admin.warehouse"))),
    Group("refusals", (State("refusals_waves", "supervisor", "picking.waves", pose_waiting),
                       State("refusals_exchange", "supervisor", "customs.exchange", pose_refused)), stage_refusals),
    Group("imports", (State("imports_report", "supervisor", "orders.import", pose_import),)),
    Group("owners", (State("owners_stock", "admin", "inventory.stock", pose_owner("KIWI")),
                     State("owners_orders", "admin", "orders.list", pose_owner("")),
                     State("owners_declarations", "admin", "receive.declarations", pose_owner("")))),
    Group("stations", (State("stations_pick", "supervisor", "picking.station", once("pick", pose_pick)),
                       State("stations_pack", "supervisor", "packing.station", once("pack", pose_pack)),
                       State("stations_gate", "supervisor", "shipping.gate", once("gate", pose_gate)),
                       State("stations_trace", "supervisor", "reports.trace", once("trace", pose_trace)),
                       State("stations_batch_record", "admin", "reports.trace",
                             once("batch_record", pose_batch_record))), stage_stations),
    Group("login", ()),  # the sign-in window: not a screen of the main window (shoot_login)
)


def demo_database(home: Path, name: str) -> Database:
    """The demo warehouse (`bwms init --demo`, users of every role) in `home`/`name`."""
    db = open_database(f"sqlite:///{home / name}")
    migrate.upgrade(db)
    with UnitOfWork(db) as uow:  # the users in the tests' order (actor ids)
        for role in ROLES:
            auth.create_user_unchecked(uow, role, role, "screenshot-1")
        uow.commit()
    load_demo(db, home)
    return db


def copy_database(home: Path, source: str, name: str) -> Database:
    """A fresh copy of `home`/`source` (closed) as `home`/`name`."""
    with sqlite3.connect(home / source) as src, sqlite3.connect(home / name) as dst:
        src.backup(dst)
    return open_database(f"sqlite:///{home / name}")


def chosen_states(names: list[str]) -> list[tuple[Group, tuple[State, ...]]]:
    known = {g.name for g in STATES} | {s.name for g in STATES for s in g.states}
    unknown = sorted(set(names) - known)
    if unknown:
        raise SystemExit(f"no such state: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    out = []
    for group in STATES:
        states = tuple(s for s in group.states if group.name in names or s.name in names)
        if states:
            out.append((group, states))
    return out


def shoot(db: Database, home: Path, switch: Callable[[str], None], roles: tuple[str, ...], keys,
          name: Callable[[Any], str | None], pose: Callable[[Any], None] = lambda visit: None) -> list[str]:
    """Walk `keys` (None: every screen) as `roles` on `db`; save each visit named by `name(visit)` (None: not
    saved) after `pose(visit)`. The pictures saved."""
    contexts: list = []
    saved: list[str] = []
    for visit in walk(window_maker(db, home, contexts), switch, roles=roles, keys=keys):
        for problem in size_problems(visit) + fit_problems(visit.screen) + sideways_problems(visit.screen):
            print(f"{visit.role} {visit.language} {visit.key}: {problem}")
        stem = name(visit)
        if stem is None or f"{stem}_{visit.language}.png" in saved:
            continue
        pose(visit)
        settle(visit.window.ctx)
        saved.append(f"{stem}_{visit.language}.png")
        visit.window.grab().save(str(OUT / saved[-1]))
    for ctx in contexts:
        ctx.executor.shutdown()
    return saved


def shoot_login(app, home: Path, translations: Translations) -> list[str]:
    """The sign-in window on the demo warehouse, once the database is open, in each language."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from ui.main import Shell
    from ui.station_settings import StationSettings

    shell = Shell(app, f"sqlite:///{home / 'demo.sqlite3'}", "dock-1", StationSettings(home / "login.ini"))
    login = shell.start()
    while shell.ctx.db is None:  # the shell opens the database once the window is painted
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    saved = []
    for language in LANGUAGES:
        translations.switch(language)
        settle(shell.ctx)
        saved.append(f"login_{language}.png")
        login.grab().save(str(OUT / saved[-1]))
    translations.switch(LANGUAGES[0])
    login.close()
    shell.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--screens", nargs="+", metavar="KEY", help="walk only these screens")
    parser.add_argument("--states", nargs="+", metavar="NAME", help="take only these states (or groups)")
    args = parser.parse_args(argv)
    everything = args.screens is None and args.states is None
    groups = chosen_states(args.states or []) if args.states else (
        [(g, g.states) for g in STATES] if everything else [])

    assert i18n.compile_all() == 0
    app = make_application([])
    install_fonts(app)
    translations = Translations(app)
    load_all()
    saved: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["BWMS_HOME"] = str(home)  # the demo's key file and folders stay in the scratch folder
        demo_database(home, "demo.sqlite3").dispose()
        if everything or args.screens:
            db = copy_database(home, "demo.sqlite3", "walk.sqlite3")
            saved += shoot(db, home, translations.switch, ROLES, args.screens, lambda v: f"screen_{v.key}")
            db.dispose()
        for group, states in groups:
            db = copy_database(home, "demo.sqlite3", f"{group.name}.sqlite3")
            staged = group.stage(db, home)
            for role in dict.fromkeys(s.role for s in states):
                by_key = {s.key: s for s in states if s.role == role}
                saved += shoot(db, home, translations.switch, (role,), set(by_key),
                               lambda v, by_key=by_key: by_key[v.key].name,
                               lambda v, by_key=by_key, staged=staged: by_key[v.key].pose(v.screen, staged))
            db.dispose()
            missing = [s.name for s in states if f"{s.name}_en.png" not in saved]
            if missing:
                raise SystemExit(f"not taken (may the role open the screen?): {', '.join(missing)}")
        if everything or "login" in (args.states or []):
            saved += shoot_login(app, home, translations)
    print(f"{len(saved)} screenshots in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
