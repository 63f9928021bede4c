"""Shared pieces of the UI tests: an app window over in-memory demo servers, and visible-text walkers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.ui.backend import ServerBackend
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.snapshot import SnapshotCache


def demo_controller(tmp: Path, backends: dict[str, DemoBackend]) -> Controller:
    store = ProfileStore(tmp / "profiles")
    for name in backends:
        store.save(ServerProfile(name=name, host="203.0.113.1", auth="agent"))

    def factory(p: ServerProfile) -> ServerBackend:
        return backends[p.name]

    return Controller(store, SnapshotCache(tmp / "cache"), backend_factory=factory, auto_refresh=False)


def ensure_app_names() -> None:
    app = QApplication.instance()
    assert app is not None
    app.setOrganizationName("mtpm-test")
    app.setApplicationName("mtpm-desktop-test")


def open_window(qtbot: Any, controller: Controller) -> Any:
    """The main window over `controller`, shown, with its first server's users loaded."""
    from mtpm_desktop.ui.window import MainWindow

    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    name = controller.servers()[0]
    qtbot.waitUntil(
        lambda: controller.snapshot(name) is not None and window.users.snap is not None, timeout=10000
    )
    return window


@contextmanager
def running_controller(tmp: Path, backends: dict[str, DemoBackend]) -> Iterator[Controller]:
    """A controller over demo servers, shut down afterwards (a pytest fixture yields from this)."""
    ensure_app_names()
    c = demo_controller(tmp, backends)
    try:
        yield c
    finally:
        c.shutdown()
