"""Helpers for the GUI tests: wait for the DB thread, load the demo master data, receive some stock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.persistence.db import Database
from app.persistence.uow import SYSTEM, UnitOfWork
from tests.conftest import actor


def wait_idle(qtbot, ctx) -> None:
    """Wait until the DB executor has answered every job submitted so far."""
    qtbot.waitUntil(lambda: not ctx.executor.busy, timeout=10_000)


def press_key(qtbot, widget, key, modifier=None) -> None:
    """Press `key` into `widget` as a keyboard does: into the active window. A screen's F-keys are its window's
    shortcuts, taken only while it is active, so this waits until it is (after a long job's dialog closes, the
    screen it covered is made active again: ui.jobs.JobDialog.end)."""
    from PySide6.QtCore import Qt

    qtbot.waitUntil(widget.window().isActiveWindow)
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.NoModifier if modifier is None else modifier)


def load_demo_master_data(db: Database) -> None:
    """The shipped demo files (warehouse, locations, products, positive list, carriers) through the real importers."""
    from app.admin import masterdata
    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    with UnitOfWork(db, SYSTEM) as uow:
        masterdata.import_warehouse(uow, demo / "warehouse.toml")
        masterdata.import_locations(uow, demo / "locations.csv")
        masterdata.import_products(uow, demo / "products.csv")
        masterdata.import_positive_list(uow, demo / "positive_list.csv")
        masterdata.import_carriers(uow, demo / "carriers.csv")
        uow.commit()


def put_stock(db: Database, lots: int = 3, locations: int = 4, qty: int = 10) -> int:
    """Receive `lots` lots of the first product into `locations` storage places (real movements); rows made."""
    from sqlalchemy import select

    from app.admin import ensure_owner
    from app.persistence.models import DeclarationLine, InboundDeclaration, Location, Lot, Product
    from app.stock.movements import Place, move

    with UnitOfWork(db, actor("clerk")) as uow:
        product = uow.session.execute(select(Product).order_by(Product.sku).limit(1)).scalar_one()
        places = uow.session.execute(select(Location.id).where(Location.kind == "storage")
                                     .order_by(Location.code).limit(locations)).scalars().all()
        owners = ensure_owner(uow)
        owner = (owners.sole or next(iter(owners.by_code.values()))).id
        decl = InboundDeclaration(declaration_no="QDTEST0001", status="expected", owner_id=owner)
        uow.session.add(decl)
        uow.session.flush()
        for n in range(lots):
            line = DeclarationLine(declaration_id=decl.id, line_no=n + 1, product_id=product.id,
                                   account_book_item_id=product.account_book_item_id, declared_qty=1000)
            uow.session.add(line)
            uow.session.flush()
            lot = Lot(product_id=product.id, batch_no=f"B{n:04d}", declaration_line_id=line.id,
                      expiry_date=date(2029, 1, 1 + n), status="available", owner_id=owner)
            uow.session.add(lot)
            uow.session.flush()
            for loc in places:
                move(uow, lot, qty, None, Place(loc, "available"), kind="receive", ref_type="test")
        uow.commit()
    return lots * len(places)
