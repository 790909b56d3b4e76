"""The stock view: a lazy keyset-paged model (fetchMore), filters, stale answers dropped, refresh on changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from app.persistence.models import Location, Lot
from app.stock.movements import Place, StockFilter, move
from tests.gui.helpers import load_demo_master_data, put_stock, wait_idle
from ui.stock.inventory import StockScreen, stock_model

ROOT = QModelIndex()


@pytest.fixture
def stocked(db):
    load_demo_master_data(db)
    return put_stock(db, lots=3, locations=4, qty=10)


def test_rows_arrive_page_by_page_only_when_asked(make_ctx, qtbot, stocked):
    ctx = make_ctx("clerk")
    model = stock_model(ctx, page_size=5)
    model.set_filter(StockFilter())
    wait_idle(qtbot, ctx)
    assert (model.rowCount(), model.total) == (5, 12)
    assert model.canFetchMore(ROOT)
    model.fetchMore(ROOT)
    wait_idle(qtbot, ctx)
    assert model.rowCount() == 10
    model.fetchMore(ROOT)
    wait_idle(qtbot, ctx)
    assert model.rowCount() == 12 and not model.canFetchMore(ROOT)
    ids = [model.row_at(r)[0] for r in range(12)]
    assert ids == sorted(ids) and len(set(ids)) == 12
    assert model.data(model.index(0, 0)) == "A2P-900"
    assert model.data(model.index(0, 6)) == "available"
    assert model.data(model.index(0, 7)) == "10"
    assert model.headerData(7, Qt.Orientation.Horizontal) == "Quantity"


def test_the_model_passes_the_qt_model_tester(make_ctx, qtbot, qtmodeltester, stocked):
    ctx = make_ctx("clerk")
    model = stock_model(ctx, page_size=5)
    model.set_filter(StockFilter())
    wait_idle(qtbot, ctx)
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    wait_idle(qtbot, ctx)  # the tester itself asked for more rows
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)
        wait_idle(qtbot, ctx)
    assert model.rowCount() == 12


@pytest.mark.parametrize(("flt", "rows"), [
    (StockFilter(batch="B0001"), 4),
    (StockFilter(location="A-01"), 6),
    (StockFilter(sku="A2P"), 12),
    (StockFilter(sku="NOPE"), 0),
    (StockFilter(status="damaged"), 0),
    (StockFilter(status="available", batch="B0002", location="A-02-01"), 1),
])
def test_filters(make_ctx, qtbot, stocked, flt, rows):
    ctx = make_ctx("customs")
    model = stock_model(ctx)
    model.set_filter(flt)
    wait_idle(qtbot, ctx)
    assert model.rowCount() == rows == model.total


def test_an_answer_for_an_older_filter_is_dropped(make_ctx, qtbot, stocked):
    ctx = make_ctx("clerk")
    model = stock_model(ctx)
    model.set_filter(StockFilter())           # both queries are queued before either answers
    model.set_filter(StockFilter(batch="B0002"))
    wait_idle(qtbot, ctx)
    assert model.rowCount() == 4
    assert {model.row_at(r)[3] for r in range(4)} == {"B0002"}


def test_the_screen_filters_as_the_user_types_and_counts(make_ctx, qtbot, stocked):
    ctx = make_ctx("clerk")
    screen = StockScreen(ctx)
    qtbot.addWidget(screen)
    wait_idle(qtbot, ctx)
    assert screen.model.rowCount() == 12
    assert screen.count.text() == "Rows: 12"
    qtbot.keyClicks(screen.batch, "B0001")
    qtbot.waitUntil(lambda: screen.model.current_filter == StockFilter(batch="B0001"), timeout=30_000)
    wait_idle(qtbot, ctx)
    assert screen.model.rowCount() == 4
    assert screen.count.text() == "Rows: 4"
    screen.status.setCurrentIndex(screen.status.findData("hold"))
    qtbot.waitUntil(lambda: screen.model.current_filter.status == "hold", timeout=30_000)
    wait_idle(qtbot, ctx)
    assert screen.model.rowCount() == 0


def test_a_stock_change_reloads_the_view(make_ctx, qtbot, stocked):
    ctx = make_ctx("clerk")
    screen = StockScreen(ctx)
    qtbot.addWidget(screen)
    wait_idle(qtbot, ctx)

    def to_damaged(uow):
        lot = uow.session.execute(select(Lot).where(Lot.batch_no == "B0000")).scalar_one()
        loc = uow.session.execute(select(Location.id).where(Location.code == "A-01-01")).scalar_one()
        move(uow, lot, 3, Place(loc, "available"), Place(loc, "damaged"), kind="adjust", ref_type="test")

    with qtbot.waitSignal(ctx.sig_changes_applied, timeout=10_000):
        ctx.run(to_damaged)
    wait_idle(qtbot, ctx)
    assert screen.model.rowCount() == 13
    statuses = [screen.model.row_at(r)[7] for r in range(13)]
    assert statuses.count("damaged") == 1
