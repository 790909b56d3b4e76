"""Screenshots of the words on screen (`python tests/gui/make_vocabulary_screenshots.py`, offscreen): the demo
warehouse's audit log as sentences with the selected entry's detail, the orders list's statuses, the rejection
workbench and the warehouse settings, at 1366×768 in English and Chinese."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from app.admin import auth
from app.demo.warehouse import load_demo
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.uow import UnitOfWork
from docs.screenshots.make_screenshots import PASSWORD, settle, wait
from ui import i18n
from ui.main import Shell, make_application
from ui.station_settings import StationSettings

SCREENS = (("reports.audit", "audit"), ("orders.list", "orders"), ("orders.workbench", "workbench"),
           ("admin.warehouse", "settings"))


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BWMS_HOME"] = tmp
        url = f"sqlite:///{Path(tmp) / 'words.sqlite3'}"
        db = open_database(url)
        migrate.upgrade(db)
        with UnitOfWork(db) as uow:
            auth.create_user_unchecked(uow, "admin", "admin", PASSWORD)
            uow.commit()
        load_demo(db)
        db.dispose()
        shell = Shell(app, url, "office-1", StationSettings(Path(tmp) / "ws.ini"))
        login = shell.start()
        wait(lambda: shell.ctx.db is not None)
        login.username.setText("admin")
        login.password.setText(PASSWORD)
        login.sign_in()
        wait(lambda: shell.window is not None)
        window = shell.window
        window.resize(1366, 768)
        for language in ("en", "zh_CN"):
            shell.switch_language(language)
            for key, name in SCREENS:
                screen = window.open_screen(key)
                wait(lambda: not shell.ctx.executor.busy)
                settle()
                if key == "reports.audit":
                    screen.view.selectRow(3)
                    settle(300)
                window.grab().save(str(OUT / f"words_{name}_{language}.png"))
        shell.switch_language("en")
        window.close()
        shell.close()
    for path in sorted(OUT.glob("words_*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
