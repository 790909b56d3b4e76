"""Fixtures for the orders and customs screens: the sample warehouse (bonded stock), private folders, helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import settings
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.orders.conftest import seed_bonded_stock, seed_master


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder: the key file of buyers' data lives there."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BWMS_HOME", str(folder))
    return folder


@pytest.fixture
def warehouse(db: Database, home: Path) -> Database:
    """The sample warehouse with the released sample declaration in bonded stock."""
    with UnitOfWork(db, actor("admin")) as uow:
        seed_master(uow)
        seed_bonded_stock(uow)
        uow.commit()
    return db


@pytest.fixture
def exchange(warehouse: Database, tmp_path: Path) -> tuple[Path, Path]:
    """(outbox, inbox): the customs folders, set as the shared settings say."""
    outbox, inbox = tmp_path / "outbox", tmp_path / "inbox"
    outbox.mkdir()
    inbox.mkdir()
    with UnitOfWork(warehouse, actor("admin")) as uow:
        settings.set_value(uow.session, "customs_outbox", str(outbox))
        settings.set_value(uow.session, "customs_inbox", str(inbox))
        uow.commit()
    return outbox, inbox
