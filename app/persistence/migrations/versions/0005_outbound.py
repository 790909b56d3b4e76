"""outbound: allocation, waves, pick tasks, parcels, manifests

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('manifest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manifest_no', sa.String(length=20), nullable=False),
    sa.Column('gate_pass_no', sa.String(length=24), nullable=False),
    sa.Column('carrier_code', sa.String(length=10), nullable=False),
    sa.Column('vehicle_plate', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('parcel_count', sa.Integer(), nullable=False),
    sa.Column('gross_kg', sa.BigInteger(), nullable=False),
    sa.Column('net_kg', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=False),
    sa.Column('exited_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('created','exiting','exited')", name=op.f('ck_manifest_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_manifest')),
    sa.UniqueConstraint('gate_pass_no', name=op.f('uq_manifest_gate_pass_no')),
    sa.UniqueConstraint('manifest_no', name=op.f('uq_manifest_manifest_no'))
    )
    op.create_table('wave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_no', sa.String(length=20), nullable=False),
    sa.Column('carrier_code', sa.String(length=10), nullable=False),
    sa.Column('single_unit', sa.Boolean(), nullable=False),
    sa.Column('order_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=False),
    sa.CheckConstraint("status IN ('open','picked')", name=op.f('ck_wave_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wave')),
    sa.UniqueConstraint('wave_no', name=op.f('uq_wave_wave_no'))
    )
    op.create_table('inspection_pull',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('pulled_at', sa.DateTime(), nullable=False),
    sa.Column('pulled_by', sa.String(length=40), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_inspection_pull_location_id_location')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_inspection_pull_order_id_consumer_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_pull')),
    sa.UniqueConstraint('order_id', name=op.f('uq_inspection_pull_order_id'))
    )
    op.create_table('order_wait',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=400), nullable=False),
    sa.Column('since', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_order_wait_order_id_consumer_order')),
    sa.PrimaryKeyConstraint('order_id', name=op.f('pk_order_wait'))
    )
    op.create_table('parcel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('waybill_no', sa.String(length=60), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('carrier_code', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('pieces', sa.Integer(), nullable=False),
    sa.Column('weight_kg', sa.BigInteger(), nullable=False),
    sa.Column('computed_kg', sa.BigInteger(), nullable=False),
    sa.Column('net_kg', sa.BigInteger(), nullable=False),
    sa.Column('packing_location_id', sa.Integer(), nullable=True),
    sa.Column('packed_at', sa.DateTime(), nullable=False),
    sa.Column('packed_by', sa.String(length=40), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('label_paths', sa.Text(), nullable=False),
    sa.Column('manifest_id', sa.Integer(), nullable=True),
    sa.Column('shipped_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('packed','manifested','shipped')", name=op.f('ck_parcel_status')),
    sa.CheckConstraint('pieces > 0', name=op.f('ck_parcel_pieces_positive')),
    sa.ForeignKeyConstraint(['manifest_id'], ['manifest.id'], name=op.f('fk_parcel_manifest_id_manifest')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_parcel_order_id_consumer_order')),
    sa.ForeignKeyConstraint(['packing_location_id'], ['location.id'], name=op.f('fk_parcel_packing_location_id_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parcel')),
    sa.UniqueConstraint('order_id', name=op.f('uq_parcel_order_id'))
    )
    op.create_index('ix_parcel_carrier_status', 'parcel', ['carrier_code', 'status'], unique=False)
    op.create_index('ix_parcel_manifest', 'parcel', ['manifest_id'], unique=False)
    op.create_index('ix_parcel_waybill_no', 'parcel', ['waybill_no'], unique=False)
    op.create_table('parcel_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_parcel_item_quantity_positive')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_parcel_item_lot_id_lot')),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcel.id'], name=op.f('fk_parcel_item_parcel_id_parcel')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_parcel_item_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parcel_item'))
    )
    op.create_index('ix_parcel_item_lot', 'parcel_item', ['lot_id'], unique=False)
    op.create_index('ix_parcel_item_parcel', 'parcel_item', ['parcel_id'], unique=False)
    op.create_table('pick_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('picked', sa.Integer(), nullable=False),
    sa.Column('short', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.CheckConstraint("status IN ('open','picked','short')", name=op.f('ck_pick_task_status')),
    sa.CheckConstraint('picked >= 0 AND short >= 0 AND picked + short <= quantity', name=op.f('ck_pick_task_progress')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_pick_task_quantity_positive')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_pick_task_location_id_location')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_pick_task_lot_id_lot')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_pick_task_order_id_consumer_order')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_pick_task_product_id_product')),
    sa.ForeignKeyConstraint(['wave_id'], ['wave.id'], name=op.f('fk_pick_task_wave_id_wave')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_task'))
    )
    op.create_index('ix_pick_task_order', 'pick_task', ['order_id'], unique=False)
    op.create_index('ix_pick_task_wave_location', 'pick_task', ['wave_id', 'location_id'], unique=False)
    op.create_table('allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('lpn', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('picked', sa.Integer(), nullable=False),
    sa.Column('short', sa.Integer(), nullable=False),
    sa.Column('packing_location_id', sa.Integer(), nullable=True),
    sa.Column('pick_task_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('allocated_at', sa.DateTime(), nullable=False),
    sa.Column('shipped_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("state IN ('open','shipped','released')", name=op.f('ck_allocation_state')),
    sa.CheckConstraint('picked >= 0 AND short >= 0 AND picked + short <= quantity', name=op.f('ck_allocation_progress')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_allocation_quantity_positive')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_allocation_location_id_location')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_allocation_lot_id_lot')),
    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'], name=op.f('fk_allocation_order_id_consumer_order')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_line.id'], name=op.f('fk_allocation_order_line_id_order_line')),
    sa.ForeignKeyConstraint(['packing_location_id'], ['location.id'], name=op.f('fk_allocation_packing_location_id_location')),
    sa.ForeignKeyConstraint(['pick_task_id'], ['pick_task.id'], name=op.f('fk_allocation_pick_task_id_pick_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation'))
    )
    op.create_index('ix_allocation_line', 'allocation', ['order_line_id'], unique=False)
    op.create_index('ix_allocation_lot', 'allocation', ['lot_id'], unique=False)
    op.create_index('ix_allocation_order', 'allocation', ['order_id'], unique=False)
    op.create_index('ix_allocation_task', 'allocation', ['pick_task_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_allocation_task', table_name='allocation')
    op.drop_index('ix_allocation_order', table_name='allocation')
    op.drop_index('ix_allocation_lot', table_name='allocation')
    op.drop_index('ix_allocation_line', table_name='allocation')
    op.drop_table('allocation')
    op.drop_index('ix_pick_task_wave_location', table_name='pick_task')
    op.drop_index('ix_pick_task_order', table_name='pick_task')
    op.drop_table('pick_task')
    op.drop_index('ix_parcel_item_parcel', table_name='parcel_item')
    op.drop_index('ix_parcel_item_lot', table_name='parcel_item')
    op.drop_table('parcel_item')
    op.drop_index('ix_parcel_waybill_no', table_name='parcel')
    op.drop_index('ix_parcel_manifest', table_name='parcel')
    op.drop_index('ix_parcel_carrier_status', table_name='parcel')
    op.drop_table('parcel')
    op.drop_table('order_wait')
    op.drop_table('inspection_pull')
    op.drop_table('wave')
    op.drop_table('manifest')
