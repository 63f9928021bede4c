"""Alert events from snapshots (remote_agent/alerts.py): what fires, once, and what fires again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from mtpm_desktop.remote_agent import alerts

pytestmark = pytest.mark.unit
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
LIMIT = 1000


def snap(used: int = 0, **extra: Any) -> dict[str, Any]:
    user = {"id": "u1", "name": "anna", "period_bytes": used, "limit_bytes": LIMIT, "expires_at": None}
    user.update(extra.pop("user", {}))
    return {"users": [user], **extra}


def kinds(events: list[alerts.Event]) -> list[str]:
    return [e.kind for e in events]


def test_detect_between_two_snapshots() -> None:
    assert kinds(alerts.detect(snap(100), snap(799), NOW)) == []
    assert kinds(alerts.detect(snap(799), snap(800), NOW)) == ["quota_80"]
    assert kinds(alerts.detect(snap(800), snap(900), NOW)) == []  # still above 80 %: no new event
    assert kinds(alerts.detect(snap(900), snap(1000), NOW)) == ["quota_100"]
    assert kinds(alerts.detect(snap(100), snap(1200), NOW)) == ["quota_100"]  # both at once: 100 % only
    assert kinds(alerts.detect({"reachable": True}, {"reachable": False}, NOW)) == ["unreachable"]
    assert kinds(alerts.detect(None, snap(850), NOW)) == ["quota_80"]


def test_fire_once_across_restarts_and_again_after_a_reset() -> None:
    fired: set[str] = set()
    sent = []
    for used in (100, 850, 870, 1000, 1100):
        events, fired = alerts.fire(fired, snap(used), NOW)
        sent += kinds(events)
    assert sent == ["quota_80", "quota_100"]
    # A restart with the persisted keys sends nothing again.
    assert alerts.fire(set(fired), snap(1100), NOW)[0] == []
    # The counters were reset: the conditions clear, and a new crossing fires again.
    events, fired = alerts.fire(fired, snap(0), NOW)
    assert events == [] and not fired
    assert kinds(alerts.fire(fired, snap(820), NOW)[0]) == ["quota_80"]


def test_unjudged_conditions_keep_their_state() -> None:
    _, fired = alerts.fire(set(), snap(850, reachable=True), NOW)
    events, fired = alerts.fire(fired, {"reachable": False}, NOW)  # no users judged while unreachable
    assert kinds(events) == ["unreachable"] and "quota_80:u1" in fired
    events, fired = alerts.fire(fired, snap(850, reachable=True), NOW)
    assert events == [] and "unreachable" not in fired
    assert kinds(alerts.fire(fired, {"reachable": False}, NOW)[0]) == ["unreachable"]  # down again


def test_expiry_certificate_clock_and_device_refusals() -> None:
    soon = (NOW + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (NOW + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    past = (NOW - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert kinds(alerts.fire(set(), snap(user={"expires_at": later}), NOW)[0]) == []
    assert kinds(alerts.fire(set(), snap(user={"expires_at": past}), NOW)[0]) == []
    events, _ = alerts.fire(set(), snap(user={"expires_at": soon}), NOW)
    assert kinds(events) == ["expiry"] and events[0].subject == "anna" and 1 < events[0].params["days"] < 3
    cert_ok = (NOW + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    cert_soon = (NOW + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert alerts.fire(set(), {"cert_not_after": cert_ok, "cert_name": "a.example"}, NOW)[0] == []
    events, _ = alerts.fire(set(), {"cert_not_after": cert_soon, "cert_name": "a.example"}, NOW)
    assert kinds(events) == ["certificate"] and events[0].subject == "a.example"
    assert kinds(alerts.fire(set(), {"certificates": [{"name": "b", "not_after": cert_soon}]}, NOW)[0]) == [
        "certificate"
    ]
    assert alerts.fire(set(), {"clock_offset_s": 0.6}, NOW)[0] == []
    assert kinds(alerts.fire(set(), {"clock_offset_s": -1.4}, NOW)[0]) == ["clock"]
    assert alerts.fire(set(), snap(user={"refused_connections": 0}), NOW)[0] == []
    events, _ = alerts.fire(set(), snap(user={"refused_connections": 3}), NOW)
    assert kinds(events) == ["device_refused"] and events[0].params["refused"] == 3


def test_switched_off_kinds_are_marked_but_not_sent() -> None:
    events, fired = alerts.fire(set(), snap(850), NOW, kinds=["quota_100"])
    assert events == [] and "quota_80:u1" in fired
    assert alerts.fire(fired, snap(850), NOW)[0] == []  # switched on later: no replay


def test_agent_wording_in_english_and_russian() -> None:
    (e80,) = alerts.fire(set(), snap(850), NOW)[0]
    assert (
        alerts.render(e80, "en", "vps1") == "vps1: anna has used 85% of the traffic quota (850 B of 1000 B)."
    )
    assert (
        alerts.render(e80, "ru", "vps1") == "vps1: anna израсходовал(а) 85% квоты трафика (850 B из 1000 B)."
    )
    assert "test message" in alerts.render(None, "en", "vps1")
    assert "проверочное" in alerts.render(None, "ru", "vps1")
    # Every kind the server judges has both wordings with the same fields.
    for kind in (*alerts.SERVER_KINDS, "test"):
        assert kind in alerts.TEMPLATES["en"] and kind in alerts.TEMPLATES["ru"]
