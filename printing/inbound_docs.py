"""The inbound documents (DOMAIN.md §5 D1–D3): tally report, put-away list, pallet/carton labels, location
labels and the command-barcode sheet. Plain data in (the dicts app.inbound.documents makes),
PDF or ZPL bytes out.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain import vocabulary
from printing import pdf
from printing.label import Barcode, Box, Label, Line, Text, to_pdf, to_zpl

ATTENTION = colors.HexColor("#fff1c2")  # a line with a difference: short, over, damaged or unexpected


def tally_report_pdf(data: dict[str, Any]) -> bytes:
    """Receiving note / tally report (入库理货单): A4 portrait, expected vs good / damaged / short / over."""
    page = pdf.Page(title="入库理货单 Tally report / receiving note",
                    subtitle=f"{data['warehouse']}   账册 Account book {data['account_book']}",
                    barcode=data["declaration_no"],
                    footer=f"{data['declaration_no']}   printed {data['printed_at']}")
    head = pdf.fields([
        ("报关单号 Declaration", data["declaration_no"]), ("进境编号 Entry no.", data["entry_no"]),
        ("提单号 B/L", data["bill_of_lading"]), ("集装箱 Container", data["container_no"]),
        ("封条号 Seal", data["seal_no"]), ("到货日期 Arrival", data["arrival_date"]),
        ("理货开始 Tally began", data["tally_started"]), ("理货结束 Tally closed", data["tally_closed"]),
        ("理货员 Tally clerk", data["tally_clerk"]), ("暂存库位 Staged at", data["staging"]),
        ("状态 Status", vocabulary.both("declaration_status", data["status"])),
        ("账册 Account book", data["account_book"]),
    ])
    rows, marked = [], {}
    for i, line in enumerate(data["lines"]):
        rows.append([line["line_no"], f"{line['sku']}\n{line['name']}", line["account_book_item"], _unit(line["unit"]),
                     line["batch"] or "—", f"{line['production_date'] or '—'}\n{line['expiry_date'] or '—'}",
                     line["expected"], line["received"], line["damaged"], line["short"] or "", line["over"] or "",
                     _remark(line)])
        if line["short"] or line["over"] or line["damaged"] or line["unexpected"]:
            marked[i] = (6, ATTENTION)
    totals = {k: sum(line[k] for line in data["lines"]) for k in ("expected", "received", "damaged", "short", "over")}
    rows.append(["", "合计 Total", "", "", "", "", totals["expected"], totals["received"], totals["damaged"],
                 totals["short"], totals["over"], ""])
    marked[len(rows) - 1] = (0, pdf.SHADE)
    table = pdf.table(["行\nLine", "商品 SKU / 品名 Name", "料号\nItem", "单位\nUnit", "批次\nBatch",
                       "生产 / 到期\nMade / Expiry", "应收\nExpected", "实收\nGood", "残损\nDamaged",
                       "短少\nShort", "溢余\nOver", "备注\nRemark"], rows,
                      [8, 37, 16, 12, 19, 19, 13, 12, 13, 11, 11, 15],
                      right=(6, 7, 8, 9, 10), highlight=marked)
    story: list[Flowable] = [head, Spacer(1, 5 * mm), *table, Spacer(1, 8 * mm),
                             KeepTogether(pdf.signatures(["理货员 Tally clerk", "仓库主管 Supervisor",
                                                          "货主代表 Owner's representative"]))]
    return pdf.render(page, story)


def _unit(code: str) -> str:
    """A customs unit by its names, Chinese over English (个 / piece): never its bare code."""
    found = vocabulary.term("unit", code)
    return f"{found[1]}\n{found[0]}" if found else code


def _remark(line: dict[str, Any]) -> str:
    notes = []
    if line["unexpected"]:
        notes.append("非申报批次 unexpected batch")
    if line["damaged"]:
        notes.append("残损 damaged")
    return "\n".join(notes)


def putaway_list_pdf(data: dict[str, Any]) -> bytes:
    """Put-away list (上架单): each staged pallet or carton with its suggested storage location."""
    page = pdf.Page(title="上架单 Put-away list", barcode=data["declaration_no"],
                    subtitle=f"报关单 Declaration {data['declaration_no']}   集装箱 Container {data['container_no']}",
                    footer=f"{data['declaration_no']}   created {data['created']} by {data['operator']}")
    rows = [[i, r["lpn"] or "(loose)", f"{r['sku']}\n{r['name']}", r["batch"] or "—", r["expiry"] or "—",
             r["quantity"], r["from"], r["to"], ""] for i, r in enumerate(data["rows"], start=1)]
    story: list[Flowable] = [pdf.fields([("操作员 Operator", data["operator"]), ("生成 Created", data["created"]),
                                         ("报关单 Declaration", data["declaration_no"]),
                                         ("状态 Status", vocabulary.both("declaration_status", data["status"]))])]
    story.append(Spacer(1, 4 * mm))
    if rows:
        story += pdf.table(["#", "SSCC / LPN", "商品 SKU / 品名 Name", "批次\nBatch", "到期\nExpiry", "数量\nQty",
                            "从\nFrom", "到\nTo", "✓"], rows, [8, 36, 50, 20, 19, 13, 16, 16, 8], right=(5,))
    else:
        story.append(pdf.para("没有待上架的货物。Nothing waits for put-away.", "body"))
    return pdf.render(page, story)


def carton_label(data: dict[str, Any]) -> Label:
    """Pallet or carton label 100×150 mm: what it labels (a pallet or a carton of which declaration), SKU, name,
    item, batch, expiry, the quantity RECEIVED on it, where it is and its state, the contents and its SSCC."""
    en, zh = vocabulary.term("handling_unit", data["kind"]) or (data["kind"], data["kind"])
    where = data["location"] or "—"
    if data.get("suggested"):
        where += f" → {data['suggested']} (上架 put away)"
    status = vocabulary.both("stock_status", data["status"]) if data["status"] else "已出库 shipped out"
    unit = vocabulary.name("unit", data.get("unit", ""), "zh")
    return Label(100, 150, [
        Box(3, 3, 94, 144, 0.6),
        Text(6, 5, f"{zh}标签 {en.upper()} LABEL", 4.2, bold=True, max_width_mm=88),
        Text(6, 10, f"报关单 Declaration {data['declaration_no']}", 2.8, max_width_mm=88),
        Line(3, 14, 97, 14),
        Text(6, 16, data["sku"], 9, bold=True, max_width_mm=88),
        Text(6, 27, data["name"], 5, max_width_mm=88),
        Text(6, 34, f"料号 Item {data['account_book_item']}", 3.6, max_width_mm=88),
        Line(3, 40, 97, 40),
        Text(6, 43, "批次 Batch", 3), Text(6, 47, data["batch"] or "-", 6.5, bold=True, max_width_mm=44),
        Text(52, 43, "到期 Expiry", 3), Text(52, 47, data["expiry"] or "-", 6.5, bold=True, max_width_mm=42),
        Text(6, 57, "收货数量 Received qty", 3),
        Text(6, 61, f"{data['quantity']} {unit}".strip(), 8, bold=True, max_width_mm=44),
        Text(52, 57, "状态 Status", 3),
        Text(52, 61, status, 4.2, bold=True, max_width_mm=42),
        Text(6, 72, f"库位 Location {where}", 4, max_width_mm=88),
        Line(3, 78, 97, 78),
        Barcode(6, 81, "gs1-128", data["contents_barcode"], 14, module_mm=0.25),
        Line(3, 102, 97, 102),
        Text(6, 104, f"SSCC ({zh} {en})", 3),
        Barcode(8, 109, "gs1-128", data["sscc_barcode"], 25, module_mm=0.5),
    ])


def location_label(data: dict[str, Any]) -> Label:
    """A 100×50 mm shelf label: the code large and its barcode (what put-away scans)."""
    return Label(100, 50, [
        Text(6, 4, data["code"], 11, bold=True, max_width_mm=88),
        Text(6, 17, vocabulary.both("location_kind", data["kind"]), 3.2),
        Barcode(6, 23, "code128", data["barcode"], 16, module_mm=0.375),
    ])


def labels_pdf(labels: list[Label]) -> bytes:
    return to_pdf(labels)


def labels_zpl(labels: list[Label]) -> bytes:
    return b"".join(to_zpl(label) for label in labels)


def command_sheet_pdf() -> bytes:
    """The sheet that hangs at every scan station: the one key map (the same key does the same thing on every
    station), then the command barcodes (Code 128, text under each) with the stations that take them."""
    from app.domain.station_keys import STATION_COMMANDS, STATION_KEYS, STATIONS

    page = pdf.Page(title="扫描工位按键与指令条码 Station keys and commands",
                    subtitle="每个工位同一按键作用相同；扫描下列条码以执行指令。The same key does the same thing at "
                             "every station; scan a barcode to give the station a command.")
    every = len(STATIONS)

    def where(stations: tuple[str, ...]) -> str:
        if len(stations) == every:
            return "所有工位 every station"
        return "、".join(STATIONS[s][0] for s in stations) + " " + ", ".join(STATIONS[s][1] for s in stations)

    keys = pdf.table(["按键 Key", "功能 Action", "说明 What it does", "工位 Stations"],
                     [[pdf.para(k.key, "h2"), f"{k.name_zh} {k.name}", f"{k.meaning_zh} {k.meaning}",
                       where(k.stations)] for k in STATION_KEYS], [18, 32, 96, 40])
    cells = []
    for c in STATION_COMMANDS:
        cells.append([[pdf.para(f"{c.name_zh} {c.name}", "big"), Spacer(1, 2 * mm),
                       pdf.para(f"{c.meaning_zh} {c.meaning}", "body"), Spacer(1, 2 * mm),
                       pdf.para(where(c.stations), "small")],
                      pdf.barcode(c.barcode, height_mm=18, bar_mm=0.5)])
    t = Table(cells, colWidths=[80 * mm, 106 * mm], rowHeights=[50 * mm] * len(cells))
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, pdf.GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("ALIGN", (1, 0), (1, -1), "CENTER")]))
    return pdf.render(page, [pdf.para("按键 Keys", "h2"), *keys, Spacer(1, 4 * mm),
                             pdf.para("指令条码 Command barcodes", "h2"), t])
