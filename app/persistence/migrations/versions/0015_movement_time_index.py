"""movement time index: the movements of a period, and of one owner's lots in it, read in time order

Revision ID: 0015
Revises: 0014

An owner's monthly statement reads the movements up to the month's end (issue 14): with (at, lot_id) it reads
that range of time in the order the movements were written, and skips other owners' lots from the index alone.
"""
from __future__ import annotations

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_movement_at_lot", "movement", ["at", "lot_id"])


def downgrade() -> None:
    op.drop_index("ix_movement_at_lot", table_name="movement")
