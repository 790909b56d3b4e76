"""The overview's warehouse: the sample container received, released and put away, the sample orders declared
and answered (one inspected, one rejected by customs, two with no receipt yet), the released ones allocated."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.customs.export import export_inventory_lists
from app.customs.receipts import apply_receipts
from app.orders.importing import import_orders
from app.outbound.allocation import allocate
from app.persistence.db import Database
from app.persistence.models import ConsumerOrder
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.outbound.conftest import TODAY, fixed_today, home, receive_container, run, write_receipts

__all__ = ["fixed_today", "home"]
INSPECTED, REJECTED = "TG20261121000003", "TG20261121000004"
UNANSWERED = ("TG20261121000005", "TG20261121000006")


@pytest.fixture
def day(db: Database, home: Path, tmp_path: Path) -> Database:
    receive_container(db)
    run(db, "supervisor", import_orders, DEMO / "orders.jsonl")
    run(db, "supervisor", export_inventory_lists, tmp_path / "outbox")
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        order_nos = list(uow.session.execute(select(ConsumerOrder.order_no).order_by(ConsumerOrder.id)).scalars())
    answers = {no: {INSPECTED: "500", REJECTED: "100"}.get(no, "800") for no in order_nos if no not in UNANSWERED}
    run(db, "supervisor", apply_receipts, write_receipts(tmp_path / "receipts.csv", answers))
    run(db, "supervisor", allocate, today=TODAY)
    return db
