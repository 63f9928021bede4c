"""Secrets go to the keyring only; unsafe keyring backends produce a warning for the UI."""

from __future__ import annotations

from pathlib import Path

import keyring.backend
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyrings.alt.file import PlaintextKeyring

from mtpm_desktop.remote.ssh.credentials import SERVICE, CredentialStore, keyring_warning
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile

pytestmark = pytest.mark.unit


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps secrets in this process (stands in for a safe OS keyring)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError(username)
        del self.items[(service, username)]


def test_set_get_delete_keep_flags_in_step(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    creds = CredentialStore(backend)
    store = ProfileStore(tmp_path)
    profile = ServerProfile(name="vps", host="h", auth="password")
    store.save(profile)
    creds.set(profile, "password", "hunter2", store=store)
    creds.set(profile, "sudo_password", "sudo-pw", store=store)
    assert backend.items == {(SERVICE, "vps:password"): "hunter2", (SERVICE, "vps:sudo_password"): "sudo-pw"}
    saved = store.get("vps")
    assert (saved.has_password, saved.has_passphrase, saved.has_sudo_password) == (True, False, True)
    assert creds.get("vps", "password") == "hunter2"
    assert "hunter2" not in store.path.read_text()

    creds.delete(profile, "password", store=store)
    creds.delete(profile, "password", store=store)  # twice is fine
    assert creds.get("vps", "password") is None
    assert store.get("vps").has_password is False
    creds.delete_all(profile, store=store)
    assert backend.items == {}


def test_keyring_warnings(tmp_path: Path) -> None:
    assert keyring_warning(MemoryKeyring()) is None
    assert keyring_warning(keyring.backends.fail.Keyring()) is not None
    assert keyring_warning(keyring.backends.null.Keyring()) is not None
    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "kr.cfg")
    assert "plain text" in (keyring_warning(plaintext) or "")
