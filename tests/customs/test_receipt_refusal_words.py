"""A refused inbox file's problem is a form and values (app.formats.customs.receipts.ReceiptFileProblem), worded in
English and Chinese in one place (app.domain.vocabulary.RECEIPT_PROBLEMS). The command line prints every refusal
exactly as it did when the reader wrote English sentences (the expected text and JSON below were captured from that
code, on these files)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from app.customs.receipts import _read
from app.domain import vocabulary
from app.formats.customs.receipts import MAX_RECEIPT_BYTES, ReceiptFileProblem
from tests.conftest import DEMO
from tests.customs.test_receipts import BILLION_LAUGHS, EXTERNAL_ENTITY
from tests.orders.helpers import ceb622

WITHOUT_TIME = ceb622("BWI000000000001", "800", "20261126100000000").replace(b"20261126100000000", b"")
WITHOUT_COP = ceb622("BWI000000000001", "800", "20261126100000000").replace(b"BWI000000000001", b"")
CEB900 = (b'<?xml version="1.0" encoding="UTF-8"?><CEB900Message xmlns="http://www.chinaport.gov.cn/ceb">'
          b'<MessageReturn>%s</MessageReturn></CEB900Message>')
CSV_HEAD = b"order_no,status,time,info\n"

# every way a receipt file is refused (and one it reads), by file name
FILES: dict[str, bytes] = {
    "a_laughs.xml": BILLION_LAUGHS, "b_xxe.xml": EXTERNAL_ENTITY,
    "c_pe.xml": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://e/x">%p;]><r/>',
    "d_gbk.xml": b'<?xml version="1.0" encoding="GBK"?><a/>',
    "e_broken.xml": b"<ceb:CEB622Message><unclosed>", "f_zero.xml": b"",
    "g_other.xml": b"<html><body>hello</body></html>",
    "h_empty.xml": b"<CEB622Message><x/></CEB622Message>", "i_no_time.xml": WITHOUT_TIME, "j_no_cop.xml": WITHOUT_COP,
    "k_status.xml": ceb622("BWI000000000001", "ok", "20261126100000000"),
    "l_time.xml": ceb622("BWI000000000001", "800", "yesterday"),
    "m_year.xml": ceb622("BWI000000000001", "800", "19990101000000"),
    "n_900_guid.xml": CEB900 % b"<returnTime>20261126100000000</returnTime>",
    "o_900_time.xml": CEB900 % b"<guid>4CDE1CFA-7B4E-4F0B-9D5B-3E2A1C0D9E8F</guid>",
    "p_header.csv": b"order,status\nTG1,800\n", "q_line.csv": CSV_HEAD + b"TG1,ok,20261126100000000,x\n",
    "r_time.csv": CSV_HEAD + b"TG1,800,never,x\n", "s_year.csv": CSV_HEAD + b"TG1,800,20990101000000,x\nTG2,800,2100-01-01T00:00,x\n",
    "t_bytes.csv": CSV_HEAD + b"TG1,800,20261126100000000,\xff\xfe\x81\n",
    "u_invt.csv": b"order_no,status,time,info,invt_no\nTG1,800,20261126100000000,x,NOT-A-NUMBER\n",
    "v_field.csv": CSV_HEAD + b"TG1,800,20261126100000000," + b"x" * 140_000 + b"\n",
    "w_sample.xml": (DEMO / "receipt_example.xml").read_bytes(),
}


def write_files(folder: Path) -> Path:
    folder.mkdir()
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    with (folder / "x_big.xml").open("wb") as fh:
        fh.truncate(MAX_RECEIPT_BYTES + 1)
    return folder


GOLDEN = Path(__file__).parent / "golden"
ZONE = ZoneInfo("Asia/Shanghai")
# words the Chinese sentences keep as they are: formats, customs' element and message names, the time layouts
KEPT = re.compile(r"XML|CSV|MB|UTF-8|GB18030|DTD|ISO|guid|invt_no|YYYYMMDDhhmmssfff|CEB\d+\w*|\w+Return|0x\w+")


def test_the_command_line_prints_every_refusal_as_before(db, cli, tmp_path):
    folder = write_files(tmp_path / "inbox")
    code, out, _ = cli("customs", "receipts", str(folder), user="supervisor")
    assert (code, out) == (1, (GOLDEN / "receipt_refusals.txt").read_text(encoding="utf-8"))
    code, out, _ = cli("customs", "receipts", str(folder), "--json", user="supervisor")
    assert json.loads(out) == json.loads((GOLDEN / "receipt_refusals.json").read_text(encoding="utf-8"))


def _problems(folder: Path) -> dict[str, ReceiptFileProblem]:
    problems = {}
    for path in sorted(folder.iterdir()):
        problem = _read(path, ZONE).problem
        if problem is not None:
            problems[path.name] = problem
    return problems


def test_every_refusal_reads_in_english_and_wholly_in_chinese_from_its_values(tmp_path):
    problems = _problems(write_files(tmp_path / "inbox"))
    assert len(problems) == len(FILES)  # every file but the sample is refused
    for name, problem in problems.items():
        assert vocabulary.receipt_problem(problem.params, "en"), name
        en, zh = vocabulary.RECEIPT_PROBLEMS[problem.form]
        # every value is said, and each language says only values the reader gives
        assert vocabulary.template_fields(en) | vocabulary.template_fields(zh) == set(problem.values), name
        chinese = vocabulary.receipt_problem(problem.params, "zh")
        assert chinese and re.search(r"[\u4e00-\u9fff]", chinese), name
        for value in problem.values.values():
            chinese = chinese.replace(str(value), "")
        assert not re.search(r"[A-Za-z]{2,}", KEPT.sub("", chinese)), (name, chinese)


def test_every_form_has_both_templates_and_is_reached():
    """The files above reach every form but three no file can: defusedxml refuses an external entity when it is
    declared, before it is referenced, and raises no other DefusedXmlException for a file parsed this way; the
    parser's ValueError/RecursionError need a file no test can make portably. Those three are checked by hand."""
    reached = {problem.form for problem in _problems_of_files()}
    by_hand = {"unsafe_xml.external_reference", "unsafe_xml.other", "not_xml.unreadable", "unreadable"}
    assert reached | by_hand == set(vocabulary.RECEIPT_PROBLEMS)
    english = {form: vocabulary.receipt_problem(ReceiptFileProblem(form, **values).params) for form, values in
               (("unsafe_xml.other", {"error": "DTDForbidden"}), ("not_xml.unreadable", {"error": "x"}),
                ("unsafe_xml.external_reference", {}))}
    assert english == {"unsafe_xml.other": "refused: unsafe XML (DTDForbidden)",  # the sentences as they were
                       "not_xml.unreadable": "not readable XML: x",
                       "unsafe_xml.external_reference": "refused: the XML refers to an external entity or DTD"}
    for form in vocabulary.RECEIPT_PROBLEMS:
        assert vocabulary.problem_kind({"form": form}) == form.split(".")[0] != "other", form


def _problems_of_files() -> list[ReceiptFileProblem]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return list(_problems(write_files(Path(folder) / "inbox")).values())


def test_an_unreadable_file_says_so_in_both_languages(tmp_path):
    folder = tmp_path / "folder.xml"
    folder.mkdir()
    problem = _read(folder, ZONE).problem
    assert problem.form == "unreadable"
    assert vocabulary.receipt_problem(problem.params, "en") == f"cannot read: {problem.values['error']}"
    assert vocabulary.receipt_problem(problem.params, "zh") == "文件无法读取"


def test_a_line_that_says_refused_leaves_the_leading_refused_out():
    params = {"form": "unsafe_xml.entities"}
    assert vocabulary.receipt_problem(params, "en") == \
        "refused: the XML declares entities (entity expansion is not allowed)"
    assert vocabulary.receipt_problem(params, "en", said_refused=False) == \
        "the XML declares entities (entity expansion is not allowed)"
    assert vocabulary.receipt_problem({"form": "too_large"}, "zh") is None  # archived before its values were kept


def test_a_file_refused_before_the_values_were_kept_keeps_its_kind(db, tmp_path):
    """Revision 0019 gives each file refused before it the kind its sentence said (read once, in the migration):
    the screen names it as before, and says the kind where it has no values for the sentence."""
    from sqlalchemy import text

    from app.customs.queries import archive_newest_first
    from app.persistence import migrate
    from app.persistence.uow import UnitOfWork
    from tests.conftest import actor

    migrate.downgrade(db, "0018")
    notes = {"a.xml": "refused: the XML declares entities (entity expansion is not allowed)",
             "b.csv": "line 2: time 'never' is not YYYYMMDDhhmmssfff nor ISO 8601", "c.xml": "something else"}
    with db.engine.begin() as conn:
        for number, (name, note) in enumerate(notes.items()):
            conn.execute(text("INSERT INTO customs_message (direction, msg_type, business_no, file_name, sha256, size, "
                              "raw_enc, at, note, guid) VALUES ('in', 'INVALID', '', :name, :sha, 1, :raw, :at, :note, "
                              "'')"), {"name": name, "sha": f"{number:064d}", "raw": b"x", "note": note,
                                       "at": "2026-11-26 10:00:00"})
    migrate.upgrade(db)
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        rows = {m["file_name"]: m for m in archive_newest_first(uow, "in")}
    assert {name: m["params"] for name, m in rows.items()} == {
        "a.xml": {"form": "unsafe_xml"}, "b.csv": {"form": "bad_csv"}, "c.xml": {"form": "other"}}
    assert {name: m["note"] for name, m in rows.items()} == notes  # the sentence kept as it was
    assert [vocabulary.receipt_problem(m["params"], "zh") for m in rows.values()] == [None] * 3
    assert {name: vocabulary.name("receipt_problem", vocabulary.problem_kind(m["params"]), "zh")
            for name, m in rows.items()} == {"a.xml": "不安全的 XML", "b.csv": "CSV 格式错误", "c.xml": "内容无法识别"}
