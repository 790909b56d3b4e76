"""The batch record of one lot (D10) for customs officers, A4 landscape: entry, tally, release, put-away,
the batch split (every allocation), every parcel and its exit, the chronology with a running balance.
Plain data in (app.customs.batch_record.batch_record), PDF bytes out.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from printing import pdf

WIDTH = 273  # usable width of A4 landscape in mm


def _section(title: str, header: list[str], rows: list[list[Any]], widths: list[float],
             right: tuple[int, ...] = ()) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 3 * mm), pdf.para(title, "h2")]
    if rows:
        out += pdf.table(header, rows, widths, right=right)
    else:
        out.append(pdf.para("—", "body"))
    return out


def batch_record_pdf(d: dict[str, Any]) -> bytes:
    lot, decl, tally, bal = d["lot"], d["declaration"], d["tally"], d["balance"]
    page = pdf.Page(title="批次追溯记录 Batch record", landscape=True, barcode=lot["batch"] or lot["lot"],
                    subtitle=f"账册 {lot['account_book']}  料号 Item {lot['account_book_item']}  HS {lot['hs_code']}  "
                             f"{lot['sku']} {lot['name']}  批次 Batch {lot['batch']}",
                    footer=f"batch record {lot['lot']}")
    head = pdf.fields([
        ("批次 Lot", lot["lot"]), ("商品 SKU", f"{lot['sku']} {lot['name']} {lot['spec']}"),
        ("生产 / 到期 Made / Expiry", f"{lot['production'] or '—'} / {lot['expiry'] or '—'}"),
        ("状态 Status", lot["status"]),
        ("货主 Owner", f"{lot.get('owner', '')} {lot.get('owner_name', '')}".strip() or "—"),
        ("报关单 Declaration", f"{decl['declaration']} line {decl['line_no']} ({decl['declared_qty']} declared)"),
        ("集装箱 Container", f"{decl['container']}  seal {decl['seal']}  B/L {decl['bill_of_lading']}"),
        ("理货 Tally", f"{tally['received']} good, {tally['damaged']} damaged; closed {tally['closed_at']} "
                       f"by {tally['closed_by']}"),
        ("放行 Release", f"{d['release']['released_at'] or '—'}; ledger IN {d['release']['ledger_in']} "
                         f"(item, whole declaration)"),
        ("结存 Balance", f"entered {bal['entered']} − shipped {bal['shipped']} − other {bal['left_otherwise']} "
                         f"= on hand {bal['on_hand']}"),
        ("在库状态 On hand by status", ", ".join(f"{k} {v}" for k, v in sorted(bal["by_status"].items())) or "—"),
    ], columns=2, width=WIDTH * mm)
    story: list[Flowable] = [head]
    story += _section("进出存 Chronology (entries and exits, running balance)",
                      ["日期 Date", "单证 Document", "单证号 Doc no.", "数量 ±", "结存 Balance", "库位 Location"],
                      [[c["at"], c["doc_type"], c["doc_no"], c["qty"], c["balance"], c["location"]]
                       for c in d["chronology"]], [32, 45, 110, 22, 24, 40], right=(3, 4))
    story += _section("上架 Put-away", ["日期 Date", "SSCC / LPN", "从 From", "到 To", "数量 Qty", "操作 By"],
                      [[m["at"], m["lpn"], m["from"], m["to"], m["qty"], m["by"]] for m in d["putaway"]],
                      [32, 55, 40, 40, 22, 40], right=(4,))
    story += _section("分配（批次拆分）Allocations — the batch split",
                      ["日期 Date", "订单 Order", "库位 Location", "分配 Qty", "已拣 Picked", "短拣 Short",
                       "状态 State"],
                      [[a["at"], a["order_no"], a["location"], a["qty"], a["picked"], a["short"], a["state"]]
                       for a in d["allocations"]], [32, 60, 40, 24, 24, 24, 30], right=(3, 4, 5))
    story += _section("包裹与出区 Parcels and exit",
                      ["运单 Waybill", "订单 Order", "清单 List", "数量 Qty", "包装 Packed", "交接单 Manifest",
                       "核放单 Gate pass", "出区 Exited"],
                      [[p["waybill"], p["order_no"], p["inventory_list"], p["qty"], p["packed_at"], p["manifest"],
                        p["gate_pass"], p["shipped_at"]] for p in d["parcels"]],
                      [36, 40, 34, 16, 30, 36, 40, 30], right=(3,))
    return pdf.render(page, story)
