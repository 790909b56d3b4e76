"""Safe upgrades (issue 17 item 3): a backup before migrating, a failed migration leaves the database as it was
and names the backup, a newer database is refused with both version numbers; `bwms --version`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.admin.backup import read_manifest, upgrade_safely
from app.errors import Rejected, SchemaOutOfDate
from app.persistence import migrate
from app.persistence.db import Database


def _count_users(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM app_user")).scalar_one())


def test_init_backs_up_before_migrating(db: Database, cli, private_home: Path) -> None:
    migrate.downgrade(db, "0005")
    db.engine.dispose()
    code, out, err = cli("init", "--json", user=None)
    assert code == 0, err
    report = json.loads(out)
    assert report["migrated_from"] == "0005" and report["schema"] == migrate.head_revision()
    made = Path(report["backup_before_migration"])
    assert made.exists() and made.parent == private_home / "backups"
    assert read_manifest(made)["schema"] == "0005"
    code, out, _ = cli("init", "--json", user=None)  # nothing to migrate: no backup
    assert code == 0 and "backup_before_migration" not in json.loads(out)


def test_failed_migration_leaves_the_database_as_it_was(db: Database, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    migrate.downgrade(db, "0005")
    users = _count_users(db)
    from alembic import command  # migrate imports it only to migrate (app.persistence.migrate.upgrade)

    real = command.upgrade

    def half_then_fail(cfg, revision):
        real(cfg, revision)  # the whole migration ran inside the transaction…
        raise RuntimeError("disk gone mid-migration")  # …and then it fails

    monkeypatch.setattr(command, "upgrade", half_then_fail)
    with pytest.raises(Rejected) as caught:
        upgrade_safely(db, tmp_path / "before")
    error = caught.value
    assert error.code == "migration_failed" and "0005" in error.message
    assert error.params["backup"] in error.message and Path(error.params["backup"]).exists()
    assert migrate.current_revision(db) == "0005" and _count_users(db) == users
    monkeypatch.undo()
    assert upgrade_safely(db, tmp_path / "again").after == migrate.head_revision()


def test_newer_database_is_refused_with_both_versions(db: Database, cli) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.engine.dispose()
    with pytest.raises(SchemaOutOfDate) as caught:
        upgrade_safely(db)
    assert "0099" in caught.value.message and migrate.head_revision() in caught.value.message
    code, _out, err = cli("init", user=None)
    assert code == 1 and "0099" in err and "newer" in err
    code, _out, err = cli("stock")
    assert code == 1 and "newer than this program" in err
    with db.engine.begin() as conn:  # put it back for the end-of-test invariant check
        conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": migrate.head_revision()})


def test_version(capsys: pytest.CaptureFixture) -> None:
    from app.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"bwms 0.1.0 (schema {migrate.head_revision()})"
