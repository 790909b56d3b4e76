"""The station's scan field: big, input method off, one signal per scan, and it keeps the keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

GS = "\x1d"  # GS1 group separator: a keyboard-wedge scanner sends it as Ctrl+]
_TRIM = " \r\n\t"  # not str.strip(): Python counts GS as whitespace and would drop a trailing separator
_TYPING_WIDGETS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)


class ScanBar(QLineEdit):
    """A keyboard-wedge scanner (or a person) types here; Enter emits `sig_scanned` and clears the field.

    The input method is off, so a Chinese IME cannot swallow the scanner's keystrokes. Ctrl+] (or a raw
    0x1D) is kept as GS. After another widget took the focus — a button, the table — the bar takes it back,
    unless the user moved to another field where typing makes sense.
    """

    sig_scanned = Signal(str)  # one scan or typed entry, GS kept, surrounding blanks and terminators removed

    def __init__(self, parent: QWidget | None = None, *, keep_focus: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("scan_bar")
        self.keep_focus = keep_focus
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
        font = self.font()
        font.setPointSize(max(font.pointSize(), 10) * 2)
        self.setFont(font)
        self.setMinimumHeight(self.fontMetrics().height() * 2)
        self.setClearButtonEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if (key == Qt.Key.Key_BracketRight and ctrl) or event.text() == GS:
            self.insert(GS)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # never let the scanner's terminator press a default button
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        """Emit what was typed (if anything) and clear the field for the next scan."""
        text = self.text().strip(_TRIM)
        self.clear()
        if text:
            self.sig_scanned.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if self.keep_focus and event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
            QTimer.singleShot(0, self._reclaim_focus)

    def _reclaim_focus(self) -> None:
        if not self.isVisible() or not self.isEnabled() or not self.window().isActiveWindow():
            return
        now = QApplication.focusWidget()
        if now is self or (isinstance(now, _TYPING_WIDGETS) and now.window() is self.window()):
            return
        if now is not None and now.window() is not self.window():
            return
        self.setFocus(Qt.FocusReason.OtherFocusReason)
