"""Checking one typed order against every rule, with what the database holds for its batch (loaded in bulk)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from app import settings
from app.admin import CarrierRef, Owners, carriers_by_code, warehouse_zone
from app.domain import customs_rules as rules
from app.domain.customs_rules import ENTERPRISE_CODE, LineTax, MessageField, Policy, Rates, Violation
from app.formats.customs.messages import consignee_address
from app.formats.order_records import OrderIn
from app.persistence.models import (
    AccountBookItem,
    ConsumerOrder,
    CustomsLedgerEntry,
    OrderLine,
    PositiveListLine,
    Product,
)
from app.persistence.types import Money

# Orders that count toward a buyer's annual total (customs-rejected and cancelled ones never cleared); a booked
# return takes its value off (consumer_order.returned_value).
NOT_COUNTED = ("customs_rejected", "cancelled")


@dataclass(frozen=True)
class SkuFiling:
    """What the checks and the declaration need of one SKU."""

    product_id: int
    item_id: int
    item_no: str
    hs_code: str
    rates: Rates
    name: str = ""
    legal_factor1: Decimal = Decimal(1)


@dataclass(frozen=True)
class Catalog:
    """Loaded once per import: products with their filing, the positive list, the policy, the time zone, the
    owners (an order's seller code names its owner)."""

    skus: dict[str, SkuFiling]
    positive_hs8: frozenset[str]
    policy: Policy
    zone: ZoneInfo
    owners: Owners
    carriers: dict[str, CarrierRef] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Catalog:
        rows = session.execute(select(Product.sku, Product.id, AccountBookItem.id, AccountBookItem.item_no,
                                      Product.hs_code, Product.vat_rate, Product.consumption_tax_rate,
                                      Product.mfn_tariff_rate, Product.name_cn, Product.consumption_tax_threshold,
                                      Product.legal_factor1)
                               .join(AccountBookItem, AccountBookItem.id == Product.account_book_item_id))
        skus = {r[0]: SkuFiling(r[1], r[2], r[3], r[4], Rates(r[5], r[6], r[7], r[9]), r[8], r[10]) for r in rows}
        hs8 = frozenset(session.execute(select(PositiveListLine.hs8)).scalars())
        policy = Policy(order_limit=settings.get(session, "order_limit_cny"),
                        annual_limit=settings.get(session, "annual_limit_cny"),
                        factor=settings.get(session, "tax_discount_factor"),
                        tolerance=settings.get(session, "tax_tolerance_cny"))
        return cls(skus, hs8, policy, warehouse_zone(session), Owners.load(session), carriers_by_code(session))


Available = dict[int, dict[str, int]]  # owner id → account-book item no → units the owner may still declare


@dataclass
class BatchState:
    """What earlier orders already hold, for the orders of one batch; updated as orders are accepted."""

    order_keys: set[tuple[str, str]]
    waybills: set[tuple[str, str]]
    annual: dict[tuple[str, int], Decimal]
    available: Available
    # (platform, order_no) → (order id, record digest) of the orders already stored, for `unchanged`
    stored: dict[tuple[str, str], tuple[int, str | None]] = field(default_factory=dict)


@dataclass
class BalanceCache:
    """The bonded balance an import works with across its batches, recomputed only when another
    workstation changed it (new or requeued claims, exports, cancellations, ledger rows): a cheap mark
    says so, where recomputing means summing every undeclared order's lines.
    """

    available: Available | None = None
    marks: tuple[int, int, int] | None = None

    def load(self, session: Session) -> Available:
        marks = _marks(session)
        if self.available is None or marks != self.marks:
            self.available = available_by_item(session)
        self.marks = marks
        return self.available

    def taken(self, order_ids: list[int]) -> None:
        """This import's own accepted orders (already taken from `available`) move the marks too."""
        if self.marks is not None:
            count, total, ledger = self.marks
            self.marks = (count + len(order_ids), total + sum(order_ids), ledger)


def _marks(session: Session) -> tuple[int, int, int]:
    count, total = session.execute(select(func.count(), func.coalesce(func.sum(ConsumerOrder.id), 0))
                                   .where(ConsumerOrder.status == "accepted")).one()
    ledger = session.scalar(select(func.coalesce(func.max(CustomsLedgerEntry.id), 0)))
    return int(count), int(total), int(ledger)


def load_state(session: Session, orders: list[OrderIn], hashes: Iterable[str],
               cache: BalanceCache | None = None) -> BatchState:
    order_nos = {o.order_no for o in orders}
    waybill_nos = {o.waybill_no for o in orders if o.waybill_no}
    stored = {(platform, no): (order_id, digest) for platform, no, order_id, digest in session.execute(
        select(ConsumerOrder.platform_code, ConsumerOrder.order_no, ConsumerOrder.id, ConsumerOrder.record_digest)
        .where(ConsumerOrder.order_no.in_(order_nos)))} if order_nos else {}
    waybills = set(session.execute(select(ConsumerOrder.carrier_code, ConsumerOrder.waybill_no)
                                   .where(ConsumerOrder.waybill_no.in_(waybill_nos))).all()) if waybill_nos else set()
    hashes = set(hashes)
    annual: dict[tuple[str, int], Decimal] = {}
    if hashes:
        rows = session.execute(select(ConsumerOrder.buyer_id_hash, ConsumerOrder.order_year,
                                      type_coerce(func.sum(ConsumerOrder.dutiable_total
                                                           - ConsumerOrder.returned_value), Money()))
                               .where(ConsumerOrder.buyer_id_hash.in_(hashes),
                                      ConsumerOrder.status.not_in(NOT_COUNTED))
                               .group_by(ConsumerOrder.buyer_id_hash, ConsumerOrder.order_year))
        annual = {(h, y): Decimal(total or 0) for h, y, total in rows}
    return BatchState(set(stored), waybills, annual, cache.load(session) if cache else available_by_item(session),
                      stored)


def available_by_item(session: Session) -> Available:
    """Per owner and account-book item: the owner's balance (ACTUAL) − its pre-decreases (PRE, net) − what its
    undeclared orders claim. An owner declares only against its own goods."""
    items = dict(session.execute(select(AccountBookItem.id, AccountBookItem.item_no)).all())
    ledger = session.execute(select(CustomsLedgerEntry.owner_id, CustomsLedgerEntry.account_book_item_id,
                                    func.sum(CustomsLedgerEntry.quantity))
                             .group_by(CustomsLedgerEntry.owner_id, CustomsLedgerEntry.account_book_item_id))
    claimed = session.execute(select(ConsumerOrder.owner_id, OrderLine.account_book_item_id,
                                     func.sum(OrderLine.quantity))
                              .join(ConsumerOrder, ConsumerOrder.id == OrderLine.order_id)
                              .where(ConsumerOrder.status == "accepted")
                              .group_by(ConsumerOrder.owner_id, OrderLine.account_book_item_id))
    available: dict[int, Counter[str]] = {}
    for owner_id, item_id, qty in ledger:
        available.setdefault(owner_id, Counter())[items[item_id]] += int(qty or 0)
    for owner_id, item_id, qty in claimed:
        available.setdefault(owner_id, Counter())[items[item_id]] -= int(qty or 0)
    return {owner: dict(counts) for owner, counts in available.items()}


@dataclass
class Decision:
    """An accepted order with everything the checks worked out for it."""

    order: OrderIn
    id_hash: str
    year: int
    dutiable_total: Decimal
    full_tax: bool
    filings: list[SkuFiling]
    taxes: list[LineTax]
    tax_computed: Decimal
    owner_id: int
    needed: dict[str, int] = field(default_factory=dict)


def check(o: OrderIn, id_hash: str, catalog: Catalog, state: BatchState) -> Decision | Violation:
    """Every rule in a fixed order (the first broken one is the reason); on success the state takes it."""
    found = _identity(o, state) or _carrier(o, catalog) or _money(o)
    if found:
        return found
    owner = catalog.owners.for_seller(o.seller_code)
    if owner is None:
        owners = ", ".join(sorted(catalog.owners.by_customs_code))
        if not owners:
            return Violation("unknown_seller", f"seller {o.seller_code} is no owner of this warehouse (owners' "
                                               "customs codes: none)", "no_owners", seller=o.seller_code)
        return Violation("unknown_seller", f"seller {o.seller_code} is no owner of this warehouse (owners' "
                                           f"customs codes: {owners})", seller=o.seller_code, owners=owners)
    unknown = [line.sku for line in o.lines if line.sku not in catalog.skus]
    if unknown:
        return Violation("unknown_sku", f"unknown SKU {unknown[0]}", sku=unknown[0])
    filings = [catalog.skus[line.sku] for line in o.lines]
    found = rules.message_field_violation(message_fields(o, filings))
    if found:
        return found
    off_list = [(line.sku, f.hs_code) for line, f in zip(o.lines, filings) if f.hs_code[:8] not in catalog.positive_hs8]
    if off_list:
        sku, hs_code = off_list[0]
        return Violation("not_on_positive_list", f"HS code {hs_code} of SKU {sku} is not on the positive list",
                         hs_code=hs_code, sku=sku)
    decision = _tax_and_limits(o, id_hash, catalog, filings, owner.id)
    if isinstance(decision, Violation):
        return decision
    found = rules.annual_violation(state.annual.get((id_hash, decision.year), rules.ZERO), decision.dutiable_total,
                                   decision.year, catalog.policy) or rules.balance_violation(
        decision.needed, state.available.get(owner.id, {}))
    if found:
        return found
    _take(state, decision)
    return decision


def _identity(o: OrderIn, state: BatchState) -> Violation | None:
    if o.buyer_id_type != "1":
        return Violation("bad_id_type", f"buyer ID type must be 1 (resident ID card), got {o.buyer_id_type!r}",
                         id_type=repr(o.buyer_id_type))
    if (o.platform_code, o.order_no) in state.order_keys:
        return Violation("duplicate_order", f"order {o.order_no} of platform {o.platform_code} was already accepted",
                         order_no=o.order_no, platform=o.platform_code)
    if not o.waybill_no:
        return Violation("missing_waybill", "the waybill number is missing")
    if (o.carrier_code, o.waybill_no) in state.waybills:
        return Violation("duplicate_waybill", f"waybill {o.waybill_no} of carrier {o.carrier_code} is already "
                                              "used by another order", waybill=o.waybill_no, carrier=o.carrier_code)
    return rules.identity_violation(o.buyer_id_number, o.payer_id_number)


def _carrier(o: OrderIn, catalog: Catalog) -> Violation | None:
    """The carrier must be known (its customs code goes into the list) and the waybill must fit its pattern."""
    carrier = catalog.carriers.get(o.carrier_code)
    if carrier is None:
        return Violation("unknown_carrier", f"carrier {o.carrier_code!r} is not a known carrier "
                                            "(`bwms import carriers FILE`)", carrier=repr(o.carrier_code))
    problem = carrier.waybill_problem(o.waybill_no)
    if problem is None or carrier.waybill_pattern is None:
        return None
    return Violation("waybill_pattern", problem, waybill=repr(o.waybill_no), carrier=carrier.code,
                     pattern=carrier.waybill_pattern.pattern)


_ENTERPRISE = "enterprise_code"  # the vocabulary's value_form: what a customs enterprise code looks like


def message_fields(o: OrderIn, filings: list[SkuFiling]) -> list[MessageField]:
    """The order's values the inventory list carries, with their CEB621 limits (resources/schemas/CEB621.xsd)."""
    fields = [
        MessageField("consignee province+city+district+address", "consigneeAddress",
                     consignee_address(o.province, o.city, o.district, o.address), 200),
        MessageField("platform_code", "ebpCode", o.platform_code, 18, ENTERPRISE_CODE, _ENTERPRISE),
        MessageField("seller_code", "ebcCode", o.seller_code, 18, ENTERPRISE_CODE, _ENTERPRISE),
        MessageField("buyer.phone", "buyerTelephone", o.buyer_phone, 30),
        MessageField("logistics.waybill_no", "logisticsNo", o.waybill_no, 60),
    ]
    for i, (line, filing) in enumerate(zip(o.lines, filings), start=1):
        fields += [MessageField(f"lines[{i}].sku", "itemNo", line.sku, 30),
                   MessageField(f"account-book item of lines[{i}]", "itemRecordNo", filing.item_no, 30),
                   MessageField(f"product name of lines[{i}]", "itemName", filing.name, 250)]
    return fields


def _money(o: OrderIn) -> Violation | None:
    return rules.payment_violation(o.goods_value, o.freight, o.tax, o.discount, o.paid)


def _tax_and_limits(o: OrderIn, id_hash: str, catalog: Catalog, filings: list[SkuFiling],
                    owner_id: int) -> Decision | Violation:
    values = [line.value for line in o.lines]
    found = rules.goods_value_violation(o.goods_value, values)
    if found:
        return found
    dutiable = o.goods_value + o.freight + o.insurance
    full, found = rules.limit_decision(dutiable, [line.qty for line in o.lines], catalog.policy)
    if found:
        return found
    rates = [f.rates for f in filings]
    measures = [line.qty * f.legal_factor1 for line, f in zip(o.lines, filings)]
    taxes = rules.order_tax(values, rates, o.freight, o.insurance, factor=catalog.policy.factor, full=full,
                            measures=measures)
    computed = sum((t.total for t in taxes), rules.ZERO)
    per_order = rules.order_tax_rounded_once(values, rates, o.freight, o.insurance, factor=catalog.policy.factor,
                                             full=full, measures=measures)
    found = rules.tax_violation(o.tax, computed, catalog.policy.tolerance, full=full, per_order=per_order)
    if found:
        return found
    needed: Counter[str] = Counter()
    for line, filing in zip(o.lines, filings):
        needed[filing.item_no] += line.qty
    year = o.ordered_at.astimezone(catalog.zone).year
    return Decision(o, id_hash, year, dutiable, full, filings, taxes, computed, owner_id, dict(needed))


def _take(state: BatchState, d: Decision) -> None:
    state.order_keys.add((d.order.platform_code, d.order.order_no))
    state.waybills.add((d.order.carrier_code, d.order.waybill_no))
    key = (d.id_hash, d.year)
    state.annual[key] = state.annual.get(key, rules.ZERO) + d.dutiable_total
    own = state.available.setdefault(d.owner_id, {})
    for item, qty in d.needed.items():
        own[item] = own.get(item, 0) - qty

