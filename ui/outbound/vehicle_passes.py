"""Vehicle passes (核放单): every vehicle that passed the gate, with its plate, IC card, weighbridge weights (gross,
tare and the load between them), the manifests it carried and when; "Print…" shows its gate pass (D9).
Read-only for every role that may view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app.persistence.uow import Area
from ui.shell.screen import Screen, heading
from ui.widgets.document_preview import open_preview
from ui.widgets.tables import Col, RowsModel, fit_on_reset, key, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

COLUMNS = [
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Gate pass"), key("pass")),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Vehicle"), key("plate")),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "IC card"), key("ic_card")),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Gross kg"), key("gross"), numeric=True),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Tare kg"), key("tare"), numeric=True),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Load kg"), key("load"), numeric=True),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Parcels"), key("parcels"), numeric=True),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Passed"), key("passed_at")),
    Col(QT_TRANSLATE_NOOP("VehicleColumns", "Manifests"), lambda row: ", ".join(row["manifests"])),
]


class VehiclePassesScreen(Screen):
    """The vehicles that left the zone, newest first."""

    areas = frozenset({Area.SHIPPING})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.title, self.note = heading(), QLabel(wordWrap=True)
        self.print_button = QPushButton(objectName="vehicle_pass_print")
        self.print_button.clicked.connect(self.print_selected)
        self.model = RowsModel(COLUMNS, parent=self, context="VehicleColumns")
        self.view = table_view(self.model, name="vehicle_passes_table")
        fit_on_reset(self.view, stretch=len(COLUMNS) - 1)
        self.view.doubleClicked.connect(lambda _index: self.print_selected())
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Vehicle passes"))
        self.note.setText(self.tr("A vehicle leaves the zone in one gate-out: its parcels, every manifest it carries, "
                                  "the weighbridge's gross and tare. Load = gross − tare."))
        self.print_button.setText(self.tr("Gate pass…"))
        self.model.retranslate()

    def refresh(self) -> None:
        from app.outbound.queries import vehicle_passes

        self.ctx.run(vehicle_passes, write=False, on_done=self.model.set_rows)

    def print_selected(self) -> None:
        row: dict[str, Any] | None = self.model.row_at(self.view.currentIndex().row())
        if row is not None and row["manifests"]:
            open_preview(self.ctx, self, "gate-pass", row["manifests"][0])
