"""stock lpn index: a pallet or carton found by its SSCC from an index

Revision ID: 0024
Revises: 0023

A put-away scan of an SSCC reads the staged stock row carrying it. Without an index on stock.lpn, SQLite found it
by walking every stock row in the dock and inspection locations, so each goods and location scan cost more the
more pallets waited there (customs inspection can hold a container's pallets for days). The refusal of an SSCC
that is no longer staged ("already at …") scanned the whole stock table. Issue 10, part 7.
"""
from __future__ import annotations

from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stock_lpn", "stock", ["lpn"])


def downgrade() -> None:
    op.drop_index("ix_stock_lpn", table_name="stock")
