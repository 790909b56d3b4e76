"""Writing checked master data: the import report, the bulk upsert by key, and the one audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text, update

from app.admin import audit
from app.persistence.models.base import Base
from app.persistence.uow import Area, UnitOfWork


@dataclass
class ImportReport:
    """What one import did: rows created, updated and unchanged (plus notes a person should read)."""

    kind: str
    file: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    items_created: list[str] = field(default_factory=list)  # account-book items made from product filings

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.items_created:
            data["account_book_items_created"] = len(self.items_created)
        return data

    def describe(self) -> str:
        line = (f"{self.kind} from {Path(self.file).name}: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged")
        if self.items_created:
            shown = ", ".join(self.items_created[:5]) + (", …" if len(self.items_created) > 5 else "")
            line += (f"; {len(self.items_created)} account-book items created from the products' filing "
                     f"({shown})")
        return line


Existing = dict[str, dict[str, Any]]
_PG_MASTER_LOCK = 0x42574D44  # advisory lock id: one master-data import at a time on PostgreSQL


def serialise(uow: UnitOfWork) -> None:
    """Let one import at a time compare and write (SQLite writers already hold the lock from BEGIN)."""
    if uow.is_postgres:
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MASTER_LOCK})


def load_existing(uow: UnitOfWork, model: type[Base], key: str, columns: list[str]) -> Existing:
    """Every row of `model` as {key value: {"id": …, column: value…}}, in one query."""
    attrs = [getattr(model, c) for c in dict.fromkeys(["id", key, *columns])]
    return {row[key]: dict(row) for row in uow.session.execute(select(*attrs)).mappings()}


def upsert(uow: UnitOfWork, model: type[Base], key: str, records: list[dict[str, Any]],
           existing: Existing | None = None) -> tuple[int, int, int]:
    """Insert new keys, update changed rows by primary key, leave equal ones: (created, updated, unchanged).

    `records` are checked column → value dicts, all with the same columns, each holding `key`.
    """
    if not records:
        return 0, 0, 0
    columns = list(records[0])
    if existing is None:
        existing = load_existing(uow, model, key, columns)
    new, changed, same = [], [], 0
    for record in records:
        old = existing.get(record[key])
        if old is None:
            new.append(record)
        elif any(old[c] != record[c] for c in columns):
            changed.append({"id": old["id"], **record})
        else:
            same += 1
    if new:  # a Core executemany: the ORM's per-row bookkeeping would double the time of a big import
        uow.session.execute(insert(model.__table__), new)
    if changed:
        uow.session.execute(update(model), changed)
    return len(new), len(changed), same


def finish(uow: UnitOfWork, report: ImportReport, sha256: str) -> ImportReport:
    """The one audit entry of an import (counts and file) and the change notice for the screens."""
    audit.record(uow, f"import_{report.kind.replace(' ', '_').replace('-', '_')}", report.kind,
                 Path(report.file).name, file=report.file, sha256=sha256, **report.to_json())
    uow.changes.touch(Area.MASTER)
    uow.changes.summary[f"import_{report.kind}"] = report.to_json()
    return report
