"""The batch record of one lot for customs officers (D10): where it entered, everything that happened to it,
every parcel it went out in, and its balance. Read-only, plain data (the screen and the PDF show the same).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app import clock
from app.admin import require
from app.domain import vocabulary
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.models import (
    AccountBookItem,
    Allocation,
    ConsumerOrder,
    CustomsLedgerEntry,
    DeclarationLine,
    Disposal,
    HandlingUnit,
    InboundDeclaration,
    InventoryList,
    Location,
    Lot,
    Manifest,
    Movement,
    Owner,
    Parcel,
    ParcelItem,
    Product,
    ReturnCase,
    ReturnLine,
    Stock,
    Tally,
    TallyCount,
    User,
    Warehouse,
)
from app.persistence.uow import UnitOfWork

# the document of a movement into or out of the zone: its name in both languages (the record prints "核注清单 entry";
# a screen names the kind in its own language, app.domain.vocabulary "batch_doc")
RETURNED, SHIPPED, DISPOSED = ("return", "return_in"), ("ship",), ("destroy", "return_abroad")


def find_lot(uow: UnitOfWork, code: str) -> Lot:
    """A lot by "DECLARATION/BATCH", by batch number (when only one lot has it) or by an SSCC it was packed in."""
    code = code.strip()
    stmt = select(Lot).join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id).join(
        InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
    if "/" in code:
        declaration, batch = code.split("/", 1)
        lots = uow.session.execute(stmt.where(InboundDeclaration.declaration_no == declaration,
                                              Lot.batch_no == batch)).scalars().all()
    else:
        lots = uow.session.execute(stmt.where(or_(Lot.batch_no == code, Lot.id.in_(
            select(HandlingUnit.lot_id).where(HandlingUnit.sscc == code))))).scalars().all()
    if not lots:
        raise NotFound(f"no lot {code!r}: give a batch number, DECLARATION/BATCH or an SSCC", code="unknown_lot",
                       lot=code)
    if len(lots) > 1:
        names = [f"{lot.declaration_line.declaration.declaration_no}/{lot.batch_no}" for lot in lots]
        raise Rejected(f"batch {code} entered more than once: name one of {', '.join(names)}", code="ambiguous_lot",
                       lots=names)
    return lots[0]


def batch_record(uow: UnitOfWork, code: str) -> dict[str, Any]:
    """Everything about one lot, in the order it happened, with the balance (entered − left = on hand)."""
    require(uow, Permission.VIEW)
    lot = find_lot(uow, code)
    line = lot.declaration_line
    declaration = line.declaration
    zone = clock.zone_named(uow.session.execute(select(Warehouse.time_zone).limit(1)).scalar())

    def when(value: Any) -> str:
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value is not None else ""

    product = uow.session.get(Product, lot.product_id)
    item = uow.session.get(AccountBookItem, line.account_book_item_id)
    chronology = _chronology(uow, lot.id, when)
    owner = uow.session.get(Owner, lot.owner_id)
    return {
        "lot": {"lot": f"{declaration.declaration_no}/{lot.batch_no}", "batch": lot.batch_no, "sku": product.sku,
                "name": product.name_cn, "spec": product.spec, "production": _day(lot.production_date),
                "expiry": _day(lot.expiry_date), "status": lot.status, "account_book_item": item.item_no,
                "account_book": item.account_book, "hs_code": item.hs_code, "unit": item.unit,
                "owner": owner.code, "owner_name": owner.name},
        "declaration": {"declaration": declaration.declaration_no, "entry_no": declaration.entry_no,
                        "line_no": line.line_no, "declared_qty": line.declared_qty,
                        "container": declaration.container_no, "seal": declaration.seal_no,
                        "bill_of_lading": declaration.bill_of_lading, "arrival": _day(declaration.arrival_date),
                        "status": declaration.status, "released_at": when(declaration.released_at)},
        "tally": _tally(uow, lot, declaration.id, when),
        "release": {"released_at": when(declaration.released_at), "ledger_in": _ledger_in(uow, item.id,
                                                                                          declaration.declaration_no)},
        "putaway": _moves(uow, lot.id, "putaway", when), "allocations": _allocations(uow, lot.id, when),
        "parcels": _parcels(uow, lot.id, when), "chronology": chronology,
        "balance": _balance(uow, lot.id, chronology),
        "returns": _returns(uow, lot.id, when), "disposals": _disposals(uow, lot.id, when),
    }


def _returns(uow: UnitOfWork, lot_id: int, when: Any) -> list[dict[str, Any]]:
    """The consumer returns of this lot's units: each with its original parcel (waybill) and how they came back."""
    rows = uow.session.execute(
        select(ReturnCase.return_no, ConsumerOrder.order_no, ConsumerOrder.waybill_no, ReturnCase.status,
               ReturnLine.quantity, ReturnLine.good, ReturnLine.damaged, ReturnCase.received_at)
        .join(ReturnCase, ReturnCase.id == ReturnLine.return_id)
        .join(ConsumerOrder, ConsumerOrder.id == ReturnCase.order_id)
        .where(ReturnLine.lot_id == lot_id).order_by(ReturnCase.id))
    return [{"return": r[0], "order_no": r[1], "waybill": r[2], "status": r[3], "qty": r[4], "good": r[5],
             "damaged": r[6], "received_at": when(r[7])} for r in rows]


def _disposals(uow: UnitOfWork, lot_id: int, when: Any) -> list[dict[str, Any]]:
    rows = uow.session.execute(select(Disposal).where(Disposal.lot_id == lot_id).order_by(Disposal.id)).scalars()
    return [{"disposal": d.id, "qty": d.quantity, "method": d.method, "reason": d.reason, "status": d.status,
             "approved_by": d.approved_by, "executed_at": when(d.executed_at),
             "witnesses": [w for w in d.witnesses.split("\n") if w]} for d in rows]


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _tally(uow: UnitOfWork, lot: Lot, declaration_id: int, when: Any) -> dict[str, Any]:
    counted = uow.session.execute(select(TallyCount.received, TallyCount.damaged).where(
        TallyCount.declaration_line_id == lot.declaration_line_id, TallyCount.batch_no == lot.batch_no)).first()
    tally = uow.session.execute(select(Tally.closed_at, Tally.closed_by).where(
        Tally.declaration_id == declaration_id)).first()
    return {"received": counted.received if counted else 0, "damaged": counted.damaged if counted else 0,
            "closed_at": when(tally.closed_at) if tally else "", "closed_by": tally.closed_by if tally else ""}


def _ledger_in(uow: UnitOfWork, item_id: int, declaration_no: str) -> int:
    return int(uow.session.execute(select(func.coalesce(func.sum(CustomsLedgerEntry.quantity), 0)).where(
        CustomsLedgerEntry.account_book_item_id == item_id, CustomsLedgerEntry.biz_type == "IN",
        CustomsLedgerEntry.doc_no == declaration_no)).scalar_one())


def _moves(uow: UnitOfWork, lot_id: int, kind: str, when: Any) -> list[dict[str, Any]]:
    src, dst = aliased(Location), aliased(Location)
    rows = uow.session.execute(
        select(Movement.at, Movement.quantity, Movement.from_lpn, src.code, dst.code, User.username)
        .outerjoin(src, src.id == Movement.from_location_id).outerjoin(dst, dst.id == Movement.to_location_id)
        .outerjoin(User, User.id == Movement.user_id)
        .where(Movement.lot_id == lot_id, Movement.kind == kind).order_by(Movement.at, Movement.id))
    return [{"at": when(r[0]), "qty": r[1], "lpn": r[2] or "", "from": r[3] or "", "to": r[4] or "",
             "by": r[5] or ""} for r in rows]


def _allocations(uow: UnitOfWork, lot_id: int, when: Any) -> list[dict[str, Any]]:
    rows = uow.session.execute(
        select(ConsumerOrder.order_no, Location.code, Allocation.quantity, Allocation.picked, Allocation.short,
               Allocation.state, Allocation.allocated_at)
        .join(ConsumerOrder, ConsumerOrder.id == Allocation.order_id)
        .join(Location, Location.id == Allocation.location_id)
        .where(Allocation.lot_id == lot_id).order_by(Allocation.id))
    return [{"order_no": r[0], "location": r[1], "qty": r[2], "picked": r[3], "short": r[4], "state": r[5],
             "at": when(r[6])} for r in rows]


def _parcels(uow: UnitOfWork, lot_id: int, when: Any) -> list[dict[str, Any]]:
    rows = uow.session.execute(
        select(Parcel.waybill_no, ConsumerOrder.order_no, ParcelItem.quantity, Parcel.status, Parcel.packed_at,
               Parcel.shipped_at, Manifest.manifest_no, Manifest.gate_pass_no, InventoryList.invt_no,
               InventoryList.cop_no)
        .join(Parcel, Parcel.id == ParcelItem.parcel_id).join(ConsumerOrder, ConsumerOrder.id == Parcel.order_id)
        .outerjoin(Manifest, Manifest.id == Parcel.manifest_id)
        .outerjoin(InventoryList, InventoryList.order_id == Parcel.order_id)
        .where(ParcelItem.lot_id == lot_id).order_by(Parcel.id))
    return [{"waybill": r[0], "order_no": r[1], "qty": r[2], "status": r[3], "packed_at": when(r[4]),
             "shipped_at": when(r[5]), "manifest": r[6] or "", "gate_pass": r[7] or "",
             "inventory_list": r[8] or r[9] or ""} for r in rows]


def _chronology(uow: UnitOfWork, lot_id: int, when: Any) -> list[dict[str, Any]]:
    """Every unit that entered or left the zone, in time order, with the running balance (D10)."""
    src, dst = aliased(Location), aliased(Location)
    rows = uow.session.execute(
        select(Movement.at, Movement.kind, Movement.quantity, Movement.ref_no, Movement.from_location_id,
               src.code, dst.code, Movement.note)
        .outerjoin(src, src.id == Movement.from_location_id).outerjoin(dst, dst.id == Movement.to_location_id)
        .where(Movement.lot_id == lot_id, or_(Movement.from_location_id.is_(None), Movement.to_location_id.is_(None)))
        .order_by(Movement.at, Movement.id))
    out, balance = [], 0
    for at, kind, qty, ref, from_id, src_code, dst_code, note in rows:
        signed = qty if from_id is None else -qty
        balance += signed
        doc = f"{ref} / {note}" if kind == "ship" and note else ref
        out.append({"at": when(at), "doc_type": vocabulary.both("batch_doc", kind), "doc_no": doc, "qty": signed,
                    "balance": balance, "location": dst_code or src_code or "", "kind": kind})
    return out


def _balance(uow: UnitOfWork, lot_id: int, chronology: list[dict[str, Any]]) -> dict[str, Any]:
    by_status = dict(uow.session.execute(select(Stock.status, func.sum(Stock.quantity)).where(
        Stock.lot_id == lot_id).group_by(Stock.status)).all())
    returned = sum(c["qty"] for c in chronology if c["qty"] > 0 and c["kind"] in RETURNED)
    entered = sum(c["qty"] for c in chronology if c["qty"] > 0) - returned
    shipped = -sum(c["qty"] for c in chronology if c["qty"] < 0 and c["kind"] in SHIPPED)
    disposed = -sum(c["qty"] for c in chronology if c["qty"] < 0 and c["kind"] in DISPOSED)
    left_otherwise = -sum(c["qty"] for c in chronology if c["qty"] < 0) - shipped - disposed
    return {"entered": entered, "shipped": shipped, "returned": returned, "disposed": disposed,
            "left_otherwise": left_otherwise,
            "on_hand": int(sum(by_status.values())), "by_status": {k: int(v) for k, v in by_status.items()}}
