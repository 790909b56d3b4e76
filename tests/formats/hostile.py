"""Generators of hostile input files (written into a test's tmp_path; nothing big is committed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
              'spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def row(number: int, *cells: str) -> str:
    """One sheet row of inline strings."""
    return f'<row r="{number}">' + "".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in cells) + "</row>"


def workbook(path: Path, sheet_parts: list[bytes] | bytes, *, stored: bool = False, repeat: int = 1) -> Path:
    """A minimal XLSX whose first sheet is `sheet_parts` joined (the middle part written `repeat` times,
    streamed into the zip: a sheet of a gigabyte costs no memory to write)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    parts = [sheet_parts] if isinstance(sheet_parts, bytes) else sheet_parts
    with zipfile.ZipFile(path, "w", method) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for i, part in enumerate(parts):
                for _ in range(repeat if 0 < i < len(parts) - 1 else 1):
                    sheet.write(part)
    return path


def one_cell_bomb(path: Path, header: str, inflated: int) -> Path:
    """A header row, then one cell of `inflated` bytes of 'A' (1 GB deflates to about 1 MB)."""
    chunk = b"A" * 2**20
    return workbook(path, [(SHEET_HEAD + row(1, header) + '<row r="2"><c t="inlineStr"><is><t>').encode(), chunk,
                           b"</t></is></c></row>" + SHEET_TAIL.encode()], repeat=inflated // len(chunk))
