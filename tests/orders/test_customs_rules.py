"""The pure customs rules: tax per line, payment equation, payer, limits, annual total, bonded balance."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain import customs_rules as rules
from app.domain.customs_rules import Policy, Rates

D = Decimal
POLICY = Policy()
money = st.decimals(min_value=D("0.01"), max_value=D("4000"), places=2)
rates = st.builds(Rates, vat=st.sampled_from([D("0.09"), D("0.13")]),
                  consumption=st.sampled_from([D(0), D("0.15"), D("0.3")]), tariff=st.sampled_from([D(0), D("0.15")]))


def test_worked_examples_of_the_domain_reference():
    # D = 410 (2 × 200 + 10 freight), VAT 13 %, no CT: VAT = 410 × 0.13 × 0.7 = 37.31
    (tax,) = rules.order_tax([D(400)], [Rates(D("0.13"), D(0), D(0))], D(10), D(0), factor=D("0.7"))
    assert (tax.tariff, tax.consumption, tax.vat) == (D(0), D(0), D("37.31"))
    # high-end cosmetics c = 15 %: CT 50.65, VAT 43.89, total 94.54
    (tax,) = rules.order_tax([D(400)], [Rates(D("0.13"), D("0.15"), D(0))], D(10), D(0), factor=D("0.7"))
    assert (tax.consumption, tax.vat, tax.total) == (D("50.65"), D("43.89"), D("94.54"))


def test_sample_tax_mismatch_names_both_figures():
    taxes = rules.order_tax([D(269), D(118)], [Rates(D("0.09"), D(0), D(0)), Rates(D("0.13"), D(0), D(0))],
                            D(0), D(0), factor=D("0.7"))
    computed = sum(t.total for t in taxes)
    assert computed == D("27.69")  # 269 × 0.09 × 0.7 = 16.947 → 16.95; 118 × 0.13 × 0.7 = 10.738 → 10.74
    found = rules.tax_violation(D("30.69"), computed, D("0.05"))
    assert found.code == "tax_mismatch" and "30.69" in found.reason and "27.69" in found.reason
    assert rules.tax_violation(D("27.74"), computed, D("0.05")) is None
    assert rules.tax_violation(D("27.75"), computed, D("0.05")).code == "tax_mismatch"


@given(st.lists(money, min_size=1, max_size=6), money, money)
def test_freight_and_insurance_are_shared_by_value_and_nothing_is_lost(values, freight, insurance):
    shares = rules.dutiable_values(values, freight, insurance)
    assert abs(sum(shares) - (sum(values) + freight + insurance)) < D("1e-20")
    assert all(s >= v for s, v in zip(shares, values))
    ratios = {(s - v) / v for s, v in zip(shares, values)}
    assert max(ratios) - min(ratios) < D("1e-20")  # every line carries the same fraction


@given(money, rates)
def test_each_tax_is_rounded_to_the_fen_and_the_factor_applies(value, r):
    within = rules.line_tax(value, r, factor=D("0.7"))
    full = rules.line_tax(value, r, factor=D("0.7"), full=True)
    for t in (within, full):
        assert all(x == x.quantize(D("0.01")) and x >= 0 for x in (t.tariff, t.consumption, t.vat))
    assert within.tariff == 0 and full.tariff == rules.cents(value * r.tariff)
    assert abs(within.vat - value / (1 - r.consumption) * r.vat * D("0.7")) <= D("0.005")
    assert full.total >= within.total


@given(money, money, money, money)
def test_payment_must_equal_goods_plus_freight_plus_tax_minus_discount(goods, freight, tax, discount):
    paid = goods + freight + tax - discount
    assert rules.payment_violation(goods, freight, tax, discount, paid) is None
    wrong = rules.payment_violation(goods, freight, tax, discount, paid + D("0.01"))
    assert wrong.code == "payment_mismatch" and str(paid) in wrong.reason


def test_payer_is_the_buyer_and_the_id_passes_gb11643():
    assert rules.identity_violation("11010119921104781X", "11010119921104781x") is None
    assert rules.identity_violation("510107197104049230", "510107197104049230").code == "id_checksum"
    assert rules.identity_violation("510107200411146749", "110101198309129413").code == "payer_not_buyer"


@given(st.decimals(min_value=D("0.01"), max_value=D("99999"), places=2), st.lists(st.integers(1, 5), min_size=1,
                                                                                      max_size=4))
def test_order_limit_with_the_single_item_exception(total, quantities):
    full, found = rules.limit_decision(total, quantities, POLICY)
    if total <= 5000:
        assert (full, found) == (False, None)
    elif quantities == [1]:
        assert (full, found) == (True, None)
    else:
        assert not full and found.code == "over_order_limit"


@given(st.decimals(min_value=D(0), max_value=D(30000), places=2),
       st.decimals(min_value=D(0), max_value=D(5000), places=2))
def test_annual_limit(so_far, this_order):
    found = rules.annual_violation(so_far, this_order, 2026, POLICY)
    assert (found is None) == (so_far + this_order <= 26000)
    if found:
        assert found.code == "over_annual_limit" and "2026" in found.reason


def test_bonded_balance_names_the_short_items():
    assert rules.balance_violation({"GDS0001": 3}, {"GDS0001": 3}) is None
    found = rules.balance_violation({"GDS0001": 3, "GDS0002": 1}, {"GDS0001": 2})
    assert found.code == "bonded_balance_short"
    assert "GDS0001: 2 available, 3 needed" in found.reason and "GDS0002: 0 available, 1 needed" in found.reason


def test_every_code_is_listed_once():
    assert len(set(rules.REJECTION_CODES)) == len(rules.REJECTION_CODES)
