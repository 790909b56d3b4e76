"""The main window: navigation built from the screen registry (filtered by role), the screen stack, menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QBrush, QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.i18n import LANGUAGES
from ui.shell.registry import SCREENS, ScreenSpec, group_title, visible_screens
from ui.vocabulary import role_label
from ui.widgets.error_dialog import show_error

if TYPE_CHECKING:
    from ui.context import AppContext

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    """Shows one screen at a time; a screen is built the first time it is opened (its factory gets ctx)."""

    sig_sign_out = Signal()            # the user chose File → Sign out
    sig_language_chosen = Signal(str)  # the user picked a language in the menu

    def __init__(self, ctx: AppContext, language: str) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.ctx = ctx
        self.screens: dict[str, QWidget] = {}
        self.badges: dict[str, int] = {}  # screen key → the count shown beside its entry (the overview's alerts)
        self.entries: list[str] = []  # screen keys in navigation order (Ctrl+1 … Ctrl+9)
        self._build_navigation()
        self._build_menus(language)
        self.user_label = QLabel(objectName="user_label")
        self.statusBar().addPermanentWidget(self.user_label)
        # the station's scanner, scale and label printer: started at sign-in, their state said in words
        from ui.devices.hub import devices_of
        from ui.devices.status import DeviceStatus

        self.statusBar().addPermanentWidget(DeviceStatus(devices_of(ctx)))
        from ui.admin.backup_status import BackupStatus

        self.backup_status = BackupStatus(ctx)
        self.statusBar().addPermanentWidget(self.backup_status)
        ctx.sig_error.connect(self.on_error)
        self.retranslate_ui()
        self._restore_layout()
        # times on every screen in the warehouse's zone; queued before the first screen's data (one DB thread)
        from app.orders.checks import warehouse_zone
        from ui.clock import set_zone

        ctx.run(lambda uow: warehouse_zone(uow.session), write=False, on_done=set_zone)
        if self.entries:
            self.open_screen(self.entries[0])

    # -- building ---------------------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        self.nav = QTreeWidget(objectName="navigation")
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(False)
        self.nav.setIndentation(14)
        font = self.nav.font()
        font.setPointSize(round(font.pointSize() * 1.3))
        self.nav.setFont(font)
        self.nav.setUniformRowHeights(False)
        self.nav.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        for group, specs in visible_screens(self.ctx.role):
            header = QTreeWidgetItem(self.nav)
            header.setData(0, KEY_ROLE, f"group:{group}")
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            bold = header.font(0)
            bold.setBold(True)
            header.setFont(0, bold)
            for spec in specs:
                item = QTreeWidgetItem(header)
                item.setData(0, KEY_ROLE, spec.key)
                self.entries.append(spec.key)
        self.nav.expandAll()
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.stack = QStackedWidget(objectName="screen_stack")
        self._policies: dict[QWidget, QSizePolicy] = {}  # each screen's own size policy, while it is hidden
        self.splitter = QSplitter(objectName="main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1000])
        self.setCentralWidget(self.splitter)
        for number, key in enumerate(self.entries[:9], start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self.open_screen(key))

    def _build_menus(self, language: str) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.sign_out_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(self.sig_sign_out)
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addActions([self.sign_out_action, self.quit_action])
        self.language_menu = self.menuBar().addMenu("")
        self.language_group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True, checked=code == language)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(self._language_triggered)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.report_action = QAction(self)
        self.report_action.triggered.connect(self._save_report)
        self.guide_action = QAction(self, shortcut=QKeySequence("Shift+F1"))
        self.guide_action.triggered.connect(self.show_guide)
        self.help_menu.addActions([self.guide_action, self.report_action, self.about_action])

    # -- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Bonded WMS"))
        self.file_menu.setTitle(self.tr("&File"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Bonded WMS"))
        self.guide_action.setText(self.tr("&Guide for my role"))
        self.report_action.setText(self.tr("Save a &report…"))
        for i in range(self.nav.topLevelItemCount()):
            header = self.nav.topLevelItem(i)
            header.setText(0, group_title(header.data(0, KEY_ROLE).removeprefix("group:")))
            for j in range(header.childCount()):
                item = header.child(j)
                key = item.data(0, KEY_ROLE)
                number = self.entries.index(key) + 1
                self._label_entry(item, key)
                item.setToolTip(0, f"Ctrl+{number}" if number <= 9 else "")
        self.nav.setMinimumWidth(max(180, self.nav.sizeHintForColumn(0) + 24))  # no entry cut short
        actor = self.ctx.actor
        if actor is not None:
            self.user_label.setText(self.tr("%1 (%2) at %3").replace("%1", actor.username)
                                    .replace("%2", role_label(actor.role)).replace("%3", self.ctx.station))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- behaviour --------------------------------------------------------------------------------------
    def visible_keys(self) -> list[str]:
        return list(self.entries)

    def open_screen(self, key: str) -> QWidget:
        """Show screen `key`, building it on first use; selects its navigation entry."""
        widget = self.screens.get(key)
        if widget is None:
            spec: ScreenSpec = SCREENS[key]
            widget = spec.factory(self.ctx)
            widget.setObjectName(f"screen:{key}")
            self.screens[key] = widget
            badge = getattr(widget, "sig_badge", None)
            if badge is not None:
                badge.connect(lambda count, key=key: self.set_badge(key, count))
            self.stack.addWidget(widget)
        ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for page in self.screens.values():  # a hidden screen's minimum size does not hold the window (the stack
            own = self._policies.setdefault(page, page.sizePolicy())  # counts every page's): only the shown one
            page.setSizePolicy(own if page is widget else ignored)  # must fit 1366×768
        self.stack.setCurrentWidget(widget)
        item = self._item_for(key)
        if item is not None and self.nav.currentItem() is not item:
            self.nav.setCurrentItem(item)
        return widget

    def set_badge(self, key: str, count: int) -> None:
        """Show `count` beside screen `key`'s entry in the navigation (0 hides it)."""
        self.badges[key] = count
        item = self._item_for(key)
        if item is not None:
            self._label_entry(item, key)

    def _label_entry(self, item: QTreeWidgetItem, key: str) -> None:
        badge = self.badges.get(key, 0)
        item.setText(0, SCREENS[key].display_title() + (f"  ⚠ {badge}" if badge else ""))
        item.setForeground(0, QBrush(QColor("#c62828")) if badge else QBrush())

    def show_guide(self) -> None:
        """Help → Guide: the signed-in role's short guide with the stations' keys, in the language on screen."""
        from ui.help.guide import GuideDialog

        dialog = GuideDialog(self.ctx.role, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _item_for(self, key: str) -> QTreeWidgetItem | None:
        for i in range(self.nav.topLevelItemCount()):
            header = self.nav.topLevelItem(i)
            for j in range(header.childCount()):
                if header.child(j).data(0, KEY_ROLE) == key:
                    return header.child(j)
        return None

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else None
        if key and not key.startswith("group:"):
            self.open_screen(key)

    def _language_triggered(self, action: QAction) -> None:
        self.sig_language_chosen.emit(action.data())

    def set_language_checked(self, language: str) -> None:
        for action in self.language_group.actions():
            action.setChecked(action.data() == language)

    @Slot(object)
    def on_error(self, exc: BaseException) -> None:
        show_error(exc, self)

    def qt_versions(self) -> dict[str, str]:
        import PySide6
        from PySide6.QtCore import qVersion

        return {"qt": qVersion(), "pyside6": PySide6.__version__}

    def about_text(self, found: dict[str, str]) -> str:
        """The About box's text: what the program is, and the versions support asks for."""
        lines = [self.tr("Bonded WMS — warehouse management for customs bonded warehouses "
                         "(cross-border e-commerce, bonded import 1210)."), "",
                 self.tr("Program: %1").replace("%1", found.get("program", "?")),
                 self.tr("Qt: %1 (PySide6 %2)").replace("%1", found.get("qt", "?"))
                 .replace("%2", found.get("pyside6", "?")),
                 self.tr("Python: %1").replace("%1", found.get("python", "?")),
                 self.tr("Database: %1").replace("%1", found.get("database", "?")),
                 self.tr("SQLite library: %1").replace("%1", found.get("sqlite_library", "?")),
                 self.tr("Schema: %1 (this program: %2)").replace("%1", found.get("database_schema", "?"))
                 .replace("%2", found.get("schema_of_program", "?"))]
        return "\n".join(lines)

    def _about(self) -> None:
        from app.diagnostics import versions

        extra = self.qt_versions()
        self.ctx.call(lambda: versions(self.ctx.db, extra), on_done=lambda found: QMessageBox.about(
            self, self.tr("About Bonded WMS"), self.about_text(found)))

    def _save_report(self) -> None:
        """Help → Save a report: versions, settings and the recent log in one zip (no personal data)."""
        from PySide6.QtWidgets import QFileDialog

        from app.diagnostics import save_report

        name = f"bwms-report-{self.ctx.station or 'station'}.zip"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save a report for support"), name,
                                                self.tr("Zip files (*.zip)"))
        if not target:
            return
        extra = self.qt_versions()
        self.ctx.call(lambda: save_report(target, self.ctx.db, extra), on_done=lambda path: self.statusBar()
                      .showMessage(self.tr("Report saved: %1").replace("%1", str(path)), 10_000))

    def _restore_layout(self) -> None:
        geometry = self.ctx.settings.layout("main_window")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = self.ctx.settings.layout("main_splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.ctx.settings.set_layout("main_window", self.saveGeometry())
        self.ctx.settings.set_layout("main_splitter", self.splitter.saveState())
        super().closeEvent(event)
