"""A station runs a whole shift: PySide6 6.12 on CPython 3.11 takes a reference to None at every void call
(`setText`, `repaint`…); without ui.pyside_fixes the process aborts after a few thousand of them."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_many_void_calls_do_not_use_up_none(gui_app, qtbot):
    import ui  # noqa: F401 - applies the guard

    label = QLabel()
    qtbot.addWidget(label)
    for i in range(30_000):  # far more than None's own reference count in a fresh interpreter
        label.setText(str(i % 10))
    assert sys.getrefcount(None) > 10_000 and label.text() == "9"
