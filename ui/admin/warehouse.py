"""Warehouse settings: the customs identity of the warehouse, and the shared business settings (admin edits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.admin.configuration import SettingValue, change_setting, list_settings
from app.admin.queries import warehouse_identity
from app.domain import vocabulary
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.error_text import describe
from ui.i18n import chinese_on_screen
from ui.shell.screen import Screen, heading
from ui.vocabulary import capitalised, setting_label
from ui.widgets.import_action import ImportButton, ImportKind
from ui.widgets.tables import fit, grid

if TYPE_CHECKING:
    from ui.context import AppContext

IDENTITY_FIELDS = [
    ("name", QT_TRANSLATE_NOOP("WarehouseIdentity", "Warehouse")),
    ("area_code", QT_TRANSLATE_NOOP("WarehouseIdentity", "In-zone enterprise code")),
    ("area_name", QT_TRANSLATE_NOOP("WarehouseIdentity", "In-zone enterprise")),
    ("account_book", QT_TRANSLATE_NOOP("WarehouseIdentity", "Account book (emsNo)")),
    ("customs_code", QT_TRANSLATE_NOOP("WarehouseIdentity", "Customs office")),
    ("port_code", QT_TRANSLATE_NOOP("WarehouseIdentity", "Port")),
    ("agent_code", QT_TRANSLATE_NOOP("WarehouseIdentity", "Declaring agent code")),
    ("agent_name", QT_TRANSLATE_NOOP("WarehouseIdentity", "Declaring agent")),
    ("time_zone", QT_TRANSLATE_NOOP("WarehouseIdentity", "Time zone")),
]
# setting key → (name, meaning) in context "Settings"; a setting added later shows its English help.
SETTING_TEXTS: dict[str, tuple[str, str]] = {
    "inbound_min_shelf_life_fraction": (
        QT_TRANSLATE_NOOP("Settings", "Minimum shelf life left at receipt (fraction)"),
        QT_TRANSLATE_NOOP("Settings", "A batch is refused at receipt when less than this fraction of its "
                                      "shelf life remains.")),
    "sale_lock_days": (QT_TRANSLATE_NOOP("Settings", "Sale lock before expiry (days)"),
                       QT_TRANSLATE_NOOP("Settings", "Lots with fewer days than this to expiry are not "
                                                     "allocated to orders.")),
    "order_limit_cny": (QT_TRANSLATE_NOOP("Settings", "Per-order limit (CNY)"),
                        QT_TRANSLATE_NOOP("Settings", "The dutiable value one order may have.")),
    "annual_limit_cny": (QT_TRANSLATE_NOOP("Settings", "Annual limit per buyer (CNY)"),
                         QT_TRANSLATE_NOOP("Settings", "What one buyer may import in a calendar year.")),
    "tax_discount_factor": (QT_TRANSLATE_NOOP("Settings", "Tax discount factor"),
                            QT_TRANSLATE_NOOP("Settings", "Share of VAT and consumption tax that is levied.")),
    "tax_tolerance_cny": (QT_TRANSLATE_NOOP("Settings", "Tax tolerance (CNY)"),
                          QT_TRANSLATE_NOOP("Settings", "Allowed gap between the declared and the computed tax.")),
    "weight_tolerance_fraction": (
        QT_TRANSLATE_NOOP("Settings", "Parcel weight tolerance (fraction)"),
        QT_TRANSLATE_NOOP("Settings", "A parcel whose weight differs more from its computed gross weight is "
                                      "held.")),
    "max_wave_orders": (QT_TRANSLATE_NOOP("Settings", "Largest wave (orders)"),
                        QT_TRANSLATE_NOOP("Settings", "The most orders one wave may hold.")),
    "key_file": (QT_TRANSLATE_NOOP("Settings", "Personal-data key file"),
                 QT_TRANSLATE_NOOP("Settings", "The key file that encrypts buyers' personal data.")),
    "customs_outbox": (QT_TRANSLATE_NOOP("Settings", "Customs outbox folder"),
                       QT_TRANSLATE_NOOP("Settings", "The declaration client picks CEB621 files up here.")),
    "customs_inbox": (QT_TRANSLATE_NOOP("Settings", "Customs inbox folder"),
                      QT_TRANSLATE_NOOP("Settings", "Customs receipts (CEB622) arrive here.")),
    "dxp_id": (QT_TRANSLATE_NOOP("Settings", "DXP id"),
               QT_TRANSLATE_NOOP("Settings", "The data-exchange id of the enterprise that sends the customs "
                                             "messages (e.g. DXPENT0000458763). Lists are not exported without it.")),
    "assure_code": (QT_TRANSLATE_NOOP("Settings", "Guarantee enterprise code"),
                    QT_TRANSLATE_NOOP("Settings", "Customs code of the enterprise that guarantees the tax "
                                                  "(assureCode). Empty: each order's e-commerce enterprise.")),
    "traf_mode": (QT_TRANSLATE_NOOP("Settings", "Transport mode"),
                  QT_TRANSLATE_NOOP("Settings", "How parcels leave the zone (trafMode; 4 = road).")),
    "wrap_type": (QT_TRANSLATE_NOOP("Settings", "Package type"),
                  QT_TRANSLATE_NOOP("Settings", "Package of a parcel (wrapType): 1 wooden case, 2 carton, 3 drum, "
                                                "4 bulk, 5 pallet, 6 bag, 7 other.")),
}
IMPORTS = [ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import warehouse file…"),
                      "app.admin.masterdata:import_warehouse", "*.toml"),
           ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import carriers…"),
                      "app.admin.masterdata:import_carriers", "*.csv *.xlsx")]


def _sentence(text: str, stop: bool = True) -> str:
    """'alert on a lot …' → 'Alert on a lot ….' (a capital, and a full stop if `stop`)."""
    text = capitalised(text)
    return text + "." if stop and text and not text.endswith(".") else text


def setting_texts(s: SettingValue) -> tuple[str, str]:
    """The setting's name and meaning in the screen's language (a setting without a written meaning here: its name
    from the vocabulary, never its key, and its English help)."""
    if s.key not in SETTING_TEXTS:
        if chinese_on_screen():
            return setting_label(s.key), vocabulary.SETTING_MEANINGS_ZH.get(s.key) or s.help
        return _sentence(setting_label(s.key), stop=False), _sentence(s.help)  # as the written ones read
    name, meaning = SETTING_TEXTS[s.key]
    return QCoreApplication.translate("Settings", name), QCoreApplication.translate("Settings", meaning)


class WarehouseScreen(Screen):
    """Read by supervisors and customs; the identity is replaced by importing its file, settings edited here."""

    areas = frozenset({Area.MASTER, Area.SETTINGS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.identity: dict[str, Any] | None = None
        self.settings: list[SettingValue] = []
        self._message: Any = str
        self.title, self.message = heading(), QLabel(objectName="settings_status", wordWrap=True)
        self._build_identity()
        self._build_settings()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.identity_box)
        layout.addWidget(self.settings_box, 1)
        layout.addWidget(self.message)
        self.retranslate_ui()
        self.refresh()

    def _build_identity(self) -> None:
        self.identity_box = QGroupBox(objectName="identity")
        self.identity_form = QFormLayout()
        self.identity_values = {}
        for key, _label in IDENTITY_FIELDS:
            value = QLabel(objectName=f"identity_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.identity_values[key] = value
            self.identity_form.addRow(QLabel(), value)
        self.identity_missing = QLabel(objectName="identity_missing", wordWrap=True)
        box = QVBoxLayout(self.identity_box)
        box.addWidget(self.identity_missing)
        box.addLayout(self.identity_form)
        self.imports = [ImportButton(self.ctx, k) for k in IMPORTS] if self.ctx.may(Permission.MASTER_DATA) else []
        for button in self.imports:
            button.sig_imported.connect(self.refresh)
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def _build_settings(self) -> None:
        self.settings_box = QGroupBox(objectName="business_settings")
        self.table = grid("settings_table", 3)
        self.table.itemSelectionChanged.connect(self._setting_selected)
        self.value_edit = QLineEdit(objectName="setting_value")
        self.save_button = QPushButton(objectName="save_setting", clicked=self.save_setting)
        self.value_edit.returnPressed.connect(self.save_setting)
        self.value_label = QLabel()
        editor = QHBoxLayout()
        editor.addWidget(self.value_label)
        editor.addWidget(self.value_edit, 1)
        editor.addWidget(self.save_button)
        box = QVBoxLayout(self.settings_box)
        box.addWidget(self.table, 1)
        self.editable = self.ctx.may(Permission.SETTINGS)
        if self.editable:
            box.addLayout(editor)
        for widget in (self.value_label, self.value_edit, self.save_button):
            widget.setVisible(self.editable)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Warehouse settings"))
        self.identity_box.setTitle(self.tr("The warehouse as customs knows it"))
        self.identity_missing.setText(self.tr("No warehouse identity yet: import the warehouse file (TOML)."))
        for row, (_key, label) in enumerate(IDENTITY_FIELDS):
            self.identity_form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(
                QCoreApplication.translate("WarehouseIdentity", label))
        self.settings_box.setTitle(self.tr("Business settings (shared by every workstation)"))
        self.table.setHorizontalHeaderLabels([self.tr("Setting"), self.tr("Value"), self.tr("Meaning")])
        self.value_label.setText(self.tr("New value"))
        self.save_button.setText(self.tr("Save"))
        self.message.setText(self._message())
        self._fill_settings()

    def refresh(self) -> None:
        self.ctx.run(lambda uow: (warehouse_identity(uow), list_settings(uow)), write=False, on_done=self._loaded)

    def _loaded(self, data: tuple[dict[str, Any] | None, list[SettingValue]]) -> None:
        self.identity, self.settings = data
        self.identity_missing.setVisible(self.identity is None)
        for key, label in self.identity_values.items():
            label.setText(str(self.identity.get(key, "")) if self.identity else "")
        self._fill_settings()

    def _fill_settings(self) -> None:
        current = self.selected_key()
        self.table.setRowCount(len(self.settings))
        for row, s in enumerate(self.settings):
            name, meaning = setting_texts(s)
            for col, text in enumerate((name, s.value, meaning)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.key)
                item.setToolTip(f"{text}\n{s.key} (default {s.default})")  # the whole text, and the key
                self.table.setItem(row, col, item)
            if s.key == current:
                self.table.selectRow(row)
        fit(self.table, 360, interactive=False)  # the meaning takes the room left (its tooltip has it whole)

    def selected_key(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select_setting(self, key: str) -> None:
        for row, s in enumerate(self.settings):
            if s.key == key:
                self.table.selectRow(row)

    def _setting_selected(self) -> None:
        key = self.selected_key()
        value = next((s.value for s in self.settings if s.key == key), "")
        self.value_edit.setText(value)

    def save_setting(self) -> None:
        key, raw = self.selected_key(), self.value_edit.text()
        if key is None:
            return
        self.ctx.run(lambda uow: change_setting(uow, key, raw), on_done=self._saved,
                     on_error=lambda exc: self._say(lambda: describe(exc).text, failed=True))

    def _saved(self, s: SettingValue) -> None:
        self._say(lambda: self.tr("Saved: %1 = %2").replace("%1", setting_texts(s)[0]).replace("%2", s.value))
        self.refresh()

    def _say(self, text: Any, *, failed: bool = False) -> None:
        self._message = text
        self.message.setStyleSheet("color: #c62828; font-weight: bold;" if failed else "color: #1b7f3b;")
        self.message.setText(text())
