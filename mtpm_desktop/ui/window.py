"""The main window: server list on the left, the selected server's pages on the right.

When a server's sudo wants a password that is not stored (or rejects the stored one), the window asks for
it (`SudoPasswordDialog`), stores it in the keyring and refreshes that server on a new connection. One
question per server at a time; after Cancel it does not ask again for that server until the admin refreshes
or edits it, or a refresh succeeds, so the background refresh does not nag.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mtpm_desktop import __version__
from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.ui import confirm, icons, theme
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_help import HelpDialog, guide_text, missing_text
from mtpm_desktop.ui.dlg_server import ServerDialog
from mtpm_desktop.ui.dlg_sudo import SudoPasswordDialog, store_sudo_password
from mtpm_desktop.ui.fmt import clock_time, human_age
from mtpm_desktop.ui.i18n import localize
from mtpm_desktop.ui.notifications import TrayNotifier
from mtpm_desktop.ui.page_base import Page
from mtpm_desktop.ui.page_dashboard import DashboardPage
from mtpm_desktop.ui.page_fleet import FleetPage
from mtpm_desktop.ui.page_logs import LogsPage
from mtpm_desktop.ui.page_settings import SettingsPage
from mtpm_desktop.ui.page_traffic import TrafficPage
from mtpm_desktop.ui.page_users import UsersPage
from mtpm_desktop.ui.snapshot import ServerSnapshot
from mtpm_desktop.ui.undo import UndoBar

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def status_dot(color: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pm)


Shortcut = str | QKeySequence.StandardKey | None


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.controller = controller
        self.setWindowTitle(self.tr("mtpm — MTProto proxy manager"))
        self._busy: dict[str, bool] = {}
        self.sudo_prompts: dict[str, SudoPasswordDialog] = {}  # open sudo password questions, per server
        self._sudo_declined: set[str] = set()  # servers whose question was cancelled (not asked again)
        self._dots = {
            "ok": status_dot("#2e7d32"),
            "partial": status_dot("#ef6c00"),
            "down": status_dot("#c62828"),
            "unknown": status_dot("#9e9e9e"),
        }

        # -- left: servers
        self.server_list = QListWidget()
        self.server_list.setObjectName("serverList")
        self.server_list.setIconSize(QSize(12, 12))
        self.server_list.setSpacing(2)
        # Long names and long translations are elided (the tooltip has the whole text), never scrolled.
        self.server_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.server_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.server_list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.add_server_btn = QPushButton(self.tr("Add…"))
        self.edit_server_btn = QPushButton(self.tr("Edit…"))
        self.remove_server_btn = QPushButton(self.tr("Remove"))
        self.add_server_btn.clicked.connect(self.add_server)
        self.edit_server_btn.clicked.connect(self.edit_server)
        self.remove_server_btn.clicked.connect(self.remove_server)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Servers"))
        title.setObjectName("serversTitle")
        ll.addWidget(title)
        ll.addWidget(self.server_list, 1)
        row = QHBoxLayout()
        for b in (self.add_server_btn, self.edit_server_btn, self.remove_server_btn):
            row.addWidget(b)
        ll.addLayout(row)

        # -- right: banner + pages
        self.banner = QLabel()
        self.banner.setObjectName("staleBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        self.dashboard = DashboardPage(controller)
        self.users = UsersPage(controller)
        self.traffic = TrafficPage(controller)
        self.settings_page = SettingsPage(controller)
        self.settings_page.guide_requested.connect(lambda section: self.show_guide("user-guide", section))
        self.logs = LogsPage(controller)
        self.pages: list[Page] = [self.dashboard, self.users, self.traffic, self.settings_page, self.logs]
        for page, label in zip(
            self.pages,
            [
                self.tr("Dashboard"),
                self.tr("Users"),
                self.tr("Traffic"),
                self.tr("Settings"),
                self.tr("Logs"),
            ],
            strict=True,
        ):
            self.tabs.addTab(page, label)
        self.fleet = FleetPage(controller)  # every server at once, whichever is selected
        self.pages.append(self.fleet)
        self.tabs.addTab(self.fleet, self.tr("All servers"))
        self.tabs.currentChanged.connect(self._page_changed)
        self.dashboard.add_user_requested.connect(self._add_first_user)
        self.users.history_requested.connect(self.show_user_history)
        self.users.logs_requested.connect(self.show_user_logs)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.banner)
        rl.addWidget(self.tabs, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 960])
        self.setCentralWidget(self.splitter)

        # -- status bar: what the selected server's queue is doing
        self.activity_label = QLabel()
        self.activity_bar = QProgressBar()
        self.activity_bar.setRange(0, 0)
        self.activity_bar.setMaximumWidth(120)
        self.activity_bar.setVisible(False)
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        self.cancel_btn.setVisible(False)
        self.cancel_btn.clicked.connect(self._cancel)
        self.undo_bar = UndoBar(controller.pending)
        self.statusBar().addWidget(self.activity_label, 1)
        self.statusBar().addPermanentWidget(self.undo_bar)
        self.statusBar().addPermanentWidget(self.activity_bar)
        self.statusBar().addPermanentWidget(self.cancel_btn)

        self._build_menus()

        controller.servers_changed.connect(self._rebuild_server_list)
        controller.snapshot_changed.connect(self._snapshot_changed)
        controller.error.connect(self._show_error)
        controller.sudo_needed.connect(self._ask_sudo_password)
        controller.activity.connect(self._activity)
        controller.busy_changed.connect(self._busy_changed)
        controller.status.connect(self._status_message)
        self.last_status = ""  # the newest status-bar confirmation (tests and screenshots read it)
        self._shown_server: str | None = None  # the server the pages show (for the unapplied-edits guard)
        self._shown_page = 0
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(30_000)  # keep "5 min ago" honest
        self._age_timer.timeout.connect(self._refresh_labels)
        self._age_timer.start()

        self._rebuild_server_list()
        self._restore_geometry()
        self.tray = TrayNotifier(controller, self)  # server states in the tray, alerts as notifications

    # -- menus and shortcuts --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        m = self.menuBar().addMenu(self.tr("&Server"))
        self.act_add = self._act(m, self.tr("&Add server…"), self.add_server, QKeySequence.StandardKey.New)
        act_edit = self._act(m, self.tr("&Edit server…"), self.edit_server)
        act_remove = self._act(m, self.tr("&Remove server"), self.remove_server)
        act_setup = self._act(
            m, self.tr("&Set up server (Docker, proxy image, first user)…"), self.setup_server
        )
        act_uninstall = self._act(m, self.tr("&Uninstall mtpm from server…"), self.uninstall_server)
        act_check = self._act(m, self.tr("&Check server"), self.check_server)
        m.addSeparator()
        act_move = self._act(m, self.tr("&Move users to another server…"), self.move_users)
        act_restore = self._act(m, self.tr("Restore from &backup…"), self.restore_backup)
        m.addSeparator()
        act_refresh = self._act(
            m, self.tr("Re&fresh"), self.refresh_current, QKeySequence.StandardKey.Refresh
        )
        act_refresh_all = self._act(m, self.tr("Refresh &all"), self.refresh_all, "Ctrl+Shift+R")
        m.addSeparator()
        act_quit = self._act(m, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        v = self.menuBar().addMenu(self.tr("&View"))
        page_icons = ["layout-dashboard", "users", "chart-column", "settings", "scroll-text"]
        page_acts = {}
        for i, name in enumerate(
            [self.tr("Dashboard"), self.tr("Users"), self.tr("Traffic"), self.tr("Settings"), self.tr("Logs")]
        ):
            act = self._act(v, name, functools.partial(self.tabs.setCurrentIndex, i), f"Ctrl+{i + 1}")
            page_acts[act] = page_icons[i]
        v.addSeparator()
        # Theme and language: one choice each (radio items), remembered in QSettings.
        theme_menu = v.addMenu(self.tr("&Theme"))
        theme_menu.setIcon(icons.icon("palette"))
        self.theme_actions = self._choices(
            theme_menu,
            [
                ("system", self.tr("System")),
                ("light", self.tr("Light")),
                ("dark", self.tr("Dark")),
            ],
            theme.theme_setting(),
            self.set_theme,
        )
        lang_menu = v.addMenu(self.tr("&Language"))
        lang_menu.setIcon(icons.icon("languages"))
        self.language_actions = self._choices(
            lang_menu,
            [("", self.tr("System")), ("en", "English"), ("ru", "Русский")],
            str(QSettings().value("ui/language", "") or ""),
            self.set_language,
        )
        h = self.menuBar().addMenu(self.tr("&Help"))
        act_guide = self._act(h, self.tr("&User guide"), lambda: self.show_guide("user-guide"), "F1")
        act_trouble = self._act(h, self.tr("&Troubleshooting"), lambda: self.show_guide("troubleshooting"))
        h.addSeparator()
        act_about = self._act(h, self.tr("&About mtpm"), self._about)
        icons.assign(
            {
                self.act_add: "plus",
                act_edit: "pencil",
                act_remove: "trash-2",
                act_setup: "wand-sparkles",
                act_uninstall: "package-x",
                act_check: "list-checks",
                act_move: "users",
                act_restore: "copy",  # a backup is a copy of the server
                act_refresh: "refresh-cw",
                act_refresh_all: "refresh-ccw",
                act_quit: "log-out",
                act_guide: "book-open",
                act_trouble: "life-buoy",
                act_about: "info",
                **page_acts,
                **dict(zip(self.theme_actions.values(), ["monitor", "sun", "moon"], strict=True)),
                **dict(
                    zip(self.language_actions.values(), ["monitor", "languages", "languages"], strict=True)
                ),
            }
        )

    def _choices(
        self, menu: QMenu, items: list[tuple[str, str]], current: str, slot: Callable[[str], None]
    ) -> dict[str, QAction]:
        """Exclusive radio items in `menu`, one per (value, label); `slot(value)` on a choice."""
        group = QActionGroup(menu)
        group.setExclusive(True)
        out: dict[str, QAction] = {}
        for value, label in items:
            act = self._act(menu, label, functools.partial(slot, value))
            act.setCheckable(True)
            act.setChecked(value == current)
            group.addAction(act)
            out[value] = act
        return out

    def set_theme(self, choice: str) -> None:
        """View → Theme: apply now and remember (system | light | dark)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.choose_theme(app, choice)
        self.theme_actions[choice].setChecked(True)

    def show_guide(self, guide: str, section: str | None = None) -> HelpDialog:
        """Help → User guide / Troubleshooting, from the guides shipped with the app; at heading `section`."""
        title = self.tr("User guide") if guide == "user-guide" else self.tr("Troubleshooting")
        lang = QLocale().name().split("_")[0]
        dlg = HelpDialog(title, guide_text(guide, lang) or missing_text(), self)
        dlg.open()
        if section:
            dlg.go_to(section)
        return dlg

    def _act(self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        act = QAction(text, self)
        act.triggered.connect(lambda _c=False: slot())
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        menu.addAction(act)
        return act

    def set_language(self, code: str) -> None:
        """Remember the UI language ("" = the system's); it applies at the next start."""
        s = QSettings()
        s.setValue("ui/language", code)
        s.sync()
        self.language_actions[code].setChecked(True)
        self.statusBar().showMessage(self.tr("The language changes when mtpm is started again."), 10000)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About mtpm"),
            self.tr("mtpm {version}\nRuns Telegram MTProto proxies on your servers over SSH.").format(
                version=__version__
            ),
        )

    # -- servers --------------------------------------------------------------------------------------
    def current_server(self) -> str | None:
        item = self.server_list.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else None

    def select_server(self, name: str) -> None:
        for i in range(self.server_list.count()):
            if self.server_list.item(i).data(NAME_ROLE) == name:
                self.server_list.setCurrentRow(i)
                return

    def _rebuild_server_list(self) -> None:
        current = self.current_server()
        self.server_list.blockSignals(True)
        self.server_list.clear()
        for name in self.controller.servers():
            item = QListWidgetItem()
            item.setData(NAME_ROLE, name)
            self.server_list.addItem(item)
            self._label_item(item)
        self.server_list.blockSignals(False)
        names = self.controller.servers()
        if names:
            self.select_server(current if current in names else names[0])
        self._selection_changed()

    def _label_item(self, item: QListWidgetItem) -> None:
        name = item.data(NAME_ROLE)
        snap = self.controller.snapshot(name)
        if snap is None:
            state, line = "unknown", self.tr("not refreshed yet")
        elif not snap.reachable:
            state = "down"
            line = self.tr("unreachable · data from {age}").format(age=self._age_text(snap))
        else:
            state = "ok" if snap.running == snap.total else "partial"
            line = self.tr("Running {running}/{total} · {time}").format(
                running=snap.running, total=snap.total, time=clock_time(snap.taken_at)
            )
        if self._busy.get(name):
            line += " ⟳"
        item.setIcon(self._dots[state])
        item.setText(f"{name}\n{line}")
        item.setToolTip(f"{name}\n{line}" + (f"\n{snap.reason}" if snap is not None and snap.reason else ""))

    def _age_text(self, snap: ServerSnapshot) -> str:
        if snap.taken_at <= 0:
            return self.tr("never")
        return human_age(snap.age_seconds())

    def _refresh_labels(self) -> None:
        for i in range(self.server_list.count()):
            self._label_item(self.server_list.item(i))
        self._update_banner()

    def show_user_history(self, user_id: str) -> None:
        combo = self.traffic.user_combo
        combo.setCurrentIndex(max(0, combo.findData(user_id)))
        self.tabs.setCurrentWidget(self.traffic)
        if self.tabs.currentWidget() is self.traffic:
            self.traffic.load_history()

    def show_user_logs(self, user_id: str) -> None:
        self.logs.show_user(user_id)
        self.tabs.setCurrentWidget(self.logs)
        if self.tabs.currentWidget() is self.logs:
            self.logs.load()

    def _add_first_user(self) -> None:
        self.tabs.setCurrentWidget(self.users)
        if self.tabs.currentWidget() is self.users:
            self.users.add_user()

    def _status_message(self, server: str, text: str) -> None:
        self.last_status = text
        self.statusBar().showMessage(
            text if server in ("", self.current_server()) else f"{server}: {text}", 8000
        )

    def may_leave_settings(self) -> bool:
        """Before the Settings page is left (another page, another server, closing): True to go on.

        With unapplied edits the admin is asked; Discard reverts the form, Cancel stays."""
        if not self.settings_page.has_unapplied():
            return True
        if confirm.confirm_discard(self):
            self.settings_page.revert()
            return True
        return False

    def _selection_changed(self) -> None:
        name = self.current_server()
        leaving = self._shown_server is not None and name != self._shown_server
        if leaving and self._shown_server in self.controller.servers() and not self.may_leave_settings():
            self.server_list.blockSignals(True)
            self.select_server(self._shown_server)
            self.server_list.blockSignals(False)
            return
        self._shown_server = name
        for b in (self.edit_server_btn, self.remove_server_btn):
            b.setEnabled(name is not None)
        snap = self.controller.snapshot(name) if name else None
        for page in self.pages:
            page.show_server(name, snap)
        self._refresh_labels()  # the list's "data from 3 min ago" says the same age as the banner
        self._update_activity()
        if name is not None and snap is None:
            self.controller.refresh(name)

    def _snapshot_changed(self, name: str) -> None:
        snap_now = self.controller.snapshot(name)
        if snap_now is not None and snap_now.reachable:
            self._sudo_declined.discard(name)
        for i in range(self.server_list.count()):
            item = self.server_list.item(i)
            if item.data(NAME_ROLE) == name:
                self._label_item(item)
        if name == self.current_server():
            snap = self.controller.snapshot(name)
            for page in self.pages:
                page.show_server(name, snap)
            self._update_banner()

    def _update_banner(self) -> None:
        name = self.current_server()
        snap = self.controller.snapshot(name) if name else None
        if name is None:
            self.banner.setText(self.tr('No server yet. Press "Add…" to add your first server.'))
            self.banner.setVisible(True)
        elif snap is not None and not snap.reachable:
            if snap.taken_at > 0:
                text = self.tr("{server} is unreachable; showing data from {age}. Reason: {reason}")
            else:
                text = self.tr("{server} is unreachable and there is no earlier data. Reason: {reason}")
            self.banner.setText(text.format(server=name, age=self._age_text(snap), reason=snap.reason))
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)

    def refresh_current(self) -> None:
        name = self.current_server()
        if name:
            self._sudo_declined.discard(name)
            self.controller.refresh(name)

    def refresh_all(self) -> None:
        self._sudo_declined.clear()
        self.controller.refresh_all()

    def add_server(self) -> ServerDialog:
        dlg = ServerDialog(self.controller.jobs, None, self.controller.servers(), self, self._tester())
        dlg.accepted.connect(lambda: self._save_from_dialog(dlg, None))
        dlg.open()
        return dlg

    def edit_server(self) -> ServerDialog | None:
        name = self.current_server()
        profile = self.controller.profile(name) if name else None
        if profile is None:
            return None
        dlg = ServerDialog(self.controller.jobs, profile, self.controller.servers(), self, self._tester())
        dlg.accepted.connect(lambda: self._save_from_dialog(dlg, name))
        dlg.open()
        return dlg

    def _tester(self) -> Any:
        """The demo's offline "Test connection", or None for the real one."""
        sim = self.controller.simulation
        return sim.test_connection if sim is not None else None

    def _save_from_dialog(self, dlg: ServerDialog, old_name: str | None) -> None:
        try:
            profile = dlg.profile()
            dlg.save_secrets(profile)
            self.controller.save_profile(profile, old_name)
        except MtpmError as exc:
            self._show_error("", self.tr("Saving the server"), localize(exc))
            return
        self._sudo_declined.discard(profile.name)
        self.select_server(profile.name)

    def setup_server(self) -> QDialog | None:
        """The bootstrap wizard for the selected server; it connects on its own worker thread."""
        from mtpm_desktop.ui.bootstrap_wizard import BootstrapWizard, session_runner, step_titles

        name = self.current_server()
        profile = self.controller.profile(name) if name else None
        if profile is None:
            return None

        def run(options: Any, progress: Any, output: Any) -> Any:
            from mtpm_desktop.remote.ssh.session import connect

            session = connect(profile)
            try:
                return session_runner(session, profile.install_root)(options, progress, output)
            finally:
                session.close()

        sim = self.controller.simulation
        if sim is not None:  # demo mode: the steps are walked in memory, nothing connects
            run = sim.bootstrap_runner(profile.name)

        wizard = BootstrapWizard(profile.name, step_titles(), run, self)
        wizard.run_finished.connect(lambda _ok: self.controller.refresh(profile.name))
        wizard.open()
        return wizard

    def restore_backup(self) -> QDialog | None:
        """The automatic backups on this computer, newest first; the chosen one is rebuilt here."""
        from mtpm_desktop.remote.migrate.local_backups import all_backups
        from mtpm_desktop.remote.ssh.profiles import app_data_dir
        from mtpm_desktop.ui.dlg_migrate import RestoreDialog

        name = self.current_server()
        if name is None:
            return None
        dlg = RestoreDialog(name, all_backups(app_data_dir()), self)

        def start() -> None:
            path = dlg.chosen_path()
            if path is None:
                return
            title = self.tr("Restoring from backup")
            self.controller.run(
                name,
                title,
                lambda backend, progress: backend.restore_backup(path, progress),
                lambda text: self.controller.info.emit(name, title, localize(text)),
            )

        dlg.accepted.connect(start)
        dlg.open()
        return dlg

    def move_users(self) -> QDialog | None:
        """Move the chosen users (and the server's settings) to another server of the list."""
        from mtpm_desktop.ui.dlg_migrate import MoveDialog

        name = self.current_server()
        if name is None:
            return None
        snap = self.controller.snapshot(name)
        users = [(u.id, u.name) for u in snap.users] if snap is not None else []
        dlg = MoveDialog(name, self.controller.servers(), users, self)

        def start() -> None:
            target = self.controller.profile(dlg.target.currentText())
            if target is None:
                return
            ids, stop_old = dlg.chosen_ids(), dlg.stop_old.isChecked()
            title = self.tr("Moving users to {server}").format(server=target.name)
            self.controller.run(
                name,
                title,
                lambda backend, progress: backend.move_users(target, ids, stop_old, progress),
                lambda text: self.controller.info.emit(name, title, localize(text)),
            )

        dlg.accepted.connect(start)
        dlg.open()
        return dlg

    def uninstall_server(self) -> None:
        """Remove everything mtpm made on the selected server (Docker stays), after a clear confirmation."""
        name = self.current_server()
        if name is None:
            return
        answer = QMessageBox.warning(
            self,
            self.tr("Uninstall mtpm"),
            self.tr(
                "Remove every proxy, the traffic agent with its counters, mtpm's firewall rules and files "
                "from {server}? All users' links stop working. Docker stays installed. The server is then "
                "removed from this list."
            ).format(server=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        title = self.tr("Uninstalling mtpm")

        def done(text: str) -> None:
            # Forgetting the profile keeps a later refresh from setting the server up again.
            self.controller.delete_profile(name)
            self.controller.info.emit(name, title, localize(text))

        self.controller.run(
            name, title, lambda backend, progress: backend.uninstall(progress), done, refresh_after=False
        )

    def check_server(self) -> None:
        """The doctor's findings (DNS, ports, certificate, SNI answers, links, clock, MSS) in one dialog."""
        name = self.current_server()
        if name is None:
            return
        title = self.tr("Check server")
        self.controller.run(
            name,
            title,
            lambda backend, progress: backend.doctor(progress),
            lambda checks: self._show_findings(name, title, checks),
            refresh_after=False,
        )

    def _show_findings(self, server: str, title: str, checks: list[dict[str, Any]]) -> None:
        lines = []
        for c in checks:
            mark = "✓" if c["ok"] else ("✗" if c["severity"] == "error" else "!")
            lines.append(f"{mark} {c['id']}: {localize(c['detail'])}")
            if c["fix"] and not c["ok"]:
                lines.append("    → " + localize(c["fix"]))
        failed = sum(1 for c in checks if not c["ok"] and c["severity"] == "error")
        summary = (
            self.tr("{count} problem(s) to fix on {server}.").format(count=failed, server=server)
            if failed
            else self.tr("Nothing to fix on {server}.").format(server=server)
        )
        icon = QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, summary, parent=self)
        box.setInformativeText("\n".join(lines))
        box.setObjectName("doctorFindings")
        box.open()

    def remove_server(self) -> None:
        name = self.current_server()
        if name is None:
            return
        if confirm.confirm_destructive(
            self,
            self.tr("Remove server"),
            self.tr("Remove {server} from this list? Nothing on the server is changed.").format(server=name),
            self.tr("Remove {server}").format(server=name),
        ):
            self.controller.delete_profile(name)
            self.controller.notify("", self.tr("{server} removed from the list").format(server=name))

    # -- activity -------------------------------------------------------------------------------------
    def _activity(self, name: str, text: str) -> None:
        if name == self.current_server():
            self._update_activity(text)

    def _busy_changed(self, name: str, busy: bool) -> None:
        self._busy[name] = busy
        for i in range(self.server_list.count()):
            item = self.server_list.item(i)
            if item.data(NAME_ROLE) == name:
                self._label_item(item)
        if name == self.current_server():
            self._update_activity()

    def _update_activity(self, text: str | None = None) -> None:
        name = self.current_server()
        busy = bool(name and self._busy.get(name))
        self.activity_bar.setVisible(busy)
        self.cancel_btn.setVisible(busy)
        if text is not None:
            self.activity_label.setText(text)
        elif not busy:
            self.activity_label.setText("")

    def _cancel(self) -> None:
        name = self.current_server()
        if name:
            self.controller.cancel_current(name)

    # -- sudo password ---------------------------------------------------------------------------------
    def _ask_sudo_password(self, server: str, message: str) -> SudoPasswordDialog | None:
        """Ask for `server`'s sudo password after a failure `message` that one would fix."""
        if server in self.sudo_prompts or server in self._sudo_declined:
            return None
        profile = self.controller.profile(server)
        if profile is None:
            return None
        dlg = SudoPasswordDialog(profile, message, self)
        self.sudo_prompts[server] = dlg
        dlg.accepted.connect(lambda: self._sudo_answered(server, dlg, dlg.password()))
        dlg.rejected.connect(lambda: self._sudo_answered(server, dlg, None))
        dlg.open()
        return dlg

    def _sudo_answered(self, server: str, dlg: SudoPasswordDialog, password: str | None) -> None:
        """Store the password (into the keyring; then the server's connection is dropped and refreshed with
        it), or remember that the admin declined (None)."""
        if self.sudo_prompts.get(server) is dlg:
            del self.sudo_prompts[server]
        dlg.deleteLater()
        if password is None:
            self._sudo_declined.add(server)
            return
        try:
            profile = store_sudo_password(self.controller.store, server, password)
            self.controller.save_profile(profile)
        except MtpmError as exc:  # e.g. CredentialStoreError: no usable keyring
            self._show_error(server, self.tr("Storing the sudo password"), localize(exc))

    def _show_error(self, server: str, what: str, message: str) -> None:
        self.statusBar().showMessage(
            f"{server}: {what}: {message}" if server else f"{what}: {message}", 15000
        )
        self.last_error = (server, what, message)
        if server and server in self.sudo_prompts:
            return  # the sudo password question shows this failure already
        box = QMessageBox(QMessageBox.Icon.Warning, what, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()

    def _page_changed(self, index: int) -> None:
        previous = self.pages[self._shown_page] if 0 <= self._shown_page < len(self.pages) else None
        if previous is self.settings_page and index != self._shown_page and not self.may_leave_settings():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._shown_page)
            self.tabs.blockSignals(False)
            return
        self._shown_page = index
        page = self.pages[index] if 0 <= index < len(self.pages) else None
        if isinstance(page, TrafficPage) and page.server and not page.points:
            page.load_history()
        if isinstance(page, LogsPage) and page.server and not page.lines:
            page.load()

    # -- geometry -------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = QSettings()
        geo = s.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1200, 760)
            self._clamp_to_screen()  # a restored geometry is kept on screen by restoreGeometry itself
        split = s.value("window/splitter")
        if isinstance(split, QByteArray) and not split.isEmpty():
            self.splitter.restoreState(split)
        tab = s.value("window/page")
        if tab is not None:
            self.tabs.setCurrentIndex(int(str(tab)))

    def _clamp_to_screen(self) -> None:
        """Keep the window inside the screen's free area (a 1366x768 laptop, a smaller second screen)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(self.width(), free.width() - frame.width())
        height = min(self.height(), free.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), free.left()), free.right() - width - frame.width() + 1)
        y = min(max(self.y(), free.top()), free.bottom() - height - frame.height() + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def save_geometry(self) -> None:
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/page", self.tabs.currentIndex())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_settings():
            event.ignore()
            return
        self.save_geometry()
        super().closeEvent(event)
