"""The port-443 router for real: nginx (Debian's, from the test image) in front of real mtprotoproxy
containers, applied over the fixture sshd, probed with the product's FakeTLS link check.

The proxies here are started by the test itself (named ``mtg-proxy-{port}`` on the router's network, as
orchestration names them), so these tests pin down the router alone; tests/integration/test_port443_mode.py
drives the whole mode switch through the service layer.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docker
import docker.errors
import pytest
from docker.models.containers import Container

from mtpm_desktop.core.domains import domain_pool
from mtpm_desktop.core.faketls import build_client_hello
from mtpm_desktop.core.secret import new_secret, parse_secret
from mtpm_desktop.core.state import ServerState, User, new_state
from mtpm_desktop.remote.checks.faketls_probe import LinkStatus, probe_link
from mtpm_desktop.remote.port443.nginx import (
    NginxConfigError,
    NginxSpec,
    NginxStartError,
    SniRoute,
    apply_config_text,
    apply_nginx,
    find_nginx_container,
    render_nginx_config,
)
from mtpm_desktop.remote.port443.sni_mode import nginx_spec, nginx_target
from mtpm_desktop.remote.ssh.session import ServerSession
from tests.fixtures.docker_engine import DockerCleanup
from tests.fixtures.images import TestImages
from tests.fixtures.mtprotoproxy import (
    CONFIG_PATH_IN_CONTAINER,
    MTPROTOPROXY_COMMAND,
    outside_hosts,
    render_mtprotoproxy_config,
)
from tests.fixtures.ports import free_port

pytestmark = pytest.mark.integration

HOST = "127.0.0.1"
READY_TIMEOUT_S = 30.0

# A tiny TCP server (test image's python3): prints what the first client sends, hex-encoded, on one line.
# It reads a PROXY protocol v1 line if one comes first, then exactly one TLS record.
RECORDER = r"""
import socket, sys
port = int(sys.argv[1])
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("0.0.0.0", port))
srv.listen(16)
print("LISTENING", flush=True)
while True:
    conn, _ = srv.accept()
    conn.settimeout(10)
    data = b""
    def need(n):
        global data
        while len(data) < n:
            chunk = conn.recv(65536)
            if not chunk:
                raise EOFError
            data += chunk
    try:
        need(5)
        start = 0
        if data.startswith(b"PROXY "):
            while b"\r\n" not in data:
                need(len(data) + 1)
            start = data.index(b"\r\n") + 2
        need(start + 5)
        need(start + 5 + int.from_bytes(data[start + 3:start + 5], "big"))
    except (EOFError, OSError):
        pass
    print("GOT " + data.hex(), flush=True)
    conn.close()
"""


@dataclass
class RouterEnv:
    client: docker.DockerClient
    image: str
    labels: dict[str, str]
    network: str
    state: ServerState
    root: str
    helpers: list[Container] = field(default_factory=list)

    def run_helper(self, name: str, command: list[str], **kwargs: object) -> Container:
        container = self.client.containers.run(
            self.image, command, name=name, detach=True, labels=self.labels, network=self.network,
            dns=["127.0.0.1"], **kwargs,
        )  # fmt: skip
        self.helpers.append(container)
        return container


def _wait_log(container: Container, needle: str, timeout: float = READY_TIMEOUT_S) -> str:
    deadline = time.monotonic() + timeout
    while True:
        logs = bytes(container.logs()).decode(errors="replace")
        if needle in logs:
            return logs
        container.reload()
        if container.status not in ("created", "running") or time.monotonic() > deadline:
            raise AssertionError(
                f"{container.name} never printed {needle!r} ({container.status}): {logs[-2000:]}"
            )
        time.sleep(0.1)


def _wait_listening(container: Container, port: int) -> None:
    probe = f"import socket; socket.create_connection(('127.0.0.1', {port}), 1).close()"
    deadline = time.monotonic() + READY_TIMEOUT_S
    while container.exec_run(["python3", "-c", probe]).exit_code != 0:
        container.reload()
        logs = bytes(container.logs()).decode(errors="replace")
        assert container.status == "running", f"{container.name} exited: {logs[-2000:]}"
        assert time.monotonic() < deadline, f"{container.name} did not listen on {port}: {logs[-2000:]}"
        time.sleep(0.2)


def _start_proxy(env: RouterEnv, user: User) -> Container:
    """mtprotoproxy for one user, named and listening like orchestration's ``mtg-proxy-{port}``."""
    config = Path(env.root) / "test-proxies" / f"{user.port}.py"
    config.parent.mkdir(exist_ok=True)
    config.write_text(render_mtprotoproxy_config(user.secret, user.port))
    config.chmod(0o600)
    container = env.run_helper(
        f"mtg-proxy-{user.port}",
        MTPROTOPROXY_COMMAND,
        volumes={str(config): {"bind": CONFIG_PATH_IN_CONTAINER, "mode": "ro"}},
        extra_hosts=outside_hosts(user.domain),
    )
    _wait_listening(container, user.port)
    return container


def _unused_port() -> int:
    """A port for a container-internal listener; never the same twice in one run (names derive from it)."""
    while True:
        port = free_port()
        if port not in _USED_PORTS:
            _USED_PORTS.add(port)
            return port


_USED_PORTS: set[int] = set()


@pytest.fixture(scope="module")
def router_env(
    docker_engine: docker.DockerClient, docker_cleanup: DockerCleanup, test_images: TestImages,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RouterEnv]:  # fmt: skip
    """Three users with distinct pool domains, each with a running proxy on a private network."""
    state = new_state(server_ip=HOST)
    tag = secrets.token_hex(4)
    state.docker_network = f"mtpm-t443-{tag}"
    state.nginx_container_name = f"mtpm-nginx-t443-{tag}"
    state.nginx_image = test_images.nginx
    state.sni_listen_port = free_port()
    state.port_443_mode = True
    docker_cleanup.register_instance(state.instance_id)
    labels = {**docker_cleanup.labels, "mtpm.managed": "1", "mtpm.instance": state.instance_id}
    docker_engine.networks.create(state.docker_network, driver="bridge", labels=labels)
    root = tmp_path_factory.mktemp("opt-mtpm")
    env = RouterEnv(docker_engine, test_images.base, labels, state.docker_network, state, str(root))
    pool = domain_pool()
    for i, name in enumerate(("alice", "bob", "carol")):
        port = _unused_port()
        state.users.append(User(id=f"u-{name}", name=name, secret=new_secret(pool[i]), port=port))
    try:
        for user in state.users:
            _start_proxy(env, user)
        yield env
    finally:
        for container in env.helpers:
            with contextlib.suppress(docker.errors.NotFound):
                container.remove(force=True)
        # The router container and the network go with the session sweep (labelled with the instance).


def _apply(env: RouterEnv, session: ServerSession, spec: NginxSpec | None = None) -> None:
    target = nginx_target(env.state, env.root, publish_host=HOST, extra_labels=env.labels)
    apply_nginx(session, spec or nginx_spec(env.state), target)


def _probe(env: RouterEnv, secret: str) -> LinkStatus:
    return probe_link(HOST, env.state.sni_listen_port, secret, timeout=10).status


def _raw_hello(env: RouterEnv, domain: str) -> bytes:
    """Send a FakeTLS ClientHello for `domain` (random key) and return everything the router sends back."""
    hello = build_client_hello(os.urandom(16), domain, int(time.time())).data
    with socket.create_connection((HOST, env.state.sni_listen_port), timeout=10) as sock:
        sock.sendall(hello)
        sock.settimeout(15)
        received = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk


def test_three_users_behind_one_port_each_reaches_its_own_proxy(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    _apply(env, server_session)
    for user in env.state.users:
        assert _probe(env, user.secret) is LinkStatus.ACCEPTED, user.name
    # The proxies publish nothing: the only way in is the router's one port.
    for container in env.helpers:
        container.reload()
        assert not any(container.ports.values()), container.ports


def test_a_key_with_b_sni_is_routed_to_b_and_refused(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    _apply(env, server_session)
    alice, bob = env.state.users[0], env.state.users[1]
    # Alice's key in a secret naming Bob's domain: nginx routes by SNI to Bob's proxy, which refuses it.
    alice_key_bob_sni = "ee" + parse_secret(alice.secret).key.hex() + bob.domain.encode().hex()
    assert _probe(env, alice_key_bob_sni) is LinkStatus.REFUSED
    assert _probe(env, bob.secret) is LinkStatus.ACCEPTED


def test_unknown_sni_is_closed_without_a_byte(router_env: RouterEnv, server_session: ServerSession) -> None:
    env = router_env
    env.state.sni_decoy = ""
    _apply(env, server_session)
    assert _raw_hello(env, "unknown.example.com") == b""
    # A connection that is not TLS at all has no SNI either.
    with socket.create_connection((HOST, env.state.sni_listen_port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(15)
        assert sock.recv(100) == b""


def test_unknown_sni_goes_to_the_decoy_and_no_proxy(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    decoy_port = _unused_port()
    decoy = env.run_helper(f"t443-decoy-{secrets.token_hex(4)}", ["python3", "-c", RECORDER, str(decoy_port)])
    _wait_log(decoy, "LISTENING")
    proxies_before = {c.name: bytes(c.logs()) for c in env.helpers if c.name.startswith("mtg-proxy-")}
    env.state.sni_decoy = f"{decoy.name}:{decoy_port}"  # a host name: resolved by Docker's DNS at connect
    try:
        _apply(env, server_session)
        _raw_hello(env, "unknown.example.com")
        got = _wait_log(decoy, "GOT ")
    finally:
        env.state.sni_decoy = ""
    data = bytes.fromhex(got.split("GOT ", 1)[1].split()[0])
    # The decoy saw the untouched ClientHello (no PROXY header), naming the unknown domain.
    assert data[:1] == b"\x16" and b"unknown.example.com" in data
    # And no proxy container saw anything of it.
    for container in env.helpers:
        if container.name in proxies_before:
            assert bytes(container.logs()) == proxies_before[container.name], container.name


def test_broken_config_is_refused_and_the_old_one_keeps_serving(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    _apply(env, server_session)
    target = nginx_target(env.state, env.root, publish_host=HOST, extra_labels=env.labels)
    router = find_nginx_container(server_session, target)
    assert router is not None
    live = Path(target.live_conf_path)
    before = live.read_bytes()
    broken = render_nginx_config(nginx_spec(env.state)).replace(
        "ssl_preread on;", "ssl_preread on;\n        no_such_directive 1;"
    )
    with pytest.raises(NginxConfigError) as err:
        apply_config_text(server_session, broken, env.state.sni_listen_port, target)
    assert 'unknown directive "no_such_directive"' in err.value.message
    assert "old one keeps serving" in err.value.message
    assert live.read_bytes() == before
    assert sorted(p.name for p in live.parent.iterdir()) == ["nginx.conf"]  # the candidate is gone
    again = find_nginx_container(server_session, target)
    assert again is not None and again.id == router.id
    assert [c for c in env.client.containers.list(all=True, filters={"label": "mtpm.role=nginx-check"})
            if c.labels.get("mtpm.instance") == env.state.instance_id] == []  # fmt: skip
    for user in env.state.users:
        assert _probe(env, user.secret) is LinkStatus.ACCEPTED, user.name


def test_changed_routes_reload_without_recreating(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    _apply(env, server_session)
    target = nginx_target(env.state, env.root, publish_host=HOST, extra_labels=env.labels)
    router = find_nginx_container(server_session, target)
    assert router is not None
    carol = env.state.users[2]
    carol.enabled = False
    try:
        result = apply_nginx(server_session, nginx_spec(env.state), target)
        assert result.container_action == "reloaded"
        # Carol's route is gone at once (apply waits for the new workers), the others are untouched.
        assert _probe(env, carol.secret) is not LinkStatus.ACCEPTED
        for user in env.state.users[:2]:
            assert _probe(env, user.secret) is LinkStatus.ACCEPTED, user.name
    finally:
        carol.enabled = True
    assert apply_nginx(server_session, nginx_spec(env.state), target).container_action == "reloaded"
    assert apply_nginx(server_session, nginx_spec(env.state), target).container_action == "none"
    again = find_nginx_container(server_session, target)
    assert again is not None and again.id == router.id
    assert _probe(env, carol.secret) is LinkStatus.ACCEPTED


def test_proxy_protocol_header_reaches_the_proxy(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    port = _unused_port()
    recorder = env.run_helper(f"t443-pp-{secrets.token_hex(4)}", ["python3", "-c", RECORDER, str(port)])
    _wait_log(recorder, "LISTENING")
    spec = nginx_spec(env.state)
    spec = NginxSpec(
        listen_port=spec.listen_port,
        routes=(*spec.routes, SniRoute("pp.example.com", recorder.name, port)),
        proxy_protocol=True,
    )
    _apply(env, server_session, spec)
    _raw_hello(env, "pp.example.com")
    got = _wait_log(recorder, "GOT ")
    data = bytes.fromhex(got.split("GOT ", 1)[1].split()[0])
    header, _, tls = data.partition(b"\r\n")
    words = header.decode().split()
    # PROXY TCP4 <client> <nginx's address> <client port> <listen port>
    assert words[:2] == ["PROXY", "TCP4"] and len(words) == 6
    assert words[5] == str(env.state.sni_listen_port)
    assert tls[:1] == b"\x16" and b"pp.example.com" in tls


def test_new_listen_port_recreates_and_a_taken_port_keeps_the_old_router(
    router_env: RouterEnv, server_session: ServerSession
) -> None:
    env = router_env
    _apply(env, server_session)
    old_port = env.state.sni_listen_port
    alice = env.state.users[0]
    try:
        env.state.sni_listen_port = free_port()
        target = nginx_target(env.state, env.root, publish_host=HOST, extra_labels=env.labels)
        assert apply_nginx(server_session, nginx_spec(env.state), target).container_action == "recreated"
        assert _probe(env, alice.secret) is LinkStatus.ACCEPTED
        assert probe_link(HOST, old_port, alice.secret, timeout=3).status is LinkStatus.UNREACHABLE
        serving = find_nginx_container(server_session, target)
        assert serving is not None
        config_before = Path(target.live_conf_path).read_bytes()

        # A port another program holds: the new container cannot start, the old one serves again.
        with socket.socket() as squatter:
            squatter.bind((HOST, 0))
            squatter.listen()
            working_port = env.state.sni_listen_port
            env.state.sni_listen_port = squatter.getsockname()[1]
            with pytest.raises(NginxStartError) as err:
                apply_nginx(server_session, nginx_spec(env.state), target)
            env.state.sni_listen_port = working_port
        assert "sni_listen_port" in err.value.message and "serving again" in err.value.message
        back = find_nginx_container(server_session, target)
        assert back is not None and back.id == serving.id and back.name == env.state.nginx_container_name
        assert Path(target.live_conf_path).read_bytes() == config_before
        assert _probe(env, alice.secret) is LinkStatus.ACCEPTED
    finally:
        env.state.sni_listen_port = old_port
    _apply(env, server_session)
    assert _probe(env, alice.secret) is LinkStatus.ACCEPTED


def test_a_router_a_cut_create_left_behind_the_list_is_replaced(
    router_env: RouterEnv, server_session: ServerSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The router's create answered too late for the apply that made it: the next apply's list misses it
    (hidden here, the way the late create hides it), and its create meets the name. Ours: replaced."""
    from mtpm_desktop.remote.port443 import nginx

    env = router_env
    _apply(env, server_session)
    target = nginx_target(env.state, env.root, publish_host=HOST, extra_labels=env.labels)
    left = find_nginx_container(server_session, target)
    assert left is not None
    monkeypatch.setattr(nginx, "find_nginx_container", lambda _session, _target: None)
    result = apply_nginx(server_session, nginx_spec(env.state), target)
    monkeypatch.undo()
    assert result.container_action == "created"
    now = find_nginx_container(server_session, target)
    assert now is not None and now.id != left.id and now.name == env.state.nginx_container_name
    assert _probe(env, env.state.users[0].secret) is LinkStatus.ACCEPTED
