"""Owners: what each merchant's goods did in a month, and what the warehouse charges it (the monthly statement).

Owners and tariffs themselves are master data (app.admin: import_owners, import_tariffs)."""

from app.owners.statement import Statement, monthly_statement

__all__ = ["Statement", "monthly_statement"]
