"""The `bwms` command as automation uses it: imports, init --demo, users, stock, check, audit, exit codes."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select, text

from app.admin import auth
from app.persistence.models import AuditEntry
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO


def test_import_products_prints_the_counts_as_json(cli):
    assert cli("import", "warehouse", str(DEMO / "warehouse.toml"))[0] == 0
    code, out, _ = cli("import", "products", str(DEMO / "products.csv"), "--json")
    assert code == 0
    assert json.loads(out) == {"created": 8, "updated": 0, "unchanged": 0, "account_book_items_created": 8}
    code, out, _ = cli("import", "products", str(DEMO / "products.csv"))
    assert code == 0 and out.strip() == "products from products.csv: 0 created, 0 updated, 8 unchanged"


def test_a_rejected_import_exits_1_listing_every_error(cli, tmp_path):
    bad = tmp_path / "locations.csv"
    bad.write_text("code,kind,pick_sequence\nA-1,attic,1\nA-2,storage,-1\n", encoding="utf-8")
    code, out, err = cli("import", "locations", str(bad), "--json")
    assert code == 1
    errors = json.loads(out)["errors"]
    assert [(e["file"], e["line"], e["column"]) for e in errors] == [(str(bad), 2, "kind"),
                                                                    (str(bad), 3, "pick_sequence")]
    assert "unknown kind 'attic'" in errors[0]["message"]
    assert f"{bad}:2: kind: unknown kind" in err
    assert json.loads(cli("stock", "--json")[1]) == []


@pytest.mark.parametrize("args", [("import",), ("import", "furniture", "x.csv"), ("teleport",),
                                  ("user", "add", "bob")])
def test_usage_errors_exit_2(cli, args):
    assert cli(*args)[0] == 2


def test_init_demo_on_a_new_sqlite_file_prints_the_users(tmp_path, monkeypatch, capsys):
    from app.cli import main
    from app.persistence.db import open_database

    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    monkeypatch.delenv("BWMS_PASSWORD", raising=False)
    assert main(["--db", url, "init", "--demo"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  user\s+role\s+password$", out, re.M)  # a titled table of the users
    users = dict(re.findall(r"^  (admin|clerk|supervisor|customs)\s+\S+\s+(\S+)$", out, re.M))
    admin = users["admin"]
    assert set(users) == {"admin", "clerk", "supervisor", "customs"} and "products: 8 created" in out
    db = open_database(url)
    try:
        assert auth.login(db, "admin", admin).role == "admin"
        assert auth.login(db, "customs", users["customs"]).role == "customs"
    finally:
        db.dispose()
    assert main(["--db", url, "init", "--demo"]) == 1  # the warehouse already has products
    assert "already has products" in capsys.readouterr().err


def test_user_add_and_list(cli):
    code, out, _ = cli("user", "add", "lili", "--role", "clerk", "--full-name", "Li Li",
                       env={"BWMS_NEW_PASSWORD": "lili-secret-1"})
    assert code == 0 and "lili" in out
    code, out, _ = cli("user", "list", "--json")
    assert code == 0
    assert {"username": "lili", "role": "clerk", "active": True, "full_name": "Li Li"} in json.loads(out)
    assert cli("stock", "--json", user="lili", password="lili-secret-1")[0] == 0
    code, _, err = cli("user", "add", "eve", "--role", "admin", user="clerk", env={"BWMS_NEW_PASSWORD": "x" * 10})
    assert code == 1 and "may not user admin" in err


def test_stock_and_check_report_as_json(cli):
    code, out, _ = cli("stock", "--json", "--sku", "A2P-900", user="customs")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = cli("check", "--json", user="clerk")
    assert code == 0 and json.loads(out)["ok"] is True


def test_wrong_password_exits_1_and_is_audited(cli, db):
    code, _, err = cli("stock", password="not-the-password")
    assert code == 1 and "unknown user or wrong password" in err
    with UnitOfWork(db, write=False) as uow:
        refusals = uow.session.execute(select(AuditEntry.username, AuditEntry.action).where(
            AuditEntry.outcome == "refused")).all()
    assert refusals == [("admin", "login")]


@pytest.mark.breaks_invariants
def test_audit_verify_names_the_tampered_entry(cli, db):
    assert cli("import", "locations", str(DEMO / "locations.csv"))[0] == 0
    code, out, _ = cli("audit", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    with UnitOfWork(db, write=False) as uow:
        victim = uow.session.execute(select(AuditEntry.id).where(AuditEntry.action == "import_locations")).scalar()
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
        conn.execute(text("UPDATE audit_log SET detail = '{\"created\": 0}' WHERE id = :i"), {"i": victim})
    code, out, _ = cli("audit", "verify", "--json")
    assert code == 1 and json.loads(out)["first_bad_entry"] == victim
    code, out, _ = cli("audit", "verify")
    assert code == 1 and f"BROKEN at entry {victim}" in out
