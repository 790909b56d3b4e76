"""The one place the warehouse's documents are declared: which area function fetches each one's data and which
renderer in `printing/` draws it. `build_registry()` is called once, by `app.documents.registry.registry()`.

Nothing registers itself on import. The functions are named here as "module:function" and imported when a
document is first made, so building the registry (every `bwms` start) loads neither the areas nor the renderers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.documents.registry import DocumentSpec, Registry
from app.domain.roles import Permission

if TYPE_CHECKING:
    from app.persistence.uow import UnitOfWork


def _ref(path: str) -> Callable[..., Any]:
    """The function `module:name`, imported on its first call."""
    module, name = path.split(":")

    def call(*args: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args)

    call.__qualname__ = call.__name__ = name
    return call


def _pdf(path: str) -> Callable[[Any, str], bytes]:
    """A renderer that makes one PDF from the data."""
    render = _ref(path)
    return lambda data, fmt: render(data)


def _labels(path: str) -> Callable[[Any, str], bytes]:
    """A renderer of a list of labels (ZPL for the label printer, PDF for paper)."""
    make = _ref(path)

    def render(data: list[dict[str, Any]], fmt: str) -> bytes:
        from printing.inbound_docs import labels_pdf, labels_zpl

        labels = [make(d) for d in data]
        return labels_zpl(labels) if fmt == "zpl" else labels_pdf(labels)

    return render


def _label(path: str) -> Callable[[Any, str], bytes]:
    """A renderer of one label: ZPL, PDF, or the PNG a station shows."""
    make = _ref(path)

    def render(data: dict[str, Any], fmt: str) -> bytes:
        from printing.label import to_pdf, to_png, to_zpl

        label = make(data)
        return to_zpl(label) if fmt == "zpl" else to_png(label) if fmt == "png" else to_pdf([label])

    return render


def _no_data(uow: UnitOfWork, key: str) -> None:
    return None


PACKED = "order or waybill number (packed)"
MANIFEST = "manifest or gate pass number"


def build_registry() -> Registry:
    return Registry([
        # inbound
        DocumentSpec("tally-report", "tally report", "declaration", ("pdf",),
                     _ref("app.inbound.documents:tally_report"), _pdf("printing.inbound_docs:tally_report_pdf")),
        DocumentSpec("putaway-list", "put-away list", "declaration", ("pdf",),
                     _ref("app.inbound.documents:putaway_list"), _pdf("printing.inbound_docs:putaway_list_pdf")),
        DocumentSpec("carton-labels", "carton and pallet labels", "declaration", ("pdf", "zpl"),
                     _ref("app.inbound.documents:carton_labels_in_stock"),
                     _labels("printing.inbound_docs:carton_label")),
        DocumentSpec("location-labels", "location labels", "'all' or a location-code prefix", ("pdf", "zpl"),
                     _ref("app.inbound.documents:location_labels"), _labels("printing.inbound_docs:location_label")),
        DocumentSpec("command-sheet", "command sheet", "'-' (none)", ("pdf",), _no_data,
                     lambda data, fmt: _ref("printing.inbound_docs:command_sheet_pdf")()),
        # outbound
        DocumentSpec("pick-list", "pick list", "wave", ("pdf",), _ref("app.outbound.waves:pick_list"),
                     _pdf("printing.pick_list:pick_list_pdf")),
        DocumentSpec("waybill", "waybill", PACKED, ("pdf", "zpl"),
                     _ref("app.outbound.documents:waybill_by_number"), _label("printing.waybill:waybill_label"),
                     preview_formats=("png",)),
        DocumentSpec("packing-list", "packing list", PACKED, ("pdf",),
                     _ref("app.outbound.documents:packing_list_by_number"),
                     _pdf("printing.waybill:packing_list_pdf")),
        DocumentSpec("manifest", "handover manifest", MANIFEST, ("pdf",), _ref("app.outbound.documents:manifest_data"),
                     _pdf("printing.shipping_docs:manifest_pdf")),
        DocumentSpec("gate-pass", "gate pass", MANIFEST, ("pdf",), _ref("app.outbound.documents:gate_pass_data"),
                     _pdf("printing.shipping_docs:gate_pass_pdf")),
        DocumentSpec("pull-list", "pull list", "'-' (every parcel under inspection) or an order/waybill/list",
                     ("pdf",), _ref("app.outbound.documents:pull_list_data"),
                     _pdf("printing.shipping_docs:pull_list_pdf")),
        # customs
        DocumentSpec("batch-record", "batch record", "batch, DECLARATION/BATCH or SSCC", ("pdf",),
                     _ref("app.customs.batch_record:batch_record"), _pdf("printing.batch_record:batch_record_pdf")),
        DocumentSpec("inventory-list", "inventory list", "declared order number", ("pdf",),
                     _ref("app.customs.inventory_print:inventory_list_print"),
                     _pdf("printing.inventory_list:inventory_list_pdf"), audit_entity="order", cli=False),
        DocumentSpec("exit-checklist", "exit checklist", "checklist number", ("pdf",),
                     _ref("app.customs.checklist:checklist_document"), _pdf("printing.checklist:checklist_pdf")),
        DocumentSpec("ledger-report", "stock ledger report", "period FROM..TO (or --from/--to)", ("pdf",),
                     _ref("app.customs.books:ledger_report"), _pdf("printing.ledger_report:ledger_report_pdf")),
        # stock counts
        DocumentSpec("count-sheet", "stocktake sheet (blind)", "count number", ("pdf",),
                     _ref("app.counts.documents:count_sheet"), _pdf("printing.count_docs:count_sheet_pdf")),
        DocumentSpec("count-report", "count variance report", "count number", ("pdf",),
                     _ref("app.counts.documents:count_report"), _pdf("printing.count_docs:count_report_pdf")),
        # owners
        DocumentSpec("owner-statement", "owner's monthly statement", "OWNER/YYYY-MM", ("pdf",),
                     _ref("app.owners.statement:statement_document"), _pdf("printing.owner_statement:statement_pdf"),
                     permission=Permission.SUPERVISE),
        # returns and disposal
        DocumentSpec("disposal-form", "destruction declaration form", "disposal number", ("pdf",),
                     _ref("app.returns.documents:disposal_form"), _pdf("printing.disposal_docs:disposal_form_pdf")),
        DocumentSpec("disposal-record", "disposal execution record", "executed disposal number", ("pdf",),
                     _ref("app.returns.documents:disposal_record"),
                     _pdf("printing.disposal_docs:disposal_record_pdf")),
    ])
