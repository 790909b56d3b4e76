"""The outbound stations' words: feedback texts per workflow code, error texts per app error code.

The workflows speak English with parameters; these are the translatable sentences the banner shows instead.
`present` flattens the list-valued parameters (what to pick, what was short) into words for the sentences.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.domain import vocabulary
from app.stations import Feedback
from ui.vocabulary import language
from ui.widgets.feedback import UNKNOWN_COMMAND

FEEDBACK = {
    # any station
    "empty": QT_TRANSLATE_NOOP("FeedbackText", "Empty scan: scan again"),
    "unknown_barcode": QT_TRANSLATE_NOOP("FeedbackText",
                                         "Unknown barcode: not a product, location, order or command"),
    "malformed": QT_TRANSLATE_NOOP("FeedbackText", "The barcode cannot be read as a label: scan another one"),
    "bad_check_digit": QT_TRANSLATE_NOOP("FeedbackText", "The product barcode has a wrong check digit"),
    "unknown_command": UNKNOWN_COMMAND,
    "replayed": QT_TRANSLATE_NOOP("FeedbackText", "Already scanned: this scan was counted before, nothing changed"),
    "permission_denied": QT_TRANSLATE_NOOP("FeedbackText", "Your role may not do this: nothing was changed"),
    "unknown_product": QT_TRANSLATE_NOOP("FeedbackText", "No product has GTIN {gtin}"),
    "unknown_location": QT_TRANSLATE_NOOP("FeedbackText", "There is no location {location}"),
    # pick station
    "scan_wave": QT_TRANSLATE_NOOP("FeedbackText",
                                   "Scan the wave or choose it above, then each location and every unit"),
    "unknown_wave": QT_TRANSLATE_NOOP("FeedbackText", "There is no wave {wave}"),
    "wave_chosen": QT_TRANSLATE_NOOP("FeedbackText", "Wave {wave}: go to {location} and scan the location"),
    "wave_done": QT_TRANSLATE_NOOP("FeedbackText", "Wave {wave} is fully picked"),
    "location_first": QT_TRANSLATE_NOOP("FeedbackText", "Scan the location first, then the goods"),
    "not_a_pick_scan": QT_TRANSLATE_NOOP("FeedbackText", "Scan a location, a product or the short command"),
    "location": QT_TRANSLATE_NOOP("FeedbackText", "At {location}: pick {what}"),
    "wrong_location": QT_TRANSLATE_NOOP("FeedbackText",
                                        "Wrong location: nothing to pick at {location} in wave {wave}"),
    "wrong_product": QT_TRANSLATE_NOOP("FeedbackText", "Wrong product: {sku} is not to be picked here"),
    "wrong_lot": QT_TRANSLATE_NOOP("FeedbackText", "Wrong lot: batch {batch} is not the one to pick here"),
    "over_pick": QT_TRANSLATE_NOOP("FeedbackText", "Too many: only {left} × {sku} are left to pick here"),
    "picked": QT_TRANSLATE_NOOP("FeedbackText", "Picked {qty} × {sku} (batch {batch}) → {to}; {left_here} more here"),
    "picked_location_done": QT_TRANSLATE_NOOP("FeedbackText",
                                              "Picked {qty} × {sku} (batch {batch}) → {to}; {location} is done"),
    "short_armed": QT_TRANSLATE_NOOP("FeedbackText", "Short at {location}? Press F6 again to record what is missing"),
    "short_pick": QT_TRANSLATE_NOOP("FeedbackText",
                                    "Short at {location}: {what} frozen for a stock count. {outcomes}"),
    "nothing_to_short": QT_TRANSLATE_NOOP("FeedbackText", "Nothing is left to pick at {location}: no short to record"),
    "wrong_location_kind": QT_TRANSLATE_NOOP("FeedbackText", "{location} is not a packing location"),
    "no_packing_location": QT_TRANSLATE_NOOP("FeedbackText", "There is no packing location"),
    # pack station
    "scan_order": QT_TRANSLATE_NOOP("FeedbackText", "Scan the order or waybill, then every unit"),
    "order": QT_TRANSLATE_NOOP("FeedbackText", "Order {order_no}, waybill {waybill}: scan its {units} units "
                               "(about {computed_weight} kg)"),
    "pull_for_inspection": QT_TRANSLATE_NOOP("FeedbackText",
                                             "PULL FOR INSPECTION: order {order_no} is under customs inspection"),
    "already_packed": QT_TRANSLATE_NOOP("FeedbackText", "Order {order_no} is already packed"),
    "not_released": QT_TRANSLATE_NOOP("FeedbackText",
                                      "Not released by customs (800): it may not be packed or leave the zone"),
    "not_picked": QT_TRANSLATE_NOOP("FeedbackText", "Order {order_no} is not fully picked: pick it first"),
    "unknown_order": QT_TRANSLATE_NOOP("FeedbackText", "No order or waybill {order}"),
    "ambiguous_order": QT_TRANSLATE_NOOP("FeedbackText", "{order} names several orders: scan the order number"),
    "wrong_unit": QT_TRANSLATE_NOOP("FeedbackText", "GTIN {gtin} does not belong in this parcel now "
                                    "(another order's unit, a wrong lot or one too many): put it back"),
    "parcel_open": QT_TRANSLATE_NOOP("FeedbackText",
                                     "Order {order_no} is being packed: scan its units and weigh it first"),
    "unit": QT_TRANSLATE_NOOP("FeedbackText", "{checked} of {units} units checked"),
    "checked": QT_TRANSLATE_NOOP("FeedbackText", "All {units} units checked: weigh the parcel"),
    "undone": QT_TRANSLATE_NOOP("FeedbackText", "Last scan undone (GTIN {gtin})"),
    "nothing_to_undo": QT_TRANSLATE_NOOP("FeedbackText", "No unit scanned yet for this parcel"),
    "no_parcel": QT_TRANSLATE_NOOP("FeedbackText", "Scan an order or waybill number first"),
    "no_weight": QT_TRANSLATE_NOOP("FeedbackText", "No weight: put the parcel on the scale or type its weight"),
    # why the scale gave no weight when asked (app.devices.scale.ScaleError codes)
    "scale_offline": QT_TRANSLATE_NOOP("FeedbackText", "The scale is not connected: check its cable, or type the "
                                       "weight (F7)"),
    "scale_not_stable": QT_TRANSLATE_NOOP("FeedbackText", "The scale did not settle: let the parcel rest on it and "
                                          "weigh again, or type the weight (F7)"),
    "scale_no_answer": QT_TRANSLATE_NOOP("FeedbackText", "The scale does not answer: check its cable and settings, "
                                         "or type the weight (F7)"),
    "scale_overload": QT_TRANSLATE_NOOP("FeedbackText", "The scale is overloaded: take the parcel off and weigh "
                                        "again"),
    "scale_underload": QT_TRANSLATE_NOOP("FeedbackText", "The scale reads below zero: empty it, zero it and weigh "
                                         "again"),
    "packed": QT_TRANSLATE_NOOP("FeedbackText", "Parcel {waybill} packed: {pieces} units, {weight} kg; label printing"),
    "weight_off": QT_TRANSLATE_NOOP("FeedbackText", "Weight {weight} kg is too far from the computed {computed} kg: "
                                    "check the contents and weigh again"),
    "bad_weight": QT_TRANSLATE_NOOP("FeedbackText", "That is not a weight in kilograms (above 0, to the gram)"),
    "contents_incomplete": QT_TRANSLATE_NOOP("FeedbackText", "Not every unit of order {order_no} is scanned yet"),
    "started_over": QT_TRANSLATE_NOOP("FeedbackText", "Parcel put aside: scan the next order or waybill"),
    # gate station
    "scan_manifest": QT_TRANSLATE_NOOP("FeedbackText", "Scan the manifest or gate pass, then each parcel"),
    "manifest_first": QT_TRANSLATE_NOOP("FeedbackText", "Scan the manifest or gate pass first"),
    "manifest": QT_TRANSLATE_NOOP("FeedbackText",
                                  "Manifest {manifest}: scan each of its {parcels} parcels as it is loaded"),
    "manifest_exited": QT_TRANSLATE_NOOP("FeedbackText", "Manifest {manifest} already left the zone"),
    "not_on_manifest": QT_TRANSLATE_NOOP("FeedbackText", "Parcel {waybill} is not on this manifest: keep it back"),
    "already_exited": QT_TRANSLATE_NOOP("FeedbackText", "Already left the zone: it cannot leave twice"),
    "gated_out": QT_TRANSLATE_NOOP("FeedbackText", "Parcel {waybill} out ({units} units); {left} still to pass"),
    "gated_out_last": QT_TRANSLATE_NOOP("FeedbackText",
                                        "Parcel {waybill} out: manifest {manifest} is complete, the vehicle may leave"),
    "loaded": QT_TRANSLATE_NOOP("FeedbackText", "Parcel {waybill} loaded; {left} of {parcels} still to load"),
    "loaded_all": QT_TRANSLATE_NOOP("FeedbackText",
                                    "All {parcels} parcels loaded: pass the vehicle (weights, IC card, F9)"),
    "already_loaded": QT_TRANSLATE_NOOP("FeedbackText", "Parcel {waybill} is already on the vehicle"),
    "not_loaded": QT_TRANSLATE_NOOP("FeedbackText",
                                    "The vehicle may not pass: {left} parcels still to load ({what})"),
    "vehicle_pass_armed": QT_TRANSLATE_NOOP("FeedbackText",
                                            "Press F9 again: the vehicle passes, its {parcels} parcels leave the zone"),
    "unknown_manifest": QT_TRANSLATE_NOOP("FeedbackText", "No manifest or gate pass {manifest}"),
    "manifest_exit_armed": QT_TRANSLATE_NOOP("FeedbackText",
                                             "Press F9 again: every parcel still on {manifest} leaves the zone, "
                                             "loaded or not"),
    "manifest_out": QT_TRANSLATE_NOOP("FeedbackText",
                                      "Manifest {manifest} left the zone: {parcels} parcels, {units} units"),
    # the whole manifest's exit refused (app.outbound.shipping.gate_out, app.outbound.vehicle_pass): nothing left
    "bad_weights": QT_TRANSLATE_NOOP("FeedbackText", "Give both the gross and the tare weight, or neither; the "
                                     "loaded vehicle weighs more than the empty one"),
    "bad_ic_card": QT_TRANSLATE_NOOP("FeedbackText", "An IC card number is up to 32 letters and digits"),
    "several_vehicles": QT_TRANSLATE_NOOP("FeedbackText", "One vehicle passes the gate at a time: these manifests "
                                          "name several vehicles"),
    "unreleased_parcels": QT_TRANSLATE_NOOP("FeedbackText", "Manifest {manifest} may not leave: some of its parcels "
                                            "are not released by customs (800)"),
    # a supervisor takes a parcel off the vehicle (F4 twice; app.outbound.shipping.unload_parcel)
    "unload_which": QT_TRANSLATE_NOOP("FeedbackText", "Type the waybill or select the loaded parcel in the list, "
                                      "then press F4"),
    "unload_armed": QT_TRANSLATE_NOOP("FeedbackText", "Press F4 again: parcel {waybill} comes off the vehicle "
                                      "{vehicle} and its manifest"),
    "unloaded": QT_TRANSLATE_NOOP("FeedbackText", "TAKE PARCEL {waybill} OFF VEHICLE {vehicle}: it is off manifest "
                                  "{manifest} (printed again) and waits, packed, for a later one; {to_load} of "
                                  "{parcels} parcels still to load"),
    "unloaded_all": QT_TRANSLATE_NOOP("FeedbackText", "TAKE PARCEL {waybill} OFF VEHICLE {vehicle}: it is off manifest "
                                      "{manifest} (printed again); its other {parcels} parcels are loaded: the "
                                      "vehicle may pass (F9)"),
    "unloaded_withdrawn": QT_TRANSLATE_NOOP("FeedbackText", "TAKE PARCEL {waybill} OFF VEHICLE {vehicle}: it was "
                                            "the last parcel of manifest {manifest}, which is withdrawn (its gate "
                                            "pass is void)"),
    "not_on_vehicle": QT_TRANSLATE_NOOP("FeedbackText", "Parcel {waybill} is not loaded on a vehicle: there is "
                                        "nothing to take off"),
    "unknown_waybill": QT_TRANSLATE_NOOP("FeedbackText", "There is no parcel with waybill {waybill}"),
}

ERRORS = {
    "not_allocatable": QT_TRANSLATE_NOOP("ErrorText", "Order {order_no} cannot be allocated: only orders released "
                                         "by customs (800) and not yet allocated are."),
    "unknown_wave": QT_TRANSLATE_NOOP("ErrorText", "There is no wave {wave}."),
    "bad_vehicle": QT_TRANSLATE_NOOP("ErrorText", "A manifest needs the vehicle's plate (at most 20 characters)."),
    "no_parcels": QT_TRANSLATE_NOOP("ErrorText",
                                    "No packed, released parcel of carrier {carrier} waits for a manifest."),
    "unreleased_parcels": QT_TRANSLATE_NOOP("ErrorText", "Parcels not released by customs (800) may not go on a "
                                            "manifest or leave the zone; nothing was changed."),
    "already_exited": QT_TRANSLATE_NOOP("ErrorText", "It already left the zone: it cannot gate out twice."),
    "unknown_manifest": QT_TRANSLATE_NOOP("ErrorText", "There is no manifest or gate pass {manifest}."),
    "unknown_code": QT_TRANSLATE_NOOP("ErrorText", "Nothing is known by {key}: not a waybill, order, batch, SSCC, "
                                      "declaration, container, manifest or gate pass number."),
    "unknown_lot": QT_TRANSLATE_NOOP("ErrorText", "There is no lot {lot}: give a batch number, DECLARATION/BATCH "
                                     "or an SSCC."),
    "ambiguous_lot": QT_TRANSLATE_NOOP("ErrorText", "This batch entered more than once: name the lot as "
                                       "DECLARATION/BATCH."),
    "unknown_parcel": QT_TRANSLATE_NOOP("ErrorText", "There is no packed parcel with waybill {waybill}."),
}


def _words(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{i.get('qty', '')} × {i.get('sku', '')}" + (f" ({i['batch']})" if i.get("batch") else "")
                     for i in items)


def present(fb: Feedback, **extra: Any) -> Feedback:
    """The feedback as the banner shows it: list parameters in words, a few codes told apart by their numbers."""
    params = {**fb.params, **extra}
    code = fb.code
    if params.get("replayed"):
        code = "replayed"
    elif code == "location":
        params["what"] = _words(params.get("pick", []))
    elif code == "picked" and not params.get("left_here"):
        code = "picked_location_done"
    elif code == "short_pick":
        params["what"] = _words(params.get("short", []))
        params["outcomes"] = "; ".join(vocabulary.short_pick_outcome(o, language())
                                       for o in params.get("outcomes", []))
    elif code == "gated_out" and not params.get("left"):
        code = "gated_out_last"
    elif code == "loaded" and not params.get("left"):
        code = "loaded_all"
    elif code == "unloaded" and params.get("manifest_withdrawn"):
        code = "unloaded_withdrawn"
    elif code == "unloaded" and not params.get("to_load"):
        code = "unloaded_all"
    elif code == "not_loaded":
        waybills = list(params.get("waybills", []))
        params["left"] = len(waybills)
        params["what"] = ", ".join(waybills[:20]) + (" …" if len(waybills) > 20 else "")
    return Feedback(fb.tone, code, fb.text, params)
