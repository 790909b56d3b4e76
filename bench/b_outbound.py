"""Benchmark: allocate 100,000 released order lines over 5,000 lots (SQLite), a 1,000-page pick list, the
waybill label as ZPL and PDF, and `trace` on a database of 1,000,000 parcels (built with bulk inserts).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert, text

from app.persistence.db import open_database
from app.persistence.models import (
    AccountBookItem,
    ConsumerOrder,
    DeclarationLine,
    InboundDeclaration,
    InventoryList,
    Location,
    Lot,
    OrderLine,
    Owner,
    Product,
    Stock,
    Warehouse,
)
from app.persistence.uow import SYSTEM, UnitOfWork

LINES, LOTS, PRODUCTS = 100_000, 5_000, 1_000
PARCELS = 1_000_000
ALLOCATE_GOAL_S, PICK_LIST_GOAL_S, ZPL_GOAL_MS, PDF_GOAL_MS, TRACE_GOAL_MS = 30.0, 15.0, 5.0, 20.0, 50.0
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)


def lot_owner(n: int, products: int, owners: int) -> int:
    """Whose lot n (of product n % products + 1) is: a product's lots belong to several owners."""
    return (n + n // products) % owners + 1


def _master(conn, lots: int, products: int, owners: int = 1) -> None:
    """Warehouse, items and products, `owners` owners each with one declaration, a line and a lot per lot (lot n
    is owner lot_owner(n)'s), a storage location each."""
    conn.execute(insert(Owner.__table__), [{"id": o, "code": f"OWN{o:02d}", "name": f"货主{o}",
                                            "customs_code": f"3301960{o:03d}"} for o in range(1, owners + 1)])
    conn.execute(insert(Warehouse.__table__), [{
        "name": "杭州综保区一号仓", "area_code": "3301960A01", "area_name": "杭州示例保税物流有限公司",
        "account_book": "T2921W000123", "customs_code": "2921", "port_code": "2921", "agent_code": "3301960A01",
        "agent_name": "杭州示例保税物流有限公司", "time_zone": "Asia/Shanghai"}])
    conn.execute(insert(AccountBookItem.__table__), [{
        "id": p, "item_no": f"ITEM{p:06d}", "account_book": "T2921W000123", "hs_code": "2106909090",
        "name": f"商品{p}", "unit": "142", "legal_unit1": "035", "legal_unit2": None, "storage_limit_days": None,
        "customs_execution_flag": "1"} for p in range(1, products + 1)])
    conn.execute(insert(Product.__table__), [{
        "id": p, "sku": f"SKU-{p:06d}", "gtin": f"69{p:011d}", "name_cn": f"测试商品{p}号 500克", "name_en": f"Test {p}",
        "brand": "Brand", "spec": "500g", "hs_code": "2106909090", "origin": "AU", "unit": "142", "legal_unit1": "035",
        "legal_factor1": Decimal("0.5"), "legal_unit2": None, "legal_factor2": None, "filed_price": Decimal("89"),
        "currency": "CNY", "net_weight_kg": Decimal("0.5"), "gross_weight_kg": Decimal("0.6"), "shelf_life_days": 1095,
        "account_book_item_id": p, "vat_rate": Decimal("0.13"), "consumption_tax_rate": Decimal(0),
        "mfn_tariff_rate": Decimal("0.15")} for p in range(1, products + 1)])
    conn.execute(insert(InboundDeclaration.__table__), [{
        "id": o, "declaration_no": f"QDBENCH{o:09d}", "entry_no": "", "bill_of_lading": "MAEUBENCH",
        "container_no": "BENU0000001", "seal_no": "", "arrival_date": TODAY, "status": "put_away",
        "created_at": NOW, "released_at": NOW, "owner_id": o} for o in range(1, owners + 1)])
    conn.execute(insert(DeclarationLine.__table__), [{
        "id": n, "declaration_id": lot_owner(n, products, owners), "line_no": n, "account_book_item_id": n % products + 1,
        "product_id": n % products + 1, "declared_qty": 10_000, "batch_no": f"B{n:06d}", "production_date": None,
        "expiry_date": TODAY + timedelta(days=20 + n % 900)} for n in range(1, lots + 1)])
    conn.execute(insert(Lot.__table__), [{
        "id": n, "product_id": n % products + 1, "batch_no": f"B{n:06d}", "production_date": None,
        "expiry_date": TODAY + timedelta(days=20 + n % 900), "declaration_line_id": n, "status": "available",
        "received_at": NOW - timedelta(minutes=n), "owner_id": lot_owner(n, products, owners)} for n in range(1, lots + 1)])
    conn.execute(insert(Location.__table__), [{
        "id": n, "code": f"S-{n:05d}", "kind": "storage", "pick_sequence": n, "active": True}
        for n in range(1, lots + 1)])


def _order_rows(n: int, status: str, owner: int = 1) -> dict:
    blob = b"\x01" + b"0" * 40
    return {"id": n, "order_no": f"BENCH{n:09d}", "platform_code": "3301964J31", "platform_name": "天猫国际",
            "seller_code": f"3301960{owner:03d}", "seller_name": f"货主{owner}", "owner_id": owner, "ordered_at": NOW, "order_year": 2026,
            "buyer_name_enc": blob, "buyer_id_type": "1", "buyer_id_enc": blob, "buyer_id_hash": f"{n:064d}",
            "buyer_id_masked": "330106********0001", "buyer_phone_enc": blob, "buyer_phone_masked": "139****0001",
            "buyer_account": "tb", "consignee_name_enc": blob, "consignee_phone_enc": blob,
            "consignee_phone_masked": "139****0001", "consignee_province": "浙江省", "consignee_city": "杭州市",
            "consignee_district": "余杭区", "consignee_address": "文一西路1号", "pay_code": "312226T001",
            "pay_name": "支付宝", "pay_transaction_id": f"P{n}", "paid": Decimal("100"),
            "carrier_code": ("SF", "YTO", "ZTO")[n % 3], "waybill_no": f"WB{n:012d}", "goods_value": Decimal("89"),
            "freight": Decimal(0), "insurance": Decimal(0), "discount": Decimal(0), "tax": Decimal("9.10"),
            "tax_computed": Decimal("9.10"), "dutiable_total": Decimal("89"), "full_tax": False, "status": status,
            "inspection": False, "rejection_code": "", "rejection_reason": "", "source": "bench", "source_line": n,
            "imported_at": NOW}


def build_allocation_db(url: str, lines: int = LINES, lots: int = LOTS, products: int = PRODUCTS,
                        owners: int = 1) -> int:
    """Released orders with `lines` lines (1–3 a order) over `lots` lots in storage; returns the order count."""
    rng = random.Random(6)
    db = open_database(url)
    with db.engine.begin() as conn:
        _master(conn, lots, products, owners)
        conn.execute(insert(Stock.__table__), [{
            "location_id": n, "lot_id": n, "product_id": n % products + 1, "lpn": "", "status": "available",
            "quantity": 45, "reserved": 0} for n in range(1, lots + 1)])
        held: dict[int, list[int]] = {}  # owner → the products it holds (each order asks its owner's goods)
        for lot in range(1, lots + 1):
            held.setdefault(lot_owner(lot, products, owners), []).append(lot % products + 1)
        held = {o: sorted(set(ps)) for o, ps in held.items()}
        orders, order_lines, n = [], [], 0
        while len(order_lines) < lines:
            n += 1
            owner = n % owners + 1
            orders.append(_order_rows(n, "released", owner))
            for gnum, pid in enumerate(rng.sample(held[owner], min(rng.randint(1, 3),
                                                                   lines - len(order_lines))), start=1):
                order_lines.append({"order_id": n, "gnum": gnum, "product_id": pid, "account_book_item_id": pid,
                                    "quantity": rng.randint(1, 2), "unit_price": Decimal("89"),
                                    "line_value": Decimal("89"), "tariff": Decimal(0), "consumption_tax": Decimal(0),
                                    "vat": Decimal("9.10")})
        conn.execute(insert(ConsumerOrder.__table__), orders)
        conn.execute(insert(OrderLine.__table__), order_lines)
        conn.execute(insert(InventoryList.__table__), [{
            "order_id": o["id"], "cop_no": f"BWI{o['id']:012d}", "guid": "G", "app_type": "1", "declared_at": NOW,
            "message_id": None, "status": "released", "return_status": "800", "return_info": "",
            "latest_return_at": NOW, "pre_no": "", "invt_no": "", "released_at": NOW, "pre_held": True,
            "cancel_state": "", "written_off_at": None} for o in orders])
    db.dispose()
    return n


def bench_allocation(ctx) -> None:
    from app.outbound.allocation import allocate

    url = ctx.fresh_sqlite("allocation")
    orders = build_allocation_db(url)
    db = open_database(url)
    started, cpu = time.perf_counter(), time.process_time()
    with UnitOfWork(db, SYSTEM) as uow:
        report = allocate(uow, today=TODAY)
        uow.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    assert report.allocated + len(report.waiting) == orders, report.describe()[:200]
    ctx.report(f"allocate {LINES:,} order lines ({orders:,} orders) over {LOTS:,} lots, SQLite "
               f"({report.allocated:,} filled, {len(report.waiting):,} waiting, {len(report.waves)} waves; "
               f"CPU {cpu:.1f} s)",
               seconds, "s", f"< {ALLOCATE_GOAL_S:g} s", seconds < ALLOCATE_GOAL_S)


def bench_pick_list(ctx) -> None:
    from printing.pick_list import pick_list_pdf, rows_per_page

    count = rows_per_page() * 1000
    # five lines a location: the list goes stop by stop (a stop row before each location's lines)
    lines = [{"location": f"A-{i // 2000:02d}-{i // 5 % 400:03d}", "sku": f"SKU-{i % 1000:06d}",
              "name": f"测试商品{i % 1000}号 麦卢卡蜂蜜MGO263+ 500克", "batch": f"B{i % 5000:06d}",
              "expiry": "2029-10-08", "qty": 1 + i % 3, "order_no": f"TG2026{i:010d}", "status": "open"}
             for i in range(count)]
    data = {"wave": "W000001", "carrier": "SF", "kind": "multi", "orders": count,
            "units": sum(line["qty"] for line in lines), "warehouse": "杭州综保区一号仓",
            "created": "2026-11-26 10:00", "printed": "2026-11-26 10:05", "lines": lines}
    started, cpu = time.perf_counter(), time.process_time()
    pdf = pick_list_pdf(data)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    (ctx.tmp / "pick-list-1000.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page\n")  # reportlab writes one such line a page (and "/Type /Pages" once)
    ctx.report(f"pick list of {count:,} lines at {count // 5:,} stops ({pages:,} pages, {len(pdf) / 1e6:.1f} MB; "
               f"CPU {cpu:.1f} s)", seconds, "s",
               f"< {PICK_LIST_GOAL_S:g} s", seconds < PICK_LIST_GOAL_S)


def bench_labels(ctx) -> None:
    from printing.label import to_pdf, to_zpl
    from printing.waybill import waybill_label

    def data(i: int) -> dict:
        return {"carrier": "SF", "carrier_name": "顺丰速运", "waybill": f"SF{100000000000 + i}",
                "sort_code": "浙江-杭州-余杭区", "hub": "杭州集包", "consignee": "王*", "phone": f"158****{i % 10000:04d}",
                "address": f"浙江省杭州市余杭区文一西路{i}号{i % 30}幢{i % 2000}室", "sender": "杭州综保区一号仓",
                "sender_address": "杭州示例保税物流有限公司", "order_no": f"TG2026{i:010d}", "weight": "1.234",
                "pieces": 1 + i % 4, "summary": f"SKU-{i % 100:06d}×1", "printed_at": "2026-11-26 10:00"}

    to_zpl(waybill_label(data(0)))
    to_pdf([waybill_label(data(0))])  # start-up: fonts loaded once per process
    zpl = [_timed(lambda i=i: to_zpl(waybill_label(data(i)))) for i in range(1, 301)]
    pdf = [_timed(lambda i=i: to_pdf([waybill_label(data(i))])) for i in range(301, 401)]
    for name, times, goal in (("ZPL", zpl, ZPL_GOAL_MS), ("PDF", pdf, PDF_GOAL_MS)):
        wall = [w for w, _ in times]
        mean = statistics.mean(wall)
        ctx.report(f"waybill label 100×150 mm as {name}, mean of {len(times)} (p95 "
                   f"{sorted(wall)[int(len(wall) * 0.95)]:.1f} ms; CPU {statistics.mean(c for _, c in times):.1f} ms)",
                   mean, "ms", f"< {goal:g} ms", mean < goal)


def _timed(fn) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call: the machine is shared, so both are reported."""
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


# table, its columns, the SELECT list over seq(n) giving them, rows (None: one per parcel) — every parcel has its
# order, order line, pick task, allocation and one item; 1,000 parcels a manifest; lots spread evenly. The columns are
# named: a column a migration adds is then left to its default or refused by name (positional INSERTs broke unnoticed
# when the order gained its owner and the parcel its loading)
_FILLS = (
    ("consumer_order",
     "id, order_no, platform_code, platform_name, seller_code, seller_name, ordered_at, order_year, buyer_name_enc, "
     "buyer_id_type, buyer_id_enc, buyer_id_hash, buyer_id_masked, buyer_phone_enc, buyer_phone_masked, buyer_account, "
     "consignee_name_enc, consignee_phone_enc, consignee_phone_masked, consignee_province, consignee_city, "
     "consignee_district, consignee_address, pay_code, pay_name, pay_transaction_id, paid, carrier_code, waybill_no, "
     "goods_value, freight, insurance, discount, tax, tax_computed, dutiable_total, full_tax, status, inspection, "
     "rejection_code, rejection_reason, source, source_line, imported_at, returned_value, owner_id",
     "n, 'BENCH' || printf('%09d', n), '3301964J31', '天猫国际', '3301960J22', '示例海外旗舰店', :at, "
     "2026, x'01', '1', x'01', printf('%064d', n), '330106********0001', x'01', '139****0001', 'tb', x'01', x'01', "
     "'139****0001', '浙江省', '杭州市', '余杭区', '文一西路1号', '312226T001', '支付宝', 'P' || n, 10000, 'SF', "
     "'WB' || printf('%012d', n), 8900, 0, 0, 0, 910, 910, 8900, 0, 'shipped', 0, '', '', 'bench', n, :at, 0, 1", None),
    ("order_line", "id, order_id, gnum, product_id, account_book_item_id, quantity, unit_price, line_value, tariff, "
     "consumption_tax, vat",
     "n, n, 1, (n % :lots + 1) % :products + 1, (n % :lots + 1) % :products + 1, 1, 8900, 8900, 0, 0, 910", None),
    ("wave", "id, wave_no, carrier_code, single_unit, order_count, status, created_at, created_by",
     "n, 'W' || printf('%06d', n), 'SF', 0, 200, 'picked', :at, 'bench'", 5000),
    ("manifest", "id, manifest_no, gate_pass_no, carrier_code, vehicle_plate, status, parcel_count, gross_kg, net_kg, "
     "created_at, created_by, exited_at",
     "n, 'MF' || printf('%08d', n), 'GP' || printf('%08d', n), 'SF', '浙A' || n, 'exited', 1000, 1000000, "
     "900000, :at, 'bench', :at", 1000),
    ("parcel", "id, waybill_no, order_id, carrier_code, status, pieces, weight_kg, computed_kg, net_kg, "
     "packing_location_id, packed_at, packed_by, station, label_paths, manifest_id, shipped_at",
     "n, 'WB' || printf('%012d', n), n, 'SF', 'shipped', 1, 1000, 1000, 900, NULL, :at, 'clerk', '', '', "
     "(n - 1) / 1000 + 1, :at", None),
    ("parcel_item", "id, parcel_id, lot_id, product_id, quantity", "n, n, n % :lots + 1, (n % :lots + 1) % :products + 1, 1",
     None),
    ("pick_task", "id, wave_id, order_id, location_id, lot_id, product_id, quantity, picked, short, status",
     "n, (n - 1) / 200 % 5000 + 1, n, n % :lots + 1, n % :lots + 1, (n % :lots + 1) % :products + 1, 1, 1, 0, 'picked'",
     None),
    ("allocation", "id, order_line_id, order_id, lot_id, location_id, lpn, quantity, picked, short, packing_location_id, "
     "pick_task_id, state, allocated_at, shipped_at",
     "n, n, n, n % :lots + 1, n % :lots + 1, '', 1, 1, 0, NULL, n, 'shipped', :at, :at", None),
)


def build_trace_db(url: str, parcels: int = PARCELS) -> None:
    """A shipped warehouse of `parcels` parcels, filled by INSERT … SELECT over a counting CTE (bulk, in SQLite)."""
    db = open_database(url)
    at = NOW.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    with db.engine.begin() as conn:
        _master(conn, LOTS, PRODUCTS)
        for table, columns, values, rows in _FILLS:
            conn.execute(text(f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < :rows) "
                              f"INSERT INTO {table} ({columns}) SELECT {values} FROM seq"),
                         {"rows": rows or parcels, "at": at, "lots": LOTS, "products": PRODUCTS})
        conn.exec_driver_sql("ANALYZE")
    db.dispose()


def bench_trace(ctx) -> None:
    from app.customs.trace import trace

    url = ctx.fresh_sqlite("trace")
    started = time.perf_counter()
    build_trace_db(url)
    ctx.report(f"build the trace database: {PARCELS:,} parcels, orders, items, allocations (bulk SQL)",
               time.perf_counter() - started, "s")
    rng = random.Random(3)
    codes = {"waybill": [f"WB{rng.randint(1, PARCELS):012d}" for _ in range(200)],
             "order": [f"BENCH{rng.randint(1, PARCELS):09d}" for _ in range(200)],
             "batch (lot → its 200 parcels)": [f"B{rng.randint(1, LOTS):06d}" for _ in range(50)],
             "manifest (1,000 parcels)": [f"MF{rng.randint(1, 1000):08d}" for _ in range(10)]}
    db = open_database(url)
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        trace(uow, "WB000000000001")  # start-up: first connection, statement cache
        for kind, values in codes.items():
            times = []
            for code in values:
                t0 = time.perf_counter()
                found = trace(uow, code)
                times.append((time.perf_counter() - t0) * 1000)
                assert found["lots"] and found["declarations"], code
                uow.session.expunge_all()
            mean, p95 = statistics.mean(times), sorted(times)[int(len(times) * 0.95)]
            ctx.report(f"trace by {kind} on {PARCELS:,} parcels, mean of {len(times)} (p95 {p95:.1f} ms)", mean,
                       "ms", f"< {TRACE_GOAL_MS:g} ms", mean < TRACE_GOAL_MS)
    db.dispose()


def run(ctx) -> None:
    bench_labels(ctx)
    bench_pick_list(ctx)
    bench_allocation(ctx)
    bench_trace(ctx)


if __name__ == "__main__":
    import sys

    from bench.__main__ import main

    sys.exit(main(["b_outbound"]))

