"""Every screen at 1366×768 in English and Chinese, on the demo warehouse (offscreen):
`python docs/screenshots/make_every_screen_screenshots.py` → docs/screenshots/screen_<key>_<language>.png.

The walk is the screen test's (tests/gui/screen_walk.py: the one screen list, every role); each screen is taken
as the first role that may open it sees it (administrator, supervisor, clerk, customs officer, in that order).
What the test measures is printed too (nothing when every header and number fits).
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

from app.admin import auth
from app.persistence import migrate
from app.persistence.db import open_database
from app.persistence.uow import UnitOfWork
from tests.gui.screen_walk import ROLES, fit_problems, load_demo, sideways_problems, size_problems, walk, window_maker
from ui import i18n
from ui.i18n import Translations
from ui.main import install_fonts, make_application
from ui.shell import load_all


def main() -> int:
    assert i18n.compile_all() == 0
    app = make_application([])
    install_fonts(app)
    translations = Translations(app)
    load_all()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["BWMS_HOME"] = str(home)
        db = open_database(f"sqlite:///{home / 'bwms.sqlite3'}")
        migrate.upgrade(db)
        with UnitOfWork(db) as uow:  # the users in the tests' order (actor ids)
            for role in ROLES:
                auth.create_user_unchecked(uow, role, role, "screenshot-1")
            uow.commit()
        load_demo(db, home)
        contexts: list = []
        make_window = window_maker(db, home, contexts)

        taken: set[tuple[str, str]] = set()
        for visit in walk(make_window, translations.switch):
            for problem in size_problems(visit) + fit_problems(visit.screen) + sideways_problems(visit.screen):
                print(f"{visit.role} {visit.language} {visit.key}: {problem}")
            if (visit.key, visit.language) not in taken:
                taken.add((visit.key, visit.language))
                visit.window.grab().save(str(OUT / f"screen_{visit.key}_{visit.language}.png"))
        for ctx in contexts:
            ctx.executor.shutdown()
        db.dispose()
    print(f"{len(taken)} screenshots in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
