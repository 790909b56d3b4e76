"""The one read-only table helper keeps its promises whatever sized the columns: a header is never cut, a number
never elided (its column widens as bigger numbers arrive), a long name elides with its whole text as tooltip."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from tests.gui.helpers import wait_idle
from tests.gui.screen_walk import fit_problems
from ui.widgets.tables import Col, RowsModel, fill, fit_on_reset, grid, key, table_view


def test_numbers_widen_their_column_headers_stay_whole_and_long_names_keep_a_tooltip(qtbot, gui_app):
    model = RowsModel([Col("Name", key("name")), Col("Reserved quantity", key("reserved"), numeric=True),
                       Col("Owner", key("owner"))])
    view = table_view(model, name="stock")
    fit_on_reset(view, max_px=30)  # a fit that would cut both the header and the numbers
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.show()
    model.set_rows([{"name": "a2至初婴儿配方奶粉3段900克 " * 8, "reserved": 14, "owner": "SAMPLE"}])
    qtbot.waitUntil(lambda: fit_problems(view) == [])
    narrow = view.columnWidth(1)
    model.set_rows([{"name": "short", "reserved": 10**24, "owner": "SAMPLE"}])  # in place: dataChanged
    qtbot.waitUntil(lambda: view.columnWidth(1) > narrow)
    assert fit_problems(view) == []
    assert view.columnWidth(1) >= view.sizeHintForIndex(model.index(0, 1)).width()
    long_name = model.index(0, 0).data()
    model.set_rows([{"name": long_name + "!", "reserved": 1, "owner": "SAMPLE"}, {"name": "b", "reserved": 2, "owner": ""}])
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == long_name + "!"


def test_a_grid_widens_for_its_numbers_and_a_squeezed_stretching_column_keeps_its_header(qtbot, gui_app):
    table = grid("short_list", 4, stretch=1)
    table.setHorizontalHeaderLabels(["Wave", "A very long stretching title", "Orders", "Units"])
    qtbot.addWidget(table)
    table.resize(260, 200)
    table.show()
    for column in (0, 2):
        table.setColumnWidth(column, 90)  # the others leave the stretching column no room
    table.setColumnWidth(3, 20)  # and the numbers less than they need
    fill(table, [["W000001", "x", "12", "123456789012345"]], numeric=(2, 3))
    qtbot.waitUntil(lambda: fit_problems(table) == [])
    assert table.columnWidth(1) >= table.horizontalHeader().sectionSizeHint(1)


def test_the_row_count_says_what_it_knows(make_ctx, qtbot):
    """A list that is counted says 'Rows: N' once the count arrives; one that is not (the audit log) says how many
    rows are loaded and that more come as you scroll — never a 'counting…' that no count will ever end."""
    from ui.models.paged import Column, PagedTableModel
    from ui.widgets.tables import count_text

    ctx = make_ctx("clerk")
    rows = [(n, f"row {n}") for n in range(1, 8)]

    def page(_uow, _flt, after, limit):
        return [r for r in rows if r[0] > after][:limit]

    columns = [Column(0, "No."), Column(1, "Text")]
    uncounted = PagedTableModel(ctx, columns, page, page_size=3)
    counted = PagedTableModel(ctx, columns, page, count_fn=lambda _uow, _flt: len(rows), page_size=3)
    for model in (uncounted, counted):
        model.set_filter("")
    wait_idle(qtbot, ctx)
    assert uncounted.rowCount() == 3 and count_text(uncounted) == "Rows loaded: 3 (more as you scroll)"
    assert counted.rowCount() == 3 and count_text(counted) == "Rows: 7"
    while uncounted.canFetchMore(QModelIndex()):  # the last page makes the total known
        uncounted.fetchMore(QModelIndex())
        wait_idle(qtbot, ctx)
    assert count_text(uncounted) == "Rows: 7"


def test_a_stretching_last_column_gives_its_room_back_when_the_table_narrows(make_ctx, qtbot):
    """The columns fitted while the table was wide (a paged list's first page, a grid's rows): narrowed (at
    1366×768 beside a detail pane) the last column shrinks to what is left, down to its header's width, its long
    text elided with the tooltip holding it; nothing scrolls sideways (old code: it kept the room it had filled
    then, or its content's width, as its least)."""
    from tests.gui.screen_walk import sideways_problems
    from ui.models.paged import Column, PagedTableModel
    from ui.widgets.tables import fit, fit_columns_once

    ctx = make_ctx("clerk")
    long_text = "in the outbox since 2026-12-03 21:56:07 " * 3
    model = PagedTableModel(ctx, [Column(0, "No.", numeric=True), Column(1, "State")],
                            lambda _uow, _flt, after, limit: [(n, long_text) for n in range(after + 1, 4)][:limit])
    paged = table_view(model, name="paged")
    fit_columns_once(paged, model)
    table = grid("short_list", 2)
    fill(table, [["W000001", long_text]])
    for view in (paged, table):
        qtbot.addWidget(view)
        view.resize(900, 200)
        view.show()
    model.set_filter("")
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    fit(table, interactive=False)
    for view in (paged, table):
        view.resize(260, 200)
        qtbot.waitUntil(lambda view=view: view.viewport().width() < 260)
        qtbot.waitUntil(lambda view=view: sideways_problems(view) == [])
        assert fit_problems(view) == []
        assert view.horizontalHeader().sectionSize(1) < view.sizeHintForColumn(1)  # elided, the tooltip holds it
