"""rejection params: the values of an order rejection's reason, for its detail in the screen's language

Revision ID: 0016
Revises: 0015

An import rejection's reason is an English sentence; the workbench shows it in Chinese too (issue 15, no raw
code or English text on a Chinese screen). The sentence's form and values are kept beside its code; rows
stored before keep NULL and show the stored text.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("order_rejection") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("order_rejection") as batch:
        batch.drop_column("params")
