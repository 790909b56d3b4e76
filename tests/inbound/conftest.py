"""Fixtures for the receiving tests: the demo warehouse's master data, its declaration, and scans to feed."""

from __future__ import annotations

from datetime import date

import pytest

from app.admin import masterdata
from app.inbound import receiving
from app.inbound.declarations import import_declaration
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor

DECLARATION = "QD292126I000000123"
TODAY = date(2026, 11, 26)  # the samples' "today": every sample batch has most of its shelf life left


def sample_scans() -> list[str]:
    """The sample scanner output, one scan a line (split on LF only: GS is a line break to str.splitlines)."""
    return [line for line in (DEMO / "receive_scans.txt").read_bytes().decode("utf-8").split("\n") if line]


def load_master_data(db: Database) -> None:
    with UnitOfWork(db, actor("admin")) as uow:
        masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
        masterdata.import_locations(uow, DEMO / "locations.csv")
        masterdata.import_products(uow, DEMO / "products.csv")
        uow.commit()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)
    return TODAY


@pytest.fixture
def warehouse(db: Database) -> Database:
    """The demo warehouse: identity, locations and products (with their account-book items)."""
    load_master_data(db)
    return db


@pytest.fixture
def declared(warehouse: Database) -> Database:
    """The demo warehouse with the sample declaration imported (nothing received yet)."""
    with UnitOfWork(warehouse, actor("supervisor")) as uow:
        import_declaration(uow, DEMO / "declaration.csv")
        uow.commit()
    return warehouse
