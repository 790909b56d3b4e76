"""Onboarding: `bwms init` prints a titled users table and where things are; an administrator resets a password;
a lost administrator password is recovered on the machine holding the embedded database; `bwms where`;
`bwms print --help` lists every document with its key."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.admin import auth
from app.cli import main
from app.documents.registry import registry
from app.persistence.models import AuditEntry
from app.persistence.uow import UnitOfWork
from tests.conftest import actor


def test_init_prints_a_titled_users_table_and_where_things_are(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("BWMS_PASSWORD", raising=False)
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert main(["--db", url, "init"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("Users (the passwords are shown once"))
    assert lines[title + 1].split() == ["user", "role", "password"]
    assert all(set(rule) == {"-"} for rule in lines[title + 2].split())
    name, role, password = lines[title + 3].split()
    assert (name, role) == ("admin", "admin") and len(password) >= 12
    assert f"database file: {tmp_path / 'new.sqlite3'}" in out
    monkeypatch.setenv("BWMS_PASSWORD", password)
    assert main(["--db", url, "--user", "admin", "user", "list"]) == 0


def test_an_administrator_resets_a_password_and_it_is_audited(cli, db):
    code, out, _ = cli("user", "reset-password", "clerk", "--json")
    assert code == 0
    new = json.loads(out)["password"]
    assert auth.login(db, "clerk", new).role == "clerk"
    code, _, err = cli("user", "reset-password", "admin", user="supervisor")
    assert code == 1 and "may not user admin" in err
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        rows = uow.session.execute(select(AuditEntry.action, AuditEntry.username, AuditEntry.entity_key,
                                          AuditEntry.outcome).order_by(AuditEntry.id)).all()
    assert ("password_reset", "admin", "clerk", "ok") in [tuple(r) for r in rows]
    assert any(r.username == "supervisor" and r.outcome == "refused" for r in rows)


def test_a_lost_admin_password_is_recovered_on_the_machine_holding_the_embedded_database(cli, db, db_url):
    code, out, err = cli("user", "recover-admin", "--json", user=None, env={"BWMS_NEW_PASSWORD": "recovered-pass-1"})
    if not db_url.startswith("sqlite"):
        assert code == 1 and "embedded (SQLite) database only" in err and "reset-password" in err
        return
    assert code == 0 and json.loads(out)["username"] == "admin"
    assert auth.login(db, "admin", "recovered-pass-1").role == "admin"
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        key, detail = uow.session.execute(select(AuditEntry.entity_key, AuditEntry.detail)
                                          .where(AuditEntry.action == "password_recovery")).one()
    assert key == "admin" and "@test-station" in detail
    code, _, err = cli("user", "recover-admin", "clerk", user=None)
    assert code == 1 and "no administrator 'clerk'" in err


def test_where_prints_the_database_and_key_file_without_signing_in(cli, db_url, private_home):
    code, out, _ = cli("where", "--json", user=None)
    assert code == 0
    found = json.loads(out)
    assert found["data folder"] == str(private_home)
    assert found["key file (personal-data key)"] == str(private_home / "bwms.key")
    assert "password" not in found["database"] or "***" in found["database"]


def test_print_help_lists_every_document_and_its_key(cli):
    code, out, _ = cli("print", "--help", user=None)
    assert code == 0
    for spec in registry():
        if spec.cli:
            assert any(line.split()[:1] == [spec.name] and spec.key in line for line in out.splitlines()), spec.name


@pytest.mark.parametrize("role", ["clerk", "customs"])
def test_nobody_but_an_administrator_resets_a_password(db, role):
    with UnitOfWork(db, actor(role)) as uow, pytest.raises(auth.AccessDenied):
        auth.reset_password(uow, "admin")
