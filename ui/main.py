"""The GUI composition root: application, translations, context, sign-in, then the main window.

Start-up paints the sign-in window first; only then does the DB thread start, open the database and check its
schema (SQLAlchemy and Alembic load there), so the window is up nearly as fast as an empty Qt window and the
user types while the database opens. Sign-in is enabled once it is open (`bwms` reaches here without loading
the CLI: bwms_launcher.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui import collector
from ui.context import AppContext
from ui.i18n import Translations, system_language
from ui.login import LoginDialog
from ui.station_settings import StationSettings

APP_NAME = "Bonded WMS"
AFTER_SHOWN_LATEST_MS = 1000  # open the database then even if the sign-in window has not been painted


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the shell installs the fonts before the first window: see install_fonts)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("BondedWMS")
    _route_qt_messages()
    collector.install()  # before the first worker or device thread: cycles are collected on this thread only
    return app


def _route_qt_messages() -> None:
    """Qt's warnings and criticals go to the log file (app.diagnostics) with their source, like Python's."""
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    log = logging.getLogger("qt")
    levels = {QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, context, message: str) -> None:  # noqa: ANN001 - a QMessageLogContext
        level = levels.get(kind)
        if level is not None:
            log.log(level, "%s (%s:%s)", message, context.file or "?", context.line)

    qInstallMessageHandler(handler)


def install_fonts(app: QApplication) -> None:
    """Use WenQuanYi Micro Hei (resources/fonts) as fallback so Chinese renders on any machine, at 11 pt at least.

    The shipped file (5 MB) is registered only when no font of that family is installed already (Debian's
    fonts-wqy-microhei is the same file): reading it is most of this function's time, before the first paint.
    """
    from PySide6.QtGui import QFontDatabase

    from printing.fonts import FONT_FAMILY, FONT_FILE

    families = [FONT_FAMILY] if QFontDatabase.hasFamily(FONT_FAMILY) else []
    if not families:
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    font = QFont(app.font())
    if families:  # Latin from the platform font, Chinese from WenQuanYi when the platform font has none
        font.setFamilies([font.family(), families[0]])
    font.setPointSize(max(font.pointSize(), 11))
    app.setFont(font)


def station_settings(station: str) -> StationSettings:
    from app.config import data_dir

    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in station) or "station"
    return StationSettings(Path(data_dir()) / f"workstation-{safe}.ini")


class Shell(QObject):
    """Owns the context and the windows; switches language, handles sign-in, sign-out and fatal errors."""

    def __init__(self, app: QApplication, db_url: str, station: str, settings: StationSettings) -> None:
        super().__init__()
        self.app, self.db_url = app, db_url
        self.translations = Translations(app)
        language = settings.language or system_language()
        if not self.translations.switch(language):
            self.translations.switch("en")
        self.ctx = AppContext(station, settings, parent=self)
        self.login: LoginDialog | None = None
        self.window = None
        self.exit_code = 0
        self._opening = False  # the database is being opened (or the shell is closed): open it once

    def start(self) -> LoginDialog:
        """Show the sign-in window now; the database opens once it is painted."""
        install_fonts(self.app)  # before: the first paint is in the final fonts (no text jumping after it)
        login = self.show_login()
        login.sig_painted.connect(self._painted)
        QTimer.singleShot(AFTER_SHOWN_LATEST_MS, self, self._after_shown)  # a window never painted (minimised)
        return login

    @Slot()
    def _painted(self) -> None:
        QTimer.singleShot(0, self, self._after_shown)  # once the paint is done and on screen

    @Slot()
    def _after_shown(self) -> None:
        if self._opening:
            return
        self._opening = True
        self.ctx.open_database(self.db_url, on_done=self._database_open, on_error=self._database_failed)

    def show_login(self) -> LoginDialog:
        self.login = LoginDialog(self.ctx, self.translations.language)
        self.login.sig_language_chosen.connect(self.switch_language)
        self.login.accepted.connect(self.show_main_window)
        self.login.rejected.connect(self.app.quit)
        if self.ctx.db is not None:
            self.login.database_ready()
        self.login.show()
        return self.login

    def _database_open(self, _db: object) -> None:
        if self.login is not None:
            self.login.database_ready()

    def _database_failed(self, exc: BaseException) -> None:
        """The database cannot be used: say so clearly, then leave (exit code 1)."""
        from PySide6.QtWidgets import QMessageBox

        from ui.error_text import describe

        self.exit_code = 1
        if self.login is not None:
            self.login.database_failed(exc)
        described = describe(exc)
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, described.text, parent=self.login)
        box.setObjectName("database_error")
        box.setInformativeText(described.detail)
        box.finished.connect(self._quit_after_error)
        box.open()

    @Slot()
    def _quit_after_error(self) -> None:
        self.quit(self.exit_code)

    def quit(self, code: int) -> None:
        self.app.exit(code)

    @Slot(str)
    def switch_language(self, language: str) -> None:
        if self.translations.switch(language):
            self.ctx.settings.language = language
        if self.window is not None:
            self.window.set_language_checked(self.translations.language)
        if self.login is not None:
            self.login.set_language(self.translations.language)

    @Slot()
    def show_main_window(self) -> None:
        from ui.main_window import MainWindow
        from ui.shell import load_all

        load_all()
        self.window = MainWindow(self.ctx, self.translations.language)
        self.window.sig_language_chosen.connect(self.switch_language)
        self.window.sig_sign_out.connect(self.sign_out)
        self.window.show()
        if self.login is not None:
            self.login.deleteLater()
            self.login = None

    @Slot()
    def sign_out(self) -> None:
        window, self.window = self.window, None
        self.ctx.sign_out()
        self.show_login()
        if window is not None:
            window.close()
            window.deleteLater()

    def close(self) -> None:
        self._opening = True
        self.ctx.settings.sync()
        self.ctx.close()
        self.translations.release()


def run_gui(db_url: str, station: str) -> int:
    """Open the desktop application on `db_url` as workstation `station`; returns the exit code."""
    app = make_application()
    shell = Shell(app, db_url, station, station_settings(station))
    shell.start()
    code = app.exec()
    shell.close()
    return code or shell.exit_code


def main() -> int:
    """The `bwms-gui` entry point: the database from BWMS_DATABASE_URL or the embedded file."""
    import socket

    from app.config import default_database_url
    from app.diagnostics import setup_logging

    setup_logging()
    station = os.environ.get("BWMS_STATION") or socket.gethostname()
    return run_gui(default_database_url(), station)


if __name__ == "__main__":
    sys.exit(main())
