"""CLI: `bwms import KIND FILE` for every importable file (the table of kinds is app.cli.importers)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from app.cli.context import CliContext, add_json

if TYPE_CHECKING:
    from app.persistence.uow import UnitOfWork


class Report(Protocol):
    def to_json(self) -> dict[str, Any]: ...
    def describe(self) -> str: ...


Importer: TypeAlias = "Callable[[UnitOfWork, Path], Report]"


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("import", help="import a file (all-or-nothing; every bad row reported)"))
    p.add_argument("kind", metavar="KIND", help="warehouse, locations, products, positive-list, account-book, "
                   "owners, tariffs, carriers, declaration, orders")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_import)


def cmd_import(ctx: CliContext, args: argparse.Namespace) -> int:
    table = ctx.importers()
    if args.kind not in table:
        ctx.parser_error(f"unknown import kind {args.kind!r}: one of {', '.join(sorted(table))}")
        return 2
    _, importer = table[args.kind]
    with ctx.uow() as uow:
        report = importer(uow, args.file)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0
