"""The sample order files import with exactly the sample rejections, each with its reason code."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.orders.importing import import_orders
from app.persistence.models import ConsumerOrder, OrderLine, OrderRejection
from tests.conftest import DEMO

# orders_invalid.jsonl: each line's `_expect` and the code that must reject it
EXPECTED_CODES = {
    "over the single-transaction limit": "over_order_limit",
    "payment amount differs from goods + freight + tax - discount": "payment_mismatch",
    "payer is not the buyer": "payer_not_buyer",
    "buyer ID number fails its checksum": "id_checksum",
    "unknown SKU": "unknown_sku",
    "declared tax differs from computed tax": "tax_mismatch",
    "duplicate order number": "duplicate_order",
    "missing waybill number": "missing_waybill",
    "non-positive quantity": "bad_quantity",
}


def expected_rejections() -> list[tuple[int, str]]:
    out = []
    for number, text in enumerate((DEMO / "orders_invalid.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        try:
            out.append((number, EXPECTED_CODES[json.loads(text)["_expect"]]))
        except json.JSONDecodeError:
            out.append((number, "malformed"))
    return out


def test_sample_orders_import_with_exactly_the_sample_rejections(warehouse, uow_as):
    with uow_as("supervisor") as uow:
        good = import_orders(uow, DEMO / "orders.jsonl")
        uow.commit()
    assert good.to_json() == {"accepted": 63, "rejected": []}
    with uow_as("supervisor") as uow:
        bad = import_orders(uow, DEMO / "orders_invalid.jsonl")
        uow.commit()
    assert bad.accepted == 0
    assert [(r["line"], r["code"]) for r in bad.rejected] == expected_rejections()
    assert bad.rejected[-1]["reason"].startswith("not valid JSON")
    tax = next(r for r in bad.rejected if r["code"] == "tax_mismatch")
    assert "30.69" in tax["reason"] and "27.69" in tax["reason"]
    with uow_as("clerk", write=False) as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(ConsumerOrder)) == 63
        assert s.scalar(select(func.count()).select_from(OrderLine)) == s.scalar(
            select(func.count()).select_from(OrderLine).join(ConsumerOrder))
        assert s.scalar(select(func.count()).select_from(OrderRejection)) == 10
