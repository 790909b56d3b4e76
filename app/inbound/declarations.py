"""Import of inbound declarations (the entry list with its ASN data): all-or-nothing, every bad row reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from app.admin import Owners, audit, ensure_owner, require
from app.domain.roles import Permission
from app.errors import NotFound, RowError
from app.formats.tabular import Row, RowParser, Table, read_table, rejected
from app.persistence.db import Database
from app.persistence.models import AccountBookItem, DeclarationLine, InboundDeclaration, Product
from app.persistence.uow import SYSTEM, Area, UnitOfWork

DECLARATION_COLUMNS = (
    "declaration_no", "entry_no", "bill_of_lading", "container_no", "seal_no", "arrival_date", "line_no",
    "account_book_item", "sku", "declared_qty", "batch_no", "production_date", "expiry_date", "owner",
)
OPTIONAL_COLUMNS = ("entry_no", "production_date", "expiry_date", "owner")
HEAD_COLUMNS = ("entry_no", "bill_of_lading", "container_no", "seal_no", "arrival_date")
_DECLARATION_NO = re.compile(r"[A-Za-z0-9-]{1,32}")
DEMO_DECLARATION = Path(__file__).resolve().parents[2] / "resources" / "demo" / "declaration.csv"
DEMO_OWNER = "SAMPLE"  # whose container the sample declaration is, in the demo (resources/demo/owners.csv)
_BATCH = re.compile(r"[!%-?A-Z_a-z\x22]{1,20}")  # what GS1 AI (10) can carry, so a scanned batch can match


@dataclass
class DeclarationImport:
    """What one declaration file created."""

    file: str
    declarations: list[str] = field(default_factory=list)
    lines: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"created": len(self.declarations), "updated": 0, "unchanged": 0,
                "declarations": self.declarations, "lines": self.lines}

    def describe(self) -> str:
        return (f"declaration from {Path(self.file).name}: {', '.join(self.declarations)} created "
                f"with {self.lines} lines (status expected)")


@dataclass
class _Known:
    products: dict[str, tuple[int, int]]  # sku → (product id, account-book item id)
    items: dict[str, int]                 # item no → id
    item_nos: dict[int, str]
    taken: set[str]                       # declaration numbers already in the database
    owners: Owners
    default_owner: str | None             # the owner of rows that name none (else the sole owner)
    reported: set[str] = field(default_factory=set)


def import_declaration(uow: UnitOfWork, path: Path | str, *, owner: str | None = None) -> DeclarationImport:
    """Create the declarations a file lists (one row per line); refuse the whole file on any bad row.

    `owner`: the owner (code) of rows that name none; without it such rows need a warehouse of one owner."""
    require(uow, Permission.INBOUND_DECLARATION)
    table = read_table(path, DECLARATION_COLUMNS, optional=OPTIONAL_COLUMNS)
    owners = ensure_owner(uow)
    if owner is not None and owner not in owners.by_code:
        raise NotFound(f"no owner {owner!r}: the owners are {owners.names()}", code="unknown_owner", owner=owner)
    known = _known(uow, owners, owner)
    errors: list[RowError] = []
    heads: dict[str, tuple[int, dict[str, Any]]] = {}    # declaration → (file line, head fields)
    lines: dict[str, dict[int, tuple[int, dict[str, Any]]]] = {}  # declaration → line no → (file line, fields)
    for row in table.rows:
        parsed = _parse_row(table, row, known, errors)
        if parsed is not None:
            _collect(table.file, row.line, *parsed, heads, lines, errors)
    if not table.rows:
        errors.append(RowError(table.file, 0, "", "the file has no declaration lines"))
    if errors:
        raise rejected(errors)
    report = DeclarationImport(table.file)
    for no, (_, head) in heads.items():
        fields = [line for _, line in lines[no].values()]
        _create(uow, no, head, fields)
        report.declarations.append(no)
        report.lines += len(fields)
        audit.record(uow, "declaration_import", "inbound_declaration", no, file=table.file, sha256=table.sha256,
                     lines=len(fields), container_no=head["container_no"])
    uow.changes.touch(Area.INBOUND)
    return report


def _collect(file: str, at: int, no: str, head: dict[str, Any], line: dict[str, Any],
             heads: dict[str, tuple[int, dict[str, Any]]], lines: dict[str, dict[int, tuple[int, dict[str, Any]]]],
             errors: list[RowError]) -> None:
    """Keep one good row; its head must repeat the declaration's first row and its line number be new."""
    first_at, first = heads.setdefault(no, (at, head))
    if head["owner_id"] != first["owner_id"]:
        errors.append(RowError(file, at, "owner", f"declaration {no} belongs to one owner: line {first_at} names "
                                                  "another owner than this line"))
    for column in HEAD_COLUMNS:
        if head[column] != first[column]:
            errors.append(RowError(file, at, column, f"declaration {no} has {column} "
                                   f"{first[column] or '(empty)'} on line {first_at}, "
                                   f"here {head[column] or '(empty)'}"))
    seen = lines.setdefault(no, {})
    if line["line_no"] in seen:
        errors.append(RowError(file, at, "line_no", f"line {line['line_no']} of declaration {no} appears on "
                                                    f"lines {seen[line['line_no']][0]} and {at}"))
    else:
        seen[line["line_no"]] = (at, line)


def _known(uow: UnitOfWork, owners: Owners, default_owner: str | None) -> _Known:
    s = uow.session
    products = {sku: (pid, item) for sku, pid, item in
                s.execute(select(Product.sku, Product.id, Product.account_book_item_id))}
    items = dict(s.execute(select(AccountBookItem.item_no, AccountBookItem.id)).all())
    taken = set(s.execute(select(InboundDeclaration.declaration_no)).scalars())
    return _Known(products, items, {v: k for k, v in items.items()}, taken, owners, default_owner)


def _parse_row(table: Table, row: Row, known: _Known,
               errors: list[RowError]) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """(declaration number, head fields, line fields) of one row, or None with its RowErrors added."""
    p = RowParser(table.file, row, errors)
    no = p.text("declaration_no", 32)
    if no is not None and not _DECLARATION_NO.fullmatch(no):
        p.error("declaration_no", f"a declaration number is letters, digits and '-', got {no!r}")
    elif no is not None and no in known.taken and no not in known.reported:  # said once, on its first row
        known.reported.add(no)
        p.error("declaration_no", f"declaration {no} was already imported")

    head = {"entry_no": p.text("entry_no", 32, required=False) or "",
            "bill_of_lading": p.text("bill_of_lading", 40, required=False) or "",
            "container_no": p.text("container_no", 20, required=False) or "",
            "seal_no": p.text("seal_no", 20, required=False) or "",
            "arrival_date": p.date("arrival_date", required=False), "owner_id": _owner(p, known)}
    line = {"line_no": p.integer("line_no", minimum=1), "declared_qty": p.integer("declared_qty", minimum=1),
            "batch_no": p.text("batch_no", 20, required=False) or "",
            "production_date": p.date("production_date", required=False),
            "expiry_date": p.date("expiry_date", required=False)}
    _check_goods(p, known, line)
    return (no, head, line) if p.ok and no is not None else None


def _owner(p: RowParser, known: _Known) -> int | None:
    """The owner the row names; with one owner in the warehouse the column may be left out or empty."""
    owners = known.owners
    code = p.text("owner", 20, required=False) or known.default_owner
    if code is None:
        if owners.sole is None:
            p.error("owner", f"required: the warehouse has {len(owners.by_code)} owners ({owners.names()}); "
                             "name the one whose goods the declaration holds")
            return None
        return owners.sole.id
    ref = owners.by_code.get(code)
    if ref is None:
        p.error("owner", f"unknown owner {code!r}: the owners are {owners.names()}")
        return None
    return ref.id


def _check_goods(p: RowParser, known: _Known, line: dict[str, Any]) -> None:
    """The SKU and account-book item exist and agree with the product's filing; batch and dates make sense."""
    sku, item_no = p.text("sku", 40), p.text("account_book_item", 32)
    product = known.products.get(sku) if sku else None
    if sku and product is None:
        p.error("sku", f"unknown SKU {sku!r}: import the products first")
    if item_no and item_no not in known.items:
        p.error("account_book_item", f"unknown account-book item {item_no!r}")
    elif item_no and product is not None and known.items[item_no] != product[1]:
        p.error("account_book_item", f"SKU {sku} is filed under account-book item "
                                     f"{known.item_nos.get(product[1], '?')}, not {item_no}")
    if line["batch_no"] and not _BATCH.fullmatch(line["batch_no"]):
        p.error("batch_no", f"batch {line['batch_no']!r} has characters a GS1 label cannot carry")
    made, expires = line["production_date"], line["expiry_date"]
    if made and expires and expires <= made:
        p.error("expiry_date", f"expiry {expires} is not after production {made}")
    if product is not None and item_no in known.items:
        line["product_id"], line["account_book_item_id"] = product[0], known.items[item_no]


def _create(uow: UnitOfWork, no: str, head: dict[str, Any], lines: list[dict[str, Any]]) -> None:
    declaration = InboundDeclaration(declaration_no=no, status="expected", **head)
    uow.session.add(declaration)
    uow.session.flush()
    uow.session.execute(insert(DeclarationLine), [{"declaration_id": declaration.id, **line} for line in lines])


def demo_declaration(db: Database) -> dict[str, Any]:
    """The demo's inbound step (app.demo.warehouse.DEMO_STEPS): the sample container declared, nothing received."""
    with UnitOfWork(db, SYSTEM) as uow:
        owner = DEMO_OWNER if DEMO_OWNER in Owners.load(uow.session).by_code else None  # the demo's owners file
        report = import_declaration(uow, DEMO_DECLARATION, owner=owner)
        uow.commit()
    return {"declaration": f"{', '.join(report.declarations)} expected ({report.lines} lines)"}
