"""Benchmark: import 100,000 orders (JSON Lines, SQLite, time and peak memory), export 10,000 inventory
lists, apply 10,000 receipts. `python -m bench orders`; `python -m bench.b_orders import URL FILE` is the
child process that measures the import's own peak RSS.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from app import settings
from app.domain.customs_rules import Rates, order_tax
from app.persistence.db import open_database
from app.persistence.models import AccountBookItem, CustomsLedgerEntry, InventoryList
from app.persistence.uow import SYSTEM, UnitOfWork

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
ORDERS, DECLARED, RECEIPTS = 100_000, 10_000, 10_000
IMPORT_GOAL_S, MEMORY_GOAL_MB, EXPORT_GOAL_S, RECEIPT_GOAL_S = 60.0, 500.0, 15.0, 15.0
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(n: int) -> str:
    body = f"330106{1960 + n % 40}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS)) % 11]


def _catalog() -> dict[str, tuple[Decimal, Rates]]:
    with open(DEMO / "products.csv", encoding="utf-8") as fh:
        return {r["sku"]: (Decimal(r["filed_price"]), Rates(Decimal(r["vat_rate"]), Decimal(r["consumption_tax_rate"]),
                                                            Decimal(r["mfn_tariff_rate"])))
                for r in csv.DictReader(fh) if Decimal(r["filed_price"]) < 1000}


def write_orders(path: Path, count: int, seed: int = 7) -> None:
    """`count` valid orders: 1–3 lines of the cheaper sample SKUs, 20,000 buyers, unique waybills."""
    rng = random.Random(seed)
    catalog = _catalog()
    skus = sorted(catalog)
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(count):
            lines = [(sku, rng.randint(1, 2)) for sku in rng.sample(skus, rng.randint(1, 3))]
            values = [catalog[s][0] * q for s, q in lines]
            freight = Decimal(rng.choice(("0", "10.00", "15.00")))
            tax = sum((t.total for t in order_tax(values, [catalog[s][1] for s, _ in lines], freight, Decimal(0),
                                                  factor=Decimal("0.7"))), Decimal(0))
            goods = sum(values, Decimal(0))
            buyer = _id_number(n % 20_000)
            phone = f"139{n % 100_000_000:08d}"
            fh.write(json.dumps({
                "order_no": f"BENCH{n:09d}", "platform_code": "3301964J31", "platform_name": "天猫国际",
                "seller_code": "3301960J22", "seller_name": "示例海外旗舰店", "ordered_at": "2026-11-25T09:49:00+08:00",
                "buyer": {"name": "测试买家", "id_type": "1", "id_number": buyer, "phone": phone, "account": f"tb{n}"},
                "consignee": {"name": "测试买家", "phone": phone, "province": "浙江省", "city": "杭州市",
                              "district": "余杭区", "address": f"文一西路{n % 999}号"},
                "payment": {"company_code": "312226T001", "company_name": "支付宝", "transaction_id": f"PAY{n:012d}",
                            "payer_name": "测试买家", "payer_id_number": buyer, "amount": str(goods + freight + tax)},
                "logistics": {"carrier_code": "ZTO", "waybill_no": f"ZT{n:012d}"},
                "goods_value": str(goods), "freight": str(freight), "insurance": "0", "discount": "0",
                "tax": str(tax), "lines": [{"sku": s, "qty": q, "unit_price": str(catalog[s][0])} for s, q in lines],
            }, ensure_ascii=False) + "\n")


def prepare(url: str) -> None:
    """Sample master data and a large released bonded balance on every account-book item."""
    from app.admin import ensure_owner, masterdata
    db = open_database(url)
    with UnitOfWork(db, SYSTEM) as uow:
        masterdata.import_warehouse(uow, DEMO / "warehouse.toml")
        masterdata.import_products(uow, DEMO / "products.csv")
        masterdata.import_positive_list(uow, DEMO / "positive_list.csv")
        masterdata.import_carriers(uow, DEMO / "carriers.csv")
        settings.set_value(uow.session, "dxp_id", "DXPENT0000458763")
        owner = ensure_owner(uow).sole.id
        for item_id in uow.session.query(AccountBookItem.id).all():
            uow.session.add(CustomsLedgerEntry(account_book_item_id=item_id[0], owner_id=owner, biz_type="IN",
                                               state="ACTUAL",
                                               quantity=10_000_000, doc_type="INV101", doc_no="BENCH"))
        uow.commit()
    db.dispose()


def _peak_rss_mb() -> float:
    """This process's own peak RSS. Not getrusage: Linux keeps ru_maxrss across exec, so a child started
    by the (big) bench process would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_import(url: str, path: str) -> None:
    """Run in its own process: import the file, print seconds, peak RSS and the report's counts."""
    from app.orders.importing import import_orders

    db = open_database(url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM) as uow:
        report = import_orders(uow, path)
        uow.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = _peak_rss_mb()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "accepted": report.accepted,
                      "rejected": len(report.rejected), "first": report.rejected[:3]}))


def _timed_import(ctx, url: str, path: Path) -> dict:
    env = {**os.environ, "BWMS_HOME": str(ctx.tmp / "home")}
    done = subprocess.run([sys.executable, "-m", "bench.b_orders", "import", url, str(path)], check=True,
                          capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parents[1])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _write_receipts(folder: Path, url: str) -> None:
    folder.mkdir(exist_ok=True)
    db = open_database(url)
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        cops = uow.session.query(InventoryList.cop_no).order_by(InventoryList.id).limit(RECEIPTS).all()
    db.dispose()
    for n, (cop,) in enumerate(cops):
        (folder / f"CEB622_{cop}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><ceb:CEB622Message xmlns:ceb="http://www.chinaport.gov.cn/ceb">'
            f"<ceb:InventoryReturn><ceb:copNo>{cop}</ceb:copNo><ceb:preNo>B{n:016d}</ceb:preNo>"
            f"<ceb:invtNo>29212026I{n:09d}</ceb:invtNo><ceb:returnStatus>800</ceb:returnStatus>"
            "<ceb:returnTime>20261126103015123</ceb:returnTime><ceb:returnInfo>放行</ceb:returnInfo>"
            "</ceb:InventoryReturn></ceb:CEB622Message>", encoding="utf-8")


def run(ctx) -> None:
    os.environ["BWMS_HOME"] = str(ctx.tmp / "home")
    big = ctx.tmp / "orders_100k.jsonl"
    write_orders(big, ORDERS)
    url = ctx.fresh_sqlite("orders_import")
    prepare(url)
    result = _timed_import(ctx, url, big)
    assert result["accepted"] == ORDERS, result
    ctx.report(f"import and validate {ORDERS:,} orders (JSON Lines), SQLite", result["seconds"], "s",
               f"< {IMPORT_GOAL_S:g} s", result["seconds"] < IMPORT_GOAL_S)
    ctx.report("  the same, CPU time of the importing process", result["cpu"], "s")
    ctx.report("peak memory of that import (RSS)", result["peak_mb"], "MB", f"< {MEMORY_GOAL_MB:g} MB",
               result["peak_mb"] < MEMORY_GOAL_MB)
    small = ctx.tmp / "orders_10k.jsonl"
    write_orders(small, DECLARED, seed=11)
    url = ctx.fresh_sqlite("orders_export")
    prepare(url)
    assert _timed_import(ctx, url, small)["accepted"] == DECLARED
    _export_and_receipts(ctx, url)


def _export_and_receipts(ctx, url: str) -> None:
    from app.customs.export import export_inventory_lists
    from app.customs.receipts import apply_receipts

    db = open_database(url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM) as uow:
        report = export_inventory_lists(uow, ctx.tmp / "outbox")
        uow.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.exported == DECLARED, report.describe()
    ctx.report(f"export {DECLARED:,} inventory lists (CEB621 files, archive, ledger), SQLite", seconds, "s",
               f"< {EXPORT_GOAL_S:g} s", seconds < EXPORT_GOAL_S)
    ctx.report("  the same, CPU time", cpu, "s")
    _write_receipts(ctx.tmp / "inbox", url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM) as uow:
        applied = apply_receipts(uow, ctx.tmp / "inbox")
        uow.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert applied.applied == RECEIPTS, applied.describe()
    ctx.report(f"apply {RECEIPTS:,} receipts (CEB622 files), SQLite", seconds, "s", f"< {RECEIPT_GOAL_S:g} s",
               seconds < RECEIPT_GOAL_S)
    ctx.report("  the same, CPU time", cpu, "s")
    db.dispose()


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "import":
    child_import(sys.argv[2], sys.argv[3])
