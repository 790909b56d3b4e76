"""Small builders the orders tests share: run a service as a role, write receipt files."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from app.customs.export import export_inventory_lists
from app.customs.receipts import apply_receipts
from app.orders.importing import import_orders
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor

NS = "http://www.chinaport.gov.cn/ceb"


def run(db: Database, role: str, service, *args, **kwargs):
    """Call `service(uow, *args)` as the seeded user of `role` and commit."""
    with UnitOfWork(db, actor(role)) as uow:
        result = service(uow, *args, **kwargs)
        uow.commit()
    return result


def canceller_threads(db: Database, order_nos: list[str], count: int, wait: Callable[[], object],
                      errors: list) -> list[threading.Thread]:
    """`count` threads (not started) that, once `wait()` returns, cancel `order_nos` between them as a supervisor;
    each failure is appended to `errors` as (order number, repr)."""
    from app.orders.cancel import cancel_order

    queue, taken = list(order_nos), threading.Lock()

    def canceller() -> None:
        wait()
        while True:
            with taken:
                if not queue:
                    return
                order_no = queue.pop(0)
            try:
                run(db, "supervisor", cancel_order, order_no, reason="1")
            except Exception as exc:  # noqa: BLE001 - reported by the test
                errors.append((order_no, repr(exc)))

    return [threading.Thread(target=canceller) for _ in range(count)]


def import_samples(db: Database, name: str = "orders.jsonl"):
    return run(db, "supervisor", import_orders, DEMO / name)


def export(db: Database, outbox: Path):
    return run(db, "supervisor", export_inventory_lists, outbox)


def receipts(db: Database, path: Path):
    return run(db, "supervisor", apply_receipts, path)


def ceb622(cop_no: str, status: str, time: str, *, pre_no: str = "", invt_no: str = "", info: str = "") -> bytes:
    """A CEB622 receipt as customs sends it (returnTime YYYYMMDDhhmmssfff, Beijing time)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB622Message guid="R-{cop_no}-{status}-{time}" version="1.0" xmlns:ceb="{NS}">
  <ceb:InventoryReturn>
    <ceb:guid>R-{cop_no}</ceb:guid>
    <ceb:customsCode>2921</ceb:customsCode>
    <ceb:ebpCode>3301964J31</ceb:ebpCode>
    <ceb:ebcCode>3301960J22</ceb:ebcCode>
    <ceb:agentCode>3301960A01</ceb:agentCode>
    <ceb:copNo>{cop_no}</ceb:copNo>
    <ceb:preNo>{pre_no}</ceb:preNo>
    <ceb:invtNo>{invt_no}</ceb:invtNo>
    <ceb:returnStatus>{status}</ceb:returnStatus>
    <ceb:returnTime>{time}</ceb:returnTime>
    <ceb:returnInfo>{info}</ceb:returnInfo>
  </ceb:InventoryReturn>
</ceb:CEB622Message>
""".encode()


def ceb624(cop_no: str, status: str, time: str, info: str = "") -> bytes:
    """A CEB624 answer to a cancellation request."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ceb:CEB624Message guid="C-{cop_no}-{status}" version="1.0" xmlns:ceb="{NS}">
  <ceb:InvtCancelReturn>
    <ceb:guid>C-{cop_no}</ceb:guid>
    <ceb:customsCode>2921</ceb:customsCode>
    <ceb:copNo>{cop_no}</ceb:copNo>
    <ceb:returnStatus>{status}</ceb:returnStatus>
    <ceb:returnTime>{time}</ceb:returnTime>
    <ceb:returnInfo>{info}</ceb:returnInfo>
  </ceb:InvtCancelReturn>
</ceb:CEB624Message>
""".encode()


def _products() -> dict[str, dict[str, str]]:
    import csv

    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return {r["sku"]: r for r in csv.DictReader(fh)}


def valid_id(body17: str) -> str:
    """A GB 11643 ID number: the 17 digits given plus their check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights)) % 11]


def order_record(order_no: str, lines: list[tuple[str, int, str]] | str, qty: int = 1, price=None, *,
                 full: bool = False, buyer_id: str | None = None, waybill: str | None = None,
                 freight: str = "10.00", ordered_at: str = "2026-11-25T10:00:00+08:00", phone: str = "13912345678",
                 platform: str = "3301964J31", carrier: str = "ZTO") -> dict:
    """A valid platform order (tax computed as customs would) for `lines` [(sku, qty, unit_price)]."""
    from decimal import Decimal

    from app.domain.customs_rules import Rates, order_tax

    if isinstance(lines, str):
        lines = [(lines, qty, str(price))]
    catalog = _products()
    values = [Decimal(p) * q for _, q, p in lines]
    none = {"vat_rate": "0", "consumption_tax_rate": "0", "mfn_tariff_rate": "0"}  # an unknown SKU
    rates = [Rates(Decimal(catalog.get(s, none)["vat_rate"]), Decimal(catalog.get(s, none)["consumption_tax_rate"]),
                   Decimal(catalog.get(s, none)["mfn_tariff_rate"])) for s, _, _ in lines]
    tax = sum((t.total for t in order_tax(values, rates, Decimal(freight), Decimal(0), factor=Decimal("0.7"),
                                          full=full)), Decimal(0))
    goods = sum(values, Decimal(0))
    buyer_id = buyer_id or valid_id("33010619900101001")
    return {
        "order_no": order_no, "platform_code": platform, "platform_name": "天猫国际", "seller_code": "3301960J22",
        "seller_name": "示例海外旗舰店", "ordered_at": ordered_at,
        "buyer": {"name": "测试", "id_type": "1", "id_number": buyer_id, "phone": phone, "account": "tb1"},
        "consignee": {"name": "测试", "phone": phone, "province": "浙江省", "city": "杭州市", "district": "余杭区",
                      "address": "文一西路1号"},
        "payment": {"company_code": "312226T001", "company_name": "支付宝", "transaction_id": "P" + order_no,
                    "payer_name": "测试", "payer_id_number": buyer_id, "amount": str(goods + Decimal(freight) + tax)},
        "logistics": {"carrier_code": carrier, "waybill_no": waybill if waybill is not None else "WB" + order_no},
        "goods_value": str(goods), "freight": freight, "insurance": "0", "discount": "0", "tax": str(tax),
        "lines": [{"sku": s, "qty": q, "unit_price": p} for s, q, p in lines],
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    import json

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
