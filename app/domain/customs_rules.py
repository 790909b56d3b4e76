"""Customs rules for one consumer order (bonded import 1210): payment, payer, tax, limits, bonded balance.

Pure functions on plain values. A broken rule is a Violation with a stable code (the UI translates it)
and an English reason that names the figures. DOMAIN.md §3 and the samples README give the sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.domain.codes import id_number_valid
from app.domain.vocabulary import detail_form
from app.domain.vocabulary import name as vocabulary_name

CENT = Decimal("0.01")
ZERO = Decimal(0)

# Every reason an order is refused, with its stable code (import and customs rejections alike).
REJECTION_CODES = (
    "malformed", "bad_quantity", "bad_id_type", "duplicate_order", "missing_waybill", "duplicate_waybill",
    "id_checksum", "payer_not_buyer", "payment_mismatch", "unknown_sku", "not_on_positive_list",
    "goods_value_mismatch", "over_order_limit", "tax_mismatch", "over_annual_limit", "bonded_balance_short",
    "unknown_seller", "unknown_carrier", "waybill_pattern", "field_too_long", "field_pattern",
)
# A customs code of an enterprise in the messages (ebpCode, ebcCode …): 10 characters, or an 18-character USCC
ENTERPRISE_CODE = re.compile(r"[0-9A-Z]{10}|[0-9A-Z]{18}")


@dataclass(frozen=True)
class MessageField:
    """One value of an order as the inventory list will carry it: where it comes from, its element, its limit."""

    source: str        # the order's field (e.g. lines[2].sku, consignee province+city+district+address)
    element: str       # the list's element (itemNo, consigneeAddress …)
    value: str
    max_length: int
    pattern: re.Pattern[str] | None = None
    what: str = ""     # what the pattern means: a code of the vocabulary's value_form (enterprise_code)


class Violation:
    """Why an order is refused: a stable code and a reason a clerk can act on, in English and as its sentence's
    form (code.variant) with the values it names (`params`, stored with the rejection: the detail in the screen's
    language, app.domain.vocabulary.REJECTION_DETAILS)."""

    __slots__ = ("code", "params", "reason")

    def __init__(self, code: str, reason: str, variant: str = "", **values: Any) -> None:
        self.code = code
        self.reason = reason
        self.params: dict[str, Any] = {"form": detail_form(code, variant), **values}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Violation) and (self.code, self.reason, self.params) == (
            other.code, other.reason, other.params)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Violation({self.code!r}, {self.reason!r})"


@dataclass(frozen=True)
class Policy:
    """The limits and factors customs applies (kept as settings, since they change by announcement)."""

    order_limit: Decimal = Decimal(5000)
    annual_limit: Decimal = Decimal(26000)
    factor: Decimal = Decimal("0.7")
    tolerance: Decimal = Decimal("0.05")


@dataclass(frozen=True)
class Rates:
    """A product's VAT, consumption-tax and MFN tariff rates (fractions, e.g. 0.13), and the consumption-tax
    threshold: the dutiable price per first legal unit below which no consumption tax is due (high-end
    cosmetics: CNY 10 per g or ml; watches: per piece), None when the rate always applies."""

    vat: Decimal
    consumption: Decimal
    tariff: Decimal
    threshold: Decimal | None = None

    def at(self, dutiable: Decimal, measure: Decimal | None) -> Rates:
        """The rates for a line of this dutiable price and legal quantity (consumption tax 0 under the threshold)."""
        if self.threshold is None or self.consumption == 0 or not measure or dutiable / measure >= self.threshold:
            return self
        return Rates(self.vat, ZERO, self.tariff)


@dataclass(frozen=True)
class LineTax:
    """The tax of one order line, each part rounded half-up to the fen."""

    tariff: Decimal
    consumption: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.tariff + self.consumption + self.vat


def cents(value: Decimal) -> Decimal:
    """Rounded half-up to 0.01 (how each tax of each line is rounded)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def dutiable_values(values: Sequence[Decimal], freight: Decimal, insurance: Decimal) -> list[Decimal]:
    """Each line's dutiable price: its goods value plus its share of freight and insurance, by value."""
    total = sum(values, ZERO)
    extra = freight + insurance
    if total == 0:  # all gifts: share the extra costs equally
        return [extra / len(values) for _ in values] if values else []
    return [v + extra * v / total for v in values]


def _unrounded(dutiable: Decimal, rates: Rates, factor: Decimal, full: bool) -> tuple[Decimal, Decimal, Decimal]:
    tariff = dutiable * rates.tariff if full else ZERO
    levy = Decimal(1) if full else factor
    base = (dutiable + cents(tariff)) / (1 - rates.consumption)
    return tariff, base * rates.consumption * levy, base * rates.vat * levy


def line_tax(dutiable: Decimal, rates: Rates, *, factor: Decimal, full: bool = False) -> LineTax:
    """Tariff 0 within limits (MFN when full); CT = D/(1−c)×c×f; VAT = D/(1−c)×v×f; f = 1 when full."""
    tariff, consumption, vat = _unrounded(dutiable, rates, factor, full)
    return LineTax(cents(tariff), cents(consumption), cents(vat))


def order_tax(values: Sequence[Decimal], rates: Sequence[Rates], freight: Decimal, insurance: Decimal, *,
              factor: Decimal, full: bool = False, measures: Sequence[Decimal] | None = None) -> list[LineTax]:
    """The tax of every line of an order, each rounded (sum the totals for the order's tax). `measures` are
    the lines' legal quantities (first legal unit), for the consumption-tax thresholds."""
    dutiable = dutiable_values(values, freight, insurance)
    kept: Sequence[Decimal | None] = measures or [None] * len(values)
    return [line_tax(d, r.at(d, m), factor=factor, full=full) for d, r, m in zip(dutiable, rates, kept)]


def order_tax_rounded_once(values: Sequence[Decimal], rates: Sequence[Rates], freight: Decimal,
                           insurance: Decimal, *, factor: Decimal, full: bool = False,
                           measures: Sequence[Decimal] | None = None) -> Decimal:
    """The order's tax as a platform that rounds per order computes it: each tax summed over the lines
    unrounded, then rounded half-up once (50 lines at 3.05 with VAT 13%: 13.88, where per line gives 14.00)."""
    dutiable = dutiable_values(values, freight, insurance)
    kept: Sequence[Decimal | None] = measures or [None] * len(values)
    parts = [_unrounded(d, r.at(d, m), factor, full) for d, r, m in zip(dutiable, rates, kept)]
    return sum((cents(sum((p[i] for p in parts), ZERO)) for i in range(3)), ZERO)


def payment_violation(goods: Decimal, freight: Decimal, tax: Decimal, discount: Decimal,
                      paid: Decimal) -> Violation | None:
    """The payment must equal goods + freight + tax − discount (CEB311 acturalPaid = CEB411 amountPaid)."""
    expected = goods + freight + tax - discount
    if paid != expected:
        return Violation("payment_mismatch", f"payment {paid} differs from goods {goods} + freight {freight} + "
                                             f"tax {tax} − discount {discount} = {expected}", paid=str(paid),
                         goods=str(goods), freight=str(freight), tax=str(tax), discount=str(discount),
                         expected=str(expected))
    return None


def identity_violation(buyer_id: str, payer_id: str) -> Violation | None:
    """The buyer's ID number passes GB 11643, and the payer is the buyer (same ID number)."""
    if not id_number_valid(buyer_id):
        return Violation("id_checksum", "the buyer's ID number is not a valid 18-character resident ID "
                                        "(GB 11643 check character wrong)")
    if payer_id.strip().upper() != buyer_id.strip().upper():
        return Violation("payer_not_buyer", "the payer is not the buyer (the payer's ID number differs)")
    return None


def goods_value_violation(goods: Decimal, line_values: Sequence[Decimal]) -> Violation | None:
    total = sum(line_values, ZERO)
    if goods != total:
        return Violation("goods_value_mismatch", f"goods value {goods} differs from the lines' total {total}",
                         goods=str(goods), total=str(total))
    return None


def limit_decision(dutiable_total: Decimal, quantities: Sequence[int], policy: Policy) -> tuple[bool, Violation | None]:
    """(full tax?, violation): over the order limit only one unit of one item passes, at full tax."""
    if dutiable_total <= policy.order_limit:
        return False, None
    if len(quantities) == 1 and quantities[0] == 1:
        return True, None
    return False, Violation("over_order_limit", f"dutiable total {dutiable_total} is over the {policy.order_limit} "
                                                "CNY order limit (allowed only for one unit of one item)",
                            total=str(dutiable_total), limit=str(policy.order_limit))


def tax_violation(declared: Decimal, computed: Decimal, tolerance: Decimal, *, full: bool = False,
                  per_order: Decimal | None = None) -> Violation | None:
    """The declared tax may differ by at most the tolerance from ours rounded per line (`computed`) or, when
    given, rounded once per order; the message names the figures."""
    if abs(declared - computed) <= tolerance or (per_order is not None and abs(declared - per_order) <= tolerance):
        return None
    how = "full tax (over the order limit)" if full else "cross-border retail tax"
    rounded = per_order is not None and per_order != computed
    other = f" (rounded per order: {per_order})" if rounded else ""
    variant = "_".join(part for part, on in (("full", full), ("per_order", rounded)) if on)
    return Violation("tax_mismatch", f"declared tax {declared} differs from the computed {how} {computed}{other} "
                                     f"by more than {tolerance}", variant, declared=str(declared),
                     computed=str(computed), tolerance=str(tolerance),
                     **({"per_order": str(per_order)} if rounded else {}))


def annual_violation(so_far: Decimal, this_order: Decimal, year: int, policy: Policy) -> Violation | None:
    """A buyer's accepted orders in a calendar year may total at most the annual limit."""
    if so_far + this_order > policy.annual_limit:
        return Violation("over_annual_limit", f"the buyer's {year} total would be {so_far + this_order} "
                                              f"({so_far} already accepted + {this_order}), over the "
                                              f"{policy.annual_limit} CNY annual limit", year=year,
                         total=str(so_far + this_order), so_far=str(so_far), this_order=str(this_order),
                         limit=str(policy.annual_limit))
    return None


def balance_violation(needed: Mapping[str, int], available: Mapping[str, int]) -> Violation | None:
    """Every account-book item the order draws on must still have that much available to declare."""
    short = [{"item": item, "available": available.get(item, 0), "needed": qty}
             for item, qty in sorted(needed.items()) if available.get(item, 0) < qty]
    if short:
        return Violation("bonded_balance_short", "bonded balance short on account-book item " + "; ".join(
            f"{s['item']}: {s['available']} available, {s['needed']} needed" for s in short), short=short)
    return None


def message_field_violation(fields: Sequence[MessageField]) -> Violation | None:
    """The first value the list could not carry within its schema (CEB621.xsd): too long, or not its pattern."""
    for f in fields:
        if len(f.value) > f.max_length:
            return Violation("field_too_long", f"{f.source} is {len(f.value)} characters: the list's {f.element} "
                                               f"allows at most {f.max_length}", "list", field=f.source,
                             length=len(f.value), element=f.element, max_length=f.max_length)
        if f.pattern is not None and not f.pattern.fullmatch(f.value):
            what = vocabulary_name("value_form", f.what)
            return Violation("field_pattern", f"{f.source} {f.value!r} cannot be the list's {f.element}: it must be "
                                              f"{what}", field=f.source, value=repr(f.value), element=f.element,
                             what=f.what)
    return None
