"""Fixtures for the inbound screens: the demo warehouse with the sample declaration, a silent station context,
and typing a scan into a scan bar the way a keyboard-wedge scanner does (GS as Ctrl+], then Enter)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.inbound import receiving
from app.inbound.declarations import import_declaration
from app.persistence.db import Database
from app.persistence.uow import UnitOfWork
from tests.conftest import DEMO, actor
from tests.gui.helpers import wait_idle
from tests.inbound.conftest import TODAY, load_master_data

GS = "\x1d"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The samples' "today": every sample batch has most of its shelf life left."""
    monkeypatch.setattr(receiving, "local_today", lambda uow, zone=None: TODAY)


@pytest.fixture
def declared(db: Database) -> Database:
    """The demo warehouse (warehouse, locations, products) with the sample declaration imported."""
    load_master_data(db)
    with UnitOfWork(db, actor("supervisor")) as uow:
        import_declaration(uow, DEMO / "declaration.csv")
        uow.commit()
    return db


@pytest.fixture
def station_ctx(make_ctx):
    """`station_ctx("clerk")`: a signed-in context whose stations make no sound (the test machine has none)."""
    from ui.widgets.sound import SoundPlayer

    def make(role: str = "clerk"):
        ctx = make_ctx(role)
        SoundPlayer(ctx, enabled=False).setObjectName("station_sounds")
        return ctx

    return make


def type_scan(qtbot, bar, raw: str) -> None:
    """Type `raw` into the scan bar and press Enter (GS as Ctrl+], as a wedge scanner on a US layout)."""
    for i, part in enumerate(raw.split(GS)):
        if i:
            qtbot.keyClick(bar, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        if part:
            qtbot.keyClicks(bar, part)
    qtbot.keyClick(bar, Qt.Key.Key_Return)


def scan_and_wait(qtbot, screen, raw: str):
    """Type one scan and wait until the screen shows the workflow's answer; returns that Feedback."""
    with qtbot.waitSignal(screen.sig_feedback, timeout=20_000) as blocker:
        type_scan(qtbot, screen.scan_bar, raw)
    wait_idle(qtbot, screen.ctx)
    return blocker.args[0]
