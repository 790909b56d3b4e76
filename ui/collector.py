"""Python's cycle collector runs on the GUI thread only.

CPython runs its cycle collector on whichever thread allocates when a generation's count crosses its threshold,
and the database executor's thread (and a device's reader thread) allocates plenty. Screens, contexts and their Qt
children often die in reference cycles (a closure or a connection to a bound method holding its own object).
Collected on another thread, their C++ destructors run there while the GUI thread still uses their peers: a
segfault now and then. So once the application has such threads, automatic collection is switched off and the GUI
thread collects instead, from a timer, with the same thresholds (qutebrowser's GarbageCollector does the same).
A collection asked for explicitly (`gc.collect()`) still runs where it is asked.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250  # a collection due waits at most this long; memory meanwhile grows by a few thousand objects


class _Collector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("bwms-gui-thread-collector")
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count is past its threshold, as automatic collection would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


def install() -> None:
    """From now on, cycles are collected on the GUI thread only (once per application; without one, nothing)."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(_Collector, "bwms-gui-thread-collector") is None:
        _Collector(app)


def collect_due() -> int:
    """What automatic collection would do now, on this (the GUI) thread; nothing when not installed."""
    app = QCoreApplication.instance()
    collector = app.findChild(_Collector, "bwms-gui-thread-collector") if app is not None else None
    return collector.collect_due() if collector is not None else 0
