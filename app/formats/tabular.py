"""Input tables (CSV in UTF-8 or GB18030, XLSX) read into rows that remember their line, and cell checks."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.errors import FileRejected, RowError

ENCODINGS = ("utf-8-sig", "gb18030")  # what Excel writes: "CSV UTF-8" (with BOM) and plain "CSV" in China
_XLSX_MAGIC = b"PK\x03\x04"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_DIGITS = 12  # whole digits a quantity, price or weight may have (the columns are scaled 64-bit integers)


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file (the sheet row number for XLSX) and its stripped cells by column."""

    line: int
    values: dict[str, str]


@dataclass
class Table:
    """The rows of one input file, with the file's name (for messages) and SHA-256 (for the audit log)."""

    file: str
    rows: list[Row]
    sha256: str


def read_table(path: Path | str, columns: Iterable[str], optional: Iterable[str] = ()) -> Table:
    """Read a CSV or XLSX file whose first row names `columns` (any order; `optional` ones may be absent).

    Raises FileRejected naming the file and line: unreadable file, wrong encoding, unknown, missing or
    repeated columns, a row with more or fewer cells than the header. Blank lines are skipped.
    """
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(errors=[RowError(name, 0, "", f"cannot read the file: {exc.strerror or exc}")]) from exc
    raw = _xlsx_lines(name, data) if data.startswith(_XLSX_MAGIC) else _csv_lines(name, data)
    header_line, header = next(raw, (1, []))
    while header and not header[-1]:  # spreadsheets often carry empty columns to the right
        header.pop()
    index = _check_header(name, header_line, header, list(columns), set(optional))
    rows: list[Row] = []
    errors: list[RowError] = []
    for line, cells in raw:
        if not any(cells):
            continue
        if len(cells) < len(header) or any(cells[len(header):]):
            errors.append(RowError(name, line, "", f"the row has {len(cells)} cells, the header has "
                                   f"{len(header)} (a comma inside a value needs quotes)"))
            continue
        rows.append(Row(line, {col: cells[i] if i < len(cells) else "" for col, i in index.items()}))
    if errors:
        raise FileRejected(errors=errors)
    return Table(name, rows, hashlib.sha256(data).hexdigest())


def _check_header(name: str, line: int, header: list[str], columns: list[str],
                  optional: set[str]) -> dict[str, int]:
    """Column name → cell index; every unknown, missing or repeated column is a RowError."""
    errors: list[RowError] = []
    index: dict[str, int] = {}
    for i, col in enumerate(header):
        if col in index:
            errors.append(RowError(name, line, col, f"column {col!r} appears twice in the header"))
        elif col not in columns:
            what = f"unknown column {col!r}" if col else f"column {i + 1} has no name"
            errors.append(RowError(name, line, col or f"#{i + 1}", f"{what}: the columns are " + ",".join(columns)))
        else:
            index[col] = i
    for col in columns:
        if col not in index and col not in optional:
            errors.append(RowError(name, line, col, f"missing column {col!r}"))
    if errors:
        raise FileRejected(errors=errors)
    return index


def decode_text(name: str, data: bytes, encodings: Iterable[str] = ENCODINGS) -> str:
    """Decode with the first encoding that fits; else a RowError at the line of the first bad byte."""
    furthest: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            furthest = exc if furthest is None or exc.start > furthest.start else furthest
    assert furthest is not None
    line = data.count(b"\n", 0, furthest.start) + 1
    tried = " or ".join(e.upper().replace("-SIG", "") for e in encodings)
    raise FileRejected(errors=[RowError(name, line, "", f"not {tried} text: bad byte "
                                        f"0x{data[furthest.start]:02X} (save the file as UTF-8)")])


def _csv_lines(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, stripped cells) for each CSV record."""
    text = decode_text(name, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            yield start, [c.strip() for c in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileRejected(errors=[RowError(name, reader.line_num or start, "", f"not valid CSV: {exc}")]) from exc


def _xlsx_lines(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(sheet row number, cells as text) for each row of the workbook's first sheet."""
    import openpyxl  # only when a workbook is imported

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRejected(errors=[RowError(name, 0, "", f"not a readable XLSX workbook: {exc}")]) from exc
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(v) for v in values]
    finally:
        book.close()


def cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold (whole numbers without '.0', dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


@dataclass
class RowParser:
    """Reads typed values out of one row; every bad cell adds a RowError (file, line, column, why).

    Each getter returns None when the cell is bad (or blank and not required), so a caller collects all
    problems of a file before deciding: `p = RowParser(table.file, row, errors)`; `if p.ok: …`.
    """

    file: str
    row: Row
    errors: list[RowError]
    _start: int = field(init=False)

    def __post_init__(self) -> None:
        self._start = len(self.errors)

    @property
    def ok(self) -> bool:
        return len(self.errors) == self._start

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.file, self.row.line, column, message))

    def _cell(self, column: str, required: bool) -> str | None:
        value = self.row.values.get(column, "")
        if not value:
            if required:
                self.error(column, "required, but empty")
            return None
        return value

    def text(self, column: str, max_length: int, *, required: bool = True) -> str | None:
        value = self._cell(column, required)
        if value is not None and len(value) > max_length:
            self.error(column, f"longer than {max_length} characters ({len(value)})")
            return None
        return value

    def code(self, column: str, problem: Callable[[str], str | None], *, required: bool = True) -> str | None:
        """A code checked by `problem` (e.g. app.domain.codes.gtin_problem), which says why it is bad."""
        value = self._cell(column, required)
        if value is not None and (why := problem(value)):
            self.error(column, why)
            return None
        return value

    def decimal(self, column: str, places: int, *, minimum: Decimal | None = Decimal(0),
                maximum: Decimal | None = None, above: Decimal | None = None,
                required: bool = True) -> Decimal | None:
        """A plain decimal number ("12.50"), with at most `places` decimals, within the bounds given."""
        value = self._cell(column, required)
        if value is None:
            return None
        if not _NUMBER.fullmatch(value):
            self.error(column, f"not a number: {value!r}")
            return None
        number = Decimal(value)
        if number.adjusted() >= _DIGITS:
            self.error(column, f"{value} is too large")
        elif -int(number.as_tuple().exponent) > places and number != number.quantize(Decimal(1).scaleb(-places)):
            self.error(column, f"{value} has more than {places} decimal places")
        elif minimum is not None and number < minimum:
            self.error(column, f"{value} is below {minimum}")
        elif maximum is not None and number > maximum:
            self.error(column, f"{value} is above {maximum}")
        elif above is not None and number <= above:
            self.error(column, f"{value} must be greater than {above}")
        else:
            return number
        return None

    def integer(self, column: str, *, minimum: int | None = 0, maximum: int = 2**31 - 1,
                required: bool = True) -> int | None:
        value = self._cell(column, required)
        if value is None:
            return None
        if not _INTEGER.fullmatch(value):
            self.error(column, f"not a whole number: {value!r}")
            return None
        number = int(value)
        if minimum is not None and number < minimum:
            self.error(column, f"{number} is below {minimum}")
        elif number > maximum:
            self.error(column, f"{number} is too large")
        else:
            return number
        return None

    def date(self, column: str, *, required: bool = True) -> date | None:
        """A calendar date written YYYY-MM-DD (or YYYY/MM/DD, as Excel in China shows it)."""
        value = self._cell(column, required)
        if value is None:
            return None
        match = _DATE.fullmatch(value)
        try:
            if match is None:
                raise ValueError
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            self.error(column, f"not a date (YYYY-MM-DD): {value!r}")
            return None


def duplicates(file: str, rows: Iterable[Row], column: str, what: str,
               key: Callable[[str], str] = lambda v: v) -> list[RowError]:
    """A RowError for each repeat of the same (non-empty) value in `column`, naming both lines."""
    first: dict[str, int] = {}
    errors = []
    for row in rows:
        value = row.values.get(column, "")
        if not value:
            continue
        seen = first.setdefault(key(value), row.line)
        if seen != row.line:
            errors.append(RowError(file, row.line, column, f"{what} {value} appears on lines {seen} and "
                                   f"{row.line}"))
    return errors


def rejected(errors: list[RowError]) -> FileRejected:
    """One FileRejected listing `errors` in file order (line, then as found)."""
    return FileRejected(errors=sorted(errors, key=lambda e: e.line))

