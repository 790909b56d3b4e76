"""returns and disposal (issue 12): return_case, return_line, disposal; consumer_order.returned_value

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('return_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_no', sa.String(length=20), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('customs_state', sa.String(length=10), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.Column('apply_by', sa.Date(), nullable=False),
    sa.Column('arrive_by', sa.Date(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('requested_by', sa.String(length=40), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('declared_at', sa.DateTime(), nullable=True),
    sa.Column('return_status', sa.String(length=4), nullable=False),
    sa.Column('return_info', sa.String(length=400), nullable=False),
    sa.Column('latest_return_at', sa.DateTime(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('received_by', sa.String(length=40), nullable=False),
    sa.Column('booked_at', sa.DateTime(), nullable=True),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("status IN ('requested','declared','accepted','approved','rejected','received','returned')", name=op.f('ck_return_case_status')),
    sa.ForeignKeyConstraint(['message_id'], ['customs_message.id'], name=op.f('fk_return_case_message_id_customs_message')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_return_case_order_id_consumer_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_case')),
    sa.UniqueConstraint('return_no', name=op.f('uq_return_case_return_no'))
    )
    with op.batch_alter_table('return_case', schema=None) as batch_op:
        batch_op.create_index('ix_return_case_order', ['order_id'], unique=False)
        batch_op.create_index('ix_return_case_status', ['status', 'id'], unique=False)

    op.create_table('disposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('account_book_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=24), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('company', sa.String(length=100), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('requested_by', sa.String(length=40), nullable=False),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by', sa.String(length=40), nullable=False),
    sa.Column('executed_at', sa.DateTime(), nullable=True),
    sa.Column('executed_by', sa.String(length=40), nullable=False),
    sa.Column('witnesses', sa.Text(), nullable=False),
    sa.Column('taken', sa.Text(), nullable=False),
    sa.CheckConstraint("method IN ('destroy','return_abroad')", name=op.f('ck_disposal_method')),
    sa.CheckConstraint("status IN ('requested','approved','executed')", name=op.f('ck_disposal_status')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_disposal_quantity_positive')),
    sa.ForeignKeyConstraint(['account_book_item_id'], ['account_book_item.id'], name=op.f('fk_disposal_account_book_item_id_account_book_item')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_disposal_lot_id_lot')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_disposal_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disposal'))
    )
    with op.batch_alter_table('disposal', schema=None) as batch_op:
        batch_op.create_index('ix_disposal_lot', ['lot_id'], unique=False)
        batch_op.create_index('ix_disposal_status', ['status'], unique=False)

    op.create_table('return_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('account_book_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('good', sa.Integer(), nullable=False),
    sa.Column('damaged', sa.Integer(), nullable=False),
    sa.CheckConstraint('good >= 0 AND damaged >= 0 AND good + damaged <= quantity', name=op.f('ck_return_line_received')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_return_line_quantity_positive')),
    sa.ForeignKeyConstraint(['account_book_item_id'], ['account_book_item.id'], name=op.f('fk_return_line_account_book_item_id_account_book_item')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_return_line_lot_id_lot')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_line.id'], name=op.f('fk_return_line_order_line_id_order_line')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_return_line_product_id_product')),
    sa.ForeignKeyConstraint(['return_id'], ['return_case.id'], name=op.f('fk_return_line_return_id_return_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_line'))
    )
    with op.batch_alter_table('return_line', schema=None) as batch_op:
        batch_op.create_index('ix_return_line_case', ['return_id'], unique=False)
        batch_op.create_index('ix_return_line_lot', ['lot_id'], unique=False)

    with op.batch_alter_table('consumer_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('returned_value', sa.BigInteger(), nullable=False,
                                      server_default='0'))



def downgrade() -> None:
    with op.batch_alter_table('consumer_order', schema=None) as batch_op:
        batch_op.drop_column('returned_value')

    with op.batch_alter_table('return_line', schema=None) as batch_op:
        batch_op.drop_index('ix_return_line_lot')
        batch_op.drop_index('ix_return_line_case')

    op.drop_table('return_line')
    with op.batch_alter_table('disposal', schema=None) as batch_op:
        batch_op.drop_index('ix_disposal_status')
        batch_op.drop_index('ix_disposal_lot')

    op.drop_table('disposal')
    with op.batch_alter_table('return_case', schema=None) as batch_op:
        batch_op.drop_index('ix_return_case_status')
        batch_op.drop_index('ix_return_case_order')

    op.drop_table('return_case')
