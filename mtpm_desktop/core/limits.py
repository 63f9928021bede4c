"""Effective traffic limits, quota periods and expiry.

Resolution, per user: ``unlimited`` wins (no limit whatever the global value); else a per-user value > 0;
else the global value (0 globally = no limit). A per-user 0 always means "inherit", as in the old panel, so
imported files keep their meaning. The throttle speed (Mbit/s applied once the limit is reached) resolves
the same way; an effective 0 means the user's traffic is cut off entirely once over the limit.
The device limit differs: a user's own value (0 = unlimited) wins over the server's; only an unset one
inherits (the agent resolves it the same way, remote_agent/presence.py).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from .state import QuotaPeriod, ServerState, User

# "GB" in the state file is a binary gigabyte, as the old panel counted it.
BYTES_PER_GB = 1024**3
BITS_PER_MBIT = 1_000_000


@dataclass(frozen=True)
class EffectiveLimits:
    """The limits that apply to one user after inheritance.

    ``traffic_limit_gb`` None = no traffic limit. ``source`` tells where the limit came from.
    """

    traffic_limit_gb: float | None
    throttle_speed_mbps: float
    quota_period: QuotaPeriod
    source: Literal["unlimited", "user", "global", "none"]
    max_devices: int = 0  # distinct client IPs at a time; 0 = unlimited

    @property
    def traffic_limit_bytes(self) -> int | None:
        """The limit in bytes, or None when there is none."""
        if self.traffic_limit_gb is None:
            return None
        return int(self.traffic_limit_gb * BYTES_PER_GB)

    @property
    def throttle_bits_per_second(self) -> int:
        """The throttle rate in bit/s (0 = block)."""
        return int(self.throttle_speed_mbps * BITS_PER_MBIT)


def effective_limits(state: ServerState, user: User) -> EffectiveLimits:
    """Resolve ``user``'s limits against the server's globals (see the module docstring)."""
    limit: float | None
    source: Literal["unlimited", "user", "global", "none"]
    if user.unlimited:
        limit, source = None, "unlimited"
    elif user.traffic_limit_gb > 0:
        limit, source = user.traffic_limit_gb, "user"
    elif state.traffic_limit_gb > 0:
        limit, source = state.traffic_limit_gb, "global"
    else:
        limit, source = None, "none"
    throttle = user.throttle_speed_mbps if user.throttle_speed_mbps > 0 else state.throttle_speed_mbps
    period = user.quota_period if user.quota_period is not None else state.quota_period
    devices = user.max_devices if user.max_devices is not None else state.max_devices
    return EffectiveLimits(limit, throttle, period, source, devices)


def _anchor(year: int, month: int, day: int) -> datetime:
    # A reset day past the month's end (31 in April) falls on the month's last day.
    last = calendar.monthrange(year, month)[1]
    return datetime(year, month, min(day, last), tzinfo=UTC)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def period_bounds(period: QuotaPeriod, at: datetime) -> tuple[datetime | None, datetime | None]:
    """Start (inclusive) and end (exclusive) of the quota period containing instant ``at``, in UTC.

    Lifetime periods have no bounds: ``(None, None)``. Monthly periods run from 00:00 UTC on the reset day.
    """
    if period.kind != "monthly":
        return None, None
    when = at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)
    this = _anchor(when.year, when.month, period.day)
    if when >= this:
        start = this
        end = _anchor(*_shift_month(when.year, when.month, 1), period.day)
    else:
        start = _anchor(*_shift_month(when.year, when.month, -1), period.day)
        end = this
    return start, end


def is_expired(user: User, at: datetime) -> bool:
    """Whether ``user``'s expiry (if any) has passed at instant ``at`` (naive instants are taken as UTC)."""
    if user.expires_at is None:
        return False
    when = at if at.tzinfo else at.replace(tzinfo=UTC)
    return when >= user.expires_at


def is_over_limit(limits: EffectiveLimits, used_bytes: int) -> bool:
    """Whether ``used_bytes`` in the current period reached the effective limit."""
    limit = limits.traffic_limit_bytes
    return limit is not None and used_bytes >= limit
