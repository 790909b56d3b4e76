"""The exit checklist printout (出区核注清单, INV101 list type 8): its head, one row per account-book item with the
summed quantity and the related inventory lists, and the declarant's and customs' signatures.
Plain data in (app.customs.checklist.checklist_document), PDF bytes out.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain import vocabulary
from printing import pdf


def checklist_pdf(d: dict[str, Any]) -> bytes:
    page = pdf.Page(title="出区核注清单 Exit checklist (INV101)", barcode=d["checklist"],
                    subtitle=f"{d['enterprise']}   账册 Account book {d['account_book']}   关区 Customs {d['customs']}",
                    footer=f"exit checklist {d['checklist']}   printed {d['printed']}")
    head = pdf.fields([
        ("核注清单编号 Checklist", d["checklist"]), ("清单类型 List type", "8 保税电商 bonded e-commerce"),
        ("进出口标记 I/E", "E 出区 exit"), ("监管方式 Supervision", "1210 保税电商"),
        ("经营企业 Enterprise", f"{d['enterprise_code']} {d['enterprise']}"), ("申报企业 Declarant", d["agent"]),
        ("期间 Period", f"{d['from']} — {d['to']}"), ("关联清单 Lists", d["lists"]),
        ("数量合计 Units", d["units"]), ("状态 Status", vocabulary.both("checklist_status", d["status"])),
        ("制单 Created", d["created"]), ("核扣 Posted", d["posted"] or "—"),
    ])
    rows = [[r["seq"], r["item_no"], r["hs_code"], r["name"],
             f"{vocabulary.name('unit', r['unit'], 'zh')}\n{vocabulary.name('unit', r['unit'])}", r["quantity"],
             len(r["lists"]),
             pdf.para(", ".join(r["lists"]), "small")] for r in d["lines"]]
    rows.append(["", "合计 Total", "", "", "", d["units"], d["lists"], ""])
    story: list[Flowable] = [head, Spacer(1, 4 * mm)]
    story += pdf.table(["序号\nSeq", "料号 Item", "商品编码 HS", "品名 Name", "单位\nUnit", "数量\nQty",
                        "清单数\nLists", "关联清单号 Related inventory lists"], rows, [10, 20, 20, 38, 10, 14, 12, 62],
                       right=(5, 6))
    if d["receipt_info"]:
        answer = vocabulary.both("checklist_receipt", d["receipt_status"])  # 已核扣 (2) posted (2), not a bare 2
        story += [Spacer(1, 3 * mm), pdf.para(f"海关回执 Customs receipt {answer}: {d['receipt_info']}", "small")]
    story += [Spacer(1, 8 * mm), KeepTogether(pdf.signatures(["申报人 Declarant", "海关 Customs"]))]
    return pdf.render(page, story)
