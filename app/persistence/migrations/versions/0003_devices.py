"""devices: print queue and station devices

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('print_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document', sa.String(length=120), nullable=False),
    sa.Column('target', sa.String(length=120), nullable=False),
    sa.Column('content_type', sa.String(length=8), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.Column('reprint_of', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('claim_token', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('queued','sending','sent','failed','cancelled')", name=op.f('ck_print_job_status')),
    sa.CheckConstraint("content_type IN ('zpl','pdf')", name=op.f('ck_print_job_content_type')),
    sa.CheckConstraint('attempts >= 0', name=op.f('ck_print_job_attempts_not_negative')),
    sa.ForeignKeyConstraint(['reprint_of'], ['print_job.id'], name=op.f('fk_print_job_reprint_of_print_job')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_print_job_created_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_job'))
    )
    op.create_index('ix_print_job_queue', 'print_job', ['status', 'target', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_print_job_queue', table_name='print_job')
    op.drop_table('print_job')
