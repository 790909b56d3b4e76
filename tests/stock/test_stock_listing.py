"""The stock listing pages the same rows whichever way SQLite is told to read a prefix filter."""

from __future__ import annotations

import pytest

from app.persistence.models import Stock
from app.persistence.uow import UnitOfWork
from app.stock.movements import StockFilter, broad_filters, stock_page, stock_query
from bench.b_ui import build_stock
from tests.conftest import actor

FILTERS = [StockFilter(sku="SKU-0"), StockFilter(sku="SKU-00077"), StockFilter(location="A-07-"),
           StockFilter(location="A-07-01"), StockFilter(batch="B00004"), StockFilter(location="Z-"),
           StockFilter(sku="SKU-00", location="A-1", status="available")]


@pytest.fixture
def stocked(sqlite_db):
    build_stock(sqlite_db.url, 20_000)
    return sqlite_db


def _all_pages(uow, flt: StockFilter) -> list[int]:
    ids, after = [], 0
    while page := stock_page(uow, flt, after, 500):
        ids += [r[0] for r in page]
        after = page[-1][0]
    return ids


@pytest.mark.parametrize("flt", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
def test_pages_match_the_plain_query(stocked, flt):
    with UnitOfWork(stocked, actor("clerk"), write=False) as uow:
        paged = _all_pages(uow, flt)
        plain = [r[0] for r in uow.session.execute(stock_query(flt).order_by(Stock.id))]
    assert paged == plain


def test_broad_prefixes_are_read_in_stock_order(stocked):
    with UnitOfWork(stocked, actor("clerk"), write=False) as uow:
        assert broad_filters(uow, StockFilter(sku="SKU-0", location="A-07-01", batch="B00")) == {"sku", "batch"}
        assert broad_filters(uow, StockFilter(sku="SKU-00077")) == frozenset()
