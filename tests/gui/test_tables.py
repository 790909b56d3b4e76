"""The one read-only table helper keeps its promises whatever sized the columns: a header is never cut, a number
never elided (its column widens as bigger numbers arrive), a long name elides with its whole text as tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

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
