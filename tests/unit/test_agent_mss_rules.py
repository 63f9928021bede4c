"""The agent keeps the client_mss chain as <root>/mss.json asks (remote_agent/mss_rules.py), with a fake
iptables: restored after a reboot's loss, re-checked once a minute, removed without the file, and the
desktop writes the same rules and the same file (remote/proxies/mss.py)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mtpm_desktop.remote_agent import mss_rules
from mtpm_desktop.remote_agent.mss_rules import CHAIN, MssSync

from mtpm_desktop.remote.proxies import mss

OTHER = "-A POSTROUTING -o eth0 -j MASQUERADE"  # not ours: must survive every sync


class FakeIptables:
    """The mangle table of iptables and ip6tables, as -S prints it; records every command."""

    def __init__(self, tools: Sequence[str] = ("iptables", "ip6tables")) -> None:
        self.tables: dict[str, list[str]] = {t: ["-P POSTROUTING ACCEPT", OTHER] for t in tools}
        self.calls: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> tuple[int | None, str, str]:
        tool, args = argv[0], list(argv[3:])
        assert list(argv[1:3]) == ["-t", "mangle"]
        if tool not in self.tables:
            return None, "", ""
        self.calls.append(list(argv))
        lines = self.tables[tool]
        op, rest = args[0], " ".join(args[1:])
        if op == "-S":
            return 0, "".join(ln + "\n" for ln in lines), ""
        if op == "-N":
            lines.append(f"-N {rest}")
        elif op == "-X":
            lines.remove(f"-N {rest}")
        elif op == "-F":
            lines[:] = [ln for ln in lines if not ln.startswith(f"-A {rest} ")]
        elif op == "-A":
            lines.append(f"-A {rest}")
        elif op == "-I":
            lines.insert(1, f"-A {rest}")
        elif op == "-D":
            lines.remove(f"-A {rest}")
        return 0, "", ""

    def ours(self, tool: str) -> list[str]:
        return [ln for ln in self.tables[tool] if CHAIN in ln]


def _want(root: Path, mss_value: int, ports: list[int]) -> None:
    (root / mss_rules.FILE_NAME).write_text(json.dumps({"mss": mss_value, "ports": ports}))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sync_restores_the_file_s_rules_then_checks_once_a_minute_and_off_removes_only_its_own(
    tmp_path: Path,
) -> None:
    ipt, clock = FakeIptables(), Clock()
    _want(tmp_path, 92, [4443, 443])
    sync = MssSync(str(tmp_path), runner=ipt, clock=clock)

    actions, errors = sync.sync()  # the agent's start after a reboot: nothing of ours is there
    assert errors == [] and len(actions) == 2
    wanted = mss_rules.chain_rules([443, 4443], 92)
    for tool in ("iptables", "ip6tables"):
        assert ipt.ours(tool) == ["-A POSTROUTING -j MTPM-MSS", f"-N {CHAIN}", *wanted]
        assert OTHER in ipt.tables[tool]

    ipt.calls.clear()
    assert sync.sync() == ([], [])  # the next poll: no iptables at all
    assert ipt.calls == []
    clock.now += mss_rules.CHECK_EVERY_S + 1  # a minute later: one listing per family, nothing to change
    assert sync.sync() == ([], [])
    assert [c[3] for c in ipt.calls] == ["-S", "-S"]

    ipt.tables["iptables"].remove("-A POSTROUTING -j MTPM-MSS")  # a flush by hand
    ipt.tables["iptables"][:] = [ln for ln in ipt.tables["iptables"] if not ln.startswith(f"-A {CHAIN} ")]
    clock.now += mss_rules.CHECK_EVERY_S + 1
    actions, _ = sync.sync()
    assert actions == ["client_mss: iptables MTPM-MSS restored"]
    assert ipt.ours("iptables") == ["-A POSTROUTING -j MTPM-MSS", f"-N {CHAIN}", *wanted]

    (tmp_path / mss_rules.FILE_NAME).unlink()  # off: a changed file is seen at the next poll, not a minute on
    actions, errors = sync.sync()
    assert errors == [] and len(actions) == 2
    for tool in ("iptables", "ip6tables"):
        assert ipt.ours(tool) == [] and ipt.tables[tool] == ["-P POSTROUTING ACCEPT", OTHER]


def test_no_ip6tables_and_a_refused_rule() -> None:
    ipt = FakeIptables(tools=("iptables",))
    assert mss_rules.commands("-P POSTROUTING ACCEPT\n", []) == []  # off and nothing there: nothing to run

    def refusing(argv: Sequence[str]) -> tuple[int | None, str, str]:
        if "TCPMSS" in argv:
            return 2, "", "Couldn't load target `TCPMSS'"
        return ipt(argv)

    with tempfile.TemporaryDirectory() as root:
        _want(Path(root), 128, [8443])
        sync = MssSync(root, runner=refusing)
        actions, errors = sync.sync()
        assert actions == [] and len(errors) == 1 and "TCPMSS" in errors[0]
        assert sync.sync()[1] == errors  # retried at the next poll, not a minute later
        sync.runner = ipt
        assert sync.sync() == (["client_mss: iptables MTPM-MSS restored"], [])


def test_a_file_that_makes_no_sense_changes_nothing(tmp_path: Path) -> None:
    ipt = FakeIptables()
    (tmp_path / mss_rules.FILE_NAME).write_text("{not json")
    actions, errors = MssSync(str(tmp_path), runner=ipt).sync()
    assert actions == [] and len(errors) == 1 and "mss.json" in errors[0] and ipt.calls == []
    (tmp_path / mss_rules.FILE_NAME).write_text(json.dumps({"mss": "92", "ports": [443]}))
    actions, errors = MssSync(str(tmp_path), runner=ipt).sync()
    assert actions == [] and len(errors) == 1 and ipt.calls == []


FAKE_IPTABLES = """#!/bin/sh
echo "$@" >> "$0.log"
case "$*" in *" -C "*) exit 1;; esac
"""


class FakeShell:
    """The desktop side's shell: real sh, with a fake iptables and ip6tables (exit 0, nothing listed)."""

    def __init__(self, bin_dir: Path) -> None:
        bin_dir.mkdir()
        for tool in ("iptables", "ip6tables"):
            (bin_dir / tool).write_text(FAKE_IPTABLES)
            (bin_dir / tool).chmod(0o755)
        self.path = f"{bin_dir}:/usr/bin:/bin"

    def run(self, command: str, **_kw: Any) -> Any:
        proc = subprocess.run(
            ["sh", "-c", command], capture_output=True, text=True, env={"PATH": self.path}, check=False
        )
        return SimpleNamespace(exit_code=proc.returncode, stdout=proc.stdout, stderr=proc.stderr)

    def read_file(self, path: str) -> bytes:
        return Path(path).read_bytes()

    def write_file_atomic(self, path: str, data: bytes, mode: int = 0o600) -> None:
        Path(path).write_bytes(data)


def test_desktop_records_what_the_agent_restores_and_off_removes_the_file(tmp_path: Path) -> None:
    """mss.py renders its rules with the agent's chain_rules and writes the file the agent reads."""
    assert mss.chain_rules is mss_rules.chain_rules and mss.CHAIN == mss_rules.CHAIN
    root = tmp_path / "root"
    root.mkdir()
    shell = FakeShell(tmp_path / "bin")
    assert mss.sync_mss(shell, str(root), [4443, 443, 443], 92)
    data = json.loads((root / mss_rules.FILE_NAME).read_text())
    assert data == {"mss": 92, "ports": [443, 4443]}
    assert mss_rules.wanted_rules(str(root)) == mss_rules.chain_rules([443, 4443], 92)
    written = (tmp_path / "bin" / "iptables.log").read_text()
    for rule in mss_rules.wanted_rules(str(root)):  # the desktop wrote exactly what the agent restores
        assert f"-t mangle {rule}" in written
    mss.sync_mss(shell, str(root), [443], None)
    assert not (root / mss_rules.FILE_NAME).exists()
