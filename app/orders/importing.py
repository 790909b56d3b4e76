"""Importing platform orders (JSON Lines, or CSV/XLSX one row per line): each accepted or rejected on its own."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

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
from app.orders.checks import BalanceCache, Catalog, Decision, check, load_state
from app.persistence.db import Database
from app.persistence.jobs import (
    Cancel,
    Progress,
    batched,
    cancelled,
    checkpoint,
    lock_orders,
)
from app.persistence.models import ConsumerOrder, OrderLine, OrderRejection
from app.persistence.types import utcnow
from app.persistence.uow import SYSTEM, Area, UnitOfWork

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TABLE_SUFFIXES = (".csv", ".xlsx", ".txt")
BATCH = 1000
DEMO_ORDERS = Path(__file__).resolve().parents[2] / "resources" / "demo" / "orders.jsonl"
_ORDER_NO_TEXT = re.compile(r'"order_no"\s*:\s*"([^"]{1,60})"')


@dataclass
class Candidate:
    """One record of the file: where it starts, its raw text, and the typed order or why it is unreadable."""

    line: int
    raw: str
    parsed: OrderIn | RecordProblem
    order_no: str = ""


@dataclass
class ImportReport:
    source: str
    accepted: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False
    accepted_orders: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"accepted": self.accepted, "rejected": self.rejected}
        if self.cancelled:
            data["cancelled"] = True
        return data

    def describe(self) -> str:
        lines = [f"{self.source}: {self.accepted} orders accepted, {len(self.rejected)} rejected"
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
                 balance: BalanceCache | None = None) -> dict[int, int | tuple[str, str]]:
    """Decide and store one batch (the caller commits); rejections too, unless told not to.

    Returns, per candidate (by `id()`), its new order's id or its (code, reason).
    """
    lock_orders(uow)
    readable = [c for c in chunk if isinstance(c.parsed, OrderIn)]
    hashes = {id(c): key.id_hash(c.parsed.buyer_id_number) for c in readable}
    state = load_state(uow.session, [c.parsed for c in readable if isinstance(c.parsed, OrderIn)], hashes.values(),
                       balance)
    accepted: list[tuple[Candidate, Decision]] = []
    rejected: list[tuple[Candidate, str, str]] = []
    for c in chunk:
        result = c.parsed if isinstance(c.parsed, RecordProblem) else check(c.parsed, hashes[id(c)], catalog, state)
        if isinstance(result, (RecordProblem, Violation)):
            rejected.append((c, result.code, result.reason))
        else:
            accepted.append((c, result))
    order_ids = _store_orders(uow, key, accepted, report.source)
    if balance:
        balance.taken(order_ids)
    if keep_rejections:
        _store_rejections(uow, key, rejected, report.source)
    report.accepted += len(accepted)
    report.accepted_orders += [c.order_no for c, _ in accepted]
    report.rejected += [{"line": c.line, "order_no": c.order_no, "code": code, "reason": reason}
                        for c, code, reason in rejected]
    audit.record(uow, "orders_import", "order_file", report.source, accepted=[c.order_no for c, _ in accepted],
                 rejected=[[c.order_no, code] for c, code, _ in rejected])
    outcome: dict[int, int | tuple[str, str]] = {id(c): order_id for (c, _), order_id in zip(accepted, order_ids)}
    outcome.update({id(c): (code, reason) for c, code, reason in rejected})
    return outcome


def _store_orders(uow: UnitOfWork, key: pii.PiiKey, accepted: list[tuple[Candidate, Decision]],
                  source: str) -> list[int]:
    if not accepted:
        return []
    now = utcnow()
    rows = [_order_row(key, c, d, source, now) for c, d in accepted]
    table = ConsumerOrder.__table__  # Core inserts: the ORM's per-object bookkeeping is not needed here
    ids = uow.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).all()
    lines = []
    for order_id, (_, d) in zip(ids, accepted):
        for gnum, (line, filing, tax) in enumerate(zip(d.order.lines, d.filings, d.taxes), start=1):
            lines.append({"order_id": order_id, "gnum": gnum, "product_id": filing.product_id,
                          "account_book_item_id": filing.item_id, "quantity": line.qty,
                          "unit_price": line.unit_price, "line_value": line.value, "tariff": tax.tariff,
                          "consumption_tax": tax.consumption, "vat": tax.vat})
    uow.session.execute(insert(OrderLine.__table__), lines)
    return list(ids)


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


def _store_rejections(uow: UnitOfWork, key: pii.PiiKey, rejected: list[tuple[Candidate, str, str]],
                      source: str) -> None:
    if not rejected:
        return
    now = utcnow()
    uow.session.execute(insert(OrderRejection), [
        {"source": source[:200], "line": c.line, "order_no": c.order_no[:60], "code": code, "reason": reason[:500],
         "raw_enc": key.encrypt("order_rejection", c.raw), "at": now, "state": "open"}
        for c, code, reason in rejected])


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
    with open(path, "rb") as fh:
        return sum(1 for raw in fh if raw.strip())


def _jsonl_candidates(path: Path, catalog: Catalog) -> Iterator[Candidate]:
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            except UnicodeDecodeError:
                yield Candidate(number, raw.decode("utf-8", "replace").strip(),
                                RecordProblem("malformed", "the line is not UTF-8 text"))
                continue
            try:
                record: dict[str, Any] | RecordProblem = parse_json_line(text)
            except RecordProblem as problem:
                record = problem
            yield candidate_from_record(number, text, record, catalog)


def candidate_from_record(line: int, raw: str, record: dict[str, Any] | RecordProblem, catalog: Catalog) -> Candidate:
    if isinstance(record, RecordProblem):  # still name the order if its number can be read
        found = _ORDER_NO_TEXT.search(raw)
        return Candidate(line, raw, record, found.group(1) if found else "")
    order_no = record.get("order_no")
    order_no = order_no.strip()[:60] if isinstance(order_no, str) else ""
    try:
        return Candidate(line, raw, order_from_record(record, catalog.zone), order_no)
    except RecordProblem as problem:
        return Candidate(line, raw, problem, order_no)
