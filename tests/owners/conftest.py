"""Fixtures for the owners tests: two owners of one GTIN, built by calling the services as the stations would."""

from __future__ import annotations

import json
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
