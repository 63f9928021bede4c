"""Per-user subdomains (core/subdomains.py, core/sni_labels.py) and DNS record findings (checks/dns.py)."""

from __future__ import annotations

import pytest

from mtpm_desktop.core import users as core_users
from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.secret import new_secret, parse_secret
from mtpm_desktop.core.sni_labels import LABEL_LENGTH, is_label
from mtpm_desktop.core.state import new_state, state_from_dict, state_to_dict
from mtpm_desktop.remote import user_edits
from mtpm_desktop.remote.checks.dns import RecordCheck, parse_resolver, public_ipv6
from mtpm_desktop.remote.port443.sni_mode import plan_mode_switch

pytestmark = pytest.mark.unit


def _state_with(names: list[str], **kw: object):  # type: ignore[no-untyped-def]
    state = new_state(server_ip="203.0.113.7", server_domain="proxy.example.org")
    for key, value in kw.items():
        setattr(state, key, value)
    for name in names:
        state, _ = core_users.add_user(state, name)
    return state


def _switch(state, on: bool):  # type: ignore[no-untyped-def]
    after = state.copy()
    after.user_subdomains = on
    user_edits.link_notes(state, after)
    return after


def test_labels_are_short_random_unique_and_not_the_name() -> None:
    state = _state_with([f"user{i}" for i in range(200)])
    labels = [u.sni_label for u in state.users]
    assert len(set(labels)) == 200
    assert all(is_label(lb) and len(lb) == LABEL_LENGTH for lb in labels)
    assert all(u.name not in u.sni_label for u in state.users)


def test_switching_on_puts_every_user_on_its_subdomain_and_off_restores_the_old_secret() -> None:
    state = _state_with(["anna", "boris"])
    before = {u.id: u.secret for u in state.users}
    on = _switch(state, True)
    for user in on.users:
        assert user.domain == f"{user.sni_label}.proxy.example.org"
        # Same key, new name: only the SNI changed.
        assert parse_secret(user.secret).key == parse_secret(before[user.id]).key
    off = _switch(on, False)
    assert {u.id: u.secret for u in off.users} == before


def test_label_survives_rename_and_other_edits_and_a_round_trip() -> None:
    state = _switch(_state_with(["anna"]), True)
    label, secret = state.users[0].sni_label, state.users[0].secret
    state, _ = user_edits.update_user(state, "anna", name="anya", traffic_limit_gb=5)
    state, _ = user_edits.set_enabled(state, "anya", False)
    again = state_from_dict(state_to_dict(state)).state
    assert (again.users[0].sni_label, again.users[0].secret) == (label, secret)


def test_old_state_without_labels_gets_the_same_labels_on_every_read() -> None:
    data = state_to_dict(_state_with(["anna", "boris"]))
    for raw in data["users"]:
        del raw["sni_label"]
    first = state_from_dict(data)
    second = state_from_dict(data)
    assert first.problems == []
    assert [u.sni_label for u in first.state.users] == [u.sni_label for u in second.state.users]
    assert all(is_label(u.sni_label) for u in first.state.users)


def test_duplicate_label_in_the_file_is_replaced_and_reported() -> None:
    data = state_to_dict(_state_with(["anna", "boris"]))
    data["users"][1]["sni_label"] = data["users"][0]["sni_label"]
    loaded = state_from_dict(data)
    assert loaded.state.users[0].sni_label != loaded.state.users[1].sni_label
    assert any("sni_label" in p.where for p in loaded.problems)


def test_new_user_in_subdomain_mode_gets_its_subdomain_at_once() -> None:
    state = _switch(_state_with([]), True)
    state, user = core_users.add_user(state, "vera")
    assert user.domain == f"{user.sni_label}.proxy.example.org"


def test_port_443_mode_has_no_user_limit_with_subdomains() -> None:
    # The pool has 30 names; with subdomains every user has its own, so 60 users fit.
    state = _switch(_state_with([]), True)
    plan = plan_mode_switch(state, True)
    state = plan.state
    for i in range(60):
        state, _ = core_users.add_user(state, f"u{i}")
    assert len({u.domain for u in state.users}) == 60
    assert plan_mode_switch(state, True).domain_changes == []


def test_subdomains_need_the_server_domain() -> None:
    state = _state_with(["anna"])
    state.server_domain = ""
    with pytest.raises(InvalidSetting, match="server_domain"):
        _switch(state, True)


def test_switching_off_a_user_added_in_the_mode_gives_the_default_domain() -> None:
    state = _switch(_state_with([]), True)
    state, _ = core_users.add_user(state, "vera")
    off = _switch(state, False)
    assert off.users[0].domain == off.fake_tls_domain


def test_record_findings_say_which_record_to_add_or_change() -> None:
    missing = RecordCheck("*.proxy.example.org", "A", ("203.0.113.7",), (), ())
    assert not missing.ok
    assert missing.problem() == "Add an A record *.proxy.example.org -> 203.0.113.7 at your DNS provider."
    wrong = RecordCheck("proxy.example.org", "A", ("203.0.113.7",), ("198.51.100.1",), ("198.51.100.1",))
    assert "Change the A record proxy.example.org to 203.0.113.7" in (wrong.problem() or "")
    assert "198.51.100.1" in (wrong.problem() or "")
    half = RecordCheck("proxy.example.org", "AAAA", ("2001:db8::1",), ("2001:db8::1",), ())
    assert not half.ok and "not on the server" in (half.problem() or "")
    good = RecordCheck("proxy.example.org", "A", ("203.0.113.7",), ("203.0.113.7",), ("203.0.113.7",))
    assert good.ok and good.problem() is None


def test_resolver_and_ipv6_parsing() -> None:
    assert str(parse_resolver("127.0.0.1:8053")) == "127.0.0.1:8053"
    assert parse_resolver("1.1.1.1").port == 53
    assert parse_resolver("[::1]:5353").host == "::1"
    with pytest.raises(InvalidSetting):
        parse_resolver("dns.example:53")
    out = (
        "2: eth0    inet6 2a01:4f8::5/64 scope global dynamic\n"
        "2: eth0    inet6 fd00::2/64 scope global nodad\n"
        "3: eth1    inet6 2a01:4f8::6/64 scope global deprecated\n"
    )
    assert public_ipv6(out) == ("2a01:4f8::5",)


def test_secret_for_a_subdomain_parses() -> None:
    assert parse_secret(new_secret("abc123.proxy.example.org")).domain == "abc123.proxy.example.org"


def test_choosing_a_domain_is_refused_while_subdomains_are_on() -> None:
    state = _switch(_state_with(["anna"]), True)
    with pytest.raises(InvalidSetting, match="user_subdomains to false"):
        user_edits.update_user(state, "anna", domain="www.apple.com")
