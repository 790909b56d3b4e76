"""Label layouts: one list of elements in millimetres → ZPL for the printer, a PDF, or a PNG preview.

All three are drawn from the same geometry: positions and sizes are rounded to printer dots once, text is
measured with the shipped CJK font, and barcodes come from one encoder (zxing-cpp) for the PDF and the
preview, while the ZPL lets the printer draw them (^BC, ^BQ, ^BX) at the same place and module size.
Chinese (any non-ASCII) text goes to ZPL as a Z64-compressed ^GF bitmap drawn with the same font.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from printing import zpl
from printing.fonts import pil_font, register_pdf_font

KINDS = ("code128", "gs1-128", "qr", "datamatrix", "gs1-datamatrix")
LINEAR = ("code128", "gs1-128")
HRI_HEIGHT_MM = 2.5  # the human-readable line under a linear barcode
HRI_GAP_MM = 0.6


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is its top-left corner; it is squeezed sideways to fit `max_width_mm`."""

    x_mm: float
    y_mm: float
    text: str
    height_mm: float
    bold: bool = False
    max_width_mm: float | None = None


@dataclass(frozen=True)
class Barcode:
    """A barcode with its top-left at (x, y). Linear: bars `height_mm` tall, HRI below when `hri`.
    2D (qr, datamatrix): a square of at most `height_mm` (whole dots per module). GS1 data as "(01)…(10)…".
    """

    x_mm: float
    y_mm: float
    kind: str
    data: str
    height_mm: float
    module_mm: float = 0.33
    hri: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown barcode kind {self.kind!r}: one of {', '.join(KINDS)}")
        if not self.data:
            raise ValueError(f"{self.kind} barcode without data")


@dataclass(frozen=True)
class Box:
    """A rectangle outline; the line grows inwards from the outer edge."""

    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float
    thickness_mm: float = 0.5


@dataclass(frozen=True)
class Line:
    """A horizontal or vertical rule from (x1, y1) to (x2, y2)."""

    x1_mm: float
    y1_mm: float
    x2_mm: float
    y2_mm: float
    thickness_mm: float = 0.5

    def __post_init__(self) -> None:
        if self.x1_mm != self.x2_mm and self.y1_mm != self.y2_mm:
            raise ValueError("a label line is horizontal or vertical")

    def as_box(self) -> Box:
        t = self.thickness_mm
        x, y = min(self.x1_mm, self.x2_mm), min(self.y1_mm, self.y2_mm)
        return Box(x, y, max(abs(self.x2_mm - self.x1_mm), t), max(abs(self.y2_mm - self.y1_mm), t), t)


@dataclass
class Label:
    """One label: its size and what is printed on it (a 100×150 mm shipping label by default)."""

    width_mm: float = 100
    height_mm: float = 150
    elements: list[Text | Barcode | Box | Line] = field(default_factory=list)


# ---------------------------------------------------------------- shared geometry


def dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def _is_ascii(text: str) -> bool:
    return all(" " <= ch <= "~" for ch in text)


def _squeeze(text: str, size: int, max_width: int | None) -> float:
    """Horizontal scale (≤ 1) that makes `text` at `size` dots fit `max_width` dots."""
    if not max_width:
        return 1.0
    natural = pil_font(size).getlength(text)
    return 1.0 if natural <= max_width else max(0.2, max_width / natural)


@lru_cache(maxsize=1024)
def text_mask(text: str, size: int, xscale: float = 1.0, bold: bool = False):  # noqa: ANN201 - PIL Image "L"
    """The text drawn with the shipped font: an 'L' image, 255 = ink, ascender at the top edge."""
    from PIL import Image, ImageDraw

    font = pil_font(max(size, 1))
    ascent, descent = font.getmetrics()
    stroke = max(1, size // 28) if bold else 0
    width = math.ceil(font.getlength(text)) + 2 * stroke + 1
    img = Image.new("L", (max(width, 1), ascent + descent + 2 * stroke), 0)
    ImageDraw.Draw(img).text((stroke, stroke), text, font=font, fill=255, anchor="la",
                             stroke_width=stroke, stroke_fill=255)
    if xscale < 1.0:
        img = img.resize((max(1, round(img.width * xscale)), img.height), Image.Resampling.BILINEAR)
    return img


@dataclass(frozen=True)
class Symbol:
    """A barcode's modules: `height` rows (1 for linear symbols) of `columns`, 0 = dark, row by row."""

    columns: int
    height: int
    pixels: bytes
    linear: bool

    @cached_property
    def rows(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """For each row, its dark runs as (start, length): what the PDF and the preview draw."""
        w = self.columns
        return tuple(_runs(self.pixels[r * w:(r + 1) * w]) for r in range(self.height))


@lru_cache(maxsize=1024)
def symbol(kind: str, data: str) -> Symbol:
    """Encode once (zxing-cpp); ValueError names the kind and data when they cannot be encoded."""
    import zxingcpp

    fmt = {"code128": zxingcpp.BarcodeFormat.Code128, "gs1-128": zxingcpp.BarcodeFormat.Code128,
           "qr": zxingcpp.BarcodeFormat.QRCode}.get(kind, zxingcpp.BarcodeFormat.DataMatrix)
    options = {"gs1": True} if kind.startswith("gs1") else {"ec_level": "M"} if kind == "qr" else {}
    if kind.startswith("gs1"):
        zpl.gs1_elements(data)
    image = _encode(zxingcpp, data, fmt, kind, options)
    height, width = image.shape
    linear = kind in LINEAR
    pixels = bytes(memoryview(image))
    return Symbol(width, 1 if linear else height, pixels[:width] if linear else pixels, linear)


def _encode(zxingcpp, data: str, fmt, kind: str, options: dict):  # noqa: ANN001, ANN202 - zxing-cpp objects
    """ZPL's ^BX always makes square Data Matrix symbols, so the preview and PDF must too. zxing-cpp 3.1
    skips the first entry of its `options` list, hence the leading comma; plain "forceSquare" is the fallback."""
    attempts = (",forceSquare", "forceSquare") if fmt == zxingcpp.BarcodeFormat.DataMatrix else ("",)
    try:
        for extra in attempts:
            image = zxingcpp.create_barcode(data, fmt, **options, **({"options": extra} if extra else {})
                                            ).to_image(scale=1, add_quiet_zones=False)
            if image.shape[0] == image.shape[1] or fmt != zxingcpp.BarcodeFormat.DataMatrix:
                return image
    except ValueError as exc:
        raise ValueError(f"cannot encode {data!r} as {kind}: {exc}") from exc
    raise ValueError(f"cannot encode {data!r} as a square {kind} symbol")


def _runs(row: bytes) -> tuple[tuple[int, int], ...]:
    runs, start = [], None
    for i, value in enumerate(row + b"\xff"):
        if value < 128 and start is None:
            start = i
        elif value >= 128 and start is not None:
            runs.append((start, i - start))
            start = None
    return tuple(runs)


@dataclass(frozen=True)
class BarcodePlan:
    """Where a barcode lands in dots: module size, symbol width and height (bars only)."""

    x: int
    y: int
    module: int
    width: int
    height: int
    symbol: Symbol


def plan_barcode(bc: Barcode, dpi: int) -> BarcodePlan:
    sym = symbol(bc.kind, bc.data)
    x, y = dots(bc.x_mm, dpi), dots(bc.y_mm, dpi)
    if sym.linear:
        module = max(1, dots(bc.module_mm, dpi))
        return BarcodePlan(x, y, module, sym.columns * module, max(1, dots(bc.height_mm, dpi)), sym)
    module = max(1, dots(bc.height_mm, dpi) // max(sym.height, sym.columns))
    if bc.kind == "qr":
        module = min(module, 10)  # ^BQ magnifies 1–10 times at most
    return BarcodePlan(x, y, module, sym.columns * module, sym.height * module, sym)


def hri_text(bc: Barcode) -> str:
    return bc.data


# ---------------------------------------------------------------- ZPL


def to_zpl(label: Label, dpi: int = 203, copies: int = 1) -> bytes:
    """The label as one ZPL II format (^XA…^XZ), UTF-8 (^CI28), ready for port 9100 or a serial line."""
    body: list[str] = []
    for el in label.elements:
        if isinstance(el, Line):
            el = el.as_box()
        if isinstance(el, Box):
            body.append(zpl.box(dots(el.x_mm, dpi), dots(el.y_mm, dpi), dots(el.w_mm, dpi), dots(el.h_mm, dpi),
                                max(1, dots(el.thickness_mm, dpi))))
        elif isinstance(el, Text):
            body.append(_zpl_text(el, dpi))
        elif isinstance(el, Barcode):
            body.extend(_zpl_barcode(el, dpi))
        else:
            raise TypeError(f"not a label element: {el!r}")
    return zpl.label(dots(label.width_mm, dpi), dots(label.height_mm, dpi), body, copies=copies)


@lru_cache(maxsize=4096)  # a label's fixed captions (and repeated names) are drawn and compressed once
def _zpl_text(t: Text, dpi: int) -> str:
    x, y, size = dots(t.x_mm, dpi), dots(t.y_mm, dpi), max(1, dots(t.height_mm, dpi))
    xscale = _squeeze(t.text, size, dots(t.max_width_mm, dpi) if t.max_width_mm else None)
    if _is_ascii(t.text):
        return zpl.text(x, y, t.text, size, max(1, round(size * xscale)), bold=t.bold)
    mask = text_mask(t.text, size, xscale, t.bold)
    packed = mask.point([0] * 128 + [255] * 128, "1").tobytes()  # PIL 1-bit: 1 = ink = ZPL black
    return zpl.graphic_field(x, y, packed, (mask.width + 7) // 8)


def _zpl_barcode(bc: Barcode, dpi: int) -> list[str]:
    p = plan_barcode(bc, dpi)
    if bc.kind == "code128":
        out = [zpl.code128(p.x, p.y, bc.data, p.module, p.height)]
    elif bc.kind == "gs1-128":
        out = [zpl.gs1_128(p.x, p.y, bc.data, p.module, p.height)]
    elif bc.kind == "qr":
        out = [zpl.qr(p.x, p.y, bc.data, p.module)]
    else:
        out = [zpl.datamatrix(p.x, p.y, bc.data, p.module, gs1=bc.kind == "gs1-datamatrix")]
    if bc.hri and p.symbol.linear:
        size = dots(HRI_HEIGHT_MM, dpi)
        out.append(zpl.origin(p.x, p.y + p.height + dots(HRI_GAP_MM, dpi))
                   + f"^A0N,{size},{size}^FB{p.width},1,0,C,0" + zpl.field(hri_text(bc)))
    return out


# ---------------------------------------------------------------- PNG preview


def to_png(label: Label, dpi: int = 203) -> bytes:
    """A grey-scale preview at `dpi` (what the printer would print, drawn with the same geometry)."""
    out = io.BytesIO()
    preview_image(label, dpi).save(out, "PNG", compress_level=1, dpi=(dpi, dpi))
    return out.getvalue()


def preview_image(label: Label, dpi: int = 203):  # noqa: ANN201 - PIL Image "L"
    from PIL import Image, ImageDraw

    img = Image.new("L", (dots(label.width_mm, dpi), dots(label.height_mm, dpi)), 255)
    draw = ImageDraw.Draw(img)
    for el in label.elements:
        if isinstance(el, Line):
            el = el.as_box()
        if isinstance(el, Box):
            x, y = dots(el.x_mm, dpi), dots(el.y_mm, dpi)
            draw.rectangle((x, y, x + dots(el.w_mm, dpi) - 1, y + dots(el.h_mm, dpi) - 1), outline=0,
                           width=max(1, dots(el.thickness_mm, dpi)))
        elif isinstance(el, Text):
            size = max(1, dots(el.height_mm, dpi))
            xscale = _squeeze(el.text, size, dots(el.max_width_mm, dpi) if el.max_width_mm else None)
            img.paste(0, (dots(el.x_mm, dpi), dots(el.y_mm, dpi)), text_mask(el.text, size, xscale, el.bold))
        elif isinstance(el, Barcode):
            _png_barcode(img, draw, el, dpi)
    return img


def _png_barcode(img, draw, bc: Barcode, dpi: int) -> None:  # noqa: ANN001 - PIL objects
    p = plan_barcode(bc, dpi)
    for r, runs in enumerate(p.symbol.rows):
        top = p.y + r * p.module
        bottom = p.y + p.height - 1 if p.symbol.linear else top + p.module - 1
        for start, length in runs:
            draw.rectangle((p.x + start * p.module, top, p.x + (start + length) * p.module - 1, bottom), fill=0)
    if bc.hri and p.symbol.linear:
        mask = text_mask(hri_text(bc), dots(HRI_HEIGHT_MM, dpi))
        left = p.x + max(0, (p.width - mask.width) // 2)
        img.paste(0, (left, p.y + p.height + dots(HRI_GAP_MM, dpi)), mask)


# ---------------------------------------------------------------- PDF


def to_pdf(labels: list[Label]) -> bytes:
    """One page per label, page size = label size; the CJK font is embedded, barcodes are vector."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_pdf_font()
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=1)
    for label in labels:
        canvas.setPageSize((label.width_mm * mm, label.height_mm * mm))
        for el in label.elements:
            _pdf_element(canvas, el, label.height_mm, font)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _pdf_element(c, el, page_h: float, font: str) -> None:  # noqa: ANN001 - a reportlab canvas
    from reportlab.lib.units import mm

    if isinstance(el, Line):
        el = el.as_box()
    if isinstance(el, Box):
        t = el.thickness_mm
        c.setLineWidth(t * mm)
        c.rect((el.x_mm + t / 2) * mm, (page_h - el.y_mm - el.h_mm + t / 2) * mm, (el.w_mm - t) * mm,
               (el.h_mm - t) * mm, stroke=1, fill=0)
    elif isinstance(el, Text):
        xscale = _squeeze(el.text, 100, round(el.max_width_mm / el.height_mm * 100) if el.max_width_mm else None)
        _pdf_text(c, font, el.x_mm, el.y_mm, el.text, el.height_mm, page_h, xscale=xscale, bold=el.bold)
    elif isinstance(el, Barcode):
        _pdf_barcode(c, el, page_h, font)


def _pdf_text(c, font: str, x: float, y: float, text: str, size_mm: float, page_h: float, *,  # noqa: ANN001 - a reportlab canvas
              xscale: float = 1.0, bold: bool = False, centre_in: float | None = None) -> None:
    from reportlab.lib.units import mm

    ascent = pil_font(100).getmetrics()[0] / 100
    if centre_in is not None:
        x += max(0.0, (centre_in - pil_font(100).getlength(text) / 100 * size_mm) / 2)
    c.saveState()  # render mode and horizontal scale are graphics state: keep them to this text
    obj = c.beginText(x * mm, (page_h - y - ascent * size_mm) * mm)
    obj.setFont(font, size_mm * mm)
    obj.setHorizScale(xscale * 100)
    if bold:
        c.setLineWidth(size_mm * mm * 0.04)
        obj.setTextRenderMode(2)
    obj.textOut(text)
    c.drawText(obj)
    c.restoreState()


def _pdf_barcode(c, bc: Barcode, page_h: float, font: str) -> None:  # noqa: ANN001 - a reportlab canvas
    from reportlab.lib.units import mm

    p = plan_barcode(bc, 203)  # the geometry the 203-dpi printer uses, in millimetres
    unit = 25.4 / 203
    for r, runs in enumerate(p.symbol.rows):
        top = p.y + r * p.module
        height = p.height if p.symbol.linear else p.module
        for start, length in runs:
            c.rect((p.x + start * p.module) * unit * mm, (page_h - (top + height) * unit) * mm,
                   length * p.module * unit * mm, height * unit * mm, stroke=0, fill=1)
    if bc.hri and p.symbol.linear:
        _pdf_text(c, font, p.x * unit, (p.y + p.height) * unit + HRI_GAP_MM, hri_text(bc), HRI_HEIGHT_MM,
                  page_h, centre_in=p.width * unit)
