"""The `bwms` command: `bwms [--db URL] [--user NAME] [--station NAME] COMMAND …` (composition root).

Exit codes: 0 success, 1 rejected (the message names file, line and field), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app.cli import admin as commands_admin
from app.cli import devices as commands_devices
from app.cli import documents as commands_documents
from app.cli import imports as commands_master
from app.cli import inbound as commands_inbound
from app.cli import orders as commands_orders
from app.cli import outbound as commands_outbound
from app.cli.context import CliContext
from app.errors import BwmsError

# The command modules in the order `bwms --help` lists their commands.
MODULES = [commands_admin, commands_master, commands_devices, commands_orders, commands_inbound, commands_documents,
           commands_outbound]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bwms", description="Bonded WMS: a customs bonded warehouse.")
    parser.add_argument("--db", metavar="URL", help="database URL (default: BWMS_DATABASE_URL or the embedded "
                        "SQLite file); e.g. postgresql+psycopg://user@host/bwms")
    parser.add_argument("--user", metavar="NAME", help="act as this user (default: BWMS_USER); the password "
                        "comes from BWMS_PASSWORD or a prompt")
    parser.add_argument("--station", metavar="NAME", default=None, help="this workstation's name")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        args.command, args.func = "gui", commands_admin.cmd_gui
    ctx = CliContext(args)
    try:
        return int(args.func(ctx, args) or 0)
    except BwmsError as exc:
        ctx.fail(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted: nothing was committed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`bwms stock --json | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush does not fail again
        return 0
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
