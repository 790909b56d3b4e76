"""Input tables (CSV in UTF-8 or GB18030, XLSX) read into rows that remember their line, and cell checks."""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.errors import FileRejected, RowError
from app.formats.text import text_problem

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


MAX_FILE_BYTES = 64 * 2**20   # an input table larger than this is refused before it is read
MAX_RECORDS = 200_000         # records (rows, blank ones too) in one table
MAX_CELL = 2_000              # characters in one cell (the longest column takes 500)
MAX_PART_BYTES = 256 * 2**20  # inflated size of one part of an XLSX workbook
MAX_SHARED_STRINGS = 64 * 2**20  # inflated size of the workbook's shared strings (read whole by openpyxl)
MAX_RATIO = 100               # inflated ÷ compressed size of a large part: beyond it, a zip bomb
_CHUNK = 2**20


def read_table(path: Path | str, columns: Iterable[str], optional: Iterable[str] = ()) -> Table:
    """Read a CSV or XLSX file whose first row names `columns` (any order; `optional` ones may be absent).

    Raises FileRejected naming the file and line: unreadable file, wrong encoding, unknown, missing or
    repeated columns, a row with more or fewer cells than the header, or a limit passed (file size, rows,
    cell length, an XLSX part's inflated size). Blank lines are skipped.
    """
    source = TableSource(path, columns, optional)
    rows = list(source.rows())
    return Table(source.name, rows, source.sha256)


class TableSource:
    """A table file read as a stream, as often as needed (each `rows()` reads the file again).

    Opening checks the size, the encoding (CSV) or the workbook's parts (XLSX) and the header; `rows()`
    yields the data rows and raises FileRejected, after the last row, listing every bad row.
    """

    def __init__(self, path: Path | str, columns: Iterable[str], optional: Iterable[str] = ()) -> None:
        self.path = Path(path)
        self.name = name = str(path)
        try:
            size = self.path.stat().st_size
            with open(self.path, "rb") as fh:
                magic = fh.read(4)
        except OSError as exc:
            raise _one(name, 0, "", f"cannot read the file: {exc.strerror or exc}") from exc
        if size > MAX_FILE_BYTES:
            raise _one(name, 0, "", f"the file is {size / 2**20:.1f} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
                                    "an import reads (split it)")
        self.xlsx = magic == _XLSX_MAGIC
        self.encoding = "" if self.xlsx else _csv_encoding(name, self.path)
        if self.xlsx:
            _check_workbook(name, self.path)
        records = self._records()
        self.header_line, header = next(records, (1, []))
        while header and not header[-1]:  # spreadsheets often carry empty columns to the right
            header.pop()
        self.header = header
        self.index = _check_header(name, self.header_line, header, list(columns), set(optional))
        self.sha256 = ""  # the file's SHA-256 (for the audit log), as the last `rows()` read it

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        if self.xlsx:
            return _xlsx_lines(self.name, self.path)
        return _csv_lines(self.name, self.path, self.encoding)

    def rows(self) -> Iterator[Row]:
        name, header, index = self.name, self.header, self.index
        self.sha256 = _file_digest(self.path)
        errors: list[RowError] = []
        records = self._records()
        next(records, None)
        count = 0
        for line, cells in records:
            count += 1
            if count > MAX_RECORDS:
                raise _one(name, line, "", f"more than {MAX_RECORDS} rows: split the file")
            if not any(cells):
                continue
            if len(cells) < len(header) or any(cells[len(header):]):
                errors.append(RowError(name, line, "", f"the row has {len(cells)} cells, the header has "
                                       f"{len(header)} (a comma inside a value needs quotes)"))
                continue
            long = [i for i in index.values() if len(cells[i]) > MAX_CELL]
            if long:
                errors += [RowError(name, line, header[i], f"the cell holds more than {MAX_CELL} characters")
                           for i in long]
                continue
            yield Row(line, {col: cells[i] if i < len(cells) else "" for col, i in index.items()})
        if errors:
            raise FileRejected(errors=errors)


def _one(name: str, line: int, column: str, message: str) -> FileRejected:
    return FileRejected(errors=[RowError(name, line, column, message)])


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_header(name: str, line: int, header: list[str], columns: list[str],
                  optional: set[str]) -> dict[str, int]:
    """Column name → cell index; every unknown, missing or repeated column is a RowError."""
    errors: list[RowError] = []
    index: dict[str, int] = {}
    for i, col in enumerate(header):
        if len(col) > MAX_CELL:
            errors.append(RowError(name, line, f"#{i + 1}", f"column {i + 1}'s name is {len(col)} characters long"))
        elif col in index:
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
    text = decoded(data, encodings)
    if isinstance(text, tuple):
        raise _bad_encoding(name, *text, encodings)
    return text


def decoded(data: bytes, encodings: Iterable[str] = ENCODINGS) -> str | tuple[int, int]:
    """The text in the first encoding that fits; else (line, byte) of the first bad byte (the furthest any of the
    encodings read)."""
    furthest: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            furthest = exc if furthest is None or exc.start > furthest.start else furthest
    assert furthest is not None
    return furthest.object.count(b"\n", 0, furthest.start) + 1, data[furthest.start]


def _bad_encoding(name: str, line: int, byte: int, encodings: Iterable[str]) -> FileRejected:
    tried = " or ".join(e.upper().replace("-SIG", "") for e in encodings)
    return _one(name, line, "", f"not {tried} text: bad byte 0x{byte:02X} (save the file as UTF-8)")


def _csv_encoding(name: str, path: Path) -> str:
    """The first of ENCODINGS the whole file decodes in (read in chunks); else the line of the first bad byte."""
    furthest: tuple[int, int] | None = None  # (line, bad byte) of the furthest failure
    for encoding in ENCODINGS:
        failed = _decode_failure(path, encoding)
        if failed is None:
            return encoding
        furthest = failed if furthest is None or failed[0] > furthest[0] else furthest
    assert furthest is not None
    raise _bad_encoding(name, furthest[0], furthest[1], ENCODINGS)


def _decode_failure(path: Path, encoding: str) -> tuple[int, int] | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 1
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                at = max(exc.start - len(exc.object) + len(chunk), 0)  # the decoder may hold bytes of the last chunk
                return lines + chunk.count(b"\n", 0, at), chunk[at] if at < len(chunk) else exc.object[exc.start]
            if not chunk:
                return None
            lines += chunk.count(b"\n")


def _csv_lines(name: str, path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, stripped cells) for each CSV record, read as a stream."""
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        start = 1
        try:
            for cells in reader:
                yield start, [c.strip() for c in cells]
                start = reader.line_num + 1
        except csv.Error as exc:
            raise _one(name, reader.line_num or start, "", f"not valid CSV: {exc}") from exc


def _check_workbook(name: str, path: Path) -> None:
    """Refuse a workbook whose parts inflate beyond the limits (a zip bomb) before anything inflates them."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _one(name, 0, "", f"not a readable XLSX workbook: {exc}") from exc
    total = 0
    for part in parts:
        limit = MAX_SHARED_STRINGS if part.filename.endswith("sharedStrings.xml") else MAX_PART_BYTES
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > limit or (part.file_size > 16 * 2**20 and ratio > MAX_RATIO):
            raise _one(name, 0, "", f"refused: the workbook's part {part.filename} inflates to "
                                    f"{part.file_size / 2**20:.0f} MB from {part.compress_size / 2**20:.2f} MB "
                                    f"(at most {limit // 2**20} MB, {MAX_RATIO}× — a zip bomb?)")
        total += part.file_size
    if total > MAX_PART_BYTES * 2:
        raise _one(name, 0, "", f"refused: the workbook inflates to {total / 2**20:.0f} MB "
                                f"(at most {MAX_PART_BYTES * 2 // 2**20} MB)")


def _xlsx_lines(name: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(sheet row number, cells as text) for each row of the workbook's first sheet, read as a stream."""
    import openpyxl  # only when a workbook is imported

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook makes openpyxl raise anything: one error line
        raise _one(name, 0, "", f"not a readable XLSX workbook: {_reason(exc)}") from exc
    try:
        sheet = book.worksheets[0]
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        number = 0
        while True:
            try:
                number, values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # corrupt sheet XML, bad CRC, bad cell: one line
                raise _one(name, number + 1, "", f"not a readable XLSX workbook: {_reason(exc)}") from exc
            yield number, [cell_text(v)[:MAX_CELL + 1] for v in values]  # a longer cell is refused in rows()
    finally:
        book.close()


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


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
        if value is not None and (why := text_problem(value)):
            self.error(column, why)
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

