"""The device limit in the host's firewall: new connections from IPs that have no place are refused.

One chain per install (MTPMD-<hash of the instance id>), per full user (as many recent IPs as places):
- nat table, jumped to first from PREROUTING and OUTPUT for local destinations (IPv4): an admitted IP
  RETURNs to Docker's DNAT; any other connection to the port ACCEPTs there, i.e. is NOT DNAT'd to the
  container and so arrives at the host itself. (A REJECT of an already DNAT'd packet in FORWARD answers
  from the container's address, which the client ignores: it would hang instead of being refused.)
- filter table, jumped to first from INPUT: an admitted IP RETURNs (docker-proxy, which also listens on the
  port, gets it: clients on loopback); every other NEW connection to the port is REJECTed with a TCP reset
  from the host's own address. Both paths end here, so this rule's packet counter is every refusal.
Only new connections are matched (nat sees only a connection's first packet, filter matches
`--ctstate NEW`): connections already open are never cut. The REJECT rules' packet
counters are the refusals; a rebuild carries them over (`iptables-restore -c`), a reboot resets them (the
caller counts deltas). Users below their limit have no rules at all, and with no full user the chain and
its jumps are removed: the firewall then holds nothing of the agent's.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass, field

from .fsutil import atomic_write_json, read_json

IPT_TIMEOUT_S = 15.0
# While the rules stay as written, the service loop lists the chain (its refusal counters, and whether it is
# still there) at most this often: iptables costs a process per family (~10 ms each on a Docker host, a
# third of a 100-user poll), the poll runs every 10 s. Refusals are counted up to this late.
LIST_EVERY_S = 300.0
FAMILIES = (("v4", "iptables"), ("v6", "ip6tables"))
_REJECT = re.compile(r"^\s*(\d+)\s+\d+\s+REJECT\b.*\bctorigdstport (\d+)\b")


class FirewallError(RuntimeError):
    """iptables refused a command; the message carries its stderr."""


@dataclass(frozen=True)
class PortRule:
    port: int
    admitted: tuple[str, ...]  # the IPs that keep a place; every other NEW connection is refused


@dataclass
class ApplyResult:
    refused: dict[int, int] = field(default_factory=dict)  # port -> the REJECT rule's packet counter
    errors: list[str] = field(default_factory=list)
    changed: bool = False
    read: bool = False  # the counters were listed this time (else `refused` is empty, not zero)


def chain_name(instance_id: str) -> str:
    return "MTPMD-" + hashlib.sha256(instance_id.encode()).hexdigest()[:10]


def _family(ip: str) -> str | None:
    if ":" not in ip:
        return "v4" if ip.count(".") == 3 else None
    try:
        return "v4" if ipaddress.ip_address(ip).version == 4 else "v6"
    except ValueError:
        return None


def _match(port: int) -> str:
    return f"-p tcp -m conntrack --ctstate NEW --ctorigdstport {port}"


def render(chain: str, family: str, rules: list[PortRule], counters: dict[int, int]) -> list[str]:
    """iptables-restore -c input for both tables (a REJECT rule keeps its refusal counter)."""
    nat = ["*nat", f":{chain} - [0:0]"]
    flt = ["*filter", f":{chain} - [0:0]"]
    for rule in sorted(rules, key=lambda r: r.port):
        for ip in sorted(i for i in rule.admitted if _family(i) == family):
            nat.append(f"-A {chain} -s {ip} -p tcp --dport {rule.port} -j RETURN")
            flt.append(f"-A {chain} -s {ip} {_match(rule.port)} -j RETURN")
        nat.append(f"-A {chain} -p tcp --dport {rule.port} -j ACCEPT")
        flt.append(
            f"[{counters.get(rule.port, 0)}:0] -A {chain} {_match(rule.port)} "
            f"-m comment --comment mtpm-device-limit -j REJECT --reject-with tcp-reset"
        )
    return [*nat, "COMMIT", *flt, "COMMIT"] if family == "v4" else [*flt, "COMMIT"]


def _digest(rules: list[PortRule]) -> str:
    """Identifies a rule set (both families' rules follow from it)."""
    canonical = sorted((r.port, sorted(r.admitted)) for r in rules)
    return hashlib.sha256(json.dumps(canonical).encode()).hexdigest()[:16]


def parse_counters(listing: str) -> dict[int, int]:
    """port -> packets of its REJECT rule, from `iptables -nvxL CHAIN`."""
    out: dict[int, int] = {}
    for line in listing.splitlines():
        m = _REJECT.match(line)
        if m:
            out[int(m.group(2))] = out.get(int(m.group(2)), 0) + int(m.group(1))
    return out


class DeviceFirewall:
    def __init__(self, data_dir: str, instance_id: str) -> None:
        self.instance_id = instance_id
        self.chain = chain_name(instance_id)
        # What was last written, per family (a digest), so a poll with nothing new runs one listing only.
        self.state_path = os.path.join(data_dir, "device-firewall.json")
        self._listed_at: float | None = None  # monotonic time of the last listing

    def _run(self, argv: list[str], stdin: str | None = None, check: bool = True) -> str | None:
        try:
            proc = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=IPT_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            if check:
                raise FirewallError(f"{argv[0]}: {exc}") from exc
            return None
        if proc.returncode != 0:
            if check:
                raise FirewallError(f"{' '.join(argv)} failed: {proc.stderr.strip() or proc.returncode}")
            return None
        return proc.stdout

    def _jumps(self, family: str) -> list[list[str]]:
        """(table, chain, match...) of each jump to our chain, first in its built-in chain."""
        jumps = [["filter", "INPUT", "-p", "tcp", "-j", self.chain]]
        if family == "v4":
            local = ["-p", "tcp", "-m", "addrtype", "--dst-type", "LOCAL", "-j", self.chain]
            jumps += [["nat", "PREROUTING", *local], ["nat", "OUTPUT", *local]]
        return jumps

    def apply(self, rules: list[PortRule]) -> ApplyResult:
        result = ApplyResult()
        saved = read_json(self.state_path, {}) or {}
        wanted = _digest(rules)
        recent = self._listed_at is not None and time.monotonic() - self._listed_at < LIST_EVERY_S
        if rules and saved and recent and all(d == wanted for d in saved.values()):
            return result  # as written, and listed a moment ago: refusals are read at the next listing
        self._listed_at = time.monotonic()
        result.read = True
        new_state: dict[str, str] = {}
        for family, tool in FAMILIES:
            try:
                digest = self._apply_family(family, tool, rules, saved.get(family), wanted, result)
            except FirewallError as exc:
                result.errors.append(f"device limit ({tool}): {exc}")
                digest = None
            if digest:
                new_state[family] = digest
        if new_state != saved:
            atomic_write_json(self.state_path, new_state)
        return result

    def _apply_family(
        self,
        family: str,
        tool: str,
        rules: list[PortRule],
        saved: str | None,
        digest: str,
        result: ApplyResult,
    ) -> str | None:
        if not rules and not saved:
            return None  # nothing limited, nothing of ours in the firewall: no command at all
        listing = self._run([tool, "-w", "-n", "-v", "-x", "-L", self.chain], check=False)
        if listing is None and family == "v6" and self._run([tool, "-w", "-S", "INPUT"], check=False) is None:
            return None  # no usable ip6tables on this host: IPv6 clients go through docker-proxy unlimited
        counters = parse_counters(listing) if listing is not None else {}
        for port, packets in counters.items():
            result.refused[port] = result.refused.get(port, 0) + packets
        if not rules:
            self._remove(tool, family)
            result.changed = True
            return None
        if listing is None or digest != saved:
            script = "\n".join(render(self.chain, family, rules, counters)) + "\n"
            self._run([f"{tool}-restore", "-w", "-c", "--noflush"], stdin=script)
            result.changed = True
        # Each listing also checks that the jumps are still FIRST in their built-in chains: a firewall
        # reload may drop them, and a rule inserted above (Docker's DNAT jump) would let everyone through.
        for table, builtin, *spec in self._jumps(family):
            rules_now = (self._run([tool, "-w", "-t", table, "-S", builtin], check=False) or "").splitlines()
            appended = [line for line in rules_now if line.startswith("-A ")]
            if appended and appended[0].split() == ["-A", builtin, *spec]:
                continue
            while self._run([tool, "-w", "-t", table, "-D", builtin, *spec], check=False) is not None:
                pass
            self._run([tool, "-w", "-t", table, "-I", builtin, "1", *spec])
            result.changed = True
        return digest

    def _remove(self, tool: str, family: str) -> None:
        for table, builtin, *spec in self._jumps(family):
            while self._run([tool, "-w", "-t", table, "-D", builtin, *spec], check=False) is not None:
                pass
        for table in ("filter", "nat") if family == "v4" else ("filter",):
            self._run([tool, "-w", "-t", table, "-F", self.chain], check=False)
            self._run([tool, "-w", "-t", table, "-X", self.chain], check=False)
