"""CLI: goods that come back and goods that must go — `bwms returns …` and `bwms disposal …`.

The receive station's scan file is replayed through the same station object as the GUI's; each line's scan id
comes from the file's SHA-256 and the line number, so replaying a file counts nothing twice.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, add_json, table
from app.cli.replay import replay

RETURN_STATUSES = ["requested", "declared", "accepted", "approved", "rejected", "received", "returned"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("returns", help="consumer returns with their clocks; request, receive, show"))
    p.add_argument("--status", choices=RETURN_STATUSES, help="only returns in this status")
    p.set_defaults(func=cmd_returns)
    rsub = p.add_subparsers(dest="returns_cmd", metavar="ACTION")
    q = add_json(rsub.add_parser("request", help="request the return of a shipped order (CEB625 at the next export)"))
    q.add_argument("order_no", metavar="ORDER_NO")
    q.add_argument("--reason", required=True, metavar="CODE",
                   help="no_reason, quality, damaged_in_transit, wrong_goods, not_as_described")
    q.add_argument("--line", action="append", default=[], metavar="SKU:QTY",
                   help="return only these units (repeat); default: the whole order")
    q.add_argument("--platform", help="the platform code, if the order number exists on several")
    q.set_defaults(func=cmd_request)
    q = add_json(rsub.add_parser("receive", help="replay a return receiving station: the parcel (return number or "
                                 "waybill), each unit, CMD:DAMAGED before a damaged one, CMD:CLOSE"))
    q.add_argument("--scans", type=Path, required=True, metavar="FILE", help="scanner output, one scan a line")
    q.add_argument("--station", dest="scan_station", metavar="NAME", help="the station's name")
    q.set_defaults(func=cmd_receive)
    q = add_json(rsub.add_parser("show", help="one return with its lines"))
    q.add_argument("return_no", metavar="RETURN_NO")
    q.set_defaults(func=cmd_show)

    p = add_json(sub.add_parser("disposal", help="destruction or return abroad of lots: list, request, approve, "
                                "execute"))
    p.add_argument("--status", choices=["requested", "approved", "executed"])
    p.set_defaults(func=cmd_disposals)
    dsub = p.add_subparsers(dest="disposal_cmd", metavar="ACTION")
    q = add_json(dsub.add_parser("request", help="ask customs to let units of a lot be destroyed or returned "
                                 "abroad (supervisor)"))
    q.add_argument("--lot", required=True, metavar="LOT", help="the lot's batch number")
    q.add_argument("--qty", required=True, type=int, metavar="N")
    q.add_argument("--reason", required=True, metavar="CODE",
                   help="expired, damaged, recalled, quality, unsellable, force_majeure, other")
    q.add_argument("--method", required=True, choices=["destroy", "return-abroad"])
    q.add_argument("--company", default="", help="the disposal company (default: setting disposal_company)")
    q.set_defaults(func=cmd_disposal_request)
    q = add_json(dsub.add_parser("approve", help="approve a requested disposal (customs officer)"))
    q.add_argument("disposal", type=int, metavar="ID")
    q.set_defaults(func=cmd_disposal_approve)
    q = add_json(dsub.add_parser("execute", help="the units leave, witnessed (supervisor; at least one witness)"))
    q.add_argument("disposal", type=int, metavar="ID")
    q.add_argument("--witness", action="append", default=[], metavar="NAME", help="a witness (repeat)")
    q.set_defaults(func=cmd_disposal_execute)


def cmd_returns(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import RETURN_COLUMNS, list_returns

    with ctx.uow(write=False) as uow:
        rows = list_returns(uow, args.status)
    for row in rows:
        row.pop("id")
    ctx.emit(rows, table(rows, RETURN_COLUMNS))
    return 0


def cmd_request(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import parse_lines, request_return

    lines = parse_lines(args.line) if args.line else None
    with ctx.uow() as uow:
        result = request_return(uow, args.order_no, args.reason, lines, platform_code=args.platform)
        uow.commit()
    ctx.emit(result.to_json(), result.describe())
    return 0


def cmd_receive(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import ReturnStation

    if args.scan_station:
        ctx.station = args.scan_station
    station = ReturnStation(ctx.uow)
    shown, scans, _ = replay(args.scans, "returns", station.scan)
    report: dict[str, Any] = {"scans": scans, "feedback": [{"code": f.code, "tone": str(f.tone), "text": f.text}
                                                          for f in shown],
                              "open_parcel": station.return_no}
    text = [f"{f.tone:>6}  {f.text}" for f in shown]
    text.append(f"scans accepted: {scans['accepted']}, rejected: {len(scans['rejected'])}")
    if station.return_no:
        text.append(f"return {station.return_no} is still open (no CMD:CLOSE)")
    ctx.emit(report, "\n".join(text))
    return 1 if scans["rejected"] else 0


def cmd_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import return_detail

    with ctx.uow(write=False) as uow:
        detail = return_detail(uow, args.return_no)
    ctx.emit(detail, json.dumps(detail, ensure_ascii=False, indent=2))
    return 0


def cmd_disposals(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import DISPOSAL_COLUMNS, disposals

    with ctx.uow(write=False) as uow:
        rows = disposals(uow, args.status)
    ctx.emit(rows, table(rows, DISPOSAL_COLUMNS))
    return 0


def cmd_disposal_request(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import request_disposal

    with ctx.uow() as uow:
        result = request_disposal(uow, args.lot, args.qty, args.reason, args.method, company=args.company)
        uow.commit()
    ctx.emit(result.to_json(), result.describe())
    return 0


def cmd_disposal_approve(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import approve_disposal

    with ctx.uow() as uow:
        result = approve_disposal(uow, args.disposal)
        uow.commit()
    ctx.emit(result.to_json(), result.describe())
    return 0


def cmd_disposal_execute(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.returns import execute_disposal

    with ctx.uow() as uow:
        result = execute_disposal(uow, args.disposal, args.witness)
        uow.commit()
    ctx.emit(result.to_json(), result.describe())
    return 0
