"""Screenshots of the overview for every role at 1366×768, in English and Chinese (offscreen):
`python docs/screenshots/make_overview_screenshots.py` → docs/screenshots/overview_<role>_<language>.png.

The warehouse is the demo's (`bwms init --demo`: a container received and released, 63 orders declared, waves
picked, a manifest out), so every figure has something to count; the expiry warning is widened so the alert list
shows the demo's lots too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from make_screenshots import settle, wait

from app import settings
from app.admin import auth
from app.demo import warehouse as demo
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.uow import SYSTEM, UnitOfWork
from ui import i18n
from ui.main import Shell, make_application
from ui.station_settings import StationSettings

PASSWORD = "screenshot-1"
ROLES = ("admin", "supervisor", "clerk", "customs")


def demo_warehouse(folder: Path) -> str:
    os.environ["BWMS_HOME"] = str(folder)  # the demo's key file and folders stay in the scratch folder
    url = f"sqlite:///{folder / 'overview.sqlite3'}"
    db = open_database(url)
    migrate.upgrade(db)
    with UnitOfWork(db, SYSTEM) as uow:
        auth.create_user_unchecked(uow, "admin", "admin", PASSWORD)
        uow.commit()
    report = demo.load_demo(db)
    with UnitOfWork(db, SYSTEM) as uow:
        for user in report["users"]:
            auth.set_user(uow, user["username"], password=PASSWORD)
        settings.set_value(uow.session, "expiry_warning_days", "700")
        uow.commit()
    db.dispose()
    return url


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        url = demo_warehouse(Path(tmp))
        for role in ROLES:
            shell = Shell(app, url, "office-1", StationSettings(Path(tmp) / f"{role}.ini"))
            login = shell.start()
            wait(lambda shell=shell: shell.ctx.db is not None)
            shell.switch_language("en")
            login.username.setText(role)
            login.password.setText(PASSWORD)
            login.sign_in()
            wait(lambda shell=shell: shell.window is not None)
            window = shell.window
            window.resize(1366, 768)
            window.show()
            for language in ("en", "zh_CN"):
                shell.switch_language(language)
                window.open_screen("overview")
                wait(lambda shell=shell: not shell.ctx.executor.busy)
                settle()
                window.grab().save(str(OUT / f"overview_{role}_{language}.png"))
            shell.switch_language("en")
            window.close()
            shell.close()
    for path in sorted(OUT.glob("overview_*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
