"""The overview's charts (QtCharts): orders received per hour today, customs releases and parcels shipped per day
over 14 days, stock by status. They draw the series of app.overview's report and nothing else; a click on a
chart opens the list behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.persistence.models.inbound import LOT_STATUSES
from ui.vocabulary import status_label

COLOURS = {"orders": "#1565c0", "released": "#2e7d32", "shipped": "#ef6c00", "stock": "#6a1b9a"}


class _View(QChartView):
    """A chart that opens its list when clicked (the bar's category, for stock by status)."""

    def __init__(self, name: str, chosen: Callable[..., None]) -> None:
        super().__init__(objectName=f"chart:{name}")
        self.name, self.chosen = name, chosen
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(170)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        chart = QChart()
        chart.legend().setVisible(name == "shipped_vs_released")
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(2)
        self.setChart(chart)
        self.categories: list[str] = []

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        self.chosen(self.name)


class ChartPanel(QWidget):
    """The charts a role sees, side by side; `show_figures(report["charts"])` redraws them."""

    def __init__(self, names: list[str], chosen: Callable[..., None]) -> None:
        super().__init__(objectName="charts")
        self.views = {name: _View(name, chosen) for name in names}
        self.data: dict[str, Any] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for view in self.views.values():
            layout.addWidget(view, 1)
        self.setVisible(bool(names))

    def retranslate(self) -> None:
        if self.data:
            self.show_figures(self.data)

    def show_figures(self, charts: dict[str, Any]) -> None:
        self.data = charts
        titles = {"orders_per_hour": QCoreApplication.translate("OverviewCharts", "Orders received per hour today"),
                  "shipped_vs_released": QCoreApplication.translate("OverviewCharts",
                                                                    "Released by customs and shipped, 14 days"),
                  "stock_by_status": QCoreApplication.translate("OverviewCharts", "Units in stock by status")}
        names = {"orders": QCoreApplication.translate("OverviewCharts", "orders"),
                 "released": QCoreApplication.translate("OverviewCharts", "released"),
                 "shipped": QCoreApplication.translate("OverviewCharts", "shipped"),
                 "stock": QCoreApplication.translate("OverviewCharts", "units")}
        for name, view in self.views.items():
            if name == "orders_per_hour":
                self._bars(view, [("orders", names["orders"], charts["orders_per_hour"])],
                           [f"{h}:00" for h in range(24)], label_every=4)
            elif name == "shipped_vs_released":
                days = charts["shipped_vs_released"]
                self._bars(view, [(kind, names[kind], [d[kind] for d in days]) for kind in ("released", "shipped")],
                           [d["date"][5:] for d in days], label_every=3)
            else:
                stock = charts["stock_by_status"]
                self._bars(view, [("stock", names["stock"], [stock[s] for s in LOT_STATUSES])],
                           [status_label(s) for s in LOT_STATUSES], label_every=1, across=True)
            view.chart().setTitle(titles[name])

    @staticmethod
    def _bars(view: _View, sets: list[tuple[str, str, list[int]]], categories: list[str], label_every: int,
              across: bool = False) -> None:
        """Vertical bars (time along the bottom, its labels upright), or `across`: horizontal bars with the
        categories' names written in full on the left."""
        chart = view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series: QAbstractBarSeries = QHorizontalBarSeries() if across else QBarSeries()
        for colour, name, values in sets:
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            bar_set.setColor(QColor(COLOURS[colour]))
            series.append(bar_set)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        axis_c: QAbstractAxis
        if across:
            axis_c = QBarCategoryAxis()
            axis_c.append(categories)
        else:
            # a time axis: bar i stands at i; every label_every-th one is named under its bar (none cut short)
            axis_c = QCategoryAxis()
            axis_c.setRange(-0.5, len(categories) - 0.5)
            axis_c.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
            for i in range(0, len(categories), label_every):
                axis_c.append(categories[i], i)
            axis_c.setGridLineVisible(False)
        font = axis_c.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        axis_c.setLabelsFont(font)
        top = max([max(values, default=0) for _c, _n, values in sets], default=0)
        axis_v = QValueAxis()
        axis_v.setLabelFormat("%d")
        axis_v.setRange(0, max(4, top))
        axis_v.applyNiceNumbers()
        axis_v.setLabelsFont(font)
        chart.addAxis(axis_c, Qt.AlignmentFlag.AlignLeft if across else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_v, Qt.AlignmentFlag.AlignBottom if across else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_c)
        series.attachAxis(axis_v)
        view.categories = categories
