"""Closing a tally: lots, handling units (SSCC) and held stock at the staging location, damaged stock apart."""

from __future__ import annotations

from sqlalchemy import select, update

from app import settings
from app.admin import audit
from app.domain.gs1 import make_sscc
from app.errors import NotFound, Rejected
from app.inbound.queries import tally_rows
from app.persistence.models import (
    DeclarationLine,
    HandlingUnit,
    InboundDeclaration,
    Location,
    Lot,
    Tally,
    TallyCount,
    TallyScan,
)
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.stations.scanlog import ACCEPTED, FLAGGED, ScanResult
from app.stock import movements as stock

STAGING_KINDS = ("inspection", "dock")  # where received goods wait for customs, in order of preference
REF_TYPE = "inbound_declaration"


def staging_location(uow: UnitOfWork, code: str | None = None) -> Location:
    """The location `code` (an inspection or dock location), else the first inspection, else dock, location."""
    if code:
        location = uow.session.execute(select(Location).where(Location.code == code)).scalar_one_or_none()
        if location is None or not location.active:
            raise NotFound(f"no location {code}", code="unknown_location", location=code)
        if location.kind not in STAGING_KINDS:
            raise Rejected(f"{code} is a {location.kind} location: received goods wait in an inspection or dock "
                           "location", code="wrong_location_kind", location=code, kind=location.kind)
        stock.refuse_if_frozen(uow, location, "receiving")  # a count is under way there
        return location
    for kind in STAGING_KINDS:  # the first one no open count has frozen
        location = stock.first_unfrozen(uow, select(Location).where(Location.kind == kind, Location.active.is_(True))
                                        .order_by(Location.pick_sequence, Location.code), "receiving")
        if location is not None:
            return location
    raise Rejected("no inspection or dock location to stage the goods: import the locations first",
                   code="no_staging_location")


def _damaged_location(uow: UnitOfWork) -> Location:
    location = stock.first_unfrozen(uow, select(Location).where(Location.kind == "damaged", Location.active.is_(True))
                                    .order_by(Location.pick_sequence, Location.code), "receiving")
    if location is None:
        raise Rejected("damaged units were counted but there is no damaged location: import one first",
                       code="no_damaged_location")
    return location


def close(uow: UnitOfWork, declaration_id: int, declaration_no: str, staging: str | None) -> ScanResult:
    """Close the tally (CMD:CLOSE): every counted batch becomes a lot, on inspection hold at the staging location.

    Runs in a savepoint: a refusal part-way leaves nothing written.
    """
    rows = uow.session.execute(select(TallyCount, DeclarationLine.product_id)
                               .join(DeclarationLine, DeclarationLine.id == TallyCount.declaration_line_id)
                               .where(TallyCount.declaration_id == declaration_id)
                               .order_by(DeclarationLine.line_no, TallyCount.batch_no)).all()
    counts = [(c, product_id) for c, product_id in rows if c.received or c.damaged]
    if not counts:
        raise Rejected(f"nothing was counted on {declaration_no}: scan the cartons before closing",
                       code="nothing_counted")
    with uow.session.begin_nested():
        at = staging_location(uow, staging)
        damaged_at = _damaged_location(uow) if any(c.damaged for c, _ in counts) else None
        for count, product_id in counts:
            _receive(uow, count, product_id, declaration_id, declaration_no, at, damaged_at)
        uow.session.execute(update(Tally).where(Tally.declaration_id == declaration_id).values(
            closed_at=utcnow(), closed_by=uow.actor.username[:40], staging_location_id=at.id))
        uow.session.execute(update(InboundDeclaration).where(InboundDeclaration.id == declaration_id)
                            .values(status="tallied"))
    return _closed_result(uow, declaration_no, at.code)


def _receive(uow: UnitOfWork, count: TallyCount, product_id: int, declaration_id: int, declaration_no: str,
             at: Location, damaged_at: Location | None) -> None:
    """One counted batch: its lot, its cartons and pallet on hold at `at`, its damaged units at `damaged_at`."""
    owner_id = uow.session.scalar(select(InboundDeclaration.owner_id).where(InboundDeclaration.id == declaration_id))
    lot = Lot(product_id=product_id, batch_no=count.batch_no, production_date=count.production_date,
              expiry_date=count.expiry_date, declaration_line_id=count.declaration_line_id,
              status="hold" if count.received else "damaged", owner_id=owner_id)
    uow.session.add(lot)
    uow.session.flush()
    cartons = uow.session.execute(select(TallyScan.sscc, TallyScan.quantity).where(
        TallyScan.tally_count_id == count.id, TallyScan.undone.is_(False), TallyScan.damaged.is_(False),
        TallyScan.sscc != "").order_by(TallyScan.id)).all()
    loose = count.received - sum(q for _, q in cartons)
    units = [("carton", sscc, q) for sscc, q in cartons] + ([("pallet", None, loose)] if loose > 0 else [])
    for kind, sscc, quantity in units:
        unit = HandlingUnit(sscc=sscc, kind=kind, lot_id=lot.id, declaration_id=declaration_id, quantity=quantity)
        uow.session.add(unit)
        uow.session.flush()
        if unit.sscc is None:
            unit.sscc = make_sscc(settings.get(uow.session, "gs1_company_prefix"), unit.id)
        stock.move(uow, lot, quantity, None, stock.Place(at.id, "hold", unit.sscc), kind="receive",
                   ref_type=REF_TYPE, ref_no=declaration_no)
    if count.damaged:
        assert damaged_at is not None
        stock.move(uow, lot, count.damaged, None, stock.Place(damaged_at.id, "damaged"), kind="receive",
                   ref_type=REF_TYPE, ref_no=declaration_no, note="damaged at tally")


def _closed_result(uow: UnitOfWork, declaration_no: str, staging_code: str) -> ScanResult:
    rows = tally_rows(uow, declaration_no)
    short = [r for r in rows if r.short]
    over = [r for r in rows if r.over]
    damaged = [r for r in rows if r.damaged]
    params = {"declaration": declaration_no, "staging": staging_code, "lines": len({r.line_no for r in rows}),
              "short_lines": len(short), "short_units": sum(r.short for r in short),
              "over_lines": len(over), "over_units": sum(r.over for r in over),
              "damaged_lines": len(damaged), "damaged_units": sum(r.damaged for r in damaged)}
    audit.record(uow, "tally_close", REF_TYPE, declaration_no, **params)
    uow.changes.touch(Area.TALLY, Area.INBOUND, Area.STOCK)
    text = (f"tally of {declaration_no} closed: {params['lines']} lines, {params['short_lines']} short "
            f"({params['short_units']} units), {params['over_lines']} over ({params['over_units']} units), "
            f"{params['damaged_units']} damaged; goods on inspection hold at {staging_code}")
    return ScanResult(FLAGGED if short or over or damaged else ACCEPTED, "tally_closed", text, params)
