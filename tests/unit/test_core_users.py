"""Pure user edits: each returns a new state, leaves the old one untouched, addresses users by id or name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.errors import (
    DomainInUse,
    DuplicateName,
    InvalidLimit,
    InvalidName,
    InvalidPort,
    InvalidSecret,
    PortInUse,
    UserNotFound,
)
from mtpm_desktop.core.secret import new_secret, parse_secret
from mtpm_desktop.core.state import QuotaPeriod, ServerState, dump_state, load_state, new_state
from mtpm_desktop.core.users import (
    add_user,
    find_user,
    regenerate_secret,
    remove_user,
    rename_user,
    replace_user,
    set_domain,
    set_enabled,
    set_expiry,
    set_limits,
    set_port,
    set_secret,
)

pytestmark = pytest.mark.unit


def three_users() -> ServerState:
    state = new_state(server_ip="192.0.2.1")
    for name in ("Phone", "Friend", "Laptop"):
        state, _ = add_user(state, name)
    return state


def test_add_user_defaults() -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    before = new_state()
    after, user = add_user(before, "  Phone ", now=now)
    assert before.users == []  # the input is untouched
    assert after.users == [user]
    assert user.name == "Phone" and user.port == 2443 and user.enabled
    assert user.domain == "www.cloudflare.com" == user.fake_tls_domain
    assert parse_secret(user.secret).hex() == user.secret
    assert user.created_at == "2026-01-02T03:04:05Z"
    assert len(user.id) == 12
    assert after.revision == before.revision  # the store bumps revisions, not core


def test_add_user_with_options_and_existing_secret() -> None:
    secret = new_secret("www.apple.com")
    state, user = add_user(
        new_state(),
        "Imported",
        port="3000",
        secret=secret,
        traffic_limit_gb="50",
        throttle_speed_mbps=2,
        expires_at=datetime(2027, 1, 1, tzinfo=UTC),
        quota_period=QuotaPeriod.monthly(3),
    )
    assert (user.port, user.secret, user.domain) == (3000, secret, "www.apple.com")
    assert (user.traffic_limit_gb, user.throttle_speed_mbps) == (50, 2)
    assert user.quota_period == QuotaPeriod.monthly(3)
    reloaded = load_state(dump_state(state))
    assert reloaded.problems == [] and reloaded.state == state


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"name": ""}, InvalidName),
        ({"name": "phone"}, DuplicateName),  # names are unique ignoring case
        ({"name": "x", "port": 2443}, PortInUse),
        ({"name": "x", "port": 443}, InvalidPort),
        ({"name": "x", "traffic_limit_gb": -1}, InvalidLimit),
        ({"name": "x", "secret": "dd" + "01" * 16}, InvalidSecret),
    ],
)
def test_add_user_refusals(kwargs: dict[str, object], error: type[Exception]) -> None:
    state, _ = add_user(new_state(), "Phone")
    with pytest.raises(error):
        add_user(state, **kwargs)  # type: ignore[arg-type]


def test_find_by_id_or_name() -> None:
    state = three_users()
    friend = state.users[1]
    assert find_user(state, friend.id) is friend
    assert find_user(state, "FRIEND") is friend
    assert find_user(state, " Friend ") is friend
    with pytest.raises(UserNotFound, match="'Nobody'"):
        find_user(state, "Nobody")


def test_name_equal_to_another_id_is_refused() -> None:
    state = three_users()
    with pytest.raises(DuplicateName, match="id"):
        add_user(state, state.users[0].id)


def test_remove_keeps_everyone_else() -> None:
    state = three_users()
    after = remove_user(state, "Friend")
    assert [u.name for u in after.users] == ["Phone", "Laptop"]
    assert [(u.id, u.port, u.secret) for u in after.users] == [
        (u.id, u.port, u.secret) for u in state.users if u.name != "Friend"
    ]
    assert len(state.users) == 3


def test_rename() -> None:
    state = three_users()
    after = rename_user(state, "Phone", "Old phone")
    assert find_user(after, "Old phone").id == state.users[0].id
    assert rename_user(state, "Phone", "PHONE").users[0].name == "PHONE"  # own name in new case is fine
    with pytest.raises(DuplicateName):
        rename_user(state, "Phone", "laptop")
    with pytest.raises(InvalidName):
        rename_user(state, "Phone", "a\x00b")


def test_enable_disable() -> None:
    state = three_users()
    off = set_enabled(state, "Friend", False)
    assert not find_user(off, "Friend").enabled and find_user(state, "Friend").enabled
    assert find_user(set_enabled(off, "Friend", True), "Friend").enabled


def test_enabling_in_port_443_mode_refuses_a_taken_domain() -> None:
    state = new_state()
    state.port_443_mode = True
    state, _ = add_user(state, "a", domain="www.apple.com")
    state = set_enabled(state, "a", False)
    state, _ = add_user(state, "b", domain="www.apple.com")  # free while a is disabled
    with pytest.raises(DomainInUse):
        set_enabled(state, "a", True)


def test_regenerate_secret_keeps_domain_changes_key() -> None:
    state = three_users()
    after = regenerate_secret(state, "Phone")
    old, new = state.users[0], after.users[0]
    assert old.secret != new.secret and old.domain == new.domain
    assert after.users[1:] == state.users[1:]


def test_set_domain_and_secret() -> None:
    state = three_users()
    after = set_domain(state, "Phone", "Ya.RU")
    assert find_user(after, "Phone").domain == "ya.ru" == find_user(after, "Phone").fake_tls_domain
    explicit = new_secret("vk.com")
    b64 = parse_secret(explicit).base64()
    assert find_user(set_secret(state, "Phone", b64), "Phone").secret == explicit
    after.port_443_mode = True
    with pytest.raises(DomainInUse):
        set_domain(after, "Friend", "ya.ru")


def test_set_port() -> None:
    state = three_users()
    after = set_port(state, "Friend", 4000)
    assert find_user(after, "Friend").port == 4000
    assert find_user(set_port(state, "Friend", 2444), "Friend").port == 2444  # its own port
    with pytest.raises(PortInUse):
        set_port(state, "Friend", 2443)


def test_set_limits_and_expiry() -> None:
    state = three_users()
    after = set_limits(state, "Phone", traffic_limit_gb=50, throttle_speed_mbps="2")
    phone = find_user(after, "Phone")
    assert (phone.traffic_limit_gb, phone.throttle_speed_mbps, phone.quota_period) == (50, 2, None)
    after = set_limits(after, "Phone", quota_period=QuotaPeriod.monthly(1))
    assert find_user(after, "Phone").traffic_limit_gb == 50  # omitted fields stay
    assert find_user(after, "Phone").quota_period == QuotaPeriod.monthly(1)
    with pytest.raises(InvalidLimit):
        set_limits(state, "Phone", traffic_limit_gb="lots")
    expiring = set_expiry(state, "Phone", datetime(2026, 6, 1, 12))
    assert find_user(expiring, "Phone").expires_at == datetime(2026, 6, 1, 12, tzinfo=UTC)


def test_replace_user_checks_uniqueness() -> None:
    state = three_users()
    edited = state.users[0]
    edited = type(edited)(**{**edited.__dict__, "name": "Renamed"})
    assert find_user(replace_user(state, edited), "Renamed").id == edited.id
    clash = type(edited)(**{**edited.__dict__, "port": state.users[1].port})
    with pytest.raises(PortInUse):
        replace_user(state, clash)
    ghost = type(edited)(**{**edited.__dict__, "id": "nope"})
    with pytest.raises(UserNotFound):
        replace_user(state, ghost)


@settings(max_examples=60, deadline=None)
@given(ops=st.lists(st.tuples(st.sampled_from(["add", "remove"]), st.integers(0, 20)), max_size=40))
def test_ports_and_ids_stay_unique_and_stable_under_any_edits(ops: list[tuple[str, int]]) -> None:
    state = new_state()
    seen_ids: set[str] = set()
    for op, n in ops:
        before = {u.id: u.port for u in state.users}
        if op == "add":
            if any(u.name == f"u{n}" for u in state.users):
                continue
            state, user = add_user(state, f"u{n}")
            assert user.id not in seen_ids  # ids are never reused
            seen_ids.add(user.id)
        else:
            if not any(u.name == f"u{n}" for u in state.users):
                continue
            state = remove_user(state, f"u{n}")
        ports = [u.port for u in state.users]
        assert len(set(ports)) == len(ports)
        for user in state.users:  # nobody else moved
            if user.id in before:
                assert user.port == before[user.id]
