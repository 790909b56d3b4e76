"""Reading one platform order record (the JSON Lines shape of the samples) into typed values, or saying why not."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from app.formats.text import refused, text_problem, text_problem_of

MAX_MONEY = Decimal("100000000")  # 100 million CNY: anything above is a typing or export error
MAX_QTY = 100_000
MAX_LINES = 200
_MONEY_TEXT = re.compile(r"\d{1,12}(\.\d{1,2})?")
FIRST_YEAR, LAST_YEAR = 2000, 2099  # an order time outside these years is a typing or export error


class RecordProblem(Exception):
    """The record cannot be read as an order: a rejection code (malformed, bad_quantity…) and where/why, in English
    and as its sentence's form (code.variant) with the values it names, for the detail in the screen's language
    (app.domain.vocabulary.REJECTION_DETAILS)."""

    def __init__(self, code: str, reason: str, variant: str = "", **values: str | int) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.params: dict[str, Any] = {"form": f"{code}.{variant}" if variant else code, **values}


@dataclass(frozen=True)
class LineIn:
    sku: str
    qty: int
    unit_price: Decimal

    @property
    def value(self) -> Decimal:
        return self.unit_price * self.qty


@dataclass(frozen=True)
class OrderIn:
    """An order as the platform sent it, typed; not yet checked against any rule."""

    order_no: str
    platform_code: str
    platform_name: str
    seller_code: str
    seller_name: str
    ordered_at: datetime
    buyer_name: str
    buyer_id_type: str
    buyer_id_number: str
    buyer_phone: str
    buyer_account: str
    consignee_name: str
    consignee_phone: str
    province: str
    city: str
    district: str
    address: str
    pay_code: str
    pay_name: str
    pay_transaction_id: str
    payer_name: str
    payer_id_number: str
    paid: Decimal
    carrier_code: str
    waybill_no: str
    goods_value: Decimal
    freight: Decimal
    insurance: Decimal
    discount: Decimal
    tax: Decimal
    lines: tuple[LineIn, ...]


def parse_json_line(text: str) -> dict[str, Any]:
    """One JSON Lines record (money may be strings or numbers; numbers are read exactly)."""
    try:
        obj = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:  # the parser's words, named in Chinese by the vocabulary ("json_error")
        raise RecordProblem("malformed", f"not valid JSON: {exc.msg}: character {exc.pos + 1}", "json_at",
                            error=exc.msg, position=exc.pos + 1) from exc
    except RecursionError as exc:
        raise RecordProblem("malformed", "not valid JSON: nested too deeply", "json",
                            error="nested too deeply") from exc
    if not isinstance(obj, dict):
        raise RecordProblem("malformed", "a record must be a JSON object", "not_object")
    return obj


class _Reader:
    """Typed getters over the nested record; each failure names the field path."""

    def __init__(self, obj: dict[str, Any]) -> None:
        self.obj = obj

    def _get(self, path: str, required: bool = True) -> Any:
        head, _, leaf = path.partition(".")  # records nest one level deep (buyer.name)
        node = self.obj.get(head)
        if leaf:
            node = node.get(leaf) if isinstance(node, dict) else None
        if node is None and required:
            raise RecordProblem("malformed", f"field {path} is missing", "missing", field=path)
        return node

    def text(self, path: str, max_length: int, *, required: bool = True) -> str:
        head, _, leaf = path.partition(".")  # _get, inlined: called 30 times an order
        value = self.obj.get(head)
        if leaf:
            value = value.get(leaf) if value.__class__ is dict else None
        if value is None:
            if required:
                raise RecordProblem("malformed", f"field {path} is missing", "missing", field=path)
            return ""
        if value.__class__ is not str:
            if isinstance(value, bool) or not isinstance(value, int):
                kind = type(value).__name__
                raise RecordProblem("malformed", f"field {path} must be text, got {kind}", "not_text", field=path,
                                    type=kind)
            value = str(value)
        value = value.strip()
        if refused(value):
            why, where = text_problem_of(value) or ("control", {})
            raise RecordProblem("malformed", f"field {path} {text_problem(value)}", why, field=path, **where)
        if not value and required:
            raise RecordProblem("malformed", f"field {path} is empty", "empty", field=path)
        if len(value) > max_length:
            raise RecordProblem("field_too_long", f"field {path} is {len(value)} characters, longer than "
                                                  f"{max_length}", field=path, length=len(value), max_length=max_length)
        return value

    def money(self, path: str) -> Decimal:
        return money_value(self._get(path), path)


def money_value(value: Any, path: str) -> Decimal:
    """A CNY amount: ≥ 0, at most two decimals, below 100 million."""
    if value.__class__ is str and _MONEY_TEXT.fullmatch(value):  # the usual "269.00": digits, ≤ 2 decimals
        amount = Decimal(value)
        if amount < MAX_MONEY:
            return amount
    if isinstance(value, bool):
        raise RecordProblem("malformed", f"field {path} must be an amount, got {value!r}", "not_amount", field=path,
                            value=repr(value))
    if isinstance(value, str):
        if not _MONEY_TEXT.fullmatch(value.strip()):
            raise RecordProblem("malformed", f"field {path}: {value!r} is not an amount like 269.00", "amount_form",
                                field=path, value=repr(value))
        value = Decimal(value.strip())
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise RecordProblem("malformed", f"field {path} must be an amount, got {value!r}", "not_amount", field=path,
                            value=repr(value))
    if value < 0 or value >= MAX_MONEY:
        raise RecordProblem("malformed", f"field {path}: {value} is out of range (0 to {MAX_MONEY})",
                            "amount_range", field=path, value=str(value), max=str(MAX_MONEY))
    try:
        if value != value.quantize(Decimal("0.01")):
            raise RecordProblem("malformed", f"field {path}: {value} has more than two decimals", "decimals",
                                field=path, value=str(value))
    except InvalidOperation as exc:
        raise RecordProblem("malformed", f"field {path}: {value} is out of range", "amount_invalid", field=path,
                            value=str(value)) from exc
    return value


def _quantity(value: Any, path: str) -> int:
    if isinstance(value, bool) or value is None:
        raise RecordProblem("bad_quantity", f"{path} must be a whole number, got {value!r}", field=path,
                            value=repr(value))
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if not isinstance(value, int):
        raise RecordProblem("bad_quantity", f"{path} must be a whole number, got {value!r}", field=path,
                            value=repr(value))
    if value <= 0:
        raise RecordProblem("bad_quantity", f"{path} must be positive, got {value}", "not_positive", field=path,
                            value=value)
    if value > MAX_QTY:
        raise RecordProblem("bad_quantity", f"{path} = {value} is absurd (more than {MAX_QTY})", "absurd", field=path,
                            value=value, max=MAX_QTY)
    return value


def _lines(raw: Any) -> tuple[LineIn, ...]:
    if not isinstance(raw, list) or not raw:
        raise RecordProblem("malformed", "field lines must be a non-empty list", "no_lines")
    if len(raw) > MAX_LINES:
        raise RecordProblem("malformed", f"an order may have at most {MAX_LINES} lines, this has {len(raw)}",
                            "too_many_lines", max=MAX_LINES, count=len(raw))
    out = []
    for i, line in enumerate(raw, start=1):
        if not isinstance(line, dict):
            raise RecordProblem("malformed", f"lines[{i}] must be an object", "line_not_object", field=f"lines[{i}]")
        r = _Reader(line)
        sku = r.text("sku", 40)
        qty = _quantity(line.get("qty"), f"lines[{i}].qty")
        out.append(LineIn(sku, qty, money_value(line.get("unit_price"), f"lines[{i}].unit_price")))
    return tuple(out)


def _ordered_at(value: str, zone: ZoneInfo) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise RecordProblem("malformed", f"field ordered_at: {value!r} is not a date and time "
                                         "(2026-11-25T09:49:00+08:00)", "bad_time", value=repr(value)) from exc
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise RecordProblem("malformed", f"field ordered_at: {value!r} is not between the years {FIRST_YEAR} "
                                         f"and {LAST_YEAR}", "time_range", value=repr(value), first=FIRST_YEAR,
                            last=LAST_YEAR)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def order_from_record(obj: dict[str, Any], zone: ZoneInfo) -> OrderIn:
    """Typed order, or RecordProblem naming the first bad field (quantities first: they void the sums)."""
    r = _Reader(obj)
    lines = _lines(obj.get("lines"))
    return OrderIn(
        order_no=r.text("order_no", 60), platform_code=r.text("platform_code", 18),
        platform_name=r.text("platform_name", 100), seller_code=r.text("seller_code", 18),
        seller_name=r.text("seller_name", 100), ordered_at=_ordered_at(r.text("ordered_at", 40), zone),
        buyer_name=r.text("buyer.name", 60), buyer_id_type=r.text("buyer.id_type", 1),
        buyer_id_number=r.text("buyer.id_number", 60), buyer_phone=r.text("buyer.phone", 20),
        buyer_account=r.text("buyer.account", 60, required=False),
        consignee_name=r.text("consignee.name", 60), consignee_phone=r.text("consignee.phone", 20),
        province=r.text("consignee.province", 40, required=False), city=r.text("consignee.city", 40, required=False),
        district=r.text("consignee.district", 40, required=False), address=r.text("consignee.address", 200),
        pay_code=r.text("payment.company_code", 18), pay_name=r.text("payment.company_name", 100),
        pay_transaction_id=r.text("payment.transaction_id", 60),
        payer_name=r.text("payment.payer_name", 60), payer_id_number=r.text("payment.payer_id_number", 60),
        paid=r.money("payment.amount"), carrier_code=r.text("logistics.carrier_code", 10),
        waybill_no=r.text("logistics.waybill_no", 60, required=False),
        goods_value=r.money("goods_value"), freight=r.money("freight"), insurance=r.money("insurance"),
        discount=r.money("discount"), tax=r.money("tax"), lines=lines)
