"""Screenshots of the customs books at 1366×768, in English and Chinese (offscreen):
`python docs/screenshots/make_books_screenshots.py` → docs/screenshots/books_<screen>_<language>.png.

The warehouse is the demo's (`bwms init --demo`: a container received and released, orders declared, a
manifest out). The period books are compared with a customs balances file that differs on two items (one
counted 4 more by customs, one 1 less), so the shading shows; the lists of the demo's manifest are on one exit
checklist, posted by customs; its vehicle passed the gate weighed (gross and tare) with an IC card.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from make_overview_screenshots import PASSWORD, demo_warehouse
from make_screenshots import settle, wait

from app.customs.books import period_ledger
from app.persistence.db import open_database
from app.persistence.uow import SYSTEM, UnitOfWork
from ui import i18n
from ui.main import Shell, make_application
from ui.station_settings import StationSettings


def customs_file(url: str, folder: Path) -> Path:
    """Customs' balances: ours, but 4 more of the first held item and 1 less of the second."""
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    db = open_database(url)
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        lines = period_ledger(uow, today, today).lines
    db.dispose()
    held = [line.item_no for line in lines if line.closing]
    balances = {line.item_no: line.closing for line in lines}
    balances[held[0]] += 4
    balances[held[1]] -= 1
    path = folder / "customs_balances.csv"
    path.write_text("item_no,balance\n" + "".join(f"{k},{v}\n" for k, v in balances.items()), encoding="utf-8")
    return path


def books(window, path: Path) -> None:
    screen = window.open_screen("ledger.books")
    screen.compare_with(path)


def checklists(window, path: Path) -> None:
    window.open_screen("customs.checklists")


def gather_checklist(url: str) -> None:
    """The demo's manifest left the zone today: its lists on one exit checklist, posted by customs; its vehicle passed the gate weighed (gross and tare) with an IC card."""
    from app.customs.checklist import apply_checklist_receipt, deliver, find, gather
    from app.formats.customs.receipts import ReceiptIn
    from app.persistence.types import utcnow

    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    db = open_database(url)
    with UnitOfWork(db, SYSTEM) as uow:
        report = gather(uow, today, today)
        uow.commit()
        deliver(uow, report.checklist)
        apply_checklist_receipt(uow, find(uow, report.checklist),
                                ReceiptIn("INV101", report.checklist, "", "", "", "2", utcnow(), "已核扣"))
        uow.commit()
    db.dispose()


def vehicles(window, path: Path) -> None:
    window.open_screen("shipping.vehicles")


SCREENS = [("books", books), ("checklists", checklists), ("vehicles", vehicles)]


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        url = demo_warehouse(Path(tmp))
        path = customs_file(url, Path(tmp))
        gather_checklist(url)
        shell = Shell(app, url, "office-1", StationSettings(Path(tmp) / "supervisor.ini"))
        login = shell.start()
        wait(lambda: shell.ctx.db is not None)
        shell.switch_language("en")
        login.username.setText("supervisor")
        login.password.setText(PASSWORD)
        login.sign_in()
        wait(lambda: shell.window is not None)
        window = shell.window
        window.resize(1366, 768)
        window.show()
        for language in ("en", "zh_CN"):
            shell.switch_language(language)
            for name, show in SCREENS:
                show(window, path)
                wait(lambda: not shell.ctx.executor.busy)
                settle()
                window.grab().save(str(OUT / f"books_{name}_{language}.png"))
        shell.switch_language("en")
        window.close()
        shell.close()
    for found in sorted(OUT.glob("books_*.png")):
        print(found.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
