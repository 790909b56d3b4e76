"""Master-data import: the warehouse's customs identity, locations and the positive list (all-or-nothing).

Products and account-book items live in masterdata_products; every importer is re-exported here.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from app import clock
from app.admin.auth import require
from app.admin.carriers import import_carriers
from app.admin.master_store import ImportReport, finish, serialise, upsert
from app.admin.owners import import_owners, import_tariffs
from app.admin.products import import_account_book, import_products
from app.domain.roles import Permission
from app.errors import FileRejected, RowError
from app.formats.tabular import RowParser, decode_text, duplicates, read_table, rejected
from app.formats.text import text_problem
from app.persistence.models import Location, PositiveListLine, Warehouse
from app.persistence.models.master import LOCATION_KINDS
from app.persistence.uow import UnitOfWork

__all__ = ["ImportReport", "import_account_book", "import_carriers", "import_locations", "import_owners",
           "import_positive_list", "import_products", "import_tariffs", "import_warehouse"]

MAX_WAREHOUSE_BYTES = 64 * 1024
LOCATION_COLUMNS = ("code", "kind", "pick_sequence")
POSITIVE_LIST_COLUMNS = ("hs8", "name", "remark")
_LOCATION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,31}")
_ENTERPRISE = (r"[0-9A-Z]{10}", "10 digits or capital letters (a customs enterprise code)")
_OFFICE = (r"\d{4}", "4 digits (a customs office code)")
_NAME = (r".{1,100}", "1 to 100 characters")
# key → (pattern, what it must be); the keys of resources/demo/warehouse.toml
WAREHOUSE_KEYS: dict[str, tuple[str, str]] = {
    "name": _NAME,
    "area_code": _ENTERPRISE,
    "area_name": _NAME,
    "account_book": (r"[A-Z][0-9A-Z]{11}", "12 characters starting with the book's letter, e.g. T2921W000123"),
    "customs_code": _OFFICE,
    "port_code": _OFFICE,
    "agent_code": _ENTERPRISE,
    "agent_name": _NAME,
    "time_zone": (r"[A-Za-z0-9_+/-]{1,64}", "an IANA time zone such as Asia/Shanghai"),
}


def import_warehouse(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Set the warehouse's customs identity from a TOML file (the single warehouse row is created or updated)."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    name = str(path)
    values, digest = _read_warehouse(name, Path(path))
    report = ImportReport("warehouse", name)
    current = uow.session.execute(select(Warehouse).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
    if current is None:
        uow.session.add(Warehouse(**values))
        report.created = 1
    elif all(getattr(current, key) == value for key, value in values.items()):
        report.unchanged = 1
    else:
        for key, value in values.items():
            setattr(current, key, value)
        report.updated = 1
    uow.session.flush()
    return finish(uow, report, digest)


def _read_warehouse(name: str, path: Path) -> tuple[dict[str, str], str]:
    """The checked keys of a warehouse TOML file and the file's SHA-256; FileRejected listing every problem."""
    try:
        if path.stat().st_size > MAX_WAREHOUSE_BYTES:
            raise FileRejected(errors=[RowError(name, 0, "", f"the file is larger than {MAX_WAREHOUSE_BYTES // 1024} "
                                                "kB: a warehouse file holds nine keys")])
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(errors=[RowError(name, 0, "", f"cannot read the file: {exc.strerror or exc}")]) from exc
    text = decode_text(name, data, ("utf-8-sig",))
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        raise FileRejected(errors=[RowError(name, int(where.group(1)) if where else 0, "",
                                            f"not valid TOML: {exc}")]) from exc
    values.setdefault("time_zone", clock.DEFAULT_ZONE)
    errors = _check_warehouse(name, values, _key_lines(text))
    if errors:
        raise rejected(errors)
    return values, hashlib.sha256(data).hexdigest()


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if match := re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line):
            lines.setdefault(match.group(1), number)
    return lines


def _check_warehouse(name: str, values: dict[str, Any], lines: dict[str, int]) -> list[RowError]:
    errors = [RowError(name, lines.get(key, 0), key, f"unknown key {key!r}: the keys are "
                       + ", ".join(WAREHOUSE_KEYS)) for key in values if key not in WAREHOUSE_KEYS]
    for key, (pattern, what) in WAREHOUSE_KEYS.items():
        value, line = values.get(key), lines.get(key, 0)
        if value is None:
            errors.append(RowError(name, 0, key, f"missing key {key!r} ({what})"))
        elif not isinstance(value, str) or not re.fullmatch(pattern, value.strip()):
            errors.append(RowError(name, line, key, f"must be {what}, got {value!r}"))
        elif why := text_problem(value):
            errors.append(RowError(name, line, key, why))
        elif key == "time_zone" and not _zone_exists(value):
            errors.append(RowError(name, line, key, f"unknown time zone {value!r} ({what})"))
        else:
            values[key] = value.strip()
    return errors


def _zone_exists(key: str) -> bool:
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def import_locations(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Create or update locations by code (columns code,kind,pick_sequence); none are deleted."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, LOCATION_COLUMNS, optional={"pick_sequence"})
    errors = duplicates(table.file, table.rows, "code", "location")
    records = []
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        code = p.text("code", 32)
        if code is not None and not _LOCATION_CODE.fullmatch(code):
            p.error("code", f"{code!r}: letters, digits and - _ . / only (it is printed as a barcode)")
        kind = p.text("kind", 16)
        if kind is not None and kind not in LOCATION_KINDS:
            p.error("kind", f"unknown kind {kind!r}: one of {', '.join(LOCATION_KINDS)}")
        sequence = p.integer("pick_sequence", required=False)
        if p.ok:
            records.append({"code": code, "kind": kind, "pick_sequence": sequence or 0})
    if errors:
        raise rejected(errors)
    report = ImportReport("locations", table.file)
    report.created, report.updated, report.unchanged = upsert(uow, Location, "code", records)
    return finish(uow, report, table.sha256)


def import_positive_list(uow: UnitOfWork, path: Path | str) -> ImportReport:
    """Create or update positive-list lines by 8-digit HS code (columns hs8,name,remark)."""
    require(uow, Permission.MASTER_DATA)
    serialise(uow)
    table = read_table(path, POSITIVE_LIST_COLUMNS, optional={"remark"})
    errors = duplicates(table.file, table.rows, "hs8", "HS code")
    records = []
    for row in table.rows:
        p = RowParser(table.file, row, errors)
        hs8 = p.code("hs8", lambda v: None if re.fullmatch(r"\d{8}", v) else f"must be 8 digits, got {v!r}")
        line_name = p.text("name", 200)
        remark = p.text("remark", 1000, required=False)
        if p.ok:
            records.append({"hs8": hs8, "name": line_name, "remark": remark or ""})
    if errors:
        raise rejected(errors)
    report = ImportReport("positive list", table.file)
    report.created, report.updated, report.unchanged = upsert(uow, PositiveListLine, "hs8", records)
    return finish(uow, report, table.sha256)
