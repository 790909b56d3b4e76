"""Locations: every place goods can be (dock, bonded storage, hold, packing…), its walk order and what it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.admin.queries import locations_count, locations_page
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.models.paged import Column, PagedTableModel
from ui.shell.screen import Screen, heading
from ui.vocabulary import location_kind_label
from ui.widgets.import_action import ImportButton, ImportKind
from ui.widgets.tables import Debouncer, count_text, fit_columns_once, render_value, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

# a locations_page row: (code, kind, pick_sequence, active, units in stock)
COLUMNS = [
    Column(0, QT_TRANSLATE_NOOP("Columns", "Location")),
    Column(1, QT_TRANSLATE_NOOP("Columns", "Kind"), location_kind_label),
    Column(2, QT_TRANSLATE_NOOP("Columns", "Pick sequence"), numeric=True),
    Column(3, QT_TRANSLATE_NOOP("Columns", "In use"), render_value),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Units in stock"), numeric=True),
]
IMPORTS = [ImportKind(QT_TRANSLATE_NOOP("ImportAction", "Import locations…"),
                      "app.admin.masterdata:import_locations")]


class LocationsScreen(Screen):
    """The location master, searchable by code; import buttons for those who keep master data."""

    areas = frozenset({Area.MASTER, Area.STOCK})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = PagedTableModel(ctx, COLUMNS, locations_page, count_fn=locations_count, first_key="",
                                     key_fn=lambda row: row[0])
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.debounce = Debouncer(300, self.apply_search, self)
        self.search.textChanged.connect(self.debounce.poke)
        self.search.returnPressed.connect(self.debounce.flush)
        self.view = table_view(self.model, name="locations_table")
        fit_columns_once(self.view, self.model)
        self.count = QLabel(objectName="count")
        self.model.sig_count.connect(self._show_count)
        self.model.sig_failed.connect(ctx.sig_error)
        self.imports = [ImportButton(ctx, kind) for kind in IMPORTS] if ctx.may(Permission.MASTER_DATA) else []
        self.title, self.search_label = heading(), QLabel()
        self.search_label.setBuddy(self.search)
        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        for button in self.imports:
            button.sig_imported.connect(self.refresh)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()
        self.model.set_filter("")

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Locations"))
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("location code starts with…"))
        self.model.retranslate()
        self._show_count()

    def apply_search(self) -> None:
        text = self.search.text().strip()
        if text != self.model.current_filter:
            self.model.set_filter(text)

    def refresh(self) -> None:
        self.model.reload()

    def _show_count(self, *_args: object) -> None:
        self.count.setText(count_text(self.model))
