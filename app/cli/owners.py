"""CLI: `bwms statement OWNER --month YYYY-MM [--json] [--out FILE.pdf]` — an owner's monthly statement."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext, add_json
from app.errors import Rejected
from app.private_files import write_private


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("statement", help="an owner's monthly statement: goods in and out, storage, charges"))
    p.add_argument("owner", metavar="OWNER", help="the owner's code")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="the month (in the warehouse's time zone)")
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help="also write the statement as a PDF (in Chinese)")
    p.set_defaults(func=cmd_statement)


def cmd_statement(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.documents.registry import produce
    from app.owners import monthly_statement

    if args.out is not None and args.out.suffix.lower() != ".pdf":
        ctx.parser_error("the statement prints as PDF: use --out FILE.pdf")
        return 2
    with ctx.uow() as uow:
        statement = monthly_statement(uow, args.owner, args.month)
        if args.out is not None:
            made = produce(uow, "owner-statement", f"{statement.owner}/{statement.month}", "pdf", target=str(args.out))
            try:
                write_private(args.out, made.payload)
            except OSError as exc:
                raise Rejected(f"cannot write {args.out}: {exc.strerror or exc}", code="cannot_write") from exc
        uow.commit()
    data = statement.to_json()
    if args.out is not None:
        data["out"] = str(args.out)
    ctx.emit(data, statement.describe() + (f"\n→ {args.out}" if args.out is not None else ""))
    return 0
