"""CLI: consumer orders and the customs exchange — `bwms orders …`, `bwms customs …`, `bwms import orders FILE`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.context import CliContext, add_json, table
from app.domain.masking import PERSONAL_FIELDS
from app.errors import Rejected
from app.private_files import write_private

ORDER_COLUMNS = ["order_no", "owner", "status", "customs_status", "copNo", "rejection_code"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("orders", help="consumer orders: list (by status, search), show, cancel, reveal"))
    p.add_argument("--status", help="only orders in this status (accepted, declared, released, rejected, …)")
    p.add_argument("--search", default="", help="order no., waybill, copNo, full ID number or last digits")
    p.add_argument("--owner", default="", metavar="CODE", help="only this owner's orders")
    p.set_defaults(func=cmd_orders)
    osub = p.add_subparsers(dest="orders_cmd", metavar="ACTION")
    q = add_json(osub.add_parser("show", help="one order's full customs history (buyer masked)"))
    q.add_argument("order_no")
    q.set_defaults(func=cmd_show)
    q = add_json(osub.add_parser("cancel", help="cancel an order that has not left (CEB623 if declared)"))
    q.add_argument("order_no")
    q.add_argument("--platform", help="the platform code, if the number exists on several")
    q.add_argument("--reason", default="1", help="reason code: 1 consumer cancelled, 2 out of stock, 3 declaration "
                   "data wrong, 4 goods damaged, 5 declared twice, 9 other (sent in Chinese)")
    q.add_argument("--outbox", type=Path, help="folder for the CEB623 (default: setting customs_outbox)")
    q.set_defaults(func=cmd_cancel)
    q = osub.add_parser("reveal", help="show one buyer value in clear (customs officers; audited)")
    q.add_argument("order_no")
    q.add_argument("field", choices=sorted(PERSONAL_FIELDS))
    q.set_defaults(func=cmd_reveal)
    q = add_json(osub.add_parser("rejections", help="the rejection workbench"))
    q.set_defaults(func=cmd_rejections)
    q = add_json(osub.add_parser("resubmit", help="correct a rejected record and check it again"))
    q.add_argument("rejection_id", type=int)
    q.add_argument("corrections", help='JSON with only the fields to change, e.g. {"tax": "27.69"}')
    q.set_defaults(func=cmd_resubmit)
    q = add_json(osub.add_parser("revalidate", help="check every open rejected record again (e.g. after the "
                                 "bonded stock was released)"))
    q.add_argument("--code", help="only records rejected for this reason (e.g. bonded_balance_short)")
    q.set_defaults(func=cmd_revalidate)
    q = osub.add_parser("requeue", help="declare a customs-rejected order again")
    q.add_argument("order_no")
    q.set_defaults(func=cmd_requeue)

    c = sub.add_parser("customs", help="the customs exchange: declare, receipts, archive, print")
    csub = c.add_subparsers(dest="customs_cmd", required=True, metavar="ACTION")
    q = add_json(csub.add_parser("export", help="one CEB621 file per accepted order into the outbox"))
    q.add_argument("--outbox", type=Path, help="folder the declaration client reads (default: setting)")
    q.set_defaults(func=cmd_export)
    q = add_json(csub.add_parser("receipts", help="apply CEB622/CEB624/CEB626 files or a CSV order_no|return_no|"
                                 "checklist_no,status,time,info"))
    q.add_argument("path", type=Path, help="a receipt file or the inbox folder")
    q.set_defaults(func=cmd_receipts)
    q = add_json(csub.add_parser("checklist", help="gather the lists that left the zone in a period into one exit "
                                 "checklist (INV101, list type 8): XML and PDF into the outbox"))
    q.add_argument("--from", dest="first", required=True, metavar="DATE", help="the period's first day (YYYY-MM-DD)")
    q.add_argument("--to", dest="last", required=True, metavar="DATE", help="the period's last day (YYYY-MM-DD)")
    q.add_argument("--outbox", type=Path, help="folder the declaration client reads (default: setting)")
    q.set_defaults(func=cmd_checklist)
    q = add_json(csub.add_parser("checklists", help="the exit checklists with their posting status"))
    q.set_defaults(func=cmd_checklists)
    q = add_json(csub.add_parser("archive", help="what was sent to and received from customs"))
    q.add_argument("--direction", choices=["in", "out"])
    q.add_argument("--type", dest="msg_type")
    q.set_defaults(func=cmd_archive)
    q = csub.add_parser("print", help="the inventory-list printout (A4 PDF)")
    q.add_argument("order_no")
    q.add_argument("--out", type=Path, required=True)
    q.set_defaults(func=cmd_print)


def _progress(ctx: CliContext):  # noqa: ANN202 - returns the progress callback
    if ctx.json or not sys.stderr.isatty():
        return None
    return lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_orders(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import owner_by_code
    from app.orders.queries import list_orders, orders_report

    with ctx.uow(write=False) as uow:
        if args.owner:
            owner_by_code(uow.session, args.owner)  # an unknown owner is an error, not an empty list
        if args.search:
            rows = [{k: r[k] for k in ORDER_COLUMNS + ["waybill_no", "buyer_id"]}
                    for r in list_orders(uow, args.status, args.search, 0, 10_000, owner=args.owner)]
        else:
            rows = orders_report(uow, args.status, args.owner)
    ctx.emit(rows, table(rows, ORDER_COLUMNS))
    return 0


def cmd_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.orders.queries import order_history

    with ctx.uow(write=False) as uow:
        history = order_history(uow, args.order_no)
    ctx.emit(history, json.dumps(history, ensure_ascii=False, indent=2))
    return 0


def cmd_cancel(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import pii
    from app.customs import archive as customs_archive
    from app.orders.cancel import cancel_order

    with ctx.uow() as uow:
        folder = customs_archive.outbox(uow, args.outbox)
        result = cancel_order(uow, args.order_no, platform_code=args.platform, reason=args.reason)
        uow.commit()
    if result.request_file:
        with ctx.uow() as uow:
            customs_archive.deliver_pending(uow, pii.key_for(uow), folder)
            uow.commit()
    ctx.emit(result.to_json(), result.describe())
    return 0


def cmd_reveal(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import pii

    with ctx.uow() as uow:
        value = pii.reveal(uow, args.order_no, args.field)
        uow.commit()
    print(value)
    return 0


def cmd_rejections(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.orders.workbench import workbench

    with ctx.uow(write=False) as uow:
        rows = [{k: v for k, v in r.items() if k != "params"} for r in workbench(uow)]  # the reason is English
    ctx.emit(rows, table(rows, ["kind", "id", "order_no", "code", "reason"]))
    return 0


def cmd_resubmit(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.orders.workbench import resubmit

    try:
        corrections = json.loads(args.corrections)
    except json.JSONDecodeError as exc:
        raise Rejected(f"corrections are not JSON: {exc.msg}", code="usage") from exc
    if not isinstance(corrections, dict):
        raise Rejected("corrections must be a JSON object", code="usage")
    with ctx.uow() as uow:
        report = resubmit(uow, args.rejection_id, corrections)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0 if report.accepted else 1


def cmd_revalidate(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.orders.workbench import revalidate

    with ctx.uow() as uow:
        report = revalidate(uow, args.code)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_requeue(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.orders.workbench import requeue

    with ctx.uow() as uow:
        requeue(uow, args.order_no)
        uow.commit()
    print(f"order {args.order_no} will be declared again at the next export")
    return 0


def cmd_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.customs.export import export_inventory_lists

    with ctx.uow() as uow:
        report = export_inventory_lists(uow, args.outbox, progress=_progress(ctx))
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_receipts(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.customs.receipts import apply_receipts

    with ctx.uow() as uow:
        report = apply_receipts(uow, args.path, progress=_progress(ctx))
        uow.commit()
    if report.requests:  # cancellations that waited for the list number: their CEB623 goes to the outbox now
        from app.customs import deliver_outbox

        with ctx.uow() as uow:
            deliver_outbox(uow)
            uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 1 if report.refused else 0


def cmd_checklist(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.customs.books import parse_day
    from app.customs.checklist import deliver, gather

    with ctx.uow() as uow:
        report = gather(uow, parse_day(args.first, "--from"), parse_day(args.last, "--to"))
        uow.commit()
    with ctx.uow() as uow:  # after the commit: a crash before this leaves the file archived, delivered next time
        report.files = deliver(uow, report.checklist, args.outbox)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_checklists(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.customs.checklist import checklists

    with ctx.uow(write=False) as uow:
        rows = checklists(uow)
    ctx.emit(rows, table(rows, ["checklist", "from", "to", "lists", "units", "status", "receipt_status", "created",
                                "posted"]))
    return 0


def cmd_archive(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.orders.queries import exchange_archive

    rows: list[dict] = []
    with ctx.uow(write=False) as uow:
        while page := exchange_archive(uow, args.direction, args.msg_type, rows[-1]["id"] if rows else 0, 5000):
            rows += page
    ctx.emit(rows, table(rows, ["id", "direction", "type", "business_no", "file_name", "at", "delivered_at"]))
    return 0


def cmd_print(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.documents.registry import produce

    with ctx.uow() as uow:
        pdf = produce(uow, "inventory-list", args.order_no, "pdf", target=str(args.out)).payload
        uow.commit()
    write_private(args.out, pdf)
    ctx.emit({"file": str(args.out), "bytes": len(pdf)}, f"inventory list of {args.order_no} written to {args.out}")
    return 0
