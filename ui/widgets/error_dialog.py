"""Showing an error to the user: a translated sentence, the product's detail, and a table of bad file rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.error_text import describe


class RowErrorsDialog(QDialog):
    """Every bad row of a refused file: file, line, column, reason — so the user can fix them all at once."""

    def __init__(self, summary: str, errors: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("row_errors_dialog")
        self.setWindowTitle(QCoreApplication.translate("ErrorDialog", "File refused"))
        layout = QVBoxLayout(self)
        label = QLabel(summary)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.table = QTableWidget(len(errors), 4)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("ErrorDialog", "File"),
            QCoreApplication.translate("ErrorDialog", "Line"),
            QCoreApplication.translate("ErrorDialog", "Column"),
            QCoreApplication.translate("ErrorDialog", "Problem"),
        ])
        for row, err in enumerate(errors):
            values = [Path(str(err.file)).name, str(err.line or ""), err.column, err.message]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(str(err.file) if col == 0 else value)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 420)


def error_dialog(exc: BaseException, parent: QWidget | None) -> QDialog:
    """The dialog that shows `exc` (not yet shown): a row table for a refused file, else a message box."""
    described = describe(exc)
    errors = getattr(exc, "errors", None)
    if described.code == "file_rejected" and errors:
        return RowErrorsDialog(described.text, list(errors), parent)
    box = QMessageBox(parent)
    box.setObjectName("error_dialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Not done"))
    box.setText(described.text)
    if described.detail and described.detail != described.text:
        box.setInformativeText(described.detail)
    return box


def show_error(exc: BaseException, parent: QWidget | None) -> None:
    """Show `exc` without blocking the caller's code path (window-modal, deleted when closed)."""
    dialog = error_dialog(exc, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    dialog.show()
