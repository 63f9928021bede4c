"""Port-443 mode planning: unique SNI domains, secrets of reassigned users, link changes, the router spec."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.domains import domain_pool
from mtpm_desktop.core.errors import DomainPoolExhausted
from mtpm_desktop.core.links import user_links
from mtpm_desktop.core.secret import new_secret, parse_secret
from mtpm_desktop.core.state import ServerState, User, new_state
from mtpm_desktop.remote.port443.nginx import Decoy, render_nginx_config
from mtpm_desktop.remote.port443.sni_mode import (
    assign_unique_domains,
    ensure_port_443_domains,
    link_changes,
    nginx_spec,
    nginx_target,
    plan_mode_switch,
)

pytestmark = pytest.mark.unit


def _user(uid: str, domain: str, port: int, *, enabled: bool = True) -> User:
    return User(id=uid, name=f"user-{uid}", secret=new_secret(domain), port=port, enabled=enabled,
                fake_tls_domain=domain)  # fmt: skip


def _state(*users: User) -> ServerState:
    state = new_state(server_ip="203.0.113.5")
    state.users = list(users)
    return state


def test_unique_domains_need_no_change_and_only_ports_move() -> None:
    state = _state(_user("a", "www.google.com", 2443), _user("b", "ya.ru", 2444))
    plan = plan_mode_switch(state, enable=True)
    assert plan.domain_changes == []
    assert plan.state.port_443_mode and not state.port_443_mode  # the input is untouched
    assert [u.secret for u in plan.state.users] == [u.secret for u in state.users]
    assert [c.user_id for c in plan.link_changes] == ["a", "b"]
    assert all(not c.secret_changed for c in plan.link_changes)
    assert all("port=443&" in (c.new_link or "") for c in plan.link_changes)


def test_duplicates_keep_the_first_user_and_reassign_the_rest() -> None:
    a, b, c = (_user(x, "www.cloudflare.com", 2443 + i) for i, x in enumerate("abc"))
    d = _user("d", "www.google.com", 2446)
    state = _state(a, b, c, d)
    plan = plan_mode_switch(state, enable=True)
    assert [ch.user_id for ch in plan.domain_changes] == ["b", "c"]
    assert all("user-a" in ch.reason for ch in plan.domain_changes)
    domains = [u.domain for u in plan.state.users]
    assert domains[0] == "www.cloudflare.com" and domains[3] == "www.google.com"
    assert len(set(domains)) == 4
    assert set(domains[1:3]) <= set(domain_pool())
    for old, new in zip(state.users, plan.state.users, strict=True):
        if new.id in ("b", "c"):
            parsed = parse_secret(new.secret)
            assert parsed.domain == new.domain == new.fake_tls_domain
            assert parsed.key != parse_secret(old.secret).key  # the old link stops working
        else:
            assert new.secret == old.secret
    secret_changed = {ch.user_id for ch in plan.link_changes if ch.secret_changed}
    assert secret_changed == {"b", "c"}


def test_disabled_users_do_not_count_but_their_domains_are_used_last() -> None:
    pool = domain_pool()
    # A disabled user holds the first free pool domain; the reassigned user should get the next one.
    state = _state(
        _user("a", pool[0], 2443),
        _user("b", pool[0], 2444),
        _user("off", pool[1], 2445, enabled=False),
        _user("off2", pool[0], 2446, enabled=False),
    )
    plan = plan_mode_switch(state, enable=True)
    assert [ch.user_id for ch in plan.domain_changes] == ["b"]
    assert plan.domain_changes[0].new_domain == pool[2]
    assert plan.state.users[3].secret == state.users[3].secret  # a disabled duplicate is left alone


def test_server_own_domain_is_never_an_sni_domain() -> None:
    state = _state(_user("a", "proxy.example.org", 2443), _user("b", "ya.ru", 2444))
    state.server_domain = "Proxy.Example.org."
    plan = plan_mode_switch(state, enable=True)
    assert [(ch.user_id, ch.old_domain) for ch in plan.domain_changes] == [("a", "proxy.example.org")]
    assert "own domain" in plan.domain_changes[0].reason
    assert plan.state.users[0].domain != "proxy.example.org"


def test_custom_domains_extend_the_pool() -> None:
    pool = domain_pool()
    users = [_user(f"u{i}", d, 3000 + i) for i, d in enumerate(pool)]
    users.append(_user("extra", pool[0], 4000))
    state = _state(*users)
    with pytest.raises(DomainPoolExhausted) as err:
        plan_mode_switch(state, enable=True)
    msg = err.value.message
    assert "custom_domains" in msg and "nothing was changed" in msg and "31 enabled users" in msg
    assert not state.port_443_mode and state.users[-1].domain == pool[0]  # untouched
    state.custom_domains = ["cdn.example.net"]
    plan = plan_mode_switch(state, enable=True)
    assert plan.domain_changes[0].new_domain == "cdn.example.net"


def test_mode_off_keeps_secrets_and_moves_links_back() -> None:
    state = _state(_user("a", "ya.ru", 2443), _user("b", "ya.ru", 2444))
    on = plan_mode_switch(state, enable=True)
    off = plan_mode_switch(on.state, enable=False)
    assert off.domain_changes == []
    assert [u.secret for u in off.state.users] == [u.secret for u in on.state.users]
    assert [c.user_id for c in off.link_changes] == ["a", "b"]
    # Net effect of on+off: only the reassigned user's link differs from the start.
    net = link_changes(state, off.state)
    assert [(c.user_id, c.secret_changed) for c in net] == [("b", True)]
    assert user_links(off.state, off.state.users[0]).tg == user_links(state, state.users[0]).tg


def test_ensure_port_443_domains_after_enabling_a_user() -> None:
    state = _state(_user("a", "ya.ru", 2443), _user("b", "ya.ru", 2444, enabled=False))
    state.port_443_mode = True
    edited = state.copy()
    edited.users[1].enabled = True
    plan = ensure_port_443_domains(state, edited)
    assert [ch.user_id for ch in plan.domain_changes] == ["b"]
    assert [c.user_id for c in plan.link_changes] == ["b"]
    standard = _state(_user("a", "ya.ru", 2443), _user("b", "ya.ru", 2444))
    assert ensure_port_443_domains(standard, standard.copy()).domain_changes == []


def test_no_users_no_changes() -> None:
    assert assign_unique_domains(_state()) == []
    assert not plan_mode_switch(_state(), enable=True).changed


def test_link_changes_without_server_address() -> None:
    state = _state(_user("a", "ya.ru", 2443))
    state.server_ip = ""
    plan = plan_mode_switch(state, enable=True)
    assert plan.link_changes == []  # no link either way


def test_nginx_spec_routes_enabled_users_by_their_secret_domain() -> None:
    state = _state(
        _user("a", "ya.ru", 2443), _user("b", "vk.com", 2444), _user("c", "ok.ru", 2445, enabled=False)
    )
    state.users[0].fake_tls_domain = "stale.example.com"  # the secret wins: it is what clients send
    state.sni_listen_port = 8443
    state.sni_decoy = "www.example.com:443"
    state.proxy_protocol = True
    spec = nginx_spec(state)
    assert [(r.domain, r.backend_host, r.backend_port) for r in spec.routes] == [
        ("vk.com", "mtg-proxy-2444", 2444),
        ("ya.ru", "mtg-proxy-2443", 2443),
    ]
    assert spec.listen_port == 8443 and spec.proxy_protocol
    assert spec.decoy == Decoy("www.example.com", 443)
    assert "listen 8443;" in render_nginx_config(spec)


def test_nginx_target_takes_names_from_state() -> None:
    state = _state()
    state.docker_network = "net-x"
    state.nginx_container_name = "nginx-x"
    state.nginx_image = "img:1"
    target = nginx_target(state, "/srv/root", publish_host="127.0.0.1", extra_labels={"k": "v"})
    assert (target.network, target.container_name, target.image) == ("net-x", "nginx-x", "img:1")
    assert target.instance_id == state.instance_id
    assert target.live_conf_path == "/srv/root/nginx/nginx.conf"
    assert target.extra_labels == {"k": "v"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["ya.ru", "vk.com", "ok.ru", "www.google.com"]), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_after_planning_every_enabled_user_is_routable(users: list[tuple[str, bool]]) -> None:
    state = _state(*(_user(f"u{i}", d, 3000 + i, enabled=e) for i, (d, e) in enumerate(users)))
    plan = plan_mode_switch(state, enable=True)
    enabled = [u for u in plan.state.users if u.enabled]
    assert len({u.domain for u in enabled}) == len(enabled)
    render_nginx_config(nginx_spec(plan.state))  # no duplicate, every domain valid
    changed = {c.user_id for c in plan.domain_changes}
    for old, new in zip(state.users, plan.state.users, strict=True):
        assert (old.secret != new.secret) == (new.id in changed)


def test_server_own_domain_is_refused_for_a_user_and_never_picked() -> None:
    from mtpm_desktop.core.domains import check_domain_free, pick_domain
    from mtpm_desktop.core.errors import DomainInUse

    state = _state(_user("a", "ya.ru", 2443))
    state.server_domain = domain_pool()[0]
    assert check_domain_free(state, domain_pool()[0]) == domain_pool()[0]  # standard mode: no router
    state.port_443_mode = True
    with pytest.raises(DomainInUse) as err:
        check_domain_free(state, domain_pool()[0].upper())
    assert "own domain" in err.value.message and domain_pool()[1] in err.value.message
    assert pick_domain(state) == domain_pool()[1]


def test_idn_server_domain_is_compared_as_punycode() -> None:
    state = _state(_user("a", "пример.рф", 2443))
    state.server_domain = "ПРИМЕР.рф"
    plan = plan_mode_switch(state, enable=True)
    assert [(c.user_id, c.old_domain) for c in plan.domain_changes] == [("a", "xn--e1afmkfd.xn--p1ai")]
    state.server_domain = "not a domain"  # unusable as SNI: matches nobody, breaks nothing
    assert plan_mode_switch(state, enable=True).domain_changes == []
