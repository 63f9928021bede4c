"""Firewall detection, rule commands and the record of what mtpm added.

The iptables and nftables paths run for real inside a private network namespace (`unshare -n`), so the
host's firewall is never touched; ufw and firewalld (not installed here) are checked on their command text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mtpm_desktop.remote.errors import RemoteFileNotFound
from mtpm_desktop.remote.proxies import firewall as fw
from mtpm_desktop.remote.proxies.firewall import Backend, FirewallPlan, FirewallRule

pytestmark = pytest.mark.unit


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


class NetnsShell:
    """Runs commands inside one private network namespace; files live in a temp dir."""

    def __init__(self, pid: int, files: Path) -> None:
        self.pid = pid
        self.files = files

    def run(
        self,
        command: str,
        *,
        timeout: float = 60,
        check: bool = True,
        sudo: bool = False,
        stdin: bytes | None = None,
    ) -> Result:
        proc = subprocess.run(
            ["nsenter", "-t", str(self.pid), "-n", "sh", "-c", command],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"{command}: {proc.stderr}")
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def _local(self, path: str) -> Path:
        return self.files / path.lstrip("/")

    def read_file(self, path: str) -> bytes:
        local = self._local(path)
        if not local.exists():
            raise RemoteFileNotFound(f"{path} does not exist", path=path)
        return local.read_bytes()

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None:
        local = self._local(path)
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_name(local.name + ".tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, mode)
        tmp.replace(local)


@pytest.fixture
def netns(tmp_path: Path) -> Iterator[NetnsShell]:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("iptables"):
        pytest.skip("needs root, unshare and iptables")
    proc = subprocess.Popen(["unshare", "-n", "sleep", "600"])
    try:
        shell = NetnsShell(proc.pid, tmp_path)
        # Wait until the namespace is the new one (unshare execs sleep after switching).
        for _ in range(200):
            if os.readlink(f"/proc/{proc.pid}/ns/net") != os.readlink("/proc/self/ns/net"):
                break
            subprocess.run(["sleep", "0.01"], check=True)
        yield shell
    finally:
        proc.kill()
        proc.wait()


ROOT = "/opt/mtpm-test"


def iptables_rules(shell: NetnsShell) -> str:
    return shell.run("iptables -S INPUT").stdout


def test_no_active_firewall_means_nothing_to_do(netns: NetnsShell) -> None:
    assert fw.detect(netns) is None
    assert fw.sync_firewall(netns, ROOT, [2443]) is False
    assert fw.read_records(netns, ROOT) == []


def test_iptables_open_is_recorded_idempotent_and_removed_exactly(netns: NetnsShell) -> None:
    netns.run("iptables -P INPUT DROP && iptables -A INPUT -p tcp --dport 22 -j ACCEPT")
    plan = fw.detect(netns)
    assert plan == FirewallPlan(Backend.IPTABLES, ("iptables",))
    lines: list[str] = []
    assert fw.sync_firewall(netns, ROOT, [2443, 2444], lines.append) is True
    rules = iptables_rules(netns)
    assert "--dport 2443 -m comment --comment mtpm -j ACCEPT" in rules
    assert "--dport 2444 -m comment --comment mtpm -j ACCEPT" in rules
    assert lines == ["opening 2443/tcp (iptables iptables)", "opening 2444/tcp (iptables iptables)"]
    assert [r.port for r in fw.read_records(netns, ROOT)] == [2443, 2444]

    # Second run: nothing to do.
    assert fw.sync_firewall(netns, ROOT, [2443, 2444]) is False
    assert iptables_rules(netns).count("comment mtpm") == 2

    # A port no longer used is closed; the admin's SSH rule stays.
    assert fw.sync_firewall(netns, ROOT, [2443]) is True
    rules = iptables_rules(netns)
    assert "2444" not in rules and "--dport 2443" in rules and "--dport 22 -j ACCEPT" in rules

    # A recorded rule deleted by hand comes back.
    netns.run("iptables -D INPUT -p tcp --dport 2443 -m comment --comment mtpm -j ACCEPT")
    assert fw.sync_firewall(netns, ROOT, [2443]) is True
    assert "--dport 2443" in iptables_rules(netns)

    assert fw.remove_recorded(netns, ROOT) == 1
    rules = iptables_rules(netns)
    assert "mtpm" not in rules and "--dport 22 -j ACCEPT" in rules and "-P INPUT DROP" in rules
    assert fw.read_records(netns, ROOT) == []


def test_nftables_chain_outside_iptables_tables(netns: NetnsShell) -> None:
    netns.run(
        "nft add table inet filter && "
        "nft add chain inet filter input '{ type filter hook input priority 0; policy drop; }' && "
        "nft add rule inet filter input tcp dport 22 accept"
    )
    plan = fw.detect(netns)
    assert plan == FirewallPlan(Backend.NFTABLES, ("inet filter input",))
    assert fw.sync_firewall(netns, ROOT, [3000]) is True
    chain = netns.run("nft list chain inet filter input").stdout
    assert 'tcp dport 3000 accept comment "mtpm"' in chain
    assert fw.sync_firewall(netns, ROOT, [3000]) is False
    assert fw.remove_recorded(netns, ROOT) == 1
    chain = netns.run("nft list chain inet filter input").stdout
    assert "3000" not in chain and "tcp dport 22 accept" in chain


def test_choose_backend_order() -> None:
    mark = "----mtpm-fw----"
    ufw_active = f"Status: active\n{mark}\nrunning\n{mark}\n-P INPUT DROP\n{mark}\n{mark}\n"
    assert fw.choose_backend(ufw_active) == FirewallPlan(Backend.UFW)
    firewalld = f"Status: inactive\n{mark}\nrunning\n{mark}\n-P INPUT ACCEPT\n{mark}\n{mark}\n"
    assert fw.choose_backend(firewalld) == FirewallPlan(Backend.FIREWALLD)
    both_ip = f"{mark}\n{mark}\n-P INPUT ACCEPT\n-A INPUT -j REJECT --reject-with icmp-host-prohibited\n"
    both_ip += f"{mark}\n"
    both_ip += f"-P INPUT DROP\n{mark}\n"
    assert fw.choose_backend(both_ip) == FirewallPlan(Backend.IPTABLES, ("iptables", "ip6tables"))
    open_host = f"{mark}\n{mark}\n-P INPUT ACCEPT\n{mark}\n-P INPUT ACCEPT\n{mark}\n"
    assert fw.choose_backend(open_host) is None


def test_ufw_and_firewalld_commands() -> None:
    ufw = FirewallRule(Backend.UFW, 2443)
    assert fw.open_command(ufw) == "ufw allow 2443/tcp comment mtpm"
    assert fw.close_command(ufw) == "ufw delete allow 2443/tcp"
    assert "2443/tcp" in fw.present_command(ufw)
    firewalld = FirewallRule(Backend.FIREWALLD, 443)
    assert "--permanent --add-port=443/tcp" in fw.open_command(firewalld)
    assert "--permanent --remove-port=443/tcp" in fw.close_command(firewalld)
    assert fw.persist_command(Backend.UFW) is None


def test_records_round_trip_and_damage() -> None:
    rules = [FirewallRule(Backend.NFTABLES, 3000, "tcp", "inet filter input"), FirewallRule(Backend.UFW, 443)]
    assert fw.load_records(fw.dump_records(rules)) == rules
    with pytest.raises(fw.FirewallError, match="damaged"):
        fw.load_records(b"{not json")
