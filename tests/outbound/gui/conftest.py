"""The outbound GUI tests' warehouses, built as tests/outbound builds them (through the inbound, orders and outbound
services) and, like its own, once per session and engine, then copied into each test's database (tests/conftest.py
`built_once`). `released` is tests/outbound's: the sample container received, released and put away, the sample
orders released by customs (800). On top of it: `allocated`, then every wave `picked`, or three SF orders packed
(`sf_packed`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.outbound.allocation import allocate
from app.persistence.db import Database
from tests.conftest import DEMO, built_once
from tests.outbound.conftest import GUI_BUILDS, TODAY, run, today_source
from tests.outbound.helpers import pack_order, pick_everything

ORDERS = [json.loads(line) for line in (DEMO / "orders.jsonl").read_text(encoding="utf-8").splitlines()]
SF = [o for o in ORDERS if o["logistics"]["carrier_code"] == "SF"][:3]  # the first three SF orders


def _key(fixture: str) -> tuple[str, str]:
    return GUI_BUILDS[fixture], today_source()


@pytest.fixture
def allocated(request: pytest.FixtureRequest, released: Database, home: Path) -> Database:
    """The released orders allocated into waves (as a supervisor, on the samples' day), nothing picked."""
    built_once(request, released, home, _key("allocated"), lambda: run(released, "supervisor", allocate, today=TODAY),
               later={name: _key(name) for name in ("picked", "sf_packed")})
    return released


@pytest.fixture
def picked(request: pytest.FixtureRequest, allocated: Database, home: Path) -> Database:
    """Every wave picked in full at a pick station, nothing packed."""
    built_once(request, allocated, home, _key("picked"), lambda: pick_everything(allocated))
    return allocated


@pytest.fixture
def sf_packed(request: pytest.FixtureRequest, allocated: Database, home: Path) -> Database:
    """Every wave picked and the first three SF orders packed (their parcels wait for a manifest)."""
    def build() -> None:
        pick_everything(allocated)
        for order in SF:
            assert pack_order(allocated, order["order_no"]).code == "packed"

    built_once(request, allocated, home, _key("sf_packed"), build)
    return allocated
