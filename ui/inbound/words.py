"""Inbound words on screen: declaration statuses, the stations' feedback texts and the area's error texts.

The receive and put-away workflows answer with a Feedback (stable code + parameters); `for_banner` gives each
one a code of its own area (`receive.counted`, `putaway.refused.on_hold`…), so the texts registered here never
collide with another area's codes, and a refusal never borrows the text of a success with the same code.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.stations import Feedback, Tone
from ui.vocabulary import location_kind_label, term
from ui.widgets.feedback import UNKNOWN_COMMAND

# expected → tallying → tallied → released → put away → closed
DECLARATION_STATUSES = ("expected", "tallying", "tallied", "released", "put_away", "closed")
RECEIVABLE = ("expected", "tallying")


def declaration_status(status: str) -> str:
    return term("declaration_status", status)


def status_flow(current: str) -> str:
    """The whole status flow as rich text, the current status in bold."""
    words = [(f"<b><u>{declaration_status(s)}</u></b>" if s == current else declaration_status(s))
             for s in DECLARATION_STATUSES]
    return " → ".join(words)


_SCAN_REFUSALS = {
    "empty": QT_TRANSLATE_NOOP("FeedbackText", "Empty scan: nothing was read"),
    "unknown_barcode": QT_TRANSLATE_NOOP("FeedbackText", "Unknown barcode: not a carton label, product, location "
                                                         "or command"),
    "unknown_command": UNKNOWN_COMMAND,
    "malformed": QT_TRANSLATE_NOOP("FeedbackText", "Malformed barcode: it cannot be read as a carton, product or "
                                                   "location label"),
    "bad_check_digit": QT_TRANSLATE_NOOP("FeedbackText", "Wrong check digit: the barcode is misprinted or misread; "
                                                         "scan it again"),
    "unknown_product": QT_TRANSLATE_NOOP("FeedbackText", "No product has GTIN {gtin}: unknown product"),
    "unknown_location": QT_TRANSLATE_NOOP("FeedbackText", "No location {location}"),
    "permission_denied": QT_TRANSLATE_NOOP("FeedbackText", "Your role may not scan at this station; nothing was "
                                                           "changed"),
}

RECEIVE_TEXTS = {
    "receive.choose": QT_TRANSLATE_NOOP("FeedbackText", "Scan the declaration number, or pick it with F2"),
    "receive.chosen": QT_TRANSLATE_NOOP("FeedbackText", "Declaration {declaration}: scan the cartons"),
    "receive.counted": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku} batch {batch}: +{quantity} on line {line_no}. {counted} of {expected} counted, "
        "{remaining} still expected"),
    "receive.counted_damaged": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku} batch {batch}: +{quantity} DAMAGED on line {line_no}. {counted} of {expected} "
        "counted, {remaining} still expected"),
    "receive.over": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku} batch {batch}: +{quantity} on line {line_no}. {counted} of {expected}: {over} over "
        "the declared quantity"),
    "receive.over_damaged": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku} batch {batch}: +{quantity} DAMAGED on line {line_no}. {counted} of {expected}: "
        "{over} over the declared quantity"),
    "receive.unexpected_batch": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku}: batch {batch} is not declared on line {line_no}; counted and flagged. {counted} of "
        "{expected}"),
    "receive.unexpected_batch_damaged": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku}: batch {batch} is not declared on line {line_no}; counted DAMAGED and flagged. "
        "{counted} of {expected}"),
    "receive.undone": QT_TRANSLATE_NOOP(
        "FeedbackText", "Undone: −{quantity} {sku} batch {batch} on line {line_no}. {counted} of {expected} "
        "counted, {remaining} still expected"),
    "receive.undone_damaged": QT_TRANSLATE_NOOP(
        "FeedbackText", "Undone: −{quantity} damaged {sku} batch {batch} on line {line_no}. {counted} of "
        "{expected} counted, {remaining} still expected"),
    "receive.tally_closed": QT_TRANSLATE_NOOP(
        "FeedbackText", "Tally of {declaration} closed: {short_units} units short, {over_units} over, "
        "{damaged_units} damaged. The goods wait on inspection hold at {staging}"),
    "receive.damaged_next": QT_TRANSLATE_NOOP("FeedbackText", "The next carton scanned is counted as DAMAGED"),
    "receive.staging_chosen": QT_TRANSLATE_NOOP("FeedbackText", "At close the goods are staged at {location}"),
    "receive.replayed": QT_TRANSLATE_NOOP("FeedbackText", "Already scanned: this scan was counted before, nothing "
                                                          "was counted again"),
    "receive.not_receivable": QT_TRANSLATE_NOOP("FeedbackText", "Declaration {declaration} is {status}: its tally "
                                                                "is closed, nothing more can be counted"),
    "receive.refused.sscc_only": QT_TRANSLATE_NOOP("FeedbackText", "SSCC {sscc} alone does not say what the carton "
                                                                   "holds: scan its product label"),
    "receive.refused.tally_closed": QT_TRANSLATE_NOOP("FeedbackText", "The tally of this declaration is closed: "
                                                                      "nothing more can be counted or undone"),
    "receive.refused.unknown_declaration": QT_TRANSLATE_NOOP("FeedbackText", "No declaration {declaration}: import "
                                                                             "it first"),
    "receive.refused.not_found": QT_TRANSLATE_NOOP("FeedbackText", "No declaration {declaration}"),
    "receive.refused.not_declared": QT_TRANSLATE_NOOP("FeedbackText", "{sku} (GTIN {gtin}) is not on this "
                                                                      "declaration: not counted"),
    "receive.refused.duplicate_carton": QT_TRANSLATE_NOOP("FeedbackText", "Carton SSCC {sscc} was already counted"),
    "receive.refused.short_shelf_life": QT_TRANSLATE_NOOP(
        "FeedbackText", "Batch {batch} of {sku} expires {expiry}: too little shelf life left for receipt; not "
        "counted"),
    "receive.refused.nothing_to_undo": QT_TRANSLATE_NOOP("FeedbackText", "Nothing to undo: this station has no "
                                                                         "counted scan on this declaration"),
    "receive.refused.nothing_counted": QT_TRANSLATE_NOOP("FeedbackText", "Nothing was counted yet: scan the cartons "
                                                                         "before closing"),
    "receive.refused.no_staging_location": QT_TRANSLATE_NOOP("FeedbackText", "No inspection or dock location to "
                                                                             "stage the goods: import the locations"),
    "receive.refused.no_damaged_location": QT_TRANSLATE_NOOP("FeedbackText", "Damaged units were counted but there "
                                                                             "is no damaged location: import one"),
    "receive.refused.wrong_location_kind": QT_TRANSLATE_NOOP(
        "FeedbackText", "{location} is a {kind} location: received goods wait in an inspection or dock location"),
}

PUTAWAY_TEXTS = {
    "putaway.ready": QT_TRANSLATE_NOOP("FeedbackText", "Scan the goods (carton, pallet or product label), then the "
                                                       "location"),
    "putaway.goods": QT_TRANSLATE_NOOP("FeedbackText", "{quantity} × {sku} batch {batch} from {from}: put it at "
                                                       "{suggested}, then scan the location"),
    "putaway.goods_no_room": QT_TRANSLATE_NOOP("FeedbackText", "{quantity} × {sku} batch {batch} from {from}: no "
                                                               "empty storage location is left; scan a location"),
    "putaway.put_away": QT_TRANSLATE_NOOP("FeedbackText", "{quantity} × {sku} batch {batch} moved {from} → {to}"),
    "putaway.goods_first": QT_TRANSLATE_NOOP("FeedbackText", "Cleared: scan the goods (carton, pallet or product)"),
    "putaway.replayed": QT_TRANSLATE_NOOP("FeedbackText", "Already scanned: this was done before, nothing was moved "
                                                          "again"),
    "putaway.all_suggested": QT_TRANSLATE_NOOP("FeedbackText", "{declaration}: {moves} moves, {units} units put "
                                                               "away, {unplaced} not placed"),
    "putaway.not_saved": QT_TRANSLATE_NOOP("FeedbackText", "The database did not answer: the scan may not be saved. "
                                                           "Press F5 to send it again (it is never done twice)"),
    "putaway.refused.goods_first": QT_TRANSLATE_NOOP("FeedbackText", "Scan the goods (carton, pallet or product "
                                                                     "label) first"),
    "putaway.refused.not_staged": QT_TRANSLATE_NOOP("FeedbackText", "These goods do not wait for put-away at an "
                                                                    "inspection, dock or packing location"),
    "putaway.refused.on_hold": QT_TRANSLATE_NOOP(
        "FeedbackText", "{sku} batch {batch} is on inspection hold: declaration {declaration} is not released by "
        "customs yet, so it may not go into bonded storage"),
    "putaway.refused.ambiguous_lot": QT_TRANSLATE_NOOP("FeedbackText", "Several batches of {sku} wait for put-away: "
                                                                       "scan a carton label that carries the batch"),
    "putaway.refused.insufficient_stock": QT_TRANSLATE_NOOP("FeedbackText", "Fewer units of {sku} wait for put-away "
                                                                            "than the scan says ({asked})"),
    "putaway.refused.unknown_sscc": QT_TRANSLATE_NOOP("FeedbackText", "No goods carry SSCC {sscc}"),
    "putaway.refused.wrong_location_kind": QT_TRANSLATE_NOOP(
        "FeedbackText", "{location} is a {kind} location: put-away goes to a bonded storage location"),
    "putaway.refused.mixed_lots": QT_TRANSLATE_NOOP(
        "FeedbackText", "{location} already holds batch {batch} of {sku}: two lots of one SKU are not mixed. Choose "
        "another location, or allow mixing"),
}

ERROR_TEXTS = {
    "not_tallied": QT_TRANSLATE_NOOP("ErrorText", "The tally of this declaration is not closed yet: close it before "
                                                  "the release. Nothing was changed."),
    "already_released": QT_TRANSLATE_NOOP("ErrorText", "This declaration was already released. Nothing was "
                                                       "changed."),
    "on_hold": QT_TRANSLATE_NOOP("ErrorText", "The goods are on inspection hold: the declaration is not released by "
                                              "customs yet. Nothing was moved."),
    "no_labels": QT_TRANSLATE_NOOP("ErrorText", "No pallet or carton of this declaration is in stock: close its "
                                                "tally first."),
}


def feedback_texts() -> dict[str, str]:
    """The receive and put-away stations' banner texts, each refusal under its station's code."""
    out: dict[str, str] = {}
    for area, texts in (("receive", RECEIVE_TEXTS), ("putaway", PUTAWAY_TEXTS)):
        out |= texts | {f"{area}.refused.{code}": text for code, text in _SCAN_REFUSALS.items()}
    return out


def for_banner(area: str, fb: Feedback) -> Feedback:
    """The workflow's feedback with a code of this area's texts, and its parameters ready to show."""
    params = dict(fb.params)
    if "batch" in params:
        params["batch"] = params["batch"] or "—"
    if "kind" in params:
        params["kind"] = location_kind_label(str(params["kind"]))
    if params.get("replayed"):
        code = f"{area}.replayed"
    elif fb.tone == Tone.ERROR:
        code = f"{area}.refused.{fb.code}"
    elif fb.code == "goods" and not params.get("suggested"):
        code = f"{area}.goods_no_room"
    else:
        code = f"{area}.{fb.code}" + ("_damaged" if params.get("damaged") else "")
    return Feedback(fb.tone, code, fb.text, params)


def station_feedback(area: str, tone: Tone, code: str, text: str, **params: object) -> Feedback:
    """A feedback the screen itself gives (choose a declaration, not saved…), in the area's texts."""
    return Feedback(tone, f"{area}.{code}", text, dict(params))
