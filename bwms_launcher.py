"""The installed `bwms` command: app's CLI, where `bwms` alone or `bwms gui` opens the desktop application.

It sits above both app and ui (app never imports the Qt layer), outside the ui package: importing ui loads
Qt (ui/__init__ applies the PySide6 fixes), which a CLI command does not need. Qt is imported only when the
GUI is asked for.
`bwms` / `bwms [--db URL] [--user NAME] [--station NAME] gui` goes straight to the GUI without loading the
CLI (its commands import SQLAlchemy, Alembic and every service: most of a second), so the sign-in window is
up first; the database opens behind it. Any other command line goes to the CLI, which parses it as always.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def _run_gui(url: str, station: str) -> int:
    from ui.main import run_gui

    return run_gui(url, station=station)


GLOBAL_OPTIONS = ("--db", "--user", "--station")  # as app.cli.build_parser declares them


def gui_request(argv: Sequence[str]) -> tuple[str, str] | None:
    """(database URL, station) when `argv` only asks for the GUI, else None: the CLI then parses it as always.

    Only the plain forms are taken (`--db URL` or `--db=URL`, the same for --user and --station, then `gui` or
    nothing); anything else (help, abbreviations, errors) is left to the CLI's parser. The URL and station fall
    back as the CLI's do (app.cli.context.CliContext): BWMS_DATABASE_URL or the embedded file, BWMS_STATION or
    the host name. argparse is not used: building a parser looks up its message catalogues (milliseconds).
    """
    args = list(argv)
    if args[-1:] == ["gui"]:
        args.pop()
    options: dict[str, str] = {}
    while args:
        name, has_value, value = args.pop(0).partition("=")
        if not has_value:
            value = args.pop(0) if args else ""
        if name not in GLOBAL_OPTIONS or not value or value.startswith("-"):
            return None
        options[name] = value
    url = options.get("--db")
    if not url:
        from app.config import default_database_url

        url = default_database_url()
    station = options.get("--station")
    if not station:
        import socket

        station = os.environ.get("BWMS_STATION") or socket.gethostname()
    return url, station


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if argv is None:  # the installed command (not a test calling in): the log file and crash traces
        from app.diagnostics import setup_logging

        setup_logging()
    request = gui_request(args)
    if request is not None:
        return _run_gui(*request)
    from app.cli import main as cli_main

    return cli_main(args, gui=_run_gui)


if __name__ == "__main__":
    sys.exit(main())
