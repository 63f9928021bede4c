"""What the agent tells the desktop: `status` and `history` as JSON-ready dicts (files only, no Docker)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from . import AGENT_VERSION
from . import health as health_mod
from .dockerapi import DockerApiError
from .policy import UTC, parse_time
from .poller import Agent, AgentError, iso
from .presence import empty_summary
from .store import HOUR

DAY = 86400


def _deployed_version(root: str) -> str | None:
    try:
        with open(os.path.join(root, "agent", "VERSION"), encoding="utf-8") as fh:
            return fh.read().strip() or None
    except OSError:
        return None


def loop_pid(agent: Agent) -> int | None:
    """PID of the running `run` loop (None when it is not running)."""
    try:
        with open(os.path.join(agent.data, "agent.pid"), encoding="ascii") as fh:
            pid = int(fh.read().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def status(agent: Agent, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or dt.datetime.now(UTC)
    cfg, raw = agent.config()
    state = agent.agent_state()
    seen = agent.presence.summary(raw, now)
    last = state.get("last_poll") or {}
    counters = agent.store.users()
    throttled = {}
    for entry in state["throttles"].values():
        throttled[entry.get("user_id")] = entry
    users: list[dict[str, Any]] = []
    for uid, p in cfg.users.items():
        c = counters.get(uid)
        start, end = p.period.bounds(now)
        up, down = (c.rx_period, c.tx_period) if c else (0, 0)
        users.append(
            {
                "id": uid,
                "name": p.name,
                "port": p.port,
                "enabled": p.enabled,
                "up_bytes": up,
                "down_bytes": down,
                "period_bytes": up + down,
                "lifetime_up_bytes": c.rx_total if c else 0,
                "lifetime_down_bytes": c.tx_total if c else 0,
                "limit_bytes": p.limit_bytes,
                "unlimited": p.limit_bytes is None,
                "over_limit": p.limit_bytes is not None and up + down >= p.limit_bytes,
                "throttle_mbps": p.throttle_mbps,
                "throttled": uid in throttled,
                "throttled_since": (throttled.get(uid) or {}).get("since"),
                "expires_at": iso(p.expires_at),
                "expired": p.is_expired(now),
                "period": {
                    "kind": p.period.kind,
                    "day": p.period.day if p.period.kind == "monthly" else None,
                    "start": iso(start),
                    "end": iso(end),
                },
                "reset_at": iso(dt.datetime.fromtimestamp(c.reset_at, UTC)) if c and c.reset_at else None,
                "live_connections": (last.get("connections") or {}).get(uid),
                **_presence(seen.get(uid)),
            }
        )
    users.sort(key=lambda u: (u["port"], u["id"]))
    return {
        "agent_version": AGENT_VERSION,
        "deployed_version": _deployed_version(agent.root),
        "running": loop_pid(agent) is not None,
        "pid": loop_pid(agent),
        "poll_seconds": cfg.poll_seconds,
        "last_poll": last.get("at"),
        "last_poll_report": last,
        "errors": sorted(set(last.get("errors") or []) | set(cfg.errors)),
        "users": users,
    }


def _presence(seen: dict[str, Any] | None) -> dict[str, Any]:
    """online, connections, last_seen (ISO), devices_now/_24h/_30d, max_devices, refused_connections."""
    out = dict(seen or empty_summary())
    stamp = out.get("last_seen")
    out["last_seen"] = iso(dt.datetime.fromtimestamp(stamp, UTC)) if stamp else None
    return out


def devices(agent: Agent, user_id: str) -> dict[str, Any]:
    """One user's client IPs: asked for by the admin, never part of `status`."""
    cfg, _ = agent.config()
    if user_id not in cfg.users:
        raise ValueError(f"config.json has no user {user_id}")
    rows = agent.presence.devices(user_id)
    for row in rows:
        row["last_seen"] = iso(dt.datetime.fromtimestamp(row["last_seen"], UTC))
        row["connected"] = row["connections"] > 0
    return {"user": user_id, "devices": rows}


def history(agent: Agent, user_id: str, since: str, until: str, step: str) -> dict[str, Any]:
    start, end = parse_time(since), parse_time(until)
    if start is None or end is None or end <= start:
        raise ValueError("--since and --until must be ISO 8601 times with since < until")
    width = HOUR if step == "hour" else DAY
    first = int(start.timestamp() // width) * width
    sums: dict[int, list[int]] = {}
    for hour, rx, tx in agent.store.history(user_id, start.timestamp(), end.timestamp()):
        bucket = sums.setdefault(hour // width * width, [0, 0])
        bucket[0] += rx
        bucket[1] += tx
    buckets = []
    t = first
    # Every bucket in the range, empty ones included, so a chart needs no gap logic.
    while t < end.timestamp():
        rx, tx = sums.get(t, (0, 0))
        buckets.append({"start": iso(dt.datetime.fromtimestamp(t, UTC)), "up_bytes": rx, "down_bytes": tx})
        t += width
    return {
        "user": user_id,
        "step": step,
        "since": iso(start),
        "until": iso(end),
        "buckets": buckets,
        "total_up_bytes": sum(b["up_bytes"] for b in buckets),
        "total_down_bytes": sum(b["down_bytes"] for b in buckets),
    }


def health(agent: Agent) -> dict[str, Any]:
    """`health`: the server now (see health.py); Docker is asked how many of our proxies run."""
    running, docker_ok = 0, False
    try:
        cfg, _ = agent.config()
        running = sum(1 for c in agent.docker.list_proxies(cfg.instance_id) if c.running)
        docker_ok = True
    except AgentError:
        try:  # not set up yet: still say whether the engine answers
            agent.docker.list_proxies("")
            docker_ok = True
        except DockerApiError:
            pass
    except DockerApiError:
        pass
    return health_mod.current(agent.store, agent.root, docker_ok=docker_ok, proxies_running=running).as_dict()


def health_history(agent: Agent, since: str) -> dict[str, Any]:
    """`health --history`: one point per hour with a reading, from the hour of `since` on."""
    start = parse_time(since)
    if start is None:
        raise ValueError("--since must be an ISO 8601 time")
    points = []
    for hour, cpu, mem, disk, rx, tx in agent.store.health_history(start.timestamp()):
        points.append(
            {
                "t": iso(dt.datetime.fromtimestamp(hour, UTC)),
                "cpu_percent": None if cpu is None else round(cpu, 1),
                "mem_used_bytes": mem,
                "disk_used_bytes": disk,
                "net_rx_bytes": rx,
                "net_tx_bytes": tx,
            }
        )
    return {"points": points}
