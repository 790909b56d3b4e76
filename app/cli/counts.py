"""CLI: stock counts — `bwms count create|scan|close|recount|approve|confirm|list`.

The count station's scan file is replayed through the same station object as the GUI's; each line's scan id
comes from the file's SHA-256 and the line number, so replaying a file counts nothing twice.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, add_json, table
from app.cli.replay import replay

COUNT_STATUSES = ["open", "closed", "recounted", "approved", "confirmed"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("count", help="stock counts: create, scan, close, recount, approve, confirm, list"))
    p.add_argument("--status", choices=COUNT_STATUSES, help="only counts in this status")
    p.set_defaults(func=cmd_list)
    csub = p.add_subparsers(dest="count_cmd", metavar="ACTION")
    q = add_json(csub.add_parser("create", help="open a count (supervisor): the locations freeze until it closes"))
    scope = q.add_mutually_exclusive_group(required=True)
    scope.add_argument("--location-prefix", metavar="P", help="every active location whose code starts with P")
    scope.add_argument("--sku", action="extend", nargs="+", default=[], metavar="S",
                       help="every location holding one of these SKUs (--sku A B, or --sku A --sku B)")
    q.set_defaults(func=cmd_create)
    q = add_json(csub.add_parser("scan", help="replay a count station: a location's label, then each unit (GTIN) or "
                                 "carton (GS1 with its count); blind"))
    q.add_argument("count", type=int, metavar="ID")
    q.add_argument("--scans", type=Path, required=True, metavar="FILE", help="scanner output, one scan a line")
    q.add_argument("--station", dest="scan_station", metavar="NAME", help="the station's name")
    q.set_defaults(func=cmd_scan)
    q = add_json(csub.add_parser("close", help="close a count: its variances (location, sku, batch, expected, "
                                 "counted, difference); the locations are free again"))
    q.add_argument("count", type=int, metavar="ID")
    q.set_defaults(func=cmd_close)
    q = add_json(csub.add_parser("recount", help="a new count over the locations where a closed count varied "
                                 "(supervisor)"))
    q.add_argument("count", type=int, metavar="ID")
    q.set_defaults(func=cmd_recount)
    q = add_json(csub.add_parser("approve", help="turn a closed count's differences into adjustment movements "
                                 "(supervisor); bonded ones wait for customs in the ledger"))
    q.add_argument("count", type=int, metavar="ID")
    q.add_argument("--reason", default="", metavar="TEXT", help="why the stock differed (kept with each movement)")
    q.set_defaults(func=cmd_approve)
    q = add_json(csub.add_parser("confirm", help="confirm an approved count's customs-ledger adjustments "
                                 "(customs officer)"))
    q.add_argument("count", type=int, metavar="ID")
    q.set_defaults(func=cmd_confirm)
    q = add_json(csub.add_parser("list", help="every count with its status"))
    q.add_argument("--status", choices=COUNT_STATUSES, help="only counts in this status")
    q.set_defaults(func=cmd_list)


def cmd_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.counts import COUNT_COLUMNS, list_counts

    with ctx.uow(write=False) as uow:
        rows = list_counts(uow, args.status)
    ctx.emit(rows, table(rows, COUNT_COLUMNS))
    return 0


def _service(ctx: CliContext, name: str, *args: Any, **kwargs: Any) -> int:
    """Run the counts area's use case `name` in one transaction and print its report."""
    import app.counts as counts

    with ctx.uow() as uow:
        result = getattr(counts, name)(uow, *args, **kwargs)
        uow.commit()
    ctx.emit(result.to_json(), result.describe())
    return 0


def cmd_create(ctx: CliContext, args: argparse.Namespace) -> int:
    return _service(ctx, "create_count", location_prefix=args.location_prefix, skus=args.sku)


def cmd_scan(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.counts import CountStation

    if args.scan_station:
        ctx.station = args.scan_station
    station = CountStation(ctx.uow, args.count)
    shown, scans, _ = replay(args.scans, f"count-{args.count}", station.scan)
    report: dict[str, Any] = {"count": args.count, "scans": scans,
                              "feedback": [{"code": f.code, "tone": str(f.tone), "text": f.text} for f in shown]}
    text = [f"{f.tone:>6}  {f.text}" for f in shown]
    text.append(f"scans accepted: {scans['accepted']}, rejected: {len(scans['rejected'])}")
    ctx.emit(report, "\n".join(text))
    return 1 if scans["rejected"] else 0


def cmd_close(ctx: CliContext, args: argparse.Namespace) -> int:
    return _service(ctx, "close_count", args.count)


def cmd_recount(ctx: CliContext, args: argparse.Namespace) -> int:
    return _service(ctx, "recount", args.count)


def cmd_approve(ctx: CliContext, args: argparse.Namespace) -> int:
    return _service(ctx, "approve_count", args.count, args.reason)


def cmd_confirm(ctx: CliContext, args: argparse.Namespace) -> int:
    return _service(ctx, "confirm_count", args.count)
