"""Work around PySide6 6.12's `SignalInstance.emit()` returning a borrowed `True` (CPython < 3.12 only).

Every Python-side `emit()` then takes one reference from `True`; on CPython 3.11 `True` is a normal object,
so after a few hundred emits its count reaches zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"). CPython 3.12 made `True` immortal, which hides the bug there. We detect the bug with one
emit and, only when it is present, give `True` the same effectively endless reference count 3.12 gives it.
PySide6 6.11.3 does not have the bug.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_IMMORTAL = 1 << 48  # more emits than any run of the program will make


class _Probe(QObject):
    sig_probe = Signal()


def emit_steals_true() -> bool:
    """True when one Python-side emit() lowers True's reference count (the bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.sig_probe.emit()
    return sys.getrefcount(True) < before


def apply() -> bool:
    """Protect `True` when this PySide6 has the bug; returns whether it did."""
    if sys.version_info >= (3, 12) or not emit_steals_true():
        return False
    # ob_refcnt is the first field of every CPython object
    ctypes.c_ssize_t.from_address(id(True)).value += _IMMORTAL
    return True
