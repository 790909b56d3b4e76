"""The CJK font every PDF, label bitmap and preview uses: WenQuanYi Micro Hei, shipped in resources/fonts.

reportlab embeds it (TrueType outlines), so Chinese renders on any viewer; Pillow draws ZPL ^GF bitmaps
and previews with the same file, and Qt loads it for screens.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_FILE = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"  # the family FONT_FILE holds (also installed by Debian's fonts-wqy-microhei)
PDF_FONT = "WQYMicroHei"


@cache
def register_pdf_font() -> str:
    """Register the embedded CJK font with reportlab once; returns its name for styles and canvases."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(PDF_FONT, str(FONT_FILE), subfontIndex=0))
    return PDF_FONT


@cache
def pil_font(size_px: int):  # noqa: ANN201 - PIL.ImageFont.FreeTypeFont
    """The same font for Pillow at `size_px` pixels (label bitmaps and previews)."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), size_px, index=0)
