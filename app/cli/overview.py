"""CLI: `bwms status` (the overview's figures) and `bwms alerts` — the same read as the overview screen."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, add_json, table


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("status", help="the day at a glance: declarations, orders by flow stage, waves, "
                                "parcels waiting to leave, holds, alerts (the overview's figures)"))
    p.set_defaults(func=cmd_status)
    p = add_json(sub.add_parser("alerts", help="lots near expiry or their storage-time limit, orders with no "
                                "customs receipt, old holds: [{kind, key, due, text}], soonest first"))
    p.add_argument("--expiry-within", type=int, metavar="DAYS", default=None,
                   help="lots expiring within DAYS days (default: the settings sale_lock_days + expiry_warning_days)")
    p.set_defaults(func=cmd_alerts)


def _line(title: str, figures: dict[str, Any]) -> str:
    return f"{title}: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in figures.items())


def status_text(r: dict[str, Any]) -> str:
    waves, holds = r["waves"], r["holds"]
    lines = [f"Bonded WMS status at {r['at']} (today {r['today']})",
             _line("declarations", r["declarations"]),
             _line("orders", r["orders"]) + f"; import rejections open {r['import_rejections']}",
             f"waves: {waves['open']} open, {waves['done']} of {waves['units']} units picked; "
             f"{waves['picked_waves']} picked",
             _line("parcels", r["parcels"]),
             "holds: " + ", ".join(f"{k.replace('_', ' ')} {h['count']}"
                                   + (f" (oldest {h['oldest_hours']} h)" if h["count"] else "")
                                   for k, h in holds.items()),
             _line("alerts", r["alerts"]),
             _line("today", r["today_figures"]),
             _line("stock by status", r["charts"]["stock_by_status"])]
    return "\n".join(lines)


def cmd_status(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.overview import status_report

    with ctx.uow(write=False) as uow:
        report = status_report(uow)
    ctx.emit(report, status_text(report))
    return 0


def cmd_alerts(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.overview import alerts

    with ctx.uow(write=False) as uow:
        rows = [a.to_json() for a in alerts(uow, args.expiry_within)]
    ctx.emit(rows, table(rows, ["kind", "key", "due", "text"]))
    return 0
