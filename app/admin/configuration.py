"""Shared business settings (declared in app.settings): list them, and change one with the role check and audit."""

from __future__ import annotations

from dataclasses import dataclass

from app import settings as registry
from app.admin import audit
from app.admin.auth import require
from app.domain.roles import Permission
from app.persistence.uow import Area, UnitOfWork


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: str
    default: str
    help: str


def list_settings(uow: UnitOfWork) -> list[SettingValue]:
    """Every declared setting with its current value (stored, else the default)."""
    require(uow, Permission.VIEW)
    return [SettingValue(key, str(registry.get(uow.session, key)), str(spec.default), spec.help)
            for key, spec in registry.REGISTRY.items()]


def change_setting(uow: UnitOfWork, key: str, raw: str) -> SettingValue:
    """Validate and store one setting (admin only); audited with the value before and after."""
    require(uow, Permission.SETTINGS)
    raw = raw.strip()
    before = str(registry.get(uow.session, key)) if key in registry.REGISTRY else ""
    value = registry.set_value(uow.session, key, raw)
    if str(value) != before:
        audit.record(uow, "setting_change", "setting", key, value=raw, before=before)
        uow.changes.touch(Area.SETTINGS)
    spec = registry.REGISTRY[key]
    return SettingValue(key, str(value), str(spec.default), spec.help)
