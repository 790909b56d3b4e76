"""The warehouse's words as the screens show them (roles, statuses, location kinds), translated at display time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "Vocabulary"

ROLES = {
    "clerk": QT_TRANSLATE_NOOP("Vocabulary", "clerk"),
    "supervisor": QT_TRANSLATE_NOOP("Vocabulary", "supervisor"),
    "customs": QT_TRANSLATE_NOOP("Vocabulary", "customs officer"),
    "admin": QT_TRANSLATE_NOOP("Vocabulary", "administrator"),
}

STOCK_STATUSES = {
    "hold": QT_TRANSLATE_NOOP("Vocabulary", "inspection hold"),
    "available": QT_TRANSLATE_NOOP("Vocabulary", "available"),
    "damaged": QT_TRANSLATE_NOOP("Vocabulary", "damaged"),
    "frozen": QT_TRANSLATE_NOOP("Vocabulary", "frozen (near expiry)"),
    "expired": QT_TRANSLATE_NOOP("Vocabulary", "expired"),
}

LOCATION_KINDS = {
    "dock": QT_TRANSLATE_NOOP("Vocabulary", "dock"),
    "storage": QT_TRANSLATE_NOOP("Vocabulary", "bonded storage"),
    "inspection": QT_TRANSLATE_NOOP("Vocabulary", "inspection area"),
    "damaged": QT_TRANSLATE_NOOP("Vocabulary", "damaged / quarantine"),
    "returns": QT_TRANSLATE_NOOP("Vocabulary", "returns"),
    "packing": QT_TRANSLATE_NOOP("Vocabulary", "packing"),
    "shipping": QT_TRANSLATE_NOOP("Vocabulary", "shipping lane"),
}

PERMISSIONS = {
    "view": QT_TRANSLATE_NOOP("Vocabulary", "view"),
    "master_data": QT_TRANSLATE_NOOP("Vocabulary", "change master data"),
    "user_admin": QT_TRANSLATE_NOOP("Vocabulary", "manage users"),
    "settings": QT_TRANSLATE_NOOP("Vocabulary", "change business settings"),
    "scan_operations": QT_TRANSLATE_NOOP("Vocabulary", "scan at a station"),
    "inbound_declaration": QT_TRANSLATE_NOOP("Vocabulary", "manage inbound declarations"),
    "release_entry": QT_TRANSLATE_NOOP("Vocabulary", "release customs entries"),
    "supervise": QT_TRANSLATE_NOOP("Vocabulary", "supervise"),
    "customs_exchange": QT_TRANSLATE_NOOP("Vocabulary", "exchange customs files"),
    "orders": QT_TRANSLATE_NOOP("Vocabulary", "import orders"),
    "reveal_pii": QT_TRANSLATE_NOOP("Vocabulary", "reveal personal data"),
    "audit": QT_TRANSLATE_NOOP("Vocabulary", "audit"),
    "print": QT_TRANSLATE_NOOP("Vocabulary", "print"),
    "backup": QT_TRANSLATE_NOOP("Vocabulary", "back up the database"),
    "restore": QT_TRANSLATE_NOOP("Vocabulary", "restore the database"),
    "key_export": QT_TRANSLATE_NOOP("Vocabulary", "export the key files"),
}


def _label(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return QCoreApplication.translate(_CONTEXT, source) if source else value


def role_label(role: str) -> str:
    return _label(ROLES, role)


def status_label(status: str) -> str:
    return _label(STOCK_STATUSES, status)


def location_kind_label(kind: str) -> str:
    return _label(LOCATION_KINDS, kind)


def permission_label(permission: str) -> str:
    return _label(PERMISSIONS, permission)


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Vocabulary", "yes") if value else QCoreApplication.translate("Vocabulary", "no")
