"""Fixtures for the outbound tests, built by calling the inbound and orders services as the stations would.

`stocked`: the demo warehouse, the sample container tallied from the sample scanner output, released by
customs and put away. `released`: on top of it, the sample orders imported, declared (CEB621) and
released by customs (receipt 800 for every list).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app import settings
from app.admin import masterdata
from app.customs.export import export_inventory_lists
from app.customs.receipts import apply_receipts
from app.demo.warehouse import DEMO_SETTINGS
from app.inbound import putaway, receiving
from app.inbound import release as receiving_release
from app.inbound.declarations import import_declaration
from app.inbound.receive_station import ReceiveStation
from app.orders.importing import import_orders
from app.persistence.db import Database
from app.persistence.models import ConsumerOrder, InventoryList
from app.persistence.uow import UnitOfWork, UnitsOfWork
from tests.conftest import DEMO, actor, built_once

DECLARATION = "QD292126I000000123"
CONTAINER = "MSKU8541208"
TODAY = date(2026, 11, 26)  # the samples' "today"


def run(db: Database, role: str, service, *args, **kwargs):
    """Call `service(uow, *args)` as the seeded user of `role` and commit."""
    with UnitOfWork(db, actor(role)) as uow:
        result = service(uow, *args, **kwargs)
        uow.commit()
    return result


def sample_scans() -> list[str]:
    return [line for line in (DEMO / "receive_scans.txt").read_bytes().decode("utf-8").split("\n") if line]


def receive_container(db: Database, owner: str | None = None) -> None:
    """Master data, the sample declaration (`owner`'s, if given), its tally from the sample scans, release and
    put-away."""
    load_master(db)
    station = tally_container(db, owner)
    assert station.scan("CMD:CLOSE", "rcv-close").accepted
    run(db, "customs", receiving_release.release, DECLARATION)
    moved = run(db, "supervisor", putaway.all_suggested, DECLARATION)
    assert not moved.unplaced


def load_master(db: Database) -> None:
    """The sample warehouse's master data and settings."""
    with UnitOfWork(db, actor("admin")) as uow:
        masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
        masterdata.import_locations(uow, DEMO / "locations.csv")
        masterdata.import_products(uow, DEMO / "products.csv")
        masterdata.import_positive_list(uow, DEMO / "positive_list.csv")
        masterdata.import_carriers(uow, DEMO / "carriers.csv")
        for key, value in DEMO_SETTINGS:
            settings.set_value(uow.session, key, value)
        uow.commit()


def tally_container(db: Database, owner: str | None = None) -> ReceiveStation:
    """The sample declaration imported and every sample carton scanned at a receive station (not closed yet)."""
    run(db, "supervisor", import_declaration, DEMO / "declaration.csv", owner=owner)
    station = ReceiveStation(UnitsOfWork(db, actor("clerk")), DECLARATION, today=TODAY)
    for n, raw in enumerate(sample_scans()):
        assert station.scan(raw, f"rcv-{n}").accepted, raw
    return station


def declare_and_release(db: Database, folder: Path, order_file: Path = DEMO / "orders.jsonl",
                        statuses: dict[str, str] | None = None) -> list[str]:
    """Import the orders, export their CEB621 lists, and answer every list with a receipt (800 unless told)."""
    imported = run(db, "supervisor", import_orders, order_file)
    assert not imported.rejected
    run(db, "supervisor", export_inventory_lists, folder / "outbox")
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        order_nos = list(uow.session.execute(select(ConsumerOrder.order_no).join(InventoryList)
                                             .where(InventoryList.return_status == "").order_by(ConsumerOrder.id))
                         .scalars())
    write_receipts(folder / "receipts.csv", {no: (statuses or {}).get(no, "800") for no in order_nos})
    run(db, "supervisor", apply_receipts, folder / "receipts.csv")
    return order_nos


def write_receipts(path: Path, statuses: dict[str, str], time: str = "20261126103015123") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("order_no,status,time,info\n" + "".join(
        f"{no},{status},{time},receipt {status}\n" for no, status in statuses.items()), encoding="utf-8")
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder (the PII key file lives there) for each test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BWMS_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)
    return TODAY


def today_source() -> str:
    """Where receiving's "today" comes from (a test's fixed day, or the clock): part of what a built-once
    warehouse depends on."""
    return receiving.local_today.__module__


@pytest.fixture
def stocked(request: pytest.FixtureRequest, db: Database, home: Path) -> Database:
    built_once(request, db, home, ("stocked", today_source()), lambda: receive_container(db),
               later={"released": ("released", today_source())})
    return db


# the warehouses tests/outbound/gui builds on top of `released` (fixture → its key): see its conftest
GUI_BUILDS = {"allocated": "gui-allocated", "picked": "gui-picked", "sf_packed": "gui-sf-packed"}


@pytest.fixture
def released(request: pytest.FixtureRequest, stocked: Database, home: Path, tmp_path: Path) -> Database:
    built_once(request, stocked, home, ("released", today_source()), lambda: declare_and_release(stocked, tmp_path),
               later={"packed": ("packed", today_source()), "shipped": ("shipped", today_source()),
                      **{name: (key, today_source()) for name, key in GUI_BUILDS.items()}})
    return stocked
