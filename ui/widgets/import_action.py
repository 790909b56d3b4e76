"""Import buttons: pick a file, run the master-data importer as a long job, show the report or every bad row."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from ui.jobs import run_job
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext


@dataclass(frozen=True)
class ImportKind:
    """One importable file kind: the button text (source, context "ImportAction"), the service, file types."""

    label: str
    service: str  # "module:function", resolved when the button is pressed (keeps screens light to load)
    patterns: str = "*.csv *.xlsx"


def _tr(source: str) -> str:
    """A label held in a variable (marked where it is written with QT_TRANSLATE_NOOP("ImportAction", …))."""
    return QCoreApplication.translate("ImportAction", source)


def resolve_importer(service: str) -> Callable[[Any, Path], Any]:
    module, _, function = service.partition(":")
    return getattr(importlib.import_module(module), function)


def choose_file(parent: QWidget, title: str, patterns: str) -> str:
    """The file the user picked, or '' (a seam the tests replace)."""
    files = QCoreApplication.translate("ImportAction", "Import files")
    path, _ = QFileDialog.getOpenFileName(parent, title, "", f"{files} ({patterns})")
    return path


def report_text(path: Path, report: Any) -> str:
    """The importer's counts as a sentence in the user's language (its own English text otherwise)."""
    data = report.to_json() if hasattr(report, "to_json") else {}
    if {"created", "updated", "unchanged"} <= set(data):
        sentence = QCoreApplication.translate("ImportAction", "%1: %2 new, %3 changed, %4 unchanged.")
        text = (sentence.replace("%1", path.name).replace("%2", str(data["created"]))
                .replace("%3", str(data["updated"])).replace("%4", str(data["unchanged"])))
        if data.get("account_book_items_created"):
            items = QCoreApplication.translate("ImportAction", "Account-book items made from the filings: %1.")
            text += " " + items.replace("%1", str(data["account_book_items_created"]))
        return text
    return report.describe() if hasattr(report, "describe") else str(report)


class ImportButton(QPushButton):
    """Runs one ImportKind; the result (or the refused rows) is shown to the user."""

    sig_imported = Signal(object)  # the importer's report, after the import was committed

    def __init__(self, ctx: AppContext, kind: ImportKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.last_report: Any = None
        self.clicked.connect(self.start)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_tr(self.kind.label))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def start(self) -> None:
        path = choose_file(self.window(), _tr(self.kind.label), self.kind.patterns)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Import `path` now (the button's work after the file is chosen)."""
        service = self.kind.service

        def job(uow: Any, state: Any) -> Any:
            state.set_status(QCoreApplication.translate("ImportAction", "Importing %1…").replace("%1", path.name))
            return resolve_importer(service)(uow, path)

        self.setEnabled(False)
        run_job(self.ctx, self.window(), _tr(self.kind.label), job,
                on_done=lambda report: self._done(path, report), on_error=self._failed)

    def _done(self, path: Path, report: Any) -> None:
        self.setEnabled(True)
        self.last_report = report
        self.sig_imported.emit(report)
        title = QCoreApplication.translate("ImportAction", "Import finished")
        box = QMessageBox(QMessageBox.Icon.Information, title, report_text(path, report),
                          parent=self.window())
        box.setObjectName("import_report")
        box.open()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        show_error(exc, self.window())
