"""print job words: why a label waits as a form and values, and which registry document it is

Revision ID: 0023
Revises: 0022

A print job's `last_error` is the English sentence of why its printer did not take it ("printer … is not reachable:
[Errno 111] Connection refused"); the print queue screen showed it as it is, in English on a Chinese screen. The
printer's problem is now kept beside it as a form and values (app.devices.problems.DeviceProblem) and worded in the
screen's language. Jobs that waited before keep their sentence (no params: the screen shows it as it is). Likewise
the job's name, "<title> <key>" in English: the registry document's name and key are kept beside it, so the screen
names the document in its language; older jobs keep their name as it is.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("print_job") as batch:
        batch.add_column(sa.Column("error_params", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("doc_name", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("doc_key", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("print_job") as batch:
        batch.drop_column("doc_key")
        batch.drop_column("doc_name")
        batch.drop_column("error_params")
