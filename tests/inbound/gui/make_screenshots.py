"""Screenshots of the inbound screens in English and Chinese (docs/screenshots/inbound_*.png).

`python tests/inbound/gui/make_screenshots.py` (offscreen): a scratch warehouse from the samples with the
sample container partly counted at a station (one carton damaged); the declarations screen and the receive
station; then the tally closed and released: the tally report preview, the put-away station after a goods
scan, and the customs ledger.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.admin import auth
from app.inbound import receiving
from app.inbound.declarations import import_declaration
from app.inbound.release import release
from app.persistence import migrate
from app.persistence.db import Database, open_database
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.inbound.conftest import DECLARATION, TODAY, load_master_data, sample_scans
from tests.inbound.helpers import station
from ui import i18n
from ui.main import install_fonts, make_application
from ui.station_settings import StationSettings

receiving.local_today = lambda uow, zone=None: TODAY  # the samples' "today"


def wait(condition, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not condition():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("the screen did not get there")
        time.sleep(0.01)


def settle(ms: int = 400) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def scratch_warehouse(folder: Path) -> Database:
    os.environ["BWMS_HOME"] = str(folder / "home")
    db = open_database(f"sqlite:///{folder / 'inbound.sqlite3'}")
    migrate.upgrade(db)
    with UnitOfWork(db) as uow:  # the users in the order tests.conftest.actor expects
        for role in ("admin", "supervisor", "clerk", "customs"):
            auth.create_user_unchecked(uow, role, role, "screenshot-1")
        uow.commit()
    load_master_data(db)
    with UnitOfWork(db, actor("supervisor")) as uow:
        import_declaration(uow, DEMO / "declaration.csv")
        uow.commit()
    dock = station(db, name="dock-2")
    scans = sample_scans()
    for raw in scans[:140] + ["CMD:DAMAGED"] + scans[140:150]:
        dock.scan(raw, uuid.uuid4().hex)
    return db


def grab(window, name: str, language: str) -> None:
    wait(lambda: not window.ctx.executor.busy)
    settle()
    window.grab().save(str(OUT / f"inbound_{name}_{language}.png"))


def counting(window, languages: tuple[str, ...], translations) -> None:
    """The declarations screen and the receive station while the container is being counted."""
    for language in languages:
        translations.switch(language)
        window.open_screen("receive.declarations")
        grab(window, "declarations", language)
        receive = window.open_screen("receive.station")
        if receive.station is None:
            receive.choose_declaration(DECLARATION)
            wait(lambda: receive.station is not None and not window.ctx.executor.busy)
            receive.take(sample_scans()[150], uuid.uuid4().hex)
        grab(window, "receive", language)
        receive.take("9300000010378", uuid.uuid4().hex)  # a misprinted GTIN: the red banner
        grab(window, "receive_refused", language)
        receive.take(sample_scans()[151], uuid.uuid4().hex)


def stored(window, db: Database, languages: tuple[str, ...], translations) -> None:
    """Closed and released: the tally report, the put-away station after a goods scan, the ledger."""
    from ui.widgets.document_preview import DocumentPreview

    dock = station(db, name="dock-2")
    dock.scan("CMD:CLOSE", uuid.uuid4().hex)
    with UnitOfWork(db, actor("customs")) as uow:
        release(uow, DECLARATION)
        uow.commit()
    for language in languages:
        translations.switch(language)
        declarations = window.open_screen("receive.declarations")
        declarations.refresh()
        wait(lambda: not window.ctx.executor.busy)
        declarations.print_document("tally-report")
        wait(lambda: any(isinstance(w, DocumentPreview) and w.isVisible() for w in QApplication.topLevelWidgets()))
        preview = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentPreview) and w.isVisible())
        settle()
        preview.grab().save(str(OUT / f"inbound_tally_report_{language}.png"))
        preview.close()
        putaway = window.open_screen("putaway.station")
        putaway.refresh()
        wait(lambda: not window.ctx.executor.busy)
        putaway.take(sample_scans()[0], uuid.uuid4().hex)
        grab(window, "putaway", language)
        putaway.clear()
        window.open_screen("ledger.balances")
        grab(window, "ledger", language)


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    install_fonts(app)
    translations = i18n.Translations(app)
    languages = ("en", "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        db = scratch_warehouse(Path(tmp))
        from ui.context import AppContext
        from ui.main_window import MainWindow
        from ui.shell import load_all
        from ui.widgets.sound import SoundPlayer

        load_all()
        ctx = AppContext("dock-1", StationSettings(Path(tmp) / "ws.ini"), db=db)
        ctx.act_as(actor("supervisor", "dock-1"))
        SoundPlayer(ctx, enabled=False).setObjectName("station_sounds")
        window = MainWindow(ctx, "en")
        window.resize(1366, 768)
        window.show()
        counting(window, languages, translations)
        stored(window, db, languages, translations)
        translations.switch("en")
        window.close()
        ctx.executor.shutdown()
        db.dispose()
    for path in sorted(OUT.glob("inbound_*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
