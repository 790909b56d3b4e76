"""Inbound: the bonded entry declaration (with its ASN data), its lines, and the lots that entered on them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import Base
from app.persistence.models.master import AccountBookItem, Product
from app.persistence.types import UTCDateTime, utcnow

DECLARATION_STATUSES = ("expected", "tallying", "tallied", "released", "put_away", "closed")
LOT_STATUSES = ("hold", "available", "damaged", "frozen", "expired")


class InboundDeclaration(Base):
    """The first-line entry list (bonded verification list) for one container, with its ASN data."""

    __tablename__ = "inbound_declaration"
    __table_args__ = (
        CheckConstraint("status IN ('expected','tallying','tallied','released','put_away','closed')",
                        name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_no: Mapped[str] = mapped_column(String(32), unique=True)
    entry_no: Mapped[str] = mapped_column(String(32), default="")
    bill_of_lading: Mapped[str] = mapped_column(String(40), default="")
    container_no: Mapped[str] = mapped_column(String(20), default="")
    seal_no: Mapped[str] = mapped_column(String(20), default="")
    arrival_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="expected")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), index=True)  # whose goods the container holds

    lines: Mapped[list[DeclarationLine]] = relationship(
        back_populates="declaration", order_by="DeclarationLine.line_no")


class DeclarationLine(Base):
    __tablename__ = "declaration_line"
    __table_args__ = (
        UniqueConstraint("declaration_id", "line_no"),
        CheckConstraint("declared_qty > 0", name="declared_qty"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("inbound_declaration.id"))
    line_no: Mapped[int]
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    declared_qty: Mapped[int]
    batch_no: Mapped[str] = mapped_column(String(40), default="")
    production_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)

    declaration: Mapped[InboundDeclaration] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()
    account_book_item: Mapped[AccountBookItem] = relationship()


class Lot(Base):
    """A batch of one product that entered on one declaration line: every unit names its lot."""

    __tablename__ = "lot"
    __table_args__ = (
        UniqueConstraint("declaration_line_id", "batch_no"),
        CheckConstraint("status IN ('hold','available','damaged','frozen','expired')", name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    batch_no: Mapped[str] = mapped_column(String(40), index=True)
    production_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    declaration_line_id: Mapped[int] = mapped_column(ForeignKey("declaration_line.id"))
    status: Mapped[str] = mapped_column(String(16), default="hold")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), index=True)  # its declaration's owner

    product: Mapped[Product] = relationship()
    declaration_line: Mapped[DeclarationLine] = relationship()
