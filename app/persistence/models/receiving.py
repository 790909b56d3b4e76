"""Receiving: the tally counted per declaration line and batch, each counted scan, and the handling units (SSCC)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import UTCDateTime, utcnow

HANDLING_UNIT_KINDS = ("pallet", "carton")


class Tally(Base):
    """The receipt of one declaration: when tallying began and ended, who closed it, where the goods were staged."""

    __tablename__ = "tally"
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("inbound_declaration.id"), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str] = mapped_column(String(40), default="")
    staging_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))


class TallyCount(Base):
    """What was counted against one declaration line for one batch: good and damaged units.

    `unexpected` marks a batch the line did not declare (counted, and flagged on the tally report).
    """

    __tablename__ = "tally_count"
    __table_args__ = (
        UniqueConstraint("declaration_line_id", "batch_no"),
        CheckConstraint("received >= 0", name="received_not_negative"),
        CheckConstraint("damaged >= 0", name="damaged_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("inbound_declaration.id"), index=True)
    declaration_line_id: Mapped[int] = mapped_column(ForeignKey("declaration_line.id"))
    batch_no: Mapped[str] = mapped_column(String(40), default="")
    production_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    received: Mapped[int] = mapped_column(default=0)  # good units
    damaged: Mapped[int] = mapped_column(default=0)
    unexpected: Mapped[bool] = mapped_column(default=False)


class TallyScan(Base):
    """One counted scan (its scan-log row), so CMD:UNDO can reverse exactly what it added. Its id is its scan
    event's: one per event, held by the primary key (no unique index of its own to write at each scan)."""

    __tablename__ = "tally_scan"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("id = scan_event_id", name="one_per_scan_event"),
        Index("ix_tally_scan_station", "declaration_id", "station"),
        Index("ix_tally_scan_sscc", "sscc"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_event_id: Mapped[int] = mapped_column(ForeignKey("scan_event.id"))
    declaration_id: Mapped[int] = mapped_column(ForeignKey("inbound_declaration.id"))
    tally_count_id: Mapped[int] = mapped_column(ForeignKey("tally_count.id"))
    quantity: Mapped[int]
    damaged: Mapped[bool] = mapped_column(default=False)
    sscc: Mapped[str] = mapped_column(String(18), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    undone: Mapped[bool] = mapped_column(default=False)


class HandlingUnit(Base):
    """A pallet or carton with its SSCC (the stock rows' lpn): from the supplier's label or made at close."""

    __tablename__ = "handling_unit"
    __table_args__ = (
        CheckConstraint("kind IN ('pallet','carton')", name="kind"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sscc: Mapped[str | None] = mapped_column(String(18), unique=True)  # set right after insert when generated
    kind: Mapped[str] = mapped_column(String(8))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"), index=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("inbound_declaration.id"), index=True)
    quantity: Mapped[int]  # units packed when it was made
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
