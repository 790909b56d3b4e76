"""The parcel's papers: the 100×150 mm e-waybill label (D6) and the A5 packing list (D5). Plain data in.

Label zones top to bottom: carrier, sorting code (large), collection hub, the waybill's Code 128, the
consignee (masked name and phone, full address), the sender (the bonded warehouse), order / weight /
pieces, and the customer stub with the waybill barcode repeated.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from printing import pdf
from printing.fonts import pil_font
from printing.label import Barcode, Box, Label, Line, Text

W, H = 100, 150
LEFT = 5


@lru_cache(maxsize=4096)
def _room(text: str, height_mm: float, max_mm: float) -> float | None:
    """`max_mm` when `text` at `height_mm` would overflow it, else None (so it is not measured again per label)."""
    size = 100
    return max_mm if pil_font(size).getlength(text) / size * height_mm > max_mm else None


def _text(x: float, y: float, text: str, height: float, max_mm: float, *, bold: bool = False) -> Text:
    """A text squeezed into `max_mm` only when it needs it (fixed texts are measured once per process)."""
    return Text(x, y, text, height, bold=bold, max_width_mm=_room(text, height, max_mm))


def _wrap(text: str, width: int) -> list[str]:
    """Split a line of (mostly CJK) text into pieces of at most `width` characters."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def waybill_label(d: dict[str, Any]) -> Label:
    """The e-waybill for one parcel (data from app.outbound.documents.waybill_data).

    Chinese captions are fixed texts and the values beside them ASCII where they can be, so a label carries
    few unique Chinese bitmaps (each one is drawn and compressed for the ZPL): it renders in milliseconds.
    """
    els: list = [Box(2, 2, 96, 146, 0.6)]
    els += [_text(LEFT, 5, d["carrier_name"], 6.5, 55, bold=True), _text(66, 5.5, d["carrier"], 6, 28, bold=True),
            Text(66, 12.5, "标准快递 Standard", 2.6), Line(2, 17, 98, 17)]
    els += [_text(LEFT, 19, d["sort_code"], 10, 90, bold=True), Line(2, 32, 98, 32),
            _text(LEFT, 34, f"集包地 {d['hub']}", 4, 90), Line(2, 40, 98, 40)]
    els += [Barcode(9, 43, "code128", d["waybill"], 18, module_mm=0.375), Line(2, 70.5, 98, 70.5)]
    els += [_text(LEFT, 72.5, f"收 {d['consignee']}", 5, 40, bold=True), Text(48, 72.5, d["phone"], 5, bold=True)]
    for i, part in enumerate(_wrap(d["address"], 22)[:3]):
        els.append(_text(LEFT, 80 + i * 5.2, part, 4.2, 90))
    els += [Line(2, 96.5, 98, 96.5), _text(LEFT, 98.5, f"寄 {d['sender']}", 3.6, 90),
            _text(LEFT, 103.5, d["sender_address"], 3, 90), Line(2, 108, 98, 108)]
    els += [Text(LEFT, 110, "订单 Order", 3.4), Text(30, 110, d["order_no"], 3.4),
            Text(LEFT, 115, "重量 Weight", 3.4), Text(30, 115, f"{d['weight']} kg", 3.4),
            Text(55, 115, "件数 Pieces", 3.4), Text(80, 115, str(d["pieces"]), 3.4),
            _text(LEFT, 120, d["summary"].replace("×", " x"), 2.8, 90), Line(2, 124.5, 98, 124.5)]
    els += [Text(LEFT, 126.5, "客户联 Customer stub", 2.8), Text(52, 126.5, "打印", 2.8),
            Text(58, 126.5, d["printed_at"], 2.8),
            Barcode(12, 131, "code128", d["waybill"], 10, module_mm=0.25)]
    return Label(W, H, els)


def packing_list_pdf(d: dict[str, Any]) -> bytes:
    """The packing slip (装箱单) for one parcel on A5 (data from shipping_documents.packing_list_data)."""
    out = io.BytesIO()
    width = A5[0] - 20 * mm
    doc = SimpleDocTemplate(out, pagesize=A5, leftMargin=10 * mm, rightMargin=10 * mm, topMargin=10 * mm,
                            bottomMargin=10 * mm, title=f"Packing list {d['order_no']}", author="Bonded WMS")
    head = pdf.fields([("订单 Order", d["order_no"]), ("平台 Platform", d["platform"]),
                       ("运单 Waybill", f"{d['carrier']} {d['waybill']}"), ("收件人 Consignee",
                                                                            f"{d['consignee']} {d['phone']}"),
                       ("包装时间 Packed", d["packed_at"]), ("包装员 Packer", d["packer"]),
                       ("重量 Weight", f"{d['weight']} kg"), ("件数 Pieces", d["pieces"])], columns=1, width=width)
    rows = [[i, line["sku"], line["name"], line["batch"], line["qty"]] for i, line in enumerate(d["lines"], start=1)]
    rows.append(["", "合计 Total", "", "", sum(line["qty"] for line in d["lines"])])
    story = [pdf.para("装箱单 Packing list", "big"), Spacer(1, 2 * mm), pdf.barcode(d["waybill"], height_mm=10),
             Spacer(1, 3 * mm), head, Spacer(1, 4 * mm),
             *pdf.table(["#", "商品 SKU", "品名 Name", "批次 Batch", "数量\nQty"], rows, [7, 24, 56, 27, 14],
                        right=(4,))]
    doc.build(story)
    return out.getvalue()
