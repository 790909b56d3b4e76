"""Two owners of one GTIN on SQLite and PostgreSQL: receiving, the bonded balance, allocation, the ledger and the
per-owner views keep each owner's goods apart; the other owner's order waits for its own stock."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.inbound import putaway
from app.outbound.allocation import allocate
from app.persistence.models import Allocation, ConsumerOrder, CustomsLedgerEntry, Lot, Owner
from app.persistence.uow import UnitOfWork
from app.stock.movements import StockFilter, stock_rows
from tests.conftest import actor
from tests.outbound.conftest import TODAY, declare_and_release, receive_container, run
from tests.owners.conftest import KIWI_BATCH, KIWI_DECLARATION, a2p_orders, import_owners, receive_kiwi


def _allocated_batches(db, order_no: str) -> set[tuple[str, str]]:
    """(batch, lot owner's code) of every unit allocated to the order."""
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return set(uow.session.execute(
            select(Lot.batch_no, Owner.code).join(Allocation, Allocation.lot_id == Lot.id)
            .join(Owner, Owner.id == Lot.owner_id).join(ConsumerOrder, ConsumerOrder.id == Allocation.order_id)
            .where(ConsumerOrder.order_no == order_no)).all())


def test_the_other_owners_order_waits_for_its_own_stock(db, cli, tmp_path):
    import_owners(db)
    receive_container(db, owner="SAMPLE")      # SAMPLE's container: A2P-900 put away in bonded storage
    receive_kiwi(db, tmp_path)                # KIWI's A2P-900 (same GTIN): released, still in staging
    orders, sample_no, kiwi_no = a2p_orders(tmp_path)
    declare_and_release(db, tmp_path, orders)  # both pass the bonded-balance check, each on its own balance

    first = run(db, "supervisor", allocate, today=TODAY)
    assert first.allocated == 1
    assert [w["order_no"] for w in first.waiting] == [kiwi_no]
    assert "no A2P-900 free in bonded storage" in first.waiting[0]["reason"]  # SAMPLE's units are not KIWI's
    assert {owner for _, owner in _allocated_batches(db, sample_no)} == {"SAMPLE"}

    run(db, "supervisor", putaway.all_suggested, KIWI_DECLARATION)
    second = run(db, "supervisor", allocate, today=TODAY)
    assert second.allocated == 1 and not second.waiting
    assert _allocated_batches(db, kiwi_no) == {(KIWI_BATCH, "KIWI")}

    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        kiwi_stock = stock_rows(uow, StockFilter(owner="KIWI"))
        ledger = dict(uow.session.execute(select(Owner.code, CustomsLedgerEntry.quantity)
                                          .join(Owner, Owner.id == CustomsLedgerEntry.owner_id)
                                          .where(CustomsLedgerEntry.biz_type == "IN")).all())
    assert {(r["batch"], r["owner"]) for r in kiwi_stock} == {(KIWI_BATCH, "KIWI")}
    assert sum(r["qty"] for r in kiwi_stock) == 24 and sum(r["reserved"] for r in kiwi_stock) == 1
    assert ledger["KIWI"] == 24  # each owner's entry in the customs ledger is its own

    code, out, _ = cli("stock", "--owner", "KIWI", "--json", user="clerk")
    assert code == 0 and {r["batch"] for r in json.loads(out)} == {KIWI_BATCH}
    code, out, _ = cli("orders", "--owner", "KIWI", "--json", user="clerk")
    assert code == 0 and [(r["order_no"], r["owner"], r["status"]) for r in json.loads(out)] == [
        (kiwi_no, "KIWI", "allocated")]
    code, _, err = cli("orders", "--owner", "NOBODY", user="clerk")
    assert code == 1 and "no owner 'NOBODY'" in err


def test_the_statement_of_a_month_is_its_movements_and_prints_in_chinese(db, cli, tmp_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from pypdf import PdfReader

    from tests.gui.helpers import load_demo_master_data
    from tests.owners.conftest import assert_statement_matches_movements

    load_demo_master_data(db)
    import_owners(db)
    receive_kiwi(db, tmp_path, cartons=3)
    month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    data = assert_statement_matches_movements(db, "KIWI", month)
    assert data["received"] == {"units": 36, "cartons": 1} and data["storage"]["closing_units"] == 36
    pdf = tmp_path / "kiwi.pdf"
    code, out, err = cli("statement", "KIWI", "--month", month, "--json", "--out", str(pdf), user="supervisor")
    assert code == 0, err
    printed = json.loads(out)
    assert printed["total"] == data["total"] and printed["charges"][2] == {
        "item": "cartons_received", "quantity": 1, "rate": "6.00", "amount": "6.00"}
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "货主月度对账单" in text and f"{data['total']} CNY" in text
    code, _, err = cli("statement", "KIWI", "--month", "2999-01", user="supervisor")
    assert code == 1 and "has not begun" in err
    code, _, err = cli("statement", "KIWI", "--month", month, user="clerk")
    assert code == 1  # the statement is a supervisor's


@pytest.mark.breaks_invariants  # movements written straight into the ledger, with no stock rows behind them
def test_the_statement_of_a_busy_month_equals_the_movements_read_one_by_one(db, tmp_path):
    """The storage figures are worked out in the database (each location's change per day, a running sum): on a
    month with stock from before it, movements at local midnight and in the month's last second and after the
    month, locations emptied and filled again, goods moved, shipped, returned and disposed of, and another owner's
    movements in between, they equal the plain reading of the movements, movement by movement. The movements are
    written with the stock they sum to (the ledger's invariant; the statement takes the opening stock from the stock
    less what moved since), so none takes more from a location than it holds then."""
    import random
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from sqlalchemy import insert

    from app.owners import monthly_statement
    from app.persistence.models import Location, Movement, Stock
    from tests.owners.conftest import assert_statement_matches_movements, statement_from_movements

    import_owners(db)
    receive_container(db, owner="SAMPLE")  # the other owner's lots
    receive_kiwi(db, tmp_path, cartons=3)
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        kiwi = uow.session.execute(select(Lot.id).join(Owner, Owner.id == Lot.owner_id)
                                   .where(Owner.code == "KIWI")).scalar_one()
        other = uow.session.execute(select(Lot.id).join(Owner, Owner.id == Lot.owner_id)
                                    .where(Owner.code != "KIWI")).scalars().first()
        places = uow.session.execute(select(Location.id).order_by(Location.id).limit(6)).scalars().all()
    start = datetime(2026, 10, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    pick = random.Random(14)
    rows = []
    for n in range(400):
        if n % 10 == 0:  # on a local midnight (the 1st, the 2nd … and the next month's first) or just before one
            at = start + timedelta(days=pick.randrange(-3, 33), seconds=-1 if n % 20 else 0)
        else:
            at = start + timedelta(seconds=pick.randrange(-10 * 86400, 36 * 86400))
        kind = pick.choice(("receive", "putaway", "pick", "ship", "return_in", "dispose", "move"))
        src, dst = pick.choice(places), pick.choice(places)
        src, dst = {"receive": (None, dst), "return_in": (None, dst), "ship": (src, None),
                    "dispose": (src, None)}.get(kind, (src, dst))
        rows.append({"at": at, "kind": kind, "lot_id": other if n % 7 == 0 else kiwi, "quantity": pick.randint(1, 9),
                     "from_location_id": src, "from_status": src and "available", "from_lpn": src and "",
                     "to_location_id": dst, "to_status": dst and "available", "to_lpn": dst and "",
                     "ref_type": "test", "ref_no": f"WB{n % 31}" if kind == "ship" else "", "station": "test"})
    rows.sort(key=lambda r: r["at"])
    balance: dict[tuple[int, int], int] = {}  # what these movements put at (location, lot), never below zero
    for r in rows:
        src, dst = (r["from_location_id"], r["lot_id"]), (r["to_location_id"], r["lot_id"])
        if src[0] is not None:
            r["quantity"] = min(r["quantity"], balance.get(src, 0))
            balance[src] = balance.get(src, 0) - r["quantity"]
        if dst[0] is not None:
            balance[dst] = balance.get(dst, 0) + r["quantity"]
    rows = [r for r in rows if r["quantity"]]
    for n, r in enumerate(rows):  # the receipts' cartons (some received loose)
        if r["kind"] == "receive" and n % 5:
            r["to_lpn"] = f"LPN{n % 23:04d}"
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        product_of = dict(uow.session.execute(select(Lot.id, Lot.product_id)).all())
    with db.engine.begin() as conn:
        conn.execute(insert(Movement.__table__), rows)
        conn.execute(insert(Stock.__table__), [  # the stock these movements sum to (kept apart by their LPN: "")
            {"location_id": loc, "lot_id": lot, "product_id": product_of[lot], "lpn": "", "status": "available",
             "quantity": qty, "reserved": 0} for (loc, lot), qty in balance.items() if qty])
    data = assert_statement_matches_movements(db, "KIWI", "2026-10")
    with UnitOfWork(db, actor("supervisor"), write=False) as uow:
        st = monthly_statement(uow, "KIWI", "2026-10")
    plain = statement_from_movements(db, "KIWI", st.start, st.end)
    mine = [r for r in rows if r["lot_id"] == kiwi]
    month = [r for r in mine if st.start <= r["at"] < st.end]

    def held(rows_) -> int:
        return sum(r["quantity"] * ((r["to_location_id"] is not None) - (r["from_location_id"] is not None))
                   for r in rows_)

    assert data["storage"]["opening_units"] == held(r for r in mine if r["at"] < st.start)
    assert data["storage"]["closing_units"] == held(r for r in mine if r["at"] < st.end)
    assert data["returned_units"] == sum(r["quantity"] for r in month if r["kind"] == "return_in")
    assert data["disposed_units"] == sum(r["quantity"] for r in month if r["kind"] == "dispose")
    assert plain["location_days"] > 0 and plain["unit_days"] != 0 and data["shipped"]["orders"] > 1
