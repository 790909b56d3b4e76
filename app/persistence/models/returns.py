"""Goods that come back and goods that must go: consumer returns (CEB625) and disposals (destroy / return abroad)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import Base
from app.persistence.types import Money, UTCDateTime, utcnow

# requested → declared (CEB625 written) → accepted (120) → approved (800) / rejected (100);
# received: the parcel arrived before customs approved; returned: approved and received, booked (RETURN_IN).
RETURN_STATUSES = ("requested", "declared", "accepted", "approved", "rejected", "received", "returned")
DISPOSAL_STATUSES = ("requested", "approved", "executed")
DISPOSAL_METHODS = ("destroy", "return_abroad")


class ReturnCase(Base):
    """A consumer's return of (part of) a shipped order, with its customs clocks and where it has got to."""

    __tablename__ = "return_case"
    __table_args__ = (
        CheckConstraint("status IN ('requested','declared','accepted','approved','rejected','received','returned')",
                        name="status"),
        Index("ix_return_case_order", "order_id"),
        Index("ix_return_case_status", "status", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    return_no: Mapped[str] = mapped_column(String(20), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"))
    reason: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(10), default="requested")
    customs_state: Mapped[str] = mapped_column(String(10), default="requested")  # the customs side alone
    released_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the list's release (800): the clocks start
    apply_by: Mapped[date]
    arrive_by: Mapped[date]
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    guid: Mapped[str] = mapped_column(String(36), default="")
    message_id: Mapped[int | None] = mapped_column(ForeignKey("customs_message.id"))
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    return_status: Mapped[str] = mapped_column(String(4), default="")  # latest customs receipt code
    return_info: Mapped[str] = mapped_column(String(400), default="")
    latest_return_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_by: Mapped[str] = mapped_column(String(40), default="")
    booked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # RETURN_IN written, annual total reduced
    value: Mapped[Decimal] = mapped_column(Money())  # dutiable value the return takes off the annual total

    lines: Mapped[list[ReturnLine]] = relationship(back_populates="case", order_by="ReturnLine.id")


class ReturnLine(Base):
    """Units of one lot of one order line coming back (the parcel's contents say which lot), and how they came."""

    __tablename__ = "return_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("good >= 0 AND damaged >= 0 AND good + damaged <= quantity", name="received"),
        Index("ix_return_line_case", "return_id"),
        Index("ix_return_line_lot", "lot_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("return_case.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    quantity: Mapped[int]
    good: Mapped[int] = mapped_column(default=0)
    damaged: Mapped[int] = mapped_column(default=0)

    case: Mapped[ReturnCase] = relationship(back_populates="lines")


class Disposal(Base):
    """Units of a lot that may never be sold, destroyed or sent back abroad under customs approval."""

    __tablename__ = "disposal"
    __table_args__ = (
        CheckConstraint("status IN ('requested','approved','executed')", name="status"),
        CheckConstraint("method IN ('destroy','return_abroad')", name="method"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_disposal_lot", "lot_id"),
        Index("ix_disposal_status", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    quantity: Mapped[int]
    reason: Mapped[str] = mapped_column(String(24))
    method: Mapped[str] = mapped_column(String(16))
    company: Mapped[str] = mapped_column(String(100), default="")  # the disposal company
    value: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(10), default="requested")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    requested_by: Mapped[str] = mapped_column(String(40), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by: Mapped[str] = mapped_column(String(40), default="")
    executed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    executed_by: Mapped[str] = mapped_column(String(40), default="")
    witnesses: Mapped[str] = mapped_column(Text, default="")  # one name a line
    taken: Mapped[str] = mapped_column(Text, default="")  # where the units were taken from: "LOC status qty" lines
