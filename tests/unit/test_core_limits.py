"""Effective limits (inherit / unlimited), quota periods and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.errors import InvalidLimit
from mtpm_desktop.core.limits import (
    BYTES_PER_GB,
    effective_limits,
    is_expired,
    is_over_limit,
    period_bounds,
)
from mtpm_desktop.core.state import QuotaPeriod, new_state, state_from_dict
from mtpm_desktop.core.users import add_user, set_expiry, set_limits

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("global_gb", "user_gb", "unlimited", "expected", "source"),
    [
        (0, 0, False, None, "none"),
        (100, 0, False, 100, "global"),  # per-user 0 inherits
        (100, 50, False, 50, "user"),
        (0, 50, False, 50, "user"),
        (100, 0, True, None, "unlimited"),  # unlimited wins over a global limit
        (100, 50, True, None, "unlimited"),
    ],
)
def test_traffic_limit_resolution(
    global_gb: float, user_gb: float, unlimited: bool, expected: float | None, source: str
) -> None:
    state = new_state()
    state.traffic_limit_gb = global_gb
    state, user = add_user(state, "a", traffic_limit_gb=user_gb, unlimited=unlimited)
    limits = effective_limits(state, user)
    assert limits.traffic_limit_gb == expected
    assert limits.source == source
    assert limits.traffic_limit_bytes == (None if expected is None else int(expected * BYTES_PER_GB))


def test_throttle_and_period_inherit() -> None:
    state = new_state()
    state.throttle_speed_mbps = 1
    state.quota_period = QuotaPeriod.monthly(5)
    state, user = add_user(state, "a")
    assert effective_limits(state, user).throttle_speed_mbps == 1
    assert effective_limits(state, user).quota_period == QuotaPeriod.monthly(5)
    state = set_limits(state, "a", throttle_speed_mbps="2,5", quota_period=QuotaPeriod.lifetime())
    user = state.users[0]
    assert effective_limits(state, user).throttle_speed_mbps == 2.5
    assert effective_limits(state, user).throttle_bits_per_second == 2_500_000
    assert effective_limits(state, user).quota_period == QuotaPeriod.lifetime()


def test_imported_zero_means_inherit_not_unlimited() -> None:
    loaded = state_from_dict(
        {
            "traffic_limit_gb": 20,
            "users": [
                {
                    "name": "a",
                    "secret": "ee" + "11" * 16 + b"www.apple.com".hex(),
                    "port": 2443,
                    "traffic_limit_gb": 0,
                    "throttle_speed_mbps": 0,
                },
            ],
        }
    ).state
    limits = effective_limits(loaded, loaded.users[0])
    assert limits.traffic_limit_gb == 20 and limits.source == "global"
    assert not loaded.users[0].unlimited


def test_setting_a_limit_clears_unlimited_unless_told() -> None:
    state, _ = add_user(new_state(), "a", unlimited=True)
    assert not set_limits(state, "a", traffic_limit_gb=5).users[0].unlimited
    assert set_limits(state, "a", traffic_limit_gb=5, unlimited=True).users[0].unlimited


def test_over_limit() -> None:
    state, user = add_user(new_state(), "a", traffic_limit_gb=1)
    limits = effective_limits(state, user)
    assert not is_over_limit(limits, BYTES_PER_GB - 1)
    assert is_over_limit(limits, BYTES_PER_GB)
    assert not is_over_limit(effective_limits(*add_user(new_state(), "b")), 10**15)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "at", "start", "end"),
    [
        (1, utc(2026, 3, 15, 12), utc(2026, 3, 1), utc(2026, 4, 1)),
        (15, utc(2026, 3, 15), utc(2026, 3, 15), utc(2026, 4, 15)),  # boundary belongs to the new period
        (15, utc(2026, 3, 14, 23, 59, 59), utc(2026, 2, 15), utc(2026, 3, 15)),
        (31, utc(2026, 2, 28, 1), utc(2026, 2, 28), utc(2026, 3, 31)),  # day past month end = last day
        (31, utc(2026, 2, 27), utc(2026, 1, 31), utc(2026, 2, 28)),
        (30, utc(2028, 2, 29, 5), utc(2028, 2, 29), utc(2028, 3, 30)),  # leap year
        (1, utc(2026, 12, 31, 23), utc(2026, 12, 1), utc(2027, 1, 1)),
        (10, utc(2026, 1, 5), utc(2025, 12, 10), utc(2026, 1, 10)),
    ],
)
def test_monthly_period_bounds(day: int, at: datetime, start: datetime, end: datetime) -> None:
    assert period_bounds(QuotaPeriod.monthly(day), at) == (start, end)


def test_lifetime_has_no_bounds() -> None:
    assert period_bounds(QuotaPeriod.lifetime(), utc(2026, 1, 1)) == (None, None)


@settings(max_examples=300, deadline=None)
@given(
    day=st.integers(1, 31),
    at=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)
def test_instant_lies_in_its_period_and_periods_chain(day: int, at: datetime) -> None:
    start, end = period_bounds(QuotaPeriod.monthly(day), at)
    assert start is not None and end is not None
    assert start <= at < end
    assert timedelta(days=28) <= end - start <= timedelta(days=31)
    assert period_bounds(QuotaPeriod.monthly(day), end)[0] == end


@pytest.mark.parametrize("bad", [0, 32, -1, "5", True, None])
def test_bad_monthly_day(bad: object) -> None:
    with pytest.raises(InvalidLimit):
        QuotaPeriod.monthly(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [{"kind": "weekly"}, {"kind": "monthly", "day": 40}, "monthly", 3])
def test_bad_period_json(bad: object) -> None:
    with pytest.raises(InvalidLimit):
        QuotaPeriod.from_json(bad)


def test_expiry() -> None:
    state, user = add_user(new_state(), "a")
    assert not is_expired(user, utc(2100, 1, 1))
    state = set_expiry(state, "a", utc(2026, 6, 1))
    user = state.users[0]
    assert not is_expired(user, utc(2026, 5, 31, 23, 59, 59))
    assert is_expired(user, utc(2026, 6, 1))
    assert is_expired(user, datetime(2026, 6, 2))  # naive = UTC
    assert not is_expired(set_expiry(state, "a", None).users[0], utc(2100, 1, 1))
