"""parcel loading: a parcel scanned at the gate is loaded onto its manifest's vehicle (when and by whom); it
leaves the zone only when the vehicle passes

Revision ID: 0017
Revises: 0016
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('parcel') as batch_op:
        batch_op.add_column(sa.Column('loaded_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('loaded_by', sa.String(length=40), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('parcel') as batch_op:
        batch_op.drop_column('loaded_by')
        batch_op.drop_column('loaded_at')
