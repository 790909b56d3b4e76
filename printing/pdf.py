"""The A4 document base the printed reports share: a header and footer on every page, "page X of Y",
the embedded CJK font with CJK word wrap, field grids, signature boxes and long tables in chunks.

Plain values in, PDF bytes out. Long tables are split into tables of CHUNK rows (each repeating its header
row), which keeps reportlab's page splitting linear on documents of hundreds of pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, LongTable, PageTemplate, Paragraph, Table, TableStyle

from printing.fonts import register_pdf_font

MARGIN = 12 * mm
HEADER_HEIGHT = 24 * mm
FOOTER_HEIGHT = 10 * mm
CHUNK = 200  # table rows per chunk
GRID = colors.HexColor("#777777")
SHADE = colors.HexColor("#e6e6e6")


@dataclass(frozen=True)
class Page:
    """What every page of a document repeats: title lines, a Code 128 barcode at the top right, the footer."""

    title: str
    subtitle: str = ""
    barcode: str = ""
    footer: str = ""
    landscape: bool = False


@cache
def styles() -> dict[str, ParagraphStyle]:
    font = register_pdf_font()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=11.5, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "num": ParagraphStyle("num", parent=base, fontSize=7.5, leading=9, alignment=2),
        "head": ParagraphStyle("head", parent=base, fontSize=6.5, leading=8, wordWrap=None),  # breaks at spaces
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=14, spaceBefore=4, spaceAfter=3),
        "big": ParagraphStyle("big", parent=base, fontSize=16, leading=20),
    }


def para(text: object, style: str = "cell") -> Paragraph:
    """A wrapped paragraph of plain text (escaped; a newline is a line break)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles()[style])


def barcode(data: str, *, height_mm: float = 10, bar_mm: float = 0.33, hri: bool = True) -> Flowable:
    """A Code 128 barcode flowable (human-readable text under it)."""
    return code128.Code128(data, barHeight=height_mm * mm, barWidth=bar_mm * mm, humanReadable=hri,
                           quiet=True, lquiet=3 * mm, rquiet=3 * mm, fontName=register_pdf_font(), fontSize=8)


class CellBarcode(Flowable):
    """A Code 128 barcode for a table cell, its number printed under the bars, all inside the box it reports.

    Reportlab's own barcode reports the bars' height only and prints its number below that, over whatever comes
    next (the next row of a table). This one reports bars + number, and narrows its modules (down to
    `min_bar_mm`) when the cell is narrower than the barcode at `bar_mm`. `drawn` keeps the box it was drawn
    in (page coordinates), which the tests compare with the cell.
    """

    TEXT_PT = 8.0
    GAP_PT = 1.0

    def __init__(self, data: str, *, height_mm: float = 7, bar_mm: float = 0.3, min_bar_mm: float = 0.19) -> None:
        super().__init__()
        self.data = data
        self.height_mm, self.bar_mm, self.min_bar_mm = height_mm, bar_mm, min_bar_mm
        self.drawn: tuple[float, float, float, float] | None = None   # where it was drawn
        self.cell: tuple[float, float, float, float] | None = None    # the table cell it was drawn in
        self._bars = self._code(bar_mm)

    def _code(self, bar_mm: float) -> code128.Code128:
        return code128.Code128(self.data, barHeight=self.height_mm * mm, barWidth=bar_mm * mm, humanReadable=False,
                               quiet=True, lquiet=2 * mm, rquiet=2 * mm)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if self._bars.width > availWidth and self.bar_mm > self.min_bar_mm:
            scale = availWidth / self._bars.width
            self._bars = self._code(max(self.min_bar_mm, self.bar_mm * scale * 0.999))
        self.width = self._bars.width
        self.height = self._bars.height + self.GAP_PT + self.TEXT_PT
        return self.width, self.height

    def draw(self) -> None:
        text_h = self.TEXT_PT + self.GAP_PT
        self._bars.drawOn(self.canv, 0, text_h)
        font = register_pdf_font()
        size = min(self.TEXT_PT, self.TEXT_PT * self.width / max(1.0, stringWidth(self.data, font, self.TEXT_PT)))
        self.canv.setFont(font, size)
        self.canv.drawCentredString(self.width / 2, 1.2, self.data)
        x, y = self.canv.absolutePosition(0, 0)
        self.drawn = (x, y, x + self.width, y + self.height)


class GridTable(LongTable):
    """A long table that tells each barcode in it the cell it was drawn in (page coordinates)."""

    def _drawCell(self, cellval, cellstyle, pos, size) -> None:  # noqa: ANN001, N802 - reportlab's override
        super()._drawCell(cellval, cellstyle, pos, size)
        for value in cellval if isinstance(cellval, (list, tuple)) else (cellval,):
            if isinstance(value, CellBarcode):
                x, y = self.canv.absolutePosition(*pos)
                value.cell = (x, y, x + size[0], y + size[1])


def fields(pairs: Sequence[tuple[str, object]], columns: int = 2, width: float | None = None) -> Table:
    """A grid of "label: value" pairs, `columns` pairs per row (labels shaded)."""
    width = width or (A4[0] - 2 * MARGIN)
    cells, row = [], []
    for label, value in pairs:
        row += [para(label, "head"), para(value or "—", "body")]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (2 * columns - len(row)))
    label_w = 30 * mm
    value_w = width / columns - label_w
    t = Table(cells, colWidths=[label_w, value_w] * columns)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
                          + [("BACKGROUND", (c, 0), (c, -1), SHADE) for c in range(0, 2 * columns, 2)]))
    return t


def table(header: Sequence[str], rows: Sequence[Sequence[object]], widths_mm: Sequence[float], *,
          right: Sequence[int] = (), highlight: dict[int, tuple[int, colors.Color]] | None = None,
          chunk: int = CHUNK) -> list[Flowable]:
    """Tables of at most `chunk` rows, each repeating the header; cells wrap (CJK aware); `right` columns align
    right; `highlight` shades body row i (0-based) from column c on: {i: (c, colour)}."""
    head = [para(h, "head") for h in header]
    body = [[c if isinstance(c, Flowable) else para(c, "num" if i in right else "cell") for i, c in enumerate(r)]
            for r in rows]
    base = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    out: list[Flowable] = []
    for start in range(0, max(len(body), 1), chunk):
        part = body[start:start + chunk]
        shaded = [("BACKGROUND", (col, i - start + 1), (-1, i - start + 1), colour)
                  for i, (col, colour) in (highlight or {}).items() if start <= i < start + len(part)]
        t = GridTable([head] + part, colWidths=[w * mm for w in widths_mm], repeatRows=1)
        t.setStyle(TableStyle(base + shaded))
        out.append(t)
    return out


def signatures(labels: Sequence[str], width: float | None = None) -> Table:
    """Signature boxes side by side: the role, then room to sign and date."""
    width = width or (A4[0] - 2 * MARGIN)
    cells = [[para(label, "head") for label in labels],
             [para("签字 Signature:\n\n\n日期 Date:", "small") for _ in labels]]
    t = Table(cells, colWidths=[width / len(labels)] * len(labels), rowHeights=[None, 24 * mm])
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.black), ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                           ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, 1), "TOP")]))
    return t


def render(page: Page, story: list[Flowable]) -> bytes:
    """Build the document: `story` in a frame between the page header and footer."""
    size = landscape(A4) if page.landscape else A4
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
                          title=page.title, author="Bonded WMS")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=lambda c, d: _header(c, page, size))])
    doc.build(story, canvasmaker=_numbered(page, size))
    return out.getvalue()


def _header(c: rl_canvas.Canvas, page: Page, size: tuple[float, float]) -> None:
    width, height = size
    font = register_pdf_font()
    c.saveState()
    room = width - 2 * MARGIN
    if page.barcode:
        bc = barcode(page.barcode, height_mm=11, bar_mm=0.33)
        bc.drawOn(c, width - MARGIN - bc.width, height - MARGIN - 17 * mm)
        room -= bc.width + 4 * mm
    for text, size, y in ((page.title, 14, 6 * mm), (page.subtitle, 9, 12 * mm)):
        fitted = min(size, size * room / max(1.0, stringWidth(text, font, size)))
        c.setFont(font, fitted)
        c.drawString(MARGIN, height - MARGIN - y, text)
    c.setStrokeColor(GRID)
    c.line(MARGIN, height - MARGIN - HEADER_HEIGHT + 3 * mm, width - MARGIN, height - MARGIN - HEADER_HEIGHT + 3 * mm)
    c.restoreState()


def _numbered(page: Page, size: tuple[float, float]) -> type[rl_canvas.Canvas]:
    """A canvas that keeps its pages until the end, then writes "page X of Y" and the footer on each."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - reportlab's signature
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(register_pdf_font(), 7.5)
                self.drawString(MARGIN, MARGIN, page.footer)
                self.drawRightString(size[0] - MARGIN, MARGIN,
                                     f"第 {self._pageNumber} 页 / 共 {total} 页   page {self._pageNumber} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas
