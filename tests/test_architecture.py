"""The layers stay apart: app never imports Qt or ui; app.domain never imports the database or devices."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        bad = [m for m in imported_modules(path) if m.split(".")[0] in forbidden or m in forbidden]
        found += [f"{path.relative_to(ROOT)} imports {m}" for m in bad]
    return found


def test_app_never_imports_qt_or_ui():
    assert offenders("app", ("PySide6", "ui", "shiboken6")) == []


def test_domain_is_pure():
    assert offenders("app/domain", ("sqlalchemy", "serial", "alembic", "psycopg", "PySide6", "reportlab")) == []


def test_printing_never_imports_qt_or_the_database():
    assert offenders("printing", ("PySide6", "ui", "sqlalchemy")) == []


def test_the_checker_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\n")
    assert "PySide6.QtWidgets" in imported_modules(bad)
