"""The sudo password in the desktop app: the server dialog's field and the window's question.

Servers here are demo backends whose "sudo" wants a password: each backend stands for one connection and
reads the sudo password from the keyring the way a new `ServerSession` does, so the window's question, the
keyring entry and the reconnect are the real ones. The same flow against the fixture sshd is in
test_sudo_password_integration.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.errors import DockerPermissionDenied, SudoNotAllowed, SudoPasswordWrong, SudoRequired
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.ui.backend import Progress, ServerBackend
from mtpm_desktop.ui.controller import Controller, sudo_password_error
from mtpm_desktop.ui.demo_backend import DemoBackend
from mtpm_desktop.ui.dlg_server import ServerDialog
from mtpm_desktop.ui.dlg_sudo import SudoPasswordDialog
from mtpm_desktop.ui.snapshot import ServerSnapshot, SnapshotCache
from mtpm_desktop.ui.window import MainWindow
from tests.fixtures.keyring_backend import MemoryKeyring
from tests.ui.helpers import ensure_app_names
from tests.ui.test_i18n_ru import check, russian  # noqa: F401  (russian: a fixture)

pytestmark = pytest.mark.ui

SUDO = "Sudo-pw-4711"
STORED = "(stored in the keyring; leave empty to keep)"


class SudoServer(DemoBackend):
    """A demo server whose login user needs `password` for sudo (one backend = one connection)."""

    def __init__(self, profile: ServerProfile, password: str, not_allowed: bool = False) -> None:
        super().__init__(profile.name, users=1)
        self.profile = profile
        self.password = password
        self.not_allowed = not_allowed

    def _sudo(self) -> None:
        if self.not_allowed:
            raise SudoNotAllowed(f"{self.profile.user} may not use sudo (not in sudoers).")
        stored = (
            keyring.get_password("mtpm", f"{self.name}:sudo_password")
            if self.profile.has_sudo_password
            else None
        )
        if stored is None:
            raise DockerPermissionDenied(
                "admin may not use Docker: ... sudo asks for a password, which is not stored.",
                sudo_error=SudoRequired("sudo asks for a password, which is not stored."),
            )
        if stored != self.password:
            raise SudoPasswordWrong("sudo rejected the stored sudo password of admin.")

    def snapshot(self, progress: Progress) -> ServerSnapshot:
        self._sudo()
        return super().snapshot(progress)

    def add_user(self, name: str, port: int | None, domain: str | None, progress: Progress) -> str:
        self._sudo()
        return super().add_user(name, port, domain, progress)


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles")


@pytest.fixture
def connections() -> list[SudoServer]:
    return []


@pytest.fixture
def controller(
    tmp_path: Path, store: ProfileStore, connections: list[SudoServer], qtbot: QtBot
) -> Iterator[Controller]:
    ensure_app_names()

    def factory(profile: ServerProfile) -> ServerBackend:
        connections.append(SudoServer(profile, SUDO, not_allowed=profile.name == "locked"))
        return connections[-1]

    c = Controller(store, SnapshotCache(tmp_path / "cache"), backend_factory=factory, auto_refresh=False)
    yield c
    c.shutdown()


def window_on(qtbot: QtBot, controller: Controller, store: ProfileStore, name: str = "box") -> MainWindow:
    store.save(ServerProfile(name=name, host="203.0.113.9", user="admin", auth="agent"))
    controller.reload_profiles()
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.select_server(name)
    return window


def profile_on_disk(store: ProfileStore, name: str) -> dict[str, object]:
    doc = json.loads(store.path.read_text(encoding="utf-8"))
    return next(p for p in doc["servers"] if p["name"] == name)


def wait_prompt(qtbot: QtBot, window: MainWindow, name: str = "box") -> SudoPasswordDialog:
    qtbot.waitUntil(lambda: name in window.sudo_prompts, timeout=5000)
    dlg = window.sudo_prompts[name]
    qtbot.waitUntil(dlg.isVisible, timeout=5000)
    return dlg


def open_prompts(window: MainWindow) -> list[SudoPasswordDialog]:
    return [d for d in window.findChildren(SudoPasswordDialog) if d.isVisible()]


def answer(dlg: SudoPasswordDialog, password: str) -> None:
    dlg.password_edit.setText(password)
    assert dlg.ok_button.isEnabled()
    dlg.ok_button.click()


def reachable(controller: Controller, name: str = "box") -> bool:
    snap = controller.snapshot(name)
    return snap is not None and snap.reachable and snap.taken_at > 0


def test_sudo_errors_a_password_would_fix() -> None:
    required = SudoRequired("none stored")
    assert sudo_password_error(required) is required
    wrong = SudoPasswordWrong("rejected")
    assert sudo_password_error(DockerPermissionDenied("no docker", sudo_error=wrong)) is wrong
    assert sudo_password_error(DockerPermissionDenied("no docker", sudo_error=SudoNotAllowed("no"))) is None
    assert sudo_password_error(DockerPermissionDenied("refused even through sudo")) is None
    try:
        try:
            raise required
        except SudoRequired as exc:
            raise MtpmError("Could not write the state") from exc
    except MtpmError as outer:
        assert sudo_password_error(outer) is required
    assert sudo_password_error(SudoNotAllowed("not in sudoers")) is None


def test_server_dialog_keeps_the_sudo_password_in_the_keyring_only(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    entry = ("mtpm", "vps1:sudo_password")

    dlg = window.add_server()
    dlg.name_edit.setText("vps1")
    dlg.host_edit.setText("203.0.113.5")
    dlg.auth_combo.setCurrentIndex(dlg.auth_combo.findData("agent"))
    assert dlg.user_edit.text() == "root" and not dlg.sudo_edit.isEnabled()  # root never needs sudo
    assert dlg.sudo_edit.echoMode() == dlg.sudo_edit.EchoMode.Password
    assert not dlg.sudo_hint.isHidden() and "sudo asks" in dlg.sudo_hint.text()
    dlg.user_edit.setText("admin")
    assert dlg.sudo_edit.isEnabled()
    assert dlg.forget_sudo_btn.isHidden()  # nothing stored yet
    dlg.sudo_edit.setText(SUDO)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.current_server() == "vps1", timeout=5000)

    assert keyring_backend.entries[entry] == SUDO
    on_disk = store.path.read_text(encoding="utf-8")
    assert SUDO not in on_disk
    assert profile_on_disk(store, "vps1")["has_sudo_password"] is True
    qtbot.waitUntil(lambda: reachable(controller, "vps1"), timeout=5000)  # its sudo accepted it
    assert not window.sudo_prompts

    # Editing: shown as stored, not as text; left empty it stays.
    edit = window.edit_server()
    assert isinstance(edit, ServerDialog)
    assert edit.sudo_edit.text() == "" and edit.sudo_edit.placeholderText() == STORED
    assert not edit.forget_sudo_btn.isHidden() and edit.forget_sudo_btn.isEnabled()
    edit.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not edit.isVisible(), timeout=5000)
    assert keyring_backend.entries[entry] == SUDO

    # Replaced.
    edit = window.edit_server()
    assert isinstance(edit, ServerDialog)
    edit.sudo_edit.setText("Sudo-new")
    edit.buttons.accepted.emit()
    qtbot.waitUntil(lambda: keyring_backend.entries.get(entry) == "Sudo-new", timeout=5000)
    assert "Sudo-new" not in store.path.read_text(encoding="utf-8")

    # Cleared: gone from the keyring, and the profile file says none is stored.
    edit = window.edit_server()
    assert isinstance(edit, ServerDialog)
    edit.forget_sudo_btn.click()
    assert edit.sudo_edit.placeholderText() != STORED and not edit.forget_sudo_btn.isEnabled()
    edit.buttons.accepted.emit()
    qtbot.waitUntil(lambda: entry not in keyring_backend.entries, timeout=5000)
    assert profile_on_disk(store, "vps1")["has_sudo_password"] is False
    again = window.edit_server()
    assert isinstance(again, ServerDialog)
    assert again.sudo_edit.placeholderText() == "" and again.forget_sudo_btn.isHidden()
    again.reject()


def test_renamed_server_keeps_its_sudo_password(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    window = window_on(qtbot, controller, store)
    profile = store.get("box")
    keyring_backend.set_password("mtpm", "box:sudo_password", SUDO)
    profile.has_sudo_password = True
    store.save(profile)
    controller.reload_profiles()
    dlg = window.edit_server()
    assert isinstance(dlg, ServerDialog)
    dlg.name_edit.setText("box2")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.current_server() == "box2", timeout=5000)
    assert keyring_backend.entries == {("mtpm", "box2:sudo_password"): SUDO}
    assert profile_on_disk(store, "box2")["has_sudo_password"] is True


def test_refresh_needing_sudo_asks_stores_and_retries(
    qtbot: QtBot,
    controller: Controller,
    store: ProfileStore,
    keyring_backend: MemoryKeyring,
    connections: list[SudoServer],
) -> None:
    window = window_on(qtbot, controller, store)
    dlg = wait_prompt(qtbot, window)
    assert "not stored" in dlg.reason_label.text()
    assert "box" in dlg.windowTitle()
    assert not dlg.ok_button.isEnabled()  # nothing typed yet
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)  # the failure is shown behind the question
    assert "not stored" in window.banner.text()

    # Another failure while the question is open does not ask a second time.
    with qtbot.waitSignal(controller.snapshot_changed, timeout=5000):
        window.refresh_current()
    assert open_prompts(window) == [dlg]

    # A wrong password: stored, retried on a new connection, rejected, asked again.
    answer(dlg, "not-it")
    assert keyring_backend.entries[("mtpm", "box:sudo_password")] == "not-it"
    second = wait_prompt(qtbot, window)
    assert second is not dlg and "rejected" in second.reason_label.text()
    assert open_prompts(window) == [second]

    made = len(connections)
    answer(second, SUDO)
    qtbot.waitUntil(lambda: reachable(controller), timeout=5000)
    assert len(connections) == made + 1  # the retry used a new connection with the new password
    assert keyring_backend.entries[("mtpm", "box:sudo_password")] == SUDO
    assert SUDO not in store.path.read_text(encoding="utf-8")
    assert profile_on_disk(store, "box")["has_sudo_password"] is True
    assert not window.banner.isVisible() and not window.sudo_prompts and not open_prompts(window)


def test_cancel_leaves_the_error_and_is_not_asked_again_until_a_refresh(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    window = window_on(qtbot, controller, store)
    dlg = wait_prompt(qtbot, window)
    dlg.buttons.rejected.emit()
    qtbot.waitUntil(lambda: not window.sudo_prompts, timeout=5000)
    assert window.banner.isVisible() and "not stored" in window.banner.text()
    assert keyring_backend.entries == {}

    # The periodic refresh fails the same way: no new question.
    with qtbot.waitSignal(controller.snapshot_changed, timeout=5000):
        controller.refresh_all()
    assert not window.sudo_prompts and window.banner.isVisible()

    # The admin asks for a refresh: asked again.
    window.refresh_current()
    wait_prompt(qtbot, window)


def test_a_job_needing_sudo_asks_instead_of_an_error_box(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    window = window_on(qtbot, controller, store)
    wait_prompt(qtbot, window).buttons.rejected.emit()
    qtbot.waitUntil(lambda: not window.sudo_prompts, timeout=5000)
    errors: list[str] = []
    controller.error.connect(lambda _s, _w, message: errors.append(message))
    window.users.add_user("zoe", None, None)  # an explicit action
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert not window.sudo_prompts  # still declined: the admin did not refresh or edit the server

    window.refresh_current()
    dlg = wait_prompt(qtbot, window)
    controller.run("box", "Add user", lambda b, p: b.add_user("zoe", None, None, p))
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert window.last_error[2] == errors[1]
    boxes = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert len(boxes) == 1  # the first error's box; the second is shown by the question itself
    assert open_prompts(window) == [dlg]
    answer(dlg, SUDO)
    qtbot.waitUntil(lambda: reachable(controller), timeout=5000)


def test_sudo_not_allowed_is_not_a_question(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    window = window_on(qtbot, controller, store, "locked")
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "may not use sudo" in window.banner.text()
    assert not window.sudo_prompts and not open_prompts(window)


def test_keyring_without_a_backend_shows_its_error(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    window = window_on(qtbot, controller, store)
    dlg = wait_prompt(qtbot, window)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        answer(dlg, SUDO)
        qtbot.waitUntil(lambda: not window.sudo_prompts, timeout=5000)
    finally:
        keyring.set_keyring(keyring_backend)
    server, what, message = window.last_error
    assert (server, what) == ("box", "Storing the sudo password")
    assert "keyring refused to store the sudo password of 'box'" in message
    boxes = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert [b.text() for b in boxes] == [message]
    assert profile_on_disk(store, "box")["has_sudo_password"] is False
    assert keyring_backend.entries == {}


def test_russian_sudo_password_strings(
    qtbot: QtBot,
    russian: str,  # noqa: F811
    controller: Controller,
    store: ProfileStore,
    keyring_backend: MemoryKeyring,
) -> None:
    window = window_on(qtbot, controller, store)
    dlg = wait_prompt(qtbot, window)
    profile = store.get("box")
    profile.has_sudo_password = True
    editor = ServerDialog(controller.jobs, profile, ["box"], window)
    qtbot.addWidget(editor)
    editor.show()
    # The reason is the server's error (messages catalogue, see test_i18n_ru); this demo server's is English.
    assert "not stored" in dlg.reason_label.text()
    dlg.reason_label.clear()
    problems: list[str] = []
    data = {"box", "admin"}  # the server and its login user
    check(dlg, data, problems)
    check(editor, data, problems)
    editor.forget_sudo_password()
    check(editor, data, problems)
    assert not problems, "untranslated:\n" + "\n".join(problems)
    assert editor.sudo_edit.isEnabled() and not editor.forget_sudo_btn.isHidden()
    editor.reject()
    dlg.reject()


def test_removing_a_server_forgets_its_secrets_in_the_keyring(
    qtbot: QtBot, controller: Controller, store: ProfileStore, keyring_backend: MemoryKeyring
) -> None:
    from mtpm_desktop.remote.ssh.credentials import CredentialStore

    profile = ServerProfile(name="gone", host="203.0.113.10", user="admin", auth="password")
    store.save(profile)
    CredentialStore().set(profile, "password", "login-pw", store)
    CredentialStore().set(profile, "sudo_password", SUDO, store)
    controller.reload_profiles()
    assert len(keyring_backend.entries) == 2
    controller.delete_profile("gone")
    assert keyring_backend.entries == {}
    assert "gone" not in [p.name for p in store.list()]


def test_server_dialog_warns_when_passwords_cannot_be_kept_safely(
    qtbot: QtBot, controller: Controller, keyring_backend: MemoryKeyring
) -> None:
    safe = ServerDialog(controller.jobs, None, [])
    qtbot.addWidget(safe)
    assert safe.keyring_label.isHidden()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        unsafe = ServerDialog(controller.jobs, None, [])
        qtbot.addWidget(unsafe)
    finally:
        keyring.set_keyring(keyring_backend)
    unsafe.show()
    assert unsafe.keyring_label.isVisible()
    assert "no usable keyring" in unsafe.keyring_label.text()


def test_server_dialog_grows_so_wrapped_texts_are_not_cut_off(
    qtbot: QtBot, controller: Controller, keyring_backend: MemoryKeyring
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the warning row is shown too
    try:
        dlg = ServerDialog(controller.jobs, None, [])
        qtbot.addWidget(dlg)
    finally:
        keyring.set_keyring(keyring_backend)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg._show("A long explanation that wraps over several lines. " * 12)
    layout = dlg.layout()
    assert layout is not None
    assert dlg.height() >= layout.totalHeightForWidth(dlg.width())
    label = dlg.result_label
    assert label.height() >= label.heightForWidth(label.width())
