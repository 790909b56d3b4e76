"""The exit checklist (出区核注清单, INV101 list type 8): the released inventory lists that left the zone in a
period are written off the account book in one periodic checklist (DOMAIN.md §1.3 row 15, §2.7).

`gather(uow, first, last)` takes every list whose goods passed the gate on the days first…last (warehouse time)
and that is on no checklist yet, and makes one checklist of them: one line per account-book item with the units
summed and the related lists' numbers. Its INV101 file is checked against resources/schemas/INV101.xsd and
archived in the same transaction; `deliver(uow, checklist_no, outbox)` writes it (and its PDF) to the outbox
after the commit. A list is on one checklist only (the link's primary key is the list). A period in which no
list left, or whose lists are all on checklists already, is refused.

Customs answers with a posting receipt (CSV `checklist_no,status,time,info`, applied by `bwms customs receipts`):
status 2 (posted, 已核扣) or 3 (written off) marks the checklist posted; 100 (rejected) marks it rejected and
frees its lists for the next checklist; 0/1 (not yet / pre-posted) are kept and shown. The period books show per
item the decreases whose lists are on a posted checklist (`decreased_posted`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select

from app.admin import audit, pii, require, the_warehouse, warehouse_zone
from app.customs import archive as customs_archive
from app.customs.books import period_bounds
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.formats.customs.receipts import ReceiptIn
from app.formats.customs.schemas import validate
from app.formats.sas_messages import ChecklistLine, Enterprise, inv101
from app.persistence.models import (
    AccountBookItem,
    CustomsMessage,
    ExitChecklist,
    ExitChecklistLine,
    ExitChecklistList,
    InventoryList,
    OrderLine,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork

POSTED_CODES = ("2", "3")     # VrfdedMarkcd: 2 posted (已核扣), 3 written off
PENDING_CODES = ("0", "1")    # 0 not posted yet, 1 pre-posted
REJECTED_CODE = "100"


@dataclass
class ChecklistReport:
    checklist: str
    first: date
    last: date
    lists: int
    units: int
    lines: list[dict[str, Any]]
    files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"checklist": self.checklist, "from": self.first.isoformat(), "to": self.last.isoformat(),
                "lists": self.lists, "units": self.units, "lines": self.lines, "files": self.files}

    def describe(self) -> str:
        text = [f"exit checklist {self.checklist} ({self.first} … {self.last}): {self.lists} inventory lists, "
                f"{len(self.lines)} account-book items, {self.units} units"]
        text += [f"  {line['seq']:>3} {line['item_no']:<12} {line['quantity']:>8}  ({len(line['lists'])} lists)"
                 for line in self.lines]
        text += [f"  written: {name}" for name in self.files]
        return "\n".join(text)


def enterprise(uow: UnitOfWork) -> Enterprise:
    """The warehouse as the special-area messages name it (refused while its customs identity is missing)."""
    wh = the_warehouse(uow)
    return Enterprise(wh.account_book, wh.area_code, wh.area_name, wh.agent_code, wh.agent_name, wh.customs_code,
                      wh.port_code)


def _number(ent: Enterprise, year: int, checklist_id: int) -> str:
    """QD + customs office + 2-digit year + E + 9-digit serial: 18 characters (DOMAIN.md §2.7)."""
    return f"QD{ent.customs_code}{year % 100:02d}E{checklist_id:09d}"


def gather(uow: UnitOfWork, first: date, last: date) -> ChecklistReport:
    """One exit checklist of the lists that left on the days first…last and are on no checklist yet."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    ent = enterprise(uow)
    start, end = period_bounds(uow, first, last)
    taken = select(ExitChecklistList.list_id)
    stmt = (select(InventoryList.id).where(InventoryList.written_off_at >= start, InventoryList.written_off_at < end,
                                           InventoryList.id.not_in(taken)).order_by(InventoryList.id))
    if uow.is_postgres:
        stmt = stmt.with_for_update()
    ids = list(uow.session.execute(stmt).scalars())
    if not ids:
        raise Rejected(f"no inventory list left the zone between {first} and {last} that is not on an exit checklist "
                       "already: nothing to gather", code="empty_checklist", first=first.isoformat(),
                       last=last.isoformat())
    now = utcnow()
    checklist = ExitChecklist(checklist_no=uuid.uuid4().hex[:18], period_from=first, period_to=last,
                              list_count=len(ids), created_by=uow.actor.username[:40], created_at=now)
    uow.session.add(checklist)
    uow.session.flush()
    checklist.checklist_no = _number(ent, now.astimezone(warehouse_zone(uow.session)).year, checklist.id)
    uow.session.execute(insert(ExitChecklistList.__table__),
                        [{"list_id": i, "checklist_id": checklist.id} for i in ids])
    lines = _lines(uow, checklist.id)
    uow.session.execute(insert(ExitChecklistLine.__table__), [
        {"checklist_id": checklist.id, "seq": line.seq, "account_book_item_id": item_id, "quantity": line.quantity,
         "list_nos": ",".join(line.list_nos)} for item_id, line in lines])
    checklist.units = sum(line.quantity for _, line in lines)
    remark = f"出区汇总 {first:%Y-%m-%d}..{last:%Y-%m-%d}"
    guid = str(uuid.uuid4()).upper()
    xml = inv101(ent, checklist.checklist_no, guid, now.astimezone(warehouse_zone(uow.session)).date(), remark,
                 [line for _, line in lines], len(ids))
    validate("INV101", xml)
    message = customs_archive.archive(uow, pii.key_for(uow), "out", "INV101", checklist.checklist_no,
                                      f"INV101_{checklist.checklist_no}.xml", xml, guid=guid)
    uow.session.flush()
    checklist.message_id = message.id
    audit.record(uow, "exit_checklist", "exit_checklist", checklist.checklist_no, first=first.isoformat(),
                 last=last.isoformat(), lists=len(ids), units=checklist.units, items=len(lines))
    uow.changes.touch(Area.CUSTOMS, Area.LEDGER)
    return ChecklistReport(checklist.checklist_no, first, last, len(ids), checklist.units,
                           [{"seq": line.seq, "item_no": line.item_no, "quantity": line.quantity,
                             "lists": list(line.list_nos)} for _, line in lines])


def _lines(uow: UnitOfWork, checklist_id: int) -> list[tuple[int, ChecklistLine]]:
    """The checklist's lines from its lists' order lines: units per account-book item, with the lists' numbers."""
    on_it = (select(InventoryList.order_id, func.coalesce(func.nullif(InventoryList.invt_no, ""),
                                                          InventoryList.cop_no).label("list_no"))
             .join(ExitChecklistList, ExitChecklistList.list_id == InventoryList.id)
             .where(ExitChecklistList.checklist_id == checklist_id).subquery())
    units: dict[int, int] = {}
    numbers: dict[int, set[str]] = {}
    for item_id, list_no, quantity in uow.session.execute(
            select(OrderLine.account_book_item_id, on_it.c.list_no, func.sum(OrderLine.quantity))
            .join(on_it, on_it.c.order_id == OrderLine.order_id)
            .group_by(OrderLine.account_book_item_id, on_it.c.list_no)):
        units[item_id] = units.get(item_id, 0) + int(quantity)
        numbers.setdefault(item_id, set()).add(list_no)
    items = {i.id: i for i in uow.session.execute(
        select(AccountBookItem).where(AccountBookItem.id.in_(list(units)))).scalars()}
    ordered = sorted(units, key=lambda i: items[i].item_no)
    return [(i, ChecklistLine(seq, items[i].item_no, items[i].hs_code, items[i].name, items[i].unit, units[i],
                              sorted(numbers[i])))
            for seq, i in enumerate(ordered, start=1)]


def find(uow: UnitOfWork, checklist_no: str) -> ExitChecklist:
    found = uow.session.execute(select(ExitChecklist).where(ExitChecklist.checklist_no == checklist_no.strip())
                                ).scalar_one_or_none()
    if found is None:
        raise NotFound(f"no exit checklist {checklist_no!r}", code="unknown_checklist", checklist=checklist_no)
    return found


def deliver(uow: UnitOfWork, checklist_no: str, outbox: Path | str | None = None) -> list[str]:
    """Write the checklist's INV101 file (once) and its PDF into the outbox; the files written, as paths."""
    from app.documents import registry

    require(uow, Permission.CUSTOMS_EXCHANGE)
    checklist = find(uow, checklist_no)
    folder = customs_archive.outbox(uow, outbox)
    message = uow.session.get(CustomsMessage, checklist.message_id)
    names = customs_archive.deliver(uow, pii.key_for(uow), [message], folder) if message is not None else []
    pdf_name = f"INV101_{checklist.checklist_no}.pdf"
    pdf = registry.produce(uow, "exit-checklist", checklist.checklist_no, "pdf", target=str(folder / pdf_name))
    customs_archive.write_atomically(folder, pdf_name, pdf.payload)
    return [str(folder / name) for name in [*names, pdf_name]]


# -- posting receipts ----------------------------------------------------------------------------------------------

def find_checklists(uow: UnitOfWork, numbers: set[str]) -> dict[str, ExitChecklist]:
    if not numbers:
        return {}
    return {c.checklist_no: c for c in uow.session.execute(
        select(ExitChecklist).where(ExitChecklist.checklist_no.in_(numbers))).scalars()}


def apply_checklist_receipt(uow: UnitOfWork, checklist: ExitChecklist, r: ReceiptIn) -> str:
    """A posting receipt: 2/3 posted, 100 rejected (its lists freed for another checklist), 0/1 kept as shown.
    An older receipt than the latest is kept but changes nothing; a posted checklist stays posted."""
    if checklist.receipt_at is not None and r.return_at < checklist.receipt_at:
        return "superseded"
    if checklist.status == "posted" and r.status not in POSTED_CODES:
        return "not_applied"
    checklist.receipt_status, checklist.receipt_at, checklist.receipt_info = r.status, r.return_at, r.info[:400]
    if r.status in POSTED_CODES and checklist.status != "posted":
        checklist.status, checklist.posted_at = "posted", r.return_at
    elif r.status == REJECTED_CODE and checklist.status == "declared":
        checklist.status = "rejected"
        uow.session.execute(delete(ExitChecklistList).where(ExitChecklistList.checklist_id == checklist.id))
    uow.changes.touch(Area.CUSTOMS, Area.LEDGER)
    return "applied"


# -- what the screens and the printout show ----------------------------------------------------------------------

def checklists(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Every exit checklist, newest first."""
    require(uow, Permission.VIEW)
    zone = warehouse_zone(uow.session)
    rows = uow.session.execute(select(ExitChecklist).order_by(ExitChecklist.id.desc())).scalars()
    return [{"checklist": c.checklist_no, "from": c.period_from.isoformat(), "to": c.period_to.isoformat(),
             "lists": c.list_count, "units": c.units, "status": c.status, "receipt_status": c.receipt_status,
             "receipt_info": c.receipt_info, "created": _local(c.created_at, zone), "posted": _local(c.posted_at, zone)}
            for c in rows]


def _local(when: datetime | None, zone: Any) -> str:
    return when.astimezone(zone).strftime("%Y-%m-%d %H:%M") if when else ""


def checklist_document(uow: UnitOfWork, checklist_no: str) -> dict[str, Any]:
    """The exit checklist's printout: its head, the lines with the related lists, the signatures."""
    require(uow, Permission.VIEW)
    c = find(uow, checklist_no)
    ent = enterprise(uow)
    zone = warehouse_zone(uow.session)
    lines = uow.session.execute(
        select(ExitChecklistLine.seq, AccountBookItem.item_no, AccountBookItem.hs_code, AccountBookItem.name,
               AccountBookItem.unit, ExitChecklistLine.quantity, ExitChecklistLine.list_nos)
        .join(AccountBookItem, AccountBookItem.id == ExitChecklistLine.account_book_item_id)
        .where(ExitChecklistLine.checklist_id == c.id).order_by(ExitChecklistLine.seq)).all()
    return {"checklist": c.checklist_no, "from": c.period_from.isoformat(), "to": c.period_to.isoformat(),
            "status": c.status, "receipt_status": c.receipt_status, "receipt_info": c.receipt_info,
            "lists": c.list_count, "units": c.units, "account_book": ent.account_book, "enterprise": ent.area_name,
            "enterprise_code": ent.area_code, "agent": f"{ent.agent_code} {ent.agent_name}",
            "customs": ent.customs_code, "created": _local(c.created_at, zone), "posted": _local(c.posted_at, zone),
            "printed": _local(utcnow(), zone),
            "lines": [{"seq": seq, "item_no": no, "hs_code": hs, "name": name, "unit": unit, "quantity": qty,
                       "lists": [n for n in nos.split(",") if n]}
                      for seq, no, hs, name, unit, qty, nos in lines]}
