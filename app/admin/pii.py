"""Buyers' personal data: AES-GCM at rest with a key file outside the database, keyed hashes, masks, reveal.

The key file holds 32 random bytes (created with mode 0600 on first use) and must be the same file on
every workstation: put it on a shared path (setting `key_file`) or copy it. Two keys are derived from it
with HKDF, one for AES-256-GCM and one for the HMAC that finds a buyer by ID number without decrypting.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.admin import audit
from app.admin.auth import require
from app.config import data_dir
from app.domain.masking import PERSONAL_FIELDS, mask_id_number, mask_phone
from app.domain.roles import Permission
from app.errors import NotFound, Rejected
from app.persistence import audit_chain
from app.persistence.models import ConsumerOrder, OrderRejection
from app.persistence.types import utcnow
from app.persistence.uow import Area, UnitOfWork
from app.private_files import create_key_file, derive, fingerprint_of_master, warn_if_loose

KEY_BYTES = 32
PII_KEY = "personal-data"  # its name in key_fingerprint
_CHECKED = "pii_key_checked"  # Database.cache: (path, fingerprint) found to be this database's key
_VERSION = b"\x01"
# field name → the order column holding it encrypted (the name is also the AES-GCM associated data, so a
# ciphertext moved to another column does not decrypt)
REVEALABLE = dict(zip(PERSONAL_FIELDS, ("buyer_name_enc", "buyer_id_enc", "buyer_phone_enc", "consignee_name_enc",
                                        "consignee_phone_enc"), strict=True))


@dataclass(frozen=True)
class PiiKey:
    """The two working keys derived from the key file."""

    aead: AESGCM
    mac_key: bytes
    path: str
    fingerprint: str = ""  # names the key without revealing it (backup manifests, restore's check)

    def encrypt(self, field: str, value: str) -> bytes:
        return self.seal(field, value.encode("utf-8"))

    def decrypt(self, field: str, blob: bytes) -> str:
        return self.unseal(field, blob).decode("utf-8")

    def seal(self, field: str, data: bytes) -> bytes:
        """AES-256-GCM with a fresh nonce; `field` is the associated data (binds the value to its column)."""
        nonce = os.urandom(12)
        return _VERSION + nonce + self.aead.encrypt(nonce, data, field.encode())

    def unseal(self, field: str, blob: bytes) -> bytes:
        if not blob or blob[:1] != _VERSION:
            raise Rejected(f"stored {field} is not in a known encrypted form", code="pii_corrupt")
        try:
            return self.aead.decrypt(blob[1:13], blob[13:], field.encode())
        except InvalidTag as exc:
            raise Rejected(f"the key file {self.path} does not decrypt this database's buyer data: every "
                           "workstation must use the same key file (setting key_file)", code="wrong_key") from exc

    def id_hash(self, id_number: str) -> str:
        """The keyed hash of an ID number (upper-case X): equal IDs give equal hashes, nothing else."""
        return hmac.new(self.mac_key, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()


def key_path(session: Session) -> Path:
    configured = settings.get(session, "key_file")
    return Path(configured).expanduser() if configured else data_dir() / "bwms.key"


def key_for(uow: UnitOfWork) -> PiiKey:
    """The key of this database; created on first use, refused if missing while encrypted data exists, and
    refused when it is not the key whose fingerprint the database recorded on first use (another 32-byte key
    would leave buyers under two keys: old orders unreadable, a buyer's annual total split by the keyed hash).
    A key file others may read is used with a warning."""
    path = key_path(uow.session)
    if not path.exists():
        if _has_encrypted_data(uow) or _stored(uow):
            raise Rejected(f"the key file {path} is missing but this database holds encrypted buyer data: copy "
                           "the key file from the workstation that created it (or set key_file to a shared "
                           "path)", code="key_missing", path=str(path))
        create_key_file(path, KEY_BYTES)
    key = _key_at(path)
    checked = uow.db.cache.get(_CHECKED)
    if checked == (str(path), key.fingerprint):
        return key
    stored = _stored(uow)
    if stored is None:
        _first_use(uow, key)
        return key
    if stored != key.fingerprint:
        raise audit_chain.refuse_other_key("personal-data key", path, key.fingerprint, stored, "key_file")
    uow.db.cache[_CHECKED] = (str(path), key.fingerprint)
    return key


def _stored(uow: UnitOfWork) -> str | None:
    return audit_chain.stored_fingerprint(uow.conn, PII_KEY)


def _first_use(uow: UnitOfWork, key: PiiKey) -> None:
    """No fingerprint yet (a database from before it was kept): the key must open what is stored, then its
    fingerprint is recorded by the first writer."""
    sample = uow.session.execute(select(ConsumerOrder.buyer_name_enc).limit(1)).scalar()
    if sample is not None:
        key.decrypt("buyer_name", sample)  # wrong_key, naming the file, when it does not
    if uow.write:
        audit_chain.store_fingerprint(uow.conn, PII_KEY, key.fingerprint, utcnow())


def existing_key(path: Path) -> PiiKey | None:
    """The key file at `path` if there is one (never creates it)."""
    if not path.exists():
        return None
    return _key_at(path)


def fingerprint_of(path: Path) -> str:
    """The fingerprint of the key file at `path` ("" when there is none): compared by restore."""
    if not path.exists():
        return ""
    return _key_at(path).fingerprint


def _key_at(path: Path) -> PiiKey:
    warn_if_loose(path, "personal-data key")
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


def _has_encrypted_data(uow: UnitOfWork) -> bool:
    s = uow.session
    return (s.execute(select(ConsumerOrder.id).limit(1)).first() is not None
            or s.execute(select(OrderRejection.id).limit(1)).first() is not None)


@lru_cache(maxsize=8)
def _load(path: str, _mtime_ns: int, _size: int) -> PiiKey:
    master = Path(path).read_bytes()
    if len(master) != KEY_BYTES:
        raise Rejected(f"the key file {path} is not a {KEY_BYTES}-byte key", code="bad_key_file", path=path)
    return PiiKey(AESGCM(derive(master, b"bwms pii aes-256-gcm")), derive(master, b"bwms pii hmac-sha256"), path,
                  fingerprint_of_master(master))


def masked(field: str, value: str) -> str:
    """What screens and paper show of a personal value."""
    if field == "buyer_id_number":
        return mask_id_number(value)
    if field.endswith("phone"):
        return mask_phone(value)
    return value


def reveal(uow: UnitOfWork, order_no: str, field: str) -> str:
    """One value in clear, for a customs officer only; every reveal is audited (the value is not logged)."""
    require(uow, Permission.REVEAL_PII)
    if field not in REVEALABLE:
        raise Rejected(f"cannot reveal {field!r}: one of {', '.join(REVEALABLE)}", code="bad_field")
    order = uow.session.execute(select(ConsumerOrder).where(ConsumerOrder.order_no == order_no)
                                .order_by(ConsumerOrder.id).limit(1)).scalar_one_or_none()
    if order is None:
        raise NotFound(f"no order {order_no!r}", order_no=order_no)
    value = key_for(uow).decrypt(field, getattr(order, REVEALABLE[field]))
    audit.record(uow, "pii_reveal", "order", order_no, field=field)
    uow.changes.touch(Area.AUDIT)
    return value
