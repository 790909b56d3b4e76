"""The outbound statuses as the screens say them (orders, waves, pick tasks, parcels, manifests), translated."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.clock import warehouse_time

_CONTEXT = "OutboundWords"

STATUSES = {
    "released": QT_TRANSLATE_NOOP("OutboundWords", "released, not allocated"),
    "short": QT_TRANSLATE_NOOP("OutboundWords", "short, waiting for stock"),
    "allocated": QT_TRANSLATE_NOOP("OutboundWords", "allocated"),
    "picked": QT_TRANSLATE_NOOP("OutboundWords", "picked"),
    "packed": QT_TRANSLATE_NOOP("OutboundWords", "packed"),
    "manifested": QT_TRANSLATE_NOOP("OutboundWords", "on a manifest"),
    "shipped": QT_TRANSLATE_NOOP("OutboundWords", "shipped"),
    "open": QT_TRANSLATE_NOOP("OutboundWords", "open"),
    "created": QT_TRANSLATE_NOOP("OutboundWords", "loading"),
    "exiting": QT_TRANSLATE_NOOP("OutboundWords", "partly out"),
    "exited": QT_TRANSLATE_NOOP("OutboundWords", "left the zone"),
    "inspection": QT_TRANSLATE_NOOP("OutboundWords", "under inspection"),
    "cancelled": QT_TRANSLATE_NOOP("OutboundWords", "cancelled"),
}

# what trace and the batch record call each thing they found
KINDS = {
    "waybill": QT_TRANSLATE_NOOP("OutboundWords", "waybill"),
    "order": QT_TRANSLATE_NOOP("OutboundWords", "order"),
    "batch": QT_TRANSLATE_NOOP("OutboundWords", "batch"),
    "sscc": QT_TRANSLATE_NOOP("OutboundWords", "SSCC"),
    "declaration": QT_TRANSLATE_NOOP("OutboundWords", "declaration or container"),
    "manifest": QT_TRANSLATE_NOOP("OutboundWords", "manifest or gate pass"),
}


def status_word(status: str) -> str:
    source = STATUSES.get(status)
    return QCoreApplication.translate(_CONTEXT, source) if source else status


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


def fmt(template: str, *values: Any) -> str:
    """A translated sentence with its %1, %2… filled in (Qt's numbered placeholders)."""
    for number in range(len(values), 0, -1):  # %10 before %1
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
