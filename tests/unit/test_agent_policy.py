"""The agent resolves limits, periods and expiry from config.json itself (it runs on the server without the
desktop's code): cross-checked here against mtpm_desktop.core, which the desktop shows to the admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mtpm_desktop.remote_agent import policy

from mtpm_desktop.core.limits import effective_limits, is_expired, period_bounds
from mtpm_desktop.core.state import state_from_dict

pytestmark = pytest.mark.unit

UTC = dt.UTC
amounts = st.one_of(st.just(0), st.integers(1, 5000), st.floats(0.001, 5000, allow_nan=False))
periods = st.one_of(
    st.none(),
    st.just({"kind": "lifetime"}),
    st.builds(lambda d: {"kind": "monthly", "day": d}, st.integers(1, 31)),
)
instants = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 12, 31), timezones=st.just(UTC)
)


def _doc(glob: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    return {
        "instance_id": "x",
        **glob,
        "users": [
            {
                "id": "u1",
                "name": "a",
                "port": 2443,
                "secret": "ee" + "00" * 16 + "6578616d706c652e636f6d",
                **user,
            }
        ],
    }


@settings(max_examples=300, deadline=None)
@given(
    glimit=amounts,
    gthrottle=amounts,
    gperiod=periods,
    ulimit=amounts,
    uthrottle=amounts,
    uperiod=periods,
    unlimited=st.booleans(),
    at=instants,
    expires=st.one_of(st.none(), instants),
)
def test_agent_resolution_matches_the_core(
    glimit: float,
    gthrottle: float,
    gperiod: Any,
    ulimit: float,
    uthrottle: float,
    uperiod: Any,
    unlimited: bool,
    at: dt.datetime,
    expires: dt.datetime | None,
) -> None:
    glob: dict[str, Any] = {"traffic_limit_gb": glimit, "throttle_speed_mbps": gthrottle}
    if gperiod is not None:
        glob["quota_period"] = gperiod
    user: dict[str, Any] = {
        "traffic_limit_gb": ulimit,
        "throttle_speed_mbps": uthrottle,
        "unlimited": unlimited,
        "quota_period": uperiod,
    }
    if expires is not None:
        user["expires_at"] = expires.strftime("%Y-%m-%dT%H:%M:%SZ")
    doc = _doc(glob, user)

    state = state_from_dict(doc).state
    core_user = state.users[0]
    core = effective_limits(state, core_user)
    agent = policy.resolve_user(doc["users"][0], doc)

    assert agent.limit_bytes == core.traffic_limit_bytes
    assert agent.throttle_mbps == pytest.approx(core.throttle_speed_mbps)
    assert (agent.period.kind, agent.period.day if agent.period.kind == "monthly" else 1) == (
        core.quota_period.kind,
        core.quota_period.day if core.quota_period.kind == "monthly" else 1,
    )
    assert agent.period.bounds(at) == period_bounds(core.quota_period, at)
    assert agent.is_expired(at) == is_expired(core_user, at)


def test_monthly_period_on_a_day_past_the_months_end() -> None:
    p = policy.Period("monthly", 31)
    start, end = p.bounds(dt.datetime(2025, 3, 5, tzinfo=UTC))
    assert (start, end) == (dt.datetime(2025, 2, 28, tzinfo=UTC), dt.datetime(2025, 3, 31, tzinfo=UTC))
    assert p.key(dt.datetime(2025, 3, 31, tzinfo=UTC)) == "monthly:2025-03-31"
    assert policy.Period("lifetime").bounds(dt.datetime(2025, 3, 5, tzinfo=UTC)) == (None, None)


def test_times_with_z_naive_and_offsets() -> None:
    assert policy.parse_time("2025-01-02T03:04:05Z") == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert policy.parse_time("2025-01-02T03:04:05") == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert policy.parse_time("2025-01-02T06:04:05+03:00") == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert policy.parse_time(None) is None
    with pytest.raises(policy.PolicyError):
        policy.parse_time("next tuesday")


def test_bad_values_are_reported_per_user_and_others_still_load() -> None:
    doc = _doc({}, {"traffic_limit_gb": -1})
    doc["users"].append({"id": "u2", "name": "b", "port": 2444, "quota_period": {"kind": "weekly"}})
    doc["users"].append({"id": "u3", "name": "c", "port": 2445, "unlimited": True})
    cfg = policy.load_config(doc)
    assert set(cfg.users) == {"u3"}
    assert len(cfg.errors) == 2 and "u1" in cfg.errors[0] and "weekly" in cfg.errors[1]
    assert cfg.poll_seconds == policy.DEFAULT_POLL_SECONDS
    assert cfg.network == "mtpm"
