"""The wave pick list (D4), A4: grouped by location in the walk order — one shaded stop row per location (its
number on the walk, the code, lines and units), then what to take there — drawn page by page in fixed rows.

A wave can run to a thousand pages, so the table is not a reportlab platypus table: every page is one
chunk of rows drawn straight onto the canvas (ASCII columns in Helvetica, names in the embedded CJK font,
squeezed to their column), which keeps a 1,000-page list well under the 15 s the pickers' office allows.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode import code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from app.domain import vocabulary
from printing.fonts import register_pdf_font

MARGIN = 12 * mm
ROW = 6.2 * mm
HEAD = 44 * mm      # the page header above the table
FOOT = 10 * mm
# (title, width mm, key, right-aligned)
COLUMNS = (("#", 9, "seq", True), ("商品 SKU", 24, "sku", False), ("品名 Name", 58, "name", False),
           ("批次 Batch", 20, "batch", False), ("到期 Expiry", 18, "expiry", False),
           ("件 Qty", 11, "qty", True), ("订单 Order", 38, "order_no", False), ("✓", 8, "", False))
GRID = colors.HexColor("#999999")
SHADE = colors.HexColor("#e6e6e6")
STOP = colors.HexColor("#d4e4f4")


def rows_per_page() -> int:
    return int((A4[1] - 2 * MARGIN - HEAD - FOOT) // ROW) - 1  # one row for the column titles


def stops(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The walk: one stop per location, in the order the lines come (the locations' walk order)."""
    out: list[dict[str, Any]] = []
    for line in lines:
        if not out or out[-1]["location"] != line["location"]:
            out.append({"stop": len(out) + 1, "location": line["location"], "lines": [], "units": 0})
        out[-1]["lines"].append(line)
        out[-1]["units"] += line["qty"]
    return out


def page_rows(lines: list[dict[str, Any]], per: int) -> list[list[tuple[str, dict[str, Any]]]]:
    """The rows of each page: a stop row before each location's lines (repeated, "continued", at the top of a
    page that starts inside a stop); a line row numbered through the list."""
    pages: list[list[tuple[str, dict[str, Any]]]] = [[]]
    seq = 0
    for stop in stops(lines):
        if len(pages[-1]) >= per - 1:  # a stop row never ends a page
            pages.append([])
        pages[-1].append(("stop", stop))
        for line in stop["lines"]:
            if len(pages[-1]) >= per:
                pages.append([("stop", {**stop, "continued": True})])
            seq += 1
            pages[-1].append(("line", {**line, "seq": seq}))
    return pages


def pick_list_pdf(d: dict[str, Any]) -> bytes:
    """The pick list of one wave (data from app.outbound.waves.pick_list)."""
    font = register_pdf_font()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    c.setTitle(f"Pick list {d['wave']}")
    c.setAuthor("Bonded WMS")
    chunks = page_rows(d["lines"], rows_per_page() - 1)  # room for the total under the last page's rows
    d = {**d, "stops": len(stops(d["lines"]))}
    for page, chunk in enumerate(chunks):
        _header(c, d, font, page + 1, len(chunks))
        _table(c, chunk, font, last=page == len(chunks) - 1, total=d["units"])
        c.showPage()
    c.save()
    return out.getvalue()


def _header(c: Canvas, d: dict[str, Any], font: str, page: int, pages: int) -> None:
    width, height = A4
    top = height - MARGIN
    c.setFont(font, 14)
    c.drawString(MARGIN, top - 6 * mm, "拣货单 Pick list")
    c.setFont(font, 9)
    c.drawString(MARGIN, top - 12 * mm, d["warehouse"])
    bc = code128.Code128(d["wave"], barHeight=11 * mm, barWidth=0.33 * mm, humanReadable=True, quiet=False)
    bc.drawOn(c, width - MARGIN - bc.width, top - 16 * mm)
    facts = [("波次 Wave", d["wave"]), ("承运商 Carrier", d["carrier"]),
             ("类型 Type", vocabulary.both("wave_kind", d["kind"])),
             ("订单 Orders", str(d["orders"])), ("件数 Units", str(d["units"])), ("生成 Created", d["created"]),
             ("打印 Printed", d["printed"]),
             ("库位停靠 Stops", str(d["stops"]))]
    for i, (label, value) in enumerate(facts):
        x = MARGIN + (i % 4) * (width - 2 * MARGIN) / 4
        y = top - (27 if i < 4 else 35) * mm
        c.setFont(font, 6.5)
        c.drawString(x, y + 3.2 * mm, label)
        c.setFont(font, 9)
        c.drawString(x, y, value)
    c.setFont(font, 7.5)
    c.drawString(MARGIN, MARGIN, f"wave {d['wave']}  carrier {d['carrier']}      拣货员 Picker ________________")
    c.drawRightString(width - MARGIN, MARGIN, f"第 {page} 页 / 共 {pages} 页   page {page} of {pages}")


@lru_cache(maxsize=65536)
def _fit(text: str, font: str, size: float, room: float) -> str:
    """`text` cut to fit `room` points (an ellipsis marks the cut); names repeat, so each is measured once."""
    if stringWidth(text, font, size) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…"


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def _table(c: Canvas, chunk: list[tuple[str, dict[str, Any]]], font: str, *, last: bool, total: int) -> None:
    x0 = MARGIN
    top = A4[1] - MARGIN - HEAD
    widths = [w * mm for _, w, _, _ in COLUMNS]
    full = sum(widths)
    rows = len(chunk) + 1 + (1 if last else 0)
    c.setFillColor(SHADE)
    c.rect(x0, top - ROW, full, ROW, stroke=0, fill=1)
    c.setFillColor(STOP)
    for i, (kind, _) in enumerate(chunk):
        if kind == "stop":
            c.rect(x0, top - (i + 2) * ROW, full, ROW, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setStrokeColor(GRID)
    c.setLineWidth(0.4)
    bottom = top - rows * ROW
    path = c.beginPath()
    for r in range(rows + 1):
        path.moveTo(x0, top - r * ROW)
        path.lineTo(x0 + full, top - r * ROW)
    spans = [i + 1 for i, (kind, _) in enumerate(chunk) if kind == "stop"]  # table rows spanning every column
    runs, first = [], 0
    for r in spans + [rows]:
        if r > first:
            runs.append((top - first * ROW, top - r * ROW))
        first = r + 1
    for x in (x0, x0 + full):
        path.moveTo(x, top)
        path.lineTo(x, bottom)
    x = x0
    for w in widths[:-1]:  # the column rules, broken by the stop rows
        x += w
        for y_top, y_bottom in runs:
            path.moveTo(x, y_top)
            path.lineTo(x, y_bottom)
    c.drawPath(path, stroke=1, fill=0)
    text = c.beginText()
    _cells(text, [(title, True) for title, _, _, _ in COLUMNS], widths, top - ROW, font, head=True)
    for i, (kind, row) in enumerate(chunk):
        y = top - (i + 2) * ROW
        if kind == "stop":
            more = "  （续 continued）" if row.get("continued") else ""
            text.setFont(font, 8.5)
            text.setTextOrigin(x0 + 1.5 * mm, y + 1.8 * mm)
            text.textOut(f"停靠 Stop {row['stop']}   库位 Location {row['location']}   "
                         f"{len(row['lines'])} 行 lines · {row['units']} 件 units{more}")
        else:
            _cells(text, [(str(row.get(key, "")), right) for _, _, key, right in COLUMNS], widths, y, font)
    if last:
        _cells(text, [("", True), ("合计 Total", False), ("", False), ("", False), ("", False), (str(total), True),
                      ("", False), ("", False)], widths, top - rows * ROW, font)
    c.drawText(text)


def _cells(t: PDFTextObject, cells: list[tuple[str, bool]], widths: list[float], y: float, font: str, *,
           head: bool = False) -> None:
    """Each cell's text into the page's one text object (fonts switch only when they change)."""
    x = MARGIN
    for (value, right), w in zip(cells, widths):
        if value:
            face, size = ("Helvetica", 8) if value.isascii() and not head else (font, 6.5 if head else 7.5)
            value = _fit(value, face, size, w - 3 * mm)
            if (t._fontname, t._fontsize) != (face, size):
                t.setFont(face, size)
            left = x + w - 1.5 * mm - _width(value, face, size) if right and not head else x + 1.5 * mm
            t.setTextOrigin(left, y + 2 * mm)
            t.textOut(value)
        x += w
