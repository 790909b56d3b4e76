"""Master data: the warehouse's customs identity, locations, products and their customs filing, users."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import Base
from app.persistence.types import Money, Rate, UTCDateTime, Weight, utcnow

LOCATION_KINDS = ("dock", "storage", "inspection", "damaged", "returns", "packing", "shipping")
ROLES = ("clerk", "supervisor", "customs", "admin")


class Warehouse(Base):
    """The bonded warehouse as customs knows it (one row)."""

    __tablename__ = "warehouse"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    area_code: Mapped[str] = mapped_column(String(10))      # in-zone warehousing enterprise code
    area_name: Mapped[str] = mapped_column(String(100))
    account_book: Mapped[str] = mapped_column(String(12))   # emsNo of the bonded logistics book
    customs_code: Mapped[str] = mapped_column(String(4))
    port_code: Mapped[str] = mapped_column(String(4))
    agent_code: Mapped[str] = mapped_column(String(10))
    agent_name: Mapped[str] = mapped_column(String(100))
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")


class Location(Base):
    __tablename__ = "location"
    __table_args__ = (
        CheckConstraint("kind IN ('dock','storage','inspection','damaged','returns','packing','shipping')",
                        name="kind"),
        CheckConstraint("pick_sequence >= 0", name="pick_sequence"),
        Index("ix_location_kind_walk", "kind", "pick_sequence", "code"),  # the first of a kind in walk order
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    pick_sequence: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class AccountBookItem(Base):
    """One line of the bonded account book (账册备案料号): what customs counts in and out."""

    __tablename__ = "account_book_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_no: Mapped[str] = mapped_column(String(32), unique=True)
    account_book: Mapped[str] = mapped_column(String(12))
    hs_code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(3))
    legal_unit1: Mapped[str] = mapped_column(String(3))
    legal_unit2: Mapped[str | None] = mapped_column(String(3))
    storage_limit_days: Mapped[int | None]
    customs_execution_flag: Mapped[str] = mapped_column(String(1), default="1")


class Product(Base):
    """A SKU with its customs goods filing."""

    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint("shelf_life_days >= 0", name="shelf_life"),
        CheckConstraint("legal_factor1 > 0", name="legal_factor1"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    gtin: Mapped[str] = mapped_column(String(14), index=True)
    name_cn: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str] = mapped_column(String(100))
    spec: Mapped[str] = mapped_column(String(200))
    hs_code: Mapped[str] = mapped_column(String(10))
    origin: Mapped[str] = mapped_column(String(2))
    unit: Mapped[str] = mapped_column(String(3))
    legal_unit1: Mapped[str] = mapped_column(String(3))
    legal_factor1: Mapped[Decimal] = mapped_column(Weight())
    legal_unit2: Mapped[str | None] = mapped_column(String(3))
    legal_factor2: Mapped[Decimal | None] = mapped_column(Weight())
    filed_price: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    net_weight_kg: Mapped[Decimal] = mapped_column(Weight())
    gross_weight_kg: Mapped[Decimal] = mapped_column(Weight())
    shelf_life_days: Mapped[int] = mapped_column(default=0)
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    vat_rate: Mapped[Decimal] = mapped_column(Rate())
    consumption_tax_rate: Mapped[Decimal] = mapped_column(Rate())
    mfn_tariff_rate: Mapped[Decimal] = mapped_column(Rate())
    # 规范申报要素 filed for the HS code (e.g. 4|3|成分…|30粒/盒|品牌): the list's gmodel; empty = not filed yet
    declaration_elements: Mapped[str] = mapped_column(String(510), default="")
    # dutiable price per first legal unit below which no consumption tax is due (high-end cosmetics, watches)
    consumption_tax_threshold: Mapped[Decimal | None] = mapped_column(Money())

    account_book_item: Mapped[AccountBookItem] = relationship(lazy="joined")


class Carrier(Base):
    """A carrier the warehouse hands parcels to: our short code (orders' carrier_code) and how customs knows it."""

    __tablename__ = "carrier"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    customs_code: Mapped[str] = mapped_column(String(10))   # logisticsCode: the customs registration code
    customs_name: Mapped[str] = mapped_column(String(100))  # logisticsName: the registered name
    waybill_pattern: Mapped[str] = mapped_column(String(200), default="")  # a regular expression, "" = any


class PositiveListLine(Base):
    """An 8-digit tariff line allowed for cross-border retail import."""

    __tablename__ = "positive_list_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    hs8: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    remark: Mapped[str] = mapped_column(Text, default="")


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role IN ('clerk','supervisor','customs','admin')", name="role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Station(Base):
    """A workstation (dock PC, pack bench, office): its devices are stored as JSON settings."""

    __tablename__ = "station"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(String(200), default="")
    devices_json: Mapped[str] = mapped_column(Text, default="{}")


class Setting(Base):
    """Shared business configuration (limits, thresholds, tolerances); declared in app.settings."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_product_account_book_item", Product.account_book_item_id)
