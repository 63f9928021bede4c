"""After user and port-443 changes the service keeps the server's firewall open for exactly the ports in use,
but only where mtpm opened it before (a firewall.json record exists).

State, containers and the record go through the real sshd and dockerd; the firewall commands run in a
private network namespace (`unshare -n`), so the host's own firewall is never touched.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from mtpm_desktop.core.state import state_to_dict
from mtpm_desktop.remote.proxies import firewall as fw
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.images import TestImages
from tests.fixtures.ports import free_port

pytestmark = pytest.mark.integration
HOST = "127.0.0.1"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


class NetnsFirewallShell:
    """Commands in one private network namespace; files (firewall.json) through the real session."""

    def __init__(self, pid: int, session: Any) -> None:
        self.pid = pid
        self.session = session

    def run(
        self, command: str, *, timeout: float = 60, check: bool = True, sudo: bool = False,
        stdin: bytes | None = None,
    ) -> Result:  # fmt: skip
        proc = subprocess.run(
            ["nsenter", "-t", str(self.pid), "-n", "sh", "-c", command],
            capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        if check and proc.returncode != 0:
            raise AssertionError(f"{command}: {proc.stderr}")
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def read_file(self, path: str) -> bytes:
        return bytes(self.session.read_file(path))

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None:
        self.session.write_file_atomic(path, data, mode)


@pytest.fixture
def netns_pid() -> Iterator[int]:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("iptables"):
        pytest.skip("needs root, unshare and iptables")
    proc = subprocess.Popen(["unshare", "-n", "sleep", "600"])
    try:
        for _ in range(200):  # unshare execs sleep once the namespace is the new one
            if os.readlink(f"/proc/{proc.pid}/ns/net") != os.readlink("/proc/self/ns/net"):
                break
            subprocess.run(["sleep", "0.01"], check=True)
        yield proc.pid
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def service(
    server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any, test_images: TestImages,
    netns_pid: int,
) -> ServerService:  # fmt: skip
    shell = NetnsFirewallShell(netns_pid, server_session)
    svc = ServerService(
        server_session, root=server_profile.install_root, engine=test_engine, router_publish_host=HOST,
        manage_agent=False, firewall_shell=shell,
    )  # fmt: skip
    svc.ensure_state()
    docker_cleanup.register_instance(svc.load_state().instance_id)
    tag = secrets.token_hex(5)
    for key, value in (
        ("server_ip", HOST),
        ("docker_network", f"mtpm-tfw-{tag}"),
        ("nginx_image", test_images.nginx),
        ("sni_listen_port", str(free_port())),
    ):
        svc.set_setting(key, value)
    state = svc.load_state()
    state.nginx_container_name = f"mtpm-nginx-{tag}"
    svc.store.commit(state_to_dict(state), state.revision)
    # A restrictive firewall (SSH only), as on many VPSes.
    shell.run("iptables -P INPUT DROP && iptables -A INPUT -p tcp --dport 22 -j ACCEPT")
    return svc


def _open_ports(service: ServerService) -> list[int]:
    rules = service.firewall_shell.run("iptables -S INPUT").stdout
    return sorted(
        int(line.split("--dport ")[1].split()[0]) for line in rules.splitlines() if "comment mtpm" in line
    )


def test_firewall_follows_users_only_where_mtpm_opened_it(service: ServerService) -> None:
    shell = service.firewall_shell
    p1, p2, p3 = free_port(), free_port(), free_port()
    service.add_user("alice", port=p1, domain="www.apple.com")
    # No record: mtpm never opened this firewall, so it is left alone.
    assert _open_ports(service) == []

    # What the bootstrap's firewall step does; from now on the firewall follows the users.
    fw.sync_firewall(shell, service.root, [p1])
    assert _open_ports(service) == [p1]
    service.add_user("bob", port=p2, domain="www.microsoft.com")
    assert _open_ports(service) == sorted([p1, p2])
    service.update_user("bob", port=p3)
    assert _open_ports(service) == sorted([p1, p3])
    service.remove_user("alice")
    assert _open_ports(service) == [p3]
    assert [r.port for r in fw.read_records(shell, service.root)] == [p3]

    sni_port = service.load_state().sni_listen_port
    on = service.set_setting("port_443_mode", "true")
    assert on.reconcile.ok, on.reconcile.errors
    assert _open_ports(service) == [sni_port]
    service.set_setting("port_443_mode", "false")
    assert _open_ports(service) == [p3]
    # The admin's own SSH rule was never touched.
    assert "--dport 22 -j ACCEPT" in shell.run("iptables -S INPUT").stdout
