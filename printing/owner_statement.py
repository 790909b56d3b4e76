"""The monthly statement of one owner (货主月度对账单), A4 portrait, in Chinese with the English beside it:
what came in, what left, what was stored (unit-days, location-days) and the charges with their total.
Plain data in (app.owners.statement.statement_document), PDF bytes out.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from printing import pdf

WIDTH = 180  # usable width of A4 portrait in mm

ITEMS = {"orders_shipped": "出库订单 Orders shipped", "units_shipped": "出库件数 Units shipped",
         "cartons_received": "入库箱数 Cartons received", "location_days": "库位·天 Location-days"}


def statement_pdf(d: dict[str, Any]) -> bytes:
    page = pdf.Page(title="货主月度对账单 Owner's monthly statement",
                    subtitle=f"{d['warehouse']}  货主 Owner {d['owner']} {d['owner_name']}  月份 Month {d['month']}",
                    barcode=f"{d['owner']}/{d['month']}", footer=f"statement {d['owner']}/{d['month']}")
    storage = d["storage"]
    head = pdf.fields([
        ("货主 Owner", f"{d['owner']} {d['owner_name']}"), ("海关编码 Customs code", d["customs_code"] or "—"),
        ("期间 Period", f"{d['from_local']} — {d['to_local']}"), ("天数 Days", d["days"]),
    ], columns=2, width=WIDTH * mm)
    story: list[Flowable] = [head, Spacer(1, 4 * mm), pdf.para("业务量 Activity (from the movements)", "h2")]
    story += pdf.table(["项目 Item", "数量 Quantity"], [
        ["入库件数 Units received", d["received"]["units"]],
        ["入库箱数 Cartons received", d["received"]["cartons"]],
        ["出库订单 Orders shipped", d["shipped"]["orders"]],
        ["出库件数 Units shipped", d["shipped"]["units"]],
        ["退货件数 Units returned", d["returned_units"]],
        ["销毁/退运件数 Units disposed", d["disposed_units"]],
        ["期初库存 Opening units", storage["opening_units"]],
        ["期末库存 Closing units", storage["closing_units"]],
        ["仓储件·天 Unit-days", storage["unit_days"]],
        ["库位·天 Location-days", storage["location_days"]],
    ], [120, 60], right=(1,))
    story += [Spacer(1, 4 * mm), pdf.para("费用 Charges (CNY)", "h2")]
    if d["tariff"] is None:
        story.append(pdf.para("未设费率 No tariff: import one with `bwms import tariffs FILE`.", "body"))
    else:
        rows = [[ITEMS.get(c["item"], c["item"]), c["quantity"], c["rate"], c["amount"]] for c in d["charges"]]
        rows.append([pdf.para("合计 Total", "h2"), "", "", pdf.para(f"{d['total']} {d['currency']}", "h2")])
        story += pdf.table(["项目 Item", "数量 Quantity", "单价 Rate", "金额 Amount"], rows, [80, 30, 30, 40],
                           right=(1, 2, 3))
    story += [Spacer(1, 8 * mm), pdf.signatures(["仓库 Warehouse", "货主 Owner"], width=WIDTH * mm)]
    return pdf.render(page, story)
