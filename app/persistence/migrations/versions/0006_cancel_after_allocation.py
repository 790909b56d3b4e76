"""cancel after allocation: a pick task of a cancelled order is 'cancelled' (status widened to 10)

Revision ID: 0006
Revises: 0005

SQLite cannot alter a CHECK constraint, so batch mode rebuilds pick_task (app.persistence.migrate turns
SQLite's foreign-key enforcement off for the rebuild and runs PRAGMA foreign_key_check before committing).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OLD = "status IN ('open','picked','short')"
NEW = "status IN ('open','picked','short','cancelled')"


def _pick_task(check: str, width: int) -> sa.Table:
    """pick_task as 0005 made it, with the status CHECK given (what batch mode rebuilds on SQLite)."""
    return sa.Table('pick_task', sa.MetaData(),
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('wave_id', sa.Integer(), nullable=False),
                    sa.Column('order_id', sa.Integer(), nullable=False),
                    sa.Column('location_id', sa.Integer(), nullable=False),
                    sa.Column('lot_id', sa.Integer(), nullable=False),
                    sa.Column('product_id', sa.Integer(), nullable=False),
                    sa.Column('quantity', sa.Integer(), nullable=False),
                    sa.Column('picked', sa.Integer(), nullable=False),
                    sa.Column('short', sa.Integer(), nullable=False),
                    sa.Column('status', sa.String(length=width), nullable=False),
                    sa.CheckConstraint(check, name='ck_pick_task_status'),
                    sa.CheckConstraint('picked >= 0 AND short >= 0 AND picked + short <= quantity',
                                       name='ck_pick_task_progress'),
                    sa.CheckConstraint('quantity > 0', name='ck_pick_task_quantity_positive'),
                    sa.ForeignKeyConstraint(['location_id'], ['location.id'],
                                            name='fk_pick_task_location_id_location'),
                    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name='fk_pick_task_lot_id_lot'),
                    sa.ForeignKeyConstraint(['order_id'], ['consumer_order.id'],
                                            name='fk_pick_task_order_id_consumer_order'),
                    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name='fk_pick_task_product_id_product'),
                    sa.ForeignKeyConstraint(['wave_id'], ['wave.id'], name='fk_pick_task_wave_id_wave'),
                    sa.PrimaryKeyConstraint('id', name='pk_pick_task'),
                    sa.Index('ix_pick_task_wave_location', 'wave_id', 'location_id'),
                    sa.Index('ix_pick_task_order', 'order_id'))


def _change(old: str, new: str, width: int, new_width: int) -> None:
    with op.batch_alter_table('pick_task', copy_from=_pick_task(old, width)) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=width), type_=sa.String(length=new_width),
                              existing_nullable=False)
        batch_op.drop_constraint(op.f('ck_pick_task_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_pick_task_status'), sa.text(new))


def upgrade() -> None:
    _change(OLD, NEW, 8, 10)


def downgrade() -> None:
    cancelled = op.get_bind().execute(sa.text("SELECT count(*) FROM pick_task WHERE status = 'cancelled'")).scalar()
    if cancelled:  # 0005 has no word for them; calling them picked or short would be false
        raise RuntimeError(f"{cancelled} pick tasks are cancelled: version 0005 cannot hold them")
    _change(NEW, OLD, 10, 8)
