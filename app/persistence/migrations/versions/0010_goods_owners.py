"""goods owners: owner and tariff tables; the owner on declarations, lots, orders and customs ledger rows

Revision ID: 0010
Revises: 0009

A database with goods in it gets one default owner (code DEFAULT; its customs code is the seller code most of
its orders carry, if any) and every existing declaration, lot, order and ledger row becomes that owner's:
a single-merchant warehouse goes on as before. SQLite rebuilds the four tables in batch mode to make the
column NOT NULL; the customs ledger's append-only triggers are lifted for the fill and put back.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.persistence.append_only import protect, unprotect

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OWNED = ('inbound_declaration', 'lot', 'consumer_order', 'customs_ledger_entry')


def _default_owner(bind: sa.engine.Connection) -> int | None:
    """The default owner's id if the database holds goods or orders (made here), else None."""
    used = any(bind.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() for table in OWNED)
    if not used:
        return None
    seller = bind.execute(sa.text(
        "SELECT seller_code FROM consumer_order WHERE length(seller_code) = 10 GROUP BY seller_code "
        "ORDER BY count(*) DESC, seller_code LIMIT 1")).scalar()
    name = bind.execute(sa.text("SELECT name FROM warehouse ORDER BY id LIMIT 1")).scalar() or "Default owner"
    bind.execute(sa.text("INSERT INTO owner (code, name, customs_code) VALUES ('DEFAULT', :name, :seller)"),
                 {"name": name[:100], "seller": seller})
    return bind.execute(sa.text("SELECT id FROM owner WHERE code = 'DEFAULT'")).scalar_one()


def upgrade() -> None:
    op.create_table('owner',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('code', sa.String(length=20), nullable=False),
                    sa.Column('name', sa.String(length=100), nullable=False),
                    sa.Column('customs_code', sa.String(length=10), nullable=True),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_owner')),
                    sa.UniqueConstraint('code', name=op.f('uq_owner_code')),
                    sa.UniqueConstraint('customs_code', name=op.f('uq_owner_customs_code')))
    op.create_table('tariff',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('owner_id', sa.Integer(), nullable=False),
                    sa.Column('per_order', sa.BigInteger(), nullable=False),
                    sa.Column('per_unit_shipped', sa.BigInteger(), nullable=False),
                    sa.Column('per_carton_received', sa.BigInteger(), nullable=False),
                    sa.Column('per_location_day', sa.BigInteger(), nullable=False),
                    sa.ForeignKeyConstraint(['owner_id'], ['owner.id'], name=op.f('fk_tariff_owner_id_owner')),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_tariff')),
                    sa.UniqueConstraint('owner_id', name=op.f('uq_tariff_owner_id')))
    bind = op.get_bind()
    owner = _default_owner(bind)
    unprotect('customs_ledger_entry')
    for table in OWNED:
        op.add_column(table, sa.Column('owner_id', sa.Integer(), nullable=True))
        if owner is not None:
            bind.execute(sa.text(f"UPDATE {table} SET owner_id = :owner"), {"owner": owner})
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column('owner_id', existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(op.f(f'fk_{table}_owner_id_owner'), 'owner', ['owner_id'], ['id'])
            batch_op.create_index(op.f(f'ix_{table}_owner_id'), ['owner_id'], unique=False)
    protect('customs_ledger_entry')


def downgrade() -> None:
    unprotect('customs_ledger_entry')
    for table in OWNED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(op.f(f'ix_{table}_owner_id'))
            batch_op.drop_constraint(op.f(f'fk_{table}_owner_id_owner'), type_='foreignkey')
            batch_op.drop_column('owner_id')
    protect('customs_ledger_entry')
    op.drop_table('tariff')
    op.drop_table('owner')
