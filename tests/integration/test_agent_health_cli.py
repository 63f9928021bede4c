"""`mtpm -s S health [--json]` and `health --history` through the CLI, the fixture sshd (this machine) and the
agent on the local dockerd: the keys exactly as documented, values against /proc and statvfs read here."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from tests.integration.agent_lab import AgentLab, lab_image

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
MiB = 1024**2


@pytest.fixture(scope="module")
def image(docker_engine: docker.DockerClient, test_run_id: str) -> Iterator[str]:
    yield from lab_image(docker_engine, {"mtpm.test-run": test_run_id})


def _mtpm(profile: str, *args: str) -> Any:
    proc = subprocess.run(
        [sys.executable, "-m", "mtpm_desktop.cli", "-s", profile, *args, "--json"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    return json.loads(proc.stdout)


def test_health_over_the_cli_matches_this_machine(
    docker_engine: docker.DockerClient, image: str, server_profile: Any, test_run_id: str
) -> None:
    root = Path(server_profile.install_root)
    lab = AgentLab(docker_engine, image, root, {"mtpm.test-run": test_run_id})
    try:
        lab.add_user("u-a", 2443)
        lab.add_user("u-b", 2444)
        lab.users["u-b"].container.stop(timeout=1)
        h = _mtpm(server_profile.name, "health")
        assert set(h) == {
            "cpu_percent", "load1", "mem_total_bytes", "mem_used_bytes", "disk_total_bytes",
            "disk_used_bytes", "net_rx_bps", "net_tx_bps", "uptime_s", "docker_ok", "proxies_running",
            "warnings",
        }  # fmt: skip
        meminfo = {
            line.split(":")[0]: int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
        }
        st = os.statvfs(root)
        assert h["mem_total_bytes"] == meminfo["MemTotal"]
        used = meminfo["MemTotal"] - meminfo["MemAvailable"]
        assert abs(h["mem_used_bytes"] - used) < max(256 * MiB, meminfo["MemTotal"] // 20)
        assert h["disk_total_bytes"] == st.f_blocks * st.f_frsize
        assert abs(h["disk_used_bytes"] - (st.f_blocks - st.f_bfree) * st.f_frsize) < 512 * MiB
        assert abs(h["uptime_s"] - float(Path("/proc/uptime").read_text().split()[0])) < 30
        assert h["docker_ok"] is True and h["proxies_running"] == 1  # u-b is stopped
        expected = []
        if (st.f_blocks - st.f_bfree) / st.f_blocks > 0.9:
            expected.append("disk_over_90")
        if meminfo["MemAvailable"] / meminfo["MemTotal"] < 0.1:
            expected.append("memory_under_10_free")
        assert h["warnings"] == expected

        # The CLI started the agent's service loop, which polls (every 10 s); force one poll now too.
        lab.poll()
        hour = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
        since = (hour - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points = _mtpm(server_profile.name, "health", "--history", "--since", since)["points"]
        assert points and points[-1]["t"] == hour.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert set(points[-1]) == {
            "t", "cpu_percent", "mem_used_bytes", "disk_used_bytes", "net_rx_bytes", "net_tx_bytes"
        }  # fmt: skip
        assert abs(points[-1]["disk_used_bytes"] - (st.f_blocks - st.f_bfree) * st.f_frsize) < 512 * MiB
    finally:
        lab.cleanup()
