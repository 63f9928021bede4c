"""The agent's server health against /proc and statvfs read here, and its hourly history (real SQLite)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent import health, report
from mtpm_desktop.remote_agent.poller import Agent, PollReport

pytestmark = pytest.mark.unit
T0 = dt.datetime(2025, 6, 1, 10, 30, tzinfo=dt.UTC)
MiB = 1024**2


def _agent(tmp_path: Path) -> Agent:
    (tmp_path / "config.json").write_text(json.dumps({"instance_id": "i1", "users": []}))
    return Agent(str(tmp_path), docker_socket=str(tmp_path / "no-docker.sock"))


def _meminfo() -> dict[str, int]:
    out = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, _, value = line.partition(":")
        out[key] = int(value.split()[0]) * 1024
    return out


def test_health_matches_proc_and_statvfs(tmp_path: Path) -> None:
    agent = _agent(tmp_path)
    h = report.health(agent)
    mem = _meminfo()
    st = os.statvfs(tmp_path)
    assert set(h) == {
        "cpu_percent", "load1", "mem_total_bytes", "mem_used_bytes", "disk_total_bytes", "disk_used_bytes",
        "net_rx_bps", "net_tx_bps", "uptime_s", "docker_ok", "proxies_running", "warnings",
    }  # fmt: skip
    assert h["mem_total_bytes"] == mem["MemTotal"]
    assert abs(h["mem_used_bytes"] - (mem["MemTotal"] - mem["MemAvailable"])) < max(
        256 * MiB, mem["MemTotal"] // 20
    )
    assert h["disk_total_bytes"] == st.f_blocks * st.f_frsize
    assert abs(h["disk_used_bytes"] - (st.f_blocks - st.f_bfree) * st.f_frsize) < 512 * MiB
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    assert abs(h["uptime_s"] - uptime) < 5
    load1 = float(Path("/proc/loadavg").read_text().split()[0])
    assert abs(h["load1"] - load1) < 2.0
    assert 0.0 <= h["cpu_percent"] <= 100.0
    assert h["net_rx_bps"] >= 0 and h["net_tx_bps"] >= 0
    # No Docker at that socket: said so, nothing counted as running.
    assert h["docker_ok"] is False and h["proxies_running"] == 0
    agent.close()


def test_cpu_and_network_rates_follow_the_counters(tmp_path: Path) -> None:
    """Rates over a busy interval: a spinning loop shows as CPU; the network rate is the /proc delta."""
    before = health.reading()
    stop = time.monotonic() + 0.6
    while time.monotonic() < stop:
        pass
    after = health.reading()
    cpu, rx_bps, tx_bps = health._rates(before, after)
    ncpu = os.cpu_count() or 1
    assert cpu >= 100.0 / ncpu * 0.5  # at least half of one core was busy (the loop above)
    span = after.mono - before.mono
    assert rx_bps == pytest.approx(max(0, after.net_rx - before.net_rx) / span)
    assert tx_bps == pytest.approx(max(0, after.net_tx - before.net_tx) / span)


def test_warnings_for_a_full_disk_and_little_memory() -> None:
    assert health.warnings(100, 50, 100, 50) == []
    assert health.warnings(100, 50, 100, 91) == ["disk_over_90"]
    assert health.warnings(100, 95, 100, 10) == ["memory_under_10_free"]


def test_each_poll_adds_to_its_hour_of_history(tmp_path: Path) -> None:
    agent = _agent(tmp_path)
    cfg, _ = agent.config()
    assert report.health_history(agent, "2025-06-01T00:00:00Z") == {"points": []}
    agent._count(cfg, [], [], T0, PollReport("", 0, 0))  # the mocked clock: 10:30
    agent._count(cfg, [], [], T0 + dt.timedelta(minutes=10), PollReport("", 0, 0))
    agent._count(cfg, [], [], T0 + dt.timedelta(hours=1), PollReport("", 0, 0))  # the hour rolls
    points = report.health_history(agent, "2025-06-01T10:00:00Z")["points"]
    assert [p["t"] for p in points] == ["2025-06-01T10:00:00Z", "2025-06-01T11:00:00Z"]
    first = points[0]
    assert set(first) == {
        "t",
        "cpu_percent",
        "mem_used_bytes",
        "disk_used_bytes",
        "net_rx_bytes",
        "net_tx_bytes",
    }
    st = os.statvfs(tmp_path)
    assert abs(first["disk_used_bytes"] - (st.f_blocks - st.f_bfree) * st.f_frsize) < 512 * MiB
    assert 0 < first["mem_used_bytes"] < _meminfo()["MemTotal"]
    assert first["cpu_percent"] is not None  # the second poll of the hour measured over the first's reading
    assert report.health_history(agent, "2025-06-01T11:00:00Z")["points"] == points[1:]
    # Retention drops old health hours with the traffic history.
    agent.store.prune_history((T0 + dt.timedelta(days=500)).timestamp(), 400)
    assert report.health_history(agent, "2025-01-01T00:00:00Z") == {"points": []}
    agent.close()
