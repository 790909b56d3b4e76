"""`bwms` alone (or `bwms gui`) opens the desktop application through the launcher; app alone cannot."""

from __future__ import annotations

import pytest

from app.cli import commands_admin
from app.cli import main as cli_main
from ui import launcher


@pytest.fixture(autouse=True)
def no_launcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands_admin, "GUI_LAUNCHER", None)


def test_the_launcher_opens_the_gui_for_no_command_and_for_gui(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("ui.main.run_gui", lambda url, station: opened.append((url, station)) or 0)
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert launcher.main(["--db", url, "--station", "dock-9"]) == 0
    assert launcher.main(["--db", url, "--station", "dock-9", "gui"]) == 0
    assert opened == [(url, "dock-9"), (url, "dock-9")]


def test_app_alone_says_how_to_open_the_gui(capsys):
    assert cli_main(["gui"]) == 1
    assert "bwms" in capsys.readouterr().err
