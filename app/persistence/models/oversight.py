"""Oversight: the customs ledger (bonded account book movements), the audit chain and the scan log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import UTCDateTime, utcnow

LEDGER_BIZ_TYPES = ("IN", "PRE_DECREASE", "PRE_RELEASE", "OUT", "RETURN_IN", "ADJ_PLUS", "ADJ_MINUS",
                    "DESTROY", "RETURN_ABROAD")


class CustomsLedgerEntry(Base):
    """Append-only, per account-book item. ACTUAL rows make the customs balance; PRE rows the pre-decrease;
    PENDING rows are count adjustments (ADJ_PLUS, ADJ_MINUS) until a customs officer confirms them: the one
    change the database allows on this table is such a row's state from PENDING to ACTUAL."""

    __tablename__ = "customs_ledger_entry"
    __table_args__ = (
        CheckConstraint("state IN ('PRE','PENDING','ACTUAL')", name="state"),
        CheckConstraint("quantity <> 0", name="quantity_nonzero"),
        Index("ix_customs_ledger_item", "account_book_item_id"),
        Index("ix_customs_ledger_doc", "doc_type", "doc_no"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    account_book_item_id: Mapped[int] = mapped_column(ForeignKey("account_book_item.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("owner.id"), index=True)  # whose goods the row counts
    biz_type: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[int]  # signed: + enters the book, − leaves it
    doc_type: Mapped[str] = mapped_column(String(24))
    doc_no: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class AuditEntry(Base):
    """Who did what, when, from where. Each row's hash (an HMAC under the audit key file, see
    app.persistence.audit_chain) covers its fields and the previous row's hash."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    username: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(16), default="")
    station: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(48), default="")
    entity_key: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(String(12), default="ok")  # ok | refused
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class KeyFingerprint(Base):
    """The fingerprint of each key file this database was first used with: another key is refused, not used."""

    __tablename__ = "key_fingerprint"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)  # "personal-data" | "audit"
    fingerprint: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ScanEvent(Base):
    """Every scan a station acknowledged, keyed by the id made at capture: replaying it changes nothing."""

    __tablename__ = "scan_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[str] = mapped_column(String(64), unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    station: Mapped[str] = mapped_column(String(40), default="")
    workflow: Mapped[str] = mapped_column(String(24))
    context: Mapped[str] = mapped_column(String(64), default="")   # e.g. the declaration number
    raw: Mapped[str] = mapped_column(String(400))
    outcome: Mapped[str] = mapped_column(String(12))                # accepted | rejected | undone
    reason: Mapped[str] = mapped_column(String(200), default="")
    result_json: Mapped[str] = mapped_column(Text, default="{}")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
