"""The desktop side of the agent: what is deployed, its version, and the agent's JSON read into dataclasses
(produced here by the agent's own status/history code on a temp install root)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mtpm_desktop.remote_agent import AGENT_VERSION, report
from mtpm_desktop.remote_agent.poller import Agent

from mtpm_desktop.remote import agent_client

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[2]


def test_bundle_is_every_agent_module_and_the_version_follows_the_content() -> None:
    files = agent_client.bundle()
    assert set(files) == {p.name for p in (REPO / "remote_agent").glob("*.py")}
    assert "__main__.py" in files and "poller.py" in files
    version = agent_client.bundle_version(files)
    assert version.startswith(AGENT_VERSION + "+") and version == agent_client.bundle_version()
    changed = dict(files, **{"poller.py": files["poller.py"] + b"\n# changed\n"})
    assert agent_client.bundle_version(changed) != version


def test_status_and_history_json_become_dataclasses(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(
        json.dumps(
            {
                "instance_id": "i1",
                "traffic_limit_gb": 2,
                "quota_period": {"kind": "monthly", "day": 1},
                "users": [
                    {"id": "a", "name": "alice", "port": 2443},
                    {
                        "id": "b",
                        "name": "bob",
                        "port": 2444,
                        "unlimited": True,
                        "expires_at": "2020-01-01T00:00:00Z",
                    },
                ],
            }
        )
    )
    agent = Agent(str(tmp_path), docker_socket="/nonexistent")
    now = dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC)
    agent.store.begin()
    agent.store.ensure_user("a", 2443, "monthly:2025-06-01")
    agent.store.add_traffic("a", 1000, 2000, now.timestamp())
    agent.store.commit()

    status = agent_client.parse_status(json.loads(json.dumps(report.status(agent, now))))
    a, b = status.user("a"), status.user("b")
    assert a is not None and b is not None
    assert (a.up_bytes, a.down_bytes, a.period_bytes, a.lifetime_bytes) == (1000, 2000, 3000, 3000)
    assert a.limit_bytes == 2 * 1024**3 and not a.over_limit and not a.throttled
    assert (a.period.kind, a.period.start, a.period.end) == (
        "monthly",
        "2025-06-01T00:00:00Z",
        "2025-07-01T00:00:00Z",
    )
    assert b.limit_bytes is None and b.expired and b.up_bytes == 0
    assert not status.running and status.last_poll is None

    doc = report.history(agent, "a", "2025-06-10T00:00:00Z", "2025-06-11T00:00:00Z", "hour")
    hist = agent_client.parse_history(json.loads(json.dumps(doc)))
    assert len(hist.buckets) == 24 and hist.total_bytes == 3000
    assert hist.buckets[12].start == now and (hist.buckets[12].up, hist.buckets[12].down) == (1000, 2000)
    days = agent_client.parse_history(report.history(agent, "a", "2025-06-01", "2025-07-01", "day"))
    assert len(days.buckets) == 30 and days.buckets[9].up_bytes == 1000
