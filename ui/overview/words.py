"""The overview's words: its sections, holds, alert kinds and the alerts' sentences, translated at display time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.vocabulary import term

_CONTEXT = "OverviewWords"

HOLDS = ("customs_hold", "inspection", "pulled")

# one sentence per alert kind (and per kind of hold), filled from the alert's params
ALERT_TEXTS = {
    "expiry": QT_TRANSLATE_NOOP("OverviewWords", "{sku} lot {batch}: {qty} units expire on {due} ({days} days)"),
    "expiry.locked": QT_TRANSLATE_NOOP("OverviewWords", "{sku} lot {batch}: {qty} units expire on {due} "
                                       "({days} days) — in the sale lock, no longer allocated"),
    "storage_limit": QT_TRANSLATE_NOOP("OverviewWords", "{sku} lot {batch} (item {item}): {qty} units reach the "
                                       "{limit}-day storage limit on {due}"),
    "no_receipt": QT_TRANSLATE_NOOP("OverviewWords", "Order {order_no} declared {hours} h ago: no customs receipt "
                                    "yet"),
    "return": QT_TRANSLATE_NOOP("OverviewWords", "Return {return_no} of order {order_no}: the parcel must be back "
                                "by {due} ({days} days)"),
    "hold.customs_hold": QT_TRANSLATE_NOOP("OverviewWords", "Declaration {key}: {units} units held {hours} h "
                                           "awaiting customs release"),
    "hold.inspection": QT_TRANSLATE_NOOP("OverviewWords", "Order {key} under customs inspection for {hours} h"),
    "hold.pulled": QT_TRANSLATE_NOOP("OverviewWords", "Order {key}: parcel pulled for inspection {hours} h ago"),
}


def tr(source: str) -> str:
    return QCoreApplication.translate(_CONTEXT, source)


def hold_label(kind: str) -> str:
    return term("hold_kind", kind)


def alert_kind_label(kind: str) -> str:
    return term("alert_kind", kind)


def alert_text(kind: str, due: str, params: dict[str, Any], fallback: str) -> str:
    """The alert's sentence in the screen's language (a kind without a translated sentence keeps its own text)."""
    if kind == "expiry" and params.get("locked"):
        key = "expiry.locked"
    elif kind == "hold":
        key = f"hold.{params.get('hold')}"
    else:
        key = kind
    source = ALERT_TEXTS.get(key)
    if source is None:
        return fallback
    return tr(source).format(due=due[:10], **params)
