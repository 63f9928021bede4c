"""Two clients edit one server at once: the `mtpm --json` CLI (subprocesses, as an admin's terminal) and a
ServerService (as the GUI) whose edits are made on views that may be stale. 100 CLI rounds.

No update is lost (every value a client was told is saved is on the server until that same client changes
it; the revision grows by exactly the number of successful writes) and every refused write is reported as
a conflict (ConflictError in the service, exit 1 + error_type ConflictError in the CLI).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mtpm_desktop.core.state import load_state
from mtpm_desktop.remote.proxies.state_store import ConflictError
from mtpm_desktop.remote.service import ServerService

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("MTPM_CONCURRENCY_ROUNDS", "100"))
SEED = 2020


def _state(root: Path) -> Any:
    return load_state((root / "config.json").read_text()).state


def test_cli_and_service_edit_at_once_nothing_lost_every_conflict_reported(
    server_session: Any, server_profile: Any, remote_data_dir: Path
) -> None:
    root = Path(server_profile.install_root)
    service = ServerService(server_session, root=str(root), manage_agent=False)
    start_revision = service.ensure_state()
    env = {**os.environ, "MTPM_DATA_DIR": str(remote_data_dir), "PYTHONPATH": str(REPO)}
    stop = threading.Event()
    svc_ok: list[float] = []
    svc_conflicts = [0]
    svc_errors: list[str] = []

    def gui_like_writer() -> None:
        rng = random.Random(SEED)
        n = 0
        while not stop.is_set():
            n += 1
            value = float(n)
            view = service.load_state().revision  # what the window shows...
            time.sleep(rng.random() * 0.4)  # ...while the admin types (jitter that makes the races)
            try:
                service.set_setting("traffic_limit_gb", str(n), expected_revision=view)
            except ConflictError:
                svc_conflicts[0] += 1
                time.sleep(rng.random() * 0.6)
                continue
            except Exception as exc:
                svc_errors.append(repr(exc))
                return
            svc_ok.append(value)
            # Only this thread writes traffic_limit_gb: whatever the CLI did since, it must still be there.
            now = _state(root).traffic_limit_gb
            if now != value:
                svc_errors.append(f"lost update: traffic_limit_gb {now} after writing {value}")
            time.sleep(rng.random() * 0.6)  # the admin's next edit comes a moment later

    def cli_lane(key: str, values: list[int], ok: list[int], conflicts: list[int]) -> None:
        """One terminal running `mtpm settings set KEY V` for each value; only this lane writes KEY."""
        for v in values:
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mtpm_desktop.cli",
                    "--json",
                    "-s",
                    server_profile.name,
                    "settings",
                    "set",
                    key,
                    str(v),
                ],
                env=env,
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if proc.returncode == 0:
                ok.append(v)
                # Whatever the other clients did meanwhile, this lane's last saved value is on the server.
                now = getattr(_state(root), key)
                if now != v:
                    cli_errors.append(f"lost update: {key} is {now} after the CLI saved {v}")
            elif proc.returncode == 1 and json.loads(proc.stdout).get("error_type") == "ConflictError":
                assert "changed since it was read" in proc.stderr
                conflicts.append(v)
            else:
                cli_errors.append(f"{key}={v}: exit {proc.returncode}: {proc.stdout} {proc.stderr}")

    # Two terminals at once (half the rounds each, on separate keys) plus the GUI-like writer.
    lanes = {
        "throttle_speed_mbps": list(range(2, 2 + ROUNDS // 2)),
        "proxy_port": list(range(3000, 3000 + ROUNDS - ROUNDS // 2)),
    }
    cli_errors: list[str] = []
    results: dict[str, tuple[list[int], list[int]]] = {k: ([], []) for k in lanes}
    writer = threading.Thread(target=gui_like_writer)
    threads = [threading.Thread(target=cli_lane, args=(k, v, *results[k])) for k, v in lanes.items()]
    writer.start()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        stop.set()
        writer.join(timeout=120)
    assert not cli_errors, cli_errors
    assert not svc_errors, svc_errors
    final = _state(root)
    assert final.traffic_limit_gb == svc_ok[-1]
    cli_saved = 0
    for key, (ok, _conflicts) in results.items():
        assert ok, f"no CLI write of {key} went through"
        assert getattr(final, key) == ok[-1]
        cli_saved += len(ok)
    # Every successful write is exactly one revision; nothing else wrote, nothing was written twice.
    assert final.revision - start_revision == len(svc_ok) + cli_saved
    # The race really happened: the stale views were refused, and reported.
    assert svc_conflicts[0] > 0
    print(
        f"CLI: {cli_saved} saved, {sum(len(c) for _, c in results.values())} conflicts; "
        f"service: {len(svc_ok)} saved, {svc_conflicts[0]} conflicts"
    )
