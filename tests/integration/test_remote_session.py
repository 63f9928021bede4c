"""One session, against the fixture sshd and the real dockerd: exec, SFTP, Docker API, reconnects."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import docker
import pytest

from mtpm_desktop.remote.errors import (
    CommandFailed,
    CommandTimeout,
    ConnectionLost,
    RemoteFileNotFound,
)
from mtpm_desktop.remote.ssh.docker_transport import SessionDockerAdapter, channels_opened
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import ServerSession, connect
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.images import TestImages
from tests.fixtures.sshd import SshdServer

pytestmark = pytest.mark.integration


def poll_until(predicate: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def kill_server_side(session: ServerSession, sshd: SshdServer) -> None:
    """SIGKILL the sshd processes holding this session's TCP connection (the server end drops)."""
    client_port = session.transport.sock.getsockname()[1]  # type: ignore[union-attr]
    out = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{sshd.port} and dport = :{client_port} )"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pids = {int(p) for p in re.findall(r"pid=(\d+)", out)}
    assert pids, f"no sshd process found for client port {client_port}: {out!r}"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


# --- exec -------------------------------------------------------------------------------------------


def test_run_returns_exit_code_stdout_stderr_and_takes_stdin(server_session: ServerSession) -> None:
    result = server_session.run("cat; echo to-err >&2; exit 3", check=False, stdin=b"from stdin\n")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "from stdin\n", "to-err\n")
    with pytest.raises(CommandFailed) as failed:
        server_session.run("echo boom >&2; exit 7")
    assert failed.value.exit_code == 7
    assert failed.value.stderr == "boom\n"
    assert "boom" in failed.value.message
    big = server_session.run("head -c 3000000 /dev/zero | tr '\\0' x; head -c 200000 /dev/zero >&2")
    assert len(big.stdout) == 3_000_000
    assert len(big.stderr) == 200_000


def test_run_timeout(server_session: ServerSession) -> None:
    with pytest.raises(CommandTimeout):
        server_session.run("sleep 30", timeout=0.5)
    assert server_session.run("echo still-usable").stdout == "still-usable\n"


# --- SFTP -------------------------------------------------------------------------------------------


def test_file_operations(server_session: ServerSession, server_profile: ServerProfile) -> None:
    root = server_profile.install_root
    server_session.makedirs(f"{root}/proxies/deep")
    assert Path(f"{root}/proxies/deep").stat().st_mode & 0o777 == 0o700
    target = f"{root}/proxies/deep/config.toml"
    assert not server_session.exists(target)
    with pytest.raises(RemoteFileNotFound):
        server_session.read_file(target)
    server_session.write_file_atomic(target, b"secret = 1\n")
    assert server_session.read_file(target) == b"secret = 1\n"
    assert Path(target).stat().st_mode & 0o777 == 0o600
    server_session.write_file_atomic(target, b"public\n", mode=0o644)
    assert Path(target).stat().st_mode & 0o777 == 0o644
    assert server_session.listdir(f"{root}/proxies/deep") == ["config.toml"]  # no temp files left
    server_session.remove_file(target)
    assert not server_session.exists(target)
    with pytest.raises(RemoteFileNotFound):
        server_session.remove_file(target)
    server_session.remove_file(target, missing_ok=True)


def test_atomic_write_never_shows_a_partial_file(
    server_session: ServerSession, server_profile: ServerProfile
) -> None:
    # The fixture sshd runs on this machine, so the test reads the "remote" file directly while the
    # session replaces it over and over.
    size = 1 << 20
    contents = [bytes([65 + i]) * size for i in range(4)]
    target = Path(server_profile.install_root) / "config.json"
    server_session.write_file_atomic(str(target), contents[0])
    seen: set[bytes] = set()
    bad: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            data = target.read_bytes()
            if data in contents:
                seen.add(data[:1])
            else:
                bad.append(len(data))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(24):
            server_session.write_file_atomic(str(target), contents[i % 4])
    finally:
        stop.set()
        thread.join()
    assert bad == []
    assert len(seen) > 1  # the reader really observed replacements


# --- Docker -------------------------------------------------------------------------------------------


def test_docker_create_inspect_logs_remove(
    server_session: ServerSession, test_images: TestImages, docker_cleanup: DockerCleanup
) -> None:
    client = server_session.docker
    container = client.containers.create(
        test_images.base,
        ["sh", "-c", "echo hello-from-mtpm; echo err-line >&2"],
        labels=docker_cleanup.labels,
    )
    try:
        inspected = client.api.inspect_container(container.id)
        assert docker_cleanup.labels.items() <= inspected["Config"]["Labels"].items()
        container.start()
        assert container.wait(timeout=60)["StatusCode"] == 0
        assert container.logs(stdout=True, stderr=False) == b"hello-from-mtpm\n"
        assert container.logs(stdout=False, stderr=True) == b"err-line\n"
        streamed = b"".join(container.logs(stream=True))
        assert b"hello-from-mtpm" in streamed
    finally:
        container.remove(force=True)
    with pytest.raises(docker.errors.NotFound):
        client.containers.get(container.id)


def test_twenty_docker_calls_reuse_one_channel(server_session: ServerSession) -> None:
    client = server_session.docker
    before = channels_opened(client)
    for _ in range(20):
        client.api.containers(limit=1)  # one request each (containers.list() also inspects)
    assert channels_opened(client) - before <= 1


# --- dropped connections ----------------------------------------------------------------------------


def test_killed_connection_during_exec_raises_connection_lost_then_reconnects(
    server_session: ServerSession, sshd_server: SshdServer, tmp_path: Path
) -> None:
    started = tmp_path / "started"
    outcome: list[BaseException | None] = []

    def call() -> None:
        try:
            server_session.run(f"touch {started}; sleep 60", timeout=120)
            outcome.append(None)
        except BaseException as exc:  # the assertion below inspects it
            outcome.append(exc)

    thread = threading.Thread(target=call)
    thread.start()
    poll_until(started.exists, what="the remote command to start")
    generation = server_session.generation
    kill_server_side(server_session, sshd_server)
    thread.join(timeout=60)
    assert len(outcome) == 1 and isinstance(outcome[0], ConnectionLost), outcome
    assert server_session.run("echo back").stdout == "back\n"
    assert server_session.generation == generation + 1


def test_killed_connection_during_docker_call_raises_connection_lost_then_reconnects(
    server_session: ServerSession,
    sshd_server: SshdServer,
    test_images: TestImages,
    docker_cleanup: DockerCleanup,
) -> None:
    client = server_session.docker
    container = client.containers.run(
        test_images.base, ["sleep", "300"], detach=True, labels=docker_cleanup.labels
    )
    try:
        adapter = client.api._custom_adapter
        assert isinstance(adapter, SessionDockerAdapter)
        requests_before = adapter._pool.num_requests
        outcome: list[BaseException | None] = []

        def call() -> None:
            try:
                client.api.wait(container.id)
                outcome.append(None)
            except BaseException as exc:  # inspected below
                outcome.append(exc)

        thread = threading.Thread(target=call)
        thread.start()
        poll_until(lambda: adapter._pool.num_requests > requests_before, what="the wait request to be sent")
        kill_server_side(server_session, sshd_server)
        thread.join(timeout=60)
        assert len(outcome) == 1 and isinstance(outcome[0], ConnectionLost), outcome
        # The next Docker call reconnects by itself.
        assert client.containers.get(container.id).status == "running"
    finally:
        container.remove(force=True)


# --- jump host ----------------------------------------------------------------------------------------


def test_jump_host(server_profile: ServerProfile, remote_data_dir: Path, sshd_server: SshdServer) -> None:
    profile = ServerProfile(
        **{
            **server_profile.__dict__,
            "name": "via-jump",
            "jump_host": f"root@{sshd_server.host}:{sshd_server.port}",
        }
    )
    with connect(profile, data_dir=remote_data_dir) as session:
        assert session.run("echo through-the-jump").stdout == "through-the-jump\n"
        assert session._link is not None and session._link.jump is not None


def test_closed_session_does_not_reconnect_until_opened(server_session: ServerSession) -> None:
    server_session.close()
    with pytest.raises(ConnectionLost, match="closed"):
        server_session.run("true")
    server_session.open()
    assert server_session.run("echo reopened").stdout == "reopened\n"
