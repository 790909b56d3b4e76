"""The station's device indicator: each device's state in words with a coloured dot; details in tooltips."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.devices.hub import DeviceHub
from ui.vocabulary import device_problem, language, term

GREEN, AMBER, RED, GREY = "#1b8a3a", "#b26a00", "#c62828", "#777777"


class DeviceStatus(QWidget):
    """"Scanner: connected · Scale: not connected · Label printer: paper out · Print queue: 2 waiting"."""

    def __init__(self, hub: DeviceHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("device_status")
        self.hub = hub
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.labels = {name: QLabel(objectName=f"status_{name}") for name in ("scanner", "scale", "printer", "queue")}
        for label in self.labels.values():
            layout.addWidget(label)
        layout.addStretch(1)
        self._waiting: dict[str, object] = {}  # printer → why its labels wait (the last delivery pass's)
        hub.sig_status_changed.connect(self.refresh)
        hub.sig_queue_report.connect(self._queue_report)
        self.refresh()

    def texts(self) -> dict[str, str]:
        """What each indicator says, without markup (for tests and screen readers)."""
        return {name: label.accessibleName() for name, label in self.labels.items()}

    @Slot()
    def refresh(self) -> None:
        hub = self.hub
        self._show("scanner", self.tr("Scanner"), *self._serial_state(hub.scanner, self.tr("keyboard")))
        self._show("scale", self.tr("Scale"), *self._serial_state(hub.scale, self.tr("none")))
        if hub.printer is None:
            self._show("printer", self.tr("Label printer"), self.tr("none"), GREY, "")
        elif hub.printer.connected:
            self._show("printer", self.tr("Label printer"), self.tr("ready"), GREEN, hub.printer.printer.address)
        elif hub.printer.offline:
            self._show("printer", self.tr("Label printer"), self.tr("offline"), RED, device_problem(hub.printer.reason))
        else:
            problems = "、".join(term("printer_problem", p) for p in hub.printer.problems) if language() == "zh" \
                else ", ".join(term("printer_problem", p) for p in hub.printer.problems)
            self._show("printer", self.tr("Label printer"), problems or self.tr("checking…"), AMBER,
                       hub.printer.printer.address)
        if self._waiting:
            zh = language() == "zh"
            waiting = [f"{term('print_target', target)}{'：' if zh else ': '}{device_problem(reason)}"
                       for target, reason in self._waiting.items()]
            self._show("queue", self.tr("Print queue"), self.tr("labels waiting"), AMBER,
                       ("；" if zh else "; ").join(waiting))
        else:
            self._show("queue", self.tr("Print queue"), self.tr("ok"), GREEN, "")

    def _serial_state(self, bridge, absent: str) -> tuple[str, str, str]:  # noqa: ANN001 - a DeviceBridge
        if bridge is None:
            return absent, GREY, ""
        if bridge.connected:
            return self.tr("connected"), GREEN, ""
        return self.tr("not connected"), RED, device_problem(bridge.reason)

    def _show(self, name: str, device: str, state: str, colour: str, detail: str) -> None:
        label = self.labels[name]
        said = self.tr("%1: %2")  # the Chinese colon is full-width: 扫描枪：键盘
        label.setText(f'<span style="color:{colour}">●</span> '
                      + said.replace("%1", device).replace("%2", f"<b>{state}</b>"))
        label.setAccessibleName(said.replace("%1", device).replace("%2", state))
        label.setToolTip(detail)

    @Slot(object)
    def _queue_report(self, report: object) -> None:
        self._waiting = dict(getattr(report, "why", {}))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
