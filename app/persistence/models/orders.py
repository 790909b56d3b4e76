"""Consumer orders and their customs declaration: orders, lines, inventory lists, receipts, the message archive."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.persistence.models.base import Base
from app.persistence.models.master import Product
from app.persistence.types import Money, UTCDateTime, utcnow

# An order's life here; later areas (allocation, picking, shipping) add their own statuses after "released",
# so the column carries no CHECK constraint.
ORDER_STATUSES = ("accepted", "declared", "inspection", "detained", "released", "customs_rejected", "cancelled")
REJECTION_STATES = ("open", "resolved", "dismissed")


class ConsumerOrder(Base):
    """A platform order that passed every check. Buyer name, ID number and phones are AES-GCM encrypted."""

    __tablename__ = "consumer_order"
    __table_args__ = (
        # number first: the unique index also finds an order (or a waybill) by its number alone
        UniqueConstraint("order_no", "platform_code", name="uq_consumer_order_platform_order"),
        UniqueConstraint("waybill_no", "carrier_code", name="uq_consumer_order_carrier_waybill"),
        Index("ix_consumer_order_buyer_year", "buyer_id_hash", "order_year"),
        Index("ix_consumer_order_status", "status"),
        Index("ix_consumer_order_imported_at", "imported_at"),  # the overview's orders per hour today
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(60))
    platform_code: Mapped[str] = mapped_column(String(18))
    platform_name: Mapped[str] = mapped_column(String(100))
    seller_code: Mapped[str] = mapped_column(String(18))
    seller_name: Mapped[str] = mapped_column(String(100))
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), index=True)  # the owner its seller_code names
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    order_year: Mapped[int]  # calendar year in the warehouse's time zone (the annual limit counts by it)
    buyer_name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    buyer_id_type: Mapped[str] = mapped_column(String(1))
    buyer_id_enc: Mapped[bytes] = mapped_column(LargeBinary)
    buyer_id_hash: Mapped[str] = mapped_column(String(64))  # keyed HMAC: annual total and search, never reversible
    # keyed HMAC of the order as imported (app.orders.importing.record_digest): an identical re-import is
    # 'unchanged', not a duplicate; None for orders imported before revision 0009
    record_digest: Mapped[str | None] = mapped_column(String(64), default=None)
    buyer_id_masked: Mapped[str] = mapped_column(String(20))
    buyer_phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    buyer_phone_masked: Mapped[str] = mapped_column(String(20))
    buyer_account: Mapped[str] = mapped_column(String(60))
    consignee_name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    consignee_phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    consignee_phone_masked: Mapped[str] = mapped_column(String(20))
    consignee_province: Mapped[str] = mapped_column(String(40))
    consignee_city: Mapped[str] = mapped_column(String(40))
    consignee_district: Mapped[str] = mapped_column(String(40))
    consignee_address: Mapped[str] = mapped_column(String(200))
    pay_code: Mapped[str] = mapped_column(String(18))
    pay_name: Mapped[str] = mapped_column(String(100))
    pay_transaction_id: Mapped[str] = mapped_column(String(60))
    paid: Mapped[Decimal] = mapped_column(Money())
    carrier_code: Mapped[str] = mapped_column(String(10))
    waybill_no: Mapped[str] = mapped_column(String(60))
    goods_value: Mapped[Decimal] = mapped_column(Money())
    freight: Mapped[Decimal] = mapped_column(Money())
    insurance: Mapped[Decimal] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())            # as the platform declared and withheld it
    tax_computed: Mapped[Decimal] = mapped_column(Money())   # our recomputation (within tolerance of `tax`)
    dutiable_total: Mapped[Decimal] = mapped_column(Money())
    returned_value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # off the annual total (returns)
    full_tax: Mapped[bool] = mapped_column(default=False)    # single item over the order limit: full duty
    status: Mapped[str] = mapped_column(String(20), default="accepted")
    inspection: Mapped[bool] = mapped_column(default=False)  # customs chose it for inspection (receipt 500)
    rejection_code: Mapped[str] = mapped_column(String(32), default="")
    rejection_reason: Mapped[str] = mapped_column(String(400), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    source_line: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.gnum")
    inventory_list: Mapped[InventoryList | None] = relationship(back_populates="order")


class OrderLine(Base):
    """One SKU of an order, with the account-book item it is declared under and the tax computed for it."""

    __tablename__ = "order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "gnum", name="uq_order_line_order_gnum"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_order_line_item", "account_book_item_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"))
    gnum: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    quantity: Mapped[int]
    unit_price: Mapped[Decimal] = mapped_column(Money())
    line_value: Mapped[Decimal] = mapped_column(Money())
    tariff: Mapped[Decimal] = mapped_column(Money())
    consumption_tax: Mapped[Decimal] = mapped_column(Money())
    vat: Mapped[Decimal] = mapped_column(Money())

    order: Mapped[ConsumerOrder] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class CustomsMessage(Base):
    """Every file sent to or received from customs, kept whole (encrypted: CEB621 carries the buyer's ID)."""

    __tablename__ = "customs_message"
    __table_args__ = (
        CheckConstraint("direction IN ('in','out')", name="direction"),
        Index("ix_customs_message_sha", "direction", "sha256"),
        Index("ix_customs_message_business", "business_no"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    msg_type: Mapped[str] = mapped_column(String(8))  # CEB621, CEB623 out; CEB622, CEB624, CSV, INVALID in
    business_no: Mapped[str] = mapped_column(String(60), default="")  # copNo (or the file's name when many)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    raw_enc: Mapped[bytes] = mapped_column(LargeBinary)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # out: when it reached the outbox
    note: Mapped[str] = mapped_column(String(400), default="")
    guid: Mapped[str] = mapped_column(String(36), default="", index=True)  # out: the message's guid (CEB900 names it)
    # in, refused: the problem's form and values (app.domain.vocabulary.RECEIPT_PROBLEMS), the note its English
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class InventoryList(Base):
    """The per-order declaration (申报清单, CEB621) and where customs' answers have taken it."""

    __tablename__ = "customs_inventory_list"
    __table_args__ = (Index("ix_customs_inventory_list_released_at", "released_at"),)  # releases per day
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("consumer_order.id"), unique=True)
    cop_no: Mapped[str] = mapped_column(String(20), unique=True)
    guid: Mapped[str] = mapped_column(String(36))
    app_type: Mapped[str] = mapped_column(String(1), default="1")  # 1 new, 2 change (re-declared)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("customs_message.id"))
    status: Mapped[str] = mapped_column(String(20), default="declared")
    return_status: Mapped[str] = mapped_column(String(4), default="")  # code of the latest receipt
    return_info: Mapped[str] = mapped_column(String(400), default="")
    latest_return_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pre_no: Mapped[str] = mapped_column(String(30), default="")
    invt_no: Mapped[str] = mapped_column(String(30), default="")
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pre_held: Mapped[bool] = mapped_column(default=False)  # its PRE_DECREASE rows are in the customs ledger
    cancel_state: Mapped[str] = mapped_column(String(12), default="")  # waiting | requested | cancelled | refused
    cancel_reason: Mapped[str] = mapped_column(String(4), default="")  # the code of the CEB623 reason
    written_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # gate-out: PRE became ACTUAL

    order: Mapped[ConsumerOrder] = relationship(back_populates="inventory_list")
    message: Mapped[CustomsMessage | None] = relationship()


class CustomsReceipt(Base):
    """Append-only: one answer from customs (CEB622 list receipt, CEB624 cancellation receipt, CSV row)."""

    __tablename__ = "customs_receipt"
    __table_args__ = (Index("ix_customs_receipt_list", "list_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # CEB622 | CEB624 | CSV
    list_id: Mapped[int | None] = mapped_column(ForeignKey("customs_inventory_list.id"))
    message_id: Mapped[int] = mapped_column(ForeignKey("customs_message.id"))
    cop_no: Mapped[str] = mapped_column(String(30), default="")
    order_no: Mapped[str] = mapped_column(String(60), default="")
    pre_no: Mapped[str] = mapped_column(String(30), default="")
    invt_no: Mapped[str] = mapped_column(String(30), default="")
    return_status: Mapped[str] = mapped_column(String(4))
    return_at: Mapped[datetime] = mapped_column(UTCDateTime())
    return_info: Mapped[str] = mapped_column(String(400), default="")
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # the same receipt twice is one receipt
    outcome: Mapped[str] = mapped_column(String(12))  # applied | superseded | unmatched
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    message: Mapped[CustomsMessage] = relationship()


class OrderRejection(Base):
    """An order refused at import: the raw record (encrypted) with its reason, for the rejection workbench."""

    __tablename__ = "order_rejection"
    __table_args__ = (
        CheckConstraint("state IN ('open','resolved','dismissed')", name="state"),
        Index("ix_order_rejection_state", "state"),
        Index("ix_order_rejection_order_no", "order_no"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    line: Mapped[int]
    order_no: Mapped[str] = mapped_column(String(60), default="")
    code: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(500))  # in English, as the CLI and its JSON show it
    # the reason's form and values ({"form": "tax_mismatch", "declared": "12.30", …}): the detail in the screen's
    # language (app.domain.vocabulary.rejection_detail); None for rejections stored before revision 0016
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    raw_enc: Mapped[bytes] = mapped_column(LargeBinary)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    state: Mapped[str] = mapped_column(String(12), default="open")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    order_id: Mapped[int | None] = mapped_column(ForeignKey("consumer_order.id"))
    record_digest: Mapped[str | None] = mapped_column(String(64), default=None)  # as ConsumerOrder's, if readable
