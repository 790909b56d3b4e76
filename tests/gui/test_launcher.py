"""`bwms` alone (or `bwms gui`) opens the desktop application through the launcher; app alone cannot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import bwms_launcher as launcher
from app.cli import admin as commands_admin
from app.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_holds_a_gui_hook_the_launcher_passes_it_in(tmp_path):
    """app.cli.main(argv, gui=…) gets the launcher from its caller; nothing is set on a module at import."""
    assert not hasattr(commands_admin, "GUI_LAUNCHER")
    opened = []
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert cli_main(["--db", url, "--station", "dock-3", "gui"], gui=lambda u, s: opened.append((u, s)) or 0) == 0
    assert opened == [(url, "dock-3")]


def test_the_launcher_opens_the_gui_for_no_command_and_for_gui(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("ui.main.run_gui", lambda url, station: opened.append((url, station)) or 0)
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert launcher.main(["--db", url, "--station", "dock-9"]) == 0
    assert launcher.main(["--db", url, "--station", "dock-9", "gui"]) == 0
    assert launcher.main([f"--db={url}", "--user", "clerk", "--station=dock-9", "gui"]) == 0
    assert opened == [(url, "dock-9")] * 3


def test_the_gui_takes_the_same_defaults_as_the_cli(monkeypatch, tmp_path):
    monkeypatch.setenv("BWMS_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    monkeypatch.setenv("BWMS_STATION", "pack-2")
    assert launcher.gui_request(["gui"]) == (f"sqlite:///{tmp_path / 'env.sqlite3'}", "pack-2")
    monkeypatch.delenv("BWMS_DATABASE_URL")
    monkeypatch.setenv("BWMS_HOME", str(tmp_path / "home"))
    assert launcher.gui_request([]) == (f"sqlite:///{tmp_path / 'home' / 'bwms.sqlite3'}", "pack-2")


@pytest.mark.parametrize("argv", [
    ["stock"], ["--db", "sqlite://", "stock", "--json"], ["--help"], ["-h"], ["gui", "--help"],
    ["gui", "--db", "sqlite://"], ["--st", "dock-1"], ["--db"], ["--db", "--station", "x"], ["--db="],
    ["--json", "gui"], ["--", "gui"], ["gui", "gui"],
])
def test_anything_but_a_plain_gui_command_line_goes_to_the_cli(argv):
    assert launcher.gui_request(argv) is None


def test_other_commands_still_go_through_the_cli(capsys):
    with pytest.raises(SystemExit) as ended:
        launcher.main(["--help"])
    assert ended.value.code == 0
    assert "import" in capsys.readouterr().out  # the full parser, with every command


def test_bwms_gui_opens_the_window_without_loading_the_cli_or_the_database_stack(tmp_path):
    """Cold start: the CLI's commands import SQLAlchemy, Alembic and every service; the sign-in window needs none."""
    code = ("import sys, ui.main\n"
            "ui.main.run_gui = lambda url, station: print(url, station) or 0\n"
            "from bwms_launcher import main\n"
            "assert main(['--db', 'sqlite:///x.sqlite3', '--station', 'dock-1', 'gui']) == 0\n"
            "print(','.join(m for m in ('app.cli', 'app.services', 'sqlalchemy', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["sqlite:///x.sqlite3 dock-1", ""]


def test_app_alone_says_how_to_open_the_gui(capsys):
    assert cli_main(["gui"]) == 1
    assert "bwms" in capsys.readouterr().err
