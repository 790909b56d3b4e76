"""exit checklists and vehicle passes: the exit 核注清单 (INV101, list type 8) gathering the inventory lists that
left the zone in a period (a list on one checklist only), its lines per account-book item, and the vehicle pass
(核放单, SAS121): one vehicle leaving with its plate, IC card, weights and the manifests it carries

Revision ID: 0014
Revises: 0013
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exit_checklist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checklist_no', sa.String(length=18), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('list_count', sa.Integer(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('receipt_status', sa.String(length=4), nullable=False),
    sa.Column('receipt_at', sa.DateTime(), nullable=True),
    sa.Column('receipt_info', sa.String(length=400), nullable=False),
    sa.Column('posted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('declared','posted','rejected')", name=op.f('ck_exit_checklist_status')),
    sa.ForeignKeyConstraint(['message_id'], ['customs_message.id'], name=op.f('fk_exit_checklist_message_id_customs_message')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exit_checklist')),
    sa.UniqueConstraint('checklist_no', name=op.f('uq_exit_checklist_checklist_no'))
    )
    op.create_table('vehicle_pass',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pass_no', sa.String(length=24), nullable=False),
    sa.Column('plate', sa.String(length=20), nullable=False),
    sa.Column('ic_card', sa.String(length=32), nullable=False),
    sa.Column('gross_kg', sa.BigInteger(), nullable=True),
    sa.Column('tare_kg', sa.BigInteger(), nullable=True),
    sa.Column('weights_from', sa.String(length=8), nullable=False),
    sa.Column('checklist_no', sa.String(length=18), nullable=False),
    sa.Column('passed_at', sa.DateTime(), nullable=False),
    sa.Column('passed_by', sa.String(length=40), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('tare_kg IS NULL OR gross_kg IS NULL OR tare_kg < gross_kg', name=op.f('ck_vehicle_pass_weights')),
    sa.ForeignKeyConstraint(['message_id'], ['customs_message.id'], name=op.f('fk_vehicle_pass_message_id_customs_message')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle_pass')),
    sa.UniqueConstraint('pass_no', name=op.f('uq_vehicle_pass_pass_no'))
    )
    op.create_table('exit_checklist_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checklist_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('account_book_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('list_nos', sa.Text(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_exit_checklist_line_quantity_positive')),
    sa.ForeignKeyConstraint(['account_book_item_id'], ['account_book_item.id'], name=op.f('fk_exit_checklist_line_account_book_item_id_account_book_item')),
    sa.ForeignKeyConstraint(['checklist_id'], ['exit_checklist.id'], name=op.f('fk_exit_checklist_line_checklist_id_exit_checklist')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exit_checklist_line'))
    )
    op.create_index('ix_exit_checklist_line_checklist', 'exit_checklist_line', ['checklist_id'], unique=False)
    op.create_table('vehicle_pass_manifest',
    sa.Column('manifest_id', sa.Integer(), nullable=False),
    sa.Column('vehicle_pass_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['manifest_id'], ['manifest.id'], name=op.f('fk_vehicle_pass_manifest_manifest_id_manifest')),
    sa.ForeignKeyConstraint(['vehicle_pass_id'], ['vehicle_pass.id'], name=op.f('fk_vehicle_pass_manifest_vehicle_pass_id_vehicle_pass')),
    sa.PrimaryKeyConstraint('manifest_id', name=op.f('pk_vehicle_pass_manifest'))
    )
    op.create_index('ix_vehicle_pass_manifest_pass', 'vehicle_pass_manifest', ['vehicle_pass_id'], unique=False)
    op.create_table('exit_checklist_list',
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('checklist_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['checklist_id'], ['exit_checklist.id'], name=op.f('fk_exit_checklist_list_checklist_id_exit_checklist')),
    sa.ForeignKeyConstraint(['list_id'], ['customs_inventory_list.id'], name=op.f('fk_exit_checklist_list_list_id_customs_inventory_list')),
    sa.PrimaryKeyConstraint('list_id', name=op.f('pk_exit_checklist_list'))
    )
    op.create_index('ix_exit_checklist_list_checklist', 'exit_checklist_list', ['checklist_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_exit_checklist_list_checklist', table_name='exit_checklist_list')
    op.drop_table('exit_checklist_list')
    op.drop_index('ix_vehicle_pass_manifest_pass', table_name='vehicle_pass_manifest')
    op.drop_table('vehicle_pass_manifest')
    op.drop_index('ix_exit_checklist_line_checklist', table_name='exit_checklist_line')
    op.drop_table('exit_checklist_line')
    op.drop_table('vehicle_pass')
    op.drop_table('exit_checklist')
