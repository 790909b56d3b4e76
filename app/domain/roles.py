"""Who may do what: roles and the permissions each holds (checked by every service)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    CUSTOMS = "customs"  # customs officer: reads everything, releases entries, reveals buyer data
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW = "view"
    MASTER_DATA = "master_data"          # import/edit products, locations, positive list, warehouse
    USER_ADMIN = "user_admin"            # add users, change roles, reset passwords
    SETTINGS = "settings"                # business settings (limits, thresholds)
    SCAN_OPERATIONS = "scan_operations"  # receive, put away, pick, pack, gate scans
    INBOUND_DECLARATION = "inbound_declaration"
    RELEASE_ENTRY = "release_entry"      # customs release of an inbound entry
    SUPERVISE = "supervise"              # waves, adjustments, manifests, exceptions, undo others' work
    CUSTOMS_EXCHANGE = "customs_exchange"  # export inventory lists, import receipts, cancel orders
    ORDERS = "orders"                    # import orders
    REVEAL_PII = "reveal_pii"            # show one buyer's ID number / phone in clear (audited)
    AUDIT = "audit"                      # verify the audit chain, read the audit log
    PRINT = "print"                      # print documents and labels (reprints are audited)
    BACKUP = "backup"                    # back up the database
    RESTORE = "restore"                  # replace the database with a backup (administrator)
    KEY_EXPORT = "key_export"            # copy the key files out for safe keeping (administrator)
    APPROVE_DISPOSAL = "approve_disposal"  # customs officer: approve the destruction or return abroad of a lot
    CONFIRM_ADJUSTMENT = "confirm_adjustment"  # customs officer: confirm a stock count's bonded adjustments


_OPERATIONS = {
    Permission.VIEW, Permission.SCAN_OPERATIONS, Permission.PRINT,
}
_SUPERVISOR = _OPERATIONS | {
    Permission.MASTER_DATA, Permission.INBOUND_DECLARATION, Permission.RELEASE_ENTRY,
    Permission.SUPERVISE, Permission.CUSTOMS_EXCHANGE, Permission.ORDERS, Permission.AUDIT, Permission.BACKUP,
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(_OPERATIONS),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.CUSTOMS: frozenset({Permission.VIEW, Permission.RELEASE_ENTRY, Permission.REVEAL_PII,
                             Permission.AUDIT, Permission.PRINT, Permission.APPROVE_DISPOSAL,
                             Permission.CONFIRM_ADJUSTMENT}),
    Role.ADMIN: frozenset(set(Permission) - {Permission.REVEAL_PII}),
}


def may(role: Role | str, permission: Permission) -> bool:
    """True when `role` holds `permission`."""
    return permission in GRANTS[Role(role)]
