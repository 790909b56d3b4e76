"""The installed `bwms` command: app's CLI, where `bwms` alone or `bwms gui` opens the desktop application.

It lives in ui so that app never imports the Qt layer; Qt is imported only when the GUI is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _run_gui(url: str, station: str) -> int:
    from ui.main import run_gui

    return run_gui(url, station=station)


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import commands_admin, main as cli_main

    commands_admin.GUI_LAUNCHER = _run_gui
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
