"""CLI: device emulators (`bwms emulate scanner|scale|printer`), printers and the print queue."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from decimal import Decimal, InvalidOperation

from app.cli.context import CliContext, add_json, table
from app.devices.emulators import TERMINATORS, PrinterEmulator, ScaleEmulator, ScannerEmulator, read_scans
from app.errors import Rejected


def register(sub: argparse._SubParsersAction) -> None:
    _register_emulators(sub)
    _register_printer(sub)
    _register_queue(sub)


def _register_emulators(sub: argparse._SubParsersAction) -> None:
    emulate = sub.add_parser("emulate", help="run a device emulator (scanner, scale, label printer)")
    kinds = emulate.add_subparsers(dest="emulate_cmd", required=True)
    p = kinds.add_parser("scanner", help="a pty scanner: prints its device path, then plays a scan file")
    p.add_argument("--scans", required=True, metavar="FILE", help="one scan per line, bytes as the scanner sends")
    p.add_argument("--rate", type=float, default=5.0, metavar="N", help="scans per second (0: as fast as possible)")
    p.add_argument("--terminator", choices=sorted(TERMINATORS), default="crlf")
    p.add_argument("--link", metavar="PATH", help="also make a stable symlink to the device at PATH")
    p.set_defaults(func=cmd_emulate_scanner)
    p = kinds.add_parser("scale", help="a pty scale: streams ST/US frames and answers MT-SICS S/SI requests; "
                         "type a weight in kg (or 'quit') on standard input to change it")
    p.add_argument("--weight", default="0.000", metavar="KG")
    p.add_argument("--interval", type=float, default=0.1, metavar="S", help="seconds between frames")
    p.add_argument("--no-continuous", action="store_true", help="only answer requests")
    p.add_argument("--link", metavar="PATH")
    p.set_defaults(func=cmd_emulate_scale)
    p = kinds.add_parser("printer", help="a ZPL printer on TCP: stores each job, answers ~HS; type e.g. "
                         "'paper-out on' / 'paper-out off' (also pause, head-open, mute) on standard input")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9100)
    p.add_argument("--out", metavar="DIR", help="store jobs (job-000001.zpl) and their PNG renderings here")
    p.add_argument("--paper-out", action="store_true", help="start with the paper out")
    p.add_argument("--no-render", action="store_true", help="store the ZPL only")
    p.set_defaults(func=cmd_emulate_printer)


def _register_printer(sub: argparse._SubParsersAction) -> None:
    printer = sub.add_parser("printer", help="a label printer's status, or a test label")
    actions = printer.add_subparsers(dest="printer_cmd", required=True)
    for name, func, text in (("status", cmd_printer_status, "ask a printer for its status (~HS)"),
                             ("test", cmd_printer_test, "print a test label (no database needed)")):
        p = add_json(actions.add_parser(name, help=text))
        p.add_argument("address", help="host[:port], tcp://host:port, a serial port (/dev/ttyUSB0, COM3) or file:///dir")
        p.add_argument("--timeout", type=float, default=3.0)
        p.set_defaults(func=func)


def _register_queue(sub: argparse._SubParsersAction) -> None:
    queue = add_json(sub.add_parser("print-queue", help="list the print queue; deliver, reprint or cancel jobs"))
    queue.add_argument("--status", choices=["queued", "sending", "sent", "failed", "cancelled"])
    queue.add_argument("--limit", type=int, default=50)
    queue.set_defaults(func=cmd_queue_list)
    actions = queue.add_subparsers(dest="queue_cmd")
    p = add_json(actions.add_parser("deliver", help="send queued jobs to their printers"))
    p.add_argument("--printer", action="append", required=True, metavar="NAME=ADDRESS",
                   help="a target name and where that printer is, e.g. label=192.168.1.50:9100 (repeatable)")
    p.add_argument("--watch", action="store_true", help="keep delivering until interrupted")
    p.add_argument("--interval", type=float, default=2.0)
    p.add_argument("--timeout", type=float, default=3.0)
    p.set_defaults(func=cmd_queue_deliver)
    for name, func, text in (("reprint", cmd_queue_reprint, "queue a job again, marked as a reprint"),
                             ("cancel", cmd_queue_cancel, "withdraw a queued or failed job")):
        p = add_json(actions.add_parser(name, help=text))
        p.add_argument("job", type=int)
        if name == "reprint":
            p.add_argument("--target", help="another printer name")
        p.set_defaults(func=func)


def cmd_emulate_scanner(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        scans = read_scans(args.scans)
    except OSError as exc:
        raise Rejected(f"{args.scans}: cannot read the scan file: {exc.strerror}", code="bad_scan_file") from exc
    emulator = ScannerEmulator(scans, rate=args.rate, terminator=TERMINATORS[args.terminator], link=args.link)
    try:
        print(emulator.port, flush=True)
        sent = emulator.play()
        print(f"sent {sent} scans", file=sys.stderr, flush=True)
    finally:
        emulator.close()
    return 0


def cmd_emulate_scale(ctx: CliContext, args: argparse.Namespace) -> int:
    emulator = ScaleEmulator(_kg(args.weight), continuous=not args.no_continuous, interval_s=args.interval,
                             link=args.link)
    emulator.start()
    try:
        print(emulator.port, flush=True)
        for line in _commands():
            if line in ("quit", "exit"):
                break
            try:
                emulator.set_weight(_kg(line))
                print(f"weight {emulator.weight} kg", file=sys.stderr, flush=True)
            except Rejected as exc:
                print(f"error: {exc.message}", file=sys.stderr, flush=True)
    finally:
        emulator.stop()
    return 0


def cmd_emulate_printer(ctx: CliContext, args: argparse.Namespace) -> int:
    try:
        emulator = PrinterEmulator(args.host, args.port, out=args.out, render=not args.no_render,
                                   paper_out=args.paper_out)
    except OSError as exc:
        raise Rejected(f"cannot listen on {args.host}:{args.port}: {exc.strerror}", code="port_in_use") from exc
    with emulator:
        print(f"listening on {emulator.address}", flush=True)
        if args.out and not args.no_render and not _can_render():
            print("zplkit is not installed: jobs are stored as ZPL only (pip install zplkit for PNGs)",
                  file=sys.stderr, flush=True)
        for line in _commands():
            if line in ("quit", "exit"):
                break
            words = line.replace("_", "-").split()
            if len(words) == 2 and words[0] in ("paper-out", "pause", "head-open", "ribbon-out", "mute") \
                    and words[1] in ("on", "off"):
                flag = {"pause": "paused"}.get(words[0], words[0].replace("-", "_"))
                emulator.set_flag(flag, words[1] == "on")
            elif line != "status":
                print("commands: paper-out|pause|head-open|ribbon-out|mute on|off, status, quit", file=sys.stderr)
            print(f"{len(emulator.jobs)} jobs printed, {len(emulator.held)} held; "
                  f"{'ready' if emulator.ready else 'not ready'}", file=sys.stderr, flush=True)
    return 0


def _can_render() -> bool:
    import importlib.util

    return importlib.util.find_spec("zplkit") is not None


def _kg(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation as exc:
        raise Rejected(f"not a weight in kg: {text!r}", code="bad_weight") from exc


def _commands():  # noqa: ANN202 - yields stripped lines; after end of input, waits for Ctrl-C
    for line in sys.stdin:
        if line.strip():
            yield line.strip()
    while True:
        time.sleep(3600)


def cmd_printer_status(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.devices.printer import PrinterOffline, printer_for

    printer = printer_for(args.address, args.timeout)
    try:
        status = printer.status()
    except PrinterOffline as exc:
        ctx.emit({"address": printer.address, "online": False, "status": exc.message}, f"offline: {exc.message}")
        return 1
    ctx.emit({"address": printer.address, "online": True, "ready": status.ready, "status": status.words(),
              "problems": status.problems, "labels_remaining": status.labels_remaining},
             f"{printer.address}: {status.words()}")
    return 0 if status.ready else 1


def cmd_printer_test(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.devices.check_label import check_label_zpl
    from app.devices.printer import PrinterNotReady, PrinterOffline, printer_for

    printer = printer_for(args.address, args.timeout)
    try:
        printer.deliver(check_label_zpl(ctx.station))
    except (PrinterOffline, PrinterNotReady) as exc:
        ctx.emit({"address": printer.address, "printed": False, "reason": exc.message}, f"not printed: {exc.message}")
        return 1
    ctx.emit({"address": printer.address, "printed": True}, f"test label sent to {printer.address}")
    return 0


def cmd_queue_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.documents import queue as print_queue
    with ctx.uow(write=False) as uow:
        jobs = print_queue.list_jobs(uow, status=args.status, limit=args.limit)
    ctx.emit(jobs, table(jobs, ["id", "status", "document", "target", "attempts", "created_by", "station",
                                "last_error"]))
    return 0


def _transports(specs: list[str], timeout_s: float) -> dict:
    from app.devices.printer import printer_for

    transports = {}
    for spec in specs:
        name, sep, address = spec.partition("=")
        if not sep or not name.strip() or not address.strip():
            raise Rejected(f"--printer {spec!r}: write NAME=ADDRESS, e.g. label=192.168.1.50:9100",
                           code="bad_printer_spec")
        transports[name.strip()] = printer_for(address, timeout_s)
    return transports


def cmd_queue_deliver(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.documents import queue as print_queue
    transports = _transports(args.printer, args.timeout)
    actor = ctx.actor
    while True:
        report = print_queue.deliver_pending(ctx.db, transports, actor=actor)
        summary = {"sent": report.sent, "waiting": report.waiting, "interrupted": report.interrupted}
        lines = [f"sent {len(report.sent)} jobs"] + [f"{t} waits: {why}" for t, why in report.waiting.items()]
        lines += [f"job {j} was interrupted mid-send: check the printer, reprint if missing"
                  for j in report.interrupted]
        if not args.watch:
            ctx.emit(summary, "\n".join(lines))
            return 0
        if report.sent or report.waiting or report.interrupted:
            print("\n".join(lines), flush=True)
        threading.Event().wait(args.interval)


def cmd_queue_reprint(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.documents import queue as print_queue
    with ctx.uow() as uow:
        job = print_queue.reprint(uow, args.job, args.target)
        uow.commit()
        data = {"id": job.id, "reprint_of": args.job, "target": job.target}
    ctx.emit(data, f"job {data['id']} queued for {data['target']} (reprint of {args.job})")
    return 0


def cmd_queue_cancel(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.documents import queue as print_queue
    with ctx.uow() as uow:
        print_queue.cancel(uow, args.job)
        uow.commit()
    ctx.emit({"id": args.job, "status": "cancelled"}, f"job {args.job} cancelled")
    return 0
