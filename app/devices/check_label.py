"""The label a station prints to check its label printer: text, Chinese, and all four barcode kinds."""

from __future__ import annotations

from datetime import UTC, datetime

from app import clock
from printing.label import Barcode, Box, Label, Line, Text, to_zpl

CHECK_CODE128 = "BWMS-PRINTER-CHECK"
CHECK_GS1 = "(01)09501101530003(10)CHECK1"


def check_label(station: str, when: datetime | None = None) -> Label:
    """A 100 × 60 mm label naming the station and the time, with one barcode of each kind."""
    when = (when or clock.now()).astimezone(UTC)
    return Label(100, 60, [
        Box(1, 1, 98, 58, 0.5),
        Text(4, 3, "BONDED WMS PRINTER CHECK", 4, bold=True, max_width_mm=92),
        Text(4, 9, f"打印机测试 · 工作站 {station}"[:40], 3.5, max_width_mm=92),
        Text(4, 14, when.strftime("%Y-%m-%d %H:%M UTC"), 3),
        Line(1, 18, 99, 18, 0.3),
        Barcode(4, 21, "code128", CHECK_CODE128, 10, module_mm=0.25),
        Barcode(4, 38, "gs1-128", CHECK_GS1, 10, module_mm=0.25),
        Barcode(72, 21, "qr", f"BWMS CHECK {station}", 16),
        Barcode(76, 40, "datamatrix", f"BWMS {station}"[:40], 12),
    ])


def check_label_zpl(station: str) -> bytes:
    return to_zpl(check_label(station))
