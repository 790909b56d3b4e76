"""The overview: the first screen for every role — the day's figures, holds, alerts and three charts.

The figures come from app.overview.overview (the same read `bwms status --json` prints), run on the DB thread;
the window only lays the answer out. Every figure is a button that opens the screen listing what it counts.
What a role sees is `ROLE_SECTIONS`. It reloads when a change touches what it counts (at most every few
seconds while the stations work), every minute for the clocks, and with F5; the alert count goes to the
navigation as a badge (`sig_badge`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.order_flow import FLOW_STAGES
from app.persistence.models.inbound import DECLARATION_STATUSES
from app.persistence.uow import Area
from ui.inbound.words import declaration_status
from ui.orders.vocabulary import stage_label
from ui.overview.charts import ChartPanel
from ui.overview.words import alert_kind_label, alert_text, hold_label
from ui.shell.screen import Screen, heading
from ui.widgets.actions import office_key
from ui.widgets.tables import AMBER, RED

if TYPE_CHECKING:
    from app.overview import Alert
    from ui.context import AppContext

SECTIONS = ("orders", "declarations", "waves", "parcels", "holds", "alerts", "orders_per_hour",
            "shipped_vs_released", "stock_by_status")
# what each role's overview shows: the clerk's floor work, the customs officer's control, everything for the office
ROLE_SECTIONS: dict[str, tuple[str, ...]] = {
    "admin": SECTIONS,
    "supervisor": SECTIONS,
    "customs": ("orders", "declarations", "parcels", "holds", "alerts", "shipped_vs_released", "stock_by_status"),
    "clerk": ("orders", "declarations", "waves", "parcels", "alerts", "orders_per_hour", "stock_by_status"),
}
ALERTS_SHOWN = 50
RELOAD_GAP_MS = 3000      # changes from the stations reload it at most this often
CLOCK_MS = 60_000         # the alerts' clocks run even when nothing changes


class Tile(QPushButton):
    """One figure: a big number over its name; pressing it opens the list it counts."""

    def __init__(self, name: str, detail: bool = False) -> None:
        super().__init__(objectName=f"tile:{name}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.number, self.caption, self.detail = QLabel("–"), QLabel(wordWrap=True), QLabel(objectName="detail")
        self.detail.setVisible(detail)
        for label in (self.number, self.caption, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        font = self.number.font()
        font.setPointSize(round(font.pointSize() * 1.6))
        font.setWeight(QFont.Weight.Bold)
        self.number.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption, 1)  # a wrapped caption has the room left over
        layout.addWidget(self.detail)
        # room for the number, two lines of caption (a long name wraps, never cut) and the detail line if any
        lines = 3 if detail else 2
        # a Chinese caption's lines (in a fallback font) are a pixel taller than the Latin font's line spacing
        line = self.caption.fontMetrics().lineSpacing() + 1
        self.setMinimumHeight(self.number.sizeHint().height() + lines * line + 10)
        self.setMinimumWidth(84)

    def show_value(self, value: int | str, caption: str, colour: str = "", detail: str = "") -> None:
        self.number.setText(str(value))
        self.number.setStyleSheet(f"color: {colour}" if colour else "")
        self.caption.setText(caption)
        self.detail.setText(detail)
        self.setAccessibleName(f"{caption}: {value} {detail}".strip())


class OverviewScreen(Screen):
    """The day at a glance; `figures` and `alerts` hold the last answer (tests compare them with the CLI's)."""

    areas = frozenset(Area)
    sig_badge = Signal(int)  # how many alerts: the navigation shows it beside the overview's entry

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.figures: dict[str, Any] = {}
        self.alerts: list[Alert] = []
        self.sections = ROLE_SECTIONS.get(ctx.role, ("orders", "alerts"))
        self.tiles: dict[str, Tile] = {}
        self._loading = self._stale = False
        self.title, self.stamp = heading(), QLabel(objectName="stamp")
        self.boxes: dict[str, QGroupBox] = {}
        self._build()
        self.gap = QTimer(self, singleShot=True, interval=RELOAD_GAP_MS)
        self.gap.timeout.connect(self._reload_if_stale)
        self.clock = QTimer(self, interval=CLOCK_MS)
        self.clock.timeout.connect(self.refresh)
        self.clock.start()
        office_key(self, "refresh", self.refresh)
        self.retranslate_ui()
        self.refresh()

    # -- building ---------------------------------------------------------------------------------------
    def _box(self, name: str) -> tuple[QGroupBox, QHBoxLayout]:
        box = QGroupBox(objectName=f"box:{name}")
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 4, 6, 6)
        row.setSpacing(4)
        row.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.boxes[name] = box
        return box, row

    def _tile(self, row: QHBoxLayout, name: str, opens: Callable[[], None], detail: bool = False) -> Tile:
        tile = Tile(name, detail)
        tile.clicked.connect(opens)
        row.addWidget(tile, 1)
        self.tiles[name] = tile
        return tile

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.stamp)
        layout.addLayout(top)
        grid = QGridLayout()
        grid.setSpacing(6)
        wanted = self.sections
        if "orders" in wanted:
            box, row = self._box("orders")
            for stage in FLOW_STAGES:
                self._tile(row, f"orders.{stage}", lambda _checked=False, stage=stage: self.open_orders(stage))
            grid.addWidget(box, 0, 0, 1, 3)
        second = []
        if "declarations" in wanted:
            box, row = self._box("declarations")
            for status in DECLARATION_STATUSES:
                self._tile(row, f"declarations.{status}", lambda: self.open_first("receive.declarations"))
            second.append((box, 2 if "waves" in wanted else 3))
        if "waves" in wanted:
            box, row = self._box("waves")
            self._tile(row, "waves.open", lambda: self.open_first("picking.waves", "picking.station"))
            self.wave_bar = QProgressBar(objectName="wave_progress")
            self.wave_bar.setTextVisible(True)
            self.wave_bar.setMinimumWidth(120)
            row.addWidget(self.wave_bar, 2)
            second.append((box, 1))
        column = 0
        for box, span in second:
            grid.addWidget(box, 1, column, 1, span)
            column += span
        third = []
        if "parcels" in wanted:
            box, row = self._box("parcels")
            for name in ("packed", "on_manifests", "loaded", "manifests_waiting"):
                self._tile(row, f"parcels.{name}", lambda: self.open_first("shipping.manifests", "shipping.gate",
                                                                           "packing.station"))
            third.append(box)
        if "holds" in wanted:
            box, row = self._box("holds")
            self._tile(row, "holds.customs_hold", lambda: self.open_first("receive.declarations"), detail=True)
            self._tile(row, "holds.inspection", lambda: self.open_orders("inspection"), detail=True)
            self._tile(row, "holds.pulled", lambda: self.open_orders("inspection"), detail=True)
            third.append(box)
        if "alerts" in wanted:
            box = QGroupBox(objectName="box:alerts")
            self.boxes["alerts"] = box
            inner = QVBoxLayout(box)
            inner.setContentsMargins(6, 4, 6, 6)
            self.alert_list = QListWidget(objectName="alert_list")
            self.alert_list.setWordWrap(True)
            self.alert_list.itemActivated.connect(self._alert_chosen)
            self.alert_list.setMinimumHeight(70)
            inner.addWidget(self.alert_list)
            third.append(box)
        for i, box in enumerate(third):
            grid.addWidget(box, 2, i, 1, 1 if len(third) == 3 else (3 if len(third) == 1 else 1 + (i == 1)))
        for c in range(3):
            grid.setColumnStretch(c, 1)
        layout.addLayout(grid)
        charts = [name for name in ("orders_per_hour", "shipped_vs_released", "stock_by_status") if name in wanted]
        self.charts = ChartPanel(charts, self._chart_chosen)
        layout.addWidget(self.charts, 1)

    # -- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Overview"))
        titles = {"orders": self.tr("Orders by flow stage"), "declarations": self.tr("Inbound declarations"),
                  "waves": self.tr("Waves"), "parcels": self.tr("Parcels waiting to leave"),
                  "holds": self.tr("Holds (oldest)"), "alerts": self.tr("Alerts")}
        for name, box in self.boxes.items():
            box.setTitle(titles[name])
        self.charts.retranslate()
        self._show()

    # -- loading ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload on the DB thread (one read at a time; a change meanwhile reloads once more after it)."""
        if self._loading:
            self._stale = True
            return
        from app.overview import overview

        self._loading, self._stale = True, False
        self.ctx.run(overview, write=False, on_done=self._arrived, on_error=self._failed)

    def on_changes_applied(self, changes: Any) -> None:
        """Stations commit many times a minute: reload at most every RELOAD_GAP_MS, the last change included."""
        if not (self.areas & changes.areas):
            return
        self._stale = True
        if not self.gap.isActive():
            self.gap.start()

    def _reload_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.ctx.sig_error.emit(exc)

    def _arrived(self, answer: tuple[dict[str, Any], list[Alert]]) -> None:
        self._loading = False
        self.figures, self.alerts = answer
        self._show()
        self.sig_badge.emit(len(self.alerts))
        if self._stale and not self.gap.isActive():
            self.gap.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        first = next(iter(self.tiles.values()), None)
        if first is not None and not self.focusWidget():
            first.setFocus()

    # -- showing ----------------------------------------------------------------------------------------
    def _show(self) -> None:
        f = self.figures
        if not f:
            return
        from ui.clock import warehouse_time

        self.stamp.setText(self.tr("as of %1 · F5 reloads").replace("%1", warehouse_time(f["at"])))
        for stage in FLOW_STAGES:
            if tile := self.tiles.get(f"orders.{stage}"):
                count = f["orders"].get(stage, 0)
                tile.show_value(count, stage_label(stage),
                                RED if stage in ("rejected", "inspection") and count else "")
        for status in DECLARATION_STATUSES:
            if tile := self.tiles.get(f"declarations.{status}"):
                tile.show_value(f["declarations"].get(status, 0), declaration_status(status))
        if tile := self.tiles.get("waves.open"):
            waves = f["waves"]
            tile.show_value(waves["open"], self.tr("open waves"))
            self.wave_bar.setRange(0, max(waves["units"], 1))
            self.wave_bar.setValue(waves["done"])
            self.wave_bar.setFormat(self.tr("%1 of %2 units picked").replace("%1", str(waves["done"]))
                                    .replace("%2", str(waves["units"])))
        parcels = {"packed": self.tr("packed, no manifest"), "on_manifests": self.tr("on manifests"),
                   "loaded": self.tr("on vehicles"),
                   "manifests_waiting": self.tr("manifests not yet out")}
        for name, caption in parcels.items():
            if tile := self.tiles.get(f"parcels.{name}"):
                tile.show_value(f["parcels"][name], caption)
        for kind, hold in f["holds"].items():
            if tile := self.tiles.get(f"holds.{kind}"):
                age = self.tr("oldest %1 h").replace("%1", str(hold["oldest_hours"])) if hold["count"] else "–"
                tile.show_value(hold["count"], hold_label(kind), AMBER if hold["count"] else "", age)
        if "alerts" in self.boxes:
            self._show_alerts()
        self.charts.show_figures(f["charts"])

    def _show_alerts(self) -> None:
        counts = self.figures["alerts"]
        kinds = [f"{alert_kind_label(k)} {n}" for k, n in counts.items() if k != "total" and n]
        total = str(counts["total"])
        self.boxes["alerts"].setTitle(self.tr("Alerts (%1): %2").replace("%1", total)
                                      .replace("%2", self.tr(", ").join(kinds)) if kinds
                                      else self.tr("Alerts (%1)").replace("%1", total))
        self.alert_list.clear()
        if not self.alerts:
            item = QListWidgetItem(self.tr("Nothing is due."))
            item.setForeground(Qt.GlobalColor.darkGreen)
            self.alert_list.addItem(item)
            return
        for alert in self.alerts[:ALERTS_SHOWN]:
            data = alert.to_json()
            item = QListWidgetItem(alert_text(alert.kind, data["due"], alert.params, alert.text))
            item.setData(Qt.ItemDataRole.UserRole, alert.kind)
            item.setData(Qt.ItemDataRole.UserRole + 1, alert.params.get("hold", ""))
            item.setForeground(Qt.GlobalColor.darkRed if alert.kind in ("hold", "no_receipt") else
                               Qt.GlobalColor.darkYellow)
            self.alert_list.addItem(item)
        if len(self.alerts) > ALERTS_SHOWN:
            more = QListWidgetItem(self.tr("… and %1 more (bwms alerts lists them all)")
                                   .replace("%1", str(len(self.alerts) - ALERTS_SHOWN)))
            more.setForeground(Qt.GlobalColor.gray)
            self.alert_list.addItem(more)

    # -- where a figure leads -----------------------------------------------------------------------------
    def open_first(self, *keys: str) -> QWidget | None:
        """Open the first of `keys` the signed-in role may open (the figure's list); None if none."""
        window = self.window()
        allowed = window.visible_keys() if hasattr(window, "visible_keys") else []
        for key in keys:
            if key in allowed:
                return window.open_screen(key)
        return None

    def open_orders(self, stage: str) -> None:
        screen = self.open_first("orders.list")
        if screen is not None and hasattr(screen, "show_stage"):
            screen.show_stage(stage)

    def open_stock(self, status: str = "") -> None:
        screen = self.open_first("inventory.stock")
        combo = getattr(screen, "status", None)
        if combo is not None:
            combo.setCurrentIndex(max(combo.findData(status), 0))

    def _alert_chosen(self, item: QListWidgetItem) -> None:
        kind, hold = item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)
        if kind in ("expiry", "storage_limit"):
            self.open_stock()
        elif kind == "no_receipt":
            self.open_orders("declared")
        elif kind == "hold":
            if hold == "customs_hold":
                self.open_first("receive.declarations")
            else:
                self.open_orders("inspection")

    def _chart_chosen(self, name: str, value: str = "") -> None:
        if name == "stock_by_status":
            self.open_stock(value)
        elif name == "shipped_vs_released":
            self.open_orders("shipped")
        else:
            self.open_orders("")

