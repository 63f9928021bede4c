"""Non-root logins: docker group, sudo without and with a password, and neither (the error names why)."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring

from mtpm_desktop.remote.errors import (
    DockerNotInstalled,
    DockerNotRunning,
    DockerPermissionDenied,
    RemotePermissionDenied,
    SudoPasswordWrong,
    SudoRequired,
)
from mtpm_desktop.remote.ssh.credentials import CredentialStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import ServerSession, connect
from tests.fixtures.remote import LocalUser
from tests.fixtures.sshd import SshdServer

pytestmark = pytest.mark.integration


def _connect(
    user: LocalUser, data_dir: Path, install_root: str, creds: CredentialStore | None = None
) -> ServerSession:
    sshd = user.sshd
    profile = ServerProfile(
        name=f"nonroot-{user.name}",
        host=sshd.host,
        port=sshd.port,
        user=user.name,
        auth="key",
        key_path=str(user.key_path),
        install_root=install_root,
    )
    if creds is not None and user.password is not None:
        creds.set(profile, "sudo_password", user.password)
    return connect(profile, data_dir=data_dir, credentials=creds)


def _root_owned_dir(path: Path) -> str:
    path.mkdir(mode=0o755)
    os.chown(path, 0, 0)
    return str(path)


def test_user_without_docker_group_or_sudo_gets_an_error_naming_the_cause(
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
    tmp_path: Path,
) -> None:
    user = make_local_user()
    root = _root_owned_dir(tmp_path / "root-owned")
    with _connect(user, remote_data_dir, root) as session:
        assert session.run("id -un").stdout.strip() == user.name
        with pytest.raises(DockerPermissionDenied) as caught:
            _ = session.docker
        message = caught.value.message
        assert user.name in message
        assert "not in the 'docker' group" in message and "sudo" in message
        assert isinstance(caught.value.sudo_error, SudoRequired)
        with pytest.raises(SudoRequired):
            session.run("id -u", sudo=True)
        # Without sudo, files go over plain SFTP with the user's own rights.
        with pytest.raises(RemotePermissionDenied) as denied:
            session.write_file_atomic(f"{root}/config.json", b"{}")
        # It says why root was not used, so the app can offer to store a sudo password.
        assert isinstance(denied.value.sudo_error, SudoRequired)


def test_docker_group_user_uses_docker_directly(
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
) -> None:
    user = make_local_user(docker_group=True)
    with _connect(user, remote_data_dir, server_profile.install_root) as session:
        assert session.docker_access().via == "direct"
        assert session.docker.ping()


def test_passwordless_sudo_user_gets_docker_and_root_files(
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
    tmp_path: Path,
) -> None:
    user = make_local_user(sudo="nopasswd")
    root = _root_owned_dir(tmp_path / "root-owned")
    with _connect(user, remote_data_dir, root) as session:
        assert session.run("id -u", sudo=True).stdout.strip() == "0"
        assert session.docker_access().via == "sudo"
        assert session.docker.ping()
        session.write_file_atomic(f"{root}/config.json", b'{"revision": 1}')
        written = Path(root) / "config.json"
        assert written.read_bytes() == b'{"revision": 1}'
        assert (written.stat().st_uid, written.stat().st_mode & 0o777) == (0, 0o600)


def test_sudo_password_from_keyring(
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
    tmp_path: Path,
) -> None:
    password = "Sudo-" + os.urandom(6).hex()
    user = make_local_user(password=password, sudo="password")
    root = _root_owned_dir(tmp_path / "root-owned")
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    creds = CredentialStore(backend)

    with _connect(user, remote_data_dir, root) as session, pytest.raises(SudoRequired):
        session.run("true", sudo=True)

    wrong = dataclasses.replace(user, password="wrong-" + password)
    with (
        _connect(wrong, remote_data_dir, root, creds) as session,
        pytest.raises(SudoPasswordWrong),
    ):
        session.run("true", sudo=True)

    with _connect(user, remote_data_dir, root, creds) as session:
        # stdin still reaches the command after sudo consumed the password line.
        assert session.run("cat; id -u", sudo=True, stdin=b"payload\n").stdout == "payload\n0\n"
        assert session.docker_access().via == "sudo"
        assert session.docker.ping()
        assert len(session.docker.api.containers(limit=1)) <= 1
        session.write_file_atomic(f"{root}/state.json", b"{}")
        assert Path(root, "state.json").stat().st_uid == 0
        assert password not in session.run("ps -eo args", sudo=True).stdout  # never in argv


def test_server_without_docker_command(
    user_sshd: SshdServer,
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
    tmp_path: Path,
) -> None:
    # The user's PATH holds only `id`: to this login the server has no docker command.
    # (Outside pytest's temp tree, which is 0700: the test user must be able to reach it.)
    tools = Path(tempfile.mkdtemp(prefix="tools-without-docker-", dir=user_sshd.workdir))
    tools.chmod(0o755)
    (tools / "id").symlink_to("/usr/bin/id")
    user = make_local_user(docker_group=True, shell_setup=f"export PATH={tools}")
    with _connect(user, remote_data_dir, server_profile.install_root) as session:
        assert session.run("id -un").stdout.strip() == user.name
        with pytest.raises(DockerNotInstalled, match="not installed"):
            _ = session.docker
    # Root logins skip the probe and learn the API version from the first HTTP call; when that fails the
    # probe must still name the cause. (The profile says root only after login, to take that path.)
    with _connect(user, remote_data_dir, server_profile.install_root) as session:
        session.profile = dataclasses.replace(session.profile, user="root")
        assert session.docker_access_hint().api_version == ""
        with pytest.raises(DockerNotInstalled, match="not installed"):
            _ = session.docker


def test_docker_daemon_not_running(
    server_profile: ServerProfile,
    remote_data_dir: Path,
    make_local_user: Callable[..., LocalUser],
) -> None:
    # The docker CLI of this login talks to a socket nobody listens on, as with a stopped daemon.
    user = make_local_user(
        docker_group=True,
        shell_setup=f"export DOCKER_HOST=unix:///run/mtpm-test-nothing-{os.getpid()}/stopped.sock",
    )
    session = _connect(user, remote_data_dir, server_profile.install_root)
    with session, pytest.raises(DockerNotRunning, match="not running"):
        _ = session.docker
