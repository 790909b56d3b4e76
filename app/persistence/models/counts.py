"""Stock counts (盘点): the counted locations (frozen while the count is open), the counters' scans, and the
variances found at the close, which an approval turns into adjustment movements and customs-ledger rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import UTCDateTime, utcnow

# open (locations frozen, counters scan) → closed (variances fixed, locations free) → approved (adjustments
# moved, bonded ones pending in the customs ledger) → confirmed (a customs officer confirmed them);
# recounted: closed and superseded by a recount of its varying locations.
COUNT_STATUSES = ("open", "closed", "recounted", "approved", "confirmed")


class StockCount(Base):
    """One stock count over a set of locations (chosen by a location prefix or by SKUs)."""

    __tablename__ = "stock_count"
    __table_args__ = (
        CheckConstraint("status IN ('open','closed','recounted','approved','confirmed')", name="status"),
        Index("ix_stock_count_status", "status", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    scope: Mapped[str] = mapped_column(String(200), default="")  # how the locations were chosen, as typed
    recount_of: Mapped[int | None] = mapped_column(ForeignKey("stock_count.id"))
    location_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str] = mapped_column(String(40), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")  # the approver's reason for the adjustments
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by: Mapped[str] = mapped_column(String(40), default="")


class StockCountLocation(Base):
    """A location of a count; `visited` once a counter scanned its label."""

    __tablename__ = "stock_count_location"
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), primary_key=True)
    visited: Mapped[bool] = mapped_column(default=False)


class LocationFreeze(Base):
    """A location frozen by an open count: no pick, put-away or allocation there. One count at a time."""

    __tablename__ = "location_freeze"
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"), index=True)


class StockCountEntry(Base):
    """One accepted count scan: `quantity` units of a product (of `batch`, when the label says it) at a location."""

    __tablename__ = "stock_count_entry"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_stock_count_entry_count", "count_id", "location_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    batch: Mapped[str] = mapped_column(String(40), default="")
    quantity: Mapped[int]
    undone: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    station: Mapped[str] = mapped_column(String(40), default="")


class StockCountVariance(Base):
    """A difference found at the close: location × lot, what the books expected and what was counted."""

    __tablename__ = "stock_count_variance"
    __table_args__ = (Index("ix_stock_count_variance_count", "count_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    expected: Mapped[int]
    counted: Mapped[int]
