"""The package-manager lock probe, against a real POSIX lock (what apt and dpkg take) on a temp file."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtpm_desktop.remote.setup.bootstrap_steps import _LOCK_PROBE

pytestmark = pytest.mark.unit

HOLDER = """
import fcntl, sys
f = open(sys.argv[1], "w")
fcntl.lockf(f, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.read()
"""


def probe(lock_file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MTPM_LOCK_FILES": str(lock_file)}
    return subprocess.run(["sh", "-c", _LOCK_PROBE], capture_output=True, text=True, env=env)


def test_free_lock_file(tmp_path: Path) -> None:
    lock = tmp_path / "lock-frontend"
    lock.touch()
    assert probe(lock).returncode == 0
    assert probe(tmp_path / "missing").returncode == 0


def test_held_lock_names_the_holder_then_is_free_again(tmp_path: Path) -> None:
    lock = tmp_path / "lock-frontend"
    lock.touch()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        busy = probe(lock)
        assert busy.returncode == 1
        assert f"(pid {holder.pid}) on {lock}" in busy.stdout
        # Our own read of the file takes no lock: a non-blocking attempt confirms the probe saw a real one.
        with lock.open("w") as mine, pytest.raises(OSError):
            fcntl.lockf(mine, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    assert probe(lock).returncode == 0
