"""Fixtures for the owners tests: two owners of one GTIN, built by calling the services as the stations would."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.admin import masterdata
from app.inbound import receiving
from app.inbound import release as receiving_release
from app.inbound.declarations import import_declaration
from app.inbound.receive_station import ReceiveStation
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import DEMO, actor
from tests.outbound.conftest import TODAY, run

KIWI_DECLARATION = "QDKIWI000000001"
KIWI_BATCH = "KIWI0001"
A2P_GTIN = "09300000010377"  # A2P-900: the product both owners import


def kiwi_scans(cartons: int = 2) -> list[str]:
    """KIWI's cartons of A2P-900 (12 a carton), as the dock scanner reads their GS1 labels."""
    return [f"]C101{A2P_GTIN}17281005" + f"10{KIWI_BATCH}\x1d3712"] * cartons


def receive_kiwi(db: Database, tmp_path: Path, cartons: int = 2) -> None:
    """KIWI's container of A2P-900: declared (owner column), tallied, released; left in staging."""
    path = tmp_path / "kiwi_declaration.csv"
    path.write_text("declaration_no,bill_of_lading,container_no,seal_no,arrival_date,line_no,account_book_item,sku,"
                    "declared_qty,batch_no,production_date,expiry_date,owner\n"
                    f"{KIWI_DECLARATION},MAEU00000001,KIWU0000001,SL1,2026-11-21,1,GDS0001,A2P-900,{12 * cartons},"
                    f"{KIWI_BATCH},2026-10-06,2028-10-05,KIWI\n", encoding="utf-8")
    run(db, "supervisor", import_declaration, path)
    station = ReceiveStation(UnitsOfWork(db, actor("clerk")), KIWI_DECLARATION, today=TODAY)
    for n, raw in enumerate(kiwi_scans(cartons)):
        assert station.scan(raw, f"kiwi-{n}").accepted, raw
    assert station.scan("CMD:CLOSE", "kiwi-close").accepted
    run(db, "customs", receiving_release.release, KIWI_DECLARATION)


def import_owners(db: Database) -> None:
    with UnitOfWork(db, actor("admin")) as uow:
        masterdata.import_owners(uow, DEMO / "owners.csv")
        masterdata.import_tariffs(uow, DEMO / "tariffs.csv")
        uow.commit()


def a2p_orders(tmp_path: Path, seller: str = "3301960K18") -> tuple[Path, str, str]:
    """A sample order of A2P-900 alone (seller SAMPLE) and its twin sold by `seller` (KIWI's customs code), with
    its own number and waybill: (file, SAMPLE's order no., the twin's order no.)."""
    sample = [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines() if line]
    original = next(o for o in sample if [ln["sku"] for ln in o["lines"]] == ["A2P-900"])
    twin = json.loads(json.dumps(original))
    twin.update(order_no="KW20261121000001", seller_code=seller, seller_name="新西兰优选")
    twin["logistics"]["waybill_no"] = "KW751330000001"
    path = tmp_path / "a2p_orders.jsonl"
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in (original, twin)), encoding="utf-8")
    return path, original["order_no"], twin["order_no"]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)
    return TODAY


def statement_from_movements(db, owner: str, start, end) -> dict:
    """What the statement must say, worked out the plain way: every movement of the owner's lots read once, the
    stock at the end of each day summed movement by movement (no SQL aggregation)."""
    from datetime import timedelta

    from sqlalchemy import select

    from app.persistence.models import Lot, Movement, Owner

    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        rows = uow.session.execute(select(Movement).join(Lot, Lot.id == Movement.lot_id)
                                   .join(Owner, Owner.id == Lot.owner_id).where(Owner.code == owner)).scalars().all()
        moves = [(m.at, m.kind, m.quantity, m.from_location_id, m.to_location_id, m.to_lpn, m.ref_no) for m in rows]
    month = [m for m in moves if start <= m[0] < end]
    days = -(-int((end - start).total_seconds()) // 86400)
    unit_days = location_days = 0
    for d in range(days):
        cutoff = min(start + timedelta(days=d + 1), end)
        held: dict[int, int] = {}
        for at, _kind, qty, src, dst, _lpn, _ref in moves:
            if at < cutoff:
                if dst is not None:
                    held[dst] = held.get(dst, 0) + qty
                if src is not None:
                    held[src] = held.get(src, 0) - qty
        unit_days += sum(held.values())
        location_days += sum(1 for q in held.values() if q > 0)
    return {"received": {"units": sum(m[2] for m in month if m[1] == "receive"),
                         "cartons": len({m[5] for m in month if m[1] == "receive" and m[5]})},
            "shipped": {"orders": len({m[6] for m in month if m[1] == "ship"}),
                        "units": sum(m[2] for m in month if m[1] == "ship")},
            "unit_days": unit_days, "location_days": location_days, "days": days}


def assert_statement_matches_movements(db, owner: str, month: str) -> dict:
    """The statement of `owner` for `month` equals the plain reading of the movements; returns its JSON."""
    from datetime import datetime

    from app.owners import monthly_statement

    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        st = monthly_statement(uow, owner, month)
    plain = statement_from_movements(db, owner, st.start, st.end)
    data = st.to_json()
    assert data["received"] == plain["received"] and data["shipped"] == plain["shipped"]
    assert (data["days"], data["storage"]["unit_days"], data["storage"]["location_days"]) == (
        plain["days"], plain["unit_days"], plain["location_days"])
    assert data["total"] == str(sum((Decimal(c["amount"]) for c in data["charges"]), Decimal("0.00")))
    assert st.end <= datetime.now(st.end.tzinfo)
    return data
