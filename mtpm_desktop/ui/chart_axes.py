"""Axis arithmetic for the Traffic chart: byte units with round ticks, time ticks on calendar boundaries.

Qt-free on purpose (the unit tests run it without a QApplication); the page turns these numbers into
localized labels. Bytes are binary, as the limits count them (1 GB = 1024**3 bytes, core/limits.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

UNITS = ("B", "KB", "MB", "GB", "TB")
HOUR = 3600
DAY = 86400


@dataclass(frozen=True)
class ByteTicks:
    """Ticks from 0 to `top` (bytes), `step` apart, all shown in one unit."""

    unit: str  # one of UNITS
    divisor: int  # bytes per unit
    step: float  # in units
    values: tuple[float, ...]  # tick positions in units, 0 first

    @property
    def top(self) -> float:
        """The axis maximum in bytes (the last tick)."""
        return self.values[-1] * self.divisor

    @property
    def decimals(self) -> int:
        """Digits after the decimal point a label needs (0 for whole steps, 1 for a step of 0.5 ...)."""
        return len(f"{self.step:.10g}".partition(".")[2])


def nice_step(span: float, target: int = 5) -> float:
    """A 1, 2 or 5 times a power of ten step that cuts `span` into about `target` parts."""
    if span <= 0:
        return 1.0
    raw = span / max(1, target)
    mag = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag * (1 + 1e-9):
            return float(m * mag)
    return float(10 * mag)  # pragma: no cover - the loop always returns


def byte_unit(n: float) -> tuple[str, int]:
    """The largest unit in which `n` bytes is at least 1 (B for less than 1 KB)."""
    index = 0
    while index < len(UNITS) - 1 and abs(n) >= 1024 ** (index + 1):
        index += 1
    return UNITS[index], 1024**index


def byte_ticks(max_bytes: float, target: int = 5) -> ByteTicks:
    """Round ticks covering 0..max_bytes in the unit that suits the largest value."""
    unit, divisor = byte_unit(max(max_bytes, 1.0))
    top = max(max_bytes, 1.0) / divisor
    step = nice_step(top, target)
    if unit == "B":
        step = max(1.0, step)  # no fractions of a byte
    count = max(1, math.ceil(top / step - 1e-9))
    return ByteTicks(unit, divisor, step, tuple(round(i * step, 10) for i in range(count + 1)))


@dataclass(frozen=True)
class TimeTick:
    at: float  # epoch seconds
    kind: str  # "time" (hour of day), "date" (day), "month" — how the page labels it


# Candidate spacings, small to large; the first that gives at most `max_ticks` ticks wins.
_HOUR_STEPS = (1, 2, 3, 6, 12)
_DAY_STEPS = (1, 2, 7, 14)
_MONTH_STEPS = (1, 2, 3, 6, 12)


def _local(t: float, tz: tzinfo | None) -> datetime:
    return datetime.fromtimestamp(t, tz) if tz is not None else datetime.fromtimestamp(t)


def _epoch(dt: datetime) -> float:
    return dt.timestamp()  # naive = local time, aware = its own zone


def time_ticks(since: float, until: float, tz: tzinfo | None = None, max_ticks: int = 8) -> list[TimeTick]:
    """Ticks in [since, until] on whole hours, days (local midnight), Mondays or first days of months.

    `tz` None = the machine's local time zone. Day and week ticks stay on midnight across DST changes.
    """
    span = max(0.0, until - since)
    if span <= 0:
        return []
    for hours in _HOUR_STEPS:
        if span / (hours * HOUR) <= max_ticks:
            return _hour_ticks(since, until, hours, tz)
    for days in _DAY_STEPS:
        if span / (days * DAY) <= max_ticks:
            return _day_ticks(since, until, days, tz)
    for months in _MONTH_STEPS:
        if span / (months * 30.44 * DAY) <= max_ticks:
            return _month_ticks(since, until, months, tz)
    return _month_ticks(since, until, 12 * math.ceil(span / (365.25 * DAY * max_ticks)), tz)


def _hour_ticks(since: float, until: float, hours: int, tz: tzinfo | None) -> list[TimeTick]:
    start = _local(since, tz).replace(minute=0, second=0, microsecond=0)
    out: list[TimeTick] = []
    dt = start
    while _epoch(dt) <= until:
        if _epoch(dt) >= since and dt.hour % hours == 0:
            out.append(TimeTick(_epoch(dt), "date" if dt.hour == 0 else "time"))
        dt = _local(_epoch(dt) + HOUR, tz).replace(minute=0, second=0, microsecond=0)
    return out


def _day_ticks(since: float, until: float, days: int, tz: tzinfo | None) -> list[TimeTick]:
    # Stepping dates (not seconds) keeps every tick on midnight across DST changes. Ordinals make the
    # choice of "every other day" or "every other Monday" the same whatever the range starts on.
    day = _local(since, tz).date()
    out: list[TimeTick] = []
    while True:
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
        at = _epoch(midnight)
        if at > until:
            return out
        ordinal = day.toordinal()  # ordinal 1 (1 Jan of year 1) is a Monday
        wanted = day.weekday() == 0 and ordinal // 7 % (days // 7) == 0 if days >= 7 else ordinal % days == 0
        if at >= since and wanted:
            out.append(TimeTick(at, "date"))
        day += timedelta(days=1)


def _month_ticks(since: float, until: float, months: int, tz: tzinfo | None) -> list[TimeTick]:
    first = _local(since, tz)
    year, month = first.year, first.month
    out: list[TimeTick] = []
    while True:
        dt = datetime(year, month, 1, tzinfo=tz) if tz is not None else datetime(year, month, 1)
        at = _epoch(dt)
        if at > until:
            return out
        if at >= since and (month - 1) % months == 0:
            out.append(TimeTick(at, "month"))
        month += 1
        if month > 12:
            year, month = year + 1, 1


def bucket_step(span_seconds: float) -> str:
    """The agent's bucket width for a range: hours up to 8 days (a week plus a margin), days beyond."""
    return "hour" if span_seconds <= 8 * DAY else "day"


def bucket_seconds(step: str) -> int:
    return HOUR if step == "hour" else DAY
