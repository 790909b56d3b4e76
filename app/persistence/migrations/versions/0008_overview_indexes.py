"""overview indexes: orders by import time, inventory lists by release time, parcels by shipping time and status

Revision ID: 0008
Revises: 0007

The overview (and `bwms status`) counts orders received per hour today and releases and shipments per day
over 14 days, and the parcels packed or on a manifest among the shipped ones; these indexes let each count read its range of time and nothing else.
"""
from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

INDEXES = (("ix_consumer_order_imported_at", "consumer_order", "imported_at"),
           ("ix_customs_inventory_list_released_at", "customs_inventory_list", "released_at"),
           ("ix_parcel_shipped_at", "parcel", "shipped_at"),
           ("ix_parcel_status", "parcel", "status"))


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in INDEXES:
        op.drop_index(name, table_name=table)
