"""Screenshots of the orders and customs screens in English and Chinese (docs/screenshots/orders_*.png).

`python tests/orders/gui/make_screenshots.py` (offscreen): a scratch warehouse from the samples, the sample
orders imported (and the invalid ones), declared, some receipts applied; then each screen in the main window.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication

from app import settings
from app.admin import auth
from app.persistence import migrate
from app.persistence.db import Database, open_database
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.orders.conftest import seed_bonded_stock, seed_master
from tests.orders.helpers import ceb622, export, import_samples, receipts
from ui import i18n
from ui.main import install_fonts, make_application
from ui.station_settings import StationSettings


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
    db = open_database(f"sqlite:///{folder / 'orders.sqlite3'}")
    migrate.upgrade(db)
    with UnitOfWork(db) as uow:  # the users in the order tests.conftest.actor expects
        for role in ("admin", "supervisor", "clerk", "customs"):
            auth.create_user_unchecked(uow, role, role, "screenshot-1")
        uow.commit()
    with UnitOfWork(db, actor("admin")) as uow:
        seed_master(uow)
        seed_bonded_stock(uow)
        for key, name in (("customs_outbox", "outbox"), ("customs_inbox", "inbox")):
            (folder / name).mkdir()
            settings.set_value(uow.session, key, str(folder / name))
        uow.commit()
    import_samples(db)
    import_samples(db, "orders_invalid.jsonl")
    export(db, folder / "outbox")
    answers = folder / "answers"
    answers.mkdir()
    for n, status in ((1, "800"), (2, "800"), (3, "500"), (6, "100"), (7, "120")):
        (answers / f"r{n}.xml").write_bytes(ceb622(f"BWI{n:012d}", status, f"2026112610{n:02d}00000",
                                                   invt_no=f"29212026I00000000{n}" if status == "800" else "",
                                                   info="[Code:1300;Desc:税款担保不足]" if status == "100" else ""))
    receipts(db, answers)
    return db


def shoot(window, key: str, name: str, language: str, prepare=None) -> None:
    screen = window.open_screen(key)
    wait(lambda: not window.ctx.executor.busy)
    if prepare:
        prepare(screen)
        wait(lambda: not window.ctx.executor.busy)
    settle()
    window.grab().save(str(OUT / f"orders_{name}_{language}.png"))


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    install_fonts(app)
    translations = i18n.Translations(app)
    with tempfile.TemporaryDirectory() as tmp:
        db = scratch_warehouse(Path(tmp))
        from ui.context import AppContext
        from ui.main_window import MainWindow
        from ui.shell import load_all

        load_all()
        ctx = AppContext("office-1", StationSettings(Path(tmp) / "ws.ini"), db=db)
        ctx.act_as(actor("supervisor"))
        window = MainWindow(ctx, "en")
        window.resize(1366, 768)
        window.show()
        for n, language in enumerate(("en", "zh_CN"), start=9):
            drop = Path(tmp) / "inbox" / f"r{n}.xml"  # the watcher applies it and says so in this language
            translations.switch(language)
            shoot(window, "orders.list", "list", language, lambda s: (s.search.setText("SF395965144161"),
                                                                     s.search_now()))
            shoot(window, "orders.import", "import", language,
                  lambda s: s.import_path(DEMO / "orders_invalid.jsonl") if not s.importer.last_report else None)
            shoot(window, "orders.workbench", "workbench", language)
            shoot(window, "customs.exchange", "exchange", language, lambda s, drop=drop, n=n: (
                drop.write_bytes(ceb622(f"BWI{n:012d}", "800", "20261126120000000")),
                wait(lambda: s.log.count() >= n - 8)))
        translations.switch("en")
        window.close()
        ctx.executor.shutdown()
        db.dispose()
    for path in sorted(OUT.glob("orders_*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
