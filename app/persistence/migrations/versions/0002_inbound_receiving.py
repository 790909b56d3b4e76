"""inbound receiving: tally, scans, handling units

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=40), nullable=False),
    sa.Column('staging_location_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['declaration_id'], ['inbound_declaration.id'], name=op.f('fk_tally_declaration_id_inbound_declaration')),
    sa.ForeignKeyConstraint(['staging_location_id'], ['location.id'], name=op.f('fk_tally_staging_location_id_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tally')),
    sa.UniqueConstraint('declaration_id', name=op.f('uq_tally_declaration_id'))
    )
    op.create_table('tally_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('declaration_line_id', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('production_date', sa.Date(), nullable=True),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('damaged', sa.Integer(), nullable=False),
    sa.Column('unexpected', sa.Boolean(), nullable=False),
    sa.CheckConstraint('damaged >= 0', name=op.f('ck_tally_count_damaged_not_negative')),
    sa.CheckConstraint('received >= 0', name=op.f('ck_tally_count_received_not_negative')),
    sa.ForeignKeyConstraint(['declaration_id'], ['inbound_declaration.id'], name=op.f('fk_tally_count_declaration_id_inbound_declaration')),
    sa.ForeignKeyConstraint(['declaration_line_id'], ['declaration_line.id'], name=op.f('fk_tally_count_declaration_line_id_declaration_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tally_count')),
    sa.UniqueConstraint('declaration_line_id', 'batch_no', name=op.f('uq_tally_count_declaration_line_id'))
    )
    op.create_index(op.f('ix_tally_count_declaration_id'), 'tally_count', ['declaration_id'], unique=False)
    op.create_table('handling_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sscc', sa.String(length=18), nullable=True),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('pallet','carton')", name=op.f('ck_handling_unit_kind')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_handling_unit_quantity_positive')),
    sa.ForeignKeyConstraint(['declaration_id'], ['inbound_declaration.id'], name=op.f('fk_handling_unit_declaration_id_inbound_declaration')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_handling_unit_lot_id_lot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handling_unit')),
    sa.UniqueConstraint('sscc', name=op.f('uq_handling_unit_sscc'))
    )
    op.create_index(op.f('ix_handling_unit_declaration_id'), 'handling_unit', ['declaration_id'], unique=False)
    op.create_index(op.f('ix_handling_unit_lot_id'), 'handling_unit', ['lot_id'], unique=False)
    op.create_table('tally_scan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scan_event_id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('tally_count_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('damaged', sa.Boolean(), nullable=False),
    sa.Column('sscc', sa.String(length=18), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_tally_scan_quantity_positive')),
    sa.ForeignKeyConstraint(['declaration_id'], ['inbound_declaration.id'], name=op.f('fk_tally_scan_declaration_id_inbound_declaration')),
    sa.ForeignKeyConstraint(['scan_event_id'], ['scan_event.id'], name=op.f('fk_tally_scan_scan_event_id_scan_event')),
    sa.ForeignKeyConstraint(['tally_count_id'], ['tally_count.id'], name=op.f('fk_tally_scan_tally_count_id_tally_count')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tally_scan')),
    sa.UniqueConstraint('scan_event_id', name=op.f('uq_tally_scan_scan_event_id'))
    )
    op.create_index('ix_tally_scan_sscc', 'tally_scan', ['sscc'], unique=False)
    op.create_index('ix_tally_scan_station', 'tally_scan', ['declaration_id', 'station'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_tally_scan_station', table_name='tally_scan')
    op.drop_index('ix_tally_scan_sscc', table_name='tally_scan')
    op.drop_table('tally_scan')
    op.drop_index(op.f('ix_handling_unit_lot_id'), table_name='handling_unit')
    op.drop_index(op.f('ix_handling_unit_declaration_id'), table_name='handling_unit')
    op.drop_table('handling_unit')
    op.drop_index(op.f('ix_tally_count_declaration_id'), table_name='tally_count')
    op.drop_table('tally_count')
    op.drop_table('tally')
