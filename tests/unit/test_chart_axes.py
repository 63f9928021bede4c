"""Axis arithmetic of the Traffic chart: round byte ticks in one unit, time ticks on calendar boundaries."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone

import pytest

from mtpm_desktop.ui.chart_axes import bucket_step, byte_ticks, byte_unit, nice_step, time_ticks

pytestmark = pytest.mark.unit
GB = 1024**3


def test_300_gb_gets_round_gb_ticks() -> None:
    ticks = byte_ticks(300 * GB)
    assert ticks.unit == "GB"
    assert ticks.values[0] == 0 and ticks.values[-1] >= 300
    assert all(v == int(v) and v % ticks.step == 0 for v in ticks.values)
    assert ticks.step in (50, 100)
    assert ticks.decimals == 0


@pytest.mark.parametrize(
    ("value", "unit"),
    [(0, "B"), (1000, "B"), (1024, "KB"), (5 * 1024**2, "MB"), (2 * GB, "GB"), (3 * 1024**4, "TB")],
)
def test_unit_follows_the_largest_value(value: int, unit: str) -> None:
    assert byte_unit(value)[0] == unit


def test_small_values_get_fractional_but_round_steps() -> None:
    ticks = byte_ticks(1.2 * GB)
    assert ticks.unit == "GB" and ticks.step == 0.25 and ticks.decimals == 2
    assert ticks.values[-1] == pytest.approx(1.25)


def test_an_empty_range_still_has_an_axis() -> None:
    ticks = byte_ticks(0)
    assert ticks.unit == "B" and ticks.values == (0.0, 1.0)


def test_nice_steps_are_1_2_5() -> None:
    assert [nice_step(s) for s in (7, 30, 291866, 0.9)] == [2, 10, 100000, 0.2]


UTC3 = timezone(timedelta(hours=3))


def _local(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC3)


def test_day_range_ticks_fall_on_whole_hours() -> None:
    until = datetime(2026, 12, 2, 14, 37, tzinfo=UTC3).timestamp()
    ticks = time_ticks(until - 86400, until, UTC3)
    assert 4 <= len(ticks) <= 8
    assert all(_local(t.at).minute == 0 and _local(t.at).hour % 3 == 0 for t in ticks)
    midnight = [t for t in ticks if _local(t.at).hour == 0]
    assert midnight and all(t.kind == "date" for t in midnight)


def test_week_range_ticks_fall_on_midnights() -> None:
    until = datetime(2026, 12, 2, 14, 37, tzinfo=UTC3).timestamp()
    ticks = time_ticks(until - 7 * 86400, until, UTC3)
    assert len(ticks) == 7
    assert all(_local(t.at).hour == 0 and _local(t.at).minute == 0 for t in ticks)
    assert [b.at - a.at for a, b in itertools.pairwise(ticks)] == [86400] * 6


def test_quarter_ticks_fall_on_mondays() -> None:
    until = datetime(2026, 12, 2, 14, 37, tzinfo=UTC3).timestamp()
    ticks = time_ticks(until - 90 * 86400, until, UTC3)
    assert ticks and all(_local(t.at).weekday() == 0 and _local(t.at).hour == 0 for t in ticks)


def test_year_ticks_fall_on_first_days_of_months() -> None:
    until = datetime(2026, 12, 2, tzinfo=UTC).timestamp()
    ticks = time_ticks(until - 365 * 86400, until, UTC)
    assert 4 <= len(ticks) <= 8
    assert all(_local(t.at).astimezone(UTC).day == 1 and t.kind == "month" for t in ticks)


def test_bucket_width_follows_the_range() -> None:
    assert bucket_step(86400) == "hour" and bucket_step(7 * 86400) == "hour"
    assert bucket_step(31 * 86400) == "day" and bucket_step(365 * 86400) == "day"
