"""The CSV/XLSX order layout: one row per order line, the order's head repeated on each of its rows.

Columns (header row, any order; UTF-8 with or without BOM, GB18030, or XLSX first sheet):
order_no, platform_code, platform_name, seller_code, seller_name, ordered_at, buyer_name, buyer_id_type*,
buyer_id_number, buyer_phone, buyer_account*, consignee_name, consignee_phone, consignee_province*,
consignee_city*, consignee_district*, consignee_address, pay_company_code, pay_company_name,
pay_transaction_id, payer_name, payer_id_number, payment_amount, carrier_code, waybill_no, goods_value,
freight, insurance*, discount*, tax, sku, qty, unit_price   (* may be left out; id type defaults to 1,
insurance and discount to 0). Rows of one order share its order_no; their head cells must agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.formats.order_records import RecordProblem
from app.formats.tabular import Row, TableSource

# column → where it goes in the JSON Lines record shape
HEAD = {
    "order_no": "order_no", "platform_code": "platform_code", "platform_name": "platform_name",
    "seller_code": "seller_code", "seller_name": "seller_name", "ordered_at": "ordered_at",
    "buyer_name": "buyer.name", "buyer_id_type": "buyer.id_type", "buyer_id_number": "buyer.id_number",
    "buyer_phone": "buyer.phone", "buyer_account": "buyer.account", "consignee_name": "consignee.name",
    "consignee_phone": "consignee.phone", "consignee_province": "consignee.province",
    "consignee_city": "consignee.city", "consignee_district": "consignee.district",
    "consignee_address": "consignee.address", "pay_company_code": "payment.company_code",
    "pay_company_name": "payment.company_name", "pay_transaction_id": "payment.transaction_id",
    "payer_name": "payment.payer_name", "payer_id_number": "payment.payer_id_number",
    "payment_amount": "payment.amount", "carrier_code": "logistics.carrier_code",
    "waybill_no": "logistics.waybill_no", "goods_value": "goods_value", "freight": "freight",
    "insurance": "insurance", "discount": "discount", "tax": "tax",
}
LINE = ("sku", "qty", "unit_price")
COLUMNS = (*HEAD, *LINE)
OPTIONAL = ("buyer_id_type", "buyer_account", "consignee_province", "consignee_city", "consignee_district",
            "insurance", "discount")
DEFAULTS = {"buyer_id_type": "1", "insurance": "0", "discount": "0"}


def table_records(path: Path) -> tuple[int, Iterator[tuple[int, str, dict[str, Any] | RecordProblem]]]:
    """(number of orders, iterator of (first line, raw record text, record or problem)) for a CSV/XLSX file.

    Read as a stream, twice: the first pass checks the whole file (encoding, rows, limits) and notes the
    last row of each order; the second yields each order as its last row is read, so memory holds only
    the orders whose rows are still coming (one, when an order's rows are together as platforms write them).
    """
    source = TableSource(path, COLUMNS, OPTIONAL)
    last: dict[str, int] = {}
    loose = 0
    for row in source.rows():
        order_no = row.values.get("order_no", "")
        if order_no:
            last[order_no] = row.line
        else:
            loose += 1
    return len(last) + loose, _records(source, last)


def _records(source: TableSource, last: dict[str, int]) -> Iterator[tuple[int, str, dict[str, Any] | RecordProblem]]:
    open_orders: dict[str, list[Row]] = {}
    for row in source.rows():
        order_no = row.values.get("order_no", "")
        if order_no and last.get(order_no) != row.line:
            open_orders.setdefault(order_no, []).append(row)
            continue
        rows = [*open_orders.pop(order_no, []), row] if order_no else [row]
        record = _record(rows)
        raw = json.dumps(record if isinstance(record, dict) else [r.values for r in rows], ensure_ascii=False)
        yield rows[0].line, raw, record


def _record(rows: list[Row]) -> dict[str, Any] | RecordProblem:
    first = rows[0]
    if not first.values.get("order_no"):
        return RecordProblem("malformed", "column order_no is empty", "no_order_no", column="order_no")
    for row in rows[1:]:
        for column in HEAD:
            if row.values.get(column, "") != first.values.get(column, ""):
                return RecordProblem("malformed", f"line {row.line}: column {column} differs from the order's "
                                                  f"first row (line {first.line})", "row_differs", line=row.line,
                                     column=column, first_line=first.line)
    record: dict[str, Any] = {}
    for column, path in HEAD.items():
        value = first.values.get(column, "") or DEFAULTS.get(column, "")
        if value or column not in OPTIONAL:
            _put(record, path, value if value else None)
    record["lines"] = [{"sku": r.values.get("sku", ""), "qty": r.values.get("qty", ""),
                        "unit_price": r.values.get("unit_price", "")} for r in rows]
    return record


def _put(record: dict[str, Any], path: str, value: str | None) -> None:
    *parents, leaf = path.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value
