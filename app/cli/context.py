"""What every CLI command shares: the database, the acting user, and JSON or text output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.config import default_database_url
from app.errors import AuthenticationFailed, BwmsError, FileRejected

if TYPE_CHECKING:  # imported when a command opens the database: `bwms --help` and `bwms emulate` never do
    from app.persistence.db import Database
    from app.persistence.uow import Actor, UnitOfWork

GuiLauncher = Callable[[str, str], int]  # (database URL, station) → exit code: opens the desktop application
ImporterTable = Callable[[], dict[str, tuple[str, Any]]]  # kind → (help, importer(uow, path))


class CliContext:
    """Opened lazily: `ctx.db` connects and checks the schema, `ctx.actor` logs in.

    The composition root (app.cli.main) hands it the importer table and the GUI launcher (if any)."""

    def __init__(self, args: argparse.Namespace, *, importers: ImporterTable | None = None,
                 gui: GuiLauncher | None = None) -> None:
        self.args = args
        self.importers: ImporterTable = importers or dict
        self.gui = gui
        self.json = bool(getattr(args, "json", False))
        self.station = args.station or os.environ.get("BWMS_STATION") or socket.gethostname()
        self._db: Database | None = None
        self._schema_checked = False
        self._actor: Actor | None = None

    @property
    def url(self) -> str:
        return self.args.db or default_database_url()

    def database(self, *, check_schema: bool = True) -> Database:
        from app.persistence import migrate
        from app.persistence.db import open_database

        if self._db is None:
            self._db = open_database(self.url)
        if check_schema and not self._schema_checked:  # once a command: every `ctx.db` asks for it
            migrate.require_current(self._db)
            self._schema_checked = True
        return self._db

    @property
    def db(self) -> Database:
        return self.database()

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            from app.admin.auth import login

            username = self.args.user or os.environ.get("BWMS_USER")
            if not username:
                raise AuthenticationFailed("no user: pass --user NAME or set BWMS_USER", username="")
            password = os.environ.get("BWMS_PASSWORD")
            if password is None:
                if not sys.stdin.isatty():
                    raise AuthenticationFailed("no password: set BWMS_PASSWORD or run in a terminal",
                                               username=username)
                password = getpass.getpass(f"password for {username}: ")
            self._actor = login(self.db, username, password, self.station)
            self.db.announce(station=self.station, user=username)
        return self._actor

    def uow(self, *, write: bool = True) -> UnitOfWork:
        """A unit of work as the signed-in user; the opener the CLI gives workflows (`ReceiveStation(ctx.uow, …)`)."""
        from app.persistence.uow import UnitOfWork

        return UnitOfWork(self.db, self.actor, write=write)

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print `data` as JSON with --json, else `text` (or a readable rendering of `data`)."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        elif text is not None:
            print(text)
        else:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))

    def fail(self, exc: BwmsError) -> None:
        if isinstance(exc, FileRejected):
            for err in exc.errors:
                print(f"error: {err}", file=sys.stderr)
        else:
            print(f"error: {exc.message}", file=sys.stderr)
        if self.json:
            print(json.dumps(exc.to_json() if isinstance(exc, FileRejected) else {"error": exc.to_json()},
                             ensure_ascii=False, indent=2))

    def parser_error(self, message: str) -> None:
        print(f"bwms: error: {message}", file=sys.stderr)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def add_json(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def table(rows: list[dict], columns: list[str]) -> str:
    """A plain fixed-width text table for terminal output."""
    if not rows:
        return "(none)"
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


# ------------------------------------------------------------------ scan files replayed through a station






