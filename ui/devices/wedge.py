"""Keyboard-wedge scanners: an event filter that tells a scanner's burst of keys from a person typing.

A scanner "types" each character a few milliseconds after the last and ends with Enter (or Tab); people
type 80–300 ms apart. The filter collects printable keys while they come within `max_gap_ms` of each
other; a run of at least `min_length` ended by Enter/Return/Tab within the gap is a scan: `sig_scanned`
is emitted and the terminator is swallowed, so it never presses the focused button. Ctrl+] (how HID
scanners send the GS1 separator on a US layout) and a raw 0x1D become GS. The key time is the window
system's `QKeyEvent.timestamp()` when it has one (queued keys after a GUI stall keep their real spacing),
else the injected `clock`; QTest sends timestamp 0, so tests inject a clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import getCppPointer

GS = "\x1d"
_TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


class WedgeFilter(QObject):
    """`watch(screen)`: scans typed anywhere inside `screen` (a station screen without a scan field).

    It filters at the application, because a key goes to the focused widget first: a filter on the
    screen itself would only see the Enter after a focused button had already been pressed by it.
    """

    sig_scanned = Signal(str)  # the scanned text, GS kept, terminator removed

    def __init__(self, parent: QObject | None = None, *, max_gap_ms: float = 30.0, min_length: int = 4,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.max_gap_s = max_gap_ms / 1000.0
        self.min_length = min_length
        self._clock = clock
        self._buffer = ""
        self._last = float("-inf")
        self._scope: QWidget | None = None
        self._seen: tuple[int, QWidget] | None = None
        self._skip: Callable[[QWidget], bool] | None = None
        self._shown: _Shown | None = None

    def watch(self, scope: QWidget, skip: Callable[[QWidget], bool] | None = None) -> None:
        """Listen to keys meant for `scope` or its children; its input method is turned off (a Chinese
        IME would take the scanner's keystrokes). Keys meant for a widget `skip` says yes to are that widget's
        own (a field the clerk types a weight into)."""
        self._scope = scope
        self._skip = skip
        scope.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        if self._shown is None:
            self._shown = _Shown(self)
        scope.installEventFilter(self._shown)
        self.listen(scope.isVisible())

    def unwatch(self) -> None:
        if self._scope is not None and self._shown is not None:
            self._scope.removeEventFilter(self._shown)
        self.listen(False)
        self._scope = None

    def listen(self, on: bool) -> None:
        """The application filter is there only while the scope is on screen: every event of the application
        goes through it, and a station hidden behind another screen has no key to take."""
        app = QApplication.instance()
        app.removeEventFilter(self)
        if on:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyRelease:
            self._seen = None
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        scope = self._scope
        if scope is None or not isinstance(watched, QWidget) or not scope.isVisible() \
                or not (watched is scope or scope.isAncestorOf(watched)):
            return False
        # An application filter sees a key once per widget it travels up through: count it once.
        pointer = getCppPointer(event)[0]
        if self._seen is not None and self._seen[0] == pointer and watched is not self._seen[1] \
                and watched.isAncestorOf(self._seen[1]):
            return False
        self._seen = (pointer, watched)
        if self._skip is not None and self._skip(watched):
            self._buffer = ""
            return False
        return self.key(event)

    def key(self, event: QKeyEvent) -> bool:
        """Handle one key press; True when the filter consumed it (a scan's terminator)."""
        stamp = event.timestamp()
        now = stamp / 1000.0 if stamp else self._clock()
        within = now - self._last <= self.max_gap_s
        self._last = now
        if event.key() in _TERMINATORS:
            text, self._buffer = self._buffer, ""
            if within and len(text) >= self.min_length:
                self.sig_scanned.emit(text)
                return True  # swallowed: a focused button never sees the scanner's Enter
            return False
        char = event.text()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.key() == Qt.Key.Key_BracketRight and ctrl:
            char = GS
        if char == GS or (len(char) == 1 and char.isprintable()):
            self._buffer = self._buffer + char if within and self._buffer else char
        elif event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt):
            self._buffer = ""  # arrows, F-keys, Escape: a person is at the keyboard
        return False


class _Shown(QObject):
    """On the watched scope: its showing and hiding switch the wedge's application filter on and off."""

    def __init__(self, wedge: WedgeFilter) -> None:
        super().__init__(wedge)
        self.wedge = wedge

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Show:
            self.wedge.listen(True)
        elif kind == QEvent.Type.Hide:
            self.wedge.listen(False)
        return False
