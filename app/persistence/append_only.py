"""Database triggers that make ledger tables append-only on SQLite and PostgreSQL (used by migrations)."""

from __future__ import annotations

from alembic import op


def protect(table: str) -> None:
    """Refuse UPDATE and DELETE on `table` in the database itself, whatever program connects."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    else:
        op.execute("CREATE OR REPLACE FUNCTION bwms_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$")
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION bwms_append_only()")


def unprotect(table: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


# The customs ledger's one allowed change: a pending count adjustment confirmed by customs (state PENDING →
# ACTUAL, nothing else). Every other UPDATE, and every DELETE, is refused as by `protect`.
_LEDGER_KEPT = ("id", "at", "account_book_item_id", "owner_id", "biz_type", "quantity", "doc_type", "doc_no",
                "user_id")


def protect_ledger(table: str = "customs_ledger_entry") -> None:
    """`protect(table)`, except that a row's state may go from PENDING to ACTUAL with every other column kept."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        kept = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _LEDGER_KEPT)
        op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                   f"WHEN NOT (OLD.state = 'PENDING' AND NEW.state = 'ACTUAL' AND {kept}) "
                   f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    else:
        op.execute("CREATE OR REPLACE FUNCTION bwms_ledger_confirm_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN IF TG_OP = 'UPDATE' AND OLD.state = 'PENDING' AND NEW.state = 'ACTUAL' "
                   "AND (to_jsonb(NEW) - 'state') = (to_jsonb(OLD) - 'state') THEN RETURN NEW; END IF; "
                   "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$")
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION bwms_ledger_confirm_only()")
