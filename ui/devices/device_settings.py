"""Which devices this workstation has, saved in its QSettings file (group `devices/`), declared once."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QSettings

from app.devices.scale import CONTINUOUS


@dataclass
class StationDevices:
    """Empty means "none": no serial scanner (keyboard wedge only), no scale, no label printer."""

    scanner_url: str = ""            # /dev/ttyACM0, /dev/serial/by-id/…, COM3, socket://host:port
    scanner_baud: int = 9600
    wedge_gap_ms: int = 30           # keyboard-wedge: keys closer than this are a scanner's burst
    scale_url: str = ""
    scale_protocol: str = CONTINUOUS  # continuous | sics
    scale_baud: int = 9600
    label_printer: str = ""          # host[:port], tcp://…, /dev/ttyUSB0[@baud], COM3, file:///folder
    document_printer: str = ""       # a system printer's name; empty: ask, or save as PDF


def settings_file(path: str) -> QSettings:
    """The workstation's settings file (the one ui.station_settings uses), opened for the devices group."""
    return QSettings(path, QSettings.Format.IniFormat)


def load(qs: QSettings) -> StationDevices:
    devices = StationDevices()
    for f in fields(StationDevices):
        raw = qs.value(f"devices/{f.name}")
        if raw is None:
            continue
        try:
            setattr(devices, f.name, int(raw) if f.type in (int, "int") else str(raw))
        except (TypeError, ValueError):
            continue  # a hand-edited value that makes no sense: keep the default
    return devices


def save(qs: QSettings, devices: StationDevices) -> None:
    for f in fields(StationDevices):
        qs.setValue(f"devices/{f.name}", getattr(devices, f.name))
    qs.sync()
