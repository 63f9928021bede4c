"""Logins against the fixture sshd: key types, encrypted keys, ssh-agent, password; secrets stay off disk."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring

from mtpm_desktop.remote.errors import AuthFailed, PassphraseRequired
from mtpm_desktop.remote.ssh.credentials import CredentialStore, keyring_warning
from mtpm_desktop.remote.ssh.profiles import ProfileStore, ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.remote import LocalUser, make_keypair
from tests.fixtures.sshd import SshdServer

pytestmark = pytest.mark.integration


@pytest.fixture
def file_keyring(tmp_path: Path) -> PlaintextKeyring:
    """A real keyring backend the test controls, kept OUTSIDE the app data dir."""
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    return backend


def _profile(sshd: SshdServer, **kwargs: object) -> ServerProfile:
    base: dict[str, object] = {"name": "auth-test", "host": sshd.host, "port": sshd.port, "user": "root"}
    return ServerProfile(**{**base, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize("key_type", ["ed25519", "ecdsa", "rsa"])
def test_key_login_each_key_type(
    key_type: str,
    sshd_server: SshdServer,
    server_profile: ServerProfile,
    remote_data_dir: Path,
    tmp_path: Path,
) -> None:
    key_path = tmp_path / f"id_{key_type}"
    sshd_server.authorize("root", make_keypair(key_path, key_type))
    profile = _profile(sshd_server, auth="key", key_path=str(key_path))
    with connect(profile, data_dir=remote_data_dir) as session:
        assert session.run("id -un").stdout.strip() == "root"


def test_encrypted_key_with_passphrase_from_keyring(
    sshd_server: SshdServer,
    server_profile: ServerProfile,
    remote_data_dir: Path,
    tmp_path: Path,
    file_keyring: PlaintextKeyring,
) -> None:
    passphrase = "correct horse battery staple"
    key_path = tmp_path / "id_encrypted"
    sshd_server.authorize("root", make_keypair(key_path, "ed25519", passphrase))
    store = ProfileStore(remote_data_dir)
    creds = CredentialStore(file_keyring)
    profile = _profile(sshd_server, auth="key", key_path=str(key_path))
    store.save(profile)

    with pytest.raises(PassphraseRequired) as missing:
        connect(profile, data_dir=remote_data_dir, credentials=creds)
    assert str(key_path) in missing.value.message

    creds.set(profile, "passphrase", "wrong passphrase", store=store)
    with pytest.raises(AuthFailed) as wrong:
        connect(profile, data_dir=remote_data_dir, credentials=creds)
    assert "passphrase" in wrong.value.message

    creds.set(profile, "passphrase", passphrase, store=store)
    with connect(store.get("auth-test"), data_dir=remote_data_dir, credentials=creds) as session:
        assert session.run("echo ok").stdout == "ok\n"
    assert store.get("auth-test").has_passphrase
    assert passphrase not in (remote_data_dir / "servers.json").read_text()


@pytest.fixture
def ssh_agent(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """A private ssh-agent (SSH_AUTH_SOCK set for the test); yields `add(key_path)`; killed afterwards."""
    out = subprocess.run(["ssh-agent", "-s"], check=True, capture_output=True, text=True).stdout
    sock = re.search(r"SSH_AUTH_SOCK=([^;]+);", out)
    pid = re.search(r"SSH_AGENT_PID=(\d+);", out)
    assert sock and pid, out
    monkeypatch.setenv("SSH_AUTH_SOCK", sock.group(1))

    def add(key_path: Path) -> None:
        subprocess.run(["ssh-add", str(key_path)], check=True, capture_output=True, env=dict(os.environ))

    try:
        yield add
    finally:
        os.kill(int(pid.group(1)), signal.SIGTERM)


def test_agent_login(
    sshd_server: SshdServer,
    server_profile: ServerProfile,
    remote_data_dir: Path,
    tmp_path: Path,
    ssh_agent: Callable[[Path], None],
) -> None:
    profile = _profile(sshd_server, auth="agent")
    with pytest.raises(AuthFailed, match="agent has no keys"):
        connect(profile, data_dir=remote_data_dir)
    key_path = tmp_path / "id_agent"
    sshd_server.authorize("root", make_keypair(key_path, "ecdsa"))
    ssh_agent(key_path)
    with connect(profile, data_dir=remote_data_dir) as session:
        assert session.run("id -u").stdout.strip() == "0"


def test_password_login_keeps_the_password_off_disk(
    sshd_server: SshdServer,
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
    file_keyring: PlaintextKeyring,
) -> None:
    password = "Pw-" + os.urandom(8).hex()
    user = make_local_user(password=password)
    store = ProfileStore(remote_data_dir)
    creds = CredentialStore(file_keyring)
    profile = _profile(user.sshd, name="pw-test", user=user.name, auth="password")
    store.save(profile)

    with pytest.raises(AuthFailed, match="No password is stored"):
        connect(profile, data_dir=remote_data_dir, credentials=creds)
    creds.set(profile, "password", "not-" + password, store=store)
    with pytest.raises(AuthFailed, match="rejected the password"):
        connect(profile, data_dir=remote_data_dir, credentials=creds)

    creds.set(profile, "password", password, store=store)
    with connect(store.get("pw-test"), data_dir=remote_data_dir, credentials=creds) as session:
        assert session.run("id -un").stdout.strip() == user.name

    saved = json.loads((remote_data_dir / "servers.json").read_text())
    entry = next(s for s in saved["servers"] if s["name"] == "pw-test")
    assert entry["has_password"] is True
    assert saved["schema_version"] == 1
    # grep exits 1 when nothing matches: the password is nowhere in the app's data folder.
    grep = subprocess.run(["grep", "-r", "-F", password, str(remote_data_dir)], capture_output=True)
    assert grep.returncode == 1, grep.stdout
    # ...but it is in the keyring, which is where it must be.
    assert creds.get("pw-test", "password") == password
    # A plain-text keyring is not safe: the GUI gets a warning to show.
    assert keyring_warning(file_keyring) is not None
