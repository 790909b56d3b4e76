"""The disposal documents (DOMAIN.md §1.3 row 19): the destruction declaration form and the execution record.

Plain data in (the dicts app.returns.documents makes), PDF bytes out, on the shared A4 base.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain import vocabulary
from printing import pdf


def _goods(d: dict[str, Any]) -> list[Flowable]:
    rows = [[d["item_no"], d["hs_code"], f"{d['name']}\n{d['name_en']}", d["spec"], d["lot"], d["expiry"] or "—",
             d["quantity"], vocabulary.name("unit", d["unit"], "zh") + "\n" + vocabulary.name("unit", d["unit"]),
             d["unit_price"], d["value"]]]
    return pdf.table(["料号\nItem", "商品编码\nHS", "品名 Name", "规格 Spec", "批次 Lot", "有效期\nExpiry",
                      "数量\nQty", "单位\nUnit", "单价\nPrice", "货值 CNY\nValue"], rows,
                     [16, 20, 36, 24, 22, 18, 11, 11, 14, 18], right=(6, 8, 9))


def disposal_form_pdf(d: dict[str, Any]) -> bytes:
    """跨境电商网购保税进口商品销毁处置申报表: what is to go, why, how and by whom, for the customs officer."""
    page = pdf.Page(title="跨境电商网购保税进口商品销毁处置申报表", subtitle="Destruction / return-abroad declaration "
                    f"form   {d['warehouse']}", barcode=f"D{d['disposal']}",
                    footer=f"disposal {d['disposal']}   printed {d['printed']}")
    head = pdf.fields([
        ("申报编号 Disposal no.", d["disposal"]), ("状态 Status", vocabulary.both("disposal_status", d["status"])),
        ("区内企业 Enterprise", f"{d['area_code']} {d['warehouse']}"), ("账册 Account book", d["account_book"]),
        ("关区 Customs", d["customs_code"]), ("入区报关单 Entry", d["declaration"]),
        ("处置原因 Reason", vocabulary.both("disposal_reason", d["reason"])),
        ("处置方式 Method", vocabulary.both("disposal_method", d["method"])),
        ("处置单位 Disposal company", d["company"] or "—"), ("申请人 Requested by", d["requested_by"]),
        ("申请时间 Requested", d["requested"]), ("海关审批 Approved", f"{d['approved_by']} {d['approved']}".strip()
                                                                   or "—"),
    ])
    story: list[Flowable] = [head, Spacer(1, 4 * mm), pdf.para("处置商品 Goods", "h2"), *_goods(d),
                             Spacer(1, 4 * mm),
                             pdf.para("随附：情况说明及处置方案、处置单位资质、处置合同。Attached: the explanation and "
                                      "plan, the disposal company's qualifications and the contract.", "small"),
                             Spacer(1, 10 * mm),
                             KeepTogether(pdf.signatures(["申报企业（盖章）Enterprise (seal)", "海关审批 Customs"]))]
    return pdf.render(page, story)


def disposal_record_pdf(d: dict[str, Any]) -> bytes:
    """销毁处置执行记录: what left from where, when, who executed it, and a signature line per witness."""
    page = pdf.Page(title="销毁处置执行记录 Disposal execution record", subtitle=d["warehouse"],
                    barcode=f"D{d['disposal']}", footer=f"disposal {d['disposal']}   printed {d['printed']}")
    head = pdf.fields([
        ("申报编号 Disposal no.", d["disposal"]), ("处置方式 Method", vocabulary.both("disposal_method", d["method"])),
        ("处置原因 Reason", vocabulary.both("disposal_reason", d["reason"])),
        ("处置单位 Disposal company", d["company"] or "—"),
        ("海关审批 Approved", f"{d['approved_by']} {d['approved']}"), ("执行时间 Executed", d["executed"]),
        ("执行人 Executed by", d["executed_by"]), ("账册 Account book", d["account_book"]),
    ])
    taken = [[n, where, vocabulary.both("stock_status", status), qty]
             for n, (where, status, qty) in enumerate((t.rsplit(" ", 2) for t in d["taken"]), start=1)]
    story: list[Flowable] = [head, Spacer(1, 4 * mm), pdf.para("处置商品 Goods", "h2"), *_goods(d),
                             Spacer(1, 3 * mm), pdf.para("出库明细 Taken from", "h2")]
    story += pdf.table(["序号\nSeq", "库位 Location", "状态 Status", "数量 Qty"], taken, [14, 50, 40, 24], right=(3,))
    story += [Spacer(1, 6 * mm), pdf.para("监督见证 Witnesses", "h2"), Spacer(1, 4 * mm),
              KeepTogether(pdf.signatures([f"见证人 Witness: {w}" for w in d["witnesses"]]
                                          + ["执行人 Executed by", "海关关员 Customs officer"]))]
    return pdf.render(page, story)
