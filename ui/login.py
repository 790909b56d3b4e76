"""The sign-in window: user name, password and language; the password is checked on the DB thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LANGUAGES

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from app.persistence.uow import Actor
    from ui.context import AppContext


class LoginDialog(QDialog):
    """Accepted once the password is right (ctx.actor is then set); rejected when the user quits."""

    sig_language_chosen = Signal(str)  # the user picked a language in the combo box ('en', 'zh_CN')
    sig_painted = Signal()  # the first paint: the window is on screen (the shell then opens the database)

    def __init__(self, ctx: AppContext, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login")
        self.ctx = ctx
        self._status_text: Callable[[], str] = lambda: self.tr("Opening the database…")
        self._painted = False
        self._build(language)
        self.sign_in_button.setEnabled(False)  # until database_ready(): the user types meanwhile
        self.retranslate_ui()
        self.username.setText(ctx.settings.last_username)
        (self.password if self.username.text() else self.username).setFocus()

    def _build(self, language: str) -> None:
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSize(font.pointSize() * 2)
        font.setBold(True)
        self.heading.setFont(font)
        self.station = QLabel()
        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.language = QComboBox(objectName="language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.status = QLabel(objectName="login_status", wordWrap=True)
        self.sign_in_button = QPushButton(objectName="sign_in", default=True, autoDefault=True)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.quit_button = QPushButton(objectName="quit", autoDefault=False)
        self.quit_button.clicked.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.username)
        self.form.addRow(QLabel(), self.password)
        self.form.addRow(QLabel(), self.language)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.station)
        layout.addSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Bonded WMS — sign in"))
        self.heading.setText(self.tr("Bonded WMS"))
        self.station.setText(self.tr("Workstation: %1").replace("%1", self.ctx.station))
        for row, text in enumerate((self.tr("User name"), self.tr("Password"), self.tr("Language"))):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.quit_button.setText(self.tr("Quit"))
        self.status.setText(self._status_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.sig_painted.emit()

    def set_language(self, language: str) -> None:
        """Show `language` as chosen (after a switch made elsewhere) without announcing it again."""
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.blockSignals(False)

    def _language_changed(self, _index: int) -> None:
        self.sig_language_chosen.emit(self.language.currentData())

    def database_ready(self) -> None:
        self.sign_in_button.setEnabled(True)
        self._show_status(str)

    def database_failed(self, exc: BaseException) -> None:
        """The database cannot be used: say why and refuse to sign in."""
        from ui.error_text import describe

        self.sign_in_button.setEnabled(False)
        self._show_status(lambda: describe(exc).text, failed=True)

    def sign_in(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.username.setFocus()
            return
        self.sign_in_button.setEnabled(False)
        self._show_status(lambda: self.tr("Checking the password…"))
        self.ctx.sign_in(username, self.password.text(), on_done=self._signed_in, on_error=self._refused)

    def _signed_in(self, actor: Actor) -> None:
        self.ctx.settings.last_username = actor.username
        self.password.clear()
        self._show_status(str)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        from ui.error_text import describe

        self.sign_in_button.setEnabled(getattr(exc, "code", "") != "database_unavailable")
        self._show_status(lambda: describe(exc).text, failed=True)
        self.password.clear()
        self.password.setFocus()

    def _show_status(self, text: Callable[[], str], *, failed: bool = False) -> None:
        """`text` is a function, so the status is said again in the new language after a switch."""
        self._status_text = text
        self.status.setProperty("failed", failed)
        self.status.setStyleSheet("color: #c62828; font-weight: bold;" if failed else "")
        self.status.setText(text())
