"""The key files: not in any database backup; `export_keys` copies them for safe keeping (administrator, audited).

`KEY_FILES` is the one list of them: the personal-data key (app.admin.pii) and the audit chain's key
(app.persistence.audit_chain). Without the personal-data key no buyer record of a backup decrypts; without the
audit key its audit chain no longer verifies and nobody can append to it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.admin import audit, pii
from app.admin.auth import require
from app.domain.roles import Permission
from app.errors import Rejected
from app.persistence import audit_chain
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork

# name → where that key file is for this database
KEY_FILES: dict[str, Callable[[Session], Path]] = {
    "personal-data key": pii.key_path,
    "audit key": lambda session: audit_chain.key_path(session.connection()),
}


def key_files(session: Session) -> dict[str, Path]:
    return {name: where(session) for name, where in KEY_FILES.items()}


@dataclass(frozen=True)
class KeyExport:
    folder: str
    files: dict[str, str]  # key name → copied file
    missing: list[str]
    fingerprint: str  # the personal-data key's
    audit_fingerprint: str = ""

    def to_json(self) -> dict:
        return {"folder": self.folder, "files": self.files, "missing": self.missing,
                "fingerprint": self.fingerprint, "audit_fingerprint": self.audit_fingerprint}


def export_keys(uow: UnitOfWork, to: Path | str) -> KeyExport:
    """Copy every key file into `to` (mode 0600, never over an existing file); audited without the key."""
    require(uow, Permission.KEY_EXPORT)
    target = Path(to).expanduser()
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    copied: dict[str, str] = {}
    missing: list[str] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, path in key_files(uow.session).items():
            if not path.exists():
                missing.append(name)
                continue
            dest = target / f"{path.stem}-{stamp}{path.suffix}"
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            copied[name] = str(dest)
    except OSError as exc:
        for done in copied.values():
            Path(done).unlink(missing_ok=True)
        raise Rejected(f"cannot copy the key files to {target}: {exc.strerror or exc}", code="key_export_failed",
                       folder=str(target)) from exc
    fingerprint = pii.fingerprint_of(pii.key_path(uow.session))
    audit_fingerprint = audit.audit_key(uow).fingerprint
    audit.record(uow, "key_export", "keys", str(target), files=sorted(copied), fingerprint=fingerprint,
                 audit_fingerprint=audit_fingerprint)
    uow.changes.touch(Area.AUDIT)
    return KeyExport(str(target), copied, missing, fingerprint, audit_fingerprint)
