"""CLI: `bwms print DOC KEY --out FILE.pdf|FILE.zpl` — any document of the registry (app.documents.registry)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext, add_json
from app.documents.registry import produce, registry
from app.errors import Rejected
from app.private_files import write_private


def register(sub: argparse._SubParsersAction) -> None:
    names = registry().names(cli=True)
    p = add_json(sub.add_parser("print", help="print a document to a PDF or ZPL file",
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=documents_table()))
    p.add_argument("document", metavar="DOC", choices=names, help="the document (see the table below)")
    p.add_argument("key", metavar="KEY", nargs="?", help="what to print it for: the KEY column below")
    p.add_argument("--from", dest="first", metavar="DATE", help="a period document's first day (ledger-report)")
    p.add_argument("--to", dest="last", metavar="DATE", help="a period document's last day (ledger-report)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="FILE.pdf or FILE.zpl")
    p.set_defaults(func=cmd_print)


def documents_table() -> str:
    """Every `bwms print` document with its key and formats, from the documents registry."""
    specs = sorted((s for s in registry() if s.cli), key=lambda s: s.name)
    rows = [("DOC", "KEY", "FORMATS", "WHAT")] + [(s.name, s.key, "/".join(s.formats), s.title) for s in specs]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["documents:"] + ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[3] for r in rows]
    return "\n".join(lines) + "\n\nexample: bwms print pick-list W000001 --out pick.pdf"


def cmd_print(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.first or args.last:
        if args.key or not (args.first and args.last):
            ctx.parser_error("a period is --from DATE --to DATE (and no KEY)")
            return 2
        args.key = f"{args.first}..{args.last}"
    elif not args.key:
        ctx.parser_error(f"{args.document} needs its KEY")
        return 2
    formats = registry()[args.document].formats
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in formats:
        ctx.parser_error(f"{args.document} prints as {' or '.join(f.upper() for f in formats)}: "
                         f"use --out FILE.{formats[0]}")
        return 2
    with ctx.uow() as uow:
        made = produce(uow, args.document, args.key, fmt, target=str(args.out))
        try:
            write_private(args.out, made.payload)
        except OSError as exc:
            raise Rejected(f"cannot write {args.out}: {exc.strerror or exc}", code="cannot_write") from exc
        uow.commit()
    size, reprint = len(made.payload), bool(made.reprint)
    data = {"document": args.document, "key": args.key, "out": str(args.out), "bytes": size, "reprint": reprint}
    ctx.emit(data, f"{args.document} {args.key} → {args.out} ({size} bytes){' (reprint)' if reprint else ''}")
    return 0
