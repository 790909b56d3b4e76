"""The words of orders and customs as the screens show them (statuses, rejection codes, events), and the
translated texts of this area's error codes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ORDER_STATUSES = {
    "accepted": QT_TRANSLATE_NOOP("OrderWords", "accepted, not declared"),
    "declared": QT_TRANSLATE_NOOP("OrderWords", "declared"),
    "inspection": QT_TRANSLATE_NOOP("OrderWords", "inspection"),
    "detained": QT_TRANSLATE_NOOP("OrderWords", "detained"),
    "released": QT_TRANSLATE_NOOP("OrderWords", "released"),
    "customs_rejected": QT_TRANSLATE_NOOP("OrderWords", "rejected by customs"),
    "cancelled": QT_TRANSLATE_NOOP("OrderWords", "cancelled"),
    "rejected": QT_TRANSLATE_NOOP("OrderWords", "rejected at import"),
}

# the flow stages (app.domain.order_flow.FLOW_STAGES): the orders screen's tabs and the overview's figures
ORDER_STAGES = {
    "accepted": QT_TRANSLATE_NOOP("OrderWords", "accepted"),
    "declared": QT_TRANSLATE_NOOP("OrderWords", "declared"),
    "released": QT_TRANSLATE_NOOP("OrderWords", "released, to allocate"),
    "allocated": QT_TRANSLATE_NOOP("OrderWords", "allocated"),
    "picked": QT_TRANSLATE_NOOP("OrderWords", "picked"),
    "packed": QT_TRANSLATE_NOOP("OrderWords", "packed"),
    "shipped": QT_TRANSLATE_NOOP("OrderWords", "shipped"),
    "rejected": QT_TRANSLATE_NOOP("OrderWords", "rejected by customs"),
    "inspection": QT_TRANSLATE_NOOP("OrderWords", "inspection"),
    "cancelled": QT_TRANSLATE_NOOP("OrderWords", "cancelled"),
}

# the inventory list's status after customs' latest receipt (app.customs.receipts.CUSTOMS_STATUS)
CUSTOMS_STATUSES = {
    "declared": QT_TRANSLATE_NOOP("OrderWords", "declared, no answer yet"),
    "draft": QT_TRANSLATE_NOOP("OrderWords", "draft"),
    "sending": QT_TRANSLATE_NOOP("OrderWords", "sending"),
    "sent": QT_TRANSLATE_NOOP("OrderWords", "sent"),
    "send_failed": QT_TRANSLATE_NOOP("OrderWords", "sending failed"),
    "rejected": QT_TRANSLATE_NOOP("OrderWords", "rejected (100)"),
    "accepted": QT_TRANSLATE_NOOP("OrderWords", "accepted (120)"),
    "review": QT_TRANSLATE_NOOP("OrderWords", "under review (300)"),
    "concluded": QT_TRANSLATE_NOOP("OrderWords", "review concluded (399)"),
    "await_arrival": QT_TRANSLATE_NOOP("OrderWords", "awaiting arrival (400)"),
    "inspection": QT_TRANSLATE_NOOP("OrderWords", "inspection (500)"),
    "detained": QT_TRANSLATE_NOOP("OrderWords", "detained (501–599)"),
    "suspended": QT_TRANSLATE_NOOP("OrderWords", "suspended (600)"),
    "return_abroad": QT_TRANSLATE_NOOP("OrderWords", "return abroad (700)"),
    "released": QT_TRANSLATE_NOOP("OrderWords", "released (800)"),
    "closed": QT_TRANSLATE_NOOP("OrderWords", "closed (899)"),
}

REJECTION_CODES = {
    "malformed": QT_TRANSLATE_NOOP("OrderWords", "unreadable record"),
    "bad_quantity": QT_TRANSLATE_NOOP("OrderWords", "bad quantity"),
    "bad_id_type": QT_TRANSLATE_NOOP("OrderWords", "wrong ID type"),
    "bonded_balance_short": QT_TRANSLATE_NOOP("OrderWords", "bonded balance short"),
    "duplicate_order": QT_TRANSLATE_NOOP("OrderWords", "duplicate order number"),
    "duplicate_waybill": QT_TRANSLATE_NOOP("OrderWords", "duplicate waybill"),
    "goods_value_mismatch": QT_TRANSLATE_NOOP("OrderWords", "goods value differs from the lines"),
    "id_checksum": QT_TRANSLATE_NOOP("OrderWords", "ID number checksum wrong"),
    "missing_waybill": QT_TRANSLATE_NOOP("OrderWords", "waybill missing"),
    "not_on_positive_list": QT_TRANSLATE_NOOP("OrderWords", "not on the positive list"),
    "over_annual_limit": QT_TRANSLATE_NOOP("OrderWords", "over the annual limit"),
    "over_order_limit": QT_TRANSLATE_NOOP("OrderWords", "over the order limit"),
    "payer_not_buyer": QT_TRANSLATE_NOOP("OrderWords", "payer is not the buyer"),
    "payment_mismatch": QT_TRANSLATE_NOOP("OrderWords", "payment does not add up"),
    "tax_mismatch": QT_TRANSLATE_NOOP("OrderWords", "tax differs"),
    "unknown_sku": QT_TRANSLATE_NOOP("OrderWords", "unknown SKU"),
    "unknown_seller": QT_TRANSLATE_NOOP("OrderWords", "seller is no owner of this warehouse"),
    "unknown_carrier": QT_TRANSLATE_NOOP("OrderWords", "unknown carrier"),
    "waybill_pattern": QT_TRANSLATE_NOOP("OrderWords", "waybill number does not fit the carrier"),
    "field_too_long": QT_TRANSLATE_NOOP("OrderWords", "field too long for the customs list"),
    "field_pattern": QT_TRANSLATE_NOOP("OrderWords", "field not in the form customs requires"),
    "return_abroad": QT_TRANSLATE_NOOP("OrderWords", "customs orders a return abroad (700)"),
    "customs_rejected": QT_TRANSLATE_NOOP("OrderWords", "rejected by customs"),
    "cancel_refused": QT_TRANSLATE_NOOP("OrderWords", "cancellation refused by customs"),
}

WORKBENCH_KINDS = {
    "import": QT_TRANSLATE_NOOP("OrderWords", "import"),
    "customs": QT_TRANSLATE_NOOP("OrderWords", "customs"),
    "cancel_refused": QT_TRANSLATE_NOOP("OrderWords", "cancellation"),
}

EVENT_KINDS = {
    "imported": QT_TRANSLATE_NOOP("OrderWords", "imported"),
    "sent": QT_TRANSLATE_NOOP("OrderWords", "file sent"),
    "received": QT_TRANSLATE_NOOP("OrderWords", "file received"),
    "receipt": QT_TRANSLATE_NOOP("OrderWords", "customs receipt"),
    "ledger": QT_TRANSLATE_NOOP("OrderWords", "customs ledger"),
    "audit": QT_TRANSLATE_NOOP("OrderWords", "action"),
}

CANCEL_STATES = {
    "waiting": QT_TRANSLATE_NOOP("OrderWords", "cancellation waiting (for customs' list number)"),
    "requested": QT_TRANSLATE_NOOP("OrderWords", "cancellation requested (CEB623 sent)"),
    "cancelled": QT_TRANSLATE_NOOP("OrderWords", "cancellation confirmed by customs"),
    "refused": QT_TRANSLATE_NOOP("OrderWords", "cancellation refused by customs"),
}

DIRECTIONS = {
    "out": QT_TRANSLATE_NOOP("OrderWords", "sent"),
    "in": QT_TRANSLATE_NOOP("OrderWords", "received"),
}


def _label(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return QCoreApplication.translate("OrderWords", source) if source else value


def order_status_label(status: str) -> str:
    return _label(ORDER_STATUSES, status)


def stage_label(stage: str) -> str:
    return _label(ORDER_STAGES, stage)


def customs_status_label(status: str) -> str:
    return _label(CUSTOMS_STATUSES, status)


def rejection_label(code: str) -> str:
    return _label(REJECTION_CODES, code) if code else ""


def workbench_kind_label(kind: str) -> str:
    return _label(WORKBENCH_KINDS, kind)


def event_label(kind: str) -> str:
    return _label(EVENT_KINDS, kind)


def cancel_state_label(state: str) -> str:
    return _label(CANCEL_STATES, state)


def direction_label(direction: str) -> str:
    return _label(DIRECTIONS, direction)


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

# the reason codes of a cancellation request (app.formats.customs_messages.CANCEL_REASONS sends the Chinese text)
CANCEL_REASON_TEXTS = {
    "1": QT_TRANSLATE_NOOP("OrderWords", "the consumer cancelled the order"),
    "2": QT_TRANSLATE_NOOP("OrderWords", "goods out of stock"),
    "3": QT_TRANSLATE_NOOP("OrderWords", "the declaration's data is wrong"),
    "4": QT_TRANSLATE_NOOP("OrderWords", "goods damaged"),
    "5": QT_TRANSLATE_NOOP("OrderWords", "declared twice"),
    "9": QT_TRANSLATE_NOOP("OrderWords", "another reason"),
}
