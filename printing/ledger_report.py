"""The stock-ledger report (账册进出存 / 三账比对, DOMAIN.md §5 D11): A4 landscape, one row per account-book item
with its opening, the period's movements, the closing (customs' books), the physical stock and the difference
(shaded where it is not 0), the totals, and the preparer's and approver's signatures.
Plain data in (app.customs.books.ledger_report), PDF bytes out.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain import vocabulary
from printing import pdf

WIDTH = 273  # usable width of A4 landscape in mm
DIFFERENT = colors.HexColor("#f6d5d5")
NUMBERS = ("opening", "entered", "decreased", "decreased_posted", "returned", "adjusted", "disposed", "closing",
           "physical", "difference", "adjusted_pending")


def ledger_report_pdf(d: dict[str, Any]) -> bytes:
    page = pdf.Page(title="账册进出存报表 Stock ledger report", landscape=True,
                    subtitle=f"{d['warehouse']}   账册 Account book {d['account_book']}   "
                             f"期间 Period {d['from']} — {d['to']}",
                    footer=f"ledger report {d['from']}..{d['to']}   printed {d['printed']}")
    rows, shaded = [], {}
    for i, item in enumerate(d["items"]):
        unit = f"{vocabulary.name('unit', item['unit'], 'zh')}\n{vocabulary.name('unit', item['unit'])}"
        rows.append([item["item_no"], item["name"], unit] + [_signed(item, k) for k in NUMBERS])
        if item["difference"]:
            shaded[i] = (0, DIFFERENT)
    totals = d["totals"]
    rows.append(["合计 Total", f"{len(d['items'])} items", ""] + [_signed(totals, k) for k in NUMBERS])
    header = ["料号 Item", "品名 Name", "单位\nUnit", "期初\nOpening", "一线入区\nEntered", "二线出区\nDecreased",
              "已核扣\nPosted", "退货入区\nReturned", "盘盈亏\nAdjusted ±", "销毁/退运\nDisposed",
              "期末（账）\nClosing", "实物\nPhysical", "差异\nDifference", "待海关确认\nPending adj."]
    widths = [24, 52, 10] + [17] * 11
    story: list[Flowable] = [pdf.para("期末 = 期初 + 入区 − 出区 + 退货 ± 盘盈亏 − 销毁/退运；差异 = 期末 − 实物。"
                                      "Closing = opening + entered − decreased + returned ± adjusted − disposed "
                                      "(posted: decreases on an exit checklist customs has posted); "
                                      "difference = closing − physical (shaded where not 0). Pending adjustments "
                                      "wait for customs and are not in the closing.", "small"), Spacer(1, 3 * mm)]
    story += pdf.table(header, rows, widths, right=tuple(range(3, 14)), highlight=shaded)
    story += [Spacer(1, 8 * mm), KeepTogether(pdf.signatures([f"制表人 Preparer ({d['preparer']})",
                                                              "审核人 Approver"], width=WIDTH * mm))]
    return pdf.render(page, story)


def _signed(row: dict[str, Any], key: str) -> str:
    value = row[key]
    return f"{value:+d}" if key in ("adjusted", "adjusted_pending", "difference") and value else str(value)
