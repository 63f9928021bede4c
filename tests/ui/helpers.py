"""Shared pieces of the UI tests: an app window over in-memory demo servers, and visible-text walkers."""

from __future__ import annotations

from pathlib import Path

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
