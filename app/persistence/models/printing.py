"""The persistent print queue: every label and document to print is a row until the printer has it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.models.base import Base
from app.persistence.types import UTCDateTime, utcnow

JOB_STATUSES = ("queued", "sending", "sent", "failed", "cancelled")
CONTENT_TYPES = ("zpl", "pdf")


class PrintJob(Base):
    """One job for one printer. queued → sending (claimed, with a token) → sent; back to queued when the
    printer is offline; failed when a send was interrupted and may or may not have printed."""

    __tablename__ = "print_job"
    __table_args__ = (
        CheckConstraint("status IN ('queued','sending','sent','failed','cancelled')", name="status"),
        CheckConstraint("content_type IN ('zpl','pdf')", name="content_type"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_print_job_queue", "status", "target", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(String(120))      # what it is, e.g. "waybill SF1234567890"
    doc_name: Mapped[str | None] = mapped_column(String(40))   # the registry's document ("waybill"), when it is one
    doc_key: Mapped[str | None] = mapped_column(String(120))   # … and its key ("SF1234567890")
    target: Mapped[str] = mapped_column(String(120))        # the printer's name at the station, e.g. "label"
    content_type: Mapped[str] = mapped_column(String(8), default="zpl")
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    # why, as a form and values (app.devices.problems.DeviceProblem: the screens word it in their language)
    error_params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reprint_of: Mapped[int | None] = mapped_column(ForeignKey("print_job.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    station: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
