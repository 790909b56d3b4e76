"""The shipping documents (DOMAIN.md §5): handover manifest (D8), gate pass (D9), inspection pull list (D12).

Plain data in (the dicts app.outbound.documents makes), PDF bytes out, on the shared A4 base.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain import vocabulary
from printing import pdf


def manifest_pdf(d: dict[str, Any]) -> bytes:
    """出区交接清单: one row per parcel with its waybill barcode, the totals, and the signatures."""
    return pdf.render(*manifest_story(d))


def manifest_story(d: dict[str, Any]) -> tuple[pdf.Page, list[Flowable]]:
    """The manifest's page and story: each waybill's barcode inside its cell, the number printed under it."""
    page = pdf.Page(title="出区交接清单 Outbound handover manifest",
                    subtitle=f"{d['warehouse']}   账册 Account book {d['account_book']}", barcode=d["manifest"],
                    footer=f"manifest {d['manifest']}   gate pass {d['gate_pass']}   printed {d['printed']}")
    head = pdf.fields([
        ("交接单号 Manifest", d["manifest"]), ("核放单 Gate pass", d["gate_pass"]),
        ("承运商 Carrier", f"{d['carrier']} {d['carrier_name']}"), ("车牌 Vehicle", d["vehicle"]),
        ("制单 Created", d["created"]), ("出区 Departed", d["exited"] or "—"),
        ("包裹数 Parcels", d["parcel_count"]), ("总毛重 Gross kg", d["gross"]),
    ])
    rows = [[p["seq"], pdf.CellBarcode(p["waybill"], height_mm=8, bar_mm=0.3), p["order_no"], p["invt_no"],
             p["pieces"], p["weight"]] for p in d["parcels"]]
    rows.append(["", "合计 Total", f"{d['parcel_count']} 件包裹 parcels", "", sum(p["pieces"] for p in d["parcels"]),
                 d["gross"]])
    story: list[Flowable] = [head, Spacer(1, 4 * mm)]
    story += pdf.table(["序号\nSeq", "运单号 Waybill", "订单号 Order", "清单号 Inventory list", "件数\nPieces",
                        "重量 kg\nWeight"], rows, [10, 66, 40, 38, 14, 18], right=(4, 5))
    story += [Spacer(1, 8 * mm), KeepTogether(pdf.signatures(["仓库 Warehouse", "承运商司机 Carrier's driver"]))]
    return page, story


def gate_pass_pdf(d: dict[str, Any]) -> bytes:
    """核放单: second-line exit of one vehicle, its goods by account-book item and the lists it carries."""
    page = pdf.Page(title="核放单 Gate release pass", subtitle=f"{d['enterprise']}   关区 Customs {d['customs']}",
                    barcode=d["gate_pass"], footer=f"gate pass {d['gate_pass']}   manifest {d['manifest']}   "
                                                   f"printed {d['printed']}")
    head = pdf.fields([
        ("核放单号 Pass no.", d["gate_pass"]), ("类型 Type", d["type"]), ("进出标志 I/O", d["io"]),
        ("绑定类型 Bind", d["bind"]), ("区内企业 Enterprise", f"{d['enterprise_code']} {d['enterprise']}"),
        ("账册 Account book", d["account_book"]), ("车牌 Vehicle", d["vehicle"]),
        ("IC卡 IC card", d.get("ic_card") or "—"), ("承运商 Carrier", d["carrier"]),
        ("车辆自重 Vehicle (tare) kg", d.get("tare", "")), ("总重 Total (gross) kg", d.get("total", "")),
        ("货物毛重 Goods gross kg", d["gross"]), ("货物净重 Goods net kg", d["net"]),
        ("称重 Weighed by", d.get("weighed") or "—"), ("包裹数 Parcels", d["parcels"]),
        ("交接单 Manifests", ", ".join(d.get("manifests", [d["manifest"]]))),
        ("制单 Created", d["created"]), ("过卡 Passed gate", d["exited"] or "—"),
    ])
    rows = [[r["seq"], r["item_no"], r["hs_code"], r["name"],
             f"{vocabulary.name('unit', r['unit'], 'zh')}\n{vocabulary.name('unit', r['unit'])}", r["qty"], r["gross"],
             r["net"]]
            for r in d["lines"]]
    lists = ", ".join(d["lists"])
    story: list[Flowable] = [head, Spacer(1, 4 * mm), pdf.para("货物 Goods", "h2")]
    story += pdf.table(["序号\nSeq", "料号 Item", "商品编码 HS", "品名 Name", "单位\nUnit", "数量\nQty",
                        "毛重 kg\nGross", "净重 kg\nNet"], rows, [11, 22, 24, 55, 12, 14, 24, 24], right=(5, 6, 7))
    story += [Spacer(1, 3 * mm), pdf.para(f"关联清单 Related inventory lists ({len(d['lists'])})", "h2"),
              pdf.para(lists or "—", "small"), Spacer(1, 8 * mm),
              KeepTogether(pdf.signatures(["申报人 Declarant", "卡口 Gate"]))]
    return pdf.render(page, story)


def pull_list_pdf(d: dict[str, Any]) -> bytes:
    """查验清单: every parcel customs stopped for inspection, where it waits, for the officer and the warehouse."""
    one = f"   {d['key']}" if d.get("key") else ""
    page = pdf.Page(title="查验清单 Inspection pull list", subtitle=f"{d['warehouse']}{one}",
                    footer=f"inspection pull list{one}   printed {d['printed']}")
    rows = [[r["seq"], r["invt_no"], pdf.CellBarcode(r["waybill"], height_mm=7, bar_mm=0.28), r["order_no"],
             r["location"] or vocabulary.both("pull", "pulled" if r["pulled"] else "waiting"),
             vocabulary.both("receipt", r["customs_status"]) if r["customs_status"] else "—",
             vocabulary.both("order_status", r["order_status"]), r["since"]] for r in d["rows"]]
    story: list[Flowable] = [pdf.para(f"待查验包裹 Parcels under inspection: {len(rows)}", "h2")]
    if rows:
        story += pdf.table(["序号\nSeq", "清单号 List", "运单号 Waybill", "订单号 Order", "位置 Where",
                            "海关状态 Customs", "订单状态 Order status", "自 Since"], rows,
                           [9, 28, 50, 30, 20, 20, 21, 8 + 20], right=())
    else:
        story.append(pdf.para("没有待查验的包裹。No parcel is under customs inspection.", "body"))
    story += [Spacer(1, 8 * mm), KeepTogether(pdf.signatures(["海关关员 Customs officer", "仓库 Warehouse"]))]
    return pdf.render(page, story)
