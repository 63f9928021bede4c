"""Uninstall removes the iptables chains the install keeps: the agent's device limit (MTPMD-…, with its
jumps first in INPUT and nat PREROUTING/OUTPUT) and client_mss's MTPM-MSS. Left behind, the device limit's
REJECT rules would go on refusing new clients of those ports after mtpm is gone.

The chains are written the way the product writes them, into a private network namespace (the host's
firewall is never touched): client_mss through the service, the device limit by the agent's own code.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from mtpm_desktop.remote_agent.devlimit import chain_name

from mtpm_desktop.remote.service import ServerService
from mtpm_desktop.remote.setup.bootstrap import run_steps
from mtpm_desktop.remote.setup.uninstall import UninstallContext, uninstall_steps
from tests.fixtures.ports import free_port
from tests.integration.test_client_mss import service  # noqa: F401  (the netns firewall fixture)
from tests.integration.test_firewall_follows_users import NetnsFirewallShell, netns_pid  # noqa: F401

pytestmark = pytest.mark.integration

# The agent's device limit in the namespace: one port full, one IP admitted, every other refused.
LIMIT = r"""
import sys
from mtpm_desktop.remote_agent.devlimit import DeviceFirewall, PortRule
result = DeviceFirewall(sys.argv[1], sys.argv[2]).apply([PortRule(int(sys.argv[3]), ("10.77.0.2",))])
sys.exit(1 if result.errors else 0)
"""


def _rules(shell: NetnsFirewallShell) -> str:
    return "\n".join(shell.run(f"{tool}-save").stdout for tool in ("iptables", "ip6tables"))


def test_uninstall_removes_the_device_limit_and_mss_chains(
    service: ServerService,  # noqa: F811
    server_profile: Any,
    netns_pid: int,  # noqa: F811
    tmp_path: Any,
) -> None:
    shell = service.firewall_shell
    assert isinstance(shell, NetnsFirewallShell)
    port = free_port()
    service.add_user("anna", port=port)
    service.set_setting("client_mss", "92")
    instance = service.load_state().instance_id
    args = [str(tmp_path), instance, str(port)]
    limit = subprocess.run(
        ["nsenter", "-t", str(netns_pid), "-n", sys.executable, "-c", LIMIT, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert limit.returncode == 0, limit.stderr
    chain = chain_name(instance)
    before = _rules(shell)
    assert f"-A INPUT -p tcp -j {chain}" in before and "-j MTPM-MSS" in before, before

    def uninstall() -> Any:
        ctx = UninstallContext(service.session, server_profile.install_root, firewall_shell=shell)
        return run_steps(uninstall_steps(), ctx)

    removal = uninstall()
    assert removal.ok, removal.to_json()
    assert "chains" in [r.name for r in removal.results if r.changed], removal.to_json()
    after = _rules(shell)
    assert chain not in after and "MTPM-MSS" not in after, after
    # No rule is left, not even a jump: the namespace's firewall holds only its built-in chains again.
    assert "-A " not in after, after

    again = uninstall()
    assert again.ok and not again.changed, again.to_json()
