"""wait params: the values of a waiting order's reason, for its reason in the screen's language

Revision ID: 0018
Revises: 0017

Why a released order waits for stock is an English sentence; the waves screen shows it in Chinese too (issue 15,
no English text on a Chinese screen). The sentence's form and values are kept beside it; rows stored before keep
NULL and show the stored text.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("order_wait") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("order_wait") as batch:
        batch.drop_column("params")
