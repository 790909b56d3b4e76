"""The stock-count documents: the stocktake sheet (盘点单, D13, blind) and the variance report (盘点差异报告).

Plain data in (the dicts app.counts.documents makes), PDF bytes out, on the shared A4 base.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain import vocabulary
from printing import pdf

BIZ_CN = {"ADJ_PLUS": "盘盈 Surplus", "ADJ_MINUS": "盘亏 Shortage"}
STATE_CN = {"PENDING": "待海关确认 Pending", "ACTUAL": "海关已确认 Confirmed"}


def _head(d: dict[str, Any], *extra: tuple[str, object]) -> Flowable:
    return pdf.fields([
        ("盘点单号 Count no.", d["count"]), ("状态 Status", f"{d['status_cn']} {d['status']}"),
        ("仓库 Warehouse", f"{d['area_code']} {d['warehouse']}".strip()), ("账册 Account book", d["account_book"]),
        ("范围 Scope", vocabulary.count_scope(d["scope"], "both")), ("库位数 Locations", d["locations"]),
        ("创建 Created", f"{d['created_by']} {d['created_at']}"),
        ("复盘自 Recount of", d["recount_of"] or "—"), *extra,
    ])


def count_sheet_pdf(d: dict[str, Any]) -> bytes:
    """盘点单: blind — the book quantity is not printed; the counter writes what is found, the checker signs."""
    page = pdf.Page(title="盘点单 Stocktake sheet", subtitle=f"盲盘 Blind count   {d['warehouse']}",
                    barcode=f"COUNT-{d['count']}", footer=f"count {d['count']}   printed {d['printed']}")
    rows, seen = [], set()
    for line in d["lines"]:
        first = line["location"] not in seen
        seen.add(line["location"])
        rows.append([line["location"] if first else "", line["sku"], line["name"], line["batch"], "", "", ""])
    story: list[Flowable] = [
        _head(d, ("盘点方式 Method", "盲盘：不显示账面数量 Blind: book quantities not shown")), Spacer(1, 4 * mm),
        pdf.para("盘点明细 Lines — 发现账外商品请另起一行 Write goods found that are not listed on a new line", "h2"),
        *pdf.table(["库位\nLocation", "商品编码\nSKU", "品名 Name", "批次 Batch", "账面数\nBook qty",
                    "实盘数\nCounted", "差异\nVariance"], rows, [24, 26, 58, 26, 18, 18, 16]),
        Spacer(1, 10 * mm),
        KeepTogether(pdf.signatures(["盘点人 Counter", "复核人 Checker", "仓库主管 Supervisor"])),
    ]
    return pdf.render(page, story)


def count_report_pdf(d: dict[str, Any]) -> bytes:
    """盘点差异报告: every difference, the totals, and the customs-ledger adjustments with their state."""
    page = pdf.Page(title="盘点差异报告 Count variance report", subtitle=d["warehouse"],
                    barcode=f"COUNT-{d['count']}", footer=f"count {d['count']}   printed {d['printed']}")
    rows = [[v["location"], v["sku"], v["batch"], v["expected"], v["counted"], f"{v['difference']:+d}"]
            for v in d["variances"]] or [["—", "无差异 No differences", "", "", "", ""]]
    story: list[Flowable] = [
        _head(d, ("结束 Closed", d["closed_at"] or "—"),
              ("审批 Approved", f"{d['approved_by']} {d['approved_at']}".strip() or "—"),
              ("海关确认 Confirmed", f"{d['confirmed_by']} {d['confirmed_at']}".strip() or "—"),
              ("原因 Reason", d["reason"] or "—")),
        Spacer(1, 4 * mm), pdf.para("差异明细 Variances", "h2"),
        *pdf.table(["库位 Location", "商品编码 SKU", "批次 Batch", "账面数\nExpected", "实盘数\nCounted",
                    "差异\nDifference"], rows, [30, 36, 36, 24, 24, 24], right=(3, 4, 5)),
        Spacer(1, 2 * mm),
        pdf.para(f"盘盈合计 Surplus: {d['surplus']}    盘亏合计 Shortage: {d['shortage']}", "body"),
    ]
    if d["ledger"]:
        ledger = [[r["account_book_item"], BIZ_CN.get(r["biz_type"], r["biz_type"]),
                   STATE_CN.get(r["state"], r["state"]), f"{r['quantity']:+d}"] for r in d["ledger"]]
        story += [Spacer(1, 4 * mm), pdf.para("账册调整 Customs-ledger adjustments", "h2"),
                  *pdf.table(["料号 Item", "类型 Type", "状态 State", "数量 Qty"], ledger, [40, 40, 50, 24],
                             right=(3,))]
    story += [Spacer(1, 10 * mm),
              KeepTogether(pdf.signatures(["仓库主管 Supervisor", "海关关员 Customs officer"]))]
    return pdf.render(page, story)
