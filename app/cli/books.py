"""CLI: the customs books — `bwms ledger` (balances, or a period with --from/--to), `bwms ledger compare FILE`.

`bwms ledger` alone prints the balance of every account-book item now; with `--from DATE --to DATE` the period
books (opening, movements, closing, physical, difference); `bwms ledger compare FILE` sets customs' balances
(CSV `item_no,balance`) beside ours and the physical stock. The period report prints with
`bwms print ledger-report --from DATE --to DATE --out FILE.pdf`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext, add_json, table

PERIOD_COLUMNS = ["item_no", "opening", "entered", "decreased", "returned", "adjusted", "disposed", "closing",
                  "physical", "difference", "adjusted_pending", "decreased_posted"]
COMPARE_COLUMNS = ["item_no", "ours", "customs", "physical", "ours_minus_customs", "ours_minus_physical"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("ledger", help="the customs ledger: balances, a period's books (--from/--to), or "
                                "`ledger compare FILE` against customs' balances"))
    p.add_argument("action", nargs="?", choices=["balances", "compare"], default="balances",
                   help="balances (default) or compare")
    p.add_argument("file", nargs="?", type=Path, metavar="FILE", help="compare: customs' CSV item_no,balance")
    p.add_argument("--from", dest="first", metavar="DATE", help="the period's first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="last", metavar="DATE", help="the period's last day (YYYY-MM-DD)")
    p.set_defaults(func=cmd_ledger)


def cmd_ledger(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.action == "compare":
        if args.file is None or args.first or args.last:
            ctx.parser_error("ledger compare takes one FILE (CSV item_no,balance) and no period")
            return 2
        return _compare(ctx, args.file)
    if args.file is not None:
        ctx.parser_error(f"unexpected argument {args.file}")
        return 2
    if bool(args.first) != bool(args.last):
        ctx.parser_error("give both --from DATE and --to DATE")
        return 2
    if args.first:
        return _period(ctx, args.first, args.last)
    from app.customs.ledger import balances

    with ctx.uow(write=False) as uow:
        rows = [b.to_json() for b in balances(uow)]
    ctx.emit(rows, table(rows, ["account_book_item", "entered", "pre_decreased", "decreased", "returned",
                                "disposed", "adjusted", "adjusted_pending", "balance"]))
    return 0


def _period(ctx: CliContext, first: str, last: str) -> int:
    from app.customs.books import parse_day, period_ledger

    with ctx.uow(write=False) as uow:
        books = period_ledger(uow, parse_day(first, "--from"), parse_day(last, "--to"))
    data = books.to_json()
    totals = {"item_no": "TOTAL", **data["totals"]}
    ctx.emit(data, f"customs ledger {data['from']} … {data['to']}\n"
                   + table(data["items"] + [totals], PERIOD_COLUMNS))
    return 0


def _compare(ctx: CliContext, path: Path) -> int:
    from app.customs.books import compare

    with ctx.uow(write=False) as uow:
        result = compare(uow, path)
    data = result.to_json()
    rows = [line.to_json() for line in result.differences]
    text = (f"{len(rows)} of {len(data['items'])} items differ (ours − customs, ours − physical):\n"
            + table(rows, COMPARE_COLUMNS)) if rows else f"all {len(data['items'])} items agree"
    ctx.emit(data, text)
    return 0
