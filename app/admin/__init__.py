"""Administration: users and roles, settings, the audit trail, buyers' personal data, master data and the checks."""

from app.admin.auth import AccessDenied, add_user, has_users, list_users, login, require, set_user
from app.admin.checks import CheckResult, check_all
from app.admin.configuration import SettingValue, change_setting, list_settings
from app.admin.lookups import ProductRef, product_by_gtin, warehouse_zone
from app.admin.masterdata import (
    ImportReport,
    import_account_book,
    import_locations,
    import_positive_list,
    import_products,
    import_warehouse,
)
from app.admin.pii import PiiKey

# `audit` (audit.record) and `pii` (pii.key_for) are published modules: every area uses them as a namespace.
__all__ = [
    "AccessDenied", "CheckResult", "ImportReport", "PiiKey", "ProductRef", "SettingValue",
    "add_user", "change_setting", "check_all", "has_users", "import_account_book", "import_locations",
    "import_positive_list", "import_products", "import_warehouse", "list_settings", "list_users", "login",
    "product_by_gtin", "require", "set_user", "warehouse_zone",
]
