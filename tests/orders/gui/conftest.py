"""Fixtures for the orders and customs screens: the customs folders (the sample warehouse with its bonded stock and
the private data folder are tests/orders/conftest.py's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import settings
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork
from tests.conftest import actor


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
