"""Reading input tables: encodings Excel writes in China, XLSX, header checks, line numbers, cell checks."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import FileRejected, RowError
from app.formats.tabular import Row, RowParser, cell_text, duplicates, read_table

COLUMNS = ("sku", "name_cn", "qty")
TEXT = "sku,name_cn,qty\nA-1,奶粉 900克,3\n\n  B-2 , 面霜 ,4\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rejected(path: Path, columns=COLUMNS, optional=()) -> list[RowError]:
    with pytest.raises(FileRejected) as info:
        read_table(path, columns, optional)
    return info.value.errors


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_the_encodings_excel_writes(tmp_path, encoding):
    table = read_table(write(tmp_path, "t.csv", TEXT.encode(encoding)), COLUMNS)
    assert table.rows == [Row(2, {"sku": "A-1", "name_cn": "奶粉 900克", "qty": "3"}),
                          Row(4, {"sku": "B-2", "name_cn": "面霜", "qty": "4"})]  # blank line 3 skipped, stripped
    assert table.file.endswith("t.csv") and len(table.sha256) == 64


def test_broken_encoding_names_the_line_of_the_first_bad_byte(tmp_path):
    data = "sku,name_cn,qty\nA-1,奶粉,3\n".encode() + b"B-2,\xff\xfe,4\n"
    [error] = rejected(write(tmp_path, "bad.csv", data))
    assert error.line == 3 and "0xFF" in error.message and "UTF-8 or GB18030" in error.message
    assert error.file.endswith("bad.csv")


def test_header_problems_name_each_column_on_line_1(tmp_path):
    errors = rejected(write(tmp_path, "h.csv", b"sku,colour,sku\nA,red,A\n"))
    assert [(e.line, e.column) for e in errors] == [(1, "colour"), (1, "sku"), (1, "name_cn"), (1, "qty")]
    assert "unknown column 'colour'" in errors[0].message and "appears twice" in errors[1].message
    assert "missing column 'name_cn'" in errors[2].message


def test_optional_columns_may_be_absent_and_read_as_empty(tmp_path):
    table = read_table(write(tmp_path, "o.csv", b"qty,sku\n1,A\n"), COLUMNS, optional={"name_cn"})
    assert table.rows == [Row(2, {"qty": "1", "sku": "A"})]
    assert RowParser(table.file, table.rows[0], []).text("name_cn", 10, required=False) is None


def test_rows_with_the_wrong_number_of_cells_are_all_reported(tmp_path):
    data = b"sku,name_cn,qty\nA,x,1\nB,x\nC,x,1,2,3\nD,x,1,,\n"
    errors = rejected(write(tmp_path, "n.csv", data))
    assert [e.line for e in errors] == [3, 4]  # trailing empty cells (line 5) are what Excel writes
    assert "2 cells, the header has 3" in errors[0].message


def test_quoted_cells_over_several_lines_keep_the_starting_line(tmp_path):
    data = b'sku,name_cn,qty\nA,"two\nlines",1\nB,y,2\n'
    table = read_table(write(tmp_path, "q.csv", data), COLUMNS)
    assert [(r.line, r.values["name_cn"]) for r in table.rows] == [(2, "two\nlines"), (4, "y")]


def test_a_missing_file_is_a_file_error(tmp_path):
    [error] = rejected(tmp_path / "nope.csv")
    assert error.file.endswith("nope.csv") and "cannot read" in error.message


def test_xlsx_first_sheet_with_sheet_row_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["sku", "name_cn", "qty", None])
    sheet.append(["A-1", "奶粉", 3])
    sheet.append([])
    sheet.append([" B-2 ", datetime(2027, 3, 1), 0.24])
    book.create_sheet("other").append(["ignored"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    table = read_table(path, COLUMNS)
    assert table.rows == [Row(2, {"sku": "A-1", "name_cn": "奶粉", "qty": "3"}),
                          Row(4, {"sku": "B-2", "name_cn": "2027-03-01", "qty": "0.24"})]


def test_a_broken_workbook_is_a_file_error(tmp_path):
    [error] = rejected(write(tmp_path, "broken.xlsx", b"PK\x03\x04 not really a zip"))
    assert "not a readable XLSX workbook" in error.message


def test_cell_text_renders_spreadsheet_values_as_csv_text():
    assert [cell_text(v) for v in (None, 238.0, 0.1, 7, date(2026, 1, 2), datetime(2026, 1, 2, 8, 30))] == [
        "", "238", "0.1", "7", "2026-01-02", "2026-01-02T08:30:00"]


def parse(**cells: str) -> tuple[RowParser, list[RowError]]:
    errors: list[RowError] = []
    return RowParser("f.csv", Row(7, cells), errors), errors


def test_row_parser_reads_good_cells():
    p, errors = parse(price="238.00", rate="0.130000", days="730", day="2026/3/9", code="ok")
    assert p.decimal("price", 2) == Decimal("238.00")
    assert p.decimal("rate", 6, maximum=Decimal(1)) == Decimal("0.13")
    assert p.integer("days") == 730
    assert p.date("day") == date(2026, 3, 9)
    assert p.code("code", lambda v: None) == "ok"
    assert p.text("missing", 5, required=False) is None
    assert p.ok and errors == []


@pytest.mark.parametrize(("getter", "value", "reason"), [
    (lambda p: p.decimal("c", 2), "abc", "not a number"),
    (lambda p: p.decimal("c", 2), "1,234.00", "not a number"),
    (lambda p: p.decimal("c", 2), "NaN", "not a number"),
    (lambda p: p.decimal("c", 2), "1.005", "more than 2 decimal places"),
    (lambda p: p.decimal("c", 2), "-1", "below 0"),
    (lambda p: p.decimal("c", 2), "1" * 14, "too large"),
    (lambda p: p.decimal("c", 6, maximum=Decimal(1)), "1.3", "above 1"),
    (lambda p: p.decimal("c", 3, above=Decimal(0)), "0", "greater than 0"),
    (lambda p: p.integer("c"), "1.5", "not a whole number"),
    (lambda p: p.integer("c"), "-1", "below 0"),
    (lambda p: p.integer("c"), "9" * 12, "too large"),
    (lambda p: p.date("c"), "2026-02-30", "not a date"),
    (lambda p: p.date("c"), "next week", "not a date"),
    (lambda p: p.text("c", 3), "four", "longer than 3"),
    (lambda p: p.text("c", 3), "", "required"),
    (lambda p: p.code("c", lambda v: f"bad code {v}"), "X", "bad code X"),
])
def test_row_parser_names_line_column_and_reason(getter, value, reason):
    p, errors = parse(c=value)
    assert getter(p) is None and not p.ok
    [error] = errors
    assert (error.file, error.line, error.column) == ("f.csv", 7, "c") and reason in error.message


def test_duplicates_name_both_lines():
    rows = [Row(2, {"gtin": "09300000010377"}), Row(3, {"gtin": ""}), Row(5, {"gtin": "9300000010377"})]
    [error] = duplicates("f.csv", rows, "gtin", "GTIN", key=lambda v: v.zfill(14))
    assert error.line == 5 and "lines 2 and 5" in error.message


CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(CELL, CELL, CELL).filter(any), min_size=1, max_size=5),
       encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_any_text_written_by_a_csv_writer_reads_back(tmp_path_factory, rows, encoding):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("prop") / "p.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    table = read_table(path, COLUMNS)
    assert [tuple(r.values[c] for c in COLUMNS) for r in table.rows] == rows
