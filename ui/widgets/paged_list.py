"""The searchable, paged, read-only list that the master-data and record screens show (locations, products,
account book, audit log): a search field (debounced), the table, the row count under it, import buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.domain.roles import Permission
from ui.models.paged import Column, PagedTableModel
from ui.widgets.import_action import ImportButton, ImportKind
from ui.widgets.tables import Debouncer, count_text, fit_columns_once, table_view

if TYPE_CHECKING:
    from ui.context import AppContext


class PagedList:
    """What such a screen is made of; the screen lays the parts out (`bar()` gives the search line) and keeps
    `model`, `search`, `view` and `count` as its own attributes."""

    def __init__(self, owner: QWidget, ctx: AppContext, columns: Sequence[Column], page_fn: Callable[..., Any], *,
                 name: str, first_key: Any, key_fn: Callable[[tuple], Any],
                 count_fn: Callable[..., int] | None = None, imports: Sequence[ImportKind] = (),
                 stretch: int | None = None) -> None:
        self.model = PagedTableModel(ctx, list(columns), page_fn, count_fn=count_fn, first_key=first_key,
                                     key_fn=key_fn)
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.debounce = Debouncer(300, self.apply_search, owner)
        self.search.textChanged.connect(self.debounce.poke)
        self.search.returnPressed.connect(self.debounce.flush)
        self.view = table_view(self.model, name=name)
        fit_columns_once(self.view, self.model, stretch=stretch)  # stretch: the long text column
        self.count = QLabel(objectName="count")
        self.model.sig_count.connect(self.show_count)
        self.model.rowsInserted.connect(self.show_count)  # "rows loaded" follows the pages as they arrive
        self.model.modelReset.connect(self.show_count)
        self.model.sig_failed.connect(ctx.sig_error)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.imports = [ImportButton(ctx, kind) for kind in imports] if ctx.may(Permission.MASTER_DATA) else []
        for button in self.imports:
            button.sig_imported.connect(self.refresh)

    def bar(self, *extra: QWidget) -> QHBoxLayout:
        """The search line: its label, the field, then `extra` widgets and the import buttons."""
        bar = QHBoxLayout()
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        for widget in (*extra, *self.imports):
            bar.addWidget(widget)
        return bar

    def retranslate(self, search_label: str, placeholder: str) -> None:
        self.search_label.setText(search_label)
        self.search.setPlaceholderText(placeholder)
        self.model.retranslate()
        self.show_count()

    def start(self) -> None:
        self.model.set_filter("")

    def apply_search(self) -> None:
        text = self.search.text().strip()
        if text != self.model.current_filter:
            self.model.set_filter(text)

    def refresh(self) -> None:
        self.model.reload()

    def show_count(self, *_args: object) -> None:
        self.count.setText(count_text(self.model))
