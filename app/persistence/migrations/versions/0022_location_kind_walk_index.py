"""location kind walk index: the first location of a kind in walk order, read from an index

Revision ID: 0022
Revises: 0021

Every pick scan names the default packing location (the first active, unfrozen one in walk order), and closing a
tally finds its staging and damaged locations the same way (the returns desk finds its own by kind): without an
index that walked and sorted every location of the warehouse, on each pick scan (issue 10, part 7).
(kind, pick_sequence, code) answers it in order.
"""
from __future__ import annotations

from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_location_kind_walk", "location", ["kind", "pick_sequence", "code"])


def downgrade() -> None:
    op.drop_index("ix_location_kind_walk", table_name="location")
