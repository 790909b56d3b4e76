"""What the customs exchange screens read: the exchange folders, the message archive newest first, one archived
message's text, and what a pass of receipts did to each list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.admin import pii, require
from app.customs import archive as customs_archive
from app.customs.archive import raw_bytes
from app.domain.masking import mask_text
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence.jobs import lock_order_rows
from app.persistence.models import (
    ConsumerOrder,
    CustomsMessage,
    CustomsReceipt,
    InventoryList,
    OrderLine,
)
from app.persistence.uow import UnitOfWork

CHUNK = 500                      # values per IN (…) list


EFFECTS_SHOWN = 500              # the watcher lists at most this many receipts of one pass


# -- the customs exchange screen --------------------------------------------------------------------------
def exchange_folders(uow: UnitOfWork) -> tuple[Path, Path]:
    """(outbox, inbox): the settings customs_outbox / customs_inbox, else folders in the data directory."""
    require(uow, Permission.VIEW)
    return (customs_archive.outbox(uow),
            customs_archive.folder(uow, None, "customs_inbox", "inbox"))


def archive_newest_first(uow: UnitOfWork, direction: str | None = None, msg_type: str | None = None,
                         before_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The message archive newest first (keyset: ids below `before_id`), as the exchange screen lists it."""
    require(uow, Permission.VIEW)
    stmt = select(CustomsMessage.id, CustomsMessage.direction, CustomsMessage.msg_type, CustomsMessage.business_no,
                  CustomsMessage.file_name, CustomsMessage.sha256, CustomsMessage.at, CustomsMessage.delivered_at,
                  CustomsMessage.note, CustomsMessage.params)
    if before_id is not None:
        stmt = stmt.where(CustomsMessage.id < before_id)
    if direction:
        stmt = stmt.where(CustomsMessage.direction == direction)
    if msg_type:
        stmt = stmt.where(CustomsMessage.msg_type == msg_type)
    rows = uow.session.execute(stmt.order_by(CustomsMessage.id.desc()).limit(limit)).mappings()
    return [{**row, "note": mask_text(row["note"]), "params": _masked(row["params"])} for row in rows]


def _masked(params: dict[str, Any] | None) -> dict[str, Any] | None:
    """A refused file's problem values as the screen may show them (values read from the file, masked as its note)."""
    if not params:
        return params
    return {key: mask_text(value) if isinstance(value, str) and key != "form" else value
            for key, value in params.items()}


def count_archive(uow: UnitOfWork, direction: str | None = None, msg_type: str | None = None) -> int:
    require(uow, Permission.VIEW)
    stmt = select(func.count()).select_from(CustomsMessage)
    if direction:
        stmt = stmt.where(CustomsMessage.direction == direction)
    if msg_type:
        stmt = stmt.where(CustomsMessage.msg_type == msg_type)
    return uow.session.scalar(stmt) or 0


def archived_text(uow: UnitOfWork, message_id: int) -> str:
    """An archived file for viewing on screen (ID and phone numbers masked)."""
    return message_text(uow, message_id)


def find_order(uow: UnitOfWork, order_no: str, platform_code: str | None = None, *,
               for_update: bool = False) -> ConsumerOrder:
    """One order by number (and platform), with its lines and list. `for_update`: for a writer of its status —
    the row is locked first (`lock_order_rows`) and the order and its list are read again under the lock."""
    named = ConsumerOrder.order_no == order_no
    if platform_code:
        named = named & (ConsumerOrder.platform_code == platform_code)
    stmt = select(ConsumerOrder).where(named).options(
        selectinload(ConsumerOrder.lines).joinedload(OrderLine.product), selectinload(ConsumerOrder.inventory_list))
    if for_update:
        lock_order_rows(uow, named)
        stmt = stmt.execution_options(populate_existing=True)
    found = list(uow.session.execute(stmt).scalars())
    if not found:
        raise NotFound(f"no order {order_no!r}", order_no=order_no)
    if len(found) > 1:
        raise Rejected(f"order number {order_no} exists on several platforms: name the platform",
                       code="ambiguous_order", order_no=order_no)
    return found[0]


def message_text(uow: UnitOfWork, message_id: int) -> str:
    """An archived file's content with ID and phone numbers masked (for viewing on screen)."""
    require(uow, Permission.VIEW)
    message = uow.session.get(CustomsMessage, message_id)
    if message is None:
        raise NotFound(f"no archived message {message_id}", message_id=message_id)
    return mask_text(raw_bytes(pii.key_for(uow), message).decode("utf-8", "replace"))


def receipt_effects(uow: UnitOfWork, hashes: list[str]) -> list[dict[str, str]]:
    """For receipt files (by content hash): each receipt's status and where it left its list and order."""
    if not hashes:
        return []
    hashes = hashes[:EFFECTS_SHOWN]
    rows = uow.session.execute(
        select(CustomsMessage.file_name, CustomsReceipt.return_status, CustomsReceipt.outcome,
               ConsumerOrder.order_no, InventoryList.status, ConsumerOrder.status)
        .join(CustomsReceipt, CustomsReceipt.message_id == CustomsMessage.id)
        .outerjoin(InventoryList, InventoryList.id == CustomsReceipt.list_id)
        .outerjoin(ConsumerOrder, ConsumerOrder.id == InventoryList.order_id)
        .where(CustomsMessage.direction == "in", CustomsMessage.sha256.in_(hashes))
        .order_by(CustomsMessage.id, CustomsReceipt.id)).all()
    return [{"file": f, "status": code, "outcome": outcome, "order_no": order_no or "",
             "list_status": list_status or "", "order_status": order_status or ""}
            for f, code, outcome, order_no, list_status, order_status in rows]
