"""The desktop shell (Qt only): login, main window, screens, station widgets, translations; no business rules."""

from ui import pyside_fixes

pyside_fixes.apply()
