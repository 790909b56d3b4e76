"""The warehouse checks speak both languages: every invariant is named and every problem a check (or the audit chain's
verification) can find has an English and a Chinese sentence with the same values — the English word for word what
`bwms check` prints, read from app/admin by the forms the code writes (a form with no sentence, or a sentence no code
writes, fails here)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from app.admin import checks
from app.domain import vocabulary
from app.domain.vocabulary import CHECK_CODED, CHECK_PROBLEMS, INVARIANTS, template_fields
from app.persistence.uow import UnitOfWork
from tests.conftest import actor

ADMIN = Path(__file__).resolve().parents[2] / "app" / "admin"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _forms_written() -> set[str]:
    """The forms app/admin gives `_found` and `ChainReport.broken` (both branches of a conditional)."""
    forms: set[str] = set()
    for path in (ADMIN / "checks.py", ADMIN / "audit.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if getattr(node.func, "id", "") == "_found":
                form = node.args[0]
            elif getattr(node.func, "attr", "") == "broken":  # ChainReport.broken(first_bad_id, form, …)
                form = node.args[1]
            else:
                continue
            forms |= {n.value for n in ast.walk(form) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return forms


def test_every_form_written_has_its_sentences_and_every_sentence_is_written():
    written = _forms_written()
    assert {"frozen_count_ended", "audit_altered", "rejection_open.stored", "rejection_open.accepted"} <= written
    assert written == set(CHECK_PROBLEMS)


def test_both_sentences_take_the_same_values_and_the_chinese_reads_as_chinese():
    for form, (en, zh) in CHECK_PROBLEMS.items():
        assert template_fields(en) == template_fields(zh) and template_fields(en), form
        assert CJK.search(zh) and not CJK.search(en), form
    for name, (en, zh) in INVARIANTS.items():  # the screen's number is `bwms check`'s (its three 8s lettered)
        assert en.split()[0] == zh.split()[0] and en.split()[0].rstrip("abc") == name.split()[0].rstrip("b"), name
        assert CJK.search(zh), name
    shown = [en.split()[0] for en, _ in INVARIANTS.values()]
    assert len(shown) == len(set(shown))  # no two invariants with one number on screen


def test_every_invariant_checked_is_named(db):
    with UnitOfWork(db, actor("customs"), write=False) as uow:
        names = [r.name for r in checks.check_all(uow)]
    assert len(names) == 14 and set(names) == set(INVARIANTS)


def test_a_problem_in_each_language():
    found = checks.Found("frozen_count_ended", {"location": "B-02-01", "count": 7, "count_status": "closed"})
    assert str(found) == "location B-02-01 is frozen by count 7, which is closed"  # `bwms check`, as before
    assert vocabulary.check_problem(found.form, found.values, "zh") == \
        "库位 B-02-01 被盘点单 7 冻结，而该盘点单为“已结束，待审批”"
    # a missing time is None in English (as `bwms check` always printed it), a dash in Chinese; codes are named
    values = {"waybill_no": "SF1", "shipped_at": "2026-12-01 10:00", "released_at": None, "receipt": "120"}
    assert "(released None, latest receipt 120)" in vocabulary.check_problem("shipped_unreleased", values)
    assert "（放行时间 —，最新回执 入库成功 (120)）" in vocabulary.check_problem("shipped_unreleased", values, "zh")
    assert set(CHECK_CODED.values()) <= set(vocabulary.kinds())
