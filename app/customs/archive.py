"""The customs message archive and the outbox: every file kept whole with its hash, delivered atomically.

A message going out is archived in the same transaction as the change that causes it and written to the
outbox after that transaction commits (temporary name, fsync, rename), so a crash re-delivers it and
never loses it; `delivered_at` records when it reached the outbox.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from app import settings
from app.admin import PiiKey
from app.config import data_dir
from app.errors import Rejected
from app.persistence.models import CustomsMessage
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from app.private_files import write_private

ARCHIVE_FIELD = "customs_message"  # associated data of the archive's encryption


def folder(uow: UnitOfWork, given: Path | str | None, setting: str, default: str) -> Path:
    """The outbox or inbox: the path given, else the setting, else <data dir>/<default>."""
    configured = given or settings.get(uow.session, setting)
    path = Path(configured).expanduser() if configured else data_dir() / default
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Rejected(f"cannot use the folder {path}: {exc.strerror or exc}", code="bad_folder",
                       path=str(path)) from exc
    if not os.access(path, os.W_OK):
        raise Rejected(f"the folder {path} is not writable", code="bad_folder", path=str(path))
    return path


def outbox(uow: UnitOfWork, given: Path | str | None = None) -> Path:
    return folder(uow, given, "customs_outbox", "outbox")


def message_row(key: PiiKey, direction: str, msg_type: str, business_no: str, file_name: str, raw: bytes,
                at: datetime, note: str = "", *, guid: str = "", params: dict[str, Any] | None = None) -> dict:
    """One archived message as column values (encrypted: outgoing lists carry the buyer's ID number); a refused
    file's note is the English sentence of its problem, `params` the problem's form and values."""
    return {"direction": direction, "msg_type": msg_type, "business_no": business_no[:60],
            "file_name": file_name[-255:], "sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw),
            "raw_enc": key.seal(ARCHIVE_FIELD, raw), "at": at, "delivered_at": None, "note": note[:400],
            "guid": guid[:36], "params": params}


def archive(uow: UnitOfWork, key: PiiKey, direction: str, msg_type: str, business_no: str, file_name: str,
            raw: bytes, note: str = "", *, guid: str = "") -> CustomsMessage:
    """Keep one message in the caller's transaction (an outgoing one with its guid, which a CEB900 names)."""
    message = CustomsMessage(**message_row(key, direction, msg_type, business_no, file_name, raw, utcnow(), note,
                                           guid=guid))
    uow.session.add(message)
    return message


def raw_bytes(key: PiiKey, message: CustomsMessage) -> bytes:
    return key.unseal(ARCHIVE_FIELD, message.raw_enc)


def write_atomically(folder_path: Path, name: str, data: bytes) -> Path:
    """Write under a hidden temporary name, then rename: a reader never sees half a file. Mode 0600 from the
    start: a CEB621 carries the buyer's name and ID number."""
    return write_private(folder_path / name, data)


def _make_durable(folder_path: Path, names: list[str]) -> None:
    """Flush a batch of written files to disk before they are marked delivered.

    One sync for the whole batch (an fsync per file costs milliseconds each); where the platform has no
    os.sync, each file and the folder are fsynced.
    """
    if hasattr(os, "sync"):
        os.sync()
        return
    for name in names:
        with open(folder_path / name, "rb+") as fh:
            os.fsync(fh.fileno())


def deliver(uow: UnitOfWork, key: PiiKey, messages: Iterable[CustomsMessage], folder_path: Path) -> list[str]:
    """Write archived outgoing messages to the outbox and mark them delivered (the caller commits)."""
    return deliver_built(uow, [(m.id, m.file_name, raw_bytes(key, m)) for m in messages], folder_path)


def deliver_built(uow: UnitOfWork, outgoing: list[tuple[int, str, bytes]], folder_path: Path) -> list[str]:
    """Write (message id, file name, bytes) to the outbox, make them durable, then mark them delivered."""
    for _, name, data in outgoing:
        write_atomically(folder_path, name, data)
    if outgoing:
        _make_durable(folder_path, [name for _, name, _ in outgoing])
        uow.session.execute(update(CustomsMessage).where(CustomsMessage.id.in_([i for i, _, _ in outgoing]))
                            .values(delivered_at=utcnow()), execution_options={"synchronize_session": False})
    return [name for _, name, _ in outgoing]


def deliver_pending(uow: UnitOfWork, key: PiiKey, folder_path: Path, batch: int = 500) -> list[str]:
    """Deliver every outgoing message archived but not yet written (after a crash, or a cancellation)."""
    delivered: list[str] = []
    last = 0
    while True:
        pending = uow.session.execute(select(CustomsMessage).where(
            CustomsMessage.direction == "out", CustomsMessage.delivered_at.is_(None), CustomsMessage.id > last)
            .order_by(CustomsMessage.id).limit(batch)).scalars().all()
        if not pending:
            return delivered
        delivered += deliver(uow, key, pending, folder_path)
        last = pending[-1].id
