"""order record digest: a keyed digest of the order as imported (and of a rejected record), so an identical
re-import is 'unchanged' and `bwms check` finds an open rejection that repeats a stored order

Revision ID: 0009
Revises: 0008

Orders imported before this revision have none: an import or revalidate works it out from the stored order.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('consumer_order', sa.Column('record_digest', sa.String(length=64), nullable=True))
    op.add_column('order_rejection', sa.Column('record_digest', sa.String(length=64), nullable=True))


def downgrade() -> None:
    for table in ('order_rejection', 'consumer_order'):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('record_digest')
