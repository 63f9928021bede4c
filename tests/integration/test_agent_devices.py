"""Online, last seen, devices and the device limit: the agent against a real proxy published on the host.

A real mtprotoproxy container (the offline test image; it never dials out) is published on a host port like
a standard-mode user. Clients come from distinct source addresses by both paths the agent reads:
- network namespaces the test makes, on their own bridge: they reach the host's address on that bridge,
  which Docker DNATs to the container (the kernel's connection table);
- 127.0.0.x addresses: Docker's userland proxy accepts them (the host's socket table).
Each client completes a FakeTLS handshake with the user's secret and then holds its connection open.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docker
import pytest
from docker.models.containers import Container
from mtpm_desktop.remote_agent.devlimit import chain_name

from mtpm_desktop.core.secret import new_secret
from mtpm_desktop.remote.port443.nginx import NginxSpec, NginxTarget, apply_nginx, routes_for_users
from mtpm_desktop.remote.port443.nginx import _workers as nginx_workers
from tests.fixtures.images import TestImages
from tests.fixtures.mtprotoproxy import (
    CONFIG_PATH_IN_CONTAINER,
    CONTAINER_PORT,
    MTPROTOPROXY_COMMAND,
    outside_hosts,
    render_mtprotoproxy_config,
)
from tests.fixtures.ports import free_port
from tests.integration.agent_lab import REPO, AgentLab, lab_image, open_lab, poll_until

pytestmark = pytest.mark.integration

# A FakeTLS client: handshake, print the outcome, then hold the connection until stdin closes.
CLIENT = r"""
import socket, sys, time
from mtpm_desktop.core.faketls import build_client_hello, complete_reply, verify_server_reply
host, port, secret, source = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3]), sys.argv[4]
key, domain = secret[1:17], secret[17:].decode()
try:
    sock = socket.create_connection((host, port), timeout=10, source_address=(source, 0) if source else None)
    hello = build_client_hello(key, domain, int(time.time()))
    sock.sendall(hello.data)
    buf = b""
    while complete_reply(buf) is None:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("closed during the handshake")
        buf += chunk
    ok = verify_server_reply(key, hello.random, complete_reply(buf))
    print("ok" if ok else "bad-reply", flush=True)
except ConnectionRefusedError:
    print("refused", flush=True)  # the firewall's TCP reset (standard mode)
    sys.exit(0)
except (ConnectionResetError, ConnectionAbortedError, socket.timeout):
    print("closed", flush=True)  # accepted, then closed without a FakeTLS reply (nginx, port-443 mode)
    sys.exit(0)
sys.stdin.read()
sock.close()
"""


@dataclass
class Client:
    name: str
    ip: str
    proc: subprocess.Popen[str]
    outcome: str

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


@dataclass
class Namespaces:
    """Client network namespaces on a bridge of the test's own; `gateway` is the host's address on it."""

    names: dict[str, str]  # netns name -> its IPv4 address
    gateway: str


@pytest.fixture(scope="module")
def image(docker_engine: docker.DockerClient, test_run_id: str) -> Iterator[str]:
    yield from lab_image(docker_engine, {"mtpm.test-run": test_run_id})


@pytest.fixture
def lab(
    docker_engine: docker.DockerClient, image: str, tmp_path: Path, test_run_id: str
) -> Iterator[AgentLab]:
    with open_lab(docker_engine, image, tmp_path, test_run_id) as lab:
        try:
            yield lab
        finally:
            _drop_chain(lab.instance_id)


def _drop_chain(instance_id: str) -> None:
    """The agent removes its chains once no user is full; this is the fence if a test fails midway."""
    chain = chain_name(instance_id)
    local = ["-p", "tcp", "-m", "addrtype", "--dst-type", "LOCAL", "-j", chain]
    jumps = [
        ("filter", "INPUT", "-p", "tcp", "-j", chain),
        ("nat", "PREROUTING", *local),
        ("nat", "OUTPUT", *local),
    ]
    for tool in ("iptables", "ip6tables"):
        for table, builtin, *spec in jumps:
            while not subprocess.run(
                [tool, "-w", "-t", table, "-D", builtin, *spec], capture_output=True
            ).returncode:
                pass
        for table in ("filter", "nat"):
            subprocess.run([tool, "-w", "-t", table, "-F", chain], capture_output=True)
            subprocess.run([tool, "-w", "-t", table, "-X", chain], capture_output=True)


def _firewall_mentions(chain: str) -> bool:
    return any(
        chain in subprocess.run([tool, "-w", "-t", table, "-S"], capture_output=True, text=True).stdout
        for tool in ("iptables", "ip6tables")
        for table in ("filter", "nat")
    )


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


@pytest.fixture
def namespaces() -> Iterator[Namespaces]:
    tag = secrets.token_hex(3)
    bridge = f"mtb{tag}"
    used = subprocess.run(["ip", "-4", "route"], capture_output=True, text=True).stdout
    subnet = next(f"10.{a}.{b}" for a in (213, 214, 215) for b in range(1, 250) if f"10.{a}.{b}." not in used)
    names: dict[str, str] = {}
    _ip("link", "add", bridge, "type", "bridge")
    try:
        _ip("addr", "add", f"{subnet}.1/24", "dev", bridge)
        _ip("link", "set", bridge, "up")
        for i in range(4):
            ns = f"mtpmt-{tag}-{i}"
            _ip("netns", "add", ns)
            names[ns] = f"{subnet}.{i + 2}"
            _ip("link", "add", f"mtv{tag}{i}", "type", "veth", "peer", "name", f"mtp{tag}{i}")
            _ip("link", "set", f"mtp{tag}{i}", "netns", ns)
            _ip("link", "set", f"mtv{tag}{i}", "master", bridge, "up")
            _ip("-n", ns, "addr", "add", f"{subnet}.{i + 2}/24", "dev", f"mtp{tag}{i}")
            _ip("-n", ns, "link", "set", f"mtp{tag}{i}", "up")
            _ip("-n", ns, "link", "set", "lo", "up")
            _ip("-n", ns, "route", "add", "default", "via", f"{subnet}.1")
        yield Namespaces(names, f"{subnet}.1")
    finally:
        for ns in names:
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        subprocess.run(["ip", "link", "del", bridge], capture_output=True)


def _start_proxy(
    lab: AgentLab,
    test_images: TestImages,
    uid: str,
    port: int,
    secret_hex: str,
    *,
    behind_router: bool = False,
) -> None:
    """A real proxy labelled like mtpm's: a standard-mode user (published on 0.0.0.0:port), or one behind
    the port-443 router (named mtg-proxy-PORT on the lab's network and listening on PORT, not published)."""
    config_dir = Path(tempfile.mkdtemp(prefix="mtpm-devices-", dir=lab.root))
    inner = port if behind_router else CONTAINER_PORT
    config = render_mtprotoproxy_config(secret_hex, inner)
    # Clients hold their connection after the TLS handshake: give them minutes, not the default seconds.
    config = config.replace("CLIENT_HANDSHAKE_TIMEOUT = 3", "CLIENT_HANDSHAKE_TIMEOUT = 600")
    (config_dir / "config.py").write_text(config)
    domain = bytes.fromhex(secret_hex)[17:].decode()
    container = lab.client.containers.run(
        test_images.proxy,
        MTPROTOPROXY_COMMAND,
        detach=True,
        name=f"mtg-proxy-{port}-{lab.instance_id}"
        if behind_router
        else f"mtpm-devices-{lab.instance_id}-{port}",
        labels={
            **lab.run_labels,
            "mtpm.managed": "1",
            "mtpm.instance": lab.instance_id,
            "mtpm.role": "proxy",
            "mtpm.user-id": uid,
            "mtpm.port": str(port),
        },
        network=lab.network,
        # Behind the router: reached by the name nginx's routes use (an alias, so test runs never clash).
        networking_config={lab.network: lab.client.api.create_endpoint_config(aliases=[f"mtg-proxy-{port}"])}
        if behind_router
        else None,
        ports=None if behind_router else {f"{CONTAINER_PORT}/tcp": ("0.0.0.0", port)},
        volumes={str(config_dir / "config.py"): {"bind": CONFIG_PATH_IN_CONTAINER, "mode": "ro"}},
        dns=["127.0.0.1"],
        extra_hosts=outside_hosts(domain),
    )

    def listening() -> bool:
        probe = f"import socket; socket.create_connection(('127.0.0.1', {inner}), 1).close()"
        container.reload()
        return bool(
            container.status == "running" and container.exec_run(["python3", "-c", probe]).exit_code == 0
        )

    poll_until(listening, timeout=30, what="the proxy listening")


def _connect(name: str, ip: str, host: str, port: int, secret_hex: str, netns: str | None) -> Client:
    argv = [sys.executable, "-c", CLIENT, host, str(port), secret_hex, "" if netns else ip]
    if netns:
        argv = ["ip", "netns", "exec", netns, *argv]
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None
    outcome = proc.stdout.readline().strip()
    return Client(name, ip, proc, outcome)


def _user(lab: AgentLab, uid: str, now: str | None = None) -> dict[str, object]:
    extra = ["--now", now] if now else []
    users = {u["id"]: u for u in lab.agent("status", "--json", *extra)["users"]}
    return dict(users[uid])


def test_device_limit_refuses_a_third_ip_keeps_the_first_two_and_frees_places_after_the_window(
    lab: AgentLab, namespaces: Namespaces, test_images: TestImages
) -> None:
    port = free_port("0.0.0.0")
    secret_hex = new_secret("example.com")
    uid = "ud"
    lab.state["users"].append({"id": uid, "name": uid, "port": port, "enabled": True, "max_devices": 2})
    lab.save()
    _start_proxy(lab, test_images, uid, port, secret_hex)
    ns = list(namespaces.names.items())
    lab.poll()
    assert _user(lab, uid)["online"] is False

    # Two devices: one DNAT'd from a namespace, one through the userland proxy from 127.0.0.2.
    a = _connect("a", ns[0][1], namespaces.gateway, port, secret_hex, ns[0][0])
    b = _connect("b", "127.0.0.2", "127.0.0.1", port, secret_hex, None)
    assert (a.outcome, b.outcome) == ("ok", "ok")
    report = lab.poll()
    assert report["presence"][uid] == {"connections": 2, "devices_now": 2}
    st = _user(lab, uid)
    assert (st["online"], st["connections"], st["devices_now"], st["max_devices"]) == (True, 2, 2, 2)
    assert st["last_seen"] == report["at"]

    # Full: a third IP is refused by either path; the two open connections stay.
    c = _connect("c", ns[1][1], namespaces.gateway, port, secret_hex, ns[1][0])
    d = _connect("d", "127.0.0.3", "127.0.0.1", port, secret_hex, None)
    assert (c.outcome, d.outcome) == ("refused", "refused")
    # A known device may open another connection.
    a2 = _connect("a2", ns[0][1], namespaces.gateway, port, secret_hex, ns[0][0])
    assert a2.outcome == "ok"
    lab.poll()
    st = _user(lab, uid)
    assert (st["connections"], st["devices_now"], st["refused_connections"]) == (3, 2, 2)
    assert a.proc.poll() is None and b.proc.poll() is None
    assert _firewall_mentions(chain_name(lab.instance_id))

    listing = lab.agent("devices", "--user", uid)
    assert {(d["ip"], d["connections"]) for d in listing["devices"]} == {(ns[0][1], 2), ("127.0.0.2", 1)}

    for client in (a, a2, b):
        client.close()
    lab.poll()
    st = _user(lab, uid)
    assert (st["online"], st["connections"], st["devices_now"], st["devices_24h"]) == (False, 0, 0, 2)
    # Within the window the places stay taken.
    again = _connect("c", ns[1][1], namespaces.gateway, port, secret_hex, ns[1][0])
    assert again.outcome == "refused"

    # Past the window (the agent's clock moved on 11 minutes), a new IP is accepted.
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)).strftime("%Y-%m-%dT%H:%M:%SZ")
    lab.poll("--now", later)
    e = _connect("e", ns[2][1], namespaces.gateway, port, secret_hex, ns[2][0])
    assert e.outcome == "ok"
    lab.poll("--now", later)
    st = _user(lab, uid, later)
    assert (st["connections"], st["devices_now"], st["devices_24h"], st["devices_30d"]) == (1, 1, 3, 3)
    assert st["refused_connections"] == 3
    e.close()
    # No user is full any more: nothing of the agent's is left in the firewall.
    assert not _firewall_mentions(chain_name(lab.instance_id))


def test_last_seen_moves_with_traffic_and_stays_without(lab: AgentLab) -> None:
    lab.add_user("ut", 2443, metrics=True)
    lab.poll()
    assert _user(lab, "ut")["last_seen"] is None
    lab.push("ut", 100_000)
    first = lab.poll()["at"]
    assert _user(lab, "ut")["last_seen"] == first
    time.sleep(1.1)  # the report's times have whole seconds
    lab.poll()
    assert _user(lab, "ut")["last_seen"] == first  # no traffic, no connection: unchanged
    lab.pull("ut", 50_000)
    second = lab.poll()["at"]
    assert second != first and _user(lab, "ut")["last_seen"] == second


class LocalSession:
    """What apply_nginx uses of a server session, on this machine: its files and its dockerd."""

    def __init__(self, client: docker.DockerClient) -> None:
        self.docker = client

    def exists(self, path: str) -> bool:
        return os.path.exists(path)

    def read_file(self, path: str) -> bytes:
        return Path(path).read_bytes()

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None:
        tmp = Path(f"{path}.tmp-{secrets.token_hex(3)}")
        tmp.write_bytes(data)
        tmp.chmod(mode)
        os.replace(tmp, path)

    def makedirs(self, path: str, mode: int = 0o700) -> None:
        os.makedirs(path, mode=mode, exist_ok=True)

    def remove_file(self, path: str, *, missing_ok: bool = False) -> None:
        if missing_ok and not os.path.exists(path):
            return
        os.unlink(path)


def _accepting_workers(router: Container) -> set[str]:
    """nginx's worker pids that take new connections (not "shutting down" after a reload)."""
    return {pid for pid, cmd in (nginx_workers(router) or {}).items() if "shutting down" not in cmd}


def _wait_reload(router: Container, before: set[str]) -> None:
    """Until nginx's workers from before the agent's reload take no new connections and new ones do."""
    poll_until(
        lambda: (now := _accepting_workers(router)) and not now & before,
        timeout=30,
        what="nginx reloading the device limit",
    )


def test_port_443_mode_counts_devices_from_nginx_and_limits_them_in_nginx(
    lab: AgentLab, namespaces: Namespaces, test_images: TestImages
) -> None:
    uid = "ur"
    port = 20000 + secrets.randbelow(20000)  # the user's port, internal to the router's network
    secret_hex = new_secret("example.com")
    domain = bytes.fromhex(secret_hex)[17:].decode()
    _start_proxy(lab, test_images, uid, port, secret_hex, behind_router=True)
    listen = free_port("0.0.0.0")
    apply_nginx(
        LocalSession(lab.client),
        NginxSpec(listen_port=listen, routes=routes_for_users([(domain, port)])),
        NginxTarget(
            root=str(lab.root),
            instance_id=lab.instance_id,
            image=test_images.nginx,
            container_name=f"mtpm-nginx-{lab.instance_id}",
            network=lab.network,
            extra_labels=lab.run_labels,
        ),
    )
    router = lab.client.containers.get(f"mtpm-nginx-{lab.instance_id}")
    lab.state.update(port_443_mode=True, sni_listen_port=listen)
    lab.state["users"].append({"id": uid, "name": uid, "port": port, "enabled": True, "max_devices": 2})
    lab.save()
    limits = lab.root / "nginx" / "devlimit" / "limits.conf"
    (a_ns, a_ip), (b_ns, b_ip), (c_ns, c_ip), (e_ns, e_ip) = namespaces.names.items()

    def connect(name: str, ns: str, ip: str) -> Client:
        return _connect(name, ip, namespaces.gateway, listen, secret_hex, ns)

    def user_when(what: str, check: object, *extra: str) -> dict[str, object]:
        # nginx's lines reach the agent through Docker's log copier, a moment after they are written.
        def ready() -> dict[str, object] | None:
            lab.poll(*extra)
            st = _user(lab, uid, extra[1] if extra else None)
            return st if all(st[k] == v for k, v in check.items()) else None  # type: ignore[attr-defined]

        return dict(poll_until(ready, timeout=20, what=what))

    lab.poll()
    assert _user(lab, uid)["online"] is False and not limits.exists()

    a = connect("a", a_ns, a_ip)
    assert a.outcome == "ok"
    user_when("one device", {"online": True, "connections": 1, "devices_now": 1})
    assert not limits.exists()  # one place left: no rule
    b = connect("b", b_ns, b_ip)
    assert b.outcome == "ok"
    # Two IPs: the user is full, the agent writes nginx's rule and reloads it.
    before = _accepting_workers(router)
    st = user_when("two devices", {"connections": 2, "devices_now": 2, "max_devices": 2})
    _wait_reload(router, before)
    assert f'"{port} {a_ip}" $mtpm_backend;' in limits.read_text()
    assert st["last_seen"] is not None

    # A third IP is turned away by nginx; the two open connections stay through the reload.
    c = connect("c", c_ns, c_ip)
    assert c.outcome == "closed"
    a2 = connect("a2", a_ns, a_ip)  # a known device may open another connection
    assert a2.outcome == "ok"
    st = user_when("the refusal counted", {"connections": 3, "devices_now": 2, "refused_connections": 1})
    assert a.proc.poll() is None and b.proc.poll() is None
    listing = lab.agent("devices", "--user", uid)
    assert {(d["ip"], d["connections"]) for d in listing["devices"]} == {(a_ip, 2), (b_ip, 1)}
    report = lab.poll()
    assert report["presence"][uid] == {"connections": 3, "devices_now": 2}

    for client in (a, a2, b):
        client.close()
    user_when("everyone gone", {"online": False, "connections": 0, "devices_now": 0, "devices_24h": 2})
    assert connect("c", c_ns, c_ip).outcome == "closed"  # within the window the places stay taken

    # Past the window the rule goes (the agent's clock moved on 11 minutes) and a new IP is accepted.
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = _accepting_workers(router)
    lab.poll("--now", later)
    _wait_reload(router, before)
    assert not limits.exists()
    e = connect("e", e_ns, e_ip)
    assert e.outcome == "ok"
    st = user_when("the new device", {"connections": 1, "devices_now": 1}, "--now", later)
    assert (st["devices_24h"], st["devices_30d"], st["refused_connections"]) == (3, 3, 2)
    e.close()
