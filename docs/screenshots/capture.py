"""Screenshots of every page and every dialog, at 1366x768 and 1920x1080, light and dark, English and Russian.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/capture.py

Without options it takes the whole set (one process per theme and language, both sizes in each); `--theme`,
`--lang` (en, ru or pseudo) and `--only NAME,...` narrow it. `--lang pseudo` gives the pseudo-locale (every
string accented and 40 % longer) to find clipped labels by eye.
Files are named `{what}-{theme}-{lang}-{width}.png`.
The data comes from the in-memory demo servers (`mtpm-desktop --demo`), so the pictures are reproducible.
Each picture is the X server's framebuffer under the main window (QScreen.grabWindow of the root window), so
a dialog is shown where the admin sees it: on top of the window, at that screen size.

The committed set is then shrunk (about 7.8 MB instead of 21 MB, no visible change) with
`pngquant --quality 85-100 --force --ext .png docs/screenshots/*.png` (Debian package pngquant).

Adding a picture is one line in SHOTS. An entry whose page, dialog or action the window does not have (yet) is
skipped with a note, so the set can be retaken as soon as it appears.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = ((1366, 768), (1920, 1080))
THEMES = ("light", "dark")
LANGS = ("en", "ru")
FIXED_NOW = datetime(2026, 3, 10, 12, 0).astimezone()  # the expiry presets count from here


class Skip(Exception):
    """The window lacks what the entry shows (a page or dialog not merged yet)."""


def need(obj: Any, *path: str) -> Any:
    """`obj.a.b...`, or Skip naming what is missing."""
    for name in path:
        if not hasattr(obj, name):
            raise Skip(f"{type(obj).__name__} has no {name!r}")
        obj = getattr(obj, name)
    return obj


@dataclass
class Ctx:
    """What a shot function works with; `cleanup` runs after the picture (close dialogs, undo edits)."""

    window: Any
    controller: Any
    settle: Callable[[int], None]
    cleanup: list[Callable[[], object]]

    def page(self, attr: str) -> Any:
        """Show the window's page `attr` (window.users, window.logs, ...)."""
        page = need(self.window, attr)
        self.window.tabs.setCurrentIndex(self.window.tabs.indexOf(page))
        return page

    def user(self, row: int = 0) -> Any:
        self.page("users")
        user = self.window.users.model.user_at(row)
        if user is None:
            raise Skip("the demo server has no users")
        return user

    def dialog(self, dlg: Any) -> Any:
        dlg.show()
        self.cleanup.append(dlg.close)
        return dlg


# -- the shots: each shows one thing on screen --------------------------------------------------------------
def _traffic(c: Ctx) -> None:
    page = c.page("traffic")
    user = c.window.users.model.user_at(0)
    if user is not None:
        page.user_combo.setCurrentIndex(page.user_combo.findData(user.id))
    page.range_combo.setCurrentIndex(1)
    page.load_history()


def _logs(c: Ctx) -> None:
    c.page("logs").load()


def _users(c: Ctx) -> None:
    c.page("users").table.selectRow(1)


def _settings_top(c: Ctx) -> Any:
    """The Settings page from its first group (an earlier picture may have scrolled it down)."""
    from PySide6.QtWidgets import QScrollArea

    page = c.page("settings_page")
    area = page.findChild(QScrollArea)
    if area is not None:
        area.verticalScrollBar().setValue(0)
    return page


def _settings_unapplied(c: Ctx) -> None:
    page = _settings_top(c)
    page.limit.setValue(page.limit.value() + 50)  # not applied yet: Apply/Revert lit, field in italics
    c.cleanup.append(page.revert)


def _settings_group(title_part: str) -> Callable[[Ctx], None]:
    """The Settings page scrolled to the group whose title contains `title_part` (Skip when there is none)."""

    def shot(c: Ctx) -> None:
        from PySide6.QtWidgets import QGroupBox, QScrollArea

        page = c.page("settings_page")
        box = next(
            # By object name or English title: the title is translated in the Russian pictures.
            (
                g
                for g in page.findChildren(QGroupBox)
                if title_part.lower() in (g.title().lower(), g.objectName().lower().removesuffix("group"))
                or title_part.lower() in g.title().lower()
            ),
            None,
        )
        if box is None:
            raise Skip(f"Settings has no group titled like {title_part!r}")
        area = page.findChild(QScrollArea)
        if area is not None:
            area.ensureWidgetVisible(box)

    return shot


def _unreachable(c: Ctx) -> None:
    c.window.select_server("demo-3")
    c.page("users")
    c.cleanup.append(lambda: c.window.select_server("demo-1"))


def _users_menu(c: Ctx) -> None:
    from PySide6.QtCore import QPoint

    page = c.page("users")
    page.table.selectRow(1)
    rect = page.table.visualRect(page.table.model().index(1, 1))
    menu = page.context_menu()
    menu.popup(page.table.viewport().mapToGlobal(QPoint(rect.left() + 40, rect.center().y())))
    c.cleanup.append(menu.close)


def _undo(c: Ctx) -> None:
    page = c.page("users")
    page.table.selectRow(2)
    page.remove_selected(confirm_first=False)
    c.cleanup.append(c.controller.pending.undo)


def _add_user(c: Ctx) -> None:
    from mtpm_desktop.ui.dlg_user import AddUserDialog

    c.page("users")
    dlg = AddUserDialog(c.window.users)
    dlg.name_edit.setText("olga-phone")
    dlg.limit_spin.setValue(50)
    dlg.apply_preset("month", FIXED_NOW)
    c.dialog(dlg)


def _share(c: Ctx) -> None:
    c.dialog(c.window.users.open_share(c.user(0)))


def _qr(c: Ctx) -> None:
    c.dialog(c.window.users.open_qr(c.user(0)))


def _devices(c: Ctx) -> None:
    """The devices of the demo user who has the most (the list the server's agent sends)."""
    c.user(0)
    model = c.window.users.model
    users = [u for r in range(model.rowCount()) if (u := model.user_at(r)) is not None]
    c.dialog(c.window.users.open_devices(max(users, key=lambda u: (u.devices_now, u.devices_30d))))


def _user_settings(c: Ctx) -> None:
    from mtpm_desktop.ui.dlg_user import UserSettingsDialog

    c.dialog(UserSettingsDialog(c.user(1), c.window.users))


def _server_dialog(c: Ctx) -> None:
    from PySide6.QtCore import QCoreApplication

    dlg = c.window.add_server()
    c.cleanup.append(dlg.close)
    dlg.name_edit.setText("vps-frankfurt")
    dlg.host_edit.setText("203.0.113.50")
    dlg.key_edit.setText("~/.ssh/id_ed25519")
    dlg._show(  # as run_test shows it: the dialog grows to fit the wrapped text
        QCoreApplication.translate(
            "ServerDialog",
            'This server\'s host key is not known yet.\n{type} key fingerprint:\n{fp}\nCompare it with `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` run on the server, then press "Trust this key".',  # noqa: E501
        ).format(type="ED25519", fp="SHA256:q8m3o3Qe3H5nC4u5ZbHDE8l3wq2xJ8N4qv2Yb6mB0pA")
    )
    dlg.trust_btn.setVisible(True)


def _wizard(done: bool) -> Callable[[Ctx], None]:
    def shot(c: Ctx) -> None:
        wizard = c.window.setup_server()
        c.cleanup.append(wizard.close)
        if done:  # the demo walks the steps in memory: every one "already done", the first user's link and QR
            wizard.first_user.setText("anna")  # an existing user: the later pictures keep their 14 users
            wizard.start()
            while wizard.running:
                c.settle(50)

    return shot


def _help(c: Ctx) -> None:
    c.cleanup.append(c.window.show_guide("user-guide").close)


def _delete_confirm(c: Ctx) -> None:
    from mtpm_desktop.ui import confirm

    page = c.page("users")
    page.table.selectRow(2)
    user = page.selected_users()[0]
    box, _ = confirm.destructive_box(
        page,
        page.tr("Delete users"),
        page.tr("Delete {names}?\nTheir links stop working and their counters are lost.").format(
            names=user.name
        ),
        page.tr("Delete {name}", "confirm button").format(name=user.name),
    )
    c.dialog(box)


def _sudo(c: Ctx) -> None:
    from mtpm_desktop.ui.dlg_sudo import SudoPasswordDialog

    profile = c.controller.profile("demo-1")
    c.dialog(SudoPasswordDialog(profile, "sudo: a password is required", c.window))


def _call(*path: str) -> Callable[[Ctx], None]:
    """A page or dialog other work adds: opened by `window.<path>()` or shown as `window.<path>` page; Skip
    while the window lacks it. The opener may return a dialog (closed afterwards)."""

    def shot(c: Ctx) -> None:
        target = need(c.window, *path)
        if callable(target):
            opened = target()
            if opened is not None and hasattr(opened, "close"):
                opened.show()
                c.cleanup.append(opened.close)
        else:
            c.window.tabs.setCurrentIndex(c.window.tabs.indexOf(target))

    return shot


def _check_server(c: Ctx) -> None:
    """Server -> Check server: the doctor runs as a job, then its findings open in a message box."""
    from PySide6.QtWidgets import QMessageBox

    c.page("dashboard")
    c.window.check_server()
    for _ in range(50):
        c.settle(100)
        box = next((b for b in c.window.findChildren(QMessageBox) if b.isVisible()), None)
        if box is not None:
            c.cleanup.append(box.close)
            return
    raise Skip("the findings did not open")


def _settings_telegram(c: Ctx) -> None:
    """Telegram alerts turned on through the box (the demo server keeps them in memory), then shown."""
    from mtpm_desktop.remote.monitor.telegram_alerts import AlertsStatus

    box = need(c.page("settings_page"), "telegram_box")
    box.token.setText("123456789:AAE" + "x" * 32)
    box.chat.setText("-1001234567890")
    box.turn_on()
    for _ in range(40):
        c.settle(50)
        if box.known is not None:
            break
    _settings_group("telegramalerts")(c)
    backend = c.controller.backend(box.server)
    c.cleanup += [lambda: setattr(backend, "telegram", AlertsStatus(telegram=False)), box.forget]


# name -> what to do before the picture. One line per picture.
SHOTS: dict[str, Callable[[Ctx], None]] = {
    "dashboard": lambda c: c.page("dashboard"),
    "users": _users,
    "traffic": _traffic,
    "settings": _settings_top,
    "logs": _logs,
    "all-servers": _call("fleet"),
    "settings-unapplied": _settings_unapplied,
    "settings-site": _settings_group("site"),
    "settings-telegram": _settings_telegram,
    "unreachable": _unreachable,
    "users-menu": _users_menu,
    "delete-confirm": _delete_confirm,
    "undo": _undo,
    "add-user": _add_user,
    "share": _share,
    "qr": _qr,
    "devices": _devices,
    "user-settings": _user_settings,
    "move-user": _call("move_users"),
    "restore": _call("restore_backup"),
    "check-server": _check_server,
    "server-dialog": _server_dialog,
    "setup-wizard": _wizard(done=False),
    "setup-wizard-done": _wizard(done=True),
    "sudo": _sudo,
    "help": _help,
}


def capture(theme: str, lang: str, only: set[str]) -> list[Path]:
    os.environ["MTPM_THEME"] = theme
    os.environ["MTPM_LANG"] = lang
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from mtpm_desktop.core.messages import msg
    from mtpm_desktop.remote.errors import ConnectTimeout
    from mtpm_desktop.ui.app import demo_controller, make_app
    from mtpm_desktop.ui.window import MainWindow

    app = make_app([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    QCoreApplication.setApplicationName("mtpm-desktop-screenshots")  # never touch the user's settings
    controller = demo_controller(servers=3, users=14, folder=tempfile.mkdtemp(prefix="mtpm-shots-"))
    window = MainWindow(controller)
    window.move(0, 0)
    window.show()

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    controller.refresh_all()
    while any(controller.snapshot(n) is None for n in controller.servers()):
        settle(100)
    # The third server went away after its last refresh: the window keeps its data and says why.
    backend = controller.backend("demo-3")
    backend.fail_with = ConnectTimeout(  # type: ignore[attr-defined]
        msg("The SSH handshake with {host}:{port} timed out.", host="203.0.113.12", port=22)
    )
    controller.refresh("demo-3")
    settle(600)

    shots: list[Path] = []
    skipped: dict[str, str] = {}
    screen = QApplication.primaryScreen()
    for width, height in SIZES:
        window.setGeometry(0, 0, width, height)  # no window manager under Xvfb: no frame, the whole screen
        for name, prepare in SHOTS.items():
            if only and name not in only:
                continue
            window.select_server("demo-1")
            window.tabs.setCurrentIndex(0)
            ctx = Ctx(window, controller, settle, [])
            try:
                prepare(ctx)
            except Skip as missing:
                skipped[name] = str(missing)
                continue
            for _ in range(100):  # a job the picture started (history, logs) ends before it is taken
                settle(50)
                if not any(window._busy.values()):
                    break
            settle(250)
            path = HERE / f"{name}-{theme}-{lang}-{width}.png"
            screen.grabWindow(0, 0, 0, width, height).save(str(path), "PNG")
            shots.append(path)
            for undo in reversed(ctx.cleanup):
                undo()
            settle(50)
    for name, why in skipped.items():
        print(f"skipped {name}: {why}", file=sys.stderr)
    controller.pending.flush()
    controller.shutdown()
    window.close()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=[*LANGS, "pseudo"], help="one language (default: en and ru)")
    parser.add_argument("--theme", choices=THEMES, help="one theme (default: both)")
    parser.add_argument("--only", default="", help="comma-separated picture names (default: all)")
    args = parser.parse_args()
    only = {n for n in args.only.split(",") if n}
    unknown = only - SHOTS.keys()
    if unknown:
        parser.error(f"unknown pictures: {', '.join(sorted(unknown))}; known: {', '.join(SHOTS)}")
    if args.theme and args.lang:
        for path in capture(args.theme, args.lang, only):
            print(path.relative_to(HERE.parent.parent))
        return 0
    # One process per theme and language: the palette, style and translators are process-wide.
    for lang in [args.lang] if args.lang else LANGS:
        for theme in [args.theme] if args.theme else THEMES:
            cmd = [sys.executable, __file__, "--theme", theme, "--lang", lang, "--only", args.only]
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    sys.exit(main())
