"""Importing platform orders (JSON Lines, or CSV/XLSX one row per line): each accepted or rejected on its own."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from app.admin import audit, ensure_owner, pii, require
from app.domain.customs_rules import Violation
from app.domain.masking import mask_id_number, mask_phone
from app.domain.roles import Permission
from app.errors import FileRejected, RowError
from app.formats.order_records import (
    OrderIn,
    RecordProblem,
    order_from_record,
    parse_json_line,
)
from app.formats.text import printable
from app.orders.checks import BalanceCache, Catalog, Decision, check, load_state
from app.persistence.bulk import insert_rows
from app.persistence.db import Database
from app.persistence.jobs import (
    Cancel,
    Progress,
    batched,
    cancelled,
    checkpoint,
    lock_orders,
)
from app.persistence.models import ConsumerOrder, OrderLine, OrderRejection, Product
from app.persistence.types import utcnow
from app.persistence.uow import SYSTEM, Area, UnitOfWork

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TABLE_SUFFIXES = (".csv", ".xlsx", ".txt")
BATCH = 1000
MAX_LINE_BYTES = 256 * 1024  # one JSON Lines order (at most 200 lines of goods) is a few kB
DEMO_ORDERS = Path(__file__).resolve().parents[2] / "resources" / "demo" / "orders.jsonl"
_ORDER_NO_TEXT = re.compile(r'"order_no"\s*:\s*"([^"]{1,60})"')


@dataclass
class Candidate:
    """One record of the file: where it starts, its raw text, and the typed order or why it is unreadable."""

    line: int
    raw: str
    parsed: OrderIn | RecordProblem
    order_no: str = ""
    digest: str = ""  # record_digest, once a batch has read it


# A rejected candidate's code, English reason and params (its sentence's form and values, for either language)
Refusal = tuple[str, str, dict[str, Any]]


@dataclass
class ImportReport:
    source: str
    accepted: int = 0
    # {"line", "order_no", "code", "reason", "params"}: the JSON leaves params out (its keys are a contract)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False
    accepted_orders: list[str] = field(default_factory=list)
    unchanged: int = 0  # orders the file holds exactly as they were already imported (a re-run after a crash)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"accepted": self.accepted,
                                "rejected": [{k: v for k, v in r.items() if k != "params"} for r in self.rejected]}
        if self.unchanged:  # as "cancelled": only when there are some
            data["unchanged"] = self.unchanged
        if self.cancelled:
            data["cancelled"] = True
        return data

    def describe(self) -> str:
        lines = [f"{self.source}: {self.accepted} orders accepted, "
                 + (f"{self.unchanged} unchanged (imported before), " if self.unchanged else "")
                 + f"{len(self.rejected)} rejected"
                 + (" (cancelled: the rest was not read)" if self.cancelled else "")]
        lines += [f"  line {r['line']}: {r['order_no'] or '?'}: {r['code']}: {r['reason']}" for r in self.rejected]
        return "\n".join(lines)


def import_orders(uow: UnitOfWork, path: Path | str, *, progress: Progress | None = None,
                  cancel: Cancel | None = None, batch_size: int = BATCH) -> ImportReport:
    """Check and store every order of the file; batches of `batch_size` are committed as they finish."""
    require(uow, Permission.ORDERS)
    path = Path(path)
    ensure_owner(uow)  # a warehouse without owners gets its default owner: every order belongs to one
    catalog = Catalog.load(uow.session)
    key = pii.key_for(uow)
    total, candidates = _candidates(path, catalog)
    report = ImportReport(source=path.name)
    balance = BalanceCache()
    done = 0
    for chunk in batched(candidates, batch_size):
        if cancelled(cancel):
            report.cancelled = True
            break
        if done:
            checkpoint(uow)
        import_batch(uow, key, catalog, chunk, report, balance=balance)
        done += len(chunk)
        if progress:
            progress(done, total)
    uow.changes.touch(Area.ORDERS)
    return report


def import_batch(uow: UnitOfWork, key: pii.PiiKey, catalog: Catalog, chunk: list[Candidate],
                 report: ImportReport, *, keep_rejections: bool = True,
                 balance: BalanceCache | None = None) -> dict[int, int | Refusal]:
    """Decide and store one batch (the caller commits); rejections too, unless told not to.

    Returns, per candidate (by `id()`), its order's id (new, or the one it repeats unchanged) or its
    (code, reason, params). An order stored before exactly as the file holds it (same keyed record digest) is
    `unchanged`: neither stored again nor rejected, so re-running an import after a crash is harmless.
    """
    lock_orders(uow)
    readable = [(c, c.parsed) for c in chunk if isinstance(c.parsed, OrderIn)]
    hashes = {id(c): key.id_hash(o.buyer_id_number) for c, o in readable}
    for c, o in readable:
        c.digest = record_digest(key, o)
    digests = {id(c): c.digest for c, _ in readable}
    state = load_state(uow.session, [o for _, o in readable], hashes.values(), balance)
    _fill_legacy_digests(uow, key, state.stored)
    accepted: list[tuple[Candidate, Decision]] = []
    rejected: list[tuple[Candidate, Refusal]] = []
    unchanged: list[tuple[Candidate, tuple[str, str]]] = []
    for c in chunk:
        if isinstance(c.parsed, OrderIn):
            order_key = (c.parsed.platform_code, c.parsed.order_no)
            if order_key in state.stored and state.stored[order_key][1] == digests[id(c)]:
                unchanged.append((c, order_key))
                continue
        result = c.parsed if isinstance(c.parsed, RecordProblem) else check(c.parsed, hashes[id(c)], catalog, state)
        if isinstance(result, (RecordProblem, Violation)):
            rejected.append((c, (result.code, result.reason, result.params)))
        else:
            accepted.append((c, result))
            state.stored[order_key] = (0, digests[id(c)])  # a repeat further down the file is unchanged too
    order_ids = _store_orders(uow, key, accepted, report.source, digests)
    if balance:
        balance.taken(order_ids)
    if keep_rejections:
        _store_rejections(uow, key, rejected, report.source)
    for (c, d), order_id in zip(accepted, order_ids):
        state.stored[(d.order.platform_code, d.order.order_no)] = (order_id, digests[id(c)])
    closed = _close_superseded(uow, {c.order_no: order_id for (c, _), order_id in zip(accepted, order_ids)},
                               report.source)
    report.accepted += len(accepted)
    report.unchanged += len(unchanged)
    report.accepted_orders += [c.order_no for c, _ in accepted]
    report.rejected += [{"line": c.line, "order_no": c.order_no, "code": code, "reason": reason, "params": params}
                        for c, (code, reason, params) in rejected]
    audit.record(uow, "orders_import", "order_file", report.source, accepted=[c.order_no for c, _ in accepted],
                 rejected=[[c.order_no, refusal[0]] for c, refusal in rejected], unchanged=len(unchanged),
                 rejections_resolved=closed)
    outcome: dict[int, int | Refusal] = {id(c): order_id for (c, _), order_id in zip(accepted, order_ids)}
    outcome.update({id(c): state.stored[order_key][0] for c, order_key in unchanged})
    outcome.update({id(c): refusal for c, refusal in rejected})
    return outcome


def _close_superseded(uow: UnitOfWork, orders: dict[str, int], source: str) -> int:
    """The earlier open rejections of orders accepted now are resolved by them (earlier versions of the same
    order): no open rejection is older than its order's acceptance (`bwms check`)."""
    if not orders:
        return 0
    table, now = OrderRejection.__table__, utcnow()
    found = uow.session.execute(select(table.c.id, table.c.order_no).where(  # almost always none
        table.c.state == "open", table.c.order_no.in_(list(orders)))).all()
    for rejection_id, order_no in found:
        uow.session.execute(update(table).where(table.c.id == rejection_id)
                            .values(state="resolved", resolved_at=now, order_id=orders[order_no]))
        audit.record(uow, "rejection_reimport", "order_rejection", str(rejection_id), order_no=order_no, file=source,
                     outcome_now="resolved")
    return len(found)


def record_digest(key: pii.PiiKey, order: OrderIn) -> str:
    """A keyed digest of what an order stores (equal for the same order read again, from any file layout)."""
    o = order
    return _digest(key, [o.platform_code, o.order_no, o.platform_name, o.seller_code, o.seller_name, o.buyer_name,
                         o.buyer_id_type, o.buyer_id_number, o.buyer_phone, o.buyer_account, o.consignee_name,
                         o.consignee_phone, o.province, o.city, o.district, o.address, o.pay_code, o.pay_name,
                         o.pay_transaction_id, o.carrier_code, o.waybill_no], o.ordered_at,
                   [o.paid, o.goods_value, o.freight, o.insurance, o.discount, o.tax],
                   [(line.sku, line.qty, line.unit_price) for line in o.lines])


def stored_digest(key: pii.PiiKey, order: ConsumerOrder, lines: list[tuple[str, int, Decimal]]) -> str:
    """record_digest of an order as stored (for orders imported before the digest was kept)."""
    o, clear = order, key.decrypt
    return _digest(key, [o.platform_code, o.order_no, o.platform_name, o.seller_code, o.seller_name,
                         clear("buyer_name", o.buyer_name_enc), o.buyer_id_type,
                         clear("buyer_id_number", o.buyer_id_enc), clear("buyer_phone", o.buyer_phone_enc),
                         o.buyer_account, clear("consignee_name", o.consignee_name_enc),
                         clear("consignee_phone", o.consignee_phone_enc), o.consignee_province, o.consignee_city,
                         o.consignee_district, o.consignee_address, o.pay_code, o.pay_name, o.pay_transaction_id,
                         o.carrier_code, o.waybill_no], o.ordered_at,
                   [o.paid, o.goods_value, o.freight, o.insurance, o.discount, o.tax], lines)


def _digest(key: pii.PiiKey, texts: list[str], moment: datetime, money: list[Decimal],
            lines: list[tuple[str, int, Decimal]]) -> str:
    when = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    parts = [*texts, when, *[f"{m:.2f}" for m in money],
             *[f"{sku}\x1e{qty}\x1e{price:.2f}" for sku, qty, price in lines]]
    return hmac.new(key.mac_key, b"bwms order record\0" + "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def _fill_legacy_digests(uow: UnitOfWork, key: pii.PiiKey,
                         stored: dict[tuple[str, str], tuple[int, str | None]]) -> None:
    """Orders stored before revision 0009 have no digest: work it out from the stored order (and keep it)."""
    missing = {order_id: order_key for order_key, (order_id, digest) in stored.items() if digest is None}
    if not missing:
        return
    s = uow.session
    lines: dict[int, list[tuple[str, int, Decimal]]] = {}
    for order_id, sku, qty, price in s.execute(
            select(OrderLine.order_id, Product.sku, OrderLine.quantity, OrderLine.unit_price)
            .join(Product, Product.id == OrderLine.product_id).where(OrderLine.order_id.in_(missing))
            .order_by(OrderLine.order_id, OrderLine.gnum)):
        lines.setdefault(order_id, []).append((sku, qty, price))
    for order in s.execute(select(ConsumerOrder).where(ConsumerOrder.id.in_(missing))).scalars():
        digest = stored_digest(key, order, lines.get(order.id, []))
        order.record_digest = digest
        stored[missing[order.id]] = (order.id, digest)


def _store_orders(uow: UnitOfWork, key: pii.PiiKey, accepted: list[tuple[Candidate, Decision]],
                  source: str, digests: dict[int, str]) -> list[int]:
    if not accepted:
        return []
    now = utcnow()
    rows = [{**_order_row(key, c, d, source, now), "record_digest": digests[id(c)]} for c, d in accepted]
    ids = insert_rows(uow, ConsumerOrder.__table__, rows, with_ids=True)  # one executemany, ids reserved
    lines = []
    for order_id, (_, d) in zip(ids, accepted):
        for gnum, (line, filing, tax) in enumerate(zip(d.order.lines, d.filings, d.taxes), start=1):
            lines.append({"order_id": order_id, "gnum": gnum, "product_id": filing.product_id,
                          "account_book_item_id": filing.item_id, "quantity": line.qty,
                          "unit_price": line.unit_price, "line_value": line.value, "tariff": tax.tariff,
                          "consumption_tax": tax.consumption, "vat": tax.vat})
    insert_rows(uow, OrderLine.__table__, lines)
    return ids


def _order_row(key: pii.PiiKey, c: Candidate, d: Decision, source: str, now: datetime) -> dict[str, Any]:
    o = d.order
    return {
        "order_no": o.order_no, "platform_code": o.platform_code, "platform_name": o.platform_name,
        "seller_code": o.seller_code, "seller_name": o.seller_name, "owner_id": d.owner_id,
        "ordered_at": o.ordered_at,
        "order_year": d.year, "buyer_name_enc": key.encrypt("buyer_name", o.buyer_name),
        "buyer_id_type": o.buyer_id_type, "buyer_id_enc": key.encrypt("buyer_id_number", o.buyer_id_number),
        "buyer_id_hash": d.id_hash, "buyer_id_masked": mask_id_number(o.buyer_id_number),
        "buyer_phone_enc": key.encrypt("buyer_phone", o.buyer_phone), "buyer_phone_masked": mask_phone(o.buyer_phone),
        "buyer_account": o.buyer_account, "consignee_name_enc": key.encrypt("consignee_name", o.consignee_name),
        "consignee_phone_enc": key.encrypt("consignee_phone", o.consignee_phone),
        "consignee_phone_masked": mask_phone(o.consignee_phone), "consignee_province": o.province,
        "consignee_city": o.city, "consignee_district": o.district, "consignee_address": o.address,
        "pay_code": o.pay_code, "pay_name": o.pay_name, "pay_transaction_id": o.pay_transaction_id,
        "paid": o.paid, "carrier_code": o.carrier_code, "waybill_no": o.waybill_no, "goods_value": o.goods_value,
        "freight": o.freight, "insurance": o.insurance, "discount": o.discount, "tax": o.tax,
        "tax_computed": d.tax_computed, "dutiable_total": d.dutiable_total, "full_tax": d.full_tax,
        "status": "accepted", "inspection": False, "rejection_code": "", "rejection_reason": "",
        "source": source[:200], "source_line": c.line, "imported_at": now,
    }


def _store_rejections(uow: UnitOfWork, key: pii.PiiKey, rejected: list[tuple[Candidate, Refusal]],
                      source: str) -> None:
    if not rejected:
        return
    now = utcnow()
    uow.session.execute(insert(OrderRejection), [
        {"source": source[:200], "line": c.line, "order_no": c.order_no[:60], "code": code, "reason": reason[:500],
         "params": params, "raw_enc": key.encrypt("order_rejection", c.raw), "at": now, "state": "open",
         "record_digest": c.digest or None}
        for c, (code, reason, params) in rejected])


def demo_orders(db: Database) -> dict[str, Any]:
    """The demo's orders step (app.demo.warehouse.DEMO_STEPS): the sample orders, checked as any import.

    The demo's container is declared but not yet received and released, so there is no bonded balance
    yet and the orders land on the rejection workbench (bonded_balance_short); once the container is
    released, `bwms orders revalidate` accepts them.
    """
    with UnitOfWork(db, SYSTEM) as uow:
        report = import_orders(uow, DEMO_ORDERS)
        uow.commit()
    codes = Counter(r["code"] for r in report.rejected)
    text = f"{report.accepted} accepted, {len(report.rejected)} on the rejection workbench"
    return {"orders": text + (f" ({', '.join(f'{c}: {n}' for c, n in sorted(codes.items()))})" if codes else "")}


def _candidates(path: Path, catalog: Catalog) -> tuple[int, Iterator[Candidate]]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise FileRejected(errors=[RowError(str(path), 0, "", "no such file")])
    if suffix in JSONL_SUFFIXES:
        return _count_lines(path), _jsonl_candidates(path, catalog)
    if suffix in TABLE_SUFFIXES:
        from app.formats.order_table import table_records

        total, records = table_records(path)
        return total, (candidate_from_record(line, raw, record, catalog) for line, raw, record in records)
    raise FileRejected(errors=[RowError(str(path), 0, "", f"unknown order file type {suffix!r}: JSON Lines "
                                        "(.jsonl) or a table (.csv, .xlsx)")])


def _count_lines(path: Path) -> int:
    return sum(1 for _, raw in _jsonl_lines(path) if raw is None or raw.strip())


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, its bytes) for each line, read as a stream; None for a line longer than MAX_LINE_BYTES
    (skipped without holding it, so a 100 MB line costs no memory)."""
    with open(path, "rb") as fh:
        number = 0
        while raw := fh.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) <= MAX_LINE_BYTES or raw.endswith(b"\n"):
                yield number, raw
                continue
            while (rest := fh.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None


def _jsonl_candidates(path: Path, catalog: Catalog) -> Iterator[Candidate]:
    for number, raw in _jsonl_lines(path):
        if raw is None:
            yield Candidate(number, "", RecordProblem("malformed", f"the line is longer than {MAX_LINE_BYTES} bytes "
                                                                   "(an order takes a few kB): not kept",
                                                      "line_too_long", max_bytes=MAX_LINE_BYTES))
            continue
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError:
            yield Candidate(number, raw.decode("utf-8", "replace").strip(),
                            RecordProblem("malformed", "the line is not UTF-8 text", "not_utf8"))
            continue
        try:
            record: dict[str, Any] | RecordProblem = parse_json_line(text)
        except RecordProblem as problem:
            record = problem
        yield candidate_from_record(number, text, record, catalog)


def candidate_from_record(line: int, raw: str, record: dict[str, Any] | RecordProblem, catalog: Catalog) -> Candidate:
    if isinstance(record, RecordProblem):  # still name the order if its number can be read
        found = _ORDER_NO_TEXT.search(raw)
        return Candidate(line, raw, record, printable(found.group(1)) if found else "")
    order_no = record.get("order_no")
    order_no = printable(order_no.strip())[:60] if isinstance(order_no, str) else ""
    try:
        return Candidate(line, raw, order_from_record(record, catalog.zone), order_no)
    except RecordProblem as problem:
        return Candidate(line, raw, problem, order_no)
