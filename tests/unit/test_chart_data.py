"""The Traffic chart's quota-period line: it ends at the table's figure and starts again each period."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from mtpm_desktop.core.state import QuotaPeriod
from mtpm_desktop.ui.chart_data import Bucket, cumulative_in_period, period_start, quota_period, top_users

pytestmark = pytest.mark.unit
GB = 1024**3
H = 3600


def ts(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


def test_line_ends_at_the_period_counter_not_the_range_sum() -> None:
    # The table shows 51.4 GB in this period; the Day range holds only 10 GB of buckets.
    now = ts(2026, 12, 20, 12)
    buckets = [Bucket(now - (24 - i) * H, int(0.1 * GB), int(10 * GB / 24 - 0.1 * GB)) for i in range(24)]
    used = int(51.4 * GB)
    line = cumulative_in_period(buckets, H, used, QuotaPeriod.monthly(1), now)
    assert line[-1] == (now, float(used))
    assert line[0][1] == pytest.approx(used - sum(b.total for b in buckets))
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(line))


def test_line_starts_again_at_each_period_start() -> None:
    now = ts(2026, 12, 3, 0)
    buckets = [Bucket(ts(2026, 11, 28) + d * 86400, GB, GB) for d in range(5)]  # 28 Nov .. 2 Dec
    line = cumulative_in_period(buckets, 86400, 4 * GB, QuotaPeriod.monthly(1), now)
    at_start = [v for t, v in line if t == ts(2026, 12, 1)]
    assert 0.0 in at_start  # the new period begins at 0
    assert max(v for t, v in line if t <= ts(2026, 12, 1)) == 6 * GB  # 28..30 Nov counted up
    assert line[-1] == (now, 4 * GB)


def test_a_counter_reset_never_draws_below_zero() -> None:
    now = ts(2026, 12, 20, 12)
    buckets = [Bucket(now - (5 - i) * H, GB, 0) for i in range(5)]
    line = cumulative_in_period(buckets, H, GB // 2, QuotaPeriod.monthly(1), now)
    assert min(v for _t, v in line) == 0.0 and line[-1][1] == GB // 2


def test_lifetime_period_counts_back_from_the_counter() -> None:
    now = ts(2026, 12, 20, 12)
    line = cumulative_in_period([Bucket(now - H, GB, GB)], H, 10 * GB, QuotaPeriod.lifetime(), now)
    assert line[0] == (now - H, 8.0 * GB) and line[-1] == (now, 10.0 * GB)


def test_period_from_settings() -> None:
    assert quota_period({"quota_period": {"kind": "monthly", "day": 15}}) == QuotaPeriod.monthly(15)
    assert quota_period({}) == QuotaPeriod.lifetime()
    assert quota_period({"quota_period": {"kind": "weekly"}}) == QuotaPeriod.lifetime()
    assert period_start(QuotaPeriod.monthly(15), ts(2026, 12, 3)) == ts(2026, 11, 15)


def test_top_users_by_traffic() -> None:
    assert top_users({"a": 5, "b": 9, "c": 0, "d": 5}, 2) == ["b", "a"]
