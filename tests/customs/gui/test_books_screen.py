"""The period books screen: the books of the period, a customs balances file read beside them with the differing
rows shaded (and alone with "Only differences"), and a refused file shown in words with the books kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from app import clock as app_clock
from app.orders.checks import warehouse_zone
from app.persistence.uow import UnitOfWork
from tests.gui.helpers import wait_idle
from tests.gui.screen_walk import fit_problems
from tests.orders.gui.helpers import open_screen
from ui import clock
from ui.customs.books import CUSTOMS_COLUMNS, BooksScreen


def _rows(screen) -> list[str]:
    return [r.line.item_no for r in screen.model.rows]


def test_the_comparison_shades_exactly_the_items_that_differ(make_ctx, qtbot, warehouse, tmp_path, monkeypatch):
    ctx = make_ctx("clerk")
    with UnitOfWork(warehouse, write=False) as uow:  # as the main window does: the screens keep warehouse time
        clock.set_zone(warehouse_zone(uow.session))
    screen = open_screen(qtbot, BooksScreen, ctx)
    rows = screen.model.rows
    assert rows and all(r.line.difference == 0 for r in rows) and not any(r.differs for r in rows)
    held = [r.line for r in rows if r.line.closing]
    balances = {r.line.item_no: r.line.closing for r in rows}
    balances[held[0].item_no] += 1234567  # customs' big figure: its column widens, never elides
    assert all(screen.view.isColumnHidden(c) for c in CUSTOMS_COLUMNS)  # nothing to show before a file is read
    path = tmp_path / "customs.csv"
    path.write_text("item_no,balance\n" + "".join(f"{k},{v}\n" for k, v in balances.items()), encoding="utf-8")
    screen.compare_with(path)
    wait_idle(qtbot, ctx)
    shaded = [r.line.item_no for i, r in enumerate(screen.model.rows)
              if screen.model.data(screen.model.index(i, 0), Qt.ItemDataRole.BackgroundRole) is not None]
    assert shaded == [held[0].item_no]
    assert not any(screen.view.isColumnHidden(c) for c in CUSTOMS_COLUMNS)
    qtbot.waitUntil(lambda: fit_problems(screen) == [], timeout=5_000)
    screen.only_differences.setChecked(True)
    assert _rows(screen) == [held[0].item_no]
    assert "differing from customs (customs.csv): 1" in screen.totals.text()

    shown = []
    monkeypatch.setattr("ui.customs.books.show_error", lambda exc, parent: shown.append(str(exc)))
    bad = tmp_path / "bad.csv"
    bad.write_text("item_no,balance\nNOSUCH,1\n", encoding="utf-8")
    screen.compare_with(bad)
    wait_idle(qtbot, ctx)
    assert shown and "bad.csv:2: item_no: unknown account-book item" in shown[0]
    assert screen.customs_file is None and _rows(screen) == [held[0].item_no]  # the books stay as they were


def test_gathering_a_period_where_nothing_left_is_refused_in_words(make_ctx, qtbot, warehouse, monkeypatch):
    from PySide6.QtCore import QDate

    from ui.customs.checklists import ChecklistsScreen

    ctx = make_ctx("supervisor")
    screen = open_screen(qtbot, ChecklistsScreen, ctx)
    assert screen.gather_button.isVisibleTo(screen) and screen.model.rows == []
    shown = []
    monkeypatch.setattr("ui.customs.checklists.show_error", lambda exc, parent: shown.append(str(exc)))
    screen.first.setDate(QDate(2026, 1, 1))
    screen.last.setDate(QDate(2026, 1, 31))
    screen.gather()
    wait_idle(qtbot, ctx)
    assert shown and "nothing to gather" in shown[0] and screen.model.rows == []
    clerk = open_screen(qtbot, ChecklistsScreen, make_ctx("customs"))
    assert not clerk.gather_button.isVisibleTo(clerk)  # a customs officer looks and prints


@pytest.mark.parametrize(("moment", "period"), [
    (datetime(2026, 12, 31, 15, 59, 30, tzinfo=UTC), (date(2026, 12, 1), date(2026, 12, 31))),  # 23:59:30 there
    (datetime(2026, 12, 31, 16, 0, 30, tzinfo=UTC), (date(2027, 1, 1), date(2027, 1, 1))),      # 00:00:30, a new year
    (datetime(2028, 2, 28, 16, 0, 30, tzinfo=UTC), (date(2028, 2, 1), date(2028, 2, 29))),      # the leap day
])
def test_the_period_screens_open_on_the_warehouses_date_whatever_the_workstations(make_ctx, qtbot, moment, period):
    """The workstation's clock says 31 December (UTC); in Shanghai it may already be 1 January: the books and the
    checklists open on the warehouse's month up to its today (a time-injection seam, no real clock)."""
    from ui.customs.checklists import ChecklistsScreen

    clock.set_zone(ZoneInfo("Asia/Shanghai"))  # as the main window does once the database is known
    with app_clock.frozen_at(moment):
        books = open_screen(qtbot, BooksScreen, make_ctx("supervisor"))
        checklists = open_screen(qtbot, ChecklistsScreen, make_ctx("supervisor"))
    assert books.period() == checklists.period() == period
