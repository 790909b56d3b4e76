"""The outbound GUI tests' warehouse: the sample container received, released and put away, the sample orders
released by customs (as tests/outbound builds it, through the inbound and orders services), then allocated."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.inbound import receiving
from app.outbound.allocation import allocate
from app.persistence.db import Database
from tests.outbound.conftest import TODAY, declare_and_release, receive_container, run


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)
    return TODAY


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("BWMS_HOME", str(folder))
    return folder


@pytest.fixture
def released(db: Database, home: Path, tmp_path: Path) -> Database:
    """Sellable stock in storage and the 63 sample orders released (800), nothing allocated yet."""
    receive_container(db)
    declare_and_release(db, tmp_path)
    return db


@pytest.fixture
def allocated(released: Database) -> Database:
    run(released, "supervisor", allocate, today=TODAY)
    return released


@pytest.fixture
def silent():
    from ui.widgets.sound import SoundPlayer

    return SoundPlayer(enabled=False)
