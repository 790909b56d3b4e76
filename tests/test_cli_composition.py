"""The `bwms` parser is composed in one place (app.cli): importing a command module registers nothing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_importing_a_command_module_alone_registers_nothing():
    """app.cli.imports holds no table others append to, and no command module reaches into another one: only
    the composition root (app/cli/__init__.py) lists the command modules and the importers."""
    code = (
        "import app.cli.imports as imports, app.cli.admin as admin\n"
        "print(hasattr(imports, 'EXTRA_IMPORTERS'), hasattr(imports, 'importers'), hasattr(admin, 'GUI_LAUNCHER'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]
    commands = {"admin", "devices", "imports", "inbound", "orders", "outbound"}
    for path in sorted((ROOT / "app" / "cli").glob("*.py")):
        if path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                reached = {node.module.rpartition(".")[2]} if node.module.startswith("app.cli.") else set()
                if node.module == "app.cli":
                    reached = {alias.name for alias in node.names}
                if path.name == "outbound.py" and node.module == "app.cli.inbound":
                    # the document registry (DOCUMENTS), which its own piece of work replaces
                    assert [alias.name for alias in node.names] == ["DOCUMENTS"]
                    continue
                assert not reached & commands, f"{path.name} imports the command module {reached & commands}"


def test_the_parser_is_built_from_the_explicit_command_list():
    from app import cli

    names = {m.__name__ for m in cli.COMMANDS}
    assert names == {"app.cli.admin", "app.cli.imports", "app.cli.devices", "app.cli.orders", "app.cli.inbound",
                     "app.cli.documents", "app.cli.outbound", "app.cli.overview", "app.cli.returns", "app.cli.books",
                     "app.cli.owners", "app.cli.counts"}
    first = cli.build_parser()._subparsers._group_actions[0].choices
    again = cli.build_parser()._subparsers._group_actions[0].choices
    assert list(first) == list(again)  # building it twice adds nothing (no registry filled on the way)
    assert {"import", "receive", "putaway", "pick", "pack", "gate-out", "orders", "gui"} <= set(first)


def test_the_importer_table_names_every_kind():
    from app.cli import importers

    assert list(importers()) == ["warehouse", "locations", "products", "owners", "tariffs", "positive-list",
                                 "account-book", "carriers", "declaration", "orders"]


def test_building_the_parser_loads_no_service_and_a_command_loads_no_alembic(tmp_path):
    """Registration is lazy: the parser of every command is built without SQLAlchemy, Alembic, Qt or an area
    (each command imports what it runs when it runs), and a command on a current database checks its schema
    with one query, not with Alembic (importing it costs every command a quarter of a second)."""
    from app.persistence import migrate
    from app.persistence.db import open_database

    url = f"sqlite:///{tmp_path / 'lazy.sqlite3'}"
    db = open_database(url)
    migrate.upgrade(db)
    db.dispose()
    heavy = ("sqlalchemy", "alembic", "PySide6", "app.persistence", "app.admin", "app.overview", "app.outbound",
             "app.stations", "reportlab", "cryptography", "argon2")
    code = (
        "import sys\n"
        "from bwms_launcher import main\n"
        f"heavy = {heavy!r}\n"
        "loaded = lambda: sorted({m.split('.')[0] if not m.startswith('app.') else '.'.join(m.split('.')[:2])\n"
        "                         for m in sys.modules if m.startswith(heavy)})\n"
        "from app.cli import build_parser\n"
        "build_parser()\n"
        "print(','.join(loaded()))\n"
        f"assert main(['--db', {url!r}, 'where', '--json']) == 0\n"
        "print(','.join(loaded()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == ""  # the parser alone
    after = lines[-1].split(",")
    assert "sqlalchemy" in after and "alembic" not in after and "PySide6" not in after
