"""keyed audit chain: each link an HMAC-SHA256 under the audit key file (outside the database), and the
fingerprints of the key files this database is used with

Revision ID: 0012
Revises: 0011

The audit key file (`bwms-audit.key` beside the database, or the setting `audit_key_file`) is created if there
is none (mode 0600). The plain SHA-256 chain of before is checked, then every link is recomputed under the
key, once, and an `audit_rekeyed` entry records how many entries were re-keyed and whether the plain chain
held until then. The downgrade puts the plain links back.
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from app.persistence import audit_chain
from app.persistence.append_only import protect, unprotect
from app.persistence.types import UTCDateTime, utcnow
from app.private_files import create_key_file

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('key_fingerprint',
                    sa.Column('name', sa.String(length=32), nullable=False),
                    sa.Column('fingerprint', sa.String(length=32), nullable=False),
                    sa.Column('recorded_at', UTCDateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('name', name=op.f('pk_key_fingerprint')))
    conn = op.get_bind()
    path = audit_chain.key_path(conn)
    if not path.exists():
        create_key_file(path, audit_chain.KEY_BYTES)
    key = audit_chain.load(path)
    unprotect('audit_log')
    done = audit_chain.rekey(conn, key)
    protect('audit_log')
    if done.entries:
        detail = {"entries": done.entries, "plain_chain": done.plain_chain, "key_fingerprint": key.fingerprint}
        audit_chain.append(conn, key, {
            "at": utcnow(), "username": "system", "role": "admin", "station": "", "action": "audit_rekeyed",
            "entity": "audit_log", "entity_key": "", "outcome": "ok",
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True)})
    audit_chain.store_fingerprint(conn, audit_chain.AUDIT_KEY, key.fingerprint, utcnow())


def downgrade() -> None:
    unprotect('audit_log')
    audit_chain.rekey(op.get_bind(), None)
    protect('audit_log')
    op.drop_table('key_fingerprint')
