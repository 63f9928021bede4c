"""Open the server's firewall for the ports mtpm uses, and remember exactly what was added.

Which firewall: the first active one of ufw, firewalld, iptables (an INPUT chain that drops), nftables (an
input-hook chain that drops, outside the tables iptables-nft manages). With none active every port is open
already and nothing is done. Every rule mtpm adds is recorded in `<root>/firewall.json`; uninstall and
`sync_firewall` remove only recorded rules, so rules the admin made (say, an existing `ufw allow 443`) are
never touched. A port that ufw/firewalld already allows is not added and therefore not recorded.

Note: Docker publishes ports with its own DNAT rules, which bypass the INPUT chain on iptables hosts; the
rules here still matter for firewalld zones, host-network containers and admins who turned Docker's
iptables handling off, and they make the intent visible in the admin's own firewall tool.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, Protocol

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import RemoteFileNotFound

COMMENT = "mtpm"
RECORD_FILE = "firewall.json"


class FirewallError(MtpmError):
    """A firewall rule could not be added or removed."""


class Backend(Enum):
    UFW = "ufw"
    FIREWALLD = "firewalld"
    IPTABLES = "iptables"
    NFTABLES = "nftables"


@dataclass(frozen=True)
class FirewallRule:
    """One rule mtpm added. `target` says where: "iptables"/"ip6tables" for iptables, the chain as
    "family table chain" for nftables, empty for ufw/firewalld."""

    backend: Backend
    port: int
    proto: str = "tcp"
    target: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["backend"] = self.backend.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FirewallRule:
        return cls(
            Backend(data["backend"]),
            int(data["port"]),
            str(data.get("proto", "tcp")),
            str(data.get("target", "")),
        )


# --- detection -------------------------------------------------------------------------------------------

_MARK = "----mtpm-fw----"
PROBE_SCRIPT = f"""
command -v ufw >/dev/null 2>&1 && ufw status 2>/dev/null | head -n 1
echo {_MARK}
command -v firewall-cmd >/dev/null 2>&1 && firewall-cmd --state 2>/dev/null
echo {_MARK}
command -v iptables >/dev/null 2>&1 && iptables -S INPUT 2>/dev/null
echo {_MARK}
command -v ip6tables >/dev/null 2>&1 && ip6tables -S INPUT 2>/dev/null
echo {_MARK}
command -v nft >/dev/null 2>&1 && nft -j list ruleset 2>/dev/null
true
"""


@dataclass(frozen=True)
class FirewallPlan:
    """The active firewall and the places rules go (several for iptables v4+v6)."""

    backend: Backend
    targets: tuple[str, ...] = ("",)


def _iptables_restrictive(rules: str) -> bool:
    for line in rules.splitlines():
        parts = line.split()
        if parts[:2] == ["-P", "INPUT"] and len(parts) > 2 and parts[2] in ("DROP", "REJECT"):
            return True
        if parts[:2] == ["-A", "INPUT"] and parts[-2:] in (["-j", "DROP"], ["-j", "REJECT"]):
            return True
        if parts[:2] == ["-A", "INPUT"] and "-j" in parts and parts[parts.index("-j") + 1] == "REJECT":
            return True
    return False


def _nft_restrictive_chains(ruleset_json: str) -> list[str]:
    """Input-hook chains that drop, as "family table chain", skipping iptables-nft's own tables."""
    try:
        items = json.loads(ruleset_json).get("nftables", [])
    except (ValueError, AttributeError):
        return []
    chains: dict[tuple[str, str, str], bool] = {}
    for item in items:
        chain = item.get("chain")
        if chain and chain.get("hook") == "input" and chain.get("type", "filter") == "filter":
            key = (chain["family"], chain["table"], chain["name"])
            chains[key] = chain.get("policy") == "drop"
    for item in items:
        rule = item.get("rule")
        if not rule:
            continue
        key = (rule["family"], rule["table"], rule["chain"])
        if key in chains and any(("drop" in e or "reject" in e) for e in rule.get("expr", [])):
            chains[key] = True
    # iptables-nft keeps its rules in "ip filter INPUT" / "ip6 filter INPUT": iptables handles those.
    return [
        " ".join(key)
        for key, drops in chains.items()
        if drops and not (key[0] in ("ip", "ip6") and key[1] == "filter" and key[2] == "INPUT")
    ]


def choose_backend(probe_output: str) -> FirewallPlan | None:
    """Which firewall is active, from PROBE_SCRIPT's output; None when none restricts incoming traffic."""
    sections = [*probe_output.split(_MARK), "", "", "", "", ""][:5]
    ufw, firewalld, ipt4, ipt6, nft = (s.strip() for s in sections)
    if ufw.lower().startswith("status: active"):
        return FirewallPlan(Backend.UFW)
    if firewalld == "running":
        return FirewallPlan(Backend.FIREWALLD)
    iptables_targets = tuple(
        name for name, rules in (("iptables", ipt4), ("ip6tables", ipt6)) if _iptables_restrictive(rules)
    )
    if iptables_targets:
        return FirewallPlan(Backend.IPTABLES, iptables_targets)
    nft_chains = _nft_restrictive_chains(nft) if nft else []
    if nft_chains:
        return FirewallPlan(Backend.NFTABLES, tuple(nft_chains))
    return None


# --- commands --------------------------------------------------------------------------------------------


def _iptables_spec(rule: FirewallRule) -> str:
    return f"INPUT -p {rule.proto} --dport {rule.port} -m comment --comment {COMMENT} -j ACCEPT"


def _nft_match(rule: FirewallRule) -> str:
    return f'{rule.proto} dport {rule.port} accept comment "{COMMENT}"'


def present_command(rule: FirewallRule) -> str:
    """A command that exits 0 when the port is allowed (for iptables/nft: when our own rule is there)."""
    port = f"{rule.port}/{rule.proto}"
    if rule.backend is Backend.UFW:
        return f"ufw status | grep -Eq {shlex.quote('^' + re.escape(port) + '[[:space:]]+ALLOW')}"
    if rule.backend is Backend.FIREWALLD:
        return f"firewall-cmd --query-port={port} >/dev/null"
    if rule.backend is Backend.IPTABLES:
        return f"{rule.target} -C {_iptables_spec(rule)} 2>/dev/null"
    return f"nft list chain {rule.target} | grep -qF {shlex.quote(_nft_match(rule))}"


def open_command(rule: FirewallRule) -> str:
    port = f"{rule.port}/{rule.proto}"
    if rule.backend is Backend.UFW:
        return f"ufw allow {port} comment {COMMENT}"
    if rule.backend is Backend.FIREWALLD:
        # Runtime and permanent: open now and after a reload/reboot.
        return f"firewall-cmd --add-port={port} && firewall-cmd --permanent --add-port={port}"
    if rule.backend is Backend.IPTABLES:
        return f"{rule.target} -I {_iptables_spec(rule)}"
    return f"nft insert rule {rule.target} {_nft_match(rule)}"


def close_command(rule: FirewallRule) -> str:
    port = f"{rule.port}/{rule.proto}"
    if rule.backend is Backend.UFW:
        return f"ufw delete allow {port}"
    if rule.backend is Backend.FIREWALLD:
        return (
            f"firewall-cmd --remove-port={port}; firewall-cmd --permanent --remove-port={port}; "
            f"! firewall-cmd --query-port={port} >/dev/null"
        )
    if rule.backend is Backend.IPTABLES:
        # -D removes one copy; loop in case an interrupted run added it twice.
        spec = _iptables_spec(rule)
        return f"while {rule.target} -C {spec} 2>/dev/null; do {rule.target} -D {spec} || exit 1; done"
    sed_script = shlex.quote("s/.*" + re.escape(_nft_match(rule)) + r".*# handle ([0-9]+)/\1/p")
    return (
        f"for h in $(nft -a list chain {rule.target} | sed -En {sed_script}); "
        f"do nft delete rule {rule.target} handle $h || exit 1; done"
    )


def persist_command(backend: Backend) -> str | None:
    """Save iptables rules where the distribution reloads them at boot, when such a tool is there
    (ufw and firewalld persist by themselves)."""
    if backend is Backend.IPTABLES:
        return (
            "if command -v netfilter-persistent >/dev/null 2>&1; then netfilter-persistent save; "
            "elif [ -x /usr/libexec/iptables/iptables.init ]; then "
            "/usr/libexec/iptables/iptables.init save; fi"
        )
    # nftables: /etc/nftables.conf is the admin's own file (and a dump would freeze Docker's rules into
    # it), so mtpm does not rewrite it; the bootstrap step re-adds missing rules on every run.
    return None


def rules_for(plan: FirewallPlan, ports: Iterable[int]) -> list[FirewallRule]:
    return [
        FirewallRule(plan.backend, port, "tcp", target)
        for port in sorted(set(ports))
        for target in plan.targets
    ]


def load_records(data: bytes) -> list[FirewallRule]:
    try:
        return [FirewallRule.from_json(r) for r in json.loads(data.decode()).get("rules", [])]
    except (ValueError, KeyError, AttributeError, TypeError) as err:
        raise FirewallError(
            msg(
                "The record of mtpm's firewall rules ({file}) is damaged ({error}); "
                "remove the rules tagged 'mtpm' by hand and delete the file.",
                file=RECORD_FILE,
                error=str(err),
            )
        ) from err


def dump_records(rules: Iterable[FirewallRule]) -> bytes:
    return (json.dumps({"rules": [r.to_json() for r in rules]}, indent=2) + "\n").encode()


# --- remote ------------------------------------------------------------------------------------------------


class Shell(Protocol):
    """What this module needs of a ServerSession."""

    def run(
        self,
        command: str,
        *,
        timeout: float = 60,
        check: bool = True,
        sudo: bool = False,
        stdin: bytes | None = None,
    ) -> Any: ...

    def read_file(self, path: str) -> bytes: ...

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None: ...


def _sh(command: str) -> str:
    return "sh -c " + shlex.quote(command)


def detect(shell: Shell) -> FirewallPlan | None:
    return choose_backend(shell.run(_sh(PROBE_SCRIPT), sudo=True, check=False).stdout)


def read_records(shell: Shell, root: str) -> list[FirewallRule]:
    try:
        data = shell.read_file(f"{root}/{RECORD_FILE}")
    except RemoteFileNotFound:  # nothing recorded yet
        return []
    return load_records(data)


def is_present(shell: Shell, rule: FirewallRule) -> bool:
    return int(shell.run(_sh(present_command(rule)), sudo=True, check=False).exit_code) == 0


def _apply(shell: Shell, rule: FirewallRule, *, opening: bool) -> None:
    """Open (or close) `rule` on the server; FirewallError with the command's output when that fails."""
    command = open_command(rule) if opening else close_command(rule)
    result = shell.run(_sh(command), sudo=True, check=False)
    if int(result.exit_code) != 0:
        output = (result.stderr or result.stdout).strip()[:300]
        if opening:
            raise FirewallError(
                msg(
                    "Could not open port {port} in {backend}: {output}",
                    port=rule.port,
                    backend=rule.backend.value,
                    output=output,
                )
            )
        raise FirewallError(
            msg("Could not remove the firewall rule for port {port}: {output}", port=rule.port, output=output)
        )


def pending_changes(
    shell: Shell, root: str, ports: Iterable[int]
) -> tuple[list[FirewallRule], list[FirewallRule]]:
    """(rules to add, recorded rules to remove) for `ports` to be exactly the ports mtpm opened."""
    plan = detect(shell)
    recorded = read_records(shell, root)
    wanted = rules_for(plan, ports) if plan else []
    to_add = [r for r in wanted if r not in recorded and not is_present(shell, r)]
    to_remove = [r for r in recorded if r not in wanted]
    # A recorded rule that vanished (firewall reset by hand) is added again.
    to_add += [r for r in recorded if r in wanted and not is_present(shell, r)]
    return to_add, to_remove


def sync_firewall(
    shell: Shell, root: str, ports: Iterable[int], emit: Callable[[str], None] = lambda _line: None
) -> bool:
    """Make the recorded mtpm rules open exactly `ports`; returns whether anything changed."""
    ports = list(ports)
    to_add, to_remove = pending_changes(shell, root, ports)
    if not to_add and not to_remove:
        return False
    recorded = [r for r in read_records(shell, root) if r not in to_remove]
    for rule in to_remove:
        emit(f"closing {rule.port}/{rule.proto} ({rule.backend.value} {rule.target})".rstrip())
        _apply(shell, rule, opening=False)
    for rule in to_add:
        emit(f"opening {rule.port}/{rule.proto} ({rule.backend.value} {rule.target})".rstrip())
        _apply(shell, rule, opening=True)
        if rule not in recorded:
            recorded.append(rule)
        # Record after each rule, so an interruption never leaves an added rule unrecorded.
        shell.write_file_atomic(f"{root}/{RECORD_FILE}", dump_records(recorded), 0o600)
    if to_remove and not to_add:
        shell.write_file_atomic(f"{root}/{RECORD_FILE}", dump_records(recorded), 0o600)
    for backend in {r.backend for r in to_add + to_remove}:
        persist = persist_command(backend)
        if persist:
            shell.run(_sh(persist), sudo=True, check=False)
    return True


def remove_recorded(shell: Shell, root: str, emit: Callable[[str], None] = lambda _line: None) -> int:
    """Remove every rule mtpm recorded (uninstall); returns how many were removed."""
    records = read_records(shell, root)
    for rule in records:
        emit(f"closing {rule.port}/{rule.proto} ({rule.backend.value} {rule.target})".rstrip())
        _apply(shell, rule, opening=False)
    for backend in {r.backend for r in records}:
        persist = persist_command(backend)
        if persist:
            shell.run(_sh(persist), sudo=True, check=False)
    if records:
        shell.write_file_atomic(f"{root}/{RECORD_FILE}", dump_records([]), 0o600)
    return len(records)
