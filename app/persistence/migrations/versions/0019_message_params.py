"""message params: why a refused customs inbox file was refused, as a form and values

Revision ID: 0019
Revises: 0018

A refused inbox file's note is the English sentence of its problem; the exchange screen named the problem's kind by
reading that sentence back (issue 15's closing note: a fix at the wrong depth). The reader now gives the problem's
form and values, kept beside the note and worded in the screen's language. Files refused before keep their note and
get the kind their sentence said, read once here (the patterns the screen used), so the screen names them as before.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

# the kinds of the sentences written before this revision (app.formats.customs.receipts._PROBLEM_KINDS then)
_KINDS = (
    (re.compile(r"^refused: the file is "), "too_large"),
    (re.compile(r"^cannot read: "), "unreadable"),
    (re.compile(r"^refused: (?:the XML |unsafe XML)"), "unsafe_xml"),
    (re.compile(r"^not (?:well-formed|readable) XML"), "not_xml"),
    (re.compile(r"^not a customs receipt"), "not_receipt"),
    (re.compile(r"^not valid CSV|^the header must be|^line \d+|text: bad byte 0x"), "bad_csv"),
    (re.compile(r"^\w+ (?:receipt )?without |^returnStatus |^time "), "bad_values"),
)


def _kind(note: str) -> str:
    return next((kind for pattern, kind in _KINDS if pattern.search(note)), "other")


def upgrade() -> None:
    with op.batch_alter_table("customs_message") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
    table = sa.table("customs_message", sa.column("id", sa.Integer), sa.column("note", sa.String),
                     sa.column("params", sa.JSON), sa.column("direction", sa.String), sa.column("msg_type", sa.String))
    conn = op.get_bind()
    refused = conn.execute(sa.select(table.c.id, table.c.note).where(
        table.c.direction == "in", table.c.msg_type == "INVALID", table.c.note != "")).all()
    for message_id, note in refused:
        conn.execute(table.update().where(table.c.id == message_id).values(params={"form": _kind(note)}))


def downgrade() -> None:
    with op.batch_alter_table("customs_message") as batch:
        batch.drop_column("params")
