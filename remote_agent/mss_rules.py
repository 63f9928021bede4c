"""The optional low TCP MSS (``client_mss``): the rules of the MTPM-MSS chain, and keeping them at boot.

The desktop renders its rules with `chain_rules` (mtpm_desktop.remote.proxies.mss imports it from here, so
both write the same text) and records the wanted set in ``<root>/mss.json`` = {"mss": 92, "ports": [...]}
at every reconcile; ``off`` removes the file. The agent makes the chain exactly match that file when it
starts, so the rules come back after a reboot on a host that does not restore iptables rules itself (ufw
or firewalld hosts, containers), and after that lists the mangle table once a minute (or at once when the
file changes) to put a flushed chain or a lost jump back. Without the file it removes its chain and the
jump to it, and never touches anything else.
"""

from __future__ import annotations

import os
import subprocess
import time
from typing import Callable, Iterable, Optional, Sequence, Tuple

from .fsutil import read_json

CHAIN = "MTPM-MSS"
JUMP = ("POSTROUTING", "-j", CHAIN)
FILE_NAME = "mss.json"
TOOLS = ("iptables", "ip6tables")
CHECK_EVERY_S = 60.0  # a mangle listing costs a process per family (~10 ms): once a minute, not every poll
IPT_TIMEOUT_S = 15.0

# argv -> (exit code, stdout, stderr); exit code None: the tool is not installed
Runner = Callable[[Sequence[str]], Tuple[Optional[int], str, str]]


def chain_rules(ports: Iterable[int], mss: int) -> list[str]:
    """The chain's rules as ``iptables -S`` prints them (so they compare with what is there)."""
    return [
        f"-A {CHAIN} -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -m conntrack --ctorigdstport {port} "
        f"-j TCPMSS --set-mss {mss}"
        for port in sorted(set(ports))
    ]


class MssFileError(ValueError):
    """``<root>/mss.json`` is not what the desktop writes: the rules are left as they are."""


def wanted_rules(root: str) -> list[str]:
    """The rules ``<root>/mss.json`` asks for ([] without the file). Raises MssFileError on a broken one."""
    path = os.path.join(root, FILE_NAME)
    try:
        data = read_json(path, None)
    except (OSError, ValueError) as exc:
        raise MssFileError(f"{path}: {exc}") from None
    if data is None:
        return []
    mss = data.get("mss") if isinstance(data, dict) else None
    ports = data.get("ports") if isinstance(data, dict) else None
    if (
        not isinstance(mss, int)
        or not isinstance(ports, list)
        or not all(isinstance(p, int) and 0 < p < 65536 for p in ports)
    ):
        raise MssFileError(
            f'{path}: expected {{"mss": <number>, "ports": [<port>, ...]}}, got {data!r}'[:300]
        )
    return chain_rules(ports, mss)


def _run(argv: Sequence[str]) -> tuple[int | None, str, str]:
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=IPT_TIMEOUT_S)
    except FileNotFoundError:
        return None, "", ""
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 1, "", str(exc)
    return proc.returncode, proc.stdout, proc.stderr


def commands(listing: str, wanted: list[str]) -> list[list[str]]:
    """The iptables arguments (after ``-t mangle``) that make the chain and its jump ``wanted``, from
    ``iptables -t mangle -S``."""
    lines = [ln.strip() for ln in listing.splitlines()]
    exists = f"-N {CHAIN}" in lines
    have = [ln for ln in lines if ln.startswith(f"-A {CHAIN} ")]
    jumps = lines.count("-A " + " ".join(JUMP))
    if not wanted:
        out = [["-D", *JUMP] for _ in range(jumps)]
        return out + ([["-F", CHAIN], ["-X", CHAIN]] if exists else [])
    out = []
    if have != wanted:
        out += [] if exists else [["-N", CHAIN]]
        out += [["-F", CHAIN], *(rule.split() for rule in wanted)]
    if not jumps:
        out.append(["-I", *JUMP])
    return out


class MssSync:
    """Keeps the chain as ``<root>/mss.json`` asks; `sync` is cheap enough to call at every poll."""

    def __init__(self, root: str, runner: Runner = _run, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = os.path.join(root, FILE_NAME)
        self.root = root
        self.runner = runner
        self.clock = clock
        self._checked_at: float | None = None
        self._file: tuple[int, int] | None = None  # (mtime_ns, size) of the file at the last check

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def sync(self) -> tuple[list[str], list[str]]:
        """(what was changed, errors). Lists the tables at the first call, when the file changed, and
        at most once a minute otherwise."""
        stamp = self._stamp()
        now = self.clock()
        recent = self._checked_at is not None and now - self._checked_at < CHECK_EVERY_S
        if recent and stamp == self._file:
            return [], []
        self._checked_at, self._file = now, stamp
        actions: list[str] = []
        errors: list[str] = []
        try:
            wanted = wanted_rules(self.root)
        except MssFileError as exc:
            return actions, [f"client_mss: {exc}"]
        for tool in TOOLS:
            code, listing, err = self.runner([tool, "-t", "mangle", "-S"])
            if code is None:
                continue  # no ip6tables (or no iptables at all): nothing of ours can be there
            if code != 0:
                errors.append(f"client_mss ({tool}): {err.strip() or code}")
                continue
            todo = commands(listing, wanted)
            for args in todo:
                code, _out, err = self.runner([tool, "-t", "mangle", *args])
                if code != 0:
                    errors.append(f"client_mss ({tool} {' '.join(args)}): {err.strip() or code}")
                    break
            else:
                if todo:
                    actions.append(f"client_mss: {tool} {CHAIN} " + ("restored" if wanted else "removed"))
        if errors:
            self._checked_at = None  # try again at the next poll
        return actions, errors
