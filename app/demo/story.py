"""The demo warehouse's day: the sample container received, released and put away, the sample orders
declared and answered by customs, the first wave picked, packed, loaded at the gate and shipped by the vehicle's
pass, the next wave picked.

Every step drives the same services and station workflows the clerks use, as the demo users, so the
demo's data is what real work leaves behind (audit log, movements, ledgers, print jobs) and each screen
has something to show at each stage.
"""

from __future__ import annotations

import hashlib
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import clock
from app.admin.lookups import warehouse_zone
from app.customs.export import export_inventory_lists
from app.customs.receipts import apply_receipts
from app.inbound import putaway
from app.inbound import release as receiving_release
from app.inbound.declarations import demo_declaration, import_declaration
from app.orders.importing import demo_orders, import_orders
from app.orders.workbench import revalidate
from app.outbound.allocation import allocate
from app.outbound.queries import manifest_detail
from app.outbound.shipping import create_manifest
from app.outbound.waves import waves
from app.persistence.db import Database
from app.persistence.models import ConsumerOrder, InboundDeclaration, InventoryList, User
from app.persistence.uow import Actor, UnitOfWork, UnitsOfWork

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
SAMPLES_TODAY = date(2026, 11, 26)  # the day the samples were made: shelf-life checks count from it
STATION = "demo"
# customs' answers in the demo: most lists released; one under inspection, one rejected, two unanswered
INSPECTED, REJECTED, UNANSWERED = 1, 1, 2


def _actor(db: Database, username: str) -> Actor:
    with UnitOfWork(db, write=False) as uow:
        user = uow.session.execute(select(User).where(User.username == username)).scalar_one()
        return Actor(user.id, user.username, user.role, STATION)


def _run(db: Database, username: str, service, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN001 - any use case
    with UnitOfWork(db, _actor(db, username)) as uow:
        result = service(uow, *args, **kwargs)
        uow.commit()
    return result


def _declaration_no(db: Database) -> str:
    with UnitOfWork(db, write=False) as uow:
        return uow.session.execute(select(InboundDeclaration.declaration_no)
                                   .order_by(InboundDeclaration.id)).scalars().first()


def receive_release_putaway(db: Database) -> dict[str, Any]:
    """A clerk tallies the container from the sample scanner output, customs releases it, it is put away."""
    from app.inbound.receive_station import ReceiveStation

    declaration = _declaration_no(db)
    station = ReceiveStation(UnitsOfWork(db, _actor(db, "clerk")), declaration, today=SAMPLES_TODAY)
    scans = [s for s in (DEMO_DIR / "receive_scans.txt").read_bytes().decode("utf-8").split("\n") if s]
    accepted = sum(station.scan(raw, f"demo-receive-{n}").accepted for n, raw in enumerate(scans))
    station.scan("CMD:CLOSE", "demo-receive-close")
    _run(db, "customs", receiving_release.release, declaration)
    moved = _run(db, "supervisor", putaway.all_suggested, declaration)
    return {"inbound": f"container of {declaration}: {accepted} of {len(scans)} carton scans accepted, "
                       f"released by customs, {len(moved.moved)} put-away moves"}


def declare_and_answer(db: Database) -> dict[str, Any]:
    """Lists declared for the accepted orders (the workbench re-checked first); customs answers most of them."""
    revalidated = _run(db, "supervisor", revalidate)
    _run(db, "supervisor", export_inventory_lists)
    with UnitOfWork(db, write=False) as uow:
        order_nos = list(uow.session.execute(
            select(ConsumerOrder.order_no).join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
            .where(InventoryList.return_status == "").order_by(ConsumerOrder.id)).scalars())
    answers = dict.fromkeys(order_nos[:len(order_nos) - INSPECTED - REJECTED - UNANSWERED], "800")
    rest = order_nos[len(answers):]
    answers.update(dict.fromkeys(rest[:INSPECTED], "500"))
    answers.update(dict.fromkeys(rest[INSPECTED:INSPECTED + REJECTED], "100"))
    _answer(db, answers, hours_ago=3)
    again = f"{revalidated.accepted} orders accepted on re-validation, " if revalidated.accepted else ""
    return {"customs": again + f"{len(order_nos)} inventory lists declared; receipts: "
                       f"{sum(c == '800' for c in answers.values())} released, {INSPECTED} inspection, "
                       f"{REJECTED} rejected, {UNANSWERED} awaiting an answer"}


# what customs writes in a receipt's info, in Chinese as customs does (the rejection workbench shows it as the reason)
CUSTOMS_SAYS = {"800": "放行", "500": "查验", "100": "订购人身份信息校验未通过", "120": "海关入库成功"}


def _answer(db: Database, answers: dict[str, str], hours_ago: float) -> None:
    """Customs' answers as a receipts CSV, a few hours old (so the demo's return clocks run from today) and
    numbered (invt_no) as customs numbers every list it accepts: a return request names the released list."""
    with UnitOfWork(db, write=False) as uow:
        zone = warehouse_zone(uow.session)
    at = (clock.warehouse_now(zone) - timedelta(hours=hours_ago)).strftime("%Y%m%d%H%M%S%f")[:17]

    def invt_no(order_no: str) -> str:  # 18 characters like customs' own: customs code, year, I, a serial
        return f"2918{at[:4]}I{int(hashlib.sha256(order_no.encode()).hexdigest(), 16) % 10**9:09d}"

    with tempfile.TemporaryDirectory() as tmp:
        receipts = Path(tmp) / "receipts.csv"
        receipts.write_text("order_no,status,time,info,invt_no\n" + "".join(
            f"{no},{code},{at},{CUSTOMS_SAYS.get(code, '海关回执')},{invt_no(no) if code != '100' else ''}\n"
            for no, code in answers.items()), encoding="utf-8")
        _run(db, "supervisor", apply_receipts, receipts)


def ship_first_wave(db: Database) -> dict[str, Any]:
    """Allocation; the first wave picked, packed, manifested, loaded at the gate and shipped by its vehicle's pass;
    the second wave picked."""
    from app.outbound.gate_station import GateStation
    from app.outbound.pack_station import PackStation
    from app.outbound.pick_station import PickStation

    report = _run(db, "supervisor", allocate, today=SAMPLES_TODAY)
    with UnitOfWork(db, _actor(db, "clerk"), write=False) as uow:
        open_waves = waves(uow, status="open")
    clerk = _actor(db, "clerk")
    for wave in open_waves[:2]:
        station = PickStation(UnitsOfWork(db, clerk), wave["wave"])
        for n, raw in enumerate(_pick_scans(wave)):
            station.scan(raw, f"demo-pick-{wave['wave']}-{n}")
    first = open_waves[0] if open_waves else None
    shipped = ""
    if first:
        for order_no in sorted({t["order_no"] for t in first["tasks"]}):
            _pack(PackStation(UnitsOfWork(db, clerk)), order_no)
        manifest = _run(db, "supervisor", create_manifest, first["carrier"], "浙A·D2345")
        gate = GateStation(UnitsOfWork(db, clerk))
        gate.scan(manifest.manifest, f"demo-gate-{manifest.manifest}")
        with UnitOfWork(db, clerk, write=False) as uow:
            waybills = manifest_detail(uow, manifest.manifest)["to_load"]
        for waybill in waybills:
            gate.scan(waybill, f"demo-gate-{waybill}")
        gate.pass_vehicle(gross_weight="11326.4", tare_weight="11320", ic_card="E3301A0042")
        shipped = f"; wave {first['wave']} ({first['carrier']}) shipped on manifest {manifest.manifest}"
    return {"outbound": f"{report.allocated} orders allocated in {len(open_waves)} waves, "
                        f"{len(report.waiting)} waiting" + shipped
                        + (f"; wave {open_waves[1]['wave']} picked, waiting to be packed"
                           if len(open_waves) > 1 else "")}


def _pick_scans(wave: dict[str, Any]) -> list[str]:
    """What a picker scans: each location of the walk, then each unit's GTIN."""
    scans: list[str] = []
    last = None
    for task in wave["tasks"]:
        if task["status"] != "open":
            continue
        if task["location"] != last:
            scans.append(f"LOC:{task['location']}")
            last = task["location"]
        scans += [task["gtin"]] * (task["qty"] - task["picked"] - task["short"])
    return scans


def _pack(station: Any, order_no: str) -> None:
    opened = station.scan(order_no)
    for content in opened.params.get("contents", []):
        for _ in range(content["qty"]):
            station.scan(content["gtin"])
    station.weigh(opened.params["computed_weight"])


def second_owner(db: Database) -> dict[str, Any]:
    """KIWI, the second merchant, imports A2P-900 too (same GTIN as SAMPLE's): its container is received, released
    and put away, its orders declared, released by customs and allocated from KIWI's own lots only."""
    from app.inbound.receive_station import ReceiveStation

    declared = _run(db, "supervisor", import_declaration, DEMO_DIR / "declaration_kiwi.csv")
    declaration = declared.declarations[0]
    station = ReceiveStation(UnitsOfWork(db, _actor(db, "clerk")), declaration, today=SAMPLES_TODAY)
    scans = [s for s in (DEMO_DIR / "receive_scans_kiwi.txt").read_bytes().decode("utf-8").split("\n") if s]
    accepted = sum(station.scan(raw, f"demo-kiwi-{n}").accepted for n, raw in enumerate(scans))
    station.scan("CMD:CLOSE", "demo-kiwi-close")
    _run(db, "customs", receiving_release.release, declaration)
    _run(db, "supervisor", putaway.all_suggested, declaration)
    imported = _run(db, "supervisor", import_orders, DEMO_DIR / "orders_kiwi.jsonl")
    _run(db, "supervisor", export_inventory_lists)
    _answer(db, dict.fromkeys(imported.accepted_orders, "800"), hours_ago=2)
    allocated = _run(db, "supervisor", allocate, imported.accepted_orders, today=SAMPLES_TODAY)
    return {"second_owner": f"KIWI's container {declaration}: {accepted} of {len(scans)} carton scans of A2P-900 "
                            f"(a product SAMPLE imports too) received, released and put away; "
                            f"{imported.accepted} KIWI orders declared, released and {allocated.allocated} "
                            "allocated from KIWI's own lots"}


STEPS = [demo_declaration, receive_release_putaway, demo_orders, declare_and_answer, ship_first_wave, second_owner]
