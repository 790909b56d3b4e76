"""The wave pick list (D4), A4: lines in the locations' walk order, drawn page by page in fixed rows.

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

from printing.fonts import register_pdf_font

MARGIN = 12 * mm
ROW = 6.2 * mm
HEAD = 44 * mm      # the page header above the table
FOOT = 10 * mm
# (title, width mm, key, right-aligned)
COLUMNS = (("#", 9, "seq", True), ("库位 Location", 20, "location", False), ("商品 SKU", 22, "sku", False),
           ("品名 Name", 42, "name", False), ("批次 Batch", 20, "batch", False), ("到期 Expiry", 18, "expiry", False),
           ("件 Qty", 11, "qty", True), ("订单 Order", 36, "order_no", False), ("✓", 8, "", False))
GRID = colors.HexColor("#999999")
SHADE = colors.HexColor("#e6e6e6")


def rows_per_page() -> int:
    return int((A4[1] - 2 * MARGIN - HEAD - FOOT) // ROW) - 1  # one row for the column titles


def pick_list_pdf(d: dict[str, Any]) -> bytes:
    """The pick list of one wave (data from app.outbound.waves.pick_list)."""
    font = register_pdf_font()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    c.setTitle(f"Pick list {d['wave']}")
    c.setAuthor("Bonded WMS")
    per = rows_per_page()
    lines = d["lines"]
    pages = max(1, -(-len(lines) // per))
    for page in range(pages):
        _header(c, d, font, page + 1, pages)
        chunk = lines[page * per:(page + 1) * per]
        _table(c, chunk, page * per, font, last=page == pages - 1, total=d["units"])
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
    facts = [("波次 Wave", d["wave"]), ("承运商 Carrier", d["carrier"]), ("类型 Type", d["kind"]),
             ("订单 Orders", str(d["orders"])), ("件数 Units", str(d["units"])), ("生成 Created", d["created"]),
             ("打印 Printed", d["printed"]), ("拣货员 Picker", "________________")]
    for i, (label, value) in enumerate(facts):
        x = MARGIN + (i % 4) * (width - 2 * MARGIN) / 4
        y = top - (27 if i < 4 else 35) * mm
        c.setFont(font, 6.5)
        c.drawString(x, y + 3.2 * mm, label)
        c.setFont(font, 9)
        c.drawString(x, y, value)
    c.setFont(font, 7.5)
    c.drawString(MARGIN, MARGIN, f"wave {d['wave']}  carrier {d['carrier']}")
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


def _table(c: Canvas, chunk: list[dict[str, Any]], start: int, font: str, *, last: bool, total: int) -> None:
    x0 = MARGIN
    top = A4[1] - MARGIN - HEAD
    widths = [w * mm for _, w, _, _ in COLUMNS]
    rows = len(chunk) + 1 + (1 if last else 0)
    c.setFillColor(SHADE)
    c.rect(x0, top - ROW, sum(widths), ROW, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setStrokeColor(GRID)
    c.setLineWidth(0.4)
    bottom = top - rows * ROW
    path = c.beginPath()
    for r in range(rows + 1):
        path.moveTo(x0, top - r * ROW)
        path.lineTo(x0 + sum(widths), top - r * ROW)
    x = x0
    for w in widths + [0]:
        path.moveTo(x, top)
        path.lineTo(x, bottom)
        x += w
    c.drawPath(path, stroke=1, fill=0)
    text = c.beginText()
    _cells(text, [(title, True) for title, _, _, _ in COLUMNS], widths, top - ROW, font, head=True)
    for i, line in enumerate(chunk):
        values = {**line, "seq": start + i + 1}
        _cells(text, [(str(values.get(key, "")), right) for _, _, key, right in COLUMNS], widths,
               top - (i + 2) * ROW, font)
    if last:
        _cells(text, [("", True), ("合计 Total", False), ("", False), ("", False), ("", False), ("", False),
                      (str(total), True), ("", False), ("", False)], widths, top - rows * ROW, font)
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
