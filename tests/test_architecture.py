"""The layers stay apart: app never imports Qt or ui; app.domain never imports the database or devices; the
import-linter contracts of `make lint` hold."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
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


def test_the_import_contracts_hold():
    """pyproject.toml's import-linter contracts (areas through their __init__, layered; printing apart) hold."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=240,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout and " KEPT" in result.stdout


def test_the_area_contract_catches_a_submodule_import(tmp_path):
    """An area reaching into another's submodule breaks the contract (checked on a copy of the tree)."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "printing", copy / "printing", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ui", copy / "ui", ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    cancel = copy / "app" / "orders" / "cancel.py"
    cancel.write_text(cancel.read_text(encoding="utf-8") + "\nfrom app.outbound.picking import open_tasks\n",
                      encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=copy, capture_output=True,
                            text=True, timeout=240, env={**os.environ, "PYTHONPATH": str(copy)})
    assert result.returncode != 0
    assert "app.orders.cancel -> app.outbound.picking" in result.stdout
