"""CLI: consumer parcels out of bulk lots — allocate, waves, pick, pack, manifest, gate-out, gate unload, trace, batch
record.

Scan files are replayed through the same station objects as the GUI, each line under a scan id made from
the file's SHA-256 and the line number, so replaying a file picks or loads nothing twice. The outbound
documents print with `bwms print` (app.cli.documents).
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, add_json, table
from app.cli.replay import replay
from app.errors import Rejected


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("allocate", help="allocate released orders FEFO and group them into waves"))
    p.add_argument("orders", metavar="ORDER", nargs="*", help="only these orders (each must be released)")
    p.set_defaults(func=cmd_allocate)

    p = add_json(sub.add_parser("waves", help="waves with their pick tasks in walk order"))
    p.add_argument("--status", choices=["open", "picked"])
    p.add_argument("--wave", metavar="WAVE")
    p.set_defaults(func=cmd_waves)

    p = add_json(sub.add_parser("pick", help="replay a pick station's scans for a wave (location, then units)"))
    p.add_argument("wave", metavar="WAVE")
    p.add_argument("--scans", type=Path, required=True, metavar="FILE", help="one scan a line; CMD:SHORT = short")
    p.add_argument("--packing", metavar="LOC", help="the packing location picked units go to")
    p.set_defaults(func=cmd_pick)

    p = add_json(sub.add_parser("pack", help="replay a pack station: order or waybill, every unit, then weigh"))
    p.add_argument("--scans", type=Path, required=True, metavar="FILE")
    weight = p.add_mutually_exclusive_group(required=True)
    weight.add_argument("--weight", metavar="KG", help="the parcel's weight in kg")
    weight.add_argument("--scale", metavar="URL", help="read the weight from the serial scale at URL")
    p.add_argument("--label-out", type=Path, metavar="DIR", help="also write the label (ZPL, PDF) into DIR")
    p.add_argument("--packing", metavar="LOC", help="this bench's packing location")
    p.set_defaults(func=cmd_pack)
    _register_shipping(sub)


def _register_shipping(sub: argparse._SubParsersAction) -> None:
    manifest = sub.add_parser("manifest", help="handover manifests").add_subparsers(dest="manifest_cmd",
                                                                                   required=True)
    p = add_json(manifest.add_parser("create", help="collect a carrier's packed, released parcels"))
    p.add_argument("--carrier", required=True, metavar="CODE")
    p.add_argument("--vehicle", required=True, metavar="PLATE")
    p.add_argument("--waybill", action="append", default=[], metavar="W", help="only these parcels (repeat)")
    p.set_defaults(func=cmd_manifest_create)

    p = add_json(sub.add_parser("gate-out", help="the vehicle of a manifest leaves the zone (ledger written off)"))
    p.add_argument("manifest", metavar="MANIFEST", help="manifest or gate pass number")
    p.add_argument("--scans", type=Path, metavar="FILE",
                   help="the gate station's parcel scans, one a line: each loads its parcel; the vehicle passes when "
                        "every parcel is loaded")
    p.add_argument("--gross-weight", metavar="KG", help="the loaded vehicle on the weighbridge (with --tare-weight)")
    p.add_argument("--tare-weight", metavar="KG", help="the empty vehicle's weight (below the gross)")
    p.add_argument("--scale", metavar="URL", help="read the gross weight from the weighbridge's serial scale at URL")
    p.add_argument("--ic-card", default="", metavar="CARD", help="the vehicle's electronic plate IC card, if any")
    p.add_argument("--also", action="append", default=[], metavar="MANIFEST",
                   help="another manifest the same vehicle carries (repeat)")
    p.set_defaults(func=cmd_gate_out)

    gate = sub.add_parser("gate", help="the gate station's supervisor steps").add_subparsers(dest="gate_cmd",
                                                                                           required=True)
    p = add_json(gate.add_parser("unload", help="(supervisor) take a loaded parcel off its vehicle and manifest "
                                               "before the vehicle passes"))
    p.add_argument("waybill", metavar="WAYBILL")
    p.set_defaults(func=cmd_gate_unload)

    p = add_json(sub.add_parser("trace", help="trace a waybill, order, batch, SSCC, declaration or manifest"))
    p.add_argument("code", metavar="CODE")
    p.set_defaults(func=cmd_trace)

    p = add_json(sub.add_parser("batch-record", help="one lot's record for customs: entry to every parcel"))
    p.add_argument("lot", metavar="LOT", help="batch number, DECLARATION/BATCH or SSCC")
    p.set_defaults(func=cmd_batch_record)


def cmd_allocate(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.outbound.allocation import allocate

    with ctx.uow() as uow:
        report = allocate(uow, args.orders)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_waves(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.outbound.waves import waves

    with ctx.uow(write=False) as uow:
        rows = waves(uow, status=args.status, wave_no=args.wave)
    text = [f"{w['wave']}  {w['carrier']}  {'single' if w['single_unit'] else 'multi'}  {w['status']}  "
            f"{w['orders']} orders, {sum(t['qty'] for t in w['tasks'])} units" for w in rows]
    if args.wave and rows:
        text.append(table(rows[0]["tasks"], ["location", "sku", "batch", "qty", "order_no", "status"]))
    ctx.emit(rows, "\n".join(text) or "no waves")
    return 0


def cmd_pick(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.outbound.pick_station import PickStation
    from app.outbound.waves import waves
    from app.stations import Tone

    with ctx.uow(write=False) as uow:
        waves(uow, wave_no=args.wave)  # an unknown wave is refused before any scan
    station = PickStation(ctx.uow, args.wave, packing=args.packing)
    shown, scans, _ = replay(args.scans, f"pick|{args.wave}", station.scan)
    with ctx.uow(write=False) as uow:
        wave = waves(uow, wave_no=args.wave)[0]
    report = {"wave": args.wave, "status": wave["status"], "scans": scans,
              "picked": sum(fb.params.get("qty", 0) for fb in shown if fb.code == "picked" and fb.tone != Tone.ERROR),
              "short": [s for fb in shown if fb.code == "short_pick" for s in fb.params.get("short", [])],
              "open_tasks": sum(1 for t in wave["tasks"] if t["status"] == "open")}
    text = [f"wave {args.wave}: {report['picked']} units picked, {report['open_tasks']} tasks open ({wave['status']})"]
    text += [f"  short: {s['qty']} × {s['sku']} for {s['order_no']}" for s in report["short"]]
    text += [f"  line {r['line']}: {r['reason']}" for r in scans["rejected"]]
    ctx.emit(report, "\n".join(text))
    return 1 if scans["rejected"] else 0


def _weight(args: argparse.Namespace) -> Decimal | str:
    if args.weight is not None:
        return args.weight
    from app.devices.scale import SerialScale

    scale = SerialScale(args.scale)
    scale.start()
    try:
        return scale.weigh(timeout_s=10)
    finally:
        scale.stop()


def cmd_pack(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.outbound.pack_station import PackStation
    from app.stations import Tone

    station = PackStation(ctx.uow, packing_location=args.packing, label_out=args.label_out)
    _, scans, _ = replay(args.scans, "pack", station.scan)
    order = station.order
    report: dict[str, Any] = {"order_no": order.order_no if order else None,
                              "waybill": order.waybill if order else None, "weight": None, "scans": scans,
                              "labels": []}
    if order is None:
        report["error"] = "no order was opened: the file must start with the order or waybill number"
        ctx.emit(report, report["error"])
        return 1
    packed = station.weigh(_weight(args))
    if packed.tone == Tone.ERROR:
        report["error"] = packed.text
        ctx.emit(report, "\n".join([f"not packed: {packed.text}"] + [
            f"  line {r['line']}: {r['reason']}" for r in scans["rejected"]]))
        return 1
    report.update(weight=packed.params["weight"], labels=packed.params["labels"],
                  print_jobs=packed.params["print_jobs"], pieces=packed.params["pieces"])
    text = [packed.text] + [f"  label {path}" for path in report["labels"]]
    text += [f"  line {r['line']}: {r['reason']}" for r in scans["rejected"]]
    ctx.emit(report, "\n".join(text))
    return 1 if scans["rejected"] else 0


def cmd_manifest_create(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.outbound.shipping import create_manifest

    with ctx.uow() as uow:
        report = create_manifest(uow, args.carrier, args.vehicle, args.waybill)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_gate_out(ctx: CliContext, args: argparse.Namespace) -> int:
    if args.scale and args.gross_weight is not None:
        ctx.parser_error("give --gross-weight or --scale, not both")
        return 2
    if args.scans is not None:
        return _gate_scans(ctx, args)
    from app.outbound.shipping import gate_out

    gross, source = args.gross_weight, "typed"
    if args.scale:
        gross, source = _scale_weight(args.scale, args.tare_weight), "scale"
    with ctx.uow() as uow:
        report = gate_out(uow, args.manifest, gross_weight=gross, tare_weight=args.tare_weight,
                          ic_card=args.ic_card, weights_from=source, also=args.also)
        uow.commit()
    _deliver_gate_pass(ctx)
    ctx.emit(report.to_json(), report.describe())
    return 0


def cmd_gate_unload(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.outbound.shipping import unload_parcel

    with ctx.uow() as uow:
        report = unload_parcel(uow, args.waybill)
        uow.commit()
    ctx.emit(report.to_json(), report.describe())
    return 0


def _gate_scans(ctx: CliContext, args: argparse.Namespace) -> int:
    """The gate station's scans: each parcel loaded onto the vehicle; when every parcel of the manifest is then
    loaded, the vehicle passes in the same run (its weights, IC card) and they all ship; otherwise nothing ships and
    the report names the parcels still to load (exit 1). Exit 1 too when a scan was refused."""
    from app.errors import BwmsError
    from app.outbound import queries
    from app.outbound.gate_station import GateStation
    from app.outbound.vehicle_pass import check_ic_card, check_weights, weight
    from app.stations import Tone

    if args.scale:  # the weights and the card are checked before any scan: a typing slip loads nothing
        weight(args.tare_weight, "tare weight")
    else:
        check_weights(args.gross_weight, args.tare_weight)
    check_ic_card(args.ic_card)
    station = GateStation(ctx.uow)
    first = station.scan(args.manifest)
    if first.tone == Tone.ERROR or station.manifest is None:
        raise Rejected(f"no manifest or gate pass {args.manifest!r}", code="unknown_manifest")
    shown, scans, _ = replay(args.scans, f"gate|{station.manifest}", station.scan)
    loaded = [fb.params["waybill"] for fb in shown if fb.code == "loaded" and fb.tone != Tone.ERROR]
    with ctx.uow(write=False) as uow:
        detail = queries.manifest_detail(uow, station.manifest)
    report: dict[str, Any] = {"manifest": station.manifest, "gated_out": [], "scans": scans,
                              "left": len(detail["to_load"]), "loaded": loaded, "to_load": detail["to_load"],
                              "gate_out": None}
    text = [f"manifest {station.manifest}: {len(loaded)} parcels loaded"]
    text += [f"  line {r['line']}: {r['reason']}" for r in scans["rejected"]]
    passed = False
    gone = f"manifest {station.manifest} already left the zone: nothing ships again"
    if detail["status"] == "exited":
        text.append(gone)
        passed = True
    elif detail["to_load"]:
        text.append(f"the vehicle does not pass: {len(detail['to_load'])} parcels still to load: "
                    + ", ".join(detail["to_load"]))
    else:
        gross, source = args.gross_weight, "typed"
        try:
            if args.scale:  # the loaded vehicle on the weighbridge
                gross, source = _scale_weight(args.scale, args.tare_weight), "scale"
            out = station.pass_vehicle(gross_weight=gross, tare_weight=args.tare_weight, ic_card=args.ic_card,
                                       weights_from=source, also=args.also)
        except BwmsError as exc:
            if exc.code == "already_exited" and exc.params.get("manifest") == station.manifest:
                # another workstation replaying the same file let the vehicle pass since the read above: the
                # answer of a replay after it (nothing ships again), not a refusal
                text.append(gone)
                passed = True
            else:
                report["refused"] = exc.message
                report["to_load"] = list(exc.params.get("waybills", [])) if exc.code == "not_loaded" else []
                report["left"] = len(report["to_load"])
                text.append(f"the vehicle does not pass: {exc.message}")
        else:
            _deliver_gate_pass(ctx)
            report.update(gated_out=out.parcels, gate_out=out.to_json())
            text.append(out.describe())
            passed = True
    ctx.emit(report, "\n".join(text))
    return 1 if scans["rejected"] or not passed else 0


def _scale_weight(url: str, tare: str | None) -> Decimal:
    """The gross weight read from the weighbridge (checked against the tare before the scale is opened)."""
    from app.outbound.vehicle_pass import weight

    weight(tare, "tare weight")
    from app.devices.scale import SerialScale

    scale = SerialScale(url)
    scale.start()
    try:
        return scale.weigh(timeout_s=10)
    finally:
        scale.stop()


def _deliver_gate_pass(ctx: CliContext) -> None:
    """After the commit: the vehicle's SAS121 file (and any other archived message) into the customs outbox."""
    from app.customs import deliver_outbox
    from app.domain.roles import Permission
    from app.errors import BwmsError

    with ctx.uow() as uow:
        if not uow.actor or not _may(uow, Permission.CUSTOMS_EXCHANGE):
            return
        try:
            deliver_outbox(uow)
            uow.commit()
        except BwmsError as exc:  # the pass is recorded and archived: the next export delivers the file
            print(f"warning: the gate pass file waits in the archive: {exc.message}", file=sys.stderr)


def _may(uow, permission) -> bool:  # noqa: ANN001 - a UnitOfWork and a Permission
    from app.domain.roles import may

    return may(uow.actor.role, permission)


def cmd_trace(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.customs.trace import trace

    with ctx.uow(write=False) as uow:
        data = trace(uow, args.code)
    text = [f"{args.code}: {', '.join(data['matched'])}"]
    text += [f"  declaration {d['declaration']} container {d['container']} ({d['status']})"
             for d in data["declarations"]]
    text += [f"  lot {lot['lot']} {lot['sku']} expiry {lot['expiry']}" for lot in data["lots"]]
    text += [f"  order {o['order_no']} ({o['status']}, list {o['inventory_list']['return_status']})"
             for o in data["orders"][:50]]
    text += [f"  parcel {p['waybill']} {p['status']} {p['shipped_at'] or ''}" for p in data["parcels"][:50]]
    ctx.emit(data, "\n".join(text))
    return 0


def cmd_batch_record(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.customs.batch_record import batch_record

    with ctx.uow(write=False) as uow:
        data = batch_record(uow, args.lot)
    bal = data["balance"]
    text = [f"lot {data['lot']['lot']} {data['lot']['sku']} {data['lot']['name']}",
            f"  container {data['declaration']['container']}, declaration {data['declaration']['declaration']} "
            f"line {data['declaration']['line_no']}",
            f"  entered {bal['entered']}, shipped {bal['shipped']} in {len(data['parcels'])} parcels, "
            f"on hand {bal['on_hand']}"]
    chronology = [{key: value for key, value in c.items() if key != "kind"} for c in data["chronology"]]
    ctx.emit({**data, "chronology": chronology}, "\n".join(text))  # the movement's kind: the screen's, not the JSON's
    return 0
