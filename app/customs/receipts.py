"""Applying customs receipts: each kept, the list follows the latest, the order and the ledger follow the list.

CEB626 (or a CSV return_no,status,time,info) answers a return request (app.customs.returns).
100 → the order goes to the rejection workbench and its pre-decrease is released; 500 → the order is
flagged for inspection; 700 (return abroad) → the list will not be released: the order goes to the
workbench and its pre-decrease is released; 800 → released (may be allocated); 899 → closed. A CEB900
(the e-port's format check refused our file) is matched by the guid of the message we sent: a list's
order goes to the workbench with the e-port's text, a cancellation request is refused. A receipt older
than the list's latest is kept in the history but changes nothing; after 800 a list only closes (899) or is
stopped by inspection or detention (500–599): a later receipt that would move it back (100, 120, 300 …) is
kept and reported, not applied (only a cancellation undoes a
release). The same receipt twice is a duplicate; an unknown list is reported. A receipt that numbers a
list (invtNo) whose order was cancelled meanwhile makes the waiting cancellation request (CEB623).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import joinedload

from app.admin import audit, pii, require, warehouse_zone
from app.customs import archive as customs_archive
from app.customs.cancellation import request_cancellation
from app.customs.checklist import apply_checklist_receipt, find_checklists
from app.customs.hold import sync_hold
from app.customs.returns import apply_return_receipt, find_returns
from app.domain import vocabulary
from app.domain.roles import Permission
from app.formats.customs.receipts import (
    MAX_RECEIPT_BYTES,
    ReceiptFileProblem,
    ReceiptIn,
    parse_file,
    receipt_files,
)
from app.persistence.jobs import (
    Cancel,
    Progress,
    batched,
    cancelled,
    checkpoint,
    lock_order_rows,
    lock_orders,
)
from app.persistence.models import (
    ConsumerOrder,
    CustomsMessage,
    CustomsReceipt,
    ExitChecklist,
    InventoryList,
    ReturnCase,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork

BATCH = 200
OTHER_KINDS = ("CEB626", "INV101")  # receipts about returns and exit checklists, not about inventory lists
CUSTOMS_STATUS = {"1": "draft", "2": "sending", "3": "sent", "4": "send_failed", "100": "rejected",
                  "120": "accepted", "300": "review", "399": "concluded", "400": "await_arrival",
                  "500": "inspection", "600": "suspended", "700": "return_abroad", "800": "released",
                  "899": "closed"}
ORDER_FOLLOWS = {"rejected": "customs_rejected", "inspection": "inspection", "detained": "detained",
                 "released": "released", "closed": "released", "return_abroad": "customs_rejected"}
# once released, a list only moves on to closed (899), or is stopped by customs' control (500–599) until it is
# released again; an earlier stage of the declaration (100, 120, 300, 399, 400 …) would move it back
FINAL = {"800": 1, "899": 2}


def control(code: str) -> bool:
    """Inspection or detention (500–599): customs may stop a released parcel until it leaves."""
    return code.isdigit() and 500 <= int(code) <= 599


def moves_back(lst: InventoryList, code: str) -> bool:
    """Would this status move a released list back? (Only a confirmed cancellation undoes a release.)"""
    if lst.released_at is None:
        return False
    if lst.return_status == "899":
        return code != "899"
    return code not in FINAL and not control(code)
FOLLOWING = ("declared", "inspection", "detained", "released", "customs_rejected")  # statuses receipts set


def status_name(code: str) -> str:
    if code in CUSTOMS_STATUS:
        return CUSTOMS_STATUS[code]
    return "detained" if code.isdigit() and 501 <= int(code) <= 599 else f"status_{code}"


@dataclass
class ReceiptReport:
    applied: int = 0
    duplicates: int = 0
    superseded: int = 0
    unmatched: list[dict[str, str]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)  # {"file", "reason" (English), "problem" (params)}
    cancelled: bool = False
    not_applied: list[dict[str, str]] = field(default_factory=list)  # would move a released list backwards
    requests: list[str] = field(default_factory=list)  # waiting cancellation requests made (CEB623 files)

    def to_json(self) -> dict[str, Any]:
        refused = [{"file": r["file"], "reason": r["reason"]} for r in self.refused]  # the problem's params: screens
        data: dict[str, Any] = {"applied": self.applied, "duplicates": self.duplicates, "unmatched": self.unmatched,
                                "superseded": self.superseded, "refused": refused,
                                "not_applied": self.not_applied, "cancellation_requests": self.requests}
        if self.cancelled:
            data["cancelled"] = True
        return data

    def describe(self) -> str:
        lines = [f"{self.applied} receipts applied ({self.superseded} older than the list's latest), "
                 f"{self.duplicates} duplicates, {len(self.unmatched)} for unknown lists, "
                 f"{len(self.refused)} files refused"]
        lines += [f"  unknown list: {u['file']}: {u['key']} status {u['status']}" for u in self.unmatched]
        lines += [f"  not applied: {n['file']}: {n['cop_no']} status {n['status']}: {n['reason']}"
                  for n in self.not_applied]
        lines += [f"  cancellation request made: {name}" for name in self.requests]
        lines += [f"  refused: {r['file']}: {r['reason']}" for r in self.refused]
        return "\n".join(lines)


def apply_receipts(uow: UnitOfWork, path: Path | str, *, progress: Progress | None = None,
                   cancel: Cancel | None = None, batch_size: int = BATCH) -> ReceiptReport:
    """Read and apply every receipt file at `path` (a file or a folder); batches commit as they finish."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    files = receipt_files(Path(path))
    key, zone = pii.key_for(uow), warehouse_zone(uow.session)
    report = ReceiptReport()
    done = 0
    for chunk in batched(files, batch_size):
        if cancelled(cancel):
            report.cancelled = True
            break
        if done:
            checkpoint(uow)
        _apply_files(uow, key, zone, chunk, report)
        uow.session.flush()
        uow.session.expunge_all()
        done += len(chunk)
        if progress:
            progress(done, len(files))
    uow.changes.touch(Area.ORDERS, Area.CUSTOMS)
    return report


@dataclass
class _File:
    path: Path
    data: bytes
    sha256: str
    kind: str = ""
    receipts: list[ReceiptIn] = field(default_factory=list)
    problem: ReceiptFileProblem | None = None


def _read(path: Path, zone: ZoneInfo) -> _File:
    try:
        size = path.stat().st_size
        if size > MAX_RECEIPT_BYTES:
            return _File(path, b"", "", problem=ReceiptFileProblem("too_large", size_mb=f"{size / 2**20:.1f}",
                                                                   max_mb=MAX_RECEIPT_BYTES // 2**20))
        data = path.read_bytes()
    except OSError as exc:
        return _File(path, b"", "", problem=ReceiptFileProblem("unreadable", error=str(exc.strerror or exc)))
    f = _File(path, data, hashlib.sha256(data).hexdigest())
    try:
        f.kind, f.receipts = parse_file(path.name, data, zone)
    except ReceiptFileProblem as exc:
        f.problem = exc
    return f


def _reason(problem: ReceiptFileProblem) -> str:
    """Why a file was refused, in English (the report's and the archive's note)."""
    return vocabulary.receipt_problem(problem.params) or problem.form


def _apply_files(uow: UnitOfWork, key: pii.PiiKey, zone: ZoneInfo, paths: list[Path], report: ReceiptReport) -> None:
    files = [_read(p, zone) for p in paths]
    lock_orders(uow)  # two stations watching the inbox apply one batch at a time
    s = uow.session
    archived = dict(s.execute(select(CustomsMessage.sha256, CustomsMessage.id).where(
        CustomsMessage.direction == "in", CustomsMessage.sha256.in_([f.sha256 for f in files]))).all())
    _archive_new(uow, key, files, archived)
    index = _lists(uow, [r for f in files for r in f.receipts if r.kind not in OTHER_KINDS])
    returns = find_returns(uow, {r.cop_no for f in files for r in f.receipts if r.kind == "CEB626"})
    checklists = find_checklists(uow, {r.cop_no for f in files for r in f.receipts if r.kind == "INV101"})
    fingerprints = {_fingerprint(r, index) for f in files for r in f.receipts}
    seen = set(s.execute(select(CustomsReceipt.fingerprint).where(
        CustomsReceipt.fingerprint.in_(fingerprints))).scalars())
    rows: list[dict[str, Any]] = []
    for f in files:
        if f.problem:
            report.refused.append({"file": f.path.name, "reason": _reason(f.problem), "problem": f.problem.params})
            continue
        for r in f.receipts:
            row = (_one_return(uow, r, f.path.name, returns, seen, report) if r.kind == "CEB626"
                   else _one_checklist(uow, r, f.path.name, checklists, seen, report) if r.kind == "INV101"
                   else _one(uow, r, f.path.name, index, seen, report))
            if row:
                rows.append({**row, "message_id": archived[f.sha256], "received_at": utcnow()})
    if rows:
        s.execute(insert(CustomsReceipt.__table__), rows)
    audit.record(uow, "customs_receipts", "receipt_files", f"{len(files)} files", files=[f.path.name for f in files],
                 applied=report.applied, duplicates=report.duplicates, refused=len(report.refused))


def _archive_new(uow: UnitOfWork, key: pii.PiiKey, files: list[_File], archived: dict[str, int]) -> None:
    """Keep every file not kept before (a refused one too, with its reason), in one bulk insert."""
    new: dict[str, dict[str, Any]] = {}
    now = utcnow()
    for f in files:
        if not f.data or f.sha256 in archived or f.sha256 in new:
            continue
        if f.problem:
            new[f.sha256] = customs_archive.message_row(key, "in", "INVALID", "", f.path.name, f.data, now,
                                                        _reason(f.problem), params=f.problem.params)
        else:
            one = f.receipts[0] if len(f.receipts) == 1 else None
            business = (one.cop_no or one.order_no) if one else f.path.name
            new[f.sha256] = customs_archive.message_row(key, "in", f.kind, business, f.path.name, f.data, now)
    if new:
        table = CustomsMessage.__table__
        ids = uow.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                  list(new.values())).all()
        archived.update(zip(new, ids))


ByCop = dict[str, InventoryList]
ByOrder = dict[str, list[InventoryList]]


@dataclass
class Index:
    """The lists the receipts of a batch name: by copNo, by order number, and our messages by guid (CEB900)."""

    by_cop: ByCop
    by_order: ByOrder
    by_guid: dict[str, tuple[str, str]]  # our outgoing message's guid → (message type, copNo)


def _lists(uow: UnitOfWork, receipts: list[ReceiptIn]) -> Index:
    load = (joinedload(InventoryList.order),)  # lines load only where the hold changes (100, CEB624)
    guids = {g for r in receipts for g in r.guids}
    by_guid: dict[str, tuple[str, str]] = {}
    if guids:
        by_guid = {g: (t, cop) for g, t, cop in uow.session.execute(
            select(CustomsMessage.guid, CustomsMessage.msg_type, CustomsMessage.business_no).where(
                CustomsMessage.direction == "out", CustomsMessage.guid.in_(guids)))}
    cops = {r.cop_no for r in receipts if r.cop_no} | {cop for _, cop in by_guid.values()}
    order_nos = {r.order_no for r in receipts if r.order_no}
    if cops or order_nos:  # the orders whose status the receipts may change: locked, then read under the lock
        lock_order_rows(uow, ConsumerOrder.id.in_(select(InventoryList.order_id).where(InventoryList.cop_no.in_(cops)))
                        | ConsumerOrder.order_no.in_(order_nos))
    by_cop = {lst.cop_no: lst for lst in uow.session.execute(
        select(InventoryList).where(InventoryList.cop_no.in_(cops)).options(*load)
        .execution_options(populate_existing=True)).unique().scalars()} if cops else {}
    by_order: ByOrder = {}
    if order_nos:
        for lst in uow.session.execute(select(InventoryList).join(ConsumerOrder).where(
                ConsumerOrder.order_no.in_(order_nos)).options(*load)
                .execution_options(populate_existing=True)).unique().scalars():
            by_order.setdefault(lst.order.order_no, []).append(lst)
    return Index(by_cop, by_order, by_guid)


def _ours(r: ReceiptIn, index: Index) -> tuple[str, str, str] | None:
    """A CEB900's message of ours: (guid, message type, copNo)."""
    for guid in r.guids:
        if guid in index.by_guid:
            return (guid, *index.by_guid[guid])
    return None


def _match(r: ReceiptIn, index: Index) -> InventoryList | None:
    if r.kind == "CEB900":
        ours = _ours(r, index)
        return index.by_cop.get(ours[2]) if ours else None
    if r.cop_no:
        return index.by_cop.get(r.cop_no)
    found = index.by_order.get(r.order_no, [])
    return found[0] if len(found) == 1 else None  # the same number on two platforms: ambiguous, not applied


def _fingerprint(r: ReceiptIn, index: Index) -> str:
    if r.kind in OTHER_KINDS:
        return r.fingerprint()
    lst = _match(r, index)
    return r.fingerprint(lst.cop_no if lst else "")


def _one(uow: UnitOfWork, r: ReceiptIn, file: str, index: Index, seen: set[str],
         report: ReceiptReport) -> dict[str, Any] | None:
    """Apply one receipt; the receipt's row to keep, or None for a duplicate."""
    lst = _match(r, index)
    fingerprint = r.fingerprint(lst.cop_no if lst else "")
    if fingerprint in seen:
        report.duplicates += 1
        return None
    seen.add(fingerprint)
    if lst is None:
        outcome = "unmatched"
        key = r.cop_no or r.order_no or ",".join(r.guids)
        ours = _ours(r, index) if r.kind == "CEB900" else None
        reason = (f"the e-port refused our {ours[1]} {ours[2]}: kept and reported, not applied" if ours else
                  "no message of ours with this guid" if r.kind == "CEB900" else
                  "no inventory list with this copNo" if r.cop_no else
                  "no declared order with this number (or it is on several platforms)")
        report.unmatched.append({"file": file, "key": key, "status": r.status, "reason": reason})
    else:
        if r.kind == "CEB624":
            outcome = apply_cancel_receipt(uow, lst, r)
        elif r.kind == "CEB900":
            outcome = apply_format_error(uow, lst, r, _ours(r, index))
        else:
            outcome = apply_list_receipt(uow, lst, r)
        report.applied += outcome != "not_applied"
        report.superseded += outcome == "superseded"
        if outcome == "not_applied":
            report.not_applied.append({"file": file, "cop_no": lst.cop_no, "status": r.status,
                                       "reason": f"the list was {lst.status} ({lst.return_status}): a later "
                                                 f"{r.status} would move it back; kept, not applied"})
        if outcome == "requested":
            report.requests.append(lst.cop_no)
    return {"kind": r.kind, "list_id": lst.id if lst else None, "cop_no": r.cop_no, "order_no": r.order_no,
            "pre_no": r.pre_no, "invt_no": r.invt_no, "return_status": r.status, "return_at": r.return_at,
            "return_info": r.info, "fingerprint": fingerprint, "outcome": outcome}


def _first_time(r: ReceiptIn, seen: set[str], report: ReceiptReport) -> str | None:
    """The receipt's fingerprint, or None (counted as a duplicate) when this batch or an earlier one had it."""
    fingerprint = r.fingerprint()
    if fingerprint in seen:
        report.duplicates += 1
        return None
    seen.add(fingerprint)
    return fingerprint


def _one_return(uow: UnitOfWork, r: ReceiptIn, file: str, returns: dict[str, ReturnCase], seen: set[str],
                report: ReceiptReport) -> dict[str, Any] | None:
    """Apply one return receipt (CEB626 or a return CSV row, keyed by the return number)."""
    fingerprint = _first_time(r, seen, report)
    if fingerprint is None:
        return None
    case = returns.get(r.cop_no)
    if case is None or case.message_id is None:
        outcome = "unmatched"
        report.unmatched.append({"file": file, "key": r.cop_no, "status": r.status,
                                 "reason": "no return with this number" if case is None else
                                 "this return was not declared (CEB625) yet"})
    else:
        outcome = apply_return_receipt(uow, case, r)
        report.applied += 1
        report.superseded += outcome == "superseded"
    return {"kind": "CEB626", "list_id": None, "cop_no": r.cop_no, "order_no": "", "pre_no": "", "invt_no": "",
            "return_status": r.status, "return_at": r.return_at, "return_info": r.info, "fingerprint": fingerprint,
            "outcome": outcome}


def _one_checklist(uow: UnitOfWork, r: ReceiptIn, file: str, checklists: dict[str, ExitChecklist], seen: set[str],
                   report: ReceiptReport) -> dict[str, Any] | None:
    """Apply one exit checklist's posting receipt (CSV checklist_no,status,time,info)."""
    fingerprint = _first_time(r, seen, report)
    if fingerprint is None:
        return None
    checklist = checklists.get(r.cop_no)
    if checklist is None:
        outcome = "unmatched"
        report.unmatched.append({"file": file, "key": r.cop_no, "status": r.status,
                                 "reason": "no exit checklist with this number"})
    else:
        outcome = apply_checklist_receipt(uow, checklist, r)
        report.applied += outcome != "not_applied"
        report.superseded += outcome == "superseded"
        if outcome == "not_applied":
            report.not_applied.append({"file": file, "cop_no": r.cop_no, "status": r.status,
                                       "reason": "the checklist is posted already: kept, not applied"})
    return {"kind": "INV101", "list_id": None, "cop_no": r.cop_no, "order_no": "", "pre_no": "", "invt_no": "",
            "return_status": r.status, "return_at": r.return_at, "return_info": r.info, "fingerprint": fingerprint,
            "outcome": outcome}


def apply_list_receipt(uow: UnitOfWork, lst: InventoryList, r: ReceiptIn) -> str:
    """A CEB622 answer: numbers and inspection are kept from any receipt; the state only from the latest,
    and never back from released (800) but to closed (899)."""
    order = lst.order
    lst.pre_no = lst.pre_no or r.pre_no
    numbered = not lst.invt_no and r.invt_no
    lst.invt_no = lst.invt_no or r.invt_no
    requested = numbered and lst.cancel_state == "waiting"
    if requested:  # the order was cancelled before customs numbered the list: its request can go now
        request_cancellation(uow, pii.key_for(uow), lst)
    if r.status == "500":  # customs inspects: the parcel is pulled at packing, whatever the list's status
        order.inspection = True
    if lst.latest_return_at is not None and r.return_at < lst.latest_return_at:
        return "requested" if requested else "superseded"
    if moves_back(lst, r.status):
        return "requested" if requested else "not_applied"
    lst.latest_return_at, lst.return_status, lst.return_info = r.return_at, r.status, r.info
    lst.status = status_name(r.status)
    if r.status == "800" and lst.released_at is None:
        lst.released_at = r.return_at
    follow(order, lst)
    sync_hold(uow, lst, order, "CEB622")
    return "requested" if requested else "applied"


def apply_format_error(uow: UnitOfWork, lst: InventoryList, r: ReceiptIn, ours: tuple[str, str, str] | None) -> str:
    """A CEB900: the e-port's format check refused our message. A list (its current CEB621) is rejected: the
    order goes to the workbench with the e-port's text; a cancellation request (CEB623) is refused."""
    guid, msg_type, _ = ours or ("", "", "")
    info = f"CEB900 {r.info}".strip()[:400]
    order = lst.order
    if msg_type == "CEB623":
        lst.cancel_state = "refused"
        lst.return_info = info
        if order.status == "cancelled":
            order.status = "declared"
            follow(order, lst)
        sync_hold(uow, lst, order, "CEB900")
        return "applied"
    if guid != lst.guid.upper() or lst.released_at is not None:
        return "superseded"  # a list declared again since (or already released): that file is history
    lst.latest_return_at, lst.return_status, lst.return_info = r.return_at, r.status, info
    lst.status = "rejected"
    follow(order, lst)
    sync_hold(uow, lst, order, "CEB900")
    return "applied"


def apply_cancel_receipt(uow: UnitOfWork, lst: InventoryList, r: ReceiptIn) -> str:
    """A CEB624 answer to our cancellation request: 800/899 cancelled (pre-decrease released), 100 refused."""
    order = lst.order
    if r.status in ("800", "899"):
        lst.cancel_state = "cancelled"
        order.status = "cancelled"
    elif r.status == "100":
        lst.cancel_state = "refused"
        if order.status == "cancelled":
            order.status = "declared"
            follow(order, lst)
    sync_hold(uow, lst, order, "CEB624")
    return "applied"


def follow(order: ConsumerOrder, lst: InventoryList) -> None:
    """The order's status follows its list's while customs decides (not once cancelled or further along)."""
    if order.status not in FOLLOWING:
        return
    order.status = ORDER_FOLLOWS.get(lst.status, "declared")
    if order.status == "customs_rejected":
        code = "return_abroad" if lst.status == "return_abroad" else "customs_rejected"
        order.rejection_code, order.rejection_reason = code, lst.return_info[:400]
