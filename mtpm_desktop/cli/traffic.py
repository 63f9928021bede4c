"""Traffic commands, answered by the server's agent: `traffic`, `traffic reset`, `history`."""

from __future__ import annotations

import argparse
from typing import Any

from mtpm_desktop.cli.common import open_service, progress_printer
from mtpm_desktop.cli.main import Output, add_command
from mtpm_desktop.remote.agent_client import AgentClient, UserTraffic


def register(subparsers: Any) -> None:
    p = add_command(
        subparsers,
        "traffic",
        traffic,
        "per-user traffic this period and lifetime, limits, throttling, expiry; `traffic reset` zeroes it",
    )
    p.add_argument("action", nargs="?", choices=("reset",), help="reset: zero this period's counters")
    p.add_argument("--user", metavar="USER", help="only this user (id or name)")
    p = add_command(subparsers, "history", history, "a user's traffic over time, in hourly or daily buckets")
    p.add_argument("user", metavar="USER", help="user id or unique name")
    p.add_argument("--since", required=True, metavar="ISO", help="start, ISO 8601 (UTC unless it says)")
    p.add_argument("--until", required=True, metavar="ISO", help="end (exclusive), ISO 8601")
    p.add_argument("--step", choices=("hour", "day"), default="hour", help="bucket width")


def agent_client(args: argparse.Namespace) -> tuple[Any, AgentClient]:
    """The server's service and its agent, deployed/upgraded and started when needed."""
    svc = open_service(args)
    client: AgentClient = svc.agent
    install = client.ensure(progress_printer(args))
    if install.started:
        client.reload()  # a freshly started agent has not polled yet: count now
    return svc, client


def human_bytes(n: int | None) -> str:
    if n is None:
        return "-"
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.2f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _line(u: UserTraffic) -> str:
    flags = [f for f, on in (("ONLINE", u.online), ("THROTTLED", u.throttled), ("EXPIRED", u.expired)) if on]
    devices = f"{u.devices_now}/{u.max_devices}" if u.max_devices else str(u.devices_now)
    if u.refused_connections:
        devices += f" ({u.refused_connections} refused)"
    limit = "unlimited" if u.limit_bytes is None else human_bytes(u.limit_bytes)
    period = "lifetime" if u.period.kind == "lifetime" else f"{u.period.start} .. {u.period.end}"
    return (
        f"{u.name:<20} port {u.port:<6} up {human_bytes(u.up_bytes):>11} down {human_bytes(u.down_bytes):>11}"
        f"  lifetime {human_bytes(u.lifetime_up_bytes + u.lifetime_down_bytes):>11}  limit {limit:>11}"
        f"  period {period}  devices {devices}  last seen {u.last_seen or 'never'}"
        + (f"  {' '.join(flags)}" if flags else "")
    )


def traffic(args: argparse.Namespace) -> Output:
    svc, client = agent_client(args)
    user_id = svc.get_user(args.user).id if args.user else None
    if args.action == "reset":
        done = client.reset(user_id)
        return Output(data={"reset": done}, text=f"Reset {len(done)} user(s): counters now read 0.")
    status = client.status()
    users = [u for u in status.users if user_id is None or u.id == user_id]
    lines = [_line(u) for u in users] or ["No users."]
    lines.append(
        f"last poll {status.last_poll or 'never'} (agent {status.agent_version}, every "
        f"{status.poll_seconds:g} s)"
    )
    lines += [f"agent error: {e}" for e in status.errors]
    data = {
        "last_poll": status.last_poll,
        "agent_version": status.deployed_version or status.agent_version,
        "errors": status.errors,
        "users": [_user_json(u) for u in users],
    }
    return Output(data=data, text="\n".join(lines))


def _user_json(u: UserTraffic) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "port": u.port,
        "up_bytes": u.up_bytes,
        "down_bytes": u.down_bytes,
        "period_bytes": u.period_bytes,
        "lifetime_up_bytes": u.lifetime_up_bytes,
        "lifetime_down_bytes": u.lifetime_down_bytes,
        "limit_bytes": u.limit_bytes,
        "throttle_mbps": u.throttle_mbps,
        "over_limit": u.over_limit,
        "throttled": u.throttled,
        "expired": u.expired,
        "expires_at": u.expires_at,
        "period": {"kind": u.period.kind, "day": u.period.day, "start": u.period.start, "end": u.period.end},
        "live_connections": u.live_connections,
        "online": u.online,
        "connections": u.connections,
        "last_seen": u.last_seen,
        "devices_now": u.devices_now,
        "devices_24h": u.devices_24h,
        "devices_30d": u.devices_30d,
        "max_devices": u.max_devices,
        "refused_connections": u.refused_connections,
    }


def history(args: argparse.Namespace) -> Output:
    svc, client = agent_client(args)
    user = svc.get_user(args.user)
    hist = client.history(user.id, args.since, args.until, args.step)
    lines = [
        f"{b.start:%Y-%m-%d %H:%M}Z  up {human_bytes(b.up_bytes):>11}  down {human_bytes(b.down_bytes):>11}"
        for b in hist.buckets
    ]
    lines.append(f"total {human_bytes(hist.total_bytes)}")
    data = {
        "user": user.id,
        "name": user.name,
        "step": hist.step,
        "since": hist.since,
        "until": hist.until,
        "buckets": [
            {"start": b.start, "up_bytes": b.up_bytes, "down_bytes": b.down_bytes} for b in hist.buckets
        ],
    }
    return Output(data=data, text="\n".join(lines))
