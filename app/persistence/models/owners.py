"""Goods owners (货主): the merchants whose goods the warehouse keeps, and what each pays (its tariff)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import Money

DEFAULT_OWNER_CODE = "DEFAULT"  # made for a warehouse that has not imported owners (one merchant, or a trial)


class Owner(Base):
    """A merchant (e-commerce enterprise): its declarations, lots, stock, orders and ledger rows are its own.

    `customs_code` is its 10-character customs code, the `seller_code` (ebcCode) its orders carry; only the
    default owner (made for a warehouse that has not imported owners) may lack one.
    """

    __tablename__ = "owner"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    customs_code: Mapped[str | None] = mapped_column(String(10), unique=True)


class Tariff(Base):
    """What the warehouse charges one owner (CNY): per order shipped, unit shipped, carton received, location-day."""

    __tablename__ = "tariff"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), unique=True)
    per_order: Mapped[Decimal] = mapped_column(Money())
    per_unit_shipped: Mapped[Decimal] = mapped_column(Money())
    per_carton_received: Mapped[Decimal] = mapped_column(Money())
    per_location_day: Mapped[Decimal] = mapped_column(Money())
