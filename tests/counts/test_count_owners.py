"""Two owners of one GTIN (issue 14's done-when, for counts): a count's surplus and shortage are booked to the
owner whose lot differs, so each owner's customs balance still equals each owner's goods."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.admin import check_all
from app.counts import approve_count, close_count, confirm_count, create_count
from app.inbound import putaway
from app.persistence.models import AccountBookItem, CustomsLedgerEntry, DeclarationLine, Lot, Owner, Stock
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.counts.conftest import stock_at
from tests.counts.test_counts import count_everything
from tests.outbound.conftest import receive_container, run
from tests.owners.conftest import KIWI_BATCH, KIWI_DECLARATION, import_owners, receive_kiwi

pytestmark = pytest.mark.pg


def _per_owner(db) -> tuple[dict[str, int], dict[str, int]]:
    """(customs balance, physical units) of A2P-900's account-book item GDS0001, per owner."""
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        book = dict(uow.session.execute(
            select(Owner.code, func.sum(CustomsLedgerEntry.quantity))
            .join(Owner, Owner.id == CustomsLedgerEntry.owner_id)
            .join(AccountBookItem, AccountBookItem.id == CustomsLedgerEntry.account_book_item_id)
            .where(AccountBookItem.item_no == "GDS0001", CustomsLedgerEntry.state == "ACTUAL")
            .group_by(Owner.code)).all())
        physical = dict(uow.session.execute(
            select(Owner.code, func.sum(Stock.quantity)).join(Lot, Lot.id == Stock.lot_id)
            .join(Owner, Owner.id == Lot.owner_id)
            .join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
            .join(AccountBookItem, AccountBookItem.id == DeclarationLine.account_book_item_id)
            .where(AccountBookItem.item_no == "GDS0001").group_by(Owner.code)).all())
    return {k: int(v) for k, v in book.items()}, {k: int(v) for k, v in physical.items()}


def test_a_count_books_each_owners_difference_to_that_owner(db, tmp_path):
    import_owners(db)
    receive_container(db, owner="SAMPLE")  # SAMPLE's A2P-900 put away
    receive_kiwi(db, tmp_path)            # KIWI's A2P-900 (same GTIN) …
    run(db, "supervisor", putaway.all_suggested, KIWI_DECLARATION)  # … put away too
    book, physical = _per_owner(db)
    assert book == physical and set(book) == {"SAMPLE", "KIWI"}

    created = run(db, "supervisor", create_count, skus=["A2P-900"])
    held = {k[0] for k in stock_at(db) if k[1] == "A2P-900"}
    before = {k: n for k, n in stock_at(db).items() if k[0] in held}
    kiwi = next(k for k in before if k[2] == KIWI_BATCH)
    sample = next(k for k in before if k[1] == "A2P-900" and k[2] != KIWI_BATCH)
    shown = count_everything(db, created.count, before, {kiwi: +3, sample: -2})
    assert all(f.accepted for f in shown), [f.text for f in shown if not f.accepted]
    closed = run(db, "clerk", close_count, created.count)
    assert {(v.batch, v.difference) for v in closed.variances} == {(KIWI_BATCH, 3), (sample[2], -2)}
    run(db, "supervisor", approve_count, created.count, "two owners, one GTIN")
    run(db, "customs", confirm_count, created.count)

    book_after, physical_after = _per_owner(db)
    assert physical_after == {"SAMPLE": physical["SAMPLE"] - 2, "KIWI": physical["KIWI"] + 3}
    assert book_after == physical_after  # each owner's adjustment went to its own balance
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        adjusted = dict(uow.session.execute(
            select(Owner.code, func.sum(CustomsLedgerEntry.quantity))
            .join(Owner, Owner.id == CustomsLedgerEntry.owner_id)
            .where(CustomsLedgerEntry.doc_type == "COUNT").group_by(Owner.code)).all())
        assert {k: int(v) for k, v in adjusted.items()} == {"SAMPLE": -2, "KIWI": 3}
        assert all(r.ok for r in check_all(uow)), [r.to_json() for r in check_all(uow) if not r.ok]
