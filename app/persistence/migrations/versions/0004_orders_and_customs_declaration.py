"""orders and customs declaration: consumer orders, inventory lists, receipts, message archive, rejections

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.persistence.append_only import protect, unprotect

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

APPEND_ONLY = ("customs_receipt",)


def upgrade() -> None:
    op.create_table('consumer_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=60), nullable=False),
    sa.Column('platform_code', sa.String(length=18), nullable=False),
    sa.Column('platform_name', sa.String(length=100), nullable=False),
    sa.Column('seller_code', sa.String(length=18), nullable=False),
    sa.Column('seller_name', sa.String(length=100), nullable=False),
    sa.Column('ordered_at', sa.DateTime(), nullable=False),
    sa.Column('order_year', sa.Integer(), nullable=False),
    sa.Column('buyer_name_enc', sa.LargeBinary(), nullable=False),
    sa.Column('buyer_id_type', sa.String(length=1), nullable=False),
    sa.Column('buyer_id_enc', sa.LargeBinary(), nullable=False),
    sa.Column('buyer_id_hash', sa.String(length=64), nullable=False),
    sa.Column('buyer_id_masked', sa.String(length=20), nullable=False),
    sa.Column('buyer_phone_enc', sa.LargeBinary(), nullable=False),
    sa.Column('buyer_phone_masked', sa.String(length=20), nullable=False),
    sa.Column('buyer_account', sa.String(length=60), nullable=False),
    sa.Column('consignee_name_enc', sa.LargeBinary(), nullable=False),
    sa.Column('consignee_phone_enc', sa.LargeBinary(), nullable=False),
    sa.Column('consignee_phone_masked', sa.String(length=20), nullable=False),
    sa.Column('consignee_province', sa.String(length=40), nullable=False),
    sa.Column('consignee_city', sa.String(length=40), nullable=False),
    sa.Column('consignee_district', sa.String(length=40), nullable=False),
    sa.Column('consignee_address', sa.String(length=200), nullable=False),
    sa.Column('pay_code', sa.String(length=18), nullable=False),
    sa.Column('pay_name', sa.String(length=100), nullable=False),
    sa.Column('pay_transaction_id', sa.String(length=60), nullable=False),
    sa.Column('paid', sa.BigInteger(), nullable=False),
    sa.Column('carrier_code', sa.String(length=10), nullable=False),
    sa.Column('waybill_no', sa.String(length=60), nullable=False),
    sa.Column('goods_value', sa.BigInteger(), nullable=False),
    sa.Column('freight', sa.BigInteger(), nullable=False),
    sa.Column('insurance', sa.BigInteger(), nullable=False),
    sa.Column('discount', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('tax_computed', sa.BigInteger(), nullable=False),
    sa.Column('dutiable_total', sa.BigInteger(), nullable=False),
    sa.Column('full_tax', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('inspection', sa.Boolean(), nullable=False),
    sa.Column('rejection_code', sa.String(length=32), nullable=False),
    sa.Column('rejection_reason', sa.String(length=400), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('source_line', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consumer_order')),
    sa.UniqueConstraint('waybill_no', 'carrier_code', name='uq_consumer_order_carrier_waybill'),
    sa.UniqueConstraint('order_no', 'platform_code', name='uq_consumer_order_platform_order')
    )
    op.create_index('ix_consumer_order_buyer_year', 'consumer_order', ['buyer_id_hash', 'order_year'], unique=False)
    op.create_index('ix_consumer_order_status', 'consumer_order', ['status'], unique=False)
    op.create_table('customs_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('msg_type', sa.String(length=8), nullable=False),
    sa.Column('business_no', sa.String(length=60), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('raw_enc', sa.LargeBinary(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.String(length=400), nullable=False),
    sa.CheckConstraint("direction IN ('in','out')", name=op.f('ck_customs_message_direction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customs_message'))
    )
    op.create_index('ix_customs_message_business', 'customs_message', ['business_no'], unique=False)
    op.create_index('ix_customs_message_sha', 'customs_message', ['direction', 'sha256'], unique=False)
    op.create_table('customs_inventory_list',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('cop_no', sa.String(length=20), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('app_type', sa.String(length=1), nullable=False),
    sa.Column('declared_at', sa.DateTime(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('return_status', sa.String(length=4), nullable=False),
    sa.Column('return_info', sa.String(length=400), nullable=False),
    sa.Column('latest_return_at', sa.DateTime(), nullable=True),
    sa.Column('pre_no', sa.String(length=30), nullable=False),
    sa.Column('invt_no', sa.String(length=30), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=True),
    sa.Column('pre_held', sa.Boolean(), nullable=False),
    sa.Column('cancel_state', sa.String(length=12), nullable=False),
    sa.Column('written_off_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['customs_message.id'], name=op.f('fk_customs_inventory_list_message_id_customs_message')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_customs_inventory_list_order_id_consumer_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customs_inventory_list')),
    sa.UniqueConstraint('cop_no', name=op.f('uq_customs_inventory_list_cop_no')),
    sa.UniqueConstraint('order_id', name=op.f('uq_customs_inventory_list_order_id'))
    )
    op.create_table('order_rejection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=60), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('raw_enc', sa.LargeBinary(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("state IN ('open','resolved','dismissed')", name=op.f('ck_order_rejection_state')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_order_rejection_order_id_consumer_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_rejection'))
    )
    op.create_index('ix_order_rejection_order_no', 'order_rejection', ['order_no'], unique=False)
    op.create_index('ix_order_rejection_state', 'order_rejection', ['state'], unique=False)
    op.create_table('customs_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('cop_no', sa.String(length=30), nullable=False),
    sa.Column('order_no', sa.String(length=60), nullable=False),
    sa.Column('pre_no', sa.String(length=30), nullable=False),
    sa.Column('invt_no', sa.String(length=30), nullable=False),
    sa.Column('return_status', sa.String(length=4), nullable=False),
    sa.Column('return_at', sa.DateTime(), nullable=False),
    sa.Column('return_info', sa.String(length=400), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['list_id'], ['customs_inventory_list.id'], name=op.f('fk_customs_receipt_list_id_customs_inventory_list')),
    sa.ForeignKeyConstraint(['message_id'], ['customs_message.id'], name=op.f('fk_customs_receipt_message_id_customs_message')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customs_receipt')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_customs_receipt_fingerprint'))
    )
    op.create_index('ix_customs_receipt_list', 'customs_receipt', ['list_id'], unique=False)
    op.create_table('order_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('gnum', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('account_book_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('line_value', sa.BigInteger(), nullable=False),
    sa.Column('tariff', sa.BigInteger(), nullable=False),
    sa.Column('consumption_tax', sa.BigInteger(), nullable=False),
    sa.Column('vat', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_order_line_quantity_positive')),
    sa.ForeignKeyConstraint(['account_book_item_id'], ['account_book_item.id'], name=op.f('fk_order_line_account_book_item_id_account_book_item')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_order_line_order_id_consumer_order')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_order_line_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_line')),
    sa.UniqueConstraint('order_id', 'gnum', name='uq_order_line_order_gnum')
    )
    op.create_index('ix_order_line_item', 'order_line', ['account_book_item_id'], unique=False)
    for table in APPEND_ONLY:
        protect(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        unprotect(table)
    op.drop_index('ix_order_line_item', table_name='order_line')
    op.drop_table('order_line')
    op.drop_index('ix_customs_receipt_list', table_name='customs_receipt')
    op.drop_table('customs_receipt')
    op.drop_index('ix_order_rejection_state', table_name='order_rejection')
    op.drop_index('ix_order_rejection_order_no', table_name='order_rejection')
    op.drop_table('order_rejection')
    op.drop_table('customs_inventory_list')
    op.drop_index('ix_customs_message_sha', table_name='customs_message')
    op.drop_index('ix_customs_message_business', table_name='customs_message')
    op.drop_table('customs_message')
    op.drop_index('ix_consumer_order_status', table_name='consumer_order')
    op.drop_index('ix_consumer_order_buyer_year', table_name='consumer_order')
    op.drop_table('consumer_order')
