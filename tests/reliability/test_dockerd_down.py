"""The server's dockerd dies in the middle of an operation: a typed error (or a report naming the failure),
never another exception, and one reconcile after the daemon is back converges.

The shared dockerd of this machine is never touched: the test starts a private dockerd (its own data root,
exec root, pid file and socket; no default bridge, no iptables) and a private sshd whose sessions get
DOCKER_HOST pointing at it, so the product's ordinary `docker` calls on "the server" reach that daemon.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import connect
from tests.fixtures.faults import EnvSshd, PrivateDockerd
from tests.fixtures.ports import free_port
from tests.fixtures.remote import pin_fixture_host_key

pytestmark = pytest.mark.integration


@pytest.fixture
def private_dockerd(test_images: Any) -> Iterator[PrivateDockerd]:
    # A short path: the daemon's and its containerd's unix sockets must fit in 108 bytes.
    workdir = Path(tempfile.mkdtemp(prefix="mtpm-pd-", dir="/tmp"))
    daemon = PrivateDockerd(workdir)
    daemon.start()
    try:
        # The test engine's image, copied from the shared engine (no registry on this machine).
        save = subprocess.run(["docker", "save", test_images.proxy], capture_output=True, check=True)
        daemon.docker("load", input=save.stdout)
        yield daemon
    finally:
        daemon.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def env_sshd(private_dockerd: PrivateDockerd) -> Iterator[EnvSshd]:
    workdir = Path(tempfile.mkdtemp(prefix="mtpm-envsshd-"))
    server = EnvSshd(workdir, {"DOCKER_HOST": private_dockerd.host})
    server.setup()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _running(daemon: PrivateDockerd) -> set[str]:
    return set(daemon.docker("ps", "--format", "{{.Names}}").split())


def test_dockerd_killed_mid_add_then_recovers(
    private_dockerd: PrivateDockerd,
    env_sshd: EnvSshd,
    remote_data_dir: Path,
    tmp_path: Path,
    test_engine: Any,
) -> None:
    pin_fixture_host_key(remote_data_dir, env_sshd)
    root = tmp_path / "opt-mtpm"
    root.mkdir()
    profile = ServerProfile(
        name="private-docker",
        host=env_sshd.host,
        port=env_sshd.port,
        user="root",
        auth="key",
        key_path=str(env_sshd.root_key_path),
        install_root=str(root),
    )
    with connect(profile, data_dir=remote_data_dir) as session:
        service = ServerService(session, root=str(root), engine=test_engine, manage_agent=False)
        service.ensure_state()
        service.set_setting("server_ip", "127.0.0.1")
        first = service.add_user("anna", port=free_port())
        assert first.reconcile.ok, first.reconcile.errors
        assert first.user is not None
        assert _running(private_dockerd) == {f"mtg-proxy-{first.user.port}"}

        # Kill the daemon right when the new container is about to be created.
        def progress(message: str) -> None:
            if message.startswith("creating"):
                private_dockerd.kill()

        boris_port = free_port()
        try:
            result = service.add_user("boris", port=boris_port, progress=progress)
        except MtpmError as exc:
            outcome = exc.message
        else:
            assert not result.reconcile.ok, "the container cannot have been created"
            outcome = "; ".join(r.error or "" for r in result.reconcile.errors)
        assert outcome
        # While it is down, every Docker-touching call is a typed error too.
        with pytest.raises(MtpmError):
            service.reconcile()
        # The state was saved before the daemon died: boris is not lost, his container comes with recovery.
        assert {u.name for u in service.load_state().users} == {"anna", "boris"}

        private_dockerd.start()
        report = service.reconcile()
        assert report.ok, report.errors
        assert service.reconcile().changed == []
        assert _running(private_dockerd) == {f"mtg-proxy-{first.user.port}", f"mtg-proxy-{boris_port}"}
        assert {u.name for u in service.load_state().users} == {"anna", "boris"}
