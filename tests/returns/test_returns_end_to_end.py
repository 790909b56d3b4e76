"""A shipped demo order comes back end to end (request, CEB625, receipt, receive, put away), another comes back
damaged and its lot's damaged unit is destroyed; the ledger, stock, annual total and trace after each step."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.admin import check_all
from app.customs import batch_record_data
from app.customs.export import export_inventory_lists
from app.customs.ledger import balances
from app.customs.receipts import apply_receipts
from app.customs.trace import trace
from app.domain import gs1
from app.errors import Rejected
from app.formats.customs.schemas import validate
from app.inbound import putaway
from app.persistence.models import ConsumerOrder, CustomsMessage, Location, Lot, Product, Stock
from app.persistence.uow import UnitOfWork, UnitsOfWork
from app.returns import (
    ReturnStation,
    annual_total,
    approve_disposal,
    execute_disposal,
    request_disposal,
    request_return,
    return_detail,
)
from tests.conftest import actor
from tests.outbound.conftest import run
from tests.returns.conftest import RELEASED_AT, ZONE, shipped_orders

NOW = RELEASED_AT + timedelta(days=3)


def _ledger(db) -> dict[str, dict]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return {b.account_book_item: b.to_json() for b in balances(uow)}


def _stock(db, lot_id: int) -> dict[tuple[str, str], int]:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        rows = uow.session.execute(select(Location.code, Stock.status, Stock.quantity)
                                   .join(Location, Location.id == Stock.location_id).where(Stock.lot_id == lot_id))
        return {(code, status): qty for code, status, qty in rows}


def _read(db, fn, *args):
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return fn(uow, *args)


def _receipt(folder: Path, name: str, rows: list[tuple[str, str]], minutes: int) -> Path:
    at = (NOW + timedelta(minutes=minutes)).astimezone(ZONE).strftime("%Y%m%d%H%M%S000")
    path = folder / name
    path.write_text("return_no,status,time,info\n" + "".join(f"{no},{status},{at},return {status}\n"
                                                             for no, status in rows), encoding="utf-8")
    return path


def _checks_ok(db) -> None:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        failed = [r.to_json() for r in check_all(uow) if not r.ok]
    assert not failed


@pytest.mark.pg
def test_return_end_to_end_and_destroy_the_damaged_unit(shipped, tmp_path):
    first, second = shipped_orders(shipped)[:2]
    item = {o.order_no: o.lines[0] for o in (first, second)}
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        sku_item = {o.order_no: uow.session.get(Product, item[o.order_no].product_id).account_book_item.item_no
                    for o in (first, second)}
    before_total = _read(shipped, annual_total, first.order_no)
    before = _ledger(shipped)

    # 1. request: the whole first order, one unit of the second
    a = run(shipped, "supervisor", request_return, first.order_no, "no_reason", now=NOW).to_json()
    released_on = RELEASED_AT.astimezone(ZONE).date()
    assert a == {"return": a["return"], "status": "requested", "apply_by": str(released_on + timedelta(days=30)),
                 "arrive_by": str(released_on + timedelta(days=45))}
    b = run(shipped, "supervisor", request_return, second.order_no, "damaged_in_transit",
            [(item[second.order_no].product.sku, 1)], now=NOW).to_json()
    assert _ledger(shipped) == before  # a request books nothing

    # 2. CEB625: written by the export, schema-checked, archived, never twice
    report = run(shipped, "supervisor", export_inventory_lists, tmp_path / "outbox")
    assert report.returns == 2
    files = sorted((tmp_path / "outbox").glob("CEB625_*.xml"))
    assert [f.name for f in files] == sorted([f"CEB625_{a['return']}.xml", f"CEB625_{b['return']}.xml"])
    xml = files[0].read_bytes()
    validate("CEB625", xml)
    assert (b"<ceb:InvtRefundList>" in xml and f"<ceb:orderNo>{first.order_no}</ceb:orderNo>".encode() in xml) \
        or f"<ceb:orderNo>{second.order_no}</ceb:orderNo>".encode() in xml
    again = run(shipped, "supervisor", export_inventory_lists, tmp_path / "outbox2")
    assert again.returns == 0 and not list((tmp_path / "outbox2").glob("CEB625_*"))
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        assert uow.session.scalar(select(CustomsMessage.msg_type).where(
            CustomsMessage.business_no == a["return"])) == "CEB625"
    assert _read(shipped, return_detail, a["return"])["status"] == "declared"

    # 3. customs accepts both and approves the first (CSV); the second is received before its approval
    run(shipped, "supervisor", apply_receipts,
        _receipt(tmp_path, "r1.csv", [(a["return"], "120"), (b["return"], "120")], 1))
    run(shipped, "supervisor", apply_receipts, _receipt(tmp_path, "r2.csv", [(a["return"], "800")], 2))
    assert _read(shipped, return_detail, a["return"])["status"] == "approved"
    assert _read(shipped, return_detail, b["return"])["status"] == "accepted"

    # 4. receive the first by its waybill: good unit back on its lot, held at RET-01, booked at close
    lot_a = _read(shipped, return_detail, a["return"])["lines"][0]
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        lot_a_id = uow.session.scalar(select(Lot.id).where(Lot.batch_no == lot_a["batch"]))
        gtin_a = uow.session.scalar(select(Product.gtin).where(Product.sku == lot_a["sku"]))
    stock_before = _stock(shipped, lot_a_id)
    station = ReturnStation(UnitsOfWork(shipped, actor("clerk")), now=NOW)
    assert station.scan(first.waybill_no, "s1").code == "parcel"
    assert station.scan("06901234567892", "s2").tone == "error"  # not in the parcel (or no such product)
    fb = station.scan(gtin_a, "s3")
    assert fb.code == "unit_good", fb.text
    assert station.scan(gtin_a, "s3").params.get("replayed")  # the same scan again counts nothing
    closed = station.scan("CMD:CLOSE", "s4")
    assert closed.code == "parcel_closed" and closed.params["status"] == "returned", closed.text
    after = _ledger(shipped)
    assert after[sku_item[first.order_no]]["returned"] == before[sku_item[first.order_no]]["returned"] + 1
    assert after[sku_item[first.order_no]]["balance"] == before[sku_item[first.order_no]]["balance"] + 1
    got = _stock(shipped, lot_a_id)
    assert got.get(("RET-01", "available"), 0) == stock_before.get(("RET-01", "available"), 0) + 1
    assert _read(shipped, annual_total, first.order_no) == before_total - first.dutiable_total
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        assert uow.session.get(ConsumerOrder, first.id).status == "returned"
    traced = _read(shipped, trace, a["return"])  # the returned unit → its original parcel and lot
    assert traced["matched"] == ["return"] and [p["waybill"] for p in traced["parcels"]] == [first.waybill_no]
    assert lot_a["batch"] in {lot["batch"] for lot in traced["lots"]}
    assert traced["returns"] == [{"return": a["return"], "status": "returned", "order_no": first.order_no,
                                  "waybill": first.waybill_no, "lines": [{"sku": lot_a["sku"], "batch": lot_a["batch"],
                                                                          "qty": 1, "good": 1, "damaged": 0}]}]
    down = _read(shipped, trace, lot_a["batch"])  # and the lot → the return of its unit
    assert a["return"] in {r["return"] for r in down["returns"]}
    _checks_ok(shipped)

    # 5. put away by the put-away station's service: the returned unit goes back into storage
    with UnitOfWork(shipped, actor("clerk")) as uow:
        goods = putaway.identify(uow, gs1.decode(gtin_a))
        assert goods.from_code == "RET-01"
        where = putaway.suggest(uow, goods)
        putaway.put_away(uow, gs1.decode(gtin_a), where.code)
        uow.commit()
    assert ("RET-01", "available") not in _stock(shipped, lot_a_id)
    _checks_ok(shipped)

    # 6. the second comes back damaged before customs approves it: on its lot at DMG-01, not booked yet
    lot_b = _read(shipped, return_detail, b["return"])["lines"][0]
    with UnitOfWork(shipped, actor("clerk"), write=False) as uow:
        gtin_b = uow.session.scalar(select(Product.gtin).where(Product.sku == lot_b["sku"]))
        lot_b_id = uow.session.scalar(select(Lot.id).where(Lot.batch_no == lot_b["batch"]))
    assert station.scan(b["return"], "t1").code == "parcel"
    assert station.scan("CMD:DAMAGED", "t2").code == "damaged_next"
    assert station.scan(gtin_b, "t3").code == "unit_damaged"
    assert station.scan("CMD:CLOSE", "t4").params["status"] == "received"
    mid = _ledger(shipped)
    assert mid[sku_item[second.order_no]]["returned"] == after[sku_item[second.order_no]]["returned"]
    assert _stock(shipped, lot_b_id)[("DMG-01", "damaged")] == 1
    _checks_ok(shipped)  # received, not booked: the ledger check leaves it out

    # 7. customs approves it by CEB626 XML: booked now
    (tmp_path / "ceb626.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB626Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" '
        f'guid="X" version="1.0"><ceb:InvtRefundReturn><ceb:copNo>{b["return"]}</ceb:copNo>'
        f'<ceb:returnStatus>800</ceb:returnStatus><ceb:returnTime>'
        f'{(NOW + timedelta(hours=1)).astimezone(ZONE).strftime("%Y%m%d%H%M%S")}</ceb:returnTime>'
        '<ceb:returnInfo>approved</ceb:returnInfo></ceb:InvtRefundReturn></ceb:CEB626Message>', encoding="utf-8")
    applied = run(shipped, "supervisor", apply_receipts, tmp_path / "ceb626.xml")
    assert applied.applied == 1 and not applied.unmatched
    assert _read(shipped, return_detail, b["return"])["status"] == "returned"
    booked = _ledger(shipped)
    assert booked[sku_item[second.order_no]]["returned"] == mid[sku_item[second.order_no]]["returned"] + 1

    # 8. the damaged unit's lot: destroyed under customs approval, witnessed
    d = run(shipped, "supervisor", request_disposal, lot_b["batch"], 1, "damaged", "destroy")
    assert d.to_json() == {"disposal": d.disposal, "status": "requested"}
    with pytest.raises(Rejected) as refused:
        run(shipped, "supervisor", execute_disposal, d.disposal, ["王伟"])
    assert refused.value.code == "not_approved"
    run(shipped, "customs", approve_disposal, d.disposal)
    with pytest.raises(Rejected) as refused:
        run(shipped, "supervisor", execute_disposal, d.disposal, [" "])
    assert refused.value.code == "no_witness"
    done = run(shipped, "supervisor", execute_disposal, d.disposal, ["王伟", "Li Na"])
    assert done.status == "executed"
    final = _ledger(shipped)
    entry = final[sku_item[second.order_no]]
    assert entry["disposed"] == booked[sku_item[second.order_no]]["disposed"] + 1
    assert entry["balance"] == entry["entered"] - entry["decreased"] + entry["returned"] - entry["disposed"]
    assert ("DMG-01", "damaged") not in _stock(shipped, lot_b_id)
    record = _read(shipped, batch_record_data, lot_b["batch"])
    assert [r["return"] for r in record["returns"]] == [b["return"]] and record["returns"][0]["damaged"] == 1
    assert [(x["disposal"], x["status"], x["witnesses"]) for x in record["disposals"]] == [
        (d.disposal, "executed", ["王伟", "Li Na"])]
    assert record["balance"]["returned"] == 1 and record["balance"]["disposed"] == 1
    assert {c["doc_type"] for c in record["chronology"]} >= {"退货 return", "销毁 destruction"}
    assert [r["disposal"] for r in _read(shipped, trace, lot_b["batch"])["disposals"]] == [d.disposal]
    _checks_ok(shipped)
