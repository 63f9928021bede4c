"""What config.json asks of the agent: each user's limit, throttle speed, quota period and expiry.

Resolution rules (the same as mtpm_desktop.core's; a unit test cross-checks them):
- `unlimited: true` on the user: no limit whatever the global says;
- else the user's `traffic_limit_gb` when > 0, else the global `traffic_limit_gb` when > 0, else no limit;
- throttle speed: the user's `throttle_speed_mbps` when > 0, else the global one (absent = 1 Mbit/s); an
  effective 0 cuts the user off once over the limit (the core's rule too);
- quota period: the user's `quota_period` when set, else the global one, else lifetime. Monthly periods
  start at 00:00 UTC on `day` (a day past the month's end means its last day).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

GB = 1024**3  # the old panel's unit: traffic_limit_gb * 1024**3 bytes
DEFAULT_THROTTLE_MBPS = 1.0
DEFAULT_POLL_SECONDS = 10.0
UTC = dt.timezone.utc


class PolicyError(ValueError):
    """config.json holds a value the agent cannot use (reported in status, the user is left alone)."""


@dataclass(frozen=True)
class Period:
    kind: str  # "lifetime" | "monthly"
    day: int = 1

    def bounds(self, now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
        """(start, end) of the period containing `now`; lifetime has neither."""
        if self.kind != "monthly":
            return None, None
        start = _month_anchor(now.year, now.month, self.day)
        if start > now:
            year, month = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
            start = _month_anchor(year, month, self.day)
        year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        return start, _month_anchor(year, month, self.day)

    def key(self, now: dt.datetime) -> str:
        """Identifies the current period: when it changes the period's counters start again from 0."""
        start, _ = self.bounds(now)
        return "lifetime" if start is None else "monthly:" + start.strftime("%Y-%m-%d")


def _month_anchor(year: int, month: int, day: int) -> dt.datetime:
    last = calendar.monthrange(year, month)[1]
    return dt.datetime(year, month, min(day, last), tzinfo=UTC)


def parse_period(raw: Any) -> Period | None:
    """None when absent/null (inherit)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise PolicyError(f"quota_period must be an object, not {raw!r}")
    kind = raw.get("kind", "lifetime")
    if kind == "lifetime":
        return Period("lifetime")
    if kind == "monthly":
        day = raw.get("day", 1)
        if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 31:
            raise PolicyError(f"quota_period day must be 1..31, not {day!r}")
        return Period("monthly", day)
    raise PolicyError(f"unknown quota_period kind {kind!r} (lifetime or monthly)")


def parse_time(raw: Any) -> dt.datetime | None:
    """ISO 8601 -> aware UTC datetime (naive means UTC). Python 3.8's fromisoformat lacks 'Z'."""
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise PolicyError(f"not an ISO 8601 time: {raw!r}")
    text = raw.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise PolicyError(f"not an ISO 8601 time: {raw!r}") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _positive(raw: Any, what: str) -> float:
    if raw in (None, ""):
        return 0.0
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise PolicyError(f"{what} must be a number, not {raw!r}") from None
    if value != value or value < 0:  # NaN or negative
        raise PolicyError(f"{what} must be a non-negative number, not {raw!r}")
    return value


@dataclass(frozen=True)
class UserPolicy:
    user_id: str
    name: str
    port: int
    enabled: bool
    limit_bytes: int | None  # None = no limit
    throttle_mbps: float
    period: Period
    expires_at: dt.datetime | None

    def is_expired(self, now: dt.datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at


@dataclass(frozen=True)
class AgentConfig:
    instance_id: str
    network: str
    poll_seconds: float
    users: dict[str, UserPolicy]  # by user id
    errors: list[str]  # users whose settings could not be read (they keep running, unlimited)


def resolve_user(user: dict[str, Any], state: dict[str, Any]) -> UserPolicy:
    if user.get("unlimited") is True:
        limit_bytes: int | None = None
    else:
        gb = _positive(user.get("traffic_limit_gb"), "traffic_limit_gb")
        if gb <= 0:
            gb = _positive(state.get("traffic_limit_gb"), "global traffic_limit_gb")
        limit_bytes = int(gb * GB) if gb > 0 else None
    mbps = _positive(user.get("throttle_speed_mbps"), "throttle_speed_mbps")
    if mbps <= 0:
        raw_global = state.get("throttle_speed_mbps", DEFAULT_THROTTLE_MBPS)
        mbps = _positive(raw_global, "global throttle_speed_mbps")
    period = parse_period(user.get("quota_period")) or parse_period(state.get("quota_period"))
    return UserPolicy(
        user_id=str(user["id"]),
        name=str(user.get("name", "")),
        port=int(user.get("port") or 0),
        enabled=user.get("enabled", True) is not False,
        limit_bytes=limit_bytes,
        throttle_mbps=mbps,
        period=period or Period("lifetime"),
        expires_at=parse_time(user.get("expires_at")),
    )


def load_config(state: dict[str, Any]) -> AgentConfig:
    users: dict[str, UserPolicy] = {}
    errors: list[str] = []
    for raw in state.get("users") or []:
        if not isinstance(raw, dict) or not raw.get("id"):
            continue  # users without an id have no containers of ours yet (the desktop assigns ids)
        try:
            policy = resolve_user(raw, state)
        except (PolicyError, ValueError, TypeError) as exc:
            errors.append(f"user {raw.get('id')}: {exc}")
            continue
        users[policy.user_id] = policy
    poll = _positive(state.get("agent_poll_seconds"), "agent_poll_seconds") or DEFAULT_POLL_SECONDS
    return AgentConfig(
        instance_id=str(state.get("instance_id") or ""),
        network=str(state.get("docker_network") or "mtpm"),
        poll_seconds=max(1.0, poll),
        users=users,
        errors=errors,
    )
