"""Fixtures for the returns tests: the sample container stocked (tests.outbound's `stocked`), then `shipped`:
the sample orders declared and released by customs a day ago, and the demo's first wave shipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.admin import change_setting
from app.customs.export import export_inventory_lists
from app.customs.receipts import apply_receipts
from app.demo.story import ship_first_wave
from app.orders.importing import import_orders
from app.persistence.db import Database
from app.persistence.models import ConsumerOrder, InventoryList
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.orders.helpers import ceb622
from tests.outbound.conftest import fixed_today, home, run, stocked  # noqa: F401 - fixtures

ZONE = ZoneInfo("Asia/Shanghai")
# The CEB625 schema wants the carrier's 10-character customs registration code as logisticsCode; the sample
# orders name carriers by their short code (issue 11 maps them), so these tests import them with such codes.
CARRIER_CODES = {"SF": "4403180361", "YTO": "3101280073", "ZTO": "3101630039"}
RELEASED_AT = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)  # customs' 800 a day ago


@pytest.fixture
def shipped(stocked: Database, tmp_path: Path) -> Database:
    """The sample orders imported, declared, released (800) a day ago; the first wave picked, packed, gone."""
    run(stocked, "admin", change_setting, "dxp_id", "DXPENT0000458763")
    orders = tmp_path / "orders.jsonl"
    text = (DEMO / "orders.jsonl").read_text(encoding="utf-8")
    for carrier, code in CARRIER_CODES.items():
        text = text.replace(f'"carrier_code": "{carrier}"', f'"carrier_code": "{code}"')
    orders.write_text(text, encoding="utf-8")
    run(stocked, "supervisor", import_orders, orders)
    run(stocked, "supervisor", export_inventory_lists, tmp_path / "outbox")
    with UnitOfWork(stocked, actor("supervisor"), write=False) as uow:
        cop_nos = list(uow.session.execute(select(InventoryList.cop_no).order_by(InventoryList.id)).scalars())
    folder = tmp_path / "receipts"
    folder.mkdir()
    time = RELEASED_AT.astimezone(ZONE).strftime("%Y%m%d%H%M%S000")
    for n, cop_no in enumerate(cop_nos, start=1):  # customs numbers each list (invtNo): a return names it
        (folder / f"{cop_no}.xml").write_bytes(ceb622(cop_no, "800", time, invt_no=f"29212026I{n:09d}"))
    run(stocked, "supervisor", apply_receipts, folder)
    ship_first_wave(stocked)
    return stocked


def shipped_orders(db: Database) -> list[ConsumerOrder]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        orders = uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.status == "shipped")
                                     .order_by(ConsumerOrder.id)).scalars().all()
        for order in orders:
            _ = [line.product.sku for line in order.lines]
        uow.session.expunge_all()
        return list(orders)
