"""The customs exchange folders at work: deliver the outbox, and apply the receipts that arrived in the inbox
(the receipt watcher's pass, new or changed files only)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.admin import pii, require
from app.customs import archive as customs_archive
from app.customs.queries import CHUNK, exchange_folders, receipt_effects
from app.customs.receipts import ReceiptReport, apply_receipts
from app.domain.roles import Permission
from app.formats.customs.receipts import receipt_files
from app.persistence.models import (
    CustomsMessage,
)
from app.persistence.uow import UnitOfWork

FileSignature = tuple[int, int]  # (size, mtime in ns): a file the watcher has already looked at
WHOLE_FOLDER_FROM = 200          # more new files than this: apply the inbox folder in one batched pass


















def deliver_outbox(uow: UnitOfWork) -> list[str]:
    """Write archived outgoing files (a CEB623 after a cancellation) to the outbox, after their change committed."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    return customs_archive.deliver_pending(uow, pii.key_for(uow), customs_archive.outbox(uow))


@dataclass
class InboxPass:
    """What one look at the inbox did: the receipt report, and each applied receipt's effect on its order."""

    report: ReceiptReport = field(default_factory=ReceiptReport)
    files: list[str] = field(default_factory=list)
    effects: list[dict[str, str]] = field(default_factory=list)
    known: dict[str, FileSignature] = field(default_factory=dict)


def _changed_files(folder: Path, known: dict[str, FileSignature]) -> tuple[list[Path], dict[str, FileSignature]]:
    current: dict[str, FileSignature] = {}
    changed = []
    for path in receipt_files(folder):
        try:
            st = path.stat()
        except OSError:  # gone between listing and looking: the next pass sees the folder as it is
            continue
        current[path.name] = (st.st_size, st.st_mtime_ns)
        if known.get(path.name) != current[path.name]:
            changed.append(path)
    return changed, current


def _unarchived(uow: UnitOfWork, paths: list[Path]) -> dict[Path, str]:
    """The files among `paths` whose content is not in the archive yet, with their SHA-256."""
    hashes = {}
    for path in paths:
        try:
            hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    values = list(hashes.values())
    kept: set[str] = set()
    for start in range(0, len(values), CHUNK):
        kept.update(uow.session.execute(select(CustomsMessage.sha256).where(
            CustomsMessage.direction == "in", CustomsMessage.sha256.in_(values[start:start + CHUNK]))).scalars())
    return {p: h for p, h in hashes.items() if h not in kept}


def apply_new_receipts(uow: UnitOfWork, known: dict[str, FileSignature] | None = None) -> InboxPass:
    """The watcher's pass: apply the inbox files not seen (by name, size, time) nor archived (by content)."""
    require(uow, Permission.CUSTOMS_EXCHANGE)
    _, inbox = exchange_folders(uow)
    changed, current = _changed_files(inbox, known or {})
    fresh = _unarchived(uow, changed)
    result = InboxPass(known=current, files=sorted(p.name for p in fresh))
    if len(fresh) > WHOLE_FOLDER_FROM:  # a burst: one batched pass; the files seen before count as duplicates
        result.report = apply_receipts(uow, inbox)
    else:
        for path in sorted(fresh):
            _merge(result.report, apply_receipts(uow, path))
    result.effects = receipt_effects(uow, list(fresh.values()))
    return result


def _merge(total: ReceiptReport, one: ReceiptReport) -> None:
    total.applied += one.applied
    total.duplicates += one.duplicates
    total.superseded += one.superseded
    total.unmatched += one.unmatched
    total.refused += one.refused
    total.not_applied += one.not_applied
    total.requests += one.requests










