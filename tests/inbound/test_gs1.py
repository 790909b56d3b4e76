"""GS1 scan decoding (pure): carton labels, plain GTINs, locations, commands and every kind of bad scan."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.domain.codes import gs1_check_digit
from app.domain.gs1 import (
    BadScan,
    Command,
    CommandScan,
    HandlingUnitScan,
    ItemScan,
    LocationScan,
    command_barcode,
    decode,
    element_string,
    human_readable,
    location_barcode,
    make_sscc,
)
from tests.conftest import DEMO

BATCH_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./_"


def test_sample_carton_label():
    raw = "]C101093000000103771728100510A2P43432\x1d3712"
    assert decode(raw) == ItemScan(gtin="09300000010377", count=12, batch="A2P43432",
                                   expiry_date=date(2028, 10, 5))


def test_every_sample_scan_decodes_to_a_carton():
    lines = (DEMO / "receive_scans.txt").read_bytes().decode("utf-8").split("\n")
    scans = [decode(line) for line in lines if line.strip()]
    assert len(scans) == 230
    assert all(isinstance(s, ItemScan) and s.batch and s.count in (6, 12) for s in scans)


def test_trailing_cr_lf_ignored_and_empty_refused():
    assert decode("]E09300000010377\r\n") == ItemScan(gtin="09300000010377")
    assert decode("\r\n") == BadScan("empty", "empty scan")


def test_plain_gtin_is_one_unit():
    assert decode("9300000010377") == ItemScan(gtin="09300000010377", count=1)
    assert decode("]E09300000010377").count == 1
    assert decode("]E400123457") == ItemScan(gtin="00000000123457")
    assert decode("]E400123458") == BadScan("bad_check_digit", "GTIN 00123458 has a wrong check digit (expected 7)")


def test_bad_check_digits():
    bad = decode("]C101093000000103781728100510A2P43432\x1d3712")
    assert isinstance(bad, BadScan) and bad.code == "bad_check_digit" and "(01)" in bad.reason
    assert decode("9300000010378").code == "bad_check_digit"
    sscc = make_sscc("6901234", 7)
    wrong = sscc[:-1] + str((int(sscc[-1]) + 1) % 10)
    assert decode("]C100" + wrong).code == "bad_check_digit"


def test_malformed_element_strings():
    for raw in ("]C1garbage", "]C10109300000010377171399", "]C1010930000001037710", "]C10109300000010377300",
                "]C110ABC"):
        result = decode(raw)
        assert isinstance(result, BadScan) and result.code == "malformed", raw


def test_ais_00_02_11_30():
    sscc = make_sscc("6901234", 42)
    assert decode("]C100" + sscc) == HandlingUnitScan(sscc)
    scan = decode(f"]C100{sscc}02093000000103771126100117281005305")
    assert scan == ItemScan(gtin="09300000010377", sscc=sscc, production_date=date(2026, 10, 1),
                            expiry_date=date(2028, 10, 5), count=5)


def test_day_00_means_end_of_month():
    assert decode("]C1010930000001037717281000").expiry_date == date(2028, 10, 31)


def test_no_aim_prefix_element_string():
    assert decode("01093000000103771728100510A2P43432\x1d3712").count == 12


def test_locations_and_commands():
    assert decode(location_barcode("A-01-01")) == LocationScan("A-01-01")
    assert decode("]C0LOC:HOLD-01") == LocationScan("HOLD-01")
    assert decode("LOC:") .code == "malformed"
    assert decode(command_barcode(Command.DAMAGED)) == CommandScan(Command.DAMAGED)
    assert decode("]C0CMD:UNDO") == CommandScan(Command.UNDO)
    assert decode("CMD:CLOSE") == CommandScan(Command.CLOSE)
    assert decode("CMD:EXPLODE").code == "unknown_command"


def test_unknown_barcode_names_what_was_scanned():
    bad = decode("]C0hello\x1dworld")
    assert bad.code == "unknown_barcode" and "hello<GS>world" in bad.reason


def test_make_sscc():
    sscc = make_sscc("6901234", 1)
    assert len(sscc) == 18 and sscc.startswith("06901234") and gs1_check_digit(sscc[:-1]) == int(sscc[-1])


def test_human_readable():
    element = element_string("9300000010377", batch="A2P43432", expiry_date=date(2028, 10, 5), count=12)
    assert human_readable(element) == "(01)09300000010377(17)281005(10)A2P43432(37)12"


def _gtin(body: str) -> str:
    return body + str(gs1_check_digit(body))


gtins = st.sampled_from([7, 11, 12, 13]).flatmap(
    lambda n: st.text("0123456789", min_size=n, max_size=n)).map(_gtin)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
batches = st.text(BATCH_CHARS, min_size=1, max_size=20)
ssccs = st.tuples(st.text("0123456789", min_size=7, max_size=7), st.integers(0, 10**9 - 1)).map(
    lambda t: make_sscc("6" + t[0][1:], t[1]))


@given(gtin=gtins, batch=st.one_of(st.just(""), batches), production=st.one_of(st.none(), dates),
       expiry=st.one_of(st.none(), dates), count=st.one_of(st.none(), st.integers(1, 99_999_999)),
       sscc=st.one_of(st.just(""), ssccs), aim=st.sampled_from(["]C1", "]d2", "]Q3", ""]))
def test_round_trip(gtin, batch, production, expiry, count, sscc, aim):
    raw = aim + element_string(gtin, batch=batch, production_date=production, expiry_date=expiry, count=count,
                               sscc=sscc) + "\r\n"
    assert decode(raw) == ItemScan(gtin=gtin.zfill(14), count=count or 1, batch=batch, production_date=production,
                                   expiry_date=expiry, sscc=sscc)


@given(gtin=gtins, position=st.integers(0, 13), delta=st.integers(1, 9))
def test_any_single_digit_error_in_the_gtin_is_refused(gtin, position, delta):
    g14 = gtin.zfill(14)
    digits = list(g14)
    digits[position] = str((int(digits[position]) + delta) % 10)
    raw = "]C101" + "".join(digits) + "3712"
    result = decode(raw)
    assert isinstance(result, BadScan) and result.code == "bad_check_digit"


@given(st.text(max_size=40))
def test_decode_never_raises(text):
    result = decode(text)
    assert isinstance(result, (ItemScan, HandlingUnitScan, LocationScan, CommandScan, BadScan))
