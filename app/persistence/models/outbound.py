"""Outbound: allocations (the batch split), waves and pick tasks, parcels with their lots, manifests and gate passes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import UTCDateTime, Weight, utcnow

# The order statuses this area adds after "released" (the orders area's column has no CHECK):
# allocated → picked → packed → manifested → shipped; "short" waits for stock after a short pick.
ORDER_OUTBOUND_STATUSES = ("allocated", "short", "picked", "packed", "manifested", "shipped")
ALLOCATION_STATES = ("open", "shipped", "released")
PICK_STATUSES = ("open", "picked", "short", "cancelled")  # cancelled: its order was cancelled
PARCEL_STATUSES = ("packed", "manifested", "shipped")
# what the screens and documents show: a manifested parcel scanned at the gate is "loaded" (loaded_at set)
PARCEL_STATES = ("packed", "manifested", "loaded", "shipped")
MANIFEST_STATUSES = ("created", "exiting", "exited")


class Wave(Base):
    """Allocated orders picked together: one carrier, single-unit orders apart from multi-unit ones."""

    __tablename__ = "wave"
    __table_args__ = (CheckConstraint("status IN ('open','picked')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_no: Mapped[str] = mapped_column(String(20), unique=True)
    carrier_code: Mapped[str] = mapped_column(String(10))
    single_unit: Mapped[bool] = mapped_column(default=False)
    order_count: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(8), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40), default="")


class PickTask(Base):
    """Take `quantity` units of one lot from one location for one order (what the pick list prints)."""

    __tablename__ = "pick_task"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("picked >= 0 AND short >= 0 AND picked + short <= quantity", name="progress"),
        CheckConstraint("status IN ('open','picked','short','cancelled')", name="status"),
        Index("ix_pick_task_wave_location", "wave_id", "location_id"),
        Index("ix_pick_task_order", "order_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[int]
    picked: Mapped[int] = mapped_column(default=0)
    short: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="open")


class Allocation(Base):
    """The batch split: order line × lot × location (× carton) → units, reserved on that stock row.

    While open, `quantity − picked − short` units are reserved where they were allocated and `picked` units
    are reserved in the packing area; shipped or released allocations reserve nothing.
    """

    __tablename__ = "allocation"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("picked >= 0 AND short >= 0 AND picked + short <= quantity", name="progress"),
        CheckConstraint("state IN ('open','shipped','released')", name="state"),
        Index("ix_allocation_order", "order_id"),
        Index("ix_allocation_lot", "lot_id"),
        Index("ix_allocation_task", "pick_task_id"),
        Index("ix_allocation_line", "order_line_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lpn: Mapped[str] = mapped_column(String(20), default="")
    quantity: Mapped[int]
    picked: Mapped[int] = mapped_column(default=0)
    short: Mapped[int] = mapped_column(default=0)
    packing_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    pick_task_id: Mapped[int] = mapped_column(ForeignKey("pick_task.id"))
    state: Mapped[str] = mapped_column(String(10), default="open")
    allocated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OrderWait(Base):
    """Why a released order is not allocated yet (kept until an allocation run fills it)."""

    __tablename__ = "order_wait"
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(400))  # the English sentence
    # its form and values (app.domain.vocabulary.WAIT_DETAILS), for the screen's language; NULL: stored before
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    since: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Manifest(Base):
    """The handover manifest of one vehicle of one carrier, with its gate pass (核放单) number."""

    __tablename__ = "manifest"
    __table_args__ = (CheckConstraint("status IN ('created','exiting','exited')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    manifest_no: Mapped[str] = mapped_column(String(20), unique=True)
    gate_pass_no: Mapped[str] = mapped_column(String(24), unique=True)
    carrier_code: Mapped[str] = mapped_column(String(10))
    vehicle_plate: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(8), default="created")
    parcel_count: Mapped[int] = mapped_column(default=0)
    gross_kg: Mapped[Decimal] = mapped_column(Weight())
    net_kg: Mapped[Decimal] = mapped_column(Weight())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40), default="")
    exited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Parcel(Base):
    """One packed consumer parcel: its waybill, the order, measured and computed weights, where it went."""

    __tablename__ = "parcel"
    __table_args__ = (
        CheckConstraint("status IN ('packed','manifested','shipped')", name="status"),
        CheckConstraint("pieces > 0", name="pieces_positive"),
        Index("ix_parcel_waybill_no", "waybill_no"),
        Index("ix_parcel_carrier_status", "carrier_code", "status"),
        Index("ix_parcel_manifest", "manifest_id"),
        Index("ix_parcel_shipped_at", "shipped_at"),  # the overview's parcels shipped per day
        Index("ix_parcel_status", "status"),  # the overview's parcels packed and on manifests (few among shipped)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    waybill_no: Mapped[str] = mapped_column(String(60))
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"), unique=True)
    carrier_code: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="packed")
    pieces: Mapped[int]
    weight_kg: Mapped[Decimal] = mapped_column(Weight())     # measured on the scale
    computed_kg: Mapped[Decimal] = mapped_column(Weight())   # products' gross weights
    net_kg: Mapped[Decimal] = mapped_column(Weight())
    packing_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    packed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    packed_by: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    label_paths: Mapped[str] = mapped_column(Text, default="")  # files written with --label-out, one a line
    manifest_id: Mapped[int | None] = mapped_column(ForeignKey("manifest.id"))
    # scanned onto its manifest's vehicle at the gate (still inside the zone until the vehicle passes)
    loaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    loaded_by: Mapped[str] = mapped_column(String(40), default="")
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ParcelItem(Base):
    """What a parcel holds, by lot: every shipped unit names its lot."""

    __tablename__ = "parcel_item"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_parcel_item_parcel", "parcel_id"),
        Index("ix_parcel_item_lot", "lot_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[int]


class InspectionPull(Base):
    """A parcel stopped at packing because customs chose its inventory list for inspection (receipt 500)."""

    __tablename__ = "inspection_pull"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"), unique=True)
    pulled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    pulled_by: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
