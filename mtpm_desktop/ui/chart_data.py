"""What the Traffic chart draws, from history buckets and the snapshot: Qt-free so it is unit-tested alone.

The cumulative line counts traffic *in the quota period*, the way the limit does (core/limits.py), and it
ends at the period total the Users table shows: the agent's counter, not the sum of the buckets the range
happens to hold. The buckets only say when within the period that total was used, so the line is built
backwards from the counter. Earlier periods in the range (a Year view) count up from their own start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.limits import period_bounds
from mtpm_desktop.core.state import QuotaPeriod


@dataclass(frozen=True)
class Bucket:
    at: float  # epoch seconds, bucket start
    up: int
    down: int

    @property
    def total(self) -> int:
        return self.up + self.down


def quota_period(settings: dict[str, Any]) -> QuotaPeriod:
    """The server's quota period from a snapshot's settings (lifetime when absent or unreadable)."""
    try:
        return QuotaPeriod.from_json(settings.get("quota_period") or {"kind": "lifetime"})
    except MtpmError:
        return QuotaPeriod.lifetime()


def period_start(period: QuotaPeriod, at: float) -> float | None:
    """Start of the quota period containing `at` (None for a lifetime period)."""
    start, _end = period_bounds(period, datetime.fromtimestamp(at, UTC))
    return start.timestamp() if start is not None else None


def cumulative_in_period(
    buckets: Sequence[Bucket], width: float, used_now: int, period: QuotaPeriod, now: float
) -> list[tuple[float, float]]:
    """(time, bytes used in the quota period so far) points, ending at (now, used_now).

    The current period runs backwards from `used_now` (the table's figure): a counter reset or history
    the agent does not have cannot make the line disagree with the table. Values never go below 0.
    """
    ordered = sorted(buckets, key=lambda b: b.at)
    current = period_start(period, now)
    past = [b for b in ordered if current is not None and b.at < current]
    present = [b for b in ordered if current is None or b.at >= current]

    points: list[tuple[float, float]] = []
    run, run_start = 0, None
    for b in past:
        start = period_start(period, b.at)
        if start != run_start:  # a new period: the count starts again from 0
            run, run_start = 0, start
            points.append((max(b.at, start or b.at), 0.0))
        run += b.total
        points.append((min(b.at + width, current or b.at + width), float(run)))

    # Backwards from the counter: the value at the end of each bucket is what is left after the later ones.
    remaining = float(used_now)
    tail: list[tuple[float, float]] = [(now, remaining)]
    for b in reversed(present):
        end = min(b.at + width, now)
        if end < now:
            tail.append((end, max(0.0, remaining)))
        remaining -= b.total
        tail.append((b.at, max(0.0, remaining)))
    if current is not None:
        if not present or present[0].at > current:
            tail.append((max(current, ordered[0].at if ordered else current), max(0.0, remaining)))
        if past:
            tail.append((current, 0.0))
    points.extend(reversed(tail))
    return _dedupe(points)


def _dedupe(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in points:
        if not out or p != out[-1]:
            out.append(p)
    return out


def top_users(usage: dict[str, int], n: int) -> list[str]:
    """The `n` ids with the most traffic (ties by id, so the order is stable); zero users left out."""
    ranked = sorted((k for k, v in usage.items() if v > 0), key=lambda k: (-usage[k], k))
    return ranked[:n]


def has_traffic(buckets: Sequence[Bucket]) -> bool:
    return any(b.total > 0 for b in buckets)
