"""The tray icon (each server's state) and desktop notifications for alert events.

On every new snapshot of a server the AlertCenter says which events are new (each fires once, also across
restarts of the app); each becomes a QSystemTrayIcon message, in the UI language. Where the desktop has no
system tray (some Linux desktops, the offscreen platform) the `notified` signal still fires.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from mtpm_desktop.ui.alert_center import AlertCenter, event_text
from mtpm_desktop.ui.alert_settings import enabled_kinds
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.i18n import localize

MESSAGE_MS = 15_000


class TrayNotifier(QObject):
    notified = Signal(str, str)  # title, body (as shown)

    def __init__(
        self, controller: Controller, window: QWidget | None = None, center: AlertCenter | None = None
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self.window = window
        self.center = center or AlertCenter()
        style = QApplication.style()
        self._icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon),
            False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        self.tray = QSystemTrayIcon(self._icons[True], self)
        self.menu = QMenu(window)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        controller.snapshot_changed.connect(self._snapshot_changed)
        controller.servers_changed.connect(self.update_tray)
        self.update_tray()
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

    def _snapshot_changed(self, name: str) -> None:
        snap = self.controller.snapshot(name)
        if snap is None:
            return
        self.center.kinds = enabled_kinds()
        for event in self.center.update(snap):
            title, body = event_text(name, event)
            self.notify(localize(title), localize(body))
        self.update_tray()

    def notify(self, title: str, body: str) -> None:
        self.notified.emit(title, body)
        if self.tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)

    def server_lines(self) -> list[tuple[str, bool]]:
        """(the server's line, reachable) for each server, as the tray's menu and tooltip show them."""
        out = []
        for name in self.controller.servers():
            snap = self.controller.snapshot(name)
            if snap is None:
                out.append((self.tr("{server}: not checked yet").format(server=name), True))
            elif not snap.reachable:
                out.append((self.tr("{server}: unreachable").format(server=name), False))
            else:
                out.append(
                    (
                        self.tr("{server}: running {running}/{total}").format(
                            server=name, running=snap.running, total=snap.total
                        ),
                        True,
                    )
                )
        return out

    def update_tray(self) -> None:
        lines = self.server_lines()
        self.tray.setIcon(self._icons[all(ok for _, ok in lines)])
        self.tray.setToolTip("\n".join(["mtpm", *(text for text, _ in lines)]))
        self.menu.clear()
        for text, ok in lines:
            action = self.menu.addAction(self._icons[ok], text)
            action.setEnabled(False)
        if self.window is not None:
            self.menu.addSeparator()
            self.menu.addAction(self.tr("Show mtpm"), self._show_window)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()

    def _show_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
