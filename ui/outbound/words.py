"""The outbound statuses as the screens say them (orders, waves, pick tasks, parcels, manifests), translated."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain import vocabulary
from ui.clock import warehouse_time
from ui.vocabulary import language, term

_CONTEXT = "OutboundWords"

# the kinds whose names status_word looks in, first match wins (orders first: their words are the most precise)
_STATUS_KINDS = ("order_status", "manifest_status", "wave_status", "parcel_status", "pick_status")


# what trace and the batch record call each thing they found
KINDS = {
    "waybill": QT_TRANSLATE_NOOP("OutboundWords", "waybill"),
    "order": QT_TRANSLATE_NOOP("OutboundWords", "order"),
    "batch": QT_TRANSLATE_NOOP("OutboundWords", "batch"),
    "sscc": QT_TRANSLATE_NOOP("OutboundWords", "SSCC"),
    "declaration": QT_TRANSLATE_NOOP("OutboundWords", "declaration or container"),
    "manifest": QT_TRANSLATE_NOOP("OutboundWords", "manifest or gate pass"),
}


def status_word(status: str, kind: str = "") -> str:
    """An outbound status by its name (`kind` says whose status it is when the same code means two things)."""

    for k in (kind,) if kind else _STATUS_KINDS:
        if vocabulary.known(k, status):
            return term(k, status)
    return status


def kind_word(kind: str) -> str:
    source = KINDS.get(kind)
    return QCoreApplication.translate(_CONTEXT, source) if source else kind


def wave_kind(single_unit: bool) -> str:
    return (QCoreApplication.translate("OutboundWords", "single-unit") if single_unit
            else QCoreApplication.translate("OutboundWords", "multi-unit"))


def shown(value: Any) -> str:
    """A cell: warehouse time to the minute, kilograms to the gram, blanks for nothing."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return warehouse_time(value, seconds=False)
    if isinstance(value, Decimal):
        return f"{value:.3f}"
    return str(value)


def wait_reason(reason: str | None, params: dict[str, Any] | None) -> str:
    """Why an order waits, in the screen's language: from its form and values; a wait stored before they were kept
    shows its stored sentence."""
    return vocabulary.wait_detail(params, language()) or reason or ""


def fmt(template: str, *values: Any) -> str:
    """A translated sentence with its %1, %2… filled in (Qt's numbered placeholders)."""
    for number in range(len(values), 0, -1):  # %10 before %1
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
