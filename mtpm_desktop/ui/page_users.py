"""Users: the table, filter, and every per-user and bulk action.

Add user ends in the Share dialog with the new user selected. Delete and Reset traffic wait out the undo
window (`undo.PendingActions`) before anything reaches the server; a user waiting to be deleted is hidden.
Every copy, add, delete and check confirms itself in the status bar (`Controller.notify`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop.ui import confirm, icons
from mtpm_desktop.ui.backend import LinkCheck, NewUser, Progress, ServerBackend, UserEdit
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_devices import DevicesDialog
from mtpm_desktop.ui.dlg_qr import QrDialog
from mtpm_desktop.ui.dlg_share import ShareDialog
from mtpm_desktop.ui.dlg_user import AddUserDialog, UserSettingsDialog
from mtpm_desktop.ui.models import (
    USER_ROLE,
    VISUAL_ORDER,
    Col,
    StateDelegate,
    TrafficDelegate,
    UsersFilterProxy,
    UsersModel,
    column_titles,
)
from mtpm_desktop.ui.page_base import Page
from mtpm_desktop.ui.snapshot import UserRow
from mtpm_desktop.ui.undo import PendingAction

Shortcut = str | QKeySequence.StandardKey | None


def names_of(users: list[UserRow], most: int = 10) -> str:
    return ", ".join(u.name for u in users[:most]) + ("…" if len(users) > most else "")


HIDDEN_COLUMNS_KEY = "users/hidden_columns"
CONTENT_ROWS = 200  # rows measured when sizing columns to content (a 1,000-row table stays fast)


class UsersPage(Page):
    history_requested = Signal(str)  # user id: show the Traffic page for this user
    logs_requested = Signal(str)  # user id: show the Logs page for this user

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("usersPage")
        self.model = UsersModel(self)
        self.proxy = UsersFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # Tests and screenshots reach the dialog opened last (QR code or devices) here.
        self.last_dialog: QrDialog | DevicesDialog | None = None
        self.share_dialog: ShareDialog | None = None
        self._share_after_refresh: str | None = None  # the user just added: select and share it

        self.toolbar = QToolBar()
        self.act_add = self._action(self.tr("Add user…"), self.add_user, "Ctrl+Shift+N")
        self.act_share = self._action(self.tr("Share…"), self.share_current, "Ctrl+Shift+S")
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
        self.act_reset = self._action(self.tr("Reset traffic…"), self.reset_selected)
        self.act_history = self._action(self.tr("Traffic history"), self._request_history)
        self.act_logs = self._action(self.tr("Show logs"), self._request_logs)
        self.act_devices = self._action(self.tr("Devices…"), self.show_devices)
        for act in (
            self.act_add,
            self.act_share,
            self.act_remove,
            self.act_enable,
            self.act_disable,
            self.act_settings,
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
                self.act_share: "qr-code",
                self.act_reset: "refresh-ccw",
                self.act_history: "chart-column",
                self.act_logs: "scroll-text",
                self.act_devices: "monitor-smartphone",
            }
        )

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("usersFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, port, domain or state"))
        self.filter_edit.setClearButtonEnabled(True)
        hint = self.filter_edit.fontMetrics().horizontalAdvance(self.filter_edit.placeholderText())
        # The whole hint, in every language (Russian is a third longer), plus the clear button.
        self.filter_edit.setMinimumWidth(max(self.fontMetrics().averageCharWidth() * 44, hint + 40))
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.filter_edit.textChanged.connect(lambda _t: self._update_empty())

        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.PORT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per cell: rows have a fixed height
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 1,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(CONTENT_ROWS)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for visual, col in enumerate(VISUAL_ORDER):  # the presence dot first, activity beside traffic
            header.moveSection(header.visualIndex(col), visual)
        self.table.setItemDelegateForColumn(Col.STATE, StateDelegate(self.table))
        self.table.setItemDelegateForColumn(Col.TRAFFIC, TrafficDelegate(self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self._restore_columns()

        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("usersEmptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_hint)

        # The filter has a row of its own: the toolbar keeps the full width (Russian labels are long).
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit)
        filter_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(filter_row)
        layout.addWidget(self.stack)
        controller.pending.changed.connect(self._pending_changed)
        self._update_actions()
        self._update_empty()

    def _action(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        act = QAction(text, self)
        act.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        return act

    # -- columns --------------------------------------------------------------------------------------
    def hidden_columns(self) -> set[int]:
        return {c for c in Col if self.table.isColumnHidden(c)}

    def set_column_visible(self, col: Col, visible: bool) -> None:
        """Show or hide a column (Name always stays); the choice is remembered."""
        if col == Col.NAME:
            return
        self.table.setColumnHidden(col, not visible)
        QSettings().setValue(HIDDEN_COLUMNS_KEY, sorted(int(c) for c in self.hidden_columns()))
        self._size_columns()

    def _restore_columns(self) -> None:
        # Until the admin chooses, Created stays hidden: every other column then fits a 1366 px window.
        raw = QSettings().value(HIDDEN_COLUMNS_KEY, [int(Col.CREATED)])
        values = raw if isinstance(raw, list) else [raw] if raw not in (None, "") else []
        for v in values:
            try:
                col = Col(int(str(v)))
            except ValueError:
                continue
            if col != Col.NAME:
                self.table.setColumnHidden(col, True)
        self._size_columns()

    def _size_columns(self) -> None:
        """Every column as wide as its content (measured once per snapshot, not on every sort or scroll:
        a live ResizeToContents mode doubled the cost of sorting 1,000 rows); Name takes the rest."""
        header = self.table.horizontalHeader()
        for col in Col:
            if col == Col.NAME:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                if not self.table.isColumnHidden(col):
                    self.table.resizeColumnToContents(col)

    def _header_menu(self, pos: QPoint) -> None:
        self.columns_menu().popup(self.table.horizontalHeader().mapToGlobal(pos))

    def columns_menu(self) -> QMenu:
        menu = QMenu(self)
        titles = column_titles()
        for col in VISUAL_ORDER:
            act = menu.addAction(titles[col])
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(col))
            act.setEnabled(col != Col.NAME)
            act.toggled.connect(lambda on, c=col: self.set_column_visible(c, on))
        return menu

    # -- view -----------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        keep = {u.id for u in self.selected_users()}
        current = self.current_user()
        hidden = self.controller.pending.hidden_users(self.server)
        self.model.set_users([u for u in (self.snap.users if self.snap else []) if u.id not in hidden])
        self._size_columns()
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
        self._update_empty()
        added = self._share_after_refresh
        if added is not None and self.model.row_of(added) >= 0:
            self._share_after_refresh = None
            self.select_user(added)
            self.share_current()

    def _pending_changed(self) -> None:
        self.refresh_view()

    def _update_empty(self) -> None:
        if self.proxy.rowCount() > 0 or self.snap is None:
            self.stack.setCurrentWidget(self.table)
            return
        if self.model.rowCount() > 0:
            text = self.tr("No user matches “{text}”.").format(text=self.filter_edit.text().strip())
        else:
            text = self.tr('No users yet. Press "Add user…" to create the first proxy link.')
        self.empty_hint.setText(text)
        self.stack.setCurrentWidget(self.empty_hint)

    def _update_actions(self) -> None:
        users = self.selected_users()
        n = len(users)
        ok = self.editable()
        self.act_add.setEnabled(ok)
        self.act_check_all.setEnabled(ok and self.model.rowCount() > 0)
        for act in (self.act_remove, self.act_check, self.act_reset):
            act.setEnabled(ok and n > 0)
        self.act_enable.setEnabled(ok and any(not u.enabled for u in users))
        self.act_disable.setEnabled(ok and any(u.enabled for u in users))
        one = ok and n == 1
        self.act_settings.setEnabled(one)
        user = self.current_user() if n == 1 else None
        has_link = bool(user and user.tme_link)
        for act in (self.act_qr, self.act_copy_tg, self.act_copy_tme, self.act_share):
            act.setEnabled(has_link)
        for act in (self.act_history, self.act_logs, self.act_devices):
            act.setEnabled(user is not None)

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

    def context_menu(self) -> QMenu:
        """Only what applies to the selection (no Enable on an enabled user)."""
        self._update_actions()
        menu = QMenu(self)
        groups = [
            [
                self.act_share,
                self.act_copy_tme,
                self.act_copy_tg,
                self.act_qr,
                self.act_settings,
                self.act_check,
            ],
            [self.act_history, self.act_logs, self.act_devices],
            [self.act_enable, self.act_disable, self.act_reset, self.act_remove],
        ]
        for group in groups:
            shown = [a for a in group if a.isEnabled()]
            if shown and not menu.isEmpty():
                menu.addSeparator()
            for act in shown:
                menu.addAction(act)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        if not self.selected_users():
            return
        self.context_menu().popup(self.table.viewport().mapToGlobal(pos))

    # -- actions --------------------------------------------------------------------------------------
    def add_user(
        self,
        name: str | None = None,
        port: int | None = None,
        domain: str | None = None,
        extra: NewUser | None = None,
    ) -> None:
        """Without arguments, ask in a dialog; tests pass the values directly. Ends in the Share dialog."""
        server = self.server
        if server is None:
            return
        if name is None:
            dlg = AddUserDialog(self)
            if dlg.exec() != AddUserDialog.DialogCode.Accepted:
                return
            name, port, domain = dlg.values()
            extra = dlg.extra()
        title = self.tr("Add user {name}").format(name=name)
        added = name

        def done(uid: str) -> None:
            self.controller.notify(server, self.tr("User {name} added").format(name=added))
            if uid and server == self.server:
                self._share_after_refresh = uid  # the refresh that follows brings the row

        if extra is None:
            self.controller.run(server, title, lambda b, p: b.add_user(name, port, domain, p), done)
        else:
            self.controller.run(server, title, lambda b, p: b.add_user(name, port, domain, p, extra), done)

    def remove_selected(self, confirm_first: bool = True) -> PendingAction | None:
        """Delete the selected users once the undo window has passed (nothing is sent before)."""
        users = self.selected_users()
        if not users or self.server is None:
            return None
        one = len(users) == 1
        if confirm_first and not confirm.confirm_destructive(
            self,
            self.tr("Delete users"),
            self.tr("Delete {names}?\nTheir links stop working and their counters are lost.").format(
                names=names_of(users)
            ),
            # A verb on the button; the job title "Delete {name}" is a noun in Russian.
            self.tr("Delete {name}", "confirm button").format(name=users[0].name)
            if one
            else self.tr("Delete {n} users").format(n=len(users)),
        ):
            return None
        return self._schedule(
            users,
            self.tr("{name} deleted").format(name=users[0].name)
            if one
            else self.tr("{n} users deleted").format(n=len(users)),
            self.tr("Delete {name}"),
            lambda b, p, uid: b.remove_user(uid, p),
            self.tr("User {name} deleted"),
            hide=True,
        )

    def reset_selected(self, confirm_first: bool = True) -> PendingAction | None:
        """Reset the selected users' traffic this period, after the undo window."""
        users = self.selected_users()
        if not users or self.server is None:
            return None
        one = len(users) == 1
        if confirm_first and not confirm.confirm_destructive(
            self,
            self.tr("Reset traffic"),
            self.tr("Set the traffic this period of {names} to zero?").format(names=names_of(users)),
            self.tr("Reset {name}").format(name=users[0].name)
            if one
            else self.tr("Reset {n} users").format(n=len(users)),
        ):
            return None
        return self._schedule(
            users,
            self.tr("Traffic of {name} reset").format(name=users[0].name)
            if one
            else self.tr("Traffic of {n} users reset").format(n=len(users)),
            self.tr("Reset traffic of {name}"),
            lambda b, p, uid: b.reset_counters(uid, p),
            self.tr("Traffic of {name} reset"),
            hide=False,
        )

    def _schedule(
        self,
        users: list[UserRow],
        text: str,
        job_title: str,
        work: Callable[[ServerBackend, Progress, str], object],
        note: str,
        hide: bool,
    ) -> PendingAction:
        """A per-user job for each of `users`, sent through the job queue when the undo window closes."""
        server = str(self.server)

        def run() -> None:
            for u in users:
                self.controller.run(
                    server,
                    job_title.format(name=u.name),
                    lambda b, p, uid=u.id: work(b, p, uid),  # type: ignore[misc]
                    lambda _r, n=u.name: self.controller.notify(server, note.format(name=n)),  # type: ignore[misc]
                )

        hidden = frozenset(u.id for u in users) if hide else frozenset()
        return self.controller.pending.schedule(PendingAction(server, text, run, hidden_users=hidden))

    def set_enabled_selected(self, enabled: bool) -> None:
        if self.server is None:
            return
        server = self.server
        for u in self.selected_users():
            if u.enabled == enabled:
                continue
            title = (self.tr("Enable {name}") if enabled else self.tr("Disable {name}")).format(name=u.name)
            note = (self.tr("{name} enabled") if enabled else self.tr("{name} disabled")).format(name=u.name)
            self.controller.run(
                server,
                title,
                lambda b, p, uid=u.id: b.set_enabled(uid, enabled, p),  # type: ignore[misc]
                lambda _r, t=note: self.controller.notify(server, t),  # type: ignore[misc]
            )

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
        server, name = self.server or "", user.name
        link_note = self.tr("t.me link for {name} copied").format(name=name)
        image_note = self.tr("QR code of {name} copied").format(name=name)
        dlg.copy_link_btn.clicked.connect(lambda: self.controller.notify(server, link_note))
        dlg.copy_btn.clicked.connect(lambda: self.controller.notify(server, image_note))
        self.last_dialog = dlg
        return dlg

    def open_devices(self, user: UserRow) -> DevicesDialog:
        """The user's devices, asked of the server now and on each Refresh (the list stays in the dialog)."""
        dlg = DevicesDialog(user.name, user.max_devices, self)
        server, user_id = self.server, user.id

        def load() -> None:
            if server is None:
                return
            self.controller.run(
                server,
                self.tr("Devices of {name}").format(name=user.name),
                lambda b, _p: b.user_devices(user_id),
                dlg.show_devices,
                refresh_after=False,
                on_error=dlg.show_error,
            )

        dlg.refresh_requested.connect(load)
        load()
        self.last_dialog = dlg
        return dlg

    def show_devices(self) -> None:
        user = self.current_user()
        if user is not None:
            self.open_devices(user).open()

    def show_qr(self) -> None:
        user = self.current_user()
        if user is None or not user.tme_link:
            return
        self.open_qr(user).open()

    def open_share(self, user: UserRow) -> ShareDialog:
        dlg = ShareDialog(user.name, user.tme_link, user.tg_link, self)
        server = self.server or ""
        dlg.copied.connect(lambda text: self.controller.notify(server, text))
        dlg.finished.connect(dlg.deleteLater)
        self.share_dialog = dlg
        return dlg

    def share_current(self) -> ShareDialog | None:
        user = self.current_user()
        if user is None or not user.tme_link:
            return None
        dlg = self.open_share(user)
        dlg.open()
        return dlg

    def copy_link(self, kind: str) -> None:
        user = self.current_user()
        if user is None or self.server is None:
            return
        QGuiApplication.clipboard().setText(user.tg_link if kind == "tg" else user.tme_link)
        text = (
            self.tr("tg:// link for {name} copied")
            if kind == "tg"
            else self.tr("t.me link for {name} copied")
        )
        self.controller.notify(self.server, text.format(name=user.name))

    def _request_history(self) -> None:
        user = self.current_user()
        if user is not None:
            self.history_requested.emit(user.id)

    def _request_logs(self) -> None:
        user = self.current_user()
        if user is not None:
            self.logs_requested.emit(user.id)

    def check_selected(self) -> None:
        self._check([u.id for u in self.selected_users() if u.enabled])

    def check_all(self) -> None:
        self._check(None)

    def _check(self, ids: list[str] | None) -> None:
        """Test the links of enabled users (None = all); a disabled user's proxy is off on purpose."""
        if self.server is None:
            return
        server = self.server
        if ids is not None and not ids:
            self.controller.notify(server, self.tr("No enabled user to test"))
            return

        def done(results: list[LinkCheck]) -> None:
            snap = self.controller.snapshot(server)
            if snap is None:
                return
            now = time.time()
            counted = 0
            accepted = 0
            for r in results:
                u = snap.user(r.user_id)
                if u is not None and u.enabled:
                    u.check_result, u.check_rtt_ms, u.check_at = r.result, r.rtt_ms, now
                    counted += 1
                    accepted += r.result == "accepted"
            self.controller.snapshot_changed.emit(server)
            self.controller.notify(server, self.tr("{ok}/{n} links accepted").format(ok=accepted, n=counted))

        self.controller.run(
            server, self.tr("Test links"), lambda b, p: b.check_links(ids, p), done, refresh_after=False
        )
