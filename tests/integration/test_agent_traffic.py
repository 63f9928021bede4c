"""The agent against real containers on the local dockerd, real tc and nsenter, run as a real process.

Numbers: byte counts within 5% (netdev counters include TCP/IP headers and ACKs), exact on the metrics path;
throttled throughput within 15% of the rate.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docker
import pytest
from mtpm_desktop.remote_agent import shaping

from tests.integration.agent_lab import AgentLab, agent_cmd, agent_env, lab_image, open_lab, poll_until

pytestmark = pytest.mark.integration

MB = 1_000_000


@pytest.fixture(scope="module")
def image(docker_engine: docker.DockerClient, test_run_id: str) -> Iterator[str]:
    yield from lab_image(docker_engine, {"mtpm.test-run": test_run_id})


@pytest.fixture
def lab(
    docker_engine: docker.DockerClient, image: str, tmp_path: Path, test_run_id: str
) -> Iterator[AgentLab]:
    with open_lab(docker_engine, image, tmp_path, test_run_id) as lab:
        yield lab


def near(value: int, expected: int, tolerance: float = 0.05) -> bool:
    return abs(value - expected) <= expected * tolerance


def test_bytes_show_up_in_that_users_counters_only(lab: AgentLab) -> None:
    lab.add_user("ua", 2443)
    lab.add_user("ub", 2444)
    lab.add_user("uc", 2445)
    lab.poll()  # baselines: the handshakes made while starting count as each user's own
    before = lab.status()
    lab.push("ua", 8 * MB)
    lab.pull("ub", 6 * MB)
    lab.poll()
    after = lab.status()

    def grew(uid: str, key: str) -> int:
        return int(after[uid][key] - before[uid][key])

    assert near(grew("ua", "up_bytes"), 8 * MB)
    assert near(grew("ub", "down_bytes"), 6 * MB)
    # What the other direction/users see is only ACKs: far below the traffic pushed.
    assert grew("ua", "down_bytes") < 0.05 * 8 * MB
    assert grew("ub", "up_bytes") < 0.05 * 6 * MB
    # A bystander sees only the namespace's own chatter (IPv6 router solicitations...), never this traffic.
    assert grew("uc", "up_bytes") < 10_000 and grew("uc", "down_bytes") < 10_000
    assert after["ua"]["lifetime_up_bytes"] == after["ua"]["up_bytes"]
    # traffic.json keeps the old panel's fields for old readers
    traffic = json.loads((lab.root / "data" / "traffic.json").read_text())
    assert traffic["per_user"]["2443"]["rx_bytes"] == after["ua"]["lifetime_up_bytes"]
    assert traffic["rx_bytes"] == sum(u["lifetime_up_bytes"] for u in after.values())
    assert set(traffic["last_per_container"]) == {u.container.name for u in lab.users.values()}


def test_engine_metrics_counted_exactly_with_connections(lab: AgentLab) -> None:
    lab.add_user("um", 2443, metrics=True)
    lab.poll()
    lab.push("um", 3 * MB + 17)
    lab.pull("um", 2 * MB + 5)
    report = lab.poll()
    st = lab.status()["um"]
    assert (st["up_bytes"], st["down_bytes"]) == (3 * MB + 17, 2 * MB + 5)
    assert report["connections"] == {"um": 0}
    assert st["live_connections"] == 0


def test_container_restart_and_agent_sigkill_never_double_count(lab: AgentLab) -> None:
    lab.add_user("ua", 2443)
    lab.poll()
    sent = 4 * MB
    lab.push("ua", 4 * MB)
    lab.poll()
    lab.restart("ua")  # counters in the new namespace start from 0
    lab.push("ua", 3 * MB)
    sent += 3 * MB
    lab.poll()
    lab.poll()  # a second poll with nothing new adds nothing
    assert near(lab.status()["ua"]["up_bytes"], sent)

    # The service loop killed hard several times while polling every 0.2 s: nothing counted twice.
    for _ in range(3):
        loop = subprocess.Popen(
            agent_cmd(lab.root, "run", "--interval", "0.2"),
            env=agent_env(lab.root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            first = lab.agent("status")["last_poll"]
            lab.push("ua", 2 * MB)
            sent += 2 * MB
            poll_until(lambda f=first: lab.agent("status")["last_poll"] != f, what="a poll of the loop")
        finally:
            loop.send_signal(signal.SIGKILL)
            loop.wait()
    lab.poll()
    assert near(lab.status()["ua"]["up_bytes"], sent)


def test_reset_gives_exactly_zero_and_counting_resumes(lab: AgentLab) -> None:
    # Engine metrics count exactly what the proxy relayed; netdev counters also tick with the namespace's
    # own chatter (router solicitations), which would blur "exactly".
    lab.add_user("ua", 2443, metrics=True)
    lab.add_user("ub", 2444, metrics=True)
    lab.push("ua", 2 * MB)
    lab.push("ub", 2 * MB)
    lab.poll()
    b_before = lab.status()["ub"]
    assert lab.agent("reset", "--user", "ua") == {"reset": ["ua"]}
    st = lab.status()
    assert (st["ua"]["up_bytes"], st["ua"]["down_bytes"]) == (0, 0)
    assert st["ua"]["lifetime_up_bytes"] >= 2 * MB  # lifetime is history, a reset does not rewrite it
    assert st["ub"]["up_bytes"] == b_before["up_bytes"]  # others untouched
    lab.poll()
    assert lab.status()["ua"]["up_bytes"] == 0  # the next poll does not bring the old bytes back
    lab.push("ua", 3 * MB)
    lab.poll()
    assert lab.status()["ua"]["up_bytes"] == 3 * MB
    lab.agent("reset")
    assert all((u["up_bytes"], u["down_bytes"]) == (0, 0) for u in lab.status().values())


def test_reset_while_the_service_loop_polls_is_not_undone(lab: AgentLab) -> None:
    """The old panel's reset was undone by its next poll; here the loop polls every 0.2 s meanwhile."""
    lab.add_user("ua", 2443, metrics=True)
    lab.push("ua", 2 * MB)
    loop = subprocess.Popen(
        agent_cmd(lab.root, "run", "--interval", "0.2"),
        env=agent_env(lab.root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        poll_until(lambda: lab.status()["ua"]["up_bytes"] == 2 * MB, what="the loop to count")
        for _ in range(5):
            assert lab.agent("reset", "--user", "ua") == {"reset": ["ua"]}
            assert lab.status()["ua"]["up_bytes"] == 0
        polled = lab.agent("status")["last_poll"]
        poll_until(lambda: lab.agent("status")["last_poll"] != polled, what="another poll of the loop")
        assert lab.status()["ua"]["up_bytes"] == 0
        lab.push("ua", 1 * MB)
        poll_until(lambda: lab.status()["ua"]["up_bytes"] == 1 * MB, what="counting to resume")
    finally:
        loop.send_signal(signal.SIGTERM)
        loop.wait(timeout=30)
    assert loop.returncode == 0  # SIGTERM: finishes cleanly, no half-written files
    assert not (lab.root / "data" / "agent.pid").exists()


def _rate(nbytes: int, seconds: float) -> float:
    return nbytes / seconds


def test_throttle_over_limit_removed_when_raised_back_after_restart(lab: AgentLab) -> None:
    mbps = 8  # = 1,000,000 bytes/s
    rate = mbps * 1_000_000 / 8
    lab.add_user("ua", 2443, traffic_limit_gb=0.002, throttle_speed_mbps=mbps)
    lab.add_user("ub", 2444, traffic_limit_gb=0.002, throttle_speed_mbps=mbps)
    lab.push("ua", 3 * MB)  # over 0.002 GiB = 2.1 MB
    lab.poll()
    st = lab.status()
    assert st["ua"]["over_limit"] and st["ua"]["throttled"]
    assert not st["ub"]["throttled"]
    pid = lab.users["ua"].container.attrs["State"]["Pid"]
    assert _tc_rate(pid) == "8Mbit"

    down = _rate(3 * MB, lab.pull("ua", 3 * MB))
    up = _rate(3 * MB, lab.push("ua", 3 * MB))
    assert abs(down - rate) <= 0.15 * rate, f"download {down:.0f} B/s, throttle {rate:.0f} B/s"
    assert abs(up - rate) <= 0.15 * rate, f"upload {up:.0f} B/s, throttle {rate:.0f} B/s"
    assert _rate(3 * MB, lab.pull("ub", 3 * MB)) > 3 * rate  # the other user is not slowed

    lab.restart("ua")  # a new namespace has no qdisc: the next poll puts it back
    pid = lab.users["ua"].container.attrs["State"]["Pid"]
    assert _tc_rate(pid) is None
    lab.poll()
    assert _tc_rate(pid) == "8Mbit"

    lab.set_user("ua", traffic_limit_gb=1)
    lab.poll()
    assert not lab.status()["ua"]["throttled"]
    assert _tc_rate(pid) is None
    assert _rate(4 * MB, lab.pull("ua", 4 * MB)) > 3 * rate


def _tc_rate(pid: int) -> str | None:
    rate = shaping.current_rate(pid)
    return None if rate is None else str(rate)


def test_period_rollover_zeroes_the_period_and_lifts_the_throttle(lab: AgentLab) -> None:
    lab.state["quota_period"] = {"kind": "monthly", "day": 31}
    lab.add_user("ua", 2443, metrics=True, traffic_limit_gb=0.001)
    lab.push("ua", 2 * MB)
    lab.poll()
    st = lab.status()["ua"]
    assert st["throttled"] and st["period"]["kind"] == "monthly"
    start = dt.datetime.fromisoformat(st["period"]["end"].replace("Z", "+00:00"))
    later = (start + dt.timedelta(hours=1)).isoformat()
    lab.poll("--now", later)
    data = json.loads((lab.root / "data" / "agent-state.json").read_text())
    assert data["throttles"] == {}
    st = {u["id"]: u for u in lab.agent("status", "--now", later)["users"]}["ua"]
    assert (st["up_bytes"], st["lifetime_up_bytes"]) == (0, 2 * MB)
    assert st["period"]["start"] == start.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_expiry_stops_the_container_and_a_later_date_brings_it_back(lab: AgentLab) -> None:
    user = lab.add_user("ua", 2443)
    lab.add_user("ub", 2444)
    lab.set_user("ua", expires_at="2020-01-01T00:00:00Z")
    report = lab.poll()
    assert any("expired" in a for a in report["actions"])
    user.container.reload()
    assert user.container.status == "exited"
    assert lab.users["ub"].container.status == "running"
    st = lab.status()
    assert st["ua"]["expired"] and not st["ub"]["expired"]
    lab.set_user("ua", expires_at=None)
    lab.poll()
    user.container.reload()
    assert user.container.status == "running"
    assert not lab.status()["ua"]["expired"]


def test_deleted_users_port_reused_new_user_starts_at_zero(lab: AgentLab) -> None:
    lab.add_user("old", 2443)
    lab.push("old", 3 * MB)
    lab.poll()
    lab.remove_user("old")
    lab.poll()
    lab.add_user("new", 2443)
    lab.poll()
    st = lab.status()
    assert "old" not in st
    assert st["new"]["up_bytes"] < 100_000  # only its own connection handshakes
    lab.push("new", 1 * MB)
    lab.poll()
    assert near(lab.status()["new"]["up_bytes"], 1 * MB, 0.1)


def test_history_of_the_day_sums_to_the_counters(lab: AgentLab) -> None:
    lab.add_user("ua", 2443)
    for n in (1, 2, 3):
        lab.push("ua", n * MB)
        lab.pull("ua", MB)
        lab.poll()
    st = lab.status()["ua"]
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    since, until = today.isoformat(), (today + dt.timedelta(days=1)).isoformat()
    hours = lab.agent("history", "--user", "ua", "--since", since, "--until", until, "--step", "hour")
    assert len(hours["buckets"]) == 24
    assert sum(b["up_bytes"] for b in hours["buckets"]) == st["lifetime_up_bytes"]
    assert sum(b["down_bytes"] for b in hours["buckets"]) == st["lifetime_down_bytes"]
    days = lab.agent("history", "--user", "ua", "--since", since, "--until", until, "--step", "day")
    assert [b["up_bytes"] for b in days["buckets"]] == [st["lifetime_up_bytes"]]


def test_status_calls_never_fail_while_the_loop_writes(lab: AgentLab) -> None:
    """Every CLI call opens the history database while the service loop may be creating or writing it: a
    call must wait for the lock, never fail with "database is locked" (seen once in a full CI run). Each
    round races the loop's first open of a new database; the race is narrow and did not reproduce that
    failure on demand, so this guards the behaviour rather than proving the fix."""
    lab.add_user("ua", 2443, metrics=True)
    data = lab.root / "data"
    for _ in range(8):
        for f in data.glob("history.sqlite3*"):
            f.unlink()
        loop = subprocess.Popen(
            agent_cmd(lab.root, "run", "--interval", "0.05"),
            env=agent_env(lab.root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for i in range(4):
                lab.push("ua", 1000)
                assert "users" in lab.agent("status"), i  # lab.agent raises on a failed call
        finally:
            loop.send_signal(signal.SIGTERM)
            loop.wait(timeout=30)
