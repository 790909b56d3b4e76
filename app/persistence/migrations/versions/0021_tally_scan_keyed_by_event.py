"""tally scan keyed by its scan event: a counted scan's row has its scan event's id

Revision ID: 0021
Revises: 0020

A tally scan is the counted part of one scan event, one to one. The unique index on `scan_event_id` held that, at
the cost of one more b-tree page written by every carton scan (one WAL frame at each commit: issue 10, part 7).
The row now takes its event's id as its own (`id = scan_event_id`, checked), so the primary key holds it; the
rows written before are renumbered the same way (ids keep their order: both grow with each scan).
"""
from __future__ import annotations

from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE tally_scan SET id = -scan_event_id")  # through negatives: no id is taken twice on the way
    op.execute("UPDATE tally_scan SET id = -id")
    with op.batch_alter_table('tally_scan') as batch_op:
        batch_op.drop_constraint(op.f('uq_tally_scan_scan_event_id'), type_='unique')
        batch_op.create_check_constraint(op.f('ck_tally_scan_one_per_scan_event'), 'id = scan_event_id')


def downgrade() -> None:
    with op.batch_alter_table('tally_scan') as batch_op:
        batch_op.drop_constraint(op.f('ck_tally_scan_one_per_scan_event'), type_='check')
        batch_op.create_unique_constraint(op.f('uq_tally_scan_scan_event_id'), ['scan_event_id'])
