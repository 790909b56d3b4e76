"""Locations: every place goods can be (dock, bonded storage, hold, packing…), its walk order and what it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QVBoxLayout

from app.admin.queries import locations_count, locations_page
from app.persistence.uow import Area
from ui.models.paged import Column, Header
from ui.shell.screen import Screen, heading
from ui.vocabulary import location_kind_label
from ui.widgets.import_action import ImportKind
from ui.widgets.paged_list import PagedList
from ui.widgets.tables import render_value

if TYPE_CHECKING:
    from ui.context import AppContext

# a locations_page row: (code, kind, pick_sequence, active, units in stock)
COLUMNS = [
    Column(0, Header.LOCATION),
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
        self.list = PagedList(self, ctx, COLUMNS, locations_page, name="locations_table", first_key="",
                              key_fn=lambda row: row[0], count_fn=locations_count, imports=IMPORTS)
        self.model, self.search, self.view, self.imports = self.list.model, self.list.search, self.list.view, \
            self.list.imports
        self.count = self.list.count
        self.title = heading()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.list.bar())
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()
        self.list.start()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Locations"))
        self.list.retranslate(self.tr("&Search"), self.tr("location code starts with…"))

    def refresh(self) -> None:
        self.list.refresh()
