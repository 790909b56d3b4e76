"""A short pick's outcome per order is a form and values (app.outbound.picking.reallocate), worded in English and
Chinese in one place (app.domain.vocabulary.SHORT_PICK_OUTCOMES); the pick station words it from them, never by
reading an English sentence back."""

from __future__ import annotations

import re

import pytest

from app.domain import vocabulary

OUTCOMES = [
    ({"form": "reallocated", "order_no": "TG1", "units": 3, "wave": "W-20261126-001"},
     "TG1 re-allocated (3 units added to W-20261126-001)"),
    ({"form": "not_released", "order_no": "TG2"},
     "TG2 left waiting: its inventory list is no longer released (800)"),
    ({"form": "waiting", "order_no": "TG3", "why": {"form": "short", "sku": "LAMER-60", "needed": 2, "free": 1}},
     "TG3 left waiting: not enough LAMER-60: 2 needed, 1 free and sellable in bonded storage"),
]


@pytest.mark.parametrize(("params", "english"), OUTCOMES, ids=[o[0]["form"] for o in OUTCOMES])
def test_each_outcome_reads_as_before_in_english_and_wholly_in_chinese(params, english):
    assert vocabulary.short_pick_outcome(params, "en") == english  # the sentence reallocate returned before
    chinese = vocabulary.short_pick_outcome(params, "zh")
    assert chinese.startswith(params["order_no"])
    words = re.sub(r"\S*\d\S*", "", chinese.replace("LAMER-60", ""))
    assert not re.search(r"[A-Za-z]{2,}", words), chinese


def test_every_form_is_covered_and_its_templates_take_the_same_values():
    assert {p["form"] for p, _ in OUTCOMES} == set(vocabulary.SHORT_PICK_OUTCOMES)
    for params, _ in OUTCOMES:
        en, zh = vocabulary.SHORT_PICK_OUTCOMES[params["form"]]
        assert vocabulary.template_fields(en) == vocabulary.template_fields(zh) == set(params) - {"form"}


def test_an_outcome_logged_by_an_older_version_shows_as_it_was_logged():
    """A replayed scan logged before the outcome was a form and values carries its English sentence: shown as is."""
    assert vocabulary.short_pick_outcome("TG1 re-allocated (3 units added to W-1)", "zh") == \
        "TG1 re-allocated (3 units added to W-1)"
