"""The customs books' own records: exit checklists (出区核注清单, INV101) gathering the lists that left the zone,
and vehicle passes (核放单, SAS121): one vehicle leaving with its weights and the manifests it carries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import UTCDateTime, Weight, utcnow

CHECKLIST_STATUSES = ("declared", "posted", "rejected")


class ExitChecklist(Base):
    """One exit 核注清单 (list type 8): the released lists that left the zone in a period, summed per item."""

    __tablename__ = "exit_checklist"
    __table_args__ = (CheckConstraint("status IN ('declared','posted','rejected')", name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_no: Mapped[str] = mapped_column(String(18), unique=True)
    period_from: Mapped[date]
    period_to: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="declared")
    list_count: Mapped[int] = mapped_column(default=0)
    units: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40), default="")
    message_id: Mapped[int | None] = mapped_column(ForeignKey("customs_message.id"))
    receipt_status: Mapped[str] = mapped_column(String(4), default="")
    receipt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    receipt_info: Mapped[str] = mapped_column(String(400), default="")
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExitChecklistLine(Base):
    """One account-book item of a checklist: the units its lists took out, and those lists' numbers."""

    __tablename__ = "exit_checklist_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),
                      Index("ix_exit_checklist_line_checklist", "checklist_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("exit_checklist.id"))
    seq: Mapped[int]
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    quantity: Mapped[int]
    list_nos: Mapped[str] = mapped_column(Text, default="")  # the related inventory lists, comma-separated


class ExitChecklistList(Base):
    """A list on a checklist: unique, so a list is never on two checklists (removed if customs rejects it)."""

    __tablename__ = "exit_checklist_list"
    __table_args__ = (Index("ix_exit_checklist_list_checklist", "checklist_id"),)
    list_id: Mapped[int] = mapped_column(ForeignKey("customs_inventory_list.id"), primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("exit_checklist.id"))


class VehiclePass(Base):
    """One vehicle leaving the zone (核放单): plate, IC card, weights typed or from a scale, its manifests."""

    __tablename__ = "vehicle_pass"
    __table_args__ = (CheckConstraint("tare_kg IS NULL OR gross_kg IS NULL OR tare_kg < gross_kg", name="weights"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pass_no: Mapped[str] = mapped_column(String(24), unique=True)
    plate: Mapped[str] = mapped_column(String(20))
    ic_card: Mapped[str] = mapped_column(String(32), default="")
    gross_kg: Mapped[Decimal | None] = mapped_column(Weight())
    tare_kg: Mapped[Decimal | None] = mapped_column(Weight())
    weights_from: Mapped[str] = mapped_column(String(8), default="")  # typed | scale | '' (none)
    checklist_no: Mapped[str] = mapped_column(String(18), default="")  # the exit checklist it is bound to, if any
    passed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    passed_by: Mapped[str] = mapped_column(String(40), default="")
    message_id: Mapped[int | None] = mapped_column(ForeignKey("customs_message.id"))


class VehiclePassManifest(Base):
    """A manifest the vehicle carried (a manifest leaves on one vehicle)."""

    __tablename__ = "vehicle_pass_manifest"
    __table_args__ = (Index("ix_vehicle_pass_manifest_pass", "vehicle_pass_id"),)
    manifest_id: Mapped[int] = mapped_column(ForeignKey("manifest.id"), primary_key=True)
    vehicle_pass_id: Mapped[int] = mapped_column(ForeignKey("vehicle_pass.id"))
