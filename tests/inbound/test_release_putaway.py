"""Customs release and put-away on both engines: held stock stays put, the ledger grows by what entered."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.customs import ledger
from app.errors import NotFound, PermissionDenied, Rejected
from app.inbound import putaway
from app.inbound.putaway_station import PutawayStation
from app.inbound.release import release
from app.persistence.models import CustomsLedgerEntry, InboundDeclaration, Location, Lot, Movement, Stock
from app.persistence.uow import UnitOfWork, UnitsOfWork
from app.stations import Tone
from app.stock.movements import Place, move
from tests.conftest import actor
from tests.inbound.conftest import DECLARATION, sample_scans
from tests.inbound.helpers import A2P, SWS, carton, feed, sscc, station


@pytest.fixture
def tallied(declared):
    """The sample container counted (one SWS carton of line 2 damaged) and its tally closed."""
    scans = sample_scans()
    damaged_at = next(i for i, raw in enumerate(scans) if "SWS37519" in raw)
    st = station(declared)
    feed(st, *scans[:damaged_at], "CMD:DAMAGED", *scans[damaged_at:])
    assert st.scan("CMD:CLOSE").code == "tally_closed"
    return declared


def released(db, role: str = "customs"):
    with UnitOfWork(db, actor(role)) as uow:
        report = release(uow, DECLARATION)
        uow.commit()
    return report


def where(db, batch: str) -> list[tuple[str, str, str, int]]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return [tuple(r) for r in uow.session.execute(
            select(Location.code, Stock.status, Stock.lpn, Stock.quantity)
            .join(Location, Location.id == Stock.location_id).join(Lot, Lot.id == Stock.lot_id)
            .where(Lot.batch_no == batch).order_by(Location.code, Stock.status))]


def test_release_makes_held_lots_available_and_enters_the_ledger(tallied):
    report = released(tallied)
    assert report.available_units == 2568 and report.damaged_units == 12
    assert report.ledger == [{"account_book_item": "GDS0001", "quantity": 120},
                             {"account_book_item": "GDS0002", "quantity": 960},
                             {"account_book_item": "GDS0003", "quantity": 36},
                             {"account_book_item": "GDS0004", "quantity": 120},
                             {"account_book_item": "GDS0005", "quantity": 480},
                             {"account_book_item": "GDS0006", "quantity": 720},
                             {"account_book_item": "GDS0007", "quantity": 96},
                             {"account_book_item": "GDS0008", "quantity": 48}]
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        entries = uow.session.execute(select(CustomsLedgerEntry.biz_type, CustomsLedgerEntry.state,
                                             CustomsLedgerEntry.doc_no)).all()
        assert set(entries) == {("IN", "ACTUAL", DECLARATION)} and len(entries) == 8  # one per item
        assert set(uow.session.execute(select(Lot.status)).scalars()) == {"available"}
        assert uow.session.execute(select(InboundDeclaration.status)).scalar_one() == "released"
        balances = {b.account_book_item: b.to_json() for b in ledger.balances(uow)}
    assert balances["GDS0002"] == {"account_book_item": "GDS0002", "entered": 960, "pre_decreased": 0,
                                   "decreased": 0, "returned": 0, "disposed": 0, "adjusted": 0,
                                   "adjusted_pending": 0, "balance": 960}  # damaged units entered too
    assert where(tallied, "SWS37519") == [("DMG-01", "damaged", "", 12),
                                          ("HOLD-01", "available", where(tallied, "SWS37519")[1][2], 468)]


def test_release_refused_twice_before_close_and_for_a_clerk(declared, tallied):
    with pytest.raises(PermissionDenied):
        released(tallied, role="clerk")
    released(tallied, role="supervisor")
    with pytest.raises(Rejected, match="already released"):
        released(tallied)
    with pytest.raises(NotFound):
        with UnitOfWork(tallied, actor("customs")) as uow:
            release(uow, "QD-NOPE")
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(func.count(CustomsLedgerEntry.id))).scalar_one() == 8


def test_release_refused_while_tallying(declared):
    feed(station(declared), carton(A2P, "A2P43432", 12))
    with pytest.raises(Rejected, match="not closed yet"):
        released(declared)


def putaway_station(db, role: str = "clerk", **kw) -> PutawayStation:
    return PutawayStation(UnitsOfWork(db, actor(role, "putaway-1")), **kw)


def sscc_of(db, batch: str) -> str:
    return next(lpn for code, status, lpn, _ in where(db, batch) if status in ("hold", "available") and lpn)


def test_held_stock_is_not_put_away(tallied):
    st = putaway_station(tallied)
    fb = st.scan("]C100" + sscc_of(tallied, "A2P43432"))
    assert fb.tone == Tone.ERROR and fb.code == "on_hold" and "not released by customs" in fb.text
    assert st.scan(carton(A2P, "A2P43432", 12)).code == "on_hold"
    with pytest.raises(Rejected, match="not released"):
        with UnitOfWork(tallied, actor("supervisor")) as uow:
            putaway.all_suggested(uow, DECLARATION)
    assert where(tallied, "A2P43432")[0][:2] == ("HOLD-01", "hold")


def test_put_away_by_scans(tallied):
    released(tallied)
    st = putaway_station(tallied)
    pallet = sscc_of(tallied, "A2P43432")
    goods = st.scan("]C100" + pallet, "p-1")
    assert goods.tone == Tone.PROMPT and goods.params["suggested"] == "A-01-01" and st.pending
    assert "120 × A2P-900" in goods.text
    moved = st.scan("LOC:A-01-02", "p-2")  # the clerk may choose another storage location
    assert moved.tone == Tone.OK and moved.code == "put_away" and st.pending is None
    assert where(tallied, "A2P43432") == [("A-01-02", "available", pallet, 120)]
    again = [st.scan("]C100" + pallet, "p-1"), st.scan("LOC:A-01-02", "p-2")]  # replayed: nothing moves
    assert all(fb.params.get("replayed") for fb in again)
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(func.count()).where(Movement.kind == "putaway")).scalar_one() == 1


def test_a_carton_leaves_its_pallet(tallied):
    released(tallied)
    st = putaway_station(tallied)
    assert st.scan(carton(SWS, "SWS66723", 12)).tone == Tone.PROMPT
    assert st.scan("LOC:B-04-02").tone == Tone.OK
    rows = where(tallied, "SWS66723")
    assert ("B-04-02", "available", "", 12) in rows and any(r[0] == "HOLD-01" and r[3] == 468 for r in rows)
    # the rest of that lot is suggested where the lot already is
    assert st.scan("]C100" + sscc_of(tallied, "SWS66723")).params["suggested"] == "B-04-02"


def test_put_away_refusals_move_nothing(tallied):
    released(tallied)
    st = putaway_station(tallied)
    assert st.scan("LOC:A-01-01").code == "goods_first"
    st.scan("]C100" + sscc_of(tallied, "A2P43432"))
    refused = [st.scan("LOC:NOWHERE"), st.scan("LOC:DOCK-01"), st.scan("LOC:DMG-01")]
    assert [fb.code for fb in refused] == ["unknown_location", "wrong_location_kind", "wrong_location_kind"]
    assert "put-away goes to a storage location" in refused[1].text
    assert st.pending is not None and where(tallied, "A2P43432")[0][0] == "HOLD-01"
    assert st.scan("]C100" + sscc(99)).code == "unknown_sscc"


def test_two_lots_of_one_sku_are_not_mixed_unless_told(tallied):
    released(tallied)
    st = putaway_station(tallied)
    st.scan("]C100" + sscc_of(tallied, "SWS37519"))
    st.scan("LOC:A-03-01")
    st.scan("]C100" + sscc_of(tallied, "SWS66723"))
    mixed = st.scan("LOC:A-03-01")
    assert mixed.tone == Tone.ERROR and mixed.code == "mixed_lots" and "SWS37519" in mixed.text
    told = putaway_station(tallied, allow_mixed=True)
    told.scan("]C100" + sscc_of(tallied, "SWS66723"))
    assert told.scan("LOC:A-03-01").tone == Tone.OK


def test_suggestions_never_mix_lots(tallied):
    released(tallied)
    with UnitOfWork(tallied, actor("admin")) as uow:  # another SWS lot already sits in the first location
        lot = uow.session.execute(select(Lot).where(Lot.batch_no == "SWS66723")).scalar_one()
        src = uow.session.execute(select(Stock).where(Stock.lot_id == lot.id, Stock.status == "available")).scalar_one()
        a0101 = uow.session.execute(select(Location.id).where(Location.code == "A-01-01")).scalar_one()
        move(uow, lot, 12, Place(src.location_id, "available", src.lpn), Place(a0101, "available"), kind="putaway")
        uow.commit()
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        plan = {row.goods.batch: row.to for row in putaway.plan(uow, DECLARATION)}
    assert plan["SWS66723"] == "A-01-01"          # the same lot: where it already is
    assert plan["SWS37519"] != "A-01-01"          # another lot of the SKU: an empty location
    assert len(set(plan.values())) == len(plan)  # one lot per empty location


def test_all_suggested_puts_everything_away(tallied):
    released(tallied)
    with pytest.raises(PermissionDenied):
        with UnitOfWork(tallied, actor("clerk")) as uow:
            putaway.all_suggested(uow, DECLARATION)
    with UnitOfWork(tallied, actor("supervisor")) as uow:
        run = putaway.all_suggested(uow, DECLARATION)
        uow.commit()
    assert len(run.moved) == 11 and not run.unplaced and sum(m["quantity"] for m in run.moved) == 2568
    assert [m["to"] for m in run.moved][:3] == ["A-01-01", "A-01-02", "A-02-01"]  # pick sequence
    with UnitOfWork(tallied, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(InboundDeclaration.status)).scalar_one() == "put_away"
        staged = uow.session.execute(select(func.count()).select_from(Stock).join(Location).where(
            Location.kind.in_(("inspection", "dock")))).scalar_one()
        assert staged == 0
        assert sum(b.balance for b in ledger.balances(uow)) == 2580  # put-away moves nothing in the book


def test_no_empty_location_left(tallied):
    released(tallied)
    with UnitOfWork(tallied, actor("admin")) as uow:
        for loc in uow.session.execute(select(Location).where(Location.kind == "storage")).scalars():
            loc.active = loc.code in ("A-01-01", "A-01-02")
        uow.commit()
    with UnitOfWork(tallied, actor("supervisor")) as uow:
        run = putaway.all_suggested(uow, DECLARATION)
        uow.commit()
    assert len(run.moved) == 2 and len(run.unplaced) == 9
    assert run.unplaced[0]["reason"] == "no empty storage location left"
    assert where(tallied, "MER95137")[0][:2] == ("HOLD-01", "available")  # the rest waits at the dock
