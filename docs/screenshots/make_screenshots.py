"""Screenshots of the shell in English and Chinese (`python docs/screenshots/make_screenshots.py`, offscreen).

Builds a scratch warehouse from the demo files (the real importers) with some stock, signs in as admin and
grabs the sign-in window, the main window, the stock view, the products screen and a station banner.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.admin import auth
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.uow import UnitOfWork
from app.stations import Feedback, Tone
from tests.gui.helpers import load_demo_master_data, put_stock
from ui import i18n
from ui.main import Shell, make_application
from ui.station_settings import StationSettings
from ui.widgets.feedback import FeedbackBanner
from ui.widgets.scan_bar import ScanBar
from ui.widgets.sound import SoundPlayer

PASSWORD = "screenshot-1"


def wait(condition, timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while not condition():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("the shell did not get there")
        time.sleep(0.01)


def settle(ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def scratch_warehouse(folder: Path) -> str:
    url = f"sqlite:///{folder / 'screenshots.sqlite3'}"
    db = open_database(url)
    migrate.upgrade(db)
    with UnitOfWork(db) as uow:  # the same users, in the same order, as the tests seed (put_stock acts as clerk)
        for role in ("admin", "supervisor", "clerk", "customs"):
            auth.create_user_unchecked(uow, role, role, PASSWORD)
        uow.commit()
    load_demo_master_data(db)
    put_stock(db, lots=6, locations=8, qty=24)
    db.dispose()
    return url


def station_demo(language: str) -> QWidget:
    """A scan bar over a banner, as a receiving station shows them."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    bar = ScanBar()
    bar.setText("]C1010930000001037717280630" + "10A2P43432")
    banner = FeedbackBanner(sounds=SoundPlayer(enabled=False))
    banner.show_feedback(Feedback(Tone.WARN, "demo", "Batch A2P43432 is not on declaration QD292126I000000123 "
                                  "(counted 12 of A2P-900, flagged)" if language == "en" else
                                  "批次 A2P43432 不在申报单 QD292126I000000123 上（已清点 12 件 A2P-900，已标记）"))
    layout.addWidget(bar)
    layout.addWidget(banner)
    widget.resize(1000, 360)
    return widget


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        url = scratch_warehouse(Path(tmp))
        shell = Shell(app, url, "dock-1", StationSettings(Path(tmp) / "ws.ini"))
        login = shell.start()
        wait(lambda: shell.ctx.db is not None)
        for language in ("en", "zh_CN"):
            shell.switch_language(language)
            settle()
            login.grab().save(str(OUT / f"login_{language}.png"))
        shell.switch_language("en")
        login.username.setText("admin")
        login.password.setText(PASSWORD)
        login.sign_in()
        wait(lambda: shell.window is not None)
        window = shell.window
        window.resize(1366, 768)
        for language in ("en", "zh_CN"):
            shell.switch_language(language)
            for key, name in (("admin.warehouse", "main"), ("inventory.stock", "stock"),
                              ("admin.products", "products")):
                window.open_screen(key)
                wait(lambda: not shell.ctx.executor.busy)
                settle()
                window.grab().save(str(OUT / f"{name}_{language}.png"))
            station = station_demo("en" if language == "en" else "zh")
            station.show()
            settle()
            station.grab().save(str(OUT / f"station_{language}.png"))
            station.close()
        shell.switch_language("en")
        window.close()
        shell.close()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
