"""Carrier master data: our short code (the orders' carrier_code) and the carrier as customs knows it.

Customs matches the inventory list against the carrier's own waybill message (三单对碰) by logisticsCode, the
carrier's 10-character customs registration code, so lists, cancellations, manifests and labels name the
carrier by its customs code and registered name. An optional regular expression checks its waybill numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.admin.auth import require
from app.admin.master_store import ImportReport, finish, serialise, upsert
from app.domain.roles import Permission
from app.formats.tabular import RowParser, duplicates, read_table, rejected
from app.persistence.models import Carrier
from app.persistence.uow import UnitOfWork

CARRIER_COLUMNS = ("code", "name", "customs_code", "customs_name", "waybill_pattern")
_CODE = re.compile(r"[A-Za-z0-9_-]{1,10}")
_CUSTOMS_CODE = re.compile(r"[0-9A-Z]{10}")


@dataclass(frozen=True)
class CarrierRef:
    code: str
    name: str
    customs_code: str
    customs_name: str
    waybill_pattern: re.Pattern[str] | None

    def waybill_problem(self, waybill_no: str) -> str | None:
        if self.waybill_pattern is not None and not self.waybill_pattern.fullmatch(waybill_no):
            return (f"waybill {waybill_no!r} does not match carrier {self.code}'s pattern "
                    f"{self.waybill_pattern.pattern}")
        return None


def carriers_by_code(session: Session) -> dict[str, CarrierRef]:
    """Every carrier by our code (patterns compiled; they were checked at import)."""
    rows = session.execute(select(Carrier.code, Carrier.name, Carrier.customs_code, Carrier.customs_name,
                                  Carrier.waybill_pattern)).all()
    return {r.code: CarrierRef(r.code, r.name, r.customs_code, r.customs_name,
                               re.compile(r.waybill_pattern) if r.waybill_pattern else None) for r in rows}


def carrier_of(session: Session, code: str) -> CarrierRef | None:
    """One carrier by our code, or None."""
    return carriers_by_code(session).get(code) if code else None


def import_carriers(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Create or update carriers by code (columns code,name,customs_code,customs_name[,waybill_pattern])."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, CARRIER_COLUMNS, optional={"waybill_pattern"})
    errors = duplicates(table.file, table.rows, "code", "carrier")
    records = []
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        code = p.text("code", 10)
        if code is not None and not _CODE.fullmatch(code):
            p.error("code", f"{code!r}: letters, digits, - and _ only (the orders' carrier_code)")
        name = p.text("name", 100)
        customs_code = p.text("customs_code", 10)
        if customs_code is not None and not _CUSTOMS_CODE.fullmatch(customs_code):
            p.error("customs_code", f"{customs_code!r} is not a customs registration code (10 digits or capital "
                                    "letters, e.g. 3122480063)")
        customs_name = p.text("customs_name", 100)
        pattern = p.text("waybill_pattern", 200, required=False) or ""
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                p.error("waybill_pattern", f"{pattern!r} is not a regular expression: {exc}")
        if p.ok:
            records.append({"code": code, "name": name, "customs_code": customs_code, "customs_name": customs_name,
                            "waybill_pattern": pattern})
    if errors:
        raise rejected(errors)
    report = ImportReport("carriers", table.file)
    report.created, report.updated, report.unchanged = upsert(uow, Carrier, "code", records)
    return finish(uow, report, table.sha256)
