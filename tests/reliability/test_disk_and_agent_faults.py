"""A full disk on the server, and the traffic agent SIGKILLed in the middle of its writes."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.state import load_state
from mtpm_desktop.remote.service import ServerService
from tests.fixtures.faults import fill, small_tmpfs
from tests.fixtures.ports import free_port
from tests.integration.agent_lab import AgentLab, agent_cmd, agent_env, lab_image
from tests.integration.orchestration_helpers import new_service

pytestmark = pytest.mark.integration
SEED = 3030


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "filler" and p.name != ".lock"
    }


def test_full_install_root_fails_clearly_and_keeps_previous_files(
    server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any
) -> None:
    with small_tmpfs(1024) as mount:
        profile = type(server_profile)(**{**vars(server_profile), "install_root": str(mount)})
        service = new_service(server_session, profile, test_engine, docker_cleanup)
        assert service.root == str(mount)
        service.add_user("anna", port=free_port())
        before = _snapshot(mount)
        assert "config.json" in before and any(k.startswith("proxies/") for k in before)

        fill(mount)
        attempts: dict[str, Callable[[], object]] = {
            "add a user": lambda: service.add_user("boris", port=free_port()),
            "change a setting": lambda: service.set_setting("traffic_limit_gb", "5"),
            "regenerate a secret": lambda: service.regenerate_secret("anna"),
        }
        for what, attempt in attempts.items():
            with pytest.raises(MtpmError) as caught:
                attempt()
            message = caught.value.message
            assert "space" in message.lower(), f"{what}: {message}"
            # The previous files are intact and no temp file is left behind.
            assert _snapshot(mount) == before, what
        load_state((mount / "config.json").read_text())

        (mount / "filler").unlink()  # the admin frees space: everything works again
        added = service.add_user("boris", port=free_port())
        assert added.reconcile.ok, added.reconcile.errors
        assert {u.name for u in service.list_users()} == {"anna", "boris"}


# --- agent SIGKILL ------------------------------------------------------------------------------------


@pytest.fixture
def lab(docker_engine: docker.DockerClient, tmp_path: Path, test_run_id: str) -> Iterator[AgentLab]:
    labels = {"mtpm.test-run": test_run_id}
    for image in lab_image(docker_engine, labels):
        root = tmp_path / "opt-mtpm"
        root.mkdir()
        lab = AgentLab(docker_engine, image, root, labels)
        try:
            yield lab
        finally:
            lab.cleanup()


def test_agent_sigkilled_during_its_writes_never_loses_or_doubles_bytes(lab: AgentLab) -> None:
    """Engine-metrics users are counted to the byte, so "never backwards, never double" is exact: after
    every kill the counters are between the previous value and the bytes sent, and one clean poll at the
    end makes them equal to the bytes sent."""
    lab.add_user("ua", free_port(), metrics=True)
    lab.add_user("ub", free_port(), metrics=True)
    lab.poll()
    base = {uid: (u["lifetime_up_bytes"], u["lifetime_down_bytes"]) for uid, u in lab.status().items()}
    sent = {uid: [0, 0] for uid in base}
    previous = dict(base)
    rng = random.Random(SEED)
    # How long one poll takes here: kills are spread over that span (the machine's speed varies a lot).
    started = time.monotonic()
    lab.agent("poll-once")
    span = time.monotonic() - started
    killed_mid_run = rounds = 0
    # Until 20 kills landed while the agent ran (a kill after it exited tests nothing), at most 300 rounds.
    while killed_mid_run < 20 and rounds < 300:
        rounds += 1
        uid = rng.choice(sorted(sent))
        n = rng.randint(1, 400_000)
        if rng.random() < 0.5:
            lab.push(uid, n)
            sent[uid][0] += n
        else:
            lab.pull(uid, n)
            sent[uid][1] += n
        proc = subprocess.Popen(
            agent_cmd(lab.root, "poll-once"),
            env=agent_env(lab.root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # A kill at a random moment of the poll: interpreter start, Docker reads, the SQLite transaction,
        # the traffic.json export.
        time.sleep(rng.random() * span)
        proc.send_signal(signal.SIGKILL)
        if proc.wait() == -signal.SIGKILL:
            killed_mid_run += 1
        else:
            span *= 0.8  # this poll ran faster than the measured one (the load changed): aim earlier
        now = lab.status()
        traffic = json.loads((lab.root / "data" / "traffic.json").read_text())  # always a whole document
        assert isinstance(traffic, dict)
        for u, (up0, down0) in base.items():
            up, down = now[u]["lifetime_up_bytes"], now[u]["lifetime_down_bytes"]
            assert previous[u][0] <= up <= up0 + sent[u][0], (u, "up", previous[u][0], up, up0 + sent[u][0])
            assert previous[u][1] <= down <= down0 + sent[u][1], (u, "down")
            previous[u] = (up, down)
    assert killed_mid_run >= 20, "the kills must land while the agent runs"
    lab.poll()
    final = lab.status()
    for u, (up0, down0) in base.items():
        assert final[u]["lifetime_up_bytes"] - up0 == sent[u][0]
        assert final[u]["lifetime_down_bytes"] - down0 == sent[u][1]


def test_service_is_typed_when_state_file_is_damaged(
    server_session: Any, server_profile: Any, test_engine: Any, docker_cleanup: Any
) -> None:
    """A damaged config.json on the server: every edit is refused with StateFileError, the file untouched."""
    service = ServerService(
        server_session, root=server_profile.install_root, engine=test_engine, manage_agent=False
    )
    path = Path(server_profile.install_root) / "config.json"
    for damaged in (
        b'{"users": [',
        b"[" * 50_000,
        b'{"revision": 1' + b"0" * 5000 + b"}",
        b"\xff\xfe",
        b'{"users": {"a": 1}}',
        b"null",
    ):
        path.write_bytes(damaged)
        with pytest.raises(MtpmError):
            service.add_user("anna", port=free_port())
        assert path.read_bytes() == damaged
        assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
