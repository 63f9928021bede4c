"""A user's own quota period as typed in the CLI (`user set --period`) and its edit in the state."""

from __future__ import annotations

import pytest

from mtpm_desktop.core.errors import InvalidLimit
from mtpm_desktop.core.state import QuotaPeriod, new_state
from mtpm_desktop.core.users import parse_quota_period
from mtpm_desktop.remote import user_edits

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("lifetime", QuotaPeriod.lifetime()),
        (" Lifetime ", QuotaPeriod.lifetime()),
        ("monthly:15", QuotaPeriod.monthly(15)),
        ("monthly:31", QuotaPeriod.monthly(31)),
        ("monthly", QuotaPeriod.monthly(1)),
        ("inherit", None),
    ],
)
def test_parse(text: str, period: QuotaPeriod | None) -> None:
    assert parse_quota_period(text) == period


@pytest.mark.parametrize(
    "text", ["", "monthly:0", "monthly:32", "monthly:x", "monthly:", "weekly", "monthly:-1"]
)
def test_parse_refuses(text: str) -> None:
    with pytest.raises(InvalidLimit):
        parse_quota_period(text)


def test_update_user_sets_keeps_and_clears_the_period() -> None:
    state, _ = user_edits.add_user(new_state(), "alice", port=20001, domain="www.apple.com")
    state, outcome = user_edits.update_user(state, "alice", quota_period="monthly:15")
    assert outcome.user is not None and outcome.user.quota_period == QuotaPeriod.monthly(15)
    state, outcome = user_edits.update_user(state, "alice", traffic_limit_gb=5)
    assert outcome.user is not None and outcome.user.quota_period == QuotaPeriod.monthly(15)
    state, outcome = user_edits.update_user(state, "alice", quota_period="inherit")
    assert outcome.user is not None and outcome.user.quota_period is None
