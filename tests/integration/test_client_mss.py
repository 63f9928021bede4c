"""client_mss: the SYN-ACKs of the client-facing ports carry the clamped MSS, and nothing is left when off.

The rules are written through the service into a private network namespace (the host's firewall is never
touched); a listener on the user's port and a raw packet socket in that namespace capture a real SYN-ACK
and read its MSS option.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from mtpm_desktop.remote.checks.doctor import run_doctor
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.ports import free_port
from tests.integration.orchestration_helpers import new_service
from tests.integration.test_firewall_follows_users import NetnsFirewallShell, netns_pid  # noqa: F401

pytestmark = pytest.mark.integration

# In the namespace: listen on PORT, capture on lo while connecting, print the SYN-ACK's MSS option.
CAPTURE = r"""
import socket, struct, sys
port = int(sys.argv[1])
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port)); server.listen()
raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800)); raw.bind(("lo", 0))
raw.settimeout(5)
client = socket.create_connection(("127.0.0.1", port), timeout=5)
while True:
    frame = raw.recv(65535)
    ip = frame[14:]
    if ip[9] != 6:
        continue
    tcp = ip[(ip[0] & 15) * 4:]
    sport, flags, offset = struct.unpack(">H", tcp[0:2])[0], tcp[13], (tcp[12] >> 4) * 4
    if sport != port or flags & 0x12 != 0x12:
        continue
    options, i = tcp[20:offset], 0
    while i < len(options) and options[i] != 0:
        if options[i] == 1:
            i += 1
            continue
        if options[i] == 2:
            print(struct.unpack(">H", options[i + 2:i + 4])[0])
            sys.exit(0)
        i += options[i + 1]
    print("none")
    sys.exit(0)
"""


@pytest.fixture
def service(
    server_session: Any,
    server_profile: Any,
    test_engine: Any,
    docker_cleanup: Any,
    netns_pid: int,  # noqa: F811
) -> ServerService:
    svc = new_service(server_session, server_profile, test_engine, docker_cleanup)
    svc.firewall_shell = NetnsFirewallShell(netns_pid, server_session)
    svc.firewall_shell.run("ip link set lo up")
    return svc


def _syn_ack_mss(netns_pid: int, port: int) -> str:  # noqa: F811
    out = subprocess.run(
        ["nsenter", "-t", str(netns_pid), "-n", sys.executable, "-c", CAPTURE, str(port)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return out.stdout.strip()


def test_client_mss_clamps_the_syn_ack_and_off_removes_every_rule(
    service: ServerService,
    netns_pid: int,  # noqa: F811
) -> None:
    port = free_port()
    service.add_user("anna", port=port)
    assert int(_syn_ack_mss(netns_pid, port)) > 1000  # loopback's own MSS before

    result = service.set_setting("client_mss", "92")
    assert result.notes == [], result.notes
    assert _syn_ack_mss(netns_pid, port) == "92"
    service.reconcile()  # a reconcile keeps exactly the same rules
    rules = service.firewall_shell.run("iptables -t mangle -S").stdout
    assert rules.count("--set-mss 92") == 1 and "-A POSTROUTING -j MTPM-MSS" in rules
    # A rule lost (a reboot without saved rules, a flush by hand) comes back at the next reconcile.
    service.firewall_shell.run("iptables -t mangle -F MTPM-MSS")
    service.reconcile()
    assert _syn_ack_mss(netns_pid, port) == "92"

    # The doctor sees the rules gone (and says how to get them back), then in place again.
    service.firewall_shell.run("iptables -t mangle -F MTPM-MSS")
    lost = next(c for c in run_doctor(service).checks if c.id == "mss")
    assert not lost.ok and "mtpm reconcile" in lost.fix
    service.reconcile()
    assert next(c for c in run_doctor(service).checks if c.id == "mss").ok

    service.set_setting("client_mss", "off")
    assert int(_syn_ack_mss(netns_pid, port)) > 1000
    for tool in ("iptables", "ip6tables"):
        assert "MTPM-MSS" not in service.firewall_shell.run(f"{tool} -t mangle -S").stdout


def _mangle(service: ServerService) -> str:
    return "\n".join(
        service.firewall_shell.run(f"{t} -t mangle -S").stdout for t in ("iptables", "ip6tables")
    )


def _until(check: Any, what: str) -> None:
    for _ in range(200):  # the agent polls every 0.1 s here: a few polls at most
        if check():
            return
        subprocess.run(["sleep", "0.05"], check=True)
    raise AssertionError(what)


def test_the_agent_puts_the_rules_back_at_boot_and_off_leaves_nothing(
    service: ServerService,
    server_profile: Any,
    netns_pid: int,  # noqa: F811
) -> None:
    port = free_port()
    service.add_user("anna", port=port)
    service.set_setting("client_mss", "92")
    assert _syn_ack_mss(netns_pid, port) == "92"
    # A reboot on a host that does not restore iptables rules: the chain and its jump are gone.
    for tool in ("iptables", "ip6tables"):
        service.firewall_shell.run(
            f"{tool} -t mangle -D POSTROUTING -j MTPM-MSS && {tool} -t mangle -F MTPM-MSS && "
            f"{tool} -t mangle -X MTPM-MSS"
        )
    assert "MTPM-MSS" not in _mangle(service)
    assert int(_syn_ack_mss(netns_pid, port)) > 1000

    # The agent's service loop as it starts at boot (in the namespace), without any reconcile.
    with _agent(netns_pid, server_profile.install_root) as log:
        _until(lambda: _mangle(service).count("--set-mss 92") == 2, "the agent did not restore the rules")
        assert _syn_ack_mss(netns_pid, port) == "92"
        for tool in ("iptables", "ip6tables"):
            assert service.firewall_shell.run(f"{tool} -t mangle -C POSTROUTING -j MTPM-MSS").exit_code == 0
        # off: the desktop removes the rules and the file.
        service.set_setting("client_mss", "off")
        assert "MTPM-MSS" not in _mangle(service)
    assert "client_mss: iptables MTPM-MSS restored" in log[0], log[0]

    # A stale chain and jump (a rules file restored at boot from before off): the agent, booting without
    # mss.json, removes them. (A running agent does the same within a minute; a boot does it at once.)
    for tool in ("iptables", "ip6tables"):
        service.firewall_shell.run(
            f"{tool} -t mangle -N MTPM-MSS && {tool} -t mangle -I POSTROUTING -j MTPM-MSS"
        )
    with _agent(netns_pid, server_profile.install_root) as log:
        _until(lambda: "MTPM-MSS" not in _mangle(service), "the agent left MTPM-MSS behind after off")
        assert int(_syn_ack_mss(netns_pid, port)) > 1000
    assert "client_mss: iptables MTPM-MSS removed" in log[0], log[0]


@contextlib.contextmanager
def _agent(netns_pid: int, root: str) -> Iterator[list[str]]:  # noqa: F811
    """The agent's service loop in the namespace; yields a list that holds its stderr once it stopped."""
    log: list[str] = []
    agent = subprocess.Popen(
        ["nsenter", "-t", str(netns_pid), "-n", sys.executable, "-m", "mtpm_desktop.remote_agent", "run",
         "--root", root, "--interval", "0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        yield log
    finally:
        agent.terminate()
        log.append(agent.communicate(timeout=10)[1])
