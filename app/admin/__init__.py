"""Administration: users and roles, settings, the audit trail, buyers' personal data, master data and the checks."""

from app.admin.auth import (
    LIVE_ROLE,
    AccessDenied,
    add_user,
    has_users,
    known_role,
    list_users,
    live_role,
    live_role_param,
    login,
    require,
    set_user,
)
from app.admin.backup import (
    BackupReport,
    LastBackup,
    Upgrade,
    backup_database,
    last_backup,
    run_daily,
    upgrade_safely,
)
from app.admin.carriers import CarrierRef, carrier_of, carriers_by_code
from app.admin.checks import CheckResult, check_all
from app.admin.configuration import SettingValue, change_setting, list_settings
from app.admin.keys import KeyExport, export_keys
from app.admin.lookups import ProductRef, gtins_as_filed, product_by_gtin, the_warehouse, warehouse_zone
from app.admin.masterdata import (
    ImportReport,
    import_account_book,
    import_carriers,
    import_locations,
    import_positive_list,
    import_products,
    import_warehouse,
)
from app.admin.owners import (
    OwnerRef,
    Owners,
    ensure_owner,
    import_owners,
    import_tariffs,
    list_owners,
    owner_by_code,
)
from app.admin.pii import PiiKey
from app.admin.restore import RestoreReport, restore_database

# `audit` (audit.record), `pii` (pii.key_for) and `backup` are published modules: used as a namespace.
__all__ = [
    "LIVE_ROLE",
    "AccessDenied",
    "BackupReport",
    "CarrierRef",
    "CheckResult",
    "ImportReport",
    "KeyExport",
    "LastBackup",
    "OwnerRef",
    "Owners",
    "PiiKey",
    "ProductRef",
    "RestoreReport",
    "SettingValue",
    "Upgrade",
    "add_user",
    "backup_database",
    "carrier_of",
    "carriers_by_code",
    "change_setting",
    "check_all",
    "ensure_owner",
    "export_keys",
    "gtins_as_filed",
    "has_users",
    "import_account_book",
    "import_carriers",
    "import_locations",
    "import_owners",
    "import_positive_list",
    "import_products",
    "import_tariffs",
    "import_warehouse",
    "known_role",
    "last_backup",
    "list_owners",
    "list_settings",
    "list_users",
    "live_role",
    "live_role_param",
    "login",
    "owner_by_code",
    "product_by_gtin",
    "require",
    "restore_database",
    "run_daily",
    "set_user",
    "the_warehouse",
    "upgrade_safely",
    "warehouse_zone",
]
