"""The period books (opening + movements = closing, physical, difference) and the three-ledger comparison."""

from __future__ import annotations

import json
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app import clock
from app.customs.books import compare, period_ledger
from app.customs.ledger import balances, record
from app.errors import FileRejected, Rejected
from app.persistence.models import AccountBookItem, Owner
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.outbound.conftest import TODAY, receive_container, run

# the movements and "today" of a test are one moment: never both sides of Shanghai's midnight
pytestmark = pytest.mark.usefixtures("one_moment")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from app.inbound import receiving

    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)


@pytest.fixture
def stocked(db, tmp_path, monkeypatch):
    monkeypatch.setenv("BWMS_HOME", str(tmp_path / "home"))
    receive_container(db)
    return db


def today() -> date:
    return clock.warehouse_today(ZoneInfo("Asia/Shanghai"))


def books(db, first, last):
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return {line.item_no: line for line in period_ledger(uow, first, last).lines}


def plant(db, item_no: str, biz_type: str, quantity: int, state: str = "ACTUAL") -> None:
    def write(uow):
        item = uow.session.execute(select(AccountBookItem.id).where(AccountBookItem.item_no == item_no)).scalar_one()
        owner = uow.session.execute(select(Owner.id).limit(1)).scalar_one()
        record(uow, item, biz_type, quantity, state=state, doc_type="COUNT", doc_no="C1", owner_id=owner)
    run(db, "supervisor", write)


def test_received_stock_opens_and_closes_the_books(stocked):
    lines = books(stocked, today() - timedelta(days=7), today())
    with UnitOfWork(stocked, actor("clerk"), write=False) as uow:
        balance = {b.account_book_item: b.balance for b in balances(uow)}
    held = [line for line in lines.values() if line.entered]
    assert held
    for line in lines.values():
        assert line.opening == 0 and line.closing == line.entered == balance[line.item_no]
        assert line.physical == line.closing and line.difference == 0
    later = books(stocked, today() + timedelta(days=1), today() + timedelta(days=2))
    for no, line in later.items():  # what entered before the period is its opening; nothing moved within
        assert line.opening == line.closing == lines[no].closing and line.entered == 0


@pytest.mark.breaks_invariants  # planted adjustments without their stock movement: the books differ from stock
def test_adjustments_confirmed_count_and_pending_ones_are_shown_apart(stocked):
    items = sorted(no for no, line in books(stocked, today(), today()).items() if line.closing)
    plant(stocked, items[0], "ADJ_PLUS", 3)
    plant(stocked, items[1], "ADJ_MINUS", -2)
    plant(stocked, items[1], "ADJ_MINUS", -5, state="PENDING")
    lines = books(stocked, today(), today())
    assert (lines[items[0]].adjusted, lines[items[0]].difference) == (3, 3)  # the books say 3 more than stock
    assert (lines[items[1]].adjusted, lines[items[1]].adjusted_pending, lines[items[1]].difference) == (-2, -5, -2)
    for line in lines.values():
        assert line.closing == (line.opening + line.entered - line.decreased + line.returned + line.adjusted
                                - line.disposed)
    assert {no for no, line in lines.items() if line.difference} == {items[0], items[1]}


def test_a_period_that_ends_before_it_starts_is_refused(stocked):
    with pytest.raises(Rejected, match="ends"):
        books(stocked, today(), today() - timedelta(days=1))


def customs_file(path, rows):
    path.write_text("item_no,balance\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="utf-8")
    return path


@pytest.mark.breaks_invariants  # a planted adjustment without its stock movement
def test_compare_names_exactly_the_planted_differences(stocked, tmp_path):
    ours = books(stocked, today(), today())
    items = sorted(ours)
    customs = {no: line.closing for no, line in ours.items()}
    customs[items[0]] += 4      # customs counts 4 more
    customs[items[2]] -= 1      # customs counts 1 less
    plant(stocked, items[3], "ADJ_PLUS", 2)  # our books 2 above customs and above stock
    with UnitOfWork(stocked, actor("clerk"), write=False) as uow:
        result = compare(uow, customs_file(tmp_path / "customs.csv", customs.items()))
    assert [line.item_no for line in result.differences] == sorted([items[0], items[2], items[3]])
    by_item = {line.item_no: line for line in result.lines}
    assert by_item[items[0]].customs_difference == -4 and by_item[items[0]].physical_difference == 0
    assert by_item[items[2]].customs_difference == 1
    assert (by_item[items[3]].customs_difference, by_item[items[3]].physical_difference) == (2, 2)


@pytest.mark.parametrize(("rows", "line", "field", "words"), [
    ([("NOSUCH", "5")], 2, "item_no", "unknown account-book item"),
    ([("GDS0001", "five")], 2, "balance", "not a whole number"),
    ([("GDS0001", "-1")], 2, "balance", "below 0"),
    ([("GDS0001", "1"), ("GDS0001", "2")], 3, "item_no", "appears on lines 2 and 3"),
])
def test_a_bad_customs_file_names_file_line_and_field(stocked, tmp_path, rows, line, field, words):
    path = customs_file(tmp_path / "bad.csv", rows)
    with UnitOfWork(stocked, actor("clerk"), write=False) as uow, pytest.raises(FileRejected) as caught:
        compare(uow, path)
    error = caught.value.errors[0]
    assert (error.file, error.line, error.column) == (str(path), line, field) and words in error.message


def test_cli_period_compare_and_report(stocked, cli, tmp_path):
    first, last = (today() - timedelta(days=1)).isoformat(), today().isoformat()
    code, out, err = cli("ledger", "--from", first, "--to", last, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["from"], data["to"]) == (first, last)
    keys = {"opening", "entered", "decreased", "returned", "adjusted", "disposed", "closing", "physical", "difference",
            "adjusted_pending", "decreased_posted", "item_no", "name", "unit"}
    assert all(set(row) == keys for row in data["items"])
    assert data["totals"]["closing"] == sum(r["closing"] for r in data["items"]) > 0
    path = customs_file(tmp_path / "c.csv", [(r["item_no"], r["closing"]) for r in data["items"]])
    code, out, err = cli("ledger", "compare", str(path), "--json")
    assert code == 0 and json.loads(out)["differences"] == []
    code, out, err = cli("ledger", "compare", str(customs_file(tmp_path / "x.csv", [("NOSUCH", "1")])))
    assert code == 1 and f"{tmp_path / 'x.csv'}:2: item_no: unknown account-book item" in err
    code, out, err = cli("print", "ledger-report", "--from", first, "--to", last, "--out", str(tmp_path / "r.pdf"))
    assert code == 0, err
    reader = PdfReader(tmp_path / "r.pdf")
    text = reader.pages[0].extract_text()
    assert "GDS0001" in text and reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    code, out, err = cli("ledger", "--from", first)
    assert code == 2
