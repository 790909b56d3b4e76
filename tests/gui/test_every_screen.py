"""Every screen of every role fits 1366×768 in English and Chinese, on the demo warehouse (with the sample bad orders
on the rejection workbench): no header and no number cut in any table (long names may elide, their tooltip holds
them), no table that scrolls sideways, no window that cannot shrink to 1366×768; and
one key map across them: no key means two different things on two screens (stations and office screens alike).

The screens are those of the one screen list (`ui.shell.screens()`): a new screen is walked without a word here.
The walk runs once for the module, on SQLite only: what is measured is the layout, which no database changes
(the screens' queries run on both engines in their own tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QShortcut

from tests.gui.screen_walk import ROLES, fit_problems, load_demo, sideways_problems, size_problems, walk, window_maker

pytestmark = pytest.mark.gui

@dataclass
class Walked:
    problems: list[str] = field(default_factory=list)
    visited: dict[str, set[str]] = field(default_factory=dict)  # screen key → the roles that opened it
    windows_left: list[str] = field(default_factory=list)  # windows still alive after the walk (their timers too)
    keys: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # key → {(action, screen key)}


@pytest.fixture(scope="module")
def walked(qapp, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Walked:
    import os
    import shutil

    from app.persistence.db import open_database
    from ui.i18n import Translations
    from ui.main import install_fonts
    from ui.shell import load_all

    home = tmp_path_factory.mktemp("every_screen")
    kept = os.environ.get("BWMS_HOME")
    os.environ["BWMS_HOME"] = str(home)  # the demo's key file and folders
    shutil.copy(sqlite_template, home / "bwms.sqlite3")
    db = open_database(f"sqlite:///{home / 'bwms.sqlite3'}")
    load_demo(db, home)
    install_fonts(qapp)
    translations = Translations(qapp)
    load_all()
    contexts: list = []
    make_window = window_maker(db, home, contexts)

    result = Walked()
    windows = {}
    try:
        for visit in walk(make_window, translations.switch):
            where = f"{visit.role} {visit.language} {visit.key}: "
            result.problems += [where + p for p in size_problems(visit) + fit_problems(visit.screen)]
            result.problems += [where + p for p in sideways_problems(visit.screen)]
            result.visited.setdefault(visit.key, set()).add(visit.role)
            windows[visit.role] = visit.window
            for shortcut in visit.screen.findChildren(QShortcut):
                key = shortcut.key().toString()
                result.keys.setdefault(key, set()).add((str(shortcut.property("action")), visit.key))
        result.windows_left = [role for role, window in windows.items() if shiboken6.isValid(window)]
    finally:
        translations.switch("en")
        for ctx in contexts:
            ctx.executor.shutdown()
        db.dispose()
        if kept is None:
            os.environ.pop("BWMS_HOME", None)
        else:
            os.environ["BWMS_HOME"] = kept
    return result


def test_the_walk_opens_every_screen_of_the_list_for_every_role_that_may(walked):
    from ui.shell import screens

    for spec in screens():
        allowed = {role for role in ROLES if spec.allowed(role)}
        assert walked.visited.get(spec.key, set()) == allowed, spec.key


def test_every_screen_fits_1366_by_768_in_both_languages(walked):
    assert walked.problems == [], "\n".join(walked.problems)
    assert walked.windows_left == []  # nothing of the walk acts on the demo warehouse during later tests


def meaning(action: str) -> str:
    """What a key does, in the station map's words: an office action says which station action it is like."""
    from app.domain.station_keys import OFFICE_KEYS

    like = {k.action: k.like for k in OFFICE_KEYS}
    return like.get(action) or action


def test_no_key_means_two_things_across_the_screens(walked):
    from app.domain.station_keys import KEY_OF, OFFICE_KEY_OF

    assert walked.keys, "the walk found no key at all"
    untagged = {key: where for key, where in walked.keys.items() if any(action == "None" for action, _ in where)}
    assert untagged == {}  # every key is bound through the one key map (ui.widgets.actions.office_key, StationKeys)
    for key, where in walked.keys.items():
        meanings = {meaning(action) for action, _screen in where}
        assert len(meanings) == 1, f"{key} means {sorted(meanings)} on {sorted(where)}"
        for action, _screen in where:  # and it is the key the map gives that action
            assert key == (OFFICE_KEY_OF.get(action) or KEY_OF[action]), (key, action)
