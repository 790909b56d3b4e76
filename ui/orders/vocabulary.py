"""The words of orders and customs as the screens show them (statuses, rejection codes, events), and the
translated texts of this area's error codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain import vocabulary
from app.domain.masking import mask_text
from ui.vocabulary import language, term, with_fields


def order_status_label(status: str) -> str:
    return term("order_status", status)


def stage_label(stage: str) -> str:
    return term("flow_stage", stage)


def customs_status_label(status: str) -> str:
    return term("customs_status", status)


def rejection_label(code: str) -> str:
    return term("rejection", code) if code else ""


def rejection_detail(row: Mapping[str, Any]) -> str:
    """A rejection's detail (`reason`, `params` of a workbench or import report row) in the screen's language, ID
    and phone numbers masked: from its params; a rejection stored before they were kept, or customs' own text,
    shows the stored sentence with its field paths named."""
    text = vocabulary.rejection_detail(row.get("params"), language(), name_fields=True)
    return with_fields(mask_text(row["reason"] if text is None else text))


def workbench_kind_label(kind: str) -> str:
    return term("workbench_kind", kind)


EVENT_KINDS = {
    "imported": QT_TRANSLATE_NOOP("OrderWords", "imported"),
    "sent": QT_TRANSLATE_NOOP("OrderWords", "file sent"),
    "received": QT_TRANSLATE_NOOP("OrderWords", "file received"),
    "receipt": QT_TRANSLATE_NOOP("OrderWords", "customs receipt"),
    "ledger": QT_TRANSLATE_NOOP("OrderWords", "customs ledger"),
    "audit": QT_TRANSLATE_NOOP("OrderWords", "action"),
}


def event_label(kind: str) -> str:
    source = EVENT_KINDS.get(kind)
    return QCoreApplication.translate("OrderWords", source) if source else kind


def cancel_state_label(state: str) -> str:
    return term("cancel_state", state)


def direction_label(direction: str) -> str:
    return term("direction", direction)


def cancel_reason_label(code: str) -> str:
    return term("cancel_reason", code)


# this area's error codes, installed by ui.shell.install_texts()
ERROR_TEXTS = {
    "not_open": QT_TRANSLATE_NOOP("ErrorText", "This rejected record was already dealt with."),
    "already_cancelled": QT_TRANSLATE_NOOP("ErrorText", "Order {order_no} is already cancelled."),
    "not_cancellable": QT_TRANSLATE_NOOP("ErrorText", "Order {order_no} has left or is on its way: it cannot "
                                         "be cancelled (a parcel that left comes back as a return)."),
    "ambiguous_order": QT_TRANSLATE_NOOP("ErrorText", "Order number {order_no} exists on several platforms."),
    "not_customs_rejected": QT_TRANSLATE_NOOP("ErrorText", "Only an order rejected by customs can be declared "
                                              "again."),
    "not_declared": QT_TRANSLATE_NOOP("ErrorText", "Order {order_no} is not declared yet: there is no inventory "
                                      "list to print."),
    "no_warehouse": QT_TRANSLATE_NOOP("ErrorText", "The warehouse's customs identity is missing: import it "
                                      "first."),
    "bad_folder": QT_TRANSLATE_NOOP("ErrorText", "The folder {path} cannot be used (missing or not writable)."),
    "key_missing": QT_TRANSLATE_NOOP("ErrorText", "The key file for buyers' data ({path}) is missing on this "
                                     "workstation: copy it from the workstation that created it."),
    "wrong_key": QT_TRANSLATE_NOOP("ErrorText", "This workstation's key file does not open this database's "
                                   "buyer data: every workstation must use the same key file."),
    "bad_key_file": QT_TRANSLATE_NOOP("ErrorText", "The key file {path} is not a valid key."),
    "bonded_balance_short": QT_TRANSLATE_NOOP("ErrorText", "The bonded balance is too short to declare this "
                                              "order again."),
    "unknown_country": QT_TRANSLATE_NOOP("ErrorText", "Country of origin {origin} has no customs code."),
    "missing_setting": QT_TRANSLATE_NOOP("ErrorText", "The setting {setting} is not set: set it in the "
                                         "warehouse settings first. Nothing was written."),
    "schema_invalid": QT_TRANSLATE_NOOP("ErrorText", "The {message_type} message breaks its schema at {element} "
                                        "({rule}): nothing was sent."),
    "unknown_carrier": QT_TRANSLATE_NOOP("ErrorText", "Carrier {carrier} of order {order_no} is not a known "
                                         "carrier: import the carriers file."),
    "no_declaration_elements": QT_TRANSLATE_NOOP("ErrorText", "Product {sku} has no declaration elements: add "
                                                 "them to the products file."),
    "bad_cancel_reason": QT_TRANSLATE_NOOP("ErrorText", "Unknown cancellation reason {reason}."),
}

# the reason codes of a cancellation request (app.formats.customs.messages.CANCEL_REASONS sends the Chinese text)
CANCEL_REASON_CODES = ("1", "2", "3", "4", "5", "9")
