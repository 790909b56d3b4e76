"""Why an order waits, in English and Chinese from its stored form and values (app.domain.vocabulary.WAIT_DETAILS):
the English template is the sentence the allocation wrote before the values were kept, word for word."""

from __future__ import annotations

import re

import pytest

from app.domain import vocabulary
from app.domain.allocation import Shortfall
from app.outbound.allocation import shortfall_params, shortfall_reason

# (sku, shortfall, sale-lock days) → the form it takes
CASES = [("MGO-263", Shortfall(1, 2, 0, 0), 30, "no_stock"), ("MGO-263", Shortfall(1, 3, 1, 0), 30, "short"),
         ("LAMER-60", Shortfall(1, 3, 1, 5), 30, "short_locked"), ("LAMER-60", Shortfall(1, 4, 0, 2), 7, "short_locked")]


def _sentence_before(sku: str, s: Shortfall, sale_lock_days: int) -> str:
    """The allocation's sentence as it was written before its form and values were kept (revision 0018)."""
    if s.free == 0 and s.locked == 0:
        return f"no {sku} free in bonded storage ({s.needed} needed)"
    text = f"not enough {sku}: {s.needed} needed, {s.free} free and sellable in bonded storage"
    if s.locked:
        text += f" ({s.locked} more within the {sale_lock_days}-day sale lock)"
    return text


@pytest.mark.parametrize(("sku", "shortfall", "days", "form"), CASES)
def test_each_wait_reads_as_before_in_english_and_wholly_in_chinese(sku, shortfall, days, form):
    params = shortfall_params(sku, shortfall, days)
    assert params["form"] == form
    assert shortfall_reason(sku, shortfall, days) == _sentence_before(sku, shortfall, days)
    assert vocabulary.wait_detail(params, "en") == _sentence_before(sku, shortfall, days)
    chinese = vocabulary.wait_detail(params, "zh")
    assert chinese and sku in chinese and str(shortfall.needed) in chinese
    assert not re.search(r"[A-Za-z]{2,}", chinese.replace(sku, "")), chinese  # no English word, only the SKU


def test_every_form_is_reached_and_its_templates_take_the_same_values():
    assert {form for *_, form in CASES} == set(vocabulary.WAIT_DETAILS)
    for form, (en, zh) in vocabulary.WAIT_DETAILS.items():
        assert vocabulary.template_fields(en) == vocabulary.template_fields(zh), form
    for *given, _ in CASES:
        params = shortfall_params(*given)
        assert vocabulary.template_fields(vocabulary.WAIT_DETAILS[params["form"]][0]) == set(params) - {"form"}


def test_a_wait_stored_without_its_values_has_no_detail():
    assert vocabulary.wait_detail(None, "zh") is None and vocabulary.wait_detail({}, "en") is None
    assert vocabulary.wait_detail({"form": "gone"}, "zh") is None
    assert vocabulary.wait_detail({"form": "short", "sku": "X"}, "zh") is None  # values of another version

