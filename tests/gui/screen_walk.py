"""Every screen of every role in both languages at 1366×768, on the demo warehouse: the walk that the screen test
(tests/gui/test_every_screen.py) and the screenshots (docs/screenshots/make_screenshots.py) share.

The screens come from the one screen list (`ui.shell.screens()`), the roles from app.domain.roles: a screen
added to the list is walked (and checked, and photographed) without a word here. What is measured on a
screen: `fit_problems` (a header or a number that does not fit its column, a long text elided without a tooltip
holding it), `sideways_problems` (a table wider than its room) and `size_problems` (a window that cannot shrink to
1366×768).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QTableView, QWidget

from app.persistence.db import Database
from app.persistence.uow import SYSTEM, UnitOfWork

WIDTH, HEIGHT = 1366, 768
LANGUAGES = ("en", "zh_CN")
ROLES = ("admin", "supervisor", "clerk", "customs")  # the seeding order of tests.conftest (actor ids)
NUMBER = re.compile(r"^[-+−]?\d[\d,.\s]*%?$")  # what reads as a number, even when a column forgot to say so


def load_demo(db: Database, home: Path) -> None:
    """The demo warehouse (`bwms init --demo`) on `db`, whose users of every role already exist; the demo's
    key file and folders go to `home` (set as BWMS_HOME by the caller); the sample bad orders on its rejection
    workbench."""
    from app import settings
    from app.demo import warehouse as demo
    from app.orders.importing import DEMO_ORDERS, import_orders

    demo.load_demo(db)
    with UnitOfWork(db, SYSTEM) as uow:  # the alert list shows the demo's lots too
        settings.set_value(uow.session, "expiry_warning_days", "700")
        import_orders(uow, DEMO_ORDERS.with_name("orders_invalid.jsonl"))  # the rejection workbench has rows
        uow.commit()


def window_maker(db: Database, home: Path, contexts: list) -> Callable[[str], QWidget]:
    """`make(role)`: a main window signed in as the seeded user of `role` on `db` (its context is added to
    `contexts`, for the caller to shut down)."""
    from tests.conftest import actor
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.station_settings import StationSettings

    def make(role: str) -> QWidget:
        ctx = AppContext("office-1", StationSettings(home / f"{role}.ini"), db=db)
        ctx.act_as(actor(role))
        contexts.append(ctx)
        return MainWindow(ctx, "en")

    return make


@dataclass
class Visit:
    role: str
    language: str
    key: str
    window: QWidget
    screen: QWidget


def settle(ctx) -> None:
    """Deliver what is posted (a language change, model signals), and wait until the DB thread answered every job
    (its idle signal; what the answers start is posted again, so deliver once more)."""
    QCoreApplication.processEvents()
    while ctx.executor.busy:
        loop = QEventLoop()
        ctx.executor.sig_idle.connect(loop.quit)
        # a job that never answers fails the walk, not hangs it (the bound of a wait for an event, not a clock: long
        # enough for a loaded machine running two suites at once)
        guard = QTimer(singleShot=True, interval=120_000)
        guard.timeout.connect(loop.quit)
        guard.start()
        if ctx.executor.busy:
            loop.exec()
        ctx.executor.sig_idle.disconnect(loop.quit)
        if not guard.isActive():
            raise TimeoutError("the database thread did not answer within 120 s")
        guard.stop()
        QCoreApplication.processEvents()
    for _ in range(3):
        QCoreApplication.processEvents()


def walk(make_window: Callable[[str], QWidget], switch: Callable[[str], None],
         roles: tuple[str, ...] = ROLES, languages: tuple[str, ...] = LANGUAGES,
         keys: Collection[str] | None = None) -> Iterator[Visit]:
    """Open every screen each role may open (of `keys`, when given), in each language, in a main window of
    1366×768 (`make_window(role)` builds it; `switch(language)` switches the application's language)."""
    for role in roles:
        window = make_window(role)
        window.resize(WIDTH, HEIGHT)
        window.show()
        try:
            for language in languages:
                switch(language)
                settle(window.ctx)
                for key in window.entries:
                    if keys is not None and key not in keys:
                        continue
                    window.resize(WIDTH, HEIGHT)  # each screen on its own: a bigger one before is not held against it
                    screen = window.open_screen(key)
                    settle(window.ctx)
                    yield Visit(role, language, key, window, screen)
        finally:  # gone, with its timers (the backup indicator's first run, a minute on, would follow the walk)
            switch(languages[0])
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def size_problems(visit: Visit) -> list[str]:
    """The window cannot shrink to 1366×768 with this screen on it."""
    hint, least = visit.window.minimumSizeHint(), visit.window.minimumSize()
    wide, high = max(hint.width(), least.width()), max(hint.height(), least.height())
    size = visit.window.size()
    if wide > WIDTH or high > HEIGHT or (size.width(), size.height()) != (WIDTH, HEIGHT):
        return [f"window needs at least {wide}×{high} px, is {size.width()}×{size.height()}"]
    return []


def fit_problems(screen: QWidget, rows: int = 60) -> list[str]:
    """Every shown table of `screen`: a header wider than its column, a number (right-aligned, or reading as
    one) wider than its column, a text wider than its column whose tooltip does not hold it; first `rows` rows."""
    out = []
    views = ([screen] if isinstance(screen, QTableView) else []) + screen.findChildren(QTableView)
    for view in views:
        if not view.isVisible() or view.model() is None:
            continue
        model, header = view.model(), view.horizontalHeader()
        name = view.objectName()
        for c in range(model.columnCount()):
            if header.isSectionHidden(c):
                continue
            width = header.sectionSize(c)
            title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            if not header.isHidden() and title and header.sectionSizeHint(c) > width:
                out.append(f"{name}: header {title!r} needs {header.sectionSizeHint(c)} px, has {width}")
            for r in range(min(model.rowCount(), rows)):
                index = model.index(r, c)
                text = str(index.data() or "")
                need = view.sizeHintForIndex(index).width() + (1 if view.showGrid() else 0) if text else 0
                if need <= width:
                    continue
                align = index.data(Qt.ItemDataRole.TextAlignmentRole)
                right = align is not None and bool(int(align) & int(Qt.AlignmentFlag.AlignRight))
                if right or NUMBER.match(text):
                    out.append(f"{name}: number {text!r} in {title!r} needs {need} px, has {width}")
                elif text not in str(index.data(Qt.ItemDataRole.ToolTipRole) or ""):
                    out.append(f"{name}: {text[:40]!r} in {title!r} is cut and its tooltip does not hold it")
    return out


def sideways_problems(screen: QWidget) -> list[str]:
    """Every shown table of `screen` whose columns are wider than the table: it scrolls sideways."""
    out = []
    for view in ([screen] if isinstance(screen, QTableView) else []) + screen.findChildren(QTableView):
        if view.isVisible() and view.model() is not None:
            wider = view.horizontalHeader().length() - view.viewport().width()
            if wider > 0:
                out.append(f"{view.objectName()}: scrolls sideways by {wider} px")
    return out
