"""Files only their owner may read: key files, customs messages, archive copies, audit anchors (mode 0600).

Every file the product writes that holds a key, a buyer's personal data or evidence is created with mode 0600
from the start (never written first and narrowed after), under a temporary name and renamed into place, so a
reader never sees half a file. A key file found with a looser mode is used — refusing it would stop the
warehouse — but warned about once per process, on stderr and in the log, and `bwms where` shows it.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

PRIVATE = 0o600
_log = logging.getLogger("bwms.keys")
_warned: set[str] = set()


def write_private(path: Path, data: bytes, *, durable: bool = False) -> Path:
    """Write `data` to `path` (mode 0600) whole or not at all: a hidden temporary name, then a rename."""
    temporary = path.with_name(f".{path.name}.part")
    temporary.unlink(missing_ok=True)  # a leftover of a crash, perhaps of another mode
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def create_key_file(path: Path, size: int) -> bool:
    """A new key of `size` random bytes at `path`, mode 0600; False when the file exists already (another
    workstation made it a moment ago: theirs is used)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(os.urandom(size))
        fh.flush()
        os.fsync(fh.fileno())
    return True


def looser_than_private(path: Path) -> str:
    """"" when only the owner may read `path` (or on Windows, where modes do not say it); else its mode."""
    if os.name == "nt":
        return ""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return ""
    return f"{mode:04o}" if mode & 0o077 else ""


def mode_status(path: Path) -> str:
    """What `bwms where` says of a key file: missing, private (0600), or the warning."""
    if not path.exists():
        return "missing"
    loose = looser_than_private(path)
    return f"WARNING mode {loose}: others may read it (chmod 600 {path})" if loose else "private (0600)"


def warn_if_loose(path: Path, what: str) -> str:
    """Warn once per process when the key file at `path` may be read by others; returns the warning ("" if none)."""
    loose = looser_than_private(path)
    if not loose:
        return ""
    message = (f"warning: the {what} file {path} has mode {loose}: other users of this computer can read it; "
               f"make it private with `chmod 600 {path}`")
    if str(path) not in _warned:
        _warned.add(str(path))
        _log.warning(message)
        print(message, file=sys.stderr)
    return message


def derive(master: bytes, info: bytes) -> bytes:
    """A 32-byte working key for one purpose (`info`) from a key file's bytes (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def fingerprint_of_master(master: bytes) -> str:
    """Names a key without revealing it (stored in the database, in backup manifests, shown by restore)."""
    return derive(master, b"bwms key fingerprint")[:8].hex()
