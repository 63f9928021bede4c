"""The agent installed and driven from the desktop side: over the fixture sshd (this machine), through
AgentClient and the `mtpm` CLI, with real containers on the local dockerd."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from mtpm_desktop.remote.agent_client import AgentClient, bundle, bundle_version
from tests.integration.agent_lab import AgentLab, lab_image, poll_until

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
MB = 1_000_000


def _pid(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    # A zombie is dead for our purposes.
    return "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@pytest.fixture
def root(server_profile: Any) -> Path:
    return Path(server_profile.install_root)


@pytest.fixture
def client(server_session: Any, root: Path) -> Iterator[AgentClient]:
    agent = AgentClient(server_session, str(root))
    try:
        yield agent
    finally:
        agent.stop()


def test_deploy_runs_respawns_and_upgrades_by_version(client: AgentClient, root: Path) -> None:
    (root / "config.json").write_text(json.dumps({"instance_id": "agent-deploy-test", "users": []}))
    first = client.ensure()
    assert first.upgraded and first.started and first.version == bundle_version()
    assert (root / "agent" / "VERSION").read_text().strip() == bundle_version()
    assert (root / "agent" / "mtpm_agent" / "poller.py").is_file()
    again = client.ensure()
    assert not again.upgraded and not again.started

    if first.mode == "systemd":  # pragma: no cover - CI machines run without systemd
        return
    data = root / "data"
    agent_pid = poll_until(lambda: _pid(data / "agent.pid"), what="the agent loop to start")
    status = poll_until(lambda: (s := client.status()).last_poll and s, what="a first poll")
    assert status.running and status.deployed_version == bundle_version()
    assert (root / "data" / "traffic.json").is_file()

    # Crash: the respawn loop starts it again.
    os.kill(agent_pid, signal.SIGKILL)
    respawned = poll_until(
        lambda: (p := _pid(data / "agent.pid")) and p != agent_pid and p, what="the agent to be respawned"
    )
    # A different VERSION on the server (an older desktop deployed it): redeployed and restarted.
    (root / "agent" / "VERSION").write_text("0.9+old\n")
    up = client.ensure()
    assert up.upgraded and up.started
    poll_until(lambda: (p := _pid(data / "agent.pid")) and p != respawned, what="the upgraded agent to run")
    assert client.status().deployed_version == bundle_version()

    loop_pid = int((data / "agent-loop.pid").read_text())
    client.stop()
    poll_until(lambda: not _alive(loop_pid), what="the loop to stop")


DEVICE_KEYS = (
    "online",
    "connections",
    "last_seen",
    "devices_now",
    "devices_24h",
    "devices_30d",
    "max_devices",
    "refused_connections",
)


@pytest.fixture(scope="module")
def image(docker_engine: docker.DockerClient, test_run_id: str) -> Iterator[str]:
    yield from lab_image(docker_engine, {"mtpm.test-run": test_run_id})


def test_mtpm_traffic_reset_and_history_cli(
    client: AgentClient,
    root: Path,
    server_profile: Any,
    docker_engine: docker.DockerClient,
    image: str,
    test_run_id: str,
) -> None:
    lab = AgentLab(docker_engine, image, root, {"mtpm.test-run": test_run_id})
    try:
        lab.add_user("u-alice", 2443, metrics=True)
        lab.add_user(
            "u-bob", 2444, metrics=True, traffic_limit_gb=5, quota_period={"kind": "monthly", "day": 1}
        )
        lab.user_cfg("u-alice")["name"] = "alice"
        lab.user_cfg("u-bob")["name"] = "bob"
        lab.user_cfg("u-bob")["max_devices"] = 3
        lab.save()

        def mtpm(*args: str) -> Any:
            proc = subprocess.run(
                [sys.executable, "-m", "mtpm_desktop.cli", "-s", server_profile.name, *args, "--json"],
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
            return json.loads(proc.stdout)

        mtpm("traffic")  # installs and starts the agent on first use
        lab.push("u-alice", 2 * MB)
        lab.pull("u-bob", 1 * MB)
        lab.poll()
        users = {u["name"]: u for u in mtpm("traffic")["users"]}
        assert (users["alice"]["up_bytes"], users["bob"]["down_bytes"]) == (2 * MB, 1 * MB)
        assert users["alice"]["limit_bytes"] is None
        assert users["bob"]["limit_bytes"] == 5 * 1024**3
        assert users["bob"]["period"]["kind"] == "monthly" and users["bob"]["period"]["start"].endswith(
            "-01T00:00:00Z"
        )
        # Who is online and their devices: counts only (the lab's proxies publish no port: nobody is).
        assert {k: users["bob"][k] for k in DEVICE_KEYS} == {
            "online": False,
            "connections": 0,
            "last_seen": users["bob"]["last_seen"],
            "devices_now": 0,
            "devices_24h": 0,
            "devices_30d": 0,
            "max_devices": 3,
            "refused_connections": 0,
        }
        assert users["bob"]["last_seen"] and users["bob"]["last_seen"] <= dt.datetime.now(dt.UTC).isoformat()
        assert users["alice"]["max_devices"] == 0
        assert mtpm("user", "devices", "alice") == {"id": "u-alice", "name": "alice", "devices": []}
        only = mtpm("traffic", "--user", "bob")["users"]
        assert [u["name"] for u in only] == ["bob"]

        assert mtpm("traffic", "reset", "--user", "alice") == {"reset": ["u-alice"]}
        users = {u["name"]: u for u in mtpm("traffic")["users"]}
        assert users["alice"]["up_bytes"] == 0 and users["bob"]["down_bytes"] == 1 * MB

        today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        tomorrow = today + dt.timedelta(days=1)
        hist = mtpm(
            "history", "bob", "--since", today.isoformat(), "--until", tomorrow.isoformat(), "--step", "day"
        )
        assert hist["user"] == "u-bob" and [b["down_bytes"] for b in hist["buckets"]] == [1 * MB]
    finally:
        lab.cleanup()


def test_agent_runs_on_an_older_server_python(
    docker_engine: docker.DockerClient, test_images: Any, tmp_path: Path, test_run_id: str
) -> None:
    """Servers run their own python3 (3.8+): the agent's commands work on the test image's Python 3.9."""
    pkg = tmp_path / "agent" / "mtpm_agent"
    pkg.mkdir(parents=True)
    for name, data in bundle().items():
        (pkg / name).write_bytes(data)
    config = {
        "instance_id": "x",
        "users": [{"id": "a", "port": 1, "quota_period": {"kind": "monthly", "day": 31}}],
    }
    script = (
        "set -e; python3 --version; mkdir -p /tmp/r; printf '%s' \"$CONFIG\" > /tmp/r/config.json; "
        "python3 -m mtpm_agent status --root /tmp/r; "
        "python3 -m mtpm_agent history --user a --since 2025-01-01 --until 2025-01-03 --step day "
        "--root /tmp/r"
    )
    out = docker_engine.containers.run(
        test_images.base,
        ["sh", "-c", script],
        remove=True,
        network_mode="none",
        environment={"PYTHONPATH": "/a", "CONFIG": json.dumps(config)},
        volumes={str(tmp_path / "agent"): {"bind": "/a", "mode": "ro"}},
        labels={"mtpm.test-run": test_run_id},
    ).decode()
    assert "Python 3.9" in out
    docs = out[out.index("{") :]
    status_text, history_text = docs.split("\n}\n", 1)
    assert json.loads(status_text + "\n}")["users"][0]["period"]["kind"] == "monthly"
    assert len(json.loads(history_text)["buckets"]) == 2
