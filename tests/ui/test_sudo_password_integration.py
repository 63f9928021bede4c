"""The sudo password from the desktop app against the fixture sshd: a non-root login whose sudo asks for a
password. "Test connection" in the server dialog tells a wrong sudo password from a right one, and the
window asks for the password when a refresh fails for want of it, stores it in the (test) keyring, and the
retry on a new connection works.
"""

from __future__ import annotations

import json
import os
import pwd
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.dlg_sudo import SudoPasswordDialog
from mtpm_desktop.ui.service_backend import ServiceBackend
from mtpm_desktop.ui.snapshot import SnapshotCache
from mtpm_desktop.ui.window import MainWindow
from tests.fixtures.keyring_backend import MemoryKeyring
from tests.fixtures.remote import LocalUser
from tests.ui.helpers import ensure_app_names

pytestmark = [pytest.mark.ui, pytest.mark.integration]


@pytest.fixture
def sudo_user(make_local_user: Callable[..., LocalUser]) -> tuple[LocalUser, str]:
    password = "Sudo-" + os.urandom(6).hex()
    return make_local_user(password=password, sudo="password"), password


def profile_for(user: LocalUser, name: str = "sudo-box") -> ServerProfile:
    # The install folder is the user's own: reading the (missing) state works without root, writing it
    # needs sudo (the state commit runs as root), and so does Docker (the user is not in its group).
    return ServerProfile(
        name=name,
        host=user.sshd.host,
        port=user.sshd.port,
        user=user.name,
        auth="key",
        key_path=str(user.key_path),
        install_root=f"{pwd.getpwnam(user.name).pw_dir}/mtpm",
    )


@pytest.fixture
def controller(remote_data_dir: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[Controller]:
    ensure_app_names()

    def service_factory(profile: ServerProfile) -> ServerService:
        # As the app's own: a session from the OS keyring (here the test's in-memory one); no traffic agent.
        session = connect(profile, data_dir=remote_data_dir)
        try:
            svc = ServerService(session, root=profile.install_root, manage_agent=False)
            svc.ensure_state()
        except BaseException:
            session.close()
            raise
        return svc

    c = Controller(
        ProfileStore(remote_data_dir),
        SnapshotCache(tmp_path / "cache"),
        backend_factory=lambda p: ServiceBackend(p, service_factory=service_factory),
        auto_refresh=False,
    )
    yield c
    c.shutdown()


def test_test_connection_reports_docker_access_with_the_typed_sudo_password(
    qtbot: QtBot,
    controller: Controller,
    sudo_user: tuple[LocalUser, str],
    keyring_backend: MemoryKeyring,
) -> None:
    user, password = sudo_user
    window = MainWindow(controller)
    qtbot.addWidget(window)
    dlg = window.add_server()
    p = profile_for(user)
    dlg.name_edit.setText(p.name)
    dlg.host_edit.setText(p.host)
    dlg.port_spin.setValue(p.port)
    dlg.user_edit.setText(p.user)
    dlg.key_edit.setText(str(p.key_path))

    dlg.test_btn.click()  # no sudo password: connected, but Docker cannot be used
    qtbot.waitUntil(
        lambda: dlg.test_btn.isEnabled() and "Connected" in dlg.result_label.text(), timeout=30_000
    )
    assert "Docker cannot be used" in dlg.result_label.text() and "not stored" in dlg.result_label.text()
    assert "c62828" in dlg.result_label.styleSheet() and not dlg.tested_ok

    dlg.sudo_edit.setText("wrong-" + password)
    dlg.test_btn.click()
    qtbot.waitUntil(lambda: dlg.test_btn.isEnabled() and "rejected" in dlg.result_label.text(), timeout=30000)
    assert "c62828" in dlg.result_label.styleSheet() and not dlg.tested_ok

    dlg.sudo_edit.setText(password)
    dlg.test_btn.click()
    qtbot.waitUntil(lambda: dlg.tested_ok, timeout=30000)
    assert "Docker works through sudo" in dlg.result_label.text()
    assert keyring_backend.entries == {}  # testing stores nothing
    dlg.reject()


def test_refresh_asks_for_the_sudo_password_then_works(
    qtbot: QtBot,
    controller: Controller,
    remote_data_dir: Path,
    sudo_user: tuple[LocalUser, str],
    keyring_backend: MemoryKeyring,
) -> None:
    user, password = sudo_user
    profile = profile_for(user)
    store = ProfileStore(remote_data_dir)
    store.save(profile)
    controller.reload_profiles()
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.select_server(profile.name)  # its first refresh fails: sudo wants a password

    qtbot.waitUntil(lambda: profile.name in window.sudo_prompts, timeout=60000)
    dlg = window.sudo_prompts[profile.name]
    assert isinstance(dlg, SudoPasswordDialog)
    assert "sudo" in dlg.reason_label.text() and "not stored" in dlg.reason_label.text()
    qtbot.waitUntil(window.banner.isVisible, timeout=10000)
    snap = controller.snapshot(profile.name)
    assert snap is not None and not snap.reachable

    dlg.password_edit.setText(password)
    dlg.ok_button.click()
    qtbot.waitUntil(
        lambda: (s := controller.snapshot(profile.name)) is not None and s.reachable and s.taken_at > 0,
        timeout=60000,
    )
    assert not window.sudo_prompts and not window.banner.isVisible()
    assert keyring_backend.entries == {("mtpm", f"{profile.name}:sudo_password"): password}
    text = store.path.read_text(encoding="utf-8")
    assert password not in text
    saved = next(p for p in json.loads(text)["servers"] if p["name"] == profile.name)
    assert saved["has_sudo_password"] is True
    # The retry wrote the server's state as root, through sudo with the stored password.
    state = Path(profile.install_root, "config.json")
    assert state.stat().st_uid == 0 and password not in state.read_text(encoding="utf-8")
