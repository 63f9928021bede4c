"""Users: the table, filter, and every per-user and bulk action."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui import icons
from mtpm_desktop.ui.backend import LinkCheck, UserEdit
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_qr import QrDialog
from mtpm_desktop.ui.dlg_user import AddUserDialog, UserSettingsDialog
from mtpm_desktop.ui.models import (
    USER_ROLE,
    Col,
    StateDelegate,
    TrafficDelegate,
    UsersFilterProxy,
    UsersModel,
)
from mtpm_desktop.ui.page_base import Page
from mtpm_desktop.ui.snapshot import UserRow

Shortcut = str | QKeySequence.StandardKey | None


class UsersPage(Page):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("usersPage")
        self.model = UsersModel(self)
        self.proxy = UsersFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.last_dialog: QrDialog | None = None  # tests and screenshots reach the open QR dialog here

        self.toolbar = QToolBar()
        self.act_add = self._action(self.tr("Add user…"), self.add_user, "Ctrl+Shift+N")
        self.act_remove = self._action(
            self.tr("Delete"), self.remove_selected, QKeySequence.StandardKey.Delete
        )
        self.act_enable = self._action(self.tr("Enable"), lambda: self.set_enabled_selected(True))
        self.act_disable = self._action(self.tr("Disable"), lambda: self.set_enabled_selected(False))
        self.act_settings = self._action(self.tr("Settings…"), self.edit_current, "Ctrl+E")
        self.act_qr = self._action(self.tr("QR code…"), self.show_qr, "Ctrl+Shift+Q")
        self.act_copy_tg = self._action(
            self.tr("Copy tg:// link"), lambda: self.copy_link("tg"), "Ctrl+Shift+C"
        )
        self.act_copy_tme = self._action(
            self.tr("Copy t.me link"), lambda: self.copy_link("tme"), "Ctrl+Shift+L"
        )
        self.act_check = self._action(self.tr("Test link"), self.check_selected, "Ctrl+T")
        self.act_check_all = self._action(self.tr("Test all links"), self.check_all)
        for act in (
            self.act_add,
            self.act_remove,
            self.act_enable,
            self.act_disable,
            self.act_settings,
            self.act_qr,
            self.act_copy_tg,
            self.act_copy_tme,
            self.act_check,
            self.act_check_all,
        ):
            self.toolbar.addAction(act)
        # Icons with tooltips keep ten actions on one row at 1366 px; the first step keeps its words too.
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        add_button = self.toolbar.widgetForAction(self.act_add)
        if isinstance(add_button, QToolButton):
            add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons.assign(
            {
                self.act_add: "user-plus",
                self.act_remove: "user-x",
                self.act_enable: "circle-play",
                self.act_disable: "circle-pause",
                self.act_settings: "sliders-horizontal",
                self.act_qr: "qr-code",
                self.act_copy_tg: "copy",
                self.act_copy_tme: "link",
                self.act_check: "activity",
                self.act_check_all: "list-checks",
            }
        )

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("usersFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, port, domain or state"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)

        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.PORT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 1,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegateForColumn(Col.STATE, StateDelegate(self.table))
        self.table.setItemDelegateForColumn(Col.TRAFFIC, TrafficDelegate(self.table))
        self.table.setColumnWidth(Col.NAME, 160)
        self.table.setColumnWidth(Col.DOMAIN, 170)
        self.table.setColumnWidth(Col.STATE, 220)
        self.table.setColumnWidth(Col.TRAFFIC, 190)
        self.table.setColumnWidth(Col.EXPIRES, 130)
        self.table.setColumnWidth(Col.CREATED, 130)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.filter_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self._update_actions()

    def _action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        act = QAction(text, self)
        act.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        return act

    # -- view -----------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        keep = {u.id for u in self.selected_users()}
        current = self.current_user()
        self.model.set_users(self.snap.users if self.snap else [])
        sel = self.table.selectionModel()
        for uid in keep:
            row = self.model.row_of(uid)
            if row >= 0:
                idx = self.proxy.mapFromSource(self.model.index(row, 0))
                sel.select(
                    idx,
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )
        if current is not None:
            row = self.model.row_of(current.id)
            if row >= 0:
                idx = self.proxy.mapFromSource(self.model.index(row, 0))
                sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._update_actions()

    def _update_actions(self) -> None:
        n = len(self.selected_users())
        ok = self.editable()
        self.act_add.setEnabled(ok)
        self.act_check_all.setEnabled(ok and self.model.rowCount() > 0)
        for act in (self.act_remove, self.act_enable, self.act_disable, self.act_check):
            act.setEnabled(ok and n > 0)
        one = ok and n == 1
        self.act_settings.setEnabled(one)
        user = self.current_user() if n == 1 else None
        has_link = bool(user and user.tme_link)
        for act in (self.act_qr, self.act_copy_tg, self.act_copy_tme):
            act.setEnabled(has_link)

    def selected_users(self) -> list[UserRow]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [r.data(USER_ROLE) for r in rows if r.data(USER_ROLE) is not None]

    def current_user(self) -> UserRow | None:
        sel = self.selected_users()
        if len(sel) == 1:
            return sel[0]
        idx = self.table.currentIndex()
        return idx.data(USER_ROLE) if idx.isValid() else None

    def select_user(self, user_id: str) -> None:
        row = self.model.row_of(user_id)
        if row < 0:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().select(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(idx)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for act in (self.act_settings, self.act_qr, self.act_copy_tg, self.act_copy_tme, self.act_check):
            menu.addAction(act)
        menu.addSeparator()
        for act in (self.act_enable, self.act_disable, self.act_remove):
            menu.addAction(act)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- actions --------------------------------------------------------------------------------------
    def add_user(self, name: str | None = None, port: int | None = None, domain: str | None = None) -> None:
        """Without arguments, ask in a dialog; tests pass the values directly."""
        server = self.server
        if server is None:
            return
        if name is None:
            dlg = AddUserDialog(self)
            if dlg.exec() != AddUserDialog.DialogCode.Accepted:
                return
            name, port, domain = dlg.values()
        title = self.tr("Add user {name}").format(name=name)
        self.controller.run(server, title, lambda b, p: b.add_user(name, port, domain, p))

    def remove_selected(self, confirm: bool = True) -> None:
        users = self.selected_users()
        if not users or self.server is None:
            return
        if confirm:
            names = ", ".join(u.name for u in users[:10]) + ("…" if len(users) > 10 else "")
            answer = QMessageBox.question(
                self,
                self.tr("Delete users"),
                self.tr(
                    "Delete {n} user(s): {names}?\nTheir links stop working and their counters are lost."
                ).format(n=len(users), names=names),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        for u in users:
            self.controller.run(
                self.server,
                self.tr("Delete {name}").format(name=u.name),
                lambda b, p, uid=u.id: b.remove_user(uid, p),  # type: ignore[misc]
            )

    def set_enabled_selected(self, enabled: bool) -> None:
        if self.server is None:
            return
        for u in self.selected_users():
            if u.enabled == enabled:
                continue
            title = (self.tr("Enable {name}") if enabled else self.tr("Disable {name}")).format(name=u.name)
            self.controller.run(self.server, title, lambda b, p, uid=u.id: b.set_enabled(uid, enabled, p))  # type: ignore[misc]

    def edit_current(self) -> None:
        user = self.current_user()
        if user is None or self.server is None:
            return
        dlg = UserSettingsDialog(user, self)
        if dlg.exec() != UserSettingsDialog.DialogCode.Accepted:
            return
        self.apply_edit(user, dlg.edit())

    def apply_edit(self, user: UserRow, edit: UserEdit) -> None:
        if self.server is None:
            return
        self.controller.run(
            self.server,
            self.tr("Settings of {name}").format(name=user.name),
            lambda b, p: b.edit_user(user.id, edit, p),
        )

    def open_qr(self, user: UserRow) -> QrDialog:
        dlg = QrDialog(user.name, user.tme_link, self)
        self.last_dialog = dlg
        return dlg

    def show_qr(self) -> None:
        user = self.current_user()
        if user is None or not user.tme_link:
            return
        self.open_qr(user).open()

    def copy_link(self, kind: str) -> None:
        user = self.current_user()
        if user is None:
            return
        QGuiApplication.clipboard().setText(user.tg_link if kind == "tg" else user.tme_link)

    def check_selected(self) -> None:
        self._check([u.id for u in self.selected_users()])

    def check_all(self) -> None:
        self._check(None)

    def _check(self, ids: list[str] | None) -> None:
        if self.server is None:
            return
        server = self.server

        def done(results: list[LinkCheck]) -> None:
            snap = self.controller.snapshot(server)
            if snap is None:
                return
            now = time.time()
            for r in results:
                u = snap.user(r.user_id)
                if u is not None:
                    u.check_result, u.check_rtt_ms, u.check_at = r.result, r.rtt_ms, now
            self.controller.snapshot_changed.emit(server)

        self.controller.run(
            server, self.tr("Test links"), lambda b, p: b.check_links(ids, p), done, refresh_after=False
        )
