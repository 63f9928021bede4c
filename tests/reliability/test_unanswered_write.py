"""A state write whose connection drops before its answer: the commit command keeps running on the server
(sshd does not stop it), so without care it could land after the admin's next read, and that read, and the
reconcile built on it, would be out of date at once. The store settles such a write before its next read:
from then on the write either happened, and the read shows it, or never will.

The server here is this machine, so the test holds the state lock itself: the commit waits on it, the link
is cut while it waits, and the lock is let go only after the next read.
"""

from __future__ import annotations

import fcntl
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.remote.proxies.state_store import LOCK_NAME
from tests.fixtures.ports import free_port
from tests.reliability.helpers import RelayedServer, read_state

pytestmark = pytest.mark.integration

WAIT_S = 20.0


def _commits_waiting(root: Path) -> list[str]:
    """PIDs of commit commands for `root` on this machine (the fixture server)."""
    out = subprocess.run(
        ["pgrep", "-f", f"flock .*{root}/{LOCK_NAME}"], capture_output=True, text=True, check=False
    ).stdout
    return out.split()


def _wait(predicate: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_a_write_cut_while_it_waits_never_lands_after_the_next_read(relayed: RelayedServer) -> None:
    svc, root = relayed.service, relayed.root
    svc.add_user("anna", port=free_port())
    before = read_state(relayed.config_path)
    errors: list[BaseException] = []

    def add_late() -> None:
        try:
            svc.add_user("late", port=free_port())
        except MtpmError as exc:
            errors.append(exc)

    with (root / LOCK_NAME).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        writer = threading.Thread(target=add_late)
        writer.start()
        _wait(lambda: _commits_waiting(root), "the commit to wait on the lock")
        relayed.relay.cut_now()
        writer.join(WAIT_S)
        assert not writer.is_alive(), "the write did not return after its connection was cut"
        assert errors, "a write whose connection was cut reported success"
        # The next read (a new connection) decides the write: it has not happened, so it never will.
        assert [u.name for u in svc.load_state().users] == ["anna"]
        fcntl.flock(lock, fcntl.LOCK_UN)
    _wait(lambda: not _commits_waiting(root), "the cut commit to finish")

    after = read_state(relayed.config_path)
    assert [u.name for u in after.users] == ["anna"]
    assert after.revision == before.revision, "the cut write landed after the read that settled it"
    assert not list(root.glob(".config.json.*.tmp")), "the cut write's upload was left behind"
    # Nothing is stuck: the same change goes through when tried again.
    svc.add_user("late", port=free_port())
    assert [u.name for u in svc.load_state().users] == ["anna", "late"]
