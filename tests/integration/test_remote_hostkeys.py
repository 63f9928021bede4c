"""Host keys against the fixture sshd: unknown -> fingerprint, pin -> connect, changed -> refused pre-auth."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mtpm_desktop.remote.errors import HostKeyChanged, HostKeyUnknown
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.sshd import SshdServer

pytestmark = pytest.mark.integration

# Lines sshd (LogLevel VERBOSE) writes once a client starts authenticating.
AUTH_LOG_MARKERS = (
    "Accepted",
    "Failed",
    "Postponed",
    "Invalid user",
    "authentication",
    "publickey",
    "password",
)


def _profile(sshd: SshdServer, key_path: Path) -> ServerProfile:
    return ServerProfile(
        name="hostkey-test", host=sshd.host, port=sshd.port, user="root", auth="key", key_path=str(key_path)
    )


def _store(data_dir: Path, user_known_hosts: Path | None = None) -> HostKeyStore:
    return HostKeyStore(data_dir / "known_hosts", user_known_hosts)


def test_unknown_host_key_reports_the_ssh_keygen_fingerprint_then_pin_connects(
    sshd_server: SshdServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    store = _store(data_dir, tmp_path / "no-such-known-hosts")
    profile = _profile(sshd_server, sshd_server.root_key_path)
    with pytest.raises(HostKeyUnknown) as caught:
        connect(profile, data_dir=data_dir, hostkeys=store)
    err = caught.value
    assert err.fingerprint == sshd_server.host_key_fingerprint
    assert err.fingerprint in err.message
    assert err.key_type == "ED25519"

    store.pin(err.host, err.port, err.key)
    with connect(profile, data_dir=data_dir, hostkeys=store) as session:
        assert session.run("echo pinned").stdout == "pinned\n"
    assert (data_dir / "known_hosts").stat().st_mode & 0o777 == 0o600


def test_hashed_entry_in_user_known_hosts_is_accepted(sshd_server: SshdServer, tmp_path: Path) -> None:
    user_known_hosts = tmp_path / "user_known_hosts"
    user_known_hosts.write_text(sshd_server.known_hosts_line + "\n")
    subprocess.run(["ssh-keygen", "-H", "-f", str(user_known_hosts)], check=True, capture_output=True)
    assert user_known_hosts.read_text().startswith("|1|")  # really hashed
    store = _store(tmp_path / "data", user_known_hosts)
    with connect(_profile(sshd_server, sshd_server.root_key_path), hostkeys=store) as session:
        assert session.run("true").exit_code == 0


@pytest.fixture
def restore_host_key(sshd_server: SshdServer) -> Iterator[None]:
    """The host key is replaced by the test; later tests pin whatever key is current, so nothing to undo
    except making sure the daemon is up again."""
    yield
    if sshd_server._proc is None:
        sshd_server.start()


def _wait_for_log(sshd: SshdServer, offset: int, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = sshd.log_text()[offset:]
        if needle in text or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


def test_changed_host_key_is_refused_before_any_authentication(
    sshd_server: SshdServer, tmp_path: Path, restore_host_key: None
) -> None:
    data_dir = tmp_path / "data"
    store = _store(data_dir, None)
    profile = _profile(sshd_server, sshd_server.root_key_path)
    with pytest.raises(HostKeyUnknown) as first:
        connect(profile, data_dir=data_dir, hostkeys=store)
    store.pin(first.value.host, first.value.port, first.value.key)
    connect(profile, data_dir=data_dir, hostkeys=store).close()

    old_fingerprint = sshd_server.host_key_fingerprint
    sshd_server.replace_host_key()
    assert sshd_server.host_key_fingerprint != old_fingerprint

    offset = len(sshd_server.log_text())
    with pytest.raises(HostKeyChanged) as changed:
        connect(profile, data_dir=data_dir, hostkeys=store)
    assert changed.value.fingerprint == sshd_server.host_key_fingerprint
    assert "CHANGED" in changed.value.message

    # The connection reached sshd, and sshd saw it end before any authentication request.
    log = _wait_for_log(sshd_server, offset, "[preauth]")
    assert "Connection from" in log, log
    assert "[preauth]" in log, log
    offending = [line for line in log.splitlines() if any(marker in line for marker in AUTH_LOG_MARKERS)]
    assert offending == [], log
