"""Customs: inventory lists out, receipts in, the message archive, holds, the bonded ledger and traces."""

from app.customs.archive import archive as archive_message
from app.customs.archive import raw_bytes
from app.customs.batch_record import batch_record as batch_record_data
from app.customs.cancellation import request_cancellation
from app.customs.checklist import enterprise as sas_enterprise
from app.customs.exchange import apply_new_receipts, deliver_outbox
from app.customs.export import ExportReport, export_inventory_lists, identity, list_head
from app.customs.hold import write_off_at_gate_out, write_off_core
from app.customs.ledger import ADJUSTED, ItemBalance, balances
from app.customs.ledger import record as record_ledger
from app.customs.queries import find_order, message_text
from app.customs.receipts import ReceiptReport, apply_receipts, status_name
from app.customs.returns import book_return
from app.customs.returns import settle as settle_return

# A name equal to its module's (batch_record, trace.trace, archive.archive) would hide the module: those are
# exported under another name or reached through their module.
__all__ = [
    "ADJUSTED",
    "ExportReport",
    "ItemBalance",
    "ReceiptReport",
    "apply_new_receipts",
    "apply_receipts",
    "archive_message",
    "balances",
    "batch_record_data",
    "book_return",
    "deliver_outbox",
    "export_inventory_lists",
    "find_order",
    "identity",
    "list_head",
    "message_text",
    "raw_bytes",
    "record_ledger",
    "request_cancellation",
    "sas_enterprise",
    "settle_return",
    "status_name",
    "write_off_at_gate_out",
    "write_off_core",
]
