"""The demo warehouse (`bwms init --demo`): sample master data, one user per role, and later areas' steps."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import settings
from app.admin import auth, masterdata
from app.errors import Rejected
from app.persistence.db import Database
from app.persistence.models import Product, User, Warehouse
from app.persistence.uow import SYSTEM, UnitOfWork

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
DEMO_USERS = (("clerk", "clerk", "Demo clerk"), ("supervisor", "supervisor", "Demo supervisor"),
              ("customs", "customs", "Demo customs officer"))
MASTER_FILES = (("warehouse", masterdata.import_warehouse, "warehouse.toml"),
                ("locations", masterdata.import_locations, "locations.csv"),
                ("products", masterdata.import_products, "products.csv"),
                ("positive_list", masterdata.import_positive_list, "positive_list.csv"),
                ("owners", masterdata.import_owners, "owners.csv"),
                ("tariffs", masterdata.import_tariffs, "tariffs.csv"),
                ("carriers", masterdata.import_carriers, "carriers.csv"))
# the sending enterprise's DXP id (fictional): without one no list is exported
DEMO_SETTINGS = (("dxp_id", "DXPENT0000458763"),)

# Later areas append a step (e.g. the inbound declaration, the orders); each runs in its own transactions
# after the master data is committed and returns a dict that is merged into load_demo's result.
DEMO_STEPS: list[Callable[[Database], dict[str, Any]]] = []


def load_demo(db: Database) -> dict[str, Any]:
    """Load the demo master data and users (refused if the warehouse already has products), then DEMO_STEPS."""
    with UnitOfWork(db, SYSTEM) as uow:
        if uow.session.execute(select(Product.id).limit(1)).first():
            raise Rejected("the warehouse already has products: the demo loads only into an empty warehouse",
                           code="demo_not_empty")
        master = {kind: importer(uow, DEMO_DIR / name).to_json() for kind, importer, name in MASTER_FILES}
        for key, value in DEMO_SETTINGS:
            settings.set_value(uow.session, key, value)
        warehouse = uow.session.execute(select(Warehouse.name).limit(1)).scalar()
        users = [_demo_user(uow, username, role, full_name) for username, role, full_name in DEMO_USERS]
        uow.commit()
    result: dict[str, Any] = {"warehouse": warehouse, "master_data": master, "users": users}
    for step in DEMO_STEPS:
        result.update(step(db))
    return result


def _demo_user(uow: UnitOfWork, username: str, role: str, full_name: str) -> dict[str, Any]:
    """A demo user with a generated password; an existing user of that name is left as it is."""
    if uow.session.execute(select(User.id).where(User.username == username)).first():
        return {"username": username, "role": role, "password": None}
    password = auth.generate_password()
    auth.create_user_unchecked(uow, username, role, password, full_name)
    return {"username": username, "role": role, "password": password}


def describe(report: dict[str, Any]) -> str:
    """What the demo loaded and the table of demo users with their passwords (shown once)."""
    lines = [f"demo warehouse loaded: {report.get('warehouse', '')}"]
    for kind, counts in report.get("master_data", {}).items():
        extra = counts.get("account_book_items_created")
        lines.append(f"  {kind.replace('_', ' ')}: {counts['created']} created, {counts['updated']} updated, "
                     f"{counts['unchanged']} unchanged" + (f", {extra} account-book items created" if extra else ""))
    for key, value in report.items():
        if key not in {"warehouse", "master_data", "users"}:
            lines.append(f"  {key.replace('_', ' ')}: " + (value if isinstance(value, str) else
                                                          json.dumps(value, ensure_ascii=False, default=str)))
    users = report.get("users", [])
    if users:
        lines.append(users_table(users))
    return "\n".join(lines)


def users_table(users: list[dict[str, Any]]) -> str:
    """The users made by this run, under a title and column heads (their passwords are shown this once)."""
    rows = [("user", "role", "password")]
    rows += [(u["username"], u["role"], u["password"] or "(already existed, password unchanged)") for u in users]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    rows.insert(1, tuple("-" * w for w in widths))
    lines = ["Users (the passwords are shown once: write them down; a lost one is reset with "
             "`bwms user reset-password NAME`):"]
    lines += ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)

from app.demo.story import STEPS  # noqa: E402 - each area's step, in the order work happens

DEMO_STEPS.extend(STEPS)
