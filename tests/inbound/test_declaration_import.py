"""Declaration import: the sample, and every bad file refused whole with each bad row named (both engines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import FileRejected, PermissionDenied
from app.inbound.declarations import import_declaration
from app.persistence.models import AuditEntry, DeclarationLine, InboundDeclaration
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.inbound.conftest import DECLARATION

HEADER = ("declaration_no,entry_no,bill_of_lading,container_no,seal_no,arrival_date,line_no,account_book_item,"
          "sku,declared_qty,batch_no,production_date,expiry_date")


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "declaration.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def row(no: str = "QD1", line: int = 1, item: str = "GDS0001", sku: str = "A2P-900", qty: str = "12",
        batch: str = "B1", made: str = "2026-10-01", expiry: str = "2028-10-01", container: str = "C1",
        arrival: str = "2026-11-20") -> str:
    return f"{no},,BL1,{container},S1,{arrival},{line},{item},{sku},{qty},{batch},{made},{expiry}"


def imported(db, path: Path, role: str = "supervisor"):
    with UnitOfWork(db, actor(role)) as uow:
        report = import_declaration(uow, path)
        uow.commit()
    return report


def count_declarations(db) -> int:
    with UnitOfWork(db, actor("clerk"), write=False) as uow:
        return uow.session.execute(select(func.count(InboundDeclaration.id))).scalar_one()


def test_sample_declaration(warehouse):
    report = imported(warehouse, DEMO / "declaration.csv")
    assert report.to_json() == {"created": 1, "updated": 0, "unchanged": 0, "declarations": [DECLARATION],
                                "lines": 11}
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        decl = uow.session.execute(select(InboundDeclaration)).scalar_one()
        assert (decl.status, decl.container_no, decl.seal_no, str(decl.arrival_date)) == (
            "expected", "MSKU8541208", "SL595185", "2026-11-20")
        lines = decl.lines
        assert [ln.line_no for ln in lines] == list(range(1, 12))
        assert (lines[0].product.sku, lines[0].account_book_item.item_no, lines[0].declared_qty,
                lines[0].batch_no, str(lines[0].expiry_date)) == ("A2P-900", "GDS0001", 120, "A2P43432", "2028-10-05")
        assert lines[8].expiry_date is None  # a hair dryer has no expiry
        audit = uow.session.execute(select(AuditEntry).where(AuditEntry.action == "declaration_import")).scalar_one()
        assert json.loads(audit.detail)["lines"] == 11


def test_imported_twice_refused(warehouse):
    imported(warehouse, DEMO / "declaration.csv")
    with pytest.raises(FileRejected) as exc:
        imported(warehouse, DEMO / "declaration.csv")
    assert [(e.line, e.column) for e in exc.value.errors] == [(2, "declaration_no")]
    assert "already imported" in exc.value.errors[0].message
    assert count_declarations(warehouse) == 1


def test_every_bad_row_reported_and_nothing_written(warehouse, tmp_path):
    path = write(tmp_path,
                 row(line=1),
                 row(line=2, sku="NOPE-1"),                            # unknown SKU
                 row(line=3, item="GDS9999"),                          # unknown account-book item
                 row(line=4, item="GDS0002"),                          # not the product's filing
                 row(line=5, expiry="2026-13-01"),                     # bad date
                 row(line=6, made="2028-10-01", expiry="2027-01-01"),  # expiry before production
                 row(line=7, qty="0"),                                 # quantity not positive
                 row(line=8, qty="1.5"),                               # not whole
                 row(line=1),                                          # line number repeated
                 row(line=9, container="C2"),                          # head differs within a declaration
                 row(line=10, batch="B 1"),                            # a batch no GS1 label can carry
                 row(line=11, arrival="20/11/2026"))                   # bad arrival date
    with pytest.raises(FileRejected) as exc:
        imported(warehouse, path)
    found = [(e.line, e.column) for e in exc.value.errors]
    assert found == [(3, "sku"), (4, "account_book_item"), (5, "account_book_item"), (6, "expiry_date"),
                     (7, "expiry_date"), (8, "declared_qty"), (9, "declared_qty"), (10, "line_no"),
                     (11, "container_no"), (12, "batch_no"), (13, "arrival_date")]
    assert "filed under account-book item GDS0001, not GDS0002" in exc.value.errors[2].message
    assert all(e.file == str(path) for e in exc.value.errors)
    assert count_declarations(warehouse) == 0


@pytest.mark.parametrize(("container", "seal", "column", "why"), [
    ("MSKU\u202e1208", "S1", "container_no", "a bidirectional override (U+202E)"),
    ("MSKU1208", "SL\x001", "seal_no", "a control character (U+0000)"),
    ("=HYPERLINK(\"x\")", "S1", "container_no", "starts with '='"),
    ("MSKU1208", "=cmd|' /C calc'!A0", "seal_no", "starts with '='"),
])
def test_container_and_seal_numbers_refuse_control_bidi_and_formula_text(warehouse, tmp_path, container, seal,
                                                                          column, why):
    """Issue 16, finding 4: such text was stored in container and seal numbers (and went on to labels and PDFs)."""
    quoted = '"' + container.replace('"', '""') + '"'
    path = write(tmp_path, f"QD1,,BL1,{quoted},{seal},2026-11-20,1,GDS0001,A2P-900,12,B1,2026-10-01,2028-10-01")
    with pytest.raises(FileRejected) as exc:
        imported(warehouse, path)
    (error,) = exc.value.errors
    assert (error.line, error.column) == (2, column) and why in error.message, error.message
    assert count_declarations(warehouse) == 0


def test_missing_and_unknown_columns(warehouse, tmp_path):
    path = write(tmp_path, "QD1,1", header="declaration_no,colour")
    with pytest.raises(FileRejected) as exc:
        imported(warehouse, path)
    messages = " | ".join(e.message for e in exc.value.errors)
    assert "unknown column 'colour'" in messages and "missing column 'sku'" in messages


def test_two_declarations_in_one_file(warehouse, tmp_path):
    report = imported(warehouse, write(tmp_path, row("QD1", 1), row("QD1", 2, batch="B2"), row("QD2", 1)))
    assert report.declarations == ["QD1", "QD2"] and report.lines == 3
    with UnitOfWork(warehouse, actor("clerk"), write=False) as uow:
        assert uow.session.execute(select(func.count(DeclarationLine.id))).scalar_one() == 3


def test_clerk_may_not_import(warehouse):
    with pytest.raises(PermissionDenied):
        imported(warehouse, DEMO / "declaration.csv", role="clerk")
    assert count_declarations(warehouse) == 0


def test_cli_import_declaration(cli, tmp_path):
    for kind, name in (("warehouse", "warehouse.toml"), ("locations", "locations.csv"),
                       ("products", "products.csv")):
        assert cli("import", kind, str(DEMO / name))[0] == 0
    code, out, _ = cli("import", "declaration", str(DEMO / "declaration.csv"), "--json")
    assert code == 0 and json.loads(out)["declarations"] == [DECLARATION]
    code, out, err = cli("import", "declaration", str(DEMO / "declaration.csv"), "--json")
    assert code == 1 and "already imported" in err
    assert json.loads(out)["errors"][0]["column"] == "declaration_no"
    code, out, _ = cli("declarations", "--json")
    assert json.loads(out)[0] | {"released_at": None} == {
        "declaration": DECLARATION, "owner": "DEFAULT", "status": "expected", "container_no": "MSKU8541208",
        "arrival_date": "2026-11-20", "lines": 11, "expected": 2580, "counted": 0, "released_at": None}
