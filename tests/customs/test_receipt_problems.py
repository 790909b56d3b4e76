"""A refused inbox file's problem by its kind, named in English and Chinese (the customs archive's State column): each
way a file is refused (app.formats.customs.receipts and app.customs.receipts._read) gives a form whose kind is its
own, from the reader itself (no sentence is read back)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest

from app.customs.receipts import _read
from app.domain import vocabulary
from app.formats.customs.receipts import MAX_RECEIPT_BYTES, ReceiptFileProblem, parse_file
from tests.customs.test_receipts import BILLION_LAUGHS, EXTERNAL_ENTITY
from tests.orders.helpers import ceb622

ZONE = ZoneInfo("Asia/Shanghai")
WITHOUT_TIME = ceb622("BWI000000000001", "800", "20261126100000000").replace(b"20261126100000000", b"")

FILES = [
    ("laughs.xml", BILLION_LAUGHS, "unsafe_xml"), ("xxe.xml", EXTERNAL_ENTITY, "unsafe_xml"),
    ("gbk.xml", b'<?xml version="1.0" encoding="GBK"?><a/>', "unsafe_xml"),
    ("broken.xml", b"<ceb:CEB622Message><unclosed>", "not_xml"),
    ("other.xml", b"<html><body>hello</body></html>", "not_receipt"),
    ("empty.xml", b"<CEB622Message><x/></CEB622Message>", "bad_values"),
    ("no_time.xml", WITHOUT_TIME, "bad_values"),
    ("status.xml", ceb622("BWI000000000001", "ok", "20261126100000000"), "bad_values"),
    ("time.xml", ceb622("BWI000000000001", "800", "yesterday"), "bad_values"),
    ("header.csv", b"order,status\nTG1,800\n", "bad_csv"),
    ("line.csv", b"order_no,status,time,info\nTG1,ok,20261126100000000,x\n", "bad_csv"),
    ("time.csv", b"order_no,status,time,info\nTG1,800,never,x\n", "bad_csv"),
    ("bytes.csv", b"order_no,status,time,info\nTG1,800,20261126100000000,\xff\xfe\x81\n", "bad_csv"),
]


def _refusal(name: str, data: bytes) -> ReceiptFileProblem:
    with pytest.raises(ReceiptFileProblem) as caught:
        parse_file(name, data, ZONE)
    return caught.value


@pytest.mark.parametrize(("name", "data", "kind"), FILES, ids=[f[0] for f in FILES])
def test_each_refusal_has_its_kind_named_in_both_languages(name, data, kind):
    problem = _refusal(name, data)
    assert vocabulary.problem_kind(problem.params) == kind, problem.params
    english, chinese = vocabulary.term("receipt_problem", kind)
    assert english and not re.search(r"[A-Za-z]{2,}", chinese.replace("XML", "").replace("CSV", "").replace(
        "UTF", "")), chinese


def test_a_file_too_large_or_unreadable_is_said_so(tmp_path):
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(MAX_RECEIPT_BYTES + 1)
    folder = tmp_path / "folder.xml"
    folder.mkdir()
    assert vocabulary.problem_kind(_read(big, ZONE).problem.params) == "too_large"
    assert vocabulary.problem_kind(_read(folder, ZONE).problem.params) == "unreadable"
    assert vocabulary.problem_kind({"form": "something_else"}) == vocabulary.problem_kind(None) == "other"
    assert set(vocabulary.table("receipt_problem")) == {kind for *_, kind in FILES} | {"too_large", "unreadable",
                                                                                       "other"}


def test_invalid_is_named_and_customs_types_stay_their_names():
    assert vocabulary.name("message_type", "INVALID", "zh") == "无法识别的文件"
    assert vocabulary.name("message_type", "INVALID", "en") == "unreadable file"
    assert vocabulary.name("message_type", "CEB622", "zh") == "CEB622"
