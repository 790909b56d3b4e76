"""Every shared business setting, declared once with its type, default and meaning (stored in the database)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.errors import Rejected


@dataclass(frozen=True)
class SettingDef:
    key: str
    kind: Callable[[str], Any]
    default: Any
    help: str


def _fraction(value: str) -> Decimal:
    d = Decimal(value)
    if not Decimal(0) <= d <= Decimal(1):
        raise ValueError("must be between 0 and 1")
    return d


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered not in {"on", "off", "true", "false", "yes", "no", "1", "0"}:
        raise ValueError("on or off")
    return lowered in {"on", "true", "yes", "1"}


def _pattern(pattern: str, what: str, *, empty: bool = True) -> Callable[[str], str]:
    """A text setting that must match `pattern` (or be empty, where empty means "not set")."""
    def check(value: str) -> str:
        value = value.strip()
        if not (empty and not value) and not re.fullmatch(pattern, value):
            raise ValueError(f"must be {what}")
        return value
    check.__name__ = what
    return check


REGISTRY: dict[str, SettingDef] = {s.key: s for s in [
    SettingDef("inbound_min_shelf_life_fraction", _fraction, Decimal("0.5"),
               "a batch is refused at receipt when less than this fraction of its shelf life remains"),
    SettingDef("sale_lock_days", int, 30,
               "lots with fewer days than this to expiry are not allocated to orders"),
    SettingDef("expiry_warning_days", int, 30,
               "alert on a lot this many days before it enters the sale lock (bwms alerts, the overview)"),
    SettingDef("storage_limit_warning_days", int, 30,
               "alert on a lot this many days before its account-book item's storage-time limit runs out"),
    SettingDef("receipt_overdue_hours", int, 24,
               "alert on an order declared to customs with no receipt after this many hours"),
    SettingDef("hold_alert_hours", int, 48,
               "alert on a hold (goods awaiting customs release, an inspection, a pulled parcel) older than this"),
    SettingDef("return_warning_days", int, 7,
               "alert on a consumer return whose parcel must be back within this many days and has not arrived"),
    SettingDef("order_limit_cny", Decimal, Decimal("5000"), "per-order dutiable limit (CNY)"),
    SettingDef("annual_limit_cny", Decimal, Decimal("26000"), "per-buyer annual limit (CNY)"),
    SettingDef("tax_discount_factor", Decimal, Decimal("0.7"), "share of VAT and consumption tax levied"),
    SettingDef("tax_tolerance_cny", Decimal, Decimal("0.05"), "allowed gap between declared and computed tax"),
    SettingDef("weight_tolerance_fraction", _fraction, Decimal("0.10"),
               "a parcel whose weight differs from the computed gross weight by more is held"),
    SettingDef("return_apply_days", int, 30, "a return (CEB625) may be requested this many days after the release"),
    SettingDef("return_arrive_days", int, 45,
               "returned goods must be back in the zone this many days after the release"),
    SettingDef("disposal_company", str, "", "the company that destroys goods (on the destruction declaration form)"),
    SettingDef("max_wave_orders", int, 200, "largest number of orders in one wave"),
    SettingDef("gs1_company_prefix", str, "6901234",
               "GS1 company prefix of the SSCCs the warehouse makes for pallets and cartons"),
    SettingDef("key_file", str, "", "path of the key file that encrypts buyers' personal data"),
    SettingDef("audit_key_file", str, "",
               "path of the key file that keys the audit chain (default: bwms-audit.key beside the database)"),
    SettingDef("customs_outbox", str, "", "folder the declaration client picks CEB621 files from"),
    SettingDef("customs_inbox", str, "", "folder receipts (CEB622) arrive in"),
    SettingDef("dxp_id", _pattern(r"DXP[0-9A-Z]{13}", "DXP followed by 13 capital letters or digits, e.g. "
                                  "DXPENT0000458763"), "",
               "the DXP id of the enterprise sending customs messages (BaseTransfer/dxpId); required to export"),
    SettingDef("assure_code", _pattern(r"[0-9A-Z]{10}|[0-9A-Z]{18}", "a 10-character customs code or an "
                                       "18-character credit code"), "",
               "customs code of the guarantee enterprise (assureCode: the platform, the e-commerce enterprise "
               "or the carrier); empty: each order's e-commerce enterprise"),
    SettingDef("traf_mode", _pattern(r"[0-9A-Z]", "one customs transport-mode code, e.g. 4 (road)", empty=False),
               "4", "transport mode by which parcels leave the zone (trafMode, customs code table; 4 = road)"),
    SettingDef("wrap_type", _pattern(r"[1-7]", "1 to 7", empty=False), "2",
               "package type of a parcel (wrapType: 1 wooden case, 2 carton, 3 drum, 4 bulk, 5 pallet, 6 bag, "
               "7 other)"),
    SettingDef("backup_daily", _flag, False,
               "on: a running workstation backs the database up once a day (once across all workstations)"),
    SettingDef("backup_keep", int, 14, "how many daily backups to keep in the backup folder (older are deleted)"),
    SettingDef("backup_folder", str, "", "folder for backups (default: the data folder's backups/)"),
]}


def get(session, key: str) -> Any:  # noqa: ANN001 - a SQLAlchemy Session
    """The typed value of a setting: stored value, else the declared default."""
    from sqlalchemy import select

    from app.persistence.models import Setting

    spec = REGISTRY[key]
    raw = session.execute(select(Setting.value).where(Setting.key == key)).scalar()
    return spec.default if raw is None else spec.kind(raw)


def set_value(session, key: str, raw: str) -> Any:  # noqa: ANN001 - a SQLAlchemy Session
    """Validate and store; raises Rejected naming the setting and why."""
    from app.persistence.models import Setting

    if key not in REGISTRY:
        raise Rejected(f"unknown setting {key!r}", code="unknown_setting")
    try:
        value = REGISTRY[key].kind(raw)
    except (ValueError, ArithmeticError) as exc:
        raise Rejected(f"setting {key}: {raw!r} is not valid ({exc})", code="bad_setting") from exc
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=raw))
    else:
        row.value = raw
    return value
