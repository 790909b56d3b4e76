"""A step that empties its source row (`stock.Step(empties=True)`, the put-away of a whole handling unit) deletes
the row in one statement; when the row holds something else than the step says, the usual take decides: the rest
stays, or nothing is taken (issue 10, part 7: one statement fewer per put-away location scan)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.persistence.models import Location, Movement, Stock
from app.persistence.uow import UnitOfWork
from app.stock import movements as stock
from tests.conftest import actor
from tests.inbound.test_release_putaway import released, sscc_of, tallied  # noqa: F401 - fixture
from tests.statements import statements


def _staged(db, lpn: str):
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        row = uow.session.execute(select(Stock).where(Stock.lpn == lpn)).scalar_one()
        to = uow.session.execute(select(Location.id).where(Location.kind == "storage")
                                 .order_by(Location.code)).scalars().first()
        uow.session.expunge(row)
        return row, to


def _take(db, row, to: int, quantity: int) -> list[str]:
    step = stock.Step(row.lot_id, row.product_id, quantity, stock.Place(row.location_id, "available", row.lpn),
                      stock.Place(to, "available", row.lpn), kind="putaway", empties=True)
    with statements(db) as sent, UnitOfWork(db, actor("clerk")) as uow:
        stock.apply(uow, [step])
        uow.commit()
    return sent.work


def _where(db, lpn: str) -> dict[int, int]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return dict(uow.session.execute(select(Stock.location_id, Stock.quantity).where(Stock.lpn == lpn)).all())


def test_a_whole_unit_is_deleted_at_its_source_in_one_statement(tallied):
    released(tallied)
    lpn = sscc_of(tallied, "A2P43432")
    row, to = _staged(tallied, lpn)
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        moved_before = uow.session.scalar(select(func.count()).select_from(Movement))
    sent = _take(tallied, row, to, row.quantity)
    assert [s.split()[0] for s in sent] == ["DELETE", "INSERT", "INSERT"], sent  # no UPDATE, no second DELETE
    assert _where(tallied, lpn) == {to: row.quantity}
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Movement)) == moved_before + 1


def test_a_row_holding_more_keeps_the_rest(tallied):
    released(tallied)
    lpn = sscc_of(tallied, "A2P43432")
    row, to = _staged(tallied, lpn)
    assert row.quantity > 1
    sent = _take(tallied, row, to, row.quantity - 1)  # the caller's count is off: the usual take
    assert [s.split()[0] for s in sent] == ["DELETE", "UPDATE", "INSERT", "INSERT"], sent
    assert _where(tallied, lpn) == {row.location_id: 1, to: row.quantity - 1}


def test_a_row_holding_less_takes_nothing(tallied):
    released(tallied)
    lpn = sscc_of(tallied, "A2P43432")
    row, to = _staged(tallied, lpn)
    with pytest.raises(stock.NothingTaken):
        _take(tallied, row, to, row.quantity + 1)
    assert _where(tallied, lpn) == {row.location_id: row.quantity}
