"""The receive station on both engines: counting, feedback, refusals, damaged, undo, replay, close."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.inbound import receiving
from app.inbound.declarations import import_declaration
from app.inbound.receive_station import ReceiveStation
from app.persistence.db import open_database
from app.persistence.models import (
    HandlingUnit,
    InboundDeclaration,
    Location,
    Lot,
    Movement,
    Product,
    ScanEvent,
    Stock,
)
from app.persistence.uow import UnitOfWork, UnitsOfWork
from app.settings import set_value
from app.stations import Tone
from tests.conftest import actor
from tests.inbound.conftest import DECLARATION, TODAY, sample_scans
from tests.inbound.helpers import A2P, SWS, UNDECLARED_GTIN, carton, expected_tally, feed, sscc, station


def tally(st: ReceiveStation) -> list[dict]:
    return [r.to_json() for r in st.tally()]


def row(st: ReceiveStation, line_no: int) -> dict:
    return next(r for r in tally(st) if r["line_no"] == line_no)


def status(db) -> str:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.execute(select(InboundDeclaration.status)).scalar_one()


def test_sample_container_gives_the_tally_of_the_file(declared):
    st = station(declared)
    shown = feed(st, *sample_scans())
    assert all(fb.tone == Tone.OK for fb in shown), [fb.text for fb in shown if fb.tone != Tone.OK][:3]
    assert tally(st) == expected_tally()
    assert status(declared) == "tallying"


def test_feedback_names_the_line_and_what_is_still_expected(declared):
    st = station(declared)
    first, second = feed(st, carton(A2P, "A2P43432", 12), carton(A2P, "A2P43432", 12))
    assert first.tone == Tone.OK and first.code == "counted"
    assert first.params | {} == {"sku": "A2P-900", "batch": "A2P43432", "line_no": 1, "quantity": 12,
                                 "damaged": False, "counted": 12, "expected": 120, "remaining": 108, "over": 0,
                                 "unexpected_batch": False}
    assert "line 1" in second.text and "24 of 120" in second.text and "96 still expected" in second.text


def test_replayed_scan_id_counts_nothing_and_returns_the_first_result(declared):
    st = station(declared)
    first = st.scan(carton(A2P, "A2P43432", 12), "scan-1")
    again = st.scan(carton(A2P, "A2P43432", 12), "scan-1")
    assert again.params["replayed"] is True and again.params["counted"] == first.params["counted"] == 12
    assert row(st, 1)["received"] == 12
    with UnitOfWork(declared, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(func.count(ScanEvent.id))).scalar_one() == 1


def add_product(db, sku: str, gtin: str) -> None:
    with UnitOfWork(db, actor("admin")) as uow:
        model = uow.session.execute(select(Product).where(Product.sku == "A2P-900")).scalar_one()
        fields = {c.key: getattr(model, c.key) for c in Product.__table__.columns if c.key != "id"}
        uow.session.add(Product(**{**fields, "sku": sku, "gtin": gtin}))
        uow.commit()


def test_refused_scans_say_why_and_count_nothing(declared):
    add_product(declared, "A2P-800", "9300000010384")
    st = station(declared)
    refused = feed(st,
                   "]C101093000000103781728100510A2P43432\x1d3712",  # bad check digit
                   "]C1010930000001037717281399",                    # malformed date
                   "hello world",                                    # not a barcode we know
                   "CMD:EXPLODE",                                    # unknown command
                   carton(UNDECLARED_GTIN, "X1", 6),                 # no such product
                   carton("9300000010384", "X1", 6),                 # a product not on the declaration
                   "]C100" + sscc(3))                                # an SSCC alone
    assert [fb.tone for fb in refused] == [Tone.ERROR] * 7
    assert [fb.code for fb in refused] == ["bad_check_digit", "malformed", "unknown_barcode", "unknown_command",
                                           "unknown_product", "not_declared", "sscc_only"]
    assert "A2P-800" in refused[5].text and DECLARATION in refused[5].text
    assert all(r["received"] == 0 for r in tally(st))
    with UnitOfWork(declared, actor("clerk"), write=False) as uow:
        outcomes = uow.session.execute(select(ScanEvent.outcome, ScanEvent.reason)).all()
    assert len(outcomes) == 7 and all(o == "rejected" and reason for o, reason in outcomes)
    assert status(declared) == "expected"


def test_batch_with_too_little_shelf_life_refused_with_the_reason(declared):
    st = station(declared)
    short = carton(A2P, "A2P43432", 12, expiry=TODAY + timedelta(days=100))
    fb = st.scan(short)
    assert fb.tone == Tone.ERROR and fb.code == "short_shelf_life"
    assert "100 of 730 days" in fb.text and "at least 50%" in fb.text
    expired = st.scan(carton(A2P, "A2P43432", 12, expiry=TODAY - timedelta(days=1)))
    assert expired.code == "short_shelf_life" and "expired" in expired.text
    assert row(st, 1)["received"] == 0
    with UnitOfWork(declared, actor("admin")) as uow:
        set_value(uow.session, "inbound_min_shelf_life_fraction", "0.1")
        uow.commit()
    assert st.scan(short).tone == Tone.OK
    assert row(st, 1)["received"] == 12


def test_unexpected_batch_counted_and_flagged(declared):
    st = station(declared)
    fb = st.scan(carton(SWS, "SWSX0001", 12, expiry=date(2029, 1, 1)))
    assert fb.tone == Tone.WARN and fb.code == "unexpected_batch" and fb.params["line_no"] == 2
    assert {"line_no": 2, "sku": "SWS-VC60", "batch": "SWSX0001", "expected": 0, "received": 12, "damaged": 0,
            "short": 0, "over": 12} in tally(st)
    assert row(st, 2)["received"] == 0 and row(st, 2)["batch"] == "SWS37519"


def test_declared_batch_goes_to_its_own_line(declared):
    st = station(declared)
    assert st.scan(carton(SWS, "SWS66723", 12)).params["line_no"] == 3


def test_over_receipt_counted_and_flagged(declared):
    st = station(declared)
    shown = feed(st, *[carton(A2P, "A2P43432", 12)] * 11)
    assert [fb.tone for fb in shown] == [Tone.OK] * 10 + [Tone.WARN]
    assert shown[-1].code == "over" and "12 over" in shown[-1].text
    assert row(st, 1) | {} == {"line_no": 1, "sku": "A2P-900", "batch": "A2P43432", "expected": 120,
                               "received": 132, "damaged": 0, "short": 0, "over": 12}


def test_plain_gtin_scan_counts_one_unit_of_the_declared_batch(declared):
    st = station(declared)
    fb = st.scan("]E09300000010377")
    assert fb.tone == Tone.OK and fb.params["quantity"] == 1 and fb.params["batch"] == "A2P43432"


def test_damaged_then_undo(declared):
    st = station(declared)
    prompt = st.scan("CMD:DAMAGED")
    assert prompt.tone == Tone.PROMPT and st.damaged_next
    counted = feed(st, carton(A2P, "A2P43432", 12), carton(A2P, "A2P43432", 12))
    assert counted[0].params["damaged"] is True and counted[1].params["damaged"] is False  # only the next scan
    assert (row(st, 1)["received"], row(st, 1)["damaged"]) == (12, 12)
    other = station(declared, name="dock-2")
    assert other.scan("CMD:UNDO").code == "nothing_to_undo"  # undo reverses this station's own scans
    undone = st.scan("CMD:UNDO")
    assert undone.tone == Tone.OK and undone.code == "undone" and undone.params["damaged"] is False
    assert (row(st, 1)["received"], row(st, 1)["damaged"]) == (0, 12)
    assert st.scan("CMD:UNDO").params["damaged"] is True
    assert (row(st, 1)["received"], row(st, 1)["damaged"]) == (0, 0)
    assert st.scan("CMD:UNDO").tone == Tone.ERROR
    with UnitOfWork(declared, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(func.count()).where(ScanEvent.outcome == "undone")).scalar_one() == 2


def stock_rows(db) -> list[tuple]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.execute(
            select(Location.code, Lot.batch_no, Stock.status, Stock.lpn, Stock.quantity)
            .join(Location, Location.id == Stock.location_id).join(Lot, Lot.id == Stock.lot_id)
            .order_by(Lot.batch_no, Stock.status, Stock.lpn)).all()


def test_close_makes_lots_and_stock_on_hold(declared):
    st = station(declared)
    feed(st, *[carton(A2P, "A2P43432", 12)] * 9, "CMD:DAMAGED", carton(A2P, "A2P43432", 12),
         carton(SWS, "SWSX0001", 12, expiry=date(2029, 1, 1)), carton(SWS, "SWS37519", 6))
    closed = st.scan("CMD:CLOSE")
    assert closed.tone == Tone.WARN and closed.code == "tally_closed"
    assert closed.params["damaged_units"] == 12 and closed.params["short_lines"] == 10
    assert status(declared) == "tallied"
    with UnitOfWork(declared, actor("clerk"), write=False) as uow:
        lots = uow.session.execute(select(Lot).order_by(Lot.batch_no)).scalars().all()
        assert [(lot.batch_no, lot.status, lot.declaration_line.line_no, str(lot.expiry_date)) for lot in lots] == [
            ("A2P43432", "hold", 1, "2028-10-05"), ("SWS37519", "hold", 2, "2029-10-08"),
            ("SWSX0001", "hold", 2, "2029-01-01")]
        units = uow.session.execute(select(HandlingUnit.sscc, HandlingUnit.kind)).all()
        assert all(kind == "pallet" and s.startswith("06901234") and len(s) == 18 for s, kind in units)
        kinds = uow.session.execute(select(Movement.kind, func.count()).group_by(Movement.kind)).all()
        assert kinds == [("receive", 4)]
    rows = stock_rows(declared)
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("DMG-01", "A2P43432", "damaged", 12), ("HOLD-01", "A2P43432", "hold", 108),
        ("HOLD-01", "SWS37519", "hold", 6), ("HOLD-01", "SWSX0001", "hold", 12)]
    after = feed(st, carton(A2P, "A2P43432", 12), "CMD:UNDO", "CMD:CLOSE")
    assert [fb.code for fb in after] == ["tally_closed"] * 3 and all(fb.tone == Tone.ERROR for fb in after)


def test_cartons_with_their_own_sscc(declared):
    st = station(declared)
    first, second = sscc(1), sscc(2)
    shown = feed(st, carton(A2P, "A2P43432", 12, sscc=first), carton(A2P, "A2P43432", 12, sscc=second),
                 carton(A2P, "A2P43432", 12, sscc=first), carton(A2P, "A2P43432", 12))
    assert [fb.tone for fb in shown] == [Tone.OK, Tone.OK, Tone.ERROR, Tone.OK]
    assert shown[2].code == "duplicate_carton"
    st.scan("CMD:CLOSE")
    rows = [(r[3], r[4]) for r in stock_rows(declared)]
    assert (first, 12) in rows and (second, 12) in rows and len(rows) == 3


def test_location_scan_chooses_where_goods_are_staged(declared):
    st = station(declared)
    wrong = st.scan("LOC:A-01-01")
    assert wrong.tone == Tone.ERROR and wrong.code == "wrong_location_kind"
    assert st.scan("LOC:NOWHERE").code == "unknown_location"
    chosen = st.scan("LOC:DOCK-02")
    assert chosen.tone == Tone.OK and st.staging == "DOCK-02"
    feed(st, carton(A2P, "A2P43432", 12), "CMD:CLOSE")
    assert [r[0] for r in stock_rows(declared)] == ["DOCK-02"]


def test_close_with_nothing_counted_refused(declared):
    fb = station(declared).scan("CMD:CLOSE")
    assert fb.tone == Tone.ERROR and fb.code == "nothing_counted"
    assert status(declared) == "expected"


def test_unknown_declaration_and_roles(declared):
    unknown = ReceiveStation(UnitsOfWork(declared, actor("clerk")), "QD-NOPE").scan(carton(A2P, "A2P43432", 12))
    assert unknown.tone == Tone.ERROR and unknown.code == "unknown_declaration"
    officer = station(declared, role="customs").scan(carton(A2P, "A2P43432", 12))
    assert officer.tone == Tone.ERROR and officer.code == "permission_denied"
    assert row(station(declared), 1)["received"] == 0


def test_an_acknowledged_scan_is_in_the_database_and_a_replay_counts_nothing(declared):
    scan_id = uuid.uuid4().hex
    ack = station(declared).scan(carton(A2P, "A2P43432", 12), scan_id)
    assert ack.tone == Tone.OK
    other = open_database(declared.url)  # another process's connection: only what was committed is there
    try:
        with UnitOfWork(other, actor("clerk"), write=False) as uow:
            assert uow.session.execute(select(ScanEvent.outcome).where(ScanEvent.scan_id == scan_id)).scalar() == \
                "accepted"
        # the station after a crash
        restarted = ReceiveStation(UnitsOfWork(other, actor("clerk", "dock-1")), DECLARATION)
        again = restarted.scan(carton(A2P, "A2P43432", 12), scan_id)
        assert again.params["replayed"] is True
        assert row(restarted, 1)["received"] == 12
    finally:
        other.dispose()


def test_route_is_a_pure_rule():
    line = receiving.Line
    lines = [line(1, 2, "B1", 10, None, None, 10), line(2, 3, "B1", 10, None, None, 0),
             line(3, 4, "", 5, None, None, 0)]
    assert receiving.route(lines, "B1") == (lines[1], "B1", False)   # first line of the batch with room
    assert receiving.route(lines, "B9") == (lines[2], "B9", False)   # a line that declared no batch
    assert receiving.route(lines[:2], "B9") == (lines[1], "B9", True)  # unexpected: first line with room
    assert receiving.route(lines, "") == (lines[1], "B1", False)     # a plain GTIN: the line's batch


def test_shelf_life_rule():
    rule = receiving.shelf_life_problem
    assert rule("B", date(2027, 12, 1), 730, date(2026, 11, 26), Decimal("0.5")) is None
    assert "days of shelf life left" in rule("B", date(2027, 6, 1), 730, date(2026, 11, 26), Decimal("0.5"))
    assert rule("B", date(2020, 1, 1), 0, date(2026, 11, 26), Decimal("0.5")) is None  # no shelf life


def test_a_line_without_a_declared_batch_takes_any_batch(warehouse, tmp_path):
    path = tmp_path / "no_batch.csv"
    path.write_text("declaration_no,entry_no,bill_of_lading,container_no,seal_no,arrival_date,line_no,"
                    "account_book_item,sku,declared_qty,batch_no,production_date,expiry_date\n"
                    "QD-NB,,BL,C,S,2026-11-20,1,GDS0001,A2P-900,24,,,\n", encoding="utf-8")
    with UnitOfWork(warehouse, actor("supervisor")) as uow:
        import_declaration(uow, path)
        uow.commit()
    st = ReceiveStation(UnitsOfWork(warehouse, actor("clerk")), "QD-NB")
    shown = feed(st, carton(A2P, "LOTA", 12, expiry=date(2028, 6, 1)), carton(A2P, "LOTB", 12,
                                                                               expiry=date(2028, 7, 1)))
    assert [fb.tone for fb in shown] == [Tone.OK, Tone.OK]
    assert tally(st) == [{"line_no": 1, "sku": "A2P-900", "batch": "LOTA,LOTB", "expected": 24, "received": 24,
                          "damaged": 0, "short": 0, "over": 0}]
    st.scan("CMD:CLOSE")
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        lots = uow.session.execute(select(Lot.batch_no, Lot.expiry_date).order_by(Lot.batch_no)).all()
    assert lots == [("LOTA", date(2028, 6, 1)), ("LOTB", date(2028, 7, 1))]


def test_tally_scans_written_before_revision_0021_take_their_scan_events_id(declared):
    """Revision 0021 keys each tally scan by its scan event (the unique index it replaces cost every carton scan a
    page): the rows written before are renumbered in order, and undo still reverses the station's last scan."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from app.persistence import migrate
    from app.persistence.models import TallyScan

    st = station(declared)
    feed(st, carton(A2P, "A2P43432", 12), carton(A2P, "A2P43432", 6))
    migrate.downgrade(declared, "0020")
    with declared.engine.begin() as conn:  # as the rows were before: numbered apart from their events
        conn.execute(text("UPDATE tally_scan SET id = id + 1000"))
    migrate.upgrade(declared)
    with UnitOfWork(declared, actor("clerk"), write=False) as uow:
        rows = uow.session.execute(select(TallyScan.id, TallyScan.scan_event_id, TallyScan.quantity)
                                   .order_by(TallyScan.id)).all()
    assert [(r.id == r.scan_event_id, r.quantity) for r in rows] == [(True, 12), (True, 6)]
    assert st.scan("CMD:UNDO").params["quantity"] == 6 and row(st, 1)["received"] == 12
    with pytest.raises(IntegrityError), declared.engine.begin() as conn:  # another row of an event: refused
        conn.execute(text("INSERT INTO tally_scan (id, scan_event_id, declaration_id, tally_count_id, quantity, "
                          "damaged, sscc, station, undone) SELECT id + 1000, scan_event_id, declaration_id, "
                          "tally_count_id, quantity, damaged, sscc, station, undone FROM tally_scan WHERE id = :id"),
                     {"id": rows[0].id})
