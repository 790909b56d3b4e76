"""drop movement ref index: no query looks movements up by what they refer to

Revision ID: 0020
Revises: 0019

`ix_movement_ref (ref_type, ref_no)` came with the first schema, for a trace by reference that was never built:
the batch record and the ledger read a lot's movements (`ix_movement_lot`), the owner's statement a period's
(`ix_movement_at_lot`), and the invariant checks read every ship movement. Yet every stock movement wrote a page
of it, and on the scan path (a pick, a put-away) that page is one more WAL frame at each commit (issue 10, part 7).
"""
from __future__ import annotations

from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_movement_ref", table_name="movement")


def downgrade() -> None:
    op.create_index("ix_movement_ref", "movement", ["ref_type", "ref_no"])
