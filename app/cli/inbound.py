"""CLI: receiving overseas goods — `import declaration`, receive, release, putaway, declarations, print.

Scan files are replayed through the same station objects as the GUI. Each line gets a scan id derived from
(declaration, the file's SHA-256, the line number), so replaying a file counts and moves nothing twice.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, add_json, table
from app.cli.replay import file_scan_id, replay


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("receive", help="replay a receive station's scans against a declaration's tally"))
    p.add_argument("declaration", metavar="DECL")
    p.add_argument("--scans", type=Path, required=True, metavar="FILE", help="scanner output, one scan a line")
    p.add_argument("--station", dest="scan_station", metavar="NAME", help="the receive station's name")
    p.add_argument("--close", action="store_true", help="close the tally after the scans")
    p.set_defaults(func=cmd_receive)

    p = add_json(sub.add_parser("release", help="customs release of a tallied declaration (ledger entries)"))
    p.add_argument("declaration", metavar="DECL")
    p.set_defaults(func=cmd_release)

    p = add_json(sub.add_parser("putaway", help="put released goods away: replay scans, or accept all suggestions"))
    p.add_argument("declaration", metavar="DECL", nargs="?", help="the declaration (with --all-suggested)")
    p.add_argument("--scans", type=Path, metavar="FILE", help="goods scan then location scan, one a line")
    p.add_argument("--all-suggested", action="store_true", help="move every staged unit to its suggestion")
    p.add_argument("--allow-mixed-lots", action="store_true",
                   help="let two lots of one SKU share a location (scans only)")
    p.set_defaults(func=cmd_putaway)

    p = add_json(sub.add_parser("declarations", help="inbound declarations with their status; "
                                "`declarations close DECL` closes a put-away entry (supervisor)"))
    p.add_argument("action", nargs="?", choices=["list", "close"], default="list")
    p.add_argument("declaration", nargs="?", metavar="DECL")
    p.add_argument("--owner", default="", metavar="CODE", help="only this owner's declarations")
    p.set_defaults(func=cmd_declarations)


def cmd_receive(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.inbound.queries import declaration_head
    from app.inbound.receive_station import ReceiveStation

    if args.scan_station:
        ctx.station = args.scan_station
    with ctx.uow(write=False) as uow:
        declaration_head(uow, args.declaration)  # an unknown declaration is refused before any scan
    station = ReceiveStation(ctx.uow, args.declaration)
    _, scans, digest = replay(args.scans, args.declaration, station.scan)
    close = station.scan("CMD:CLOSE", file_scan_id(args.declaration, digest, "close")) if args.close else None
    report: dict[str, Any] = {"declaration": args.declaration, "lines": [r.to_json() for r in station.tally()],
                              "scans": scans}
    if close is not None:
        report["close"] = {"ok": close.accepted, "code": close.code, "text": close.text}
    ctx.emit(report, _receive_text(report))
    return 1 if scans["rejected"] or (close is not None and not close.accepted) else 0


def _receive_text(report: dict[str, Any]) -> str:
    columns = ["line_no", "sku", "batch", "expected", "received", "damaged", "short", "over"]
    scans = report["scans"]
    text = [table(report["lines"], columns), f"scans accepted: {scans['accepted']}, rejected: {len(scans['rejected'])}"]
    text += [f"  line {r['line']}: {r['reason']}" for r in scans["rejected"]]
    if "close" in report:
        text.append(("" if report["close"]["ok"] else "close refused: ") + report["close"]["text"])
    return "\n".join(text)


def cmd_release(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.inbound.release import release

    with ctx.uow() as uow:
        report = release(uow, args.declaration)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_putaway(ctx: CliContext, args: argparse.Namespace) -> int:
    if bool(args.scans) == bool(args.all_suggested) or (args.all_suggested and not args.declaration):
        ctx.parser_error("give either --scans FILE or DECL --all-suggested")
        return 2
    if args.all_suggested:
        from app.inbound.putaway import all_suggested

        with ctx.uow() as uow:
            run = all_suggested(uow, args.declaration)
            uow.commit()
        ctx.emit(run.to_json(), run.describe())
        return 1 if run.unplaced else 0
    from app.inbound.putaway_station import PutawayStation

    station = PutawayStation(ctx.uow, allow_mixed=args.allow_mixed_lots)
    shown, scans, _ = replay(args.scans, args.declaration or "putaway", station.scan)
    moved = [fb.params for fb in shown if fb.code == "put_away" and fb.accepted]
    report: dict[str, Any] = {"moved": moved, "scans": scans}
    if station.pending is not None:
        report["unfinished"] = "the last goods scan has no location scan after it: nothing was moved for it"
    text = [f"{m['quantity']} × {m['sku']} {m['batch']} {m['lpn']} {m['from']} → {m['to']}" for m in moved]
    text += [f"line {r['line']}: {r['reason']}" for r in scans["rejected"]] + [report.get("unfinished", "")]
    ctx.emit(report, "\n".join(filter(None, text)) or "nothing moved")
    return 1 if scans["rejected"] or station.pending is not None else 0


def cmd_declarations(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.inbound.queries import declarations

    if args.action == "close":
        from app.inbound.release import close_entry

        if not args.declaration:
            ctx.parser_error("declarations close needs the declaration number")
            return 2
        with ctx.uow() as uow:
            close_entry(uow, args.declaration)
            uow.commit()
        ctx.emit({"declaration": args.declaration, "status": "closed"}, f"declaration {args.declaration} closed")
        return 0
    from app.admin import owner_by_code

    with ctx.uow(write=False) as uow:
        if args.owner:
            owner_by_code(uow.session, args.owner)
        rows = declarations(uow, args.owner)
    ctx.emit(rows, table(rows, ["declaration", "owner", "status", "container_no", "arrival_date", "lines", "expected",
                                "counted"]))
    return 0
