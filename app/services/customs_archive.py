"""The customs message archive and the outbox: every file kept whole with its hash, delivered atomically.

A message going out is archived in the same transaction as the change that causes it and written to the
outbox after that transaction commits (temporary name, fsync, rename), so a crash re-delivers it and
never loses it; `delivered_at` records when it reached the outbox.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select, update

from app import settings
from app.config import data_dir
from app.errors import Rejected
from app.persistence.models import CustomsMessage
from app.persistence.types import utcnow
from app.persistence.uow import UnitOfWork
from app.services.pii import PiiKey

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


def archive(uow: UnitOfWork, key: PiiKey, direction: str, msg_type: str, business_no: str, file_name: str,
            raw: bytes, note: str = "") -> CustomsMessage:
    """Keep one message (encrypted: outgoing lists carry the buyer's ID number)."""
    message = CustomsMessage(direction=direction, msg_type=msg_type, business_no=business_no[:60],
                             file_name=file_name[-255:], sha256=hashlib.sha256(raw).hexdigest(), size=len(raw),
                             raw_enc=key.seal(ARCHIVE_FIELD, raw), at=utcnow(),
                             note=note[:400])
    uow.session.add(message)
    return message


def raw_bytes(key: PiiKey, message: CustomsMessage) -> bytes:
    return key.unseal(ARCHIVE_FIELD, message.raw_enc)


def write_atomically(folder_path: Path, name: str, data: bytes) -> Path:
    """Write under a hidden temporary name, fsync, then rename: a reader never sees half a file."""
    final = folder_path / name
    temporary = folder_path / f".{name}.part"
    with open(temporary, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, final)
    return final


def _sync_folder(folder_path: Path) -> None:
    """Make the renames durable (POSIX: fsync the directory)."""
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder_path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def deliver(uow: UnitOfWork, key: PiiKey, messages: Iterable[CustomsMessage], folder_path: Path) -> list[str]:
    """Write archived outgoing messages to the outbox and mark them delivered (the caller commits)."""
    names, ids = [], []
    for message in messages:
        write_atomically(folder_path, message.file_name, raw_bytes(key, message))
        names.append(message.file_name)
        ids.append(message.id)
    if ids:
        _sync_folder(folder_path)
        uow.session.execute(update(CustomsMessage).where(CustomsMessage.id.in_(ids)).values(delivered_at=utcnow()),
                            execution_options={"synchronize_session": False})
    return names


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
