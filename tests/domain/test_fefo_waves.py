"""FEFO lot choice and wave grouping: pure rules, property-tested."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from app.domain.fefo import LotStock, choose, fefo_order
from app.domain.waves import WaveOrder, plan_waves

TODAY = date(2026, 11, 26)
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def lot(i, expiry, free, received_day=1):
    return LotStock(i, 100 + i, expiry, T0.replace(day=received_day), free)


def test_earliest_expiry_first_then_earliest_received():
    stocks = [lot(1, date(2029, 1, 1), 5), lot(2, date(2028, 1, 1), 5, 3), lot(3, date(2028, 1, 1), 5, 2)]
    assert [s.lot_id for s in fefo_order(stocks)] == [3, 2, 1]


def test_a_line_draws_on_several_lots():
    draws = choose([lot(1, date(2028, 1, 1), 2), lot(2, date(2029, 1, 1), 5)], 4, TODAY, 30)
    assert [(d.lot_id, d.quantity) for d in draws] == [(1, 2), (2, 2)]


def test_sale_locked_lots_are_skipped_and_short_gives_nothing():
    near = lot(1, date(2026, 12, 10), 10)
    assert choose([near, lot(2, date(2028, 1, 1), 3)], 3, TODAY, 30)[0].lot_id == 2
    assert choose([near, lot(2, date(2028, 1, 1), 3)], 4, TODAY, 30) == []


def test_lots_without_expiry_come_last():
    assert choose([lot(1, None, 5), lot(2, date(2030, 1, 1), 5)], 1, TODAY, 30)[0].lot_id == 2


@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 20)), max_size=12), st.integers(1, 60))
def test_draws_cover_exactly_or_not_at_all(specs, wanted):
    stocks = [lot(i, date.fromordinal(TODAY.toordinal() + d), f) for i, (d, f) in enumerate(specs)]
    draws = choose(stocks, wanted, TODAY, 30)
    sellable_free = sum(s.free for s in stocks if (s.expiry - TODAY).days > 30)
    if sellable_free >= wanted:
        assert sum(d.quantity for d in draws) == wanted
        by_id = {s.lot_id: s for s in stocks}
        assert all(0 < d.quantity <= by_id[d.lot_id].free for d in draws)
    else:
        assert draws == []


def test_waves_by_carrier_single_units_apart_and_capped():
    orders = [WaveOrder(f"O{i}", "ZTO" if i % 2 else "SF", 1 if i < 6 else 3) for i in range(10)]
    plans = plan_waves(orders, max_orders=2)
    assert all(len(p.order_nos) <= 2 for p in plans)
    assert sorted(n for p in plans for n in p.order_nos) == sorted(o.order_no for o in orders)
    for p in plans:
        units = {o.units for o in orders if o.order_no in p.order_nos}
        carriers = {o.carrier for o in orders if o.order_no in p.order_nos}
        assert carriers == {p.carrier} and (units == {1}) == p.single_unit
