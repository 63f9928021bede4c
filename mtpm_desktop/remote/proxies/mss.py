"""Optional low TCP MSS on the proxies' SYN-ACKs (`client_mss` 92 or 128), with iptables TCPMSS.

A small MSS advertised to the client makes it split its TLS handshake records over many small segments,
which is what 2026 DPI engines are countered with. It multiplies the packet rate, so it is off by default.

The rules live in a chain of mtpm's own, ``MTPM-MSS`` in the mangle table (IPv4 and IPv6), jumped to from
POSTROUTING, one rule per client-facing port. They match the connection's original destination port
(conntrack), so they work for Docker-published ports (the SYN-ACK leaves the container with its inner port
and is translated back only after mangle) as well as for host processes. Every reconcile makes the chain
exactly what the state asks for and records it in ``<root>/mss.json`` for the agent, which puts the same
rules back when it starts at boot and within a minute of a flush (remote_agent/mss_rules.py, which also
renders the rule text for both sides); ``off`` removes the file, the chain and its jump completely. iptables
rules are also saved where the distribution reloads them at boot (netfilter-persistent), as the firewall
module does.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.proxies.firewall import Backend, Shell, persist_command
from mtpm_desktop.remote_agent.mss_rules import CHAIN, FILE_NAME, TOOLS, chain_rules

__all__ = ["CHAIN", "FILE_NAME", "MssError", "chain_rules", "missing_rules", "sync_mss"]

_MARK = "----mtpm-mss----"


class MssError(MtpmError):
    """The MSS rules could not be written."""


_JUMP = f"POSTROUTING -j {CHAIN}"


def _probe_script(record: str = "") -> str:
    """Lists the chain and its jump per tool; ``record`` (a command on the agent's file) runs last."""
    parts = []
    for tool in TOOLS:
        parts.append(
            f"command -v {tool} >/dev/null 2>&1 && {{ echo present; {tool} -t mangle -S {CHAIN} 2>/dev/null; "
            f"{tool} -t mangle -C {_JUMP} 2>/dev/null && echo jump; }}; echo {_MARK}"
        )
    return "\n".join(parts) + f"\n{record}\ntrue"


def _parse_probe(output: str) -> dict[str, tuple[bool, list[str], bool]]:
    """tool -> (whether the chain exists, its rules, whether POSTROUTING jumps to it), for the tools the
    server has."""
    found: dict[str, tuple[bool, list[str], bool]] = {}
    for tool, section in zip(TOOLS, output.split(_MARK), strict=False):
        lines = [ln.strip() for ln in section.strip().splitlines() if ln.strip()]
        if not lines or lines[0] != "present":
            continue
        rules = [ln for ln in lines[1:] if ln.startswith(f"-A {CHAIN} ")]
        found[tool] = (f"-N {CHAIN}" in lines, rules, "jump" in lines)
    return found


def _commands(tool: str, exists: bool, have: list[str], jump: bool, wanted: list[str]) -> list[str]:
    t = f"{tool} -t mangle"
    if not wanted:
        out = [f"while {t} -C {_JUMP} 2>/dev/null; do {t} -D {_JUMP}; done"] if jump else []
        return out + ([f"{t} -F {CHAIN}", f"{t} -X {CHAIN}"] if exists else [])
    out = []
    if have != wanted:
        out += [] if exists else [f"{t} -N {CHAIN}"]
        out += [f"{t} -F {CHAIN}", *(f"{t} {rule}" for rule in wanted)]
    if not jump:
        out.append(f"{t} -I {_JUMP}")
    return out


def missing_rules(shell: Shell, ports: Iterable[int], mss: int | None) -> list[str]:
    """The tools (iptables, ip6tables) whose clamp rules differ from what ``mss`` on ``ports`` asks."""
    wanted = chain_rules(ports, mss) if mss is not None else []
    probe = shell.run("sh -c " + shlex.quote(_probe_script()), sudo=True, check=False)
    present = _parse_probe(probe.stdout)
    if wanted and "iptables" not in present:
        return ["iptables"]
    return [tool for tool, (_e, have, jump) in present.items() if have != wanted or jump != bool(wanted)]


def _record(ports: Iterable[int], mss: int | None) -> bytes:
    """``<root>/mss.json``: what the agent restores at boot (remote_agent/mss_rules.py reads it)."""
    return (json.dumps({"mss": mss, "ports": sorted(set(ports))}, indent=1, sort_keys=True) + "\n").encode()


def sync_mss(shell: Shell, root: str, ports: Iterable[int], mss: int | None) -> bool:
    """Make the clamp rules exactly ``mss`` on ``ports`` (None: no rules, no chain) and record them for the
    agent in ``<root>/mss.json`` (removed with None); returns whether anything changed. Raises MssError
    with iptables' answer when a rule cannot be written."""
    ports = sorted(set(ports))
    wanted = chain_rules(ports, mss) if mss is not None else []
    path = f"{root}/{FILE_NAME}"
    # The file's content comes back after the probe's last mark.
    probe = shell.run(
        "sh -c " + shlex.quote(_probe_script(f"echo {_MARK}; cat {shlex.quote(path)} 2>/dev/null")),
        sudo=True,
        check=False,
    )
    present = _parse_probe(probe.stdout)
    if wanted and "iptables" not in present:
        raise MssError(
            msg(
                "client_mss needs iptables on the server (with the TCPMSS target); install iptables, "
                "or set client_mss to off."
            )
        )
    commands: list[str] = []
    for tool, (exists, have, jump) in present.items():
        commands += _commands(tool, exists, have, jump, wanted)
    # The file changes only after the rules (an agent that sees it then finds nothing to do, and never
    # races this script over the chain).
    recorded = probe.stdout.split(_MARK)[-1].strip()
    if not wanted and recorded:
        commands.append(f"rm -f {shlex.quote(path)}")
    rewrite = bool(wanted) and _record(ports, mss).decode().strip() != recorded
    if not commands:
        if rewrite:
            shell.write_file_atomic(path, _record(ports, mss), 0o600)
        return False
    script = "set -e\n" + "\n".join(commands)
    result = shell.run("sh -c " + shlex.quote(script), sudo=True, check=False)
    if int(result.exit_code) != 0:
        raise MssError(
            msg(
                "Could not set the TCP MSS rules: {output}",
                output=(result.stderr or result.stdout).strip()[-300:] or msg("no output"),
            )
        )
    if rewrite:
        shell.write_file_atomic(path, _record(ports, mss), 0o600)
    persist = persist_command(Backend.IPTABLES)
    if persist:
        shell.run("sh -c " + shlex.quote(persist), sudo=True, check=False)
    return True
