"""The `bwms` command: `bwms [--db URL] [--user NAME] [--station NAME] COMMAND …` (composition root).

Everything the command offers is listed here, explicitly: the command modules (each adds its sub-commands
with `register(sub)`), the importer table behind `bwms import KIND FILE`, and the GUI launcher, which the
caller passes in (`main(argv, gui=…)`: app never imports the Qt layer). No module registers anything when it
is imported.

Exit codes: 0 success, 1 rejected (the message names file, line and field), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app.cli import admin as commands_admin
from app.cli import books as commands_books
from app.cli import counts as commands_counts
from app.cli import devices as commands_devices
from app.cli import documents as commands_documents
from app.cli import imports as commands_imports
from app.cli import inbound as commands_inbound
from app.cli import orders as commands_orders
from app.cli import outbound as commands_outbound
from app.cli import overview as commands_overview
from app.cli import owners as commands_owners
from app.cli import returns as commands_returns
from app.cli.context import CliContext, GuiLauncher
from app.cli.imports import Importer
from app.errors import BwmsError

# The command modules, in the order `bwms --help` lists their commands.
COMMANDS = (commands_admin, commands_overview, commands_imports, commands_devices, commands_orders,
            commands_inbound, commands_books, commands_documents, commands_outbound, commands_returns, commands_owners,
            commands_counts)


def importers() -> dict[str, tuple[str, Importer]]:
    """kind → (help, service function) for `bwms import`. Imported lazily so `bwms --help` stays fast."""
    from app.admin import masterdata
    from app.inbound.declarations import import_declaration
    from app.orders.importing import import_orders

    return {
        "warehouse": ("the warehouse's customs identity (TOML)", masterdata.import_warehouse),
        "locations": ("locations (CSV/XLSX: code,kind,pick_sequence)", masterdata.import_locations),
        "products": ("SKU master with customs filing (CSV/XLSX)", masterdata.import_products),
        "owners": ("goods owners (CSV/XLSX: code,name,customs_code)", masterdata.import_owners),
        "tariffs": ("owners' tariffs (CSV/XLSX: owner,per_order,per_unit_shipped,per_carton_received,"
                    "per_location_day)", masterdata.import_tariffs),
        "positive-list": ("positive-list lines (CSV/XLSX: hs8,name,remark)", masterdata.import_positive_list),
        "account-book": ("account-book items (CSV/XLSX)", masterdata.import_account_book),
        "carriers": ("carriers (CSV/XLSX: code,name,customs_code,customs_name[,waybill_pattern])",
                     masterdata.import_carriers),
        "declaration": ("an inbound declaration with its ASN lines (CSV/XLSX, one row per line)",
                        import_declaration),
        "orders": ("consumer orders (JSON Lines, or CSV/XLSX one row per order line)", import_orders),
    }


class _Version(argparse.Action):
    """`bwms --version`: read only when asked (the migration scripts are not parsed for every command)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001 - argparse's
        from app import __version__
        from app.persistence.migrate import head_revision

        print(f"bwms {__version__} (schema {head_revision()})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bwms", description="Bonded WMS: a customs bonded warehouse.")
    parser.add_argument("--db", metavar="URL", help="database URL (default: BWMS_DATABASE_URL or the embedded "
                        "SQLite file); e.g. postgresql+psycopg://user@host/bwms")
    parser.add_argument("--user", metavar="NAME", help="act as this user (default: BWMS_USER); the password "
                        "comes from BWMS_PASSWORD or a prompt")
    parser.add_argument("--station", metavar="NAME", default=None, help="this workstation's name")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="the program's version and the schema version it works with")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, gui: GuiLauncher | None = None) -> int:
    """Run one command line; `gui(url, station)` opens the desktop application for `bwms gui` (or `bwms`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        args.command, args.func = "gui", commands_admin.cmd_gui
    ctx = CliContext(args, importers=importers, gui=gui)
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
