"""Hostile input tables: each refused with one clear line naming the file (and line, column), read as a stream.

The files are generated into tmp_path (tests/formats/hostile.py): a zip bomb, a sheet of a million empty
rows, corrupt sheet XML, a bad CRC, an 80 MB CSV, a 100 MB JSON line, control and bidi characters.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.errors import FileRejected, RowError
from app.formats import tabular
from app.formats.tabular import MAX_CELL, MAX_FILE_BYTES, MAX_RECORDS, RowParser, TableSource, read_table
from app.formats.text import printable, text_problem
from tests.formats.hostile import SHEET_HEAD, SHEET_TAIL, one_cell_bomb, row, workbook

COLUMNS = ("sku", "name_cn", "qty")


def refused(path: Path, columns=COLUMNS) -> RowError:
    """The one error a hostile file gives."""
    with pytest.raises(FileRejected) as info:
        read_table(path, columns)
    [error] = info.value.errors
    assert error.file == str(path) and "\n" not in error.message
    return error


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 1 MB on disk; its one cell inflates to 1 GB."""
    return one_cell_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", "sku", 2**30)


def test_a_zip_bomb_is_refused_before_anything_inflates(bomb):
    assert bomb.stat().st_size < 2 * 2**20
    error = refused(bomb)
    assert "xl/worksheets/sheet1.xml inflates to 1024 MB" in error.message and "zip bomb" in error.message


def test_a_smaller_bomb_is_refused_by_its_ratio(tmp_path):
    error = refused(one_cell_bomb(tmp_path / "b.xlsx", "sku", 32 * 2**20))
    assert "inflates to 32 MB" in error.message


def test_a_sheet_of_30_million_rows_stops_at_the_row_limit(tmp_path):
    # the reader fills the 30 million rows before the last one as blank rows; the limit counts them too
    sheet = SHEET_HEAD + row(1, *COLUMNS) + row(30_000_000, "A", "x", "1") + SHEET_TAIL
    error = refused(workbook(tmp_path / "rows.xlsx", sheet.encode()))
    assert error.line == MAX_RECORDS + 2 and f"more than {MAX_RECORDS} rows" in error.message


def test_corrupt_sheet_xml_is_one_line(tmp_path):
    sheet = (SHEET_HEAD + row(1, *COLUMNS) + row(2, "A", "x", "1") + '<row r="3"><c><v>1</v></row>').encode()
    error = refused(workbook(tmp_path / "corrupt.xlsx", sheet))
    assert error.message.startswith("not a readable XLSX workbook: ParseError: mismatched tag")


def test_a_bad_crc_is_one_line(tmp_path):
    path = workbook(tmp_path / "crc.xlsx", (SHEET_HEAD + row(1, *COLUMNS) + row(2, "A", "x", "1") + SHEET_TAIL)
                    .encode(), stored=True)
    data = bytearray(path.read_bytes())
    at = data.index(b"<t>A</t>")
    data[at + 3] = ord("B")  # same length, so only the CRC disagrees
    path.write_bytes(bytes(data))
    error = refused(path)
    assert "Bad CRC-32" in error.message and "sheet1.xml" in error.message


def test_not_a_zip_at_all_is_one_line(tmp_path):
    path = tmp_path / "trunc.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert refused(path).message.startswith("not a readable XLSX workbook")


def test_an_80_mb_csv_is_refused_by_its_size_without_reading_it(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        fh.write(b"sku,name_cn,qty\n")
        fh.truncate(80 * 2**20)
    error = refused(path)
    assert error.line == 0 and f"more than the {MAX_FILE_BYTES // 2**20} MB" in error.message


def test_a_long_cell_names_its_line_and_column_and_is_not_kept(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("sku,name_cn,qty\nA,ok,1\nB," + "x" * (MAX_CELL + 1) + ",2\n", encoding="utf-8")
    error = refused(path)
    assert (error.line, error.column) == (3, "name_cn") and f"more than {MAX_CELL}" in error.message


def test_a_huge_csv_field_is_one_line(tmp_path):
    path = tmp_path / "field.csv"
    path.write_text('sku,name_cn,qty\nA,"' + "x" * 300_000 + '",1\n', encoding="utf-8")
    error = refused(path)
    assert error.line == 2 and "field larger than field limit" in error.message


def test_a_bad_byte_deep_in_a_big_file_names_its_line(tmp_path):
    path = tmp_path / "enc.csv"
    body = b"".join(b"A%d,name,1\n" % i for i in range(200_000))
    path.write_bytes(b"sku,name_cn,qty\n" + body + b"B,\xff\xfe,2\n")
    error = refused(path)
    assert error.line == 200_002 and "0xFF" in error.message


def test_a_stream_is_read_again_the_same(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("sku,name_cn,qty\nA,x,1\nB,y,2\n", encoding="gb18030")
    source = TableSource(path, COLUMNS)
    assert list(source.rows()) == list(source.rows()) and len(source.sha256) == 64


@pytest.mark.parametrize(("value", "why"), [
    ("奶粉\u202egnp.exe", "a bidirectional override (U+202E) at character 3"),
    ("seal\x00no", "a control character (U+0000) at character 5"),
    ("a\x07b", "a control character (U+0007)"),
    ("x\u200by", "an invisible character (U+200B)"),
    ('=HYPERLINK("http://evil")', "starts with '='"),
    ("=cmd|' /C calc'!A0", "starts with '='"),
])
def test_text_cells_refuse_control_bidi_and_formula_text(tmp_path, value, why):
    path = tmp_path / "t.csv"
    path.write_text(f"sku,name_cn,qty\nA,{value},1\n", encoding="utf-8")
    table = read_table(path, COLUMNS)
    errors: list[RowError] = []
    assert RowParser(table.file, table.rows[0], errors).text("name_cn", 100) is None
    [error] = errors
    assert (error.line, error.column) == (2, "name_cn") and why in error.message


def test_plain_chinese_and_punctuation_are_fine():
    assert text_problem("上海市浦东新区 张江路 88 号 (3-201)") is None
    assert printable("a\u202eb\ud800") == "a\\u202eb\\ud800"


def test_reading_hostile_files_keeps_memory_bounded(tmp_path, bomb):
    """One subprocess reads a 60 MB CSV, the bomb and a JSON Lines file with a 100 MB line; its peak RSS stays
    well under the 300 MB an import may use."""
    csv_path = tmp_path / "big.csv"
    with open(csv_path, "wb") as fh:
        fh.write(b"sku,name_cn,qty\n")
        line = b"A,name,1\n" * 10_000
        while fh.tell() < 60 * 2**20:
            fh.write(line)
    jsonl = tmp_path / "long.jsonl"
    with open(jsonl, "wb") as fh:
        fh.write(b'{"order_no": "' + b"9" * 2**20)
        for _ in range(100):
            fh.write(b"9" * 2**20)
        fh.write(b'"}\n' + json.dumps({"order_no": "NEXT"}).encode() + b"\n")
    script = f"""
import sys
from app.errors import FileRejected
from app.formats.tabular import read_table
from app.orders.importing import _jsonl_lines
for path in ({str(csv_path)!r}, {str(bomb)!r}):
    try:
        read_table(path, ("sku", "name_cn", "qty"))
        print("read", path)
    except FileRejected as exc:
        print("refused", exc.errors[0].message)
lines = [(n, raw is None) for n, raw in _jsonl_lines(__import__("pathlib").Path({str(jsonl)!r}))]
print(lines)
# VmHWM is this program's own peak; ru_maxrss would also count the parent's size (Linux keeps the highest
# RSS of the memory image replaced by exec, so a child of a large pytest process starts "at" its size)
print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == f"refused more than {MAX_RECORDS} rows: split the file"
    assert "zip bomb" in out[1] and out[2] == "[(1, True), (2, False)]"
    assert int(out[3]) < 300 * 1024, f"peak RSS {int(out[3]) // 1024} MB"


def test_limits_are_what_the_readme_says():
    assert (tabular.MAX_FILE_BYTES, tabular.MAX_RECORDS, tabular.MAX_CELL) == (64 * 2**20, 200_000, 2_000)
    assert zipfile.ZIP_DEFLATED  # the bomb is deflated, as Excel writes
