"""Driving the outbound screens as a clerk does: type (or wedge-scan) into the scan bar and press Enter."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.gui.helpers import wait_idle


def shown(qtbot, screen: QWidget) -> QWidget:
    """The screen on screen, active, its scan bar (if any) focused — shortcuts and serial scans need that."""
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    wait_idle(qtbot, screen.ctx)
    return screen


def scan(qtbot, screen, text: str):
    """Type `text` into the station's scan bar, press Enter, and return the Feedback the screen showed."""
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClicks(screen.scan_bar, text)
        qtbot.keyClick(screen.scan_bar, Qt.Key.Key_Return)
    return blocker.args[0]


def press(qtbot, screen, key: Qt.Key):
    """Press an F-key at the station and return the Feedback it showed."""
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as blocker:
        qtbot.keyClick(screen.scan_bar, key)
    return blocker.args[0]


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


class Delivered:
    """Stands in for the print dialog: keeps every PDF a screen sent to print or save."""

    def __init__(self) -> None:
        self.documents: list[tuple[str, bytes]] = []

    def __call__(self, pdf: bytes, parent: QWidget, title: str, printer: str = "") -> str:
        self.documents.append((title, pdf))
        return f"printed {title}"
