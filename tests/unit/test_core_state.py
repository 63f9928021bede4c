"""State file: old panel schema round trip, migration, repairs, and our schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.errors import StateFileError
from mtpm_desktop.core.ports import METRICS_PORT
from mtpm_desktop.core.secret import new_secret, parse_secret
from mtpm_desktop.core.state import (
    SCHEMA_VERSION,
    QuotaPeriod,
    dump_state,
    load_state,
    new_state,
    state_from_dict,
    state_to_dict,
)

pytestmark = pytest.mark.unit
DATA = Path(__file__).resolve().parent.parent / "data"
APPLE = new_secret("www.apple.com")


def old_panel() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((DATA / "old_panel_config.json").read_text())
    return result


def test_old_panel_round_trip_keeps_every_key_and_value() -> None:
    original = old_panel()
    original["x_unknown_top"] = {"a": [1, 2.5, None]}
    original["users"][0]["x_unknown_user"] = "keep me"
    loaded = state_from_dict(original)
    assert loaded.problems == []
    assert loaded.migrated
    dumped = state_to_dict(loaded.state)
    for key, value in original.items():
        if key == "users":
            continue
        assert dumped[key] == value, key
    for before, after in zip(original["users"], dumped["users"], strict=True):
        for key, value in before.items():
            assert after[key] == value, key
    assert dumped["users"][1]["enabled"] is True  # absent means enabled
    assert dumped["schema_version"] == SCHEMA_VERSION
    # The old panel's types survive: ints stay ints.
    limit = dumped["users"][0]["traffic_limit_gb"]
    assert limit == 50 and isinstance(limit, int)


def test_dump_then_load_is_identity() -> None:
    first = state_from_dict(old_panel()).state
    text = dump_state(first)
    again = load_state(text)
    assert again.problems == []
    assert not again.migrated
    assert again.state == first
    assert dump_state(again.state) == text


def test_our_schema_file_loads_without_problems_and_round_trips() -> None:
    text = (DATA / "mtpm_state_v1.json").read_text()
    result = load_state(text)
    assert result.problems == [] and not result.migrated
    state = result.state
    user = state.users[0]
    assert (state.revision, state.instance_id, state.proxy_port) == (17, "0123456789abcdef", 3000)
    assert user.id == "5f3a9c0d1e2b" and user.name == "Лена" and user.unlimited
    assert user.quota_period == QuotaPeriod.monthly(31)
    assert user.expires_at is not None and user.expires_at.year == 2026
    assert user.extra == {"device": "iPad"}
    assert state.extra == {"future_feature": {"nested": [1, 2, 3]}}
    assert state.custom_domains == ["cdn.example.org"]
    assert state_to_dict(state) == json.loads(text)


def test_initial_password_is_dropped_and_reported() -> None:
    data = old_panel()
    data["_initial_password"] = "s3cret-plaintext"
    result = state_from_dict(data)
    assert "_initial_password" not in dump_state(result.state)
    assert "s3cret-plaintext" not in dump_state(result.state)
    assert [p.where for p in result.problems] == ["_initial_password"]


def test_migration_does_not_duplicate_ports() -> None:
    # The old panel gave the second user base + index = 2444, which the first already had.
    result = state_from_dict(
        {
            "proxy_port": 2443,
            "users": [{"port": 2444, "secret": APPLE, "name": "a"}, {"secret": APPLE, "name": "b"}],
        }
    )
    ports = [u.port for u in result.state.users]
    assert ports == [2444, 2443]
    assert len(result.problems) == 1 and "2443" in result.problems[0].message


def test_user_without_port_gets_old_panel_port_when_free() -> None:
    result = state_from_dict(
        {"proxy_port": 2443, "users": [{"name": "a", "secret": APPLE}, {"name": "b", "secret": APPLE}]}
    )
    assert [u.port for u in result.state.users] == [2443, 2444]
    assert result.problems == []


def test_duplicate_and_reserved_ports_keep_first_and_move_others() -> None:
    users = [
        {"name": "a", "secret": APPLE, "port": 2500},
        {"name": "b", "secret": APPLE, "port": 2500},
        {"name": "c", "secret": APPLE, "port": 443},
        {"name": "d", "secret": APPLE, "port": METRICS_PORT},
        {"name": "e", "secret": APPLE, "port": "not a port"},
    ]
    result = state_from_dict({"proxy_port": 2443, "users": users})
    ports = [u.port for u in result.state.users]
    assert ports[0] == 2500
    assert len(set(ports)) == len(ports)
    assert all(p >= 2443 and p != METRICS_PORT for p in ports)
    assert {p.where.split(".")[0] for p in result.problems} == {
        "users[1] 'b'",
        "users[2] 'c'",
        "users[3] 'd'",
        "users[4] 'e'",
    }


def test_ids_missing_get_fresh_ones_and_duplicates_are_fixed() -> None:
    result = state_from_dict(
        {
            "schema_version": 1,
            "users": [
                {"name": "a", "secret": APPLE, "port": 2443, "id": "same"},
                {"name": "b", "secret": APPLE, "port": 2444, "id": "same"},
                {"name": "c", "secret": APPLE, "port": 2445},
            ],
        }
    )
    ids = [u.id for u in result.state.users]
    assert ids[0] == "same" and len(set(ids)) == 3 and all(ids)
    assert {p.where for p in result.problems} == {"users[1] 'b'.id", "users[2] 'c'.id"}


def test_old_file_without_ids_migrates_silently() -> None:
    result = state_from_dict(old_panel())
    assert all(u.id for u in result.state.users)
    assert len({u.id for u in result.state.users}) == 2


def test_messy_old_file_keeps_every_user_and_reports_each_problem() -> None:
    result = load_state((DATA / "old_panel_messy.json").read_bytes())
    state = result.state
    assert len(state.users) == 5  # nobody dropped
    names = [u.name for u in state.users]
    assert len({n.casefold() for n in names}) == 5
    assert len({u.port for u in state.users}) == 5
    by_field = {p.where.rsplit(".", 1)[-1] for p in result.problems}
    assert {
        "proxy_prefer_ip",
        "_initial_password",
        "name",
        "secret",
        "traffic_limit_gb",
        "expires_at",
        "port",
    } <= by_field
    # The dd secret is kept verbatim (replacing it would break the user's link silently), marked unfixed.
    dd_user = state.users[3]
    assert dd_user.secret.startswith("dd")
    assert any(not p.fixed and p.where.endswith(".secret") for p in result.problems)
    # The base64 secret is stored in canonical hex form.
    assert state.users[1].secret == parse_secret("7gECAwQFBgcICQoLDA0ODxB3d3cuYXBwbGUuY29t").hex()
    assert state.traffic_limit_gb == 10 and state.throttle_speed_mbps == 1.5
    assert state.extra == {"panel_theme": "dark"}
    assert state.users[0].extra == {"note": "sister"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"users": {"a": 1}}', "must be a list"),
        ('{"users": [{"name": "a"}, 5]}', "users[1]"),
        ('{"schema_version": 99}', "newer mtpm"),
        (b"\xff\xfe\x00garbage", ""),
    ],
)
def test_unusable_files_raise_state_file_error(text: str | bytes, fragment: str) -> None:
    with pytest.raises(StateFileError) as info:
        load_state(text)
    assert fragment in str(info.value)


def test_new_state_defaults() -> None:
    state = new_state(server_ip="192.0.2.1")
    data = state_to_dict(state)
    assert data["proxy_port"] == 2443
    assert data["fake_tls_domain"] == "www.cloudflare.com"
    assert data["throttle_speed_mbps"] == 1
    assert data["quota_period"] == {"kind": "lifetime"}
    assert len(state.instance_id) == 16
    assert new_state().instance_id != state.instance_id


def test_copy_is_deep() -> None:
    state = state_from_dict(old_panel()).state
    clone = state.copy()
    clone.users[0].name = "changed"
    clone.users[0].extra["x"] = 1
    assert state.users[0].name == "Phone" and "x" not in state.users[0].extra


# --------------------------------------------------------------------------------------------- properties

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**6), st.text(max_size=8))
port_values = st.one_of(
    st.none(),
    st.integers(0, 70000),
    st.sampled_from([80, 443, METRICS_PORT, 2443, 2444, 2445]),
    st.text(max_size=4),
)


@st.composite
def old_users(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(0, 12))
    users: list[dict[str, Any]] = []
    for i in range(count):
        user: dict[str, Any] = {"name": f"u{i}", "secret": APPLE}
        port = draw(port_values)
        if port is not None:
            user["port"] = port
        if draw(st.booleans()):
            user[draw(st.sampled_from(["note", "x-extra", "tags"]))] = draw(json_scalars)
        users.append(user)
    return users


@settings(max_examples=150, deadline=None)
@given(users=old_users(), base=st.sampled_from([2443, 1024, 3129, 65530]))
def test_loaded_ports_are_distinct_valid_and_first_come_kept(users: list[dict[str, Any]], base: int) -> None:
    result = state_from_dict({"proxy_port": base, "users": users})
    ports = [u.port for u in result.state.users]
    assert len(ports) == len(users)
    assert len(set(ports)) == len(ports)
    assert all(1024 <= p <= 65535 and p not in (80, 443, METRICS_PORT) for p in ports)
    seen: set[int] = set()
    for raw, user in zip(users, result.state.users, strict=True):
        value = raw.get("port")
        if (
            isinstance(value, int)
            and 1024 <= value <= 65535
            and value not in (443, METRICS_PORT)
            and value not in seen
        ):
            assert user.port == value
            seen.add(value)
    # Unknown per-user keys survive.
    for raw, user in zip(users, result.state.users, strict=True):
        for key in ("note", "x-extra", "tags"):
            if key in raw:
                assert user.extra[key] == raw[key]


@settings(max_examples=100, deadline=None)
@given(
    users=old_users(),
    extra=st.dictionaries(st.text(min_size=1, max_size=6).map(lambda s: "zz_" + s), json_scalars, max_size=3),
)
def test_load_dump_load_is_stable(users: list[dict[str, Any]], extra: dict[str, Any]) -> None:
    first = state_from_dict({"users": users, **extra}).state
    second = load_state(dump_state(first))
    assert second.problems == []
    assert second.state == first
    for key, value in extra.items():
        assert state_to_dict(second.state)[key] == value


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.sampled_from(
            [
                "",
                "2026-06-01",
                "0001-01-01T00:00:00+01:00",
                "ee" + "ab" * 16 + "7961",
                APPLE,
                "www.apple.com",
                "monthly",
                "1e400",
                "true",
            ]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(max_size=5), children, max_size=3),
        st.fixed_dictionaries({"kind": st.sampled_from(["monthly", "lifetime", "x"]), "day": children}),
    ),
    max_leaves=6,
)
TOP_KEYS = [
    "server_domain",
    "server_ip",
    "proxy_port",
    "proxy_image",
    "fake_tls_domain",
    "proxy_buffer_size",
    "proxy_prefer_ip",
    "stats_enabled",
    "traffic_limit_gb",
    "throttle_speed_mbps",
    "port_443_mode",
    "revision",
    "instance_id",
    "quota_period",
    "docker_network",
    "nginx_container_name",
    "sni_listen_port",
    "sni_decoy",
    "proxy_protocol",
    "nginx_image",
    "custom_domains",
    "engine",
    "domain_fronting_ip",
    "domain_fronting_port",
    "admin_username",
    "proxy_tag",
    "schema_version",
]
USER_KEYS = [
    "name",
    "secret",
    "enabled",
    "port",
    "created_at",
    "fake_tls_domain",
    "traffic_limit_gb",
    "throttle_speed_mbps",
    "id",
    "unlimited",
    "expires_at",
    "quota_period",
]


# Generating nested JSON dominates this test's time: 120 examples keep it at a few seconds.
@settings(max_examples=120, deadline=None)
@given(
    top=st.dictionaries(st.sampled_from(TOP_KEYS), json_values, max_size=8),
    users=st.lists(st.dictionaries(st.sampled_from(USER_KEYS), json_values, max_size=8), max_size=4),
)
def test_any_json_loads_or_fails_cleanly(top: dict[str, Any], users: list[dict[str, Any]]) -> None:
    """Garbage in any field gives problems or a StateFileError, never a traceback, and never loses a user."""
    try:
        result = state_from_dict({**top, "users": users})
    except StateFileError:
        return
    assert len(result.state.users) == len(users)
    text = dump_state(result.state)
    text.encode("utf-8")
    again = load_state(text)
    assert again.state == result.state


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"traffic_limit_gb": 10**400}, "traffic_limit_gb"),
        (
            {"users": [{"name": "a", "secret": APPLE, "expires_at": "0001-01-01T00:00:00+01:00"}]},
            "expires_at",
        ),
        ({"users": [{"name": "a\ud800b", "secret": APPLE}]}, "name"),
        ({"users": [{"name": "a", "secret": APPLE, "port": 1e300}]}, "port"),
        ({"users": [{"name": "a", "secret": APPLE, "port": float("nan")}]}, "port"),
        ({"quota_period": {"kind": "monthly", "day": "x"}}, "quota_period"),
        (
            {"users": [{"name": "a", "secret": APPLE, "quota_period": {"kind": "monthly", "day": 0}}]},
            "quota_period",
        ),
        ({"custom_domains": ["ok.example.com", 5, "bad domain"]}, "custom_domains"),
        ({"proxy_port": "high"}, "proxy_port"),
        ({"users": [{"name": "a", "secret": {"nested": True}}]}, "secret"),
    ],
)
def test_hostile_values_become_problems(data: dict[str, Any], where: str) -> None:
    result = state_from_dict(data)
    assert any(p.where.endswith(where) for p in result.problems), result.problems
    dump_state(result.state).encode("utf-8")
