"""The customs inventory-list printout (申报清单, DOMAIN.md §5 D7): A4 portrait, plain data in, PDF bytes out.

The caller passes buyer data already masked; this module never sees a clear ID or phone number.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.graphics.barcode import code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from printing.fonts import register_pdf_font

MARGIN = 12 * mm


@dataclass(frozen=True)
class PrintLine:
    gnum: int
    item_record_no: str
    sku: str
    hs_code: str
    name: str
    model: str
    origin: str
    qty: str    # "2 122" (quantity and customs unit code)
    qty1: str
    qty2: str
    price: str
    total: str


@dataclass(frozen=True)
class InventoryListPrint:
    """Everything the printout shows; `buyer_id` and `buyer_phone` are masked by the caller."""

    invt_no: str
    pre_no: str
    cop_no: str
    order_no: str
    logistics_no: str
    carrier: str
    ebp: str
    ebc: str
    agent: str
    area: str
    ems_no: str
    customs_code: str
    port_code: str
    buyer_name: str
    buyer_id: str
    buyer_phone: str
    consignee_address: str
    freight: str
    insurance: str
    gross_weight: str
    net_weight: str
    declared_at: str
    status: str
    released_at: str
    tax: str
    printed_at: str
    lines: list[PrintLine] = field(default_factory=list)
    trade_mode: str = "1210"


def _styles(font: str) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    title = ParagraphStyle("title", fontName=font, fontSize=14, leading=18)
    cell = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5)
    small = ParagraphStyle("small", fontName=font, fontSize=6.5, leading=8, textColor=colors.grey)
    return title, cell, small


def _barcode(value: str, caption: str, cell: ParagraphStyle) -> Table:
    bars = code128.Code128(value, barHeight=10 * mm, barWidth=0.33 * mm, humanReadable=False, quiet=True)
    centred = ParagraphStyle("caption", parent=cell, alignment=1)
    return Table([[bars], [Paragraph(f"{caption} {value}", centred)]], style=[("ALIGN", (0, 0), (-1, -1), "CENTER")])


def _head(doc: InventoryListPrint, cell: ParagraphStyle) -> Table:
    pairs = [
        ("清单编号 invtNo", doc.invt_no or "—"), ("预录入号 preNo", doc.pre_no or "—"),
        ("企业内部编号 copNo", doc.cop_no), ("订单编号 orderNo", doc.order_no),
        ("物流运单编号 logisticsNo", doc.logistics_no), ("物流企业 carrier", doc.carrier),
        ("电商平台 ebp", doc.ebp), ("电商企业 ebc", doc.ebc), ("申报企业 agent", doc.agent),
        ("区内企业 area", doc.area), ("账册编号 emsNo", doc.ems_no), ("贸易方式 tradeMode", doc.trade_mode),
        ("申报海关 customsCode", doc.customs_code), ("口岸海关 portCode", doc.port_code),
        ("订购人 buyer", doc.buyer_name), ("证件号码 ID", doc.buyer_id), ("电话 phone", doc.buyer_phone),
        ("收件地址 address", doc.consignee_address), ("运费 freight", doc.freight),
        ("保费 insurance", doc.insurance), ("毛重 gross kg", doc.gross_weight), ("净重 net kg", doc.net_weight),
        ("申报时间 declared", doc.declared_at), ("回执状态 status", doc.status),
        ("放行时间 released", doc.released_at or "—"), ("税款 tax", doc.tax),
    ]
    rows = [[Paragraph(a, cell), Paragraph(b, cell), Paragraph(c, cell), Paragraph(d, cell)]
            for (a, b), (c, d) in zip(pairs[0::2], pairs[1::2])]
    width = (A4[0] - 2 * MARGIN) / 4
    return Table(rows, colWidths=[width * 0.8, width * 1.2, width * 0.8, width * 1.2], style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
        ("BACKGROUND", (2, 0), (2, -1), colors.whitesmoke), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))


def _lines(doc: InventoryListPrint, cell: ParagraphStyle) -> Table:
    header = ["序号 gnum", "料号 itemRecordNo", "商品编码 gcode", "商品 gname / gmodel", "原产国 origin",
              "数量 qty", "法定数量1 qty1", "法定数量2 qty2", "单价 price", "总价 total"]
    rows = [[Paragraph(h, cell) for h in header]]
    for ln in doc.lines:
        rows.append([Paragraph(str(ln.gnum), cell), Paragraph(ln.item_record_no, cell), Paragraph(ln.hs_code, cell),
                     Paragraph(f"{ln.name}<br/>{ln.model}<br/>{ln.sku}", cell), Paragraph(ln.origin, cell),
                     Paragraph(ln.qty, cell), Paragraph(ln.qty1, cell), Paragraph(ln.qty2 or "—", cell),
                     Paragraph(ln.price, cell), Paragraph(ln.total, cell)])
    widths = [12, 22, 20, 44, 13, 15, 17, 17, 13, 13]
    return Table(rows, colWidths=[w * mm for w in widths], repeatRows=1, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]))


def inventory_list_pdf(doc: InventoryListPrint) -> bytes:
    """The A4 printout of one inventory list (several pages if the order has many lines)."""
    font = register_pdf_font()
    title, cell, small = _styles(font)
    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=f"Inventory list {doc.cop_no}", author="Bonded WMS")
    codes = Table([[_barcode(doc.invt_no or doc.cop_no, "invtNo" if doc.invt_no else "copNo", cell)],
                   [_barcode(doc.logistics_no, "logisticsNo", cell)]],
                  style=[("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm), ("ALIGN", (0, 0), (-1, -1), "RIGHT")])
    heading = Table([[Paragraph("跨境电子商务零售进口申报清单<br/>Cross-border retail import inventory list", title),
                      codes]], colWidths=[80 * mm, A4[0] - 2 * MARGIN - 80 * mm],
                    style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")])

    def footer(canvas, template) -> None:  # noqa: ANN001 - reportlab's canvas and page template
        canvas.setFont(font, 7)
        canvas.drawString(MARGIN, 7 * mm, f"{doc.cop_no} · printed {doc.printed_at}")
        canvas.drawRightString(A4[0] - MARGIN, 7 * mm, f"page {template.page}")

    pdf.build([heading, Spacer(1, 4 * mm), _head(doc, cell), Spacer(1, 5 * mm), _lines(doc, cell),
               Spacer(1, 3 * mm), Paragraph("Buyer ID and phone are masked; a customs officer can reveal them "
                                            "in the application (audited).", small)],
              onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
