"""Users (administrators only): add a user, change a role, disable or enable, set a password — all audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.admin import auth
from app.domain.roles import Permission
from app.persistence.uow import Area
from ui.error_text import describe
from ui.models.paged import Column, PagedTableModel
from ui.shell.screen import Screen, heading
from ui.vocabulary import ROLES, role_label
from ui.widgets.tables import fit_columns_once, render_value, table_view

if TYPE_CHECKING:
    from ui.context import AppContext

# a row: (username, full_name, role, active, created_at)
COLUMNS = [
    Column(0, QT_TRANSLATE_NOOP("Columns", "User name")),
    Column(1, QT_TRANSLATE_NOOP("Columns", "Full name")),
    Column(2, QT_TRANSLATE_NOOP("Columns", "Role"), role_label),
    Column(3, QT_TRANSLATE_NOOP("Columns", "Active"), render_value),
    Column(4, QT_TRANSLATE_NOOP("Columns", "Created"), render_value),
]


def users_page(uow: Any, _filter: Any, after: str, limit: int) -> list[tuple]:
    rows = [(u.username, u.full_name, u.role, u.active, u.created_at) for u in auth.list_users(uow)]
    return [r for r in rows if r[0] > after][:limit]


def _role_combo(name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    for role in ROLES:
        combo.addItem("", role)
    return combo


class UsersScreen(Screen):
    """The user list; the selected user's role, activity and password on the right, a new-user form below."""

    areas = frozenset({Area.USERS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = PagedTableModel(ctx, COLUMNS, users_page, first_key="", key_fn=lambda r: r[0], page_size=500)
        self.view = table_view(self.model, name="users_table")
        fit_columns_once(self.view, self.model, stretch=1)  # the full name takes the room left
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.selected: tuple | None = None
        self._status_text: Any = str
        self.title, self.status = heading(), QLabel(objectName="users_status", wordWrap=True)
        self._build_selected_box()
        self._build_new_box()
        side = QVBoxLayout()
        side.addWidget(self.selected_box)
        side.addWidget(self.new_box)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self._editable = ctx.may(Permission.USER_ADMIN)
        self.selected_box.setVisible(self._editable)
        self.new_box.setVisible(self._editable)
        self.retranslate_ui()
        self._update_buttons()
        self.model.set_filter(None)

    def _build_selected_box(self) -> None:
        self.selected_box = QGroupBox(objectName="selected_user")
        self.selected_name = QLabel(objectName="selected_name")
        self.role = _role_combo("role")
        self.apply_role = QPushButton(objectName="apply_role", clicked=self.change_role)
        self.toggle_active = QPushButton(objectName="toggle_active", clicked=self.toggle_activity)
        self.new_password = QLineEdit(objectName="reset_password", echoMode=QLineEdit.EchoMode.Password)
        self.set_password = QPushButton(objectName="set_password", clicked=self.reset_password)
        self.selected_form = QFormLayout(self.selected_box)
        for field in (self.selected_name, self.role, self.apply_role, self.toggle_active, self.new_password,
                      self.set_password):
            self.selected_form.addRow(QLabel(), field)

    def _build_new_box(self) -> None:
        self.new_box = QGroupBox(objectName="new_user")
        self.new_name = QLineEdit(objectName="new_username")
        self.new_full_name = QLineEdit(objectName="new_full_name")
        self.new_role = _role_combo("new_role")
        self.new_pw = QLineEdit(objectName="new_password", echoMode=QLineEdit.EchoMode.Password)
        self.new_pw_again = QLineEdit(objectName="new_password_again", echoMode=QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(objectName="add_user", clicked=self.add_user)
        self.new_form = QFormLayout(self.new_box)
        for field in (self.new_name, self.new_full_name, self.new_role, self.new_pw, self.new_pw_again,
                      self.add_button):
            self.new_form.addRow(QLabel(), field)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Users"))
        self.selected_box.setTitle(self.tr("Selected user"))
        self.new_box.setTitle(self.tr("New user"))
        labels = [self.tr("User"), self.tr("Role"), "", "", self.tr("New password"), ""]
        for row, text in enumerate(labels):
            self.selected_form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        labels = [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Password"),
                  self.tr("Password again"), ""]
        for row, text in enumerate(labels):
            self.new_form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        for combo in (self.role, self.new_role):
            for i in range(combo.count()):
                combo.setItemText(i, role_label(combo.itemData(i)))
        self.apply_role.setText(self.tr("Change role"))
        self.set_password.setText(self.tr("Set password"))
        self.add_button.setText(self.tr("Add user"))
        self._update_buttons()
        self.status.setText(self._status_text())
        self.model.retranslate()

    def refresh(self) -> None:
        self.model.reload()

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self.selected = self.model.row_at(indexes[0].row()) if indexes else None
        if self.selected is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(self.selected[2])))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected is not None
        self.selected_name.setText(self.selected[0] if chosen else self.tr("(select a user in the list)"))
        for widget in (self.role, self.apply_role, self.toggle_active, self.new_password, self.set_password):
            widget.setEnabled(chosen)
        active = bool(self.selected and self.selected[3])
        self.toggle_active.setText(self.tr("Disable") if active or not chosen else self.tr("Enable"))

    # -- actions (each one service call on the DB thread) -----------------------------------------------
    def add_user(self) -> None:
        name, full_name = self.new_name.text().strip(), self.new_full_name.text().strip()
        role, password = self.new_role.currentData(), self.new_pw.text()
        if password != self.new_pw_again.text():
            self._say(lambda: describe(_Mismatch()).text, failed=True)
            return
        self._run(lambda uow: auth.add_user(uow, name, role, password, full_name) and None,
                  lambda: self.tr("User %1 added.").replace("%1", name), clear_new=True)

    def change_role(self) -> None:
        name, role = self.selected[0], self.role.currentData()
        self._run(lambda uow: auth.set_user(uow, name, role=role) and None,
                  lambda: self.tr("%1 is now %2.").replace("%1", name).replace("%2", role_label(role)))

    def toggle_activity(self) -> None:
        name, active = self.selected[0], not self.selected[3]
        self._run(lambda uow: auth.set_user(uow, name, active=active) and None,
                  (lambda: self.tr("%1 may sign in again.").replace("%1", name)) if active
                  else (lambda: self.tr("%1 is disabled and cannot sign in.").replace("%1", name)))

    def reset_password(self) -> None:
        name, password = self.selected[0], self.new_password.text()
        self._run(lambda uow: auth.set_user(uow, name, password=password) and None,
                  lambda: self.tr("The password of %1 was changed.").replace("%1", name))

    def _run(self, fn: Any, success: Any, *, clear_new: bool = False) -> None:
        def done(_result: object) -> None:
            self._say(success)
            self.new_password.clear()
            if clear_new:
                for field in (self.new_name, self.new_full_name, self.new_pw, self.new_pw_again):
                    field.clear()

        self.ctx.run(fn, on_done=done, on_error=lambda exc: self._say(lambda: describe(exc).text, failed=True))

    def _say(self, text: Any, *, failed: bool = False) -> None:
        """`text` is a function, so the message is said again in the new language after a switch."""
        self._status_text = text
        self.status.setStyleSheet("color: #c62828; font-weight: bold;" if failed else "color: #1b7f3b;")
        self.status.setText(text())


class _Mismatch(Exception):
    code = "password_mismatch"
    params: dict[str, Any] = {}
    message = "the two passwords differ"
