"""The owner filter of the stock, orders and declarations screens: any owner, or one (its code and name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.admin import list_owners

if TYPE_CHECKING:
    from ui.context import AppContext


class OwnerFilter(QComboBox):
    """Item 0 is "any owner" (data ""); the others carry an owner's code. Loaded off the GUI thread."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="owner")
        self.ctx = ctx
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)  # "CODE · name": long merchant names are cut, the list shows them whole
        self.addItem(self.tr("any owner"), "")
        self.load()

    def load(self) -> None:
        if self.ctx.db is not None and self.ctx.actor is not None:
            self.ctx.run(list_owners, write=False, on_done=self._arrived)

    def _arrived(self, owners: list[dict[str, Any]]) -> None:
        current = self.code()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for o in owners:
            self.addItem(f"{o['code']} · {o['name']}", o["code"])
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)
        if self.code() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def code(self) -> str:
        return self.currentData() or ""

    def retranslate_ui(self) -> None:
        self.setItemText(0, self.tr("any owner"))
