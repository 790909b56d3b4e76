"""Work around PySide6 6.12's `SignalInstance.emit()` returning a borrowed `True` (CPython < 3.12 only).

Every Python-side `emit()` then takes one reference from `True`; on CPython 3.11 `True` is a normal object,
so after a few hundred emits its count reaches zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"). CPython 3.12 made `True` immortal, which hides the bug there. We detect the bug with one
emit and, only when it is present, give `True` the same effectively endless reference count 3.12 gives it.
PySide6 6.11.3 does not have the bug.

The same PySide6 returns a borrowed `None` from every void method called from Python (`setText`, `update`,
`repaint`…), so a busy station used up `None` after a few thousand calls ("none_dealloc"); it is guarded the
same way.
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


def void_call_steals_none() -> bool:
    """True when one call of a void method lowers None's reference count (the same bug)."""
    probe = _Probe()
    before = sys.getrefcount(None)
    probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def apply() -> bool:
    """Protect `True` and `None` when this PySide6 has the bugs; returns whether it did."""
    if sys.version_info >= (3, 12):
        return False
    guarded = False
    for obj, steals in ((True, emit_steals_true), (None, void_call_steals_none)):
        if steals():
            # ob_refcnt is the first field of every CPython object
            ctypes.c_ssize_t.from_address(id(obj)).value += _IMMORTAL
            guarded = True
    return guarded
