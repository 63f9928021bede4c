"""Per-container deltas into per-user counters and hourly history (real SQLite in a temp root).

Containers here are plain records, as the Docker API would describe them: the accounting under test is
the agent's own code, fed the counter samples it would have read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent.counters import Sample
from mtpm_desktop.remote_agent.dockerapi import ProxyContainer
from mtpm_desktop.remote_agent.poller import Agent, PollReport, Running
from mtpm_desktop.remote_agent.store import Store

pytestmark = pytest.mark.unit
T0 = dt.datetime(2025, 6, 1, 10, 30, tzinfo=dt.UTC)


def _root(tmp_path: Path, users: list[dict[str, object]]) -> Path:
    (tmp_path / "config.json").write_text(json.dumps({"instance_id": "i1", "users": users}))
    return tmp_path


def _container(cid: str, uid: str, port: int) -> ProxyContainer:
    return ProxyContainer(cid, f"mtg-proxy-{port}", uid, port, True, {}, {})


class Feed:
    """Drives Agent._count with the samples a poll would have read."""

    def __init__(self, root: Path) -> None:
        self.agent = Agent(str(root), docker_socket="/nonexistent")

    def count(self, at: dt.datetime, *samples: tuple[ProxyContainer, str, int, int, str]) -> None:
        runs = []
        for c, started, rx, tx, source in samples:
            runs.append(Running(c, pid=1, started_at=started, sample=Sample(rx, tx), source=source))
        cfg, _ = self.agent.config()
        self.agent._count(cfg, [r.container for r in runs], runs, at, PollReport("", 0, 0))

    def user(self, uid: str) -> tuple[int, int, int, int]:
        u = self.agent.store.users()[uid]
        return u.rx_period, u.tx_period, u.rx_total, u.tx_total


def test_deltas_restarts_and_resets_of_counters(tmp_path: Path) -> None:
    feed = Feed(_root(tmp_path, [{"id": "a", "port": 1}, {"id": "b", "port": 2}]))
    ca, cb = _container("c1", "a", 1), _container("c2", "b", 2)
    feed.count(T0, (ca, "s1", 100, 10, "netdev"), (cb, "s1", 5, 5, "netdev"))  # first sight: all of it
    assert feed.user("a") == (100, 10, 100, 10)
    feed.count(T0, (ca, "s1", 150, 30, "netdev"), (cb, "s1", 5, 5, "netdev"))
    assert feed.user("a") == (150, 30, 150, 30) and feed.user("b") == (5, 5, 5, 5)
    feed.count(T0, (ca, "s2", 40, 4, "netdev"), (cb, "s1", 5, 5, "netdev"))  # restarted: new StartedAt
    assert feed.user("a")[:2] == (190, 34)
    feed.count(T0, (ca, "s2", 7, 50, "netdev"))  # counter went back (engine restarted inside)
    assert feed.user("a")[:2] == (197, 84)
    feed.count(T0, (ca, "s2", 1000, 1000, "metrics"))  # source switched: new baseline, nothing counted
    assert feed.user("a")[:2] == (197, 84)
    feed.count(T0, (ca, "s2", 1010, 1001, "metrics"))
    assert feed.user("a")[:2] == (207, 85)


def test_reopened_after_a_crash_continues_from_the_committed_baselines(tmp_path: Path) -> None:
    root = _root(tmp_path, [{"id": "a", "port": 1}])
    ca = _container("c1", "a", 1)
    feed = Feed(root)
    feed.count(T0, (ca, "s1", 100, 0, "netdev"))
    # A transaction cut short (SIGKILL between BEGIN and COMMIT) leaves nothing behind.
    feed.agent.store.begin()
    feed.agent.store.add_traffic("a", 999, 999, T0.timestamp())
    feed.agent.store.db.close()
    feed = Feed(root)
    feed.count(T0, (ca, "s1", 130, 0, "netdev"))
    assert feed.user("a")[:2] == (130, 0)


def test_history_buckets_by_hour_sum_to_the_lifetime_counters(tmp_path: Path) -> None:
    feed = Feed(_root(tmp_path, [{"id": "a", "port": 1}]))
    ca = _container("c1", "a", 1)
    for i, minutes in enumerate((0, 20, 45, 70, 200)):
        feed.count(T0 + dt.timedelta(minutes=minutes), (ca, "s1", 1000 * (i + 1), 10 * (i + 1), "netdev"))
    rows = feed.agent.store.history("a", T0.timestamp() - 3600, T0.timestamp() + 86400)
    assert [h for h, _, _ in rows] == [int(T0.replace(minute=0).timestamp()) + k * 3600 for k in (0, 1, 3)]
    assert sum(r for _, r, _ in rows) == feed.user("a")[2] == 5000
    assert sum(t for _, _, t in rows) == feed.user("a")[3] == 50


def test_period_rollover_and_forgotten_users(tmp_path: Path) -> None:
    root = _root(
        tmp_path,
        [{"id": "a", "port": 1, "quota_period": {"kind": "monthly", "day": 15}}, {"id": "b", "port": 2}],
    )
    feed = Feed(root)
    ca, cb = _container("c1", "a", 1), _container("c2", "b", 2)
    feed.count(T0, (ca, "s", 100, 1, "netdev"), (cb, "s", 7, 7, "netdev"))
    feed.count(
        dt.datetime(2025, 6, 15, tzinfo=dt.UTC), (ca, "s", 150, 1, "netdev"), (cb, "s", 7, 7, "netdev")
    )
    # The period restarts at the first poll in it; what that poll reads (at most one poll interval of
    # traffic, partly from before midnight) counts in the new period.
    assert feed.user("a") == (50, 0, 150, 1)
    # b was deleted from config.json and its container is gone: its counters go too.
    (root / "config.json").write_text(json.dumps({"instance_id": "i1", "users": [{"id": "a", "port": 1}]}))
    feed.count(dt.datetime(2025, 6, 16, tzinfo=dt.UTC), (ca, "s", 150, 1, "netdev"))
    assert set(feed.agent.store.users()) == {"a"}


def test_store_reset_and_retention(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "h.sqlite3"))
    store.begin()
    store.ensure_user("a", 1, "lifetime")
    store.add_traffic("a", 10, 20, 0)
    store.add_traffic("a", 1, 2, 400 * 86400)
    store.commit()
    assert store.reset(["a", "ghost"], 5.0) == ["a"]
    u = store.users()["a"]
    assert (u.rx_period, u.tx_period, u.rx_total, u.tx_total, u.reset_at) == (0, 0, 11, 22, 5.0)
    store.prune_history(400 * 86400 + 10, 395)
    assert store.history("a", 0, 10**10) == [(400 * 86400, 1, 2)]


def test_old_panel_counters_are_added_once_to_the_users_on_those_ports(tmp_path: Path) -> None:
    root = _root(tmp_path, [{"id": "a", "port": 2443}, {"id": "b", "port": 2444}])
    data = root / "data"
    data.mkdir()
    panel = {
        "rx_bytes": 999,
        "tx_bytes": 999,
        "per_user": {"2443": {"rx_bytes": 100, "tx_bytes": 200}, "2444": {"rx": 5, "tx": 6}, "9999": 7},
        "last_per_container": {"mtg-proxy-2443": {"rx_bytes": 1, "tx_bytes": 2}},
    }
    (data / "panel-traffic.json").write_text(json.dumps(panel))
    feed = Feed(root)
    feed.count(T0)
    feed.count(T0)  # seeded once, not at every poll
    assert feed.user("a") == (100, 200, 100, 200)
    assert feed.user("b") == (5, 6, 5, 6)
    ca = _container("c1", "a", 2443)
    feed.count(T0, (ca, "s", 10, 0, "netdev"))
    assert feed.user("a")[:2] == (110, 200)
