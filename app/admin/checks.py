"""The invariants of DESIGN.md §4 that exist so far, checked against the database (`bwms check`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, literal, or_, select, union_all

from app.admin import audit
from app.admin.auth import require
from app.domain import vocabulary
from app.domain.roles import Permission
from app.persistence.models import (
    CustomsLedgerEntry,
    DeclarationLine,
    Disposal,
    InboundDeclaration,
    InventoryList,
    Lot,
    Movement,
    Owner,
    ReturnCase,
    ReturnLine,
    Stock,
)
from app.persistence.uow import UnitOfWork

RELEASED_DECLARATION = ("released", "put_away", "closed")
ADJUSTED = ("ADJ_PLUS", "ADJ_MINUS")  # app.customs.ledger.ADJUSTED (admin sits below customs: not imported)


@dataclass(frozen=True)
class Found:
    """One problem a check found: its sentence's form (app.domain.vocabulary CHECK_PROBLEMS) and values, so that a
    screen says it in its own language; `str()` is the English `bwms check` prints."""

    form: str
    values: dict[str, Any]

    def __str__(self) -> str:
        return vocabulary.check_problem(self.form, self.values)


def _found(form: str, **values: Any) -> Found:
    return Found(form, values)


@dataclass
class CheckResult:
    name: str  # as `bwms check` names the invariant (its JSON); app.domain.vocabulary.invariant names it on screens
    ok: bool
    found: list[Found] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """What was found, in English (`bwms check`)."""
        return [str(f) for f in self.found]

    def to_json(self) -> dict:
        return {"invariant": self.name, "ok": self.ok, "problems": self.problems[:50],
                "problem_count": len(self.problems)}


def check_all(uow: UnitOfWork) -> list[CheckResult]:
    require(uow, Permission.VIEW)
    return [no_negative_stock(uow), movements_sum_to_stock(uow), customs_ledger_balances(uow),
            ledger_parts_add_up(uow), shipped_units_released(uow), allocations_within_stock(uow),
            released_lists_stay_released(uow), audit_chain(uow), rejections_not_superseded(uow), owners_kept_apart(uow),
            cancellations_reach_customs(uow), frozen_locations_counted(uow), key_files_private(uow),
            loaded_parcels_leave_with_their_vehicle(uow)]


def key_files_private(uow: UnitOfWork) -> CheckResult:
    """11: the key files (personal-data, audit) may be read by their owner only (mode 0600)."""
    from app.admin.keys import key_files
    from app.private_files import looser_than_private

    problems = [_found("key_file_open", key_file=name, path=str(path), mode=mode)
                for name, path in key_files(uow.session).items() if (mode := looser_than_private(path))]
    return CheckResult("11 key files are private (mode 0600)", not problems, problems)


def released_lists_stay_released(uow: UnitOfWork) -> CheckResult:
    """A list customs released (800) stays released, closed (899) or under customs' control (500–599), unless
    its cancellation was confirmed: a later receipt that would move it back is kept in the history, never applied."""
    rows = uow.session.execute(select(InventoryList.cop_no, InventoryList.return_status).where(
        InventoryList.released_at.is_not(None), InventoryList.return_status.not_in(("800", "899")),
        ~InventoryList.return_status.between("500", "599"),  # customs' control may stop a released parcel
        InventoryList.cancel_state != "cancelled").limit(100)).all()
    return CheckResult("8 a released inventory list never moves back", not rows,
                       [_found("list_moved_back", cop_no=r.cop_no, receipt=r.return_status) for r in rows])


def no_negative_stock(uow: UnitOfWork) -> CheckResult:
    rows = uow.session.execute(select(Stock.id, Stock.quantity, Stock.reserved).where(
        or_(Stock.quantity < 0, Stock.reserved < 0, Stock.reserved > Stock.quantity)).limit(100)).all()
    return CheckResult("1 no negative stock, reserved ≤ quantity", not rows,
                       [_found("negative_stock", row=r.id, quantity=r.quantity, reserved=r.reserved) for r in rows])


def movements_sum_to_stock(uow: UnitOfWork) -> CheckResult:
    inflow = select(Movement.to_location_id.label("loc"), Movement.lot_id.label("lot"),
                    Movement.to_lpn.label("lpn"), Movement.to_status.label("status"),
                    Movement.quantity.label("qty")).where(Movement.to_location_id.is_not(None))
    outflow = select(Movement.from_location_id, Movement.lot_id, Movement.from_lpn, Movement.from_status,
                     -Movement.quantity).where(Movement.from_location_id.is_not(None))
    stock = select(Stock.location_id, Stock.lot_id, Stock.lpn, Stock.status, -Stock.quantity)
    both = union_all(inflow, outflow, stock).subquery()
    diff = func.sum(both.c.qty)
    rows = uow.session.execute(select(both.c.loc, both.c.lot, both.c.lpn, both.c.status, diff)
                               .group_by(both.c.loc, both.c.lot, both.c.lpn, both.c.status)
                               .having(diff != 0).limit(100)).all()
    return CheckResult("2 movements sum to stock", not rows,
                       [_found("movements_differ", location=r[0], lot=r[1], lpn=repr(r[2]), stock_status=r[3],
                               difference=r[4]) for r in rows])


def customs_ledger_balances(uow: UnitOfWork) -> CheckResult:
    """Per owner and account-book item: customs balance ≥ 0 and equal to the owner's physical stock of released
    entries, less the returned units received but not booked yet (customs has not approved their return: not in
    its book), once the count adjustments waiting for customs' confirmation (moved in stock already) are added
    to the balance; so the whole book balances too."""
    book = {(owner, item): qty for owner, item, qty in uow.session.execute(
        select(CustomsLedgerEntry.owner_id, CustomsLedgerEntry.account_book_item_id,
               func.sum(CustomsLedgerEntry.quantity))
        .where(CustomsLedgerEntry.state == "ACTUAL")
        .group_by(CustomsLedgerEntry.owner_id, CustomsLedgerEntry.account_book_item_id))}
    pending = {(owner, item): qty for owner, item, qty in uow.session.execute(  # count adjustments moved already
        select(CustomsLedgerEntry.owner_id, CustomsLedgerEntry.account_book_item_id,
               func.sum(CustomsLedgerEntry.quantity))
        .where(CustomsLedgerEntry.state == "PENDING", CustomsLedgerEntry.biz_type.in_(ADJUSTED))
        .group_by(CustomsLedgerEntry.owner_id, CustomsLedgerEntry.account_book_item_id))}
    physical = {(owner, item): qty for owner, item, qty in uow.session.execute(
        select(Lot.owner_id, DeclarationLine.account_book_item_id, func.sum(Stock.quantity))
        .join(Lot, Lot.id == Stock.lot_id).join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
        .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
        .where(InboundDeclaration.status.in_(RELEASED_DECLARATION))
        .group_by(Lot.owner_id, DeclarationLine.account_book_item_id))}
    unbooked = {(owner, item): qty for owner, item, qty in uow.session.execute(
        select(Lot.owner_id, ReturnLine.account_book_item_id, func.sum(ReturnLine.good + ReturnLine.damaged))
        .join(ReturnCase, ReturnCase.id == ReturnLine.return_id).join(Lot, Lot.id == ReturnLine.lot_id)
        .where(ReturnCase.booked_at.is_(None)).group_by(Lot.owner_id, ReturnLine.account_book_item_id))}
    codes = dict(uow.session.execute(select(Owner.id, Owner.code)).all())
    problems: list[Found] = []
    for owner, item in sorted(set(book) | set(physical) | set(pending)):
        b = int(book.get((owner, item)) or 0)
        a = int(pending.get((owner, item)) or 0)
        p = int(physical.get((owner, item)) or 0) - int(unbooked.get((owner, item)) or 0)
        whose = {"item": item, "owner": codes.get(owner, owner)}
        if b < 0:
            problems.append(_found("ledger_negative", **whose, balance=b))
        if b + a != p:
            problems.append(_found("ledger_unequal.pending", **whose, balance=b, pending=a, stock=p) if a
                            else _found("ledger_unequal", **whose, balance=b, stock=p))
    return CheckResult("3 customs ledger balances against bonded stock", not problems, problems)


def owners_kept_apart(uow: UnitOfWork) -> CheckResult:
    """8: every lot is its declaration's owner's; every allocation and parcel draws on its order's owner's lots."""
    from app.persistence.models import Allocation, ConsumerOrder, Parcel, ParcelItem

    s = uow.session
    problems = [_found("owner_lot", lot=r.id, owner=r.owner_id, declaration_no=r.declaration_no,
                       declaration_owner=r.decl_owner)
                for r in s.execute(
                    select(Lot.id, Lot.owner_id, InboundDeclaration.declaration_no,
                           InboundDeclaration.owner_id.label("decl_owner"))
                    .join(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
                    .join(InboundDeclaration, InboundDeclaration.id == DeclarationLine.declaration_id)
                    .where(Lot.owner_id != InboundDeclaration.owner_id).limit(100))]
    problems += [_found("owner_allocation", order_no=r.order_no, owner=r.owner_id, lot=r.lot_id, lot_owner=r.lot_owner)
                 for r in s.execute(
                     select(ConsumerOrder.order_no, ConsumerOrder.owner_id, Lot.id.label("lot_id"),
                            Lot.owner_id.label("lot_owner"))
                     .join(Allocation, Allocation.order_id == ConsumerOrder.id).join(Lot, Lot.id == Allocation.lot_id)
                     .where(Lot.owner_id != ConsumerOrder.owner_id).limit(100))]
    problems += [_found("owner_parcel", waybill_no=r.waybill_no, owner=r.owner_id, lot=r.lot_id, lot_owner=r.lot_owner)
                 for r in s.execute(
                     select(Parcel.waybill_no, ConsumerOrder.owner_id, Lot.id.label("lot_id"),
                            Lot.owner_id.label("lot_owner"))
                     .join(ConsumerOrder, ConsumerOrder.id == Parcel.order_id)
                     .join(ParcelItem, ParcelItem.parcel_id == Parcel.id).join(Lot, Lot.id == ParcelItem.lot_id)
                     .where(Lot.owner_id != ConsumerOrder.owner_id).limit(100))]
    return CheckResult("8 each owner's goods kept apart (lots, allocations, parcels)", not problems, problems)


def ledger_parts_add_up(uow: UnitOfWork) -> CheckResult:
    """3b: per account-book item, balance = entered − decreased + returned − disposed, where returned (RETURN_IN)
    equals the units of the booked returns and disposed (DESTROY, RETURN_ABROAD) the units of the executed
    disposals; no return or disposal entry without its case."""
    kind = CustomsLedgerEntry.biz_type
    actual = CustomsLedgerEntry.state == "ACTUAL"
    per_kind = uow.session.execute(
        select(CustomsLedgerEntry.account_book_item_id, kind, func.sum(CustomsLedgerEntry.quantity))
        .where(actual).group_by(CustomsLedgerEntry.account_book_item_id, kind)).all()
    parts: dict[int, dict[str, int]] = {}
    for item, biz, qty in per_kind:
        parts.setdefault(item, {})[biz] = int(qty or 0)
    booked = dict(uow.session.execute(
        select(ReturnLine.account_book_item_id, func.sum(ReturnLine.good + ReturnLine.damaged))
        .join(ReturnCase, ReturnCase.id == ReturnLine.return_id).where(ReturnCase.booked_at.is_not(None))
        .group_by(ReturnLine.account_book_item_id)).all())
    disposed = dict(uow.session.execute(
        select(Disposal.account_book_item_id, func.sum(Disposal.quantity)).where(Disposal.status == "executed")
        .group_by(Disposal.account_book_item_id)).all())
    problems: list[Found] = []
    for item in sorted(set(parts) | set(booked) | set(disposed)):
        p = parts.get(item, {})
        returned = p.get("RETURN_IN", 0)
        gone = -(p.get("DESTROY", 0) + p.get("RETURN_ABROAD", 0))
        adjusted = sum(p.get(k, 0) for k in ADJUSTED)
        other = {k: v for k, v in p.items() if k not in ("RETURN_IN", "DESTROY", "RETURN_ABROAD", *ADJUSTED)}
        entered = sum(v for v in other.values() if v > 0)
        decreased = -sum(v for v in other.values() if v < 0)
        balance = sum(p.values())
        if balance != entered - decreased + returned - gone + adjusted:
            problems.append(_found("ledger_parts", item=item, balance=balance, entered=entered, decreased=decreased,
                                   returned=returned, disposed=gone, adjusted=adjusted))
        if returned != int(booked.get(item) or 0):
            problems.append(_found("ledger_returns", item=item, returned=returned, booked=int(booked.get(item) or 0)))
        if gone != int(disposed.get(item) or 0):
            problems.append(_found("ledger_disposals", item=item, disposed=gone,
                                   executed=int(disposed.get(item) or 0)))
    return CheckResult("3b ledger = entered − decreased + returned − disposed", not problems, problems)


def audit_chain(uow: UnitOfWork) -> CheckResult:
    report = audit.verify(uow)
    return CheckResult("7 audit chain verifies", report.ok, [] if report.ok else [Found(report.form, report.values)])


def shipped_units_released(uow: UnitOfWork) -> CheckResult:
    """4: every shipped parcel's list was released (800) before it left, and every unit that left names its lot
    (ship movements equal the parcels' contents lot by lot); every such lot names its declaration line."""
    from app.persistence.models import InventoryList, Parcel, ParcelItem

    early = uow.session.execute(
        select(Parcel.waybill_no, InventoryList.return_status, InventoryList.released_at, Parcel.shipped_at)
        .outerjoin(InventoryList, InventoryList.order_id == Parcel.order_id)
        .where(Parcel.status == "shipped", or_(InventoryList.id.is_(None), InventoryList.released_at.is_(None),
                                               InventoryList.released_at > Parcel.shipped_at)).limit(100)).all()
    problems = [_found("shipped_unreleased", waybill_no=r.waybill_no, shipped_at=r.shipped_at,
                       released_at=r.released_at, receipt=r.return_status) for r in early]
    moved = select(Movement.ref_no.label("waybill"), Movement.lot_id.label("lot"), Movement.quantity.label("qty")) \
        .where(Movement.kind == "ship")
    packed = select(Parcel.waybill_no, ParcelItem.lot_id, -ParcelItem.quantity) \
        .join(Parcel, Parcel.id == ParcelItem.parcel_id).where(Parcel.status == "shipped")
    both = union_all(moved, packed).subquery()
    diff = func.sum(both.c.qty)
    mismatched = uow.session.execute(select(both.c.waybill, both.c.lot, diff).group_by(both.c.waybill, both.c.lot)
                                     .having(diff != 0).limit(100))
    problems += [_found("shipped_differs", waybill_no=r[0], lot=r[1], difference=r[2]) for r in mismatched]
    orphans = uow.session.execute(select(Lot.id)
                                  .outerjoin(DeclarationLine, DeclarationLine.id == Lot.declaration_line_id)
                                  .where(DeclarationLine.id.is_(None)).limit(100)).scalars().all()
    problems += [_found("lot_untraced", lot=lot) for lot in orphans]
    return CheckResult("4 shipped units released (800) and traced to their lot", not problems, problems)


def allocations_within_stock(uow: UnitOfWork) -> CheckResult:
    """5: reserved on every stock row equals the open allocations there, and a lot's open allocations never
    exceed its available units."""
    from app.persistence.models import Allocation

    open_ = Allocation.state == "open"
    waiting = select(Allocation.location_id.label("loc"), Allocation.lot_id.label("lot"), Allocation.lpn.label("lpn"),
                     (Allocation.quantity - Allocation.picked - Allocation.short).label("qty")).where(open_)
    picked = select(Allocation.packing_location_id, Allocation.lot_id, literal(""), Allocation.picked).where(
        open_, Allocation.picked > 0)
    held = select(Stock.location_id, Stock.lot_id, Stock.lpn, -Stock.reserved).where(Stock.status == "available")
    both = union_all(waiting, picked, held).subquery()
    diff = func.sum(both.c.qty)
    unequal = uow.session.execute(select(both.c.loc, both.c.lot, both.c.lpn, diff)
                                  .group_by(both.c.loc, both.c.lot, both.c.lpn).having(diff != 0).limit(100))
    problems = [_found("reserved_differs", location=r[0], lot=r[1], lpn=repr(r[2]), difference=r[3]) for r in unequal]
    problems += [_found("reserved_not_available", row=r.id, stock_status=r.status, reserved=r.reserved)
                 for r in uow.session.execute(
        select(Stock.id, Stock.status, Stock.reserved).where(Stock.status != "available", Stock.reserved != 0)
        .limit(100))]
    allocated = select(Allocation.lot_id.label("lot"),
                       (Allocation.quantity - Allocation.short).label("qty")).where(open_)
    on_hand = select(Stock.lot_id, -Stock.quantity).where(Stock.status == "available")
    per_lot = union_all(allocated, on_hand).subquery()
    over = func.sum(per_lot.c.qty)
    problems += [_found("over_allocated", lot=r[0], excess=r[1]) for r in uow.session.execute(
        select(per_lot.c.lot, over).group_by(per_lot.c.lot).having(over > 0).limit(100))]
    return CheckResult("5 allocations within stock, reserved = open allocations", not problems, problems)



def rejections_not_superseded(uow: UnitOfWork) -> CheckResult:
    """8: every open import rejection is for an order that is not accepted: none repeats a stored order word
    for word (a re-run is `unchanged`), and none is older than the acceptance of an order with its number
    (accepting an order resolves its earlier rejections). `orders revalidate` closes what an older version left."""
    from app.persistence.models import ConsumerOrder, OrderRejection

    same_no = ConsumerOrder.order_no == OrderRejection.order_no
    rows = uow.session.execute(
        select(OrderRejection.id, OrderRejection.order_no, OrderRejection.code,
               OrderRejection.record_digest == ConsumerOrder.record_digest)
        .join(ConsumerOrder, same_no)
        .where(OrderRejection.state == "open", OrderRejection.order_no != "",
               or_(OrderRejection.at < ConsumerOrder.imported_at,
                   OrderRejection.record_digest == ConsumerOrder.record_digest))
        .order_by(OrderRejection.id).limit(100)).all()
    return CheckResult("8 no open rejection for an order that is accepted", not rows, [
        _found("rejection_open.stored" if r[3] else "rejection_open.accepted", rejection=r[0], code=r[2],
               order_no=r[1]) for r in rows])


LIST_GONE = ("rejected", "return_abroad")  # a list customs refused (100, CEB900) or sends back holds nothing
CANCEL_QUEUED = ("waiting", "requested", "cancelled")


def cancellations_reach_customs(uow: UnitOfWork) -> CheckResult:
    """9: a cancelled order never has an active inventory list without its cancellation: the list's CEB623 waits
    for the invtNo, was sent, or customs confirmed it (else the list may still be released and its pre-decrease
    stays held for good — a cancellation lost to an export that declared the order meanwhile)."""
    from app.persistence.models import ConsumerOrder

    rows = uow.session.execute(
        select(ConsumerOrder.order_no, InventoryList.cop_no, InventoryList.status, InventoryList.cancel_state)
        .join(InventoryList, InventoryList.order_id == ConsumerOrder.id)
        .where(ConsumerOrder.status == "cancelled", InventoryList.status.not_in(LIST_GONE),
               InventoryList.cancel_state.not_in(CANCEL_QUEUED))
        .order_by(ConsumerOrder.id).limit(100)).all()
    return CheckResult("9 a cancelled order never has an active list without its cancellation", not rows, [
        _found("cancel_missing", order_no=r.order_no, cop_no=r.cop_no, list_status=r.status) if not r.cancel_state
        else _found("cancel_missing.state", order_no=r.order_no, cop_no=r.cop_no, list_status=r.status,
                    cancel_state=r.cancel_state) for r in rows])


def frozen_locations_counted(uow: UnitOfWork) -> CheckResult:
    """10: every frozen location belongs to an open stock count, and is one of that count's locations."""
    from app.persistence.models import Location, LocationFreeze, StockCount, StockCountLocation

    rows = uow.session.execute(
        select(Location.code, LocationFreeze.count_id, StockCount.status, StockCountLocation.location_id)
        .join(Location, Location.id == LocationFreeze.location_id)
        .outerjoin(StockCount, StockCount.id == LocationFreeze.count_id)
        .outerjoin(StockCountLocation, (StockCountLocation.count_id == LocationFreeze.count_id)
                   & (StockCountLocation.location_id == LocationFreeze.location_id))
        .where(or_(StockCount.id.is_(None), StockCount.status != "open", StockCountLocation.location_id.is_(None)))
        .order_by(Location.code).limit(100)).all()
    return CheckResult("10 frozen locations belong to an open stock count", not rows, [
        _found("frozen_no_count", location=r.code, count=r.count_id) if r.status is None
        else _found("frozen_count_ended", location=r.code, count=r.count_id, count_status=r.status)
        if r.status != "open" else _found("frozen_not_counted", location=r.code, count=r.count_id) for r in rows])


def loaded_parcels_leave_with_their_vehicle(uow: UnitOfWork) -> CheckResult:
    """12: a parcel loaded onto a vehicle at the gate is on a manifest, and no parcel still inside the zone (packed,
    on a manifest, loaded) is on a manifest whose vehicle passed: the vehicle's parcels leave with it, all at once."""
    from app.persistence.models import Manifest, Parcel

    rows = uow.session.execute(
        select(Parcel.waybill_no, Parcel.status, Parcel.loaded_at, Manifest.manifest_no)
        .outerjoin(Manifest, Manifest.id == Parcel.manifest_id)
        .where(Parcel.status.in_(("packed", "manifested")),
               or_(and_(Parcel.loaded_at.is_not(None), Manifest.id.is_(None)), Manifest.status == "exited"))
        .order_by(Parcel.id).limit(100)).all()
    return CheckResult("12 parcels loaded at the gate leave with their vehicle", not rows, [
        _found("loaded_no_manifest", waybill_no=r.waybill_no) if r.manifest_no is None
        else _found("left_behind", waybill_no=r.waybill_no, parcel_status="loaded" if r.loaded_at else r.status,
                    manifest_no=r.manifest_no) for r in rows])
