"""carriers and the messages customs accepts: carrier master data, products' declaration elements and
consumption-tax threshold, the guid of each outgoing message (CEB900 names it), a cancellation's reason code

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('carrier',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('code', sa.String(length=10), nullable=False),
                    sa.Column('name', sa.String(length=100), nullable=False),
                    sa.Column('customs_code', sa.String(length=10), nullable=False),
                    sa.Column('customs_name', sa.String(length=100), nullable=False),
                    sa.Column('waybill_pattern', sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier')),
                    sa.UniqueConstraint('code', name=op.f('uq_carrier_code')))
    with op.batch_alter_table('product') as batch_op:
        batch_op.add_column(sa.Column('declaration_elements', sa.String(length=510), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('consumption_tax_threshold', sa.BigInteger(),
                                      nullable=True))
    with op.batch_alter_table('customs_message') as batch_op:
        batch_op.add_column(sa.Column('guid', sa.String(length=36), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_customs_message_guid'), ['guid'], unique=False)
    with op.batch_alter_table('customs_inventory_list') as batch_op:
        batch_op.add_column(sa.Column('cancel_reason', sa.String(length=4), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('customs_inventory_list') as batch_op:
        batch_op.drop_column('cancel_reason')
    with op.batch_alter_table('customs_message') as batch_op:
        batch_op.drop_index(batch_op.f('ix_customs_message_guid'))
        batch_op.drop_column('guid')
    with op.batch_alter_table('product') as batch_op:
        batch_op.drop_column('consumption_tax_threshold')
        batch_op.drop_column('declaration_elements')
    op.drop_table('carrier')
