"""The stock core: quantities per location × lot × handling unit × status, and the movement ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import Base
from app.persistence.models.inbound import Lot
from app.persistence.models.master import Location, Product
from app.persistence.types import UTCDateTime, utcnow

STOCK_STATUSES = ("hold", "available", "damaged", "frozen", "expired")


class Stock(Base):
    """What is physically where. Only `app.stock.movements.move` writes it, always with a movement row."""

    __tablename__ = "stock"
    __table_args__ = (
        UniqueConstraint("location_id", "lot_id", "lpn", "status", name="uq_stock_key"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("reserved >= 0 AND reserved <= quantity", name="reserved_within_quantity"),
        CheckConstraint("status IN ('hold','available','damaged','frozen','expired')", name="status"),
        Index("ix_stock_product_location", "product_id", "location_id"),
        Index("ix_stock_lot", "lot_id"),
        Index("ix_stock_lpn", "lpn"),  # a pallet or carton found by its SSCC (put-away), not by walking staging
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))  # denormalised from lot for filters
    lpn: Mapped[str] = mapped_column(String(20), default="")           # SSCC of the carton/pallet, or ''
    status: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)

    location: Mapped[Location] = relationship()
    lot: Mapped[Lot] = relationship()
    product: Mapped[Product] = relationship()


class Movement(Base):
    """Append-only: one row per change of quantity (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "movement"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("from_location_id IS NOT NULL OR to_location_id IS NOT NULL", name="has_side"),
        Index("ix_movement_lot", "lot_id"),
        Index("ix_movement_at_lot", "at", "lot_id"),  # a period's movements, an owner's lots among them (statement)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(24))  # receive, release, putaway, move, pick, ship, adjust…
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    quantity: Mapped[int]
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    from_status: Mapped[str | None] = mapped_column(String(16))
    from_lpn: Mapped[str | None] = mapped_column(String(20))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    to_status: Mapped[str | None] = mapped_column(String(16))
    to_lpn: Mapped[str | None] = mapped_column(String(20))
    ref_type: Mapped[str] = mapped_column(String(24), default="")
    ref_no: Mapped[str] = mapped_column(String(64), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    station: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
