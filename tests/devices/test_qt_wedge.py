"""The keyboard-wedge filter: a scanner's burst is a scan, typing is not, Enter never presses a button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QVBoxLayout

from ui.devices.wedge import GS, WedgeFilter


class Clock:
    """Each key press reads the clock once; `step` is the time between two presses."""

    def __init__(self, step_s: float) -> None:
        self.now, self.step = 1000.0, step_s

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def station_dialog(qtbot):
    """A dialog whose default button has the focus: an unfiltered Enter would press it."""
    dialog = QDialog()
    field, button = QLineEdit(), QPushButton("Confirm")
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(button)
    button.setDefault(True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    button.setFocus()
    presses: list[bool] = []
    button.clicked.connect(lambda: presses.append(True))
    return dialog, button, presses


def test_a_burst_is_a_scan_and_its_enter_does_not_press_the_focused_button(qtbot, qt_app) -> None:
    dialog, button, presses = station_dialog(qtbot)
    clock = Clock(0.004)
    wedge = WedgeFilter(clock=clock)
    wedge.watch(dialog)
    try:
        assert not dialog.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
        with qtbot.waitSignal(wedge.sig_scanned, timeout=30_000) as blocker:
            QTest.keyClicks(button, "0109501101530003")
            QTest.keyClick(button, Qt.Key.Key_Return)
        assert blocker.args == ["0109501101530003"] and presses == [] and dialog.isVisible()
    finally:
        wedge.unwatch()


def test_typing_is_not_a_scan_and_enter_works_as_usual(qtbot, qt_app) -> None:
    dialog, button, presses = station_dialog(qtbot)
    wedge = WedgeFilter(clock=Clock(0.120))
    wedge.watch(dialog)
    try:
        with qtbot.assertNotEmitted(wedge.sig_scanned, wait=50):
            QTest.keyClicks(button, "ABC12")
            QTest.keyClick(button, Qt.Key.Key_Return)
        assert presses == [True]
    finally:
        wedge.unwatch()


def test_ctrl_bracket_becomes_gs_and_tab_ends_a_scan(qtbot, qt_app) -> None:
    dialog, button, _ = station_dialog(qtbot)
    wedge = WedgeFilter(clock=Clock(0.004))
    wedge.watch(dialog)
    try:
        with qtbot.waitSignal(wedge.sig_scanned, timeout=30_000) as blocker:
            QTest.keyClicks(button, "10ABC123")
            QTest.keyClick(button, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(button, "21SER42")
            QTest.keyClick(button, Qt.Key.Key_Tab)
        assert blocker.args == ["10ABC123" + GS + "21SER42"]
    finally:
        wedge.unwatch()


def test_window_system_timestamps_win_over_the_clock(qtbot, qt_app) -> None:
    """Keys queued during a GUI stall arrive back to back but keep their real (human) spacing."""
    dialog, button, _ = station_dialog(qtbot)
    wedge = WedgeFilter(clock=Clock(0.001))  # the clock alone would call this a burst
    wedge.watch(dialog)
    try:
        with qtbot.assertNotEmitted(wedge.sig_scanned, wait=50):
            for i, char in enumerate("SLOW1"):
                event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key(ord(char)), Qt.KeyboardModifier.NoModifier, char)
                event.setTimestamp(10_000 + 150 * i)
                QApplication.sendEvent(button, event)
            enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            enter.setTimestamp(10_000 + 150 * 5)
            QApplication.sendEvent(button, enter)
    finally:
        wedge.unwatch()


def test_short_bursts_and_keys_outside_the_screen_are_ignored(qtbot, qt_app) -> None:
    dialog, button, _ = station_dialog(qtbot)
    other = QLineEdit()
    qtbot.addWidget(other)
    wedge = WedgeFilter(clock=Clock(0.004), min_length=4)
    wedge.watch(dialog)
    try:
        with qtbot.assertNotEmitted(wedge.sig_scanned, wait=50):
            QTest.keyClicks(button, "AB")
            QTest.keyClick(button, Qt.Key.Key_Return)
    finally:
        wedge.unwatch()
    assert other.text() == ""


def test_a_key_travelling_up_to_the_parents_counts_once(qtbot, qt_app) -> None:
    from PySide6.QtWidgets import QLabel

    dialog, _, _ = station_dialog(qtbot)
    label = QLabel("a label ignores keys, so they travel up to the dialog", dialog)
    wedge = WedgeFilter(clock=Clock(0.004))
    wedge.watch(dialog)
    try:
        with qtbot.waitSignal(wedge.sig_scanned, timeout=30_000) as blocker:
            QTest.keyClicks(label, "LOC-A-01")
            QTest.keyClick(label, Qt.Key.Key_Return)
        assert blocker.args == ["LOC-A-01"]
    finally:
        wedge.unwatch()
