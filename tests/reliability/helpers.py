"""Shared pieces of the reliability suite: a ServerService reached through a `CutRelay`, and the invariants
checked after every injected fault."""

from __future__ import annotations

import json
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docker
import pytest

from mtpm_desktop.core.state import ServerState, load_state, state_to_dict
from mtpm_desktop.remote.proxies.reconcile import LABEL_INSTANCE, LABEL_ROLE, LABEL_USER
from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.ssh.hostkeys import HostKeyStore
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.remote.ssh.session import ServerSession, connect
from tests.fixtures.faults import CutRelay
from tests.fixtures.remote import public_key_from_line
from tests.fixtures.sshd import SshdServer

HOST = "127.0.0.1"


@dataclass
class RelayedServer:
    relay: CutRelay
    session: ServerSession
    service: ServerService
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / "config.json"


@pytest.fixture
def relayed(
    sshd_server: SshdServer,
    remote_data_dir: Path,
    tmp_path: Path,
    test_engine: Any,
    docker_cleanup: Any,
    test_images: Any,
) -> Iterator[RelayedServer]:
    """A fresh install reached through a CutRelay in front of the fixture sshd (host key pinned for the
    relay's address), with its own Docker network, router name and SNI port, links on 127.0.0.1."""
    from tests.fixtures.ports import free_port

    relay = CutRelay(sshd_server.host, sshd_server.port)
    HostKeyStore.for_data_dir(remote_data_dir, use_user_known_hosts=False).pin(
        relay.host, relay.port, public_key_from_line(sshd_server.host_public_key_line)
    )
    root = tmp_path / "opt-mtpm"
    root.mkdir(mode=0o755)
    profile = ServerProfile(
        name="relayed",
        host=relay.host,
        port=relay.port,
        user="root",
        auth="key",
        key_path=str(sshd_server.root_key_path),
        install_root=str(root),
    )
    session = connect(profile, data_dir=remote_data_dir)
    service = ServerService(
        session, root=str(root), engine=test_engine, manage_agent=False, router_publish_host=HOST
    )
    service.ensure_state()
    docker_cleanup.register_instance(service.load_state().instance_id)
    tag = secrets.token_hex(5)
    for key, value in (
        ("server_ip", HOST),
        ("docker_network", f"mtpm-rel-{tag}"),
        ("nginx_image", test_images.nginx),
        ("sni_listen_port", str(free_port())),
    ):
        service.set_setting(key, value)
    state = service.load_state()
    state.nginx_container_name = f"mtpm-nginx-rel-{tag}"
    service.store.commit(state_to_dict(state), state.revision)
    try:
        yield RelayedServer(relay, session, service, root)
    finally:
        session.close()
        relay.close()


def read_state(path: Path) -> ServerState:
    """config.json must be one complete JSON document the core loads without an unfixed problem."""
    text = path.read_text()
    json.loads(text)
    result = load_state(text)
    assert not [p for p in result.problems if not p.fixed], result.problems
    return result.state


def proxy_containers(client: docker.DockerClient, instance_id: str) -> list[Any]:
    return client.containers.list(  # type: ignore[no-any-return]
        all=True, filters={"label": [f"{LABEL_INSTANCE}={instance_id}", f"{LABEL_ROLE}=proxy"]}
    )


def assert_converged(server: RelayedServer, client: docker.DockerClient) -> ServerState:
    """One reconcile converges: a second one changes nothing; one container per user, none other."""
    first = server.service.reconcile()
    assert first.ok, first.errors
    second = server.service.reconcile()
    assert second.changed == [], [(r.name, r.action) for r in second.changed]
    state = read_state(server.config_path)
    containers = proxy_containers(client, state.instance_id)
    per_user = Counter(c.labels.get(LABEL_USER) for c in containers)
    assert all(n == 1 for n in per_user.values()), f"duplicate containers: {per_user}"
    assert set(per_user) == {u.id for u in state.users}, "orphan or missing container"
    for c in containers:
        user = state.user_by_id(c.labels[LABEL_USER])
        assert user is not None
        assert (c.status == "running") == user.enabled, (user.name, c.status)
    return state
