"""The in-memory allocation run takes exactly what `fefo.choose` would, order by order, each whole or not at all."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.allocation import Allocator, LineNeed, OrderNeed, Shortfall, StockRow
from app.domain.fefo import LotStock, choose
from app.outbound.allocation import shortfall_reason

TODAY = date(2026, 11, 26)
T0 = datetime(2026, 1, 1, tzinfo=UTC)

lots = st.dictionaries(st.integers(1, 8), st.tuples(st.one_of(st.none(), st.integers(-5, 90)), st.integers(0, 5)),
                       min_size=1, max_size=8)
places = st.lists(st.tuples(st.integers(1, 8), st.integers(1, 4), st.sampled_from(["", "A", "B"]),
                            st.integers(1, 9)), max_size=25, unique_by=lambda p: p[:3])
orders = st.lists(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 12)), min_size=1, max_size=3),
                  max_size=12)


def _rows(lot_facts, place_list) -> list[StockRow]:
    rows = []
    for n, (lot, location, lpn, free) in enumerate(place_list, start=1):
        if lot not in lot_facts:
            continue
        days, received = lot_facts[lot]
        expiry = None if days is None else TODAY + timedelta(days=days)
        rows.append(StockRow(n, lot, location, lpn, lot % 3 + 1, expiry, T0 + timedelta(days=received), location, free))
    return rows


def _needs(order_list) -> list[OrderNeed]:
    needs, line_id = [], 0
    for oid, lines in enumerate(order_list, start=1):
        built = []
        for product, qty in lines:
            line_id += 1
            built.append(LineNeed(line_id, product, qty))
        needs.append(OrderNeed(oid, f"O{oid}", "SF", sum(q for _, q in lines), tuple(built)))
    return needs


def _reference(rows: list[StockRow], needs: list[OrderNeed], lock: int) -> tuple[dict, list[int]]:
    free: dict[tuple[int, int], int] = defaultdict(int)
    meta = {}
    for r in rows:
        free[(r.lot_id, r.location_id)] += r.free
        meta[(r.lot_id, r.location_id)] = r
    filled, waiting = {}, []
    for order in needs:
        before, draws = dict(free), []
        for line in order.lines:
            stocks = [LotStock(lot, loc, m.expiry, m.received_at, free[(lot, loc)], m.pick_sequence)
                      for (lot, loc), m in meta.items() if m.product_id == line.product_id]
            taken = choose(stocks, line.quantity, TODAY, lock)
            if not taken:
                break
            for d in taken:
                free[(d.lot_id, d.location_id)] -= d.quantity
                draws.append((line.line_id, d.lot_id, d.location_id, d.quantity))
        else:
            filled[order.order_id] = sorted(draws)
            continue
        free = defaultdict(int, before)
        waiting.append(order.order_id)
    return filled, waiting


@settings(max_examples=300, deadline=None)
@given(lots, places, orders, st.sampled_from([0, 10, 30]))
def test_plan_matches_fefo_choose(lot_facts, place_list, order_list, lock):
    rows, needs = _rows(lot_facts, place_list), _needs(order_list)
    plan = Allocator(rows, TODAY, lock).plan(needs)
    got: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for d in plan.draws:
        got[d.order_id][(d.line_id, d.lot_id, d.location_id)] += d.quantity
    expected, waiting = _reference(rows, needs, lock)
    assert {oid: sorted((*k, q) for k, q in lines.items()) for oid, lines in got.items()} == expected
    assert [o.order_id for o, _ in plan.waiting] == waiting
    assert [o.order_id for o in plan.filled] == sorted(expected)
    taken: dict[int, int] = defaultdict(int)
    for d in plan.draws:
        taken[d.stock_id] += d.quantity
    assert all(taken[r.stock_id] <= r.free for r in rows)  # never more than a row holds


def test_waiting_reason_names_the_sale_lock():
    assert shortfall_reason("MGO-263", Shortfall(1, 3, 1, 5), 30) == (
        "not enough MGO-263: 3 needed, 1 free and sellable in bonded storage (5 more within the 30-day sale lock)")
    assert shortfall_reason("MGO-263", Shortfall(1, 2, 0, 0), 30) == "no MGO-263 free in bonded storage (2 needed)"
