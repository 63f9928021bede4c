"""Links, including the old panel's own example in port-443 mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtpm_desktop.core.errors import InvalidPort, InvalidSecret, NoServerAddress
from mtpm_desktop.core.links import link_host, link_port, make_links, tg_link, tme_link, user_links
from mtpm_desktop.core.state import load_state, new_state
from mtpm_desktop.core.users import add_user

pytestmark = pytest.mark.unit
DATA = Path(__file__).resolve().parent.parent / "data"
PHONE = "ee1f2e3d4c5b6a798807162534435261707777772e6170706c652e636f6d"
FRIEND = "eea1b2c3d4e5f60718293a4b5c6d7e8f907777772e676f6f676c652e636f6d"


def test_old_panel_example_gives_the_old_panels_links_and_ports() -> None:
    result = load_state((DATA / "old_panel_config.json").read_text())
    assert result.problems == []
    state = result.state
    phone, friend = state.users
    assert (phone.name, phone.port, phone.domain) == ("Phone", 2443, "www.apple.com")
    assert (friend.name, friend.port, friend.enabled) == ("Friend", 2444, True)
    assert (phone.traffic_limit_gb, phone.throttle_speed_mbps) == (50, 2)
    # Port-443 mode: clients dial the domain on 443, and the SNI router picks the container by domain.
    assert user_links(state, phone).tg == f"tg://proxy?server=proxy.example.net&port=443&secret={PHONE}"
    assert (
        user_links(state, phone).tme == f"https://t.me/proxy?server=proxy.example.net&port=443&secret={PHONE}"
    )
    assert user_links(state, friend).tg == f"tg://proxy?server=proxy.example.net&port=443&secret={FRIEND}"


def test_standard_mode_uses_the_users_port_and_ip_without_domain() -> None:
    state = load_state((DATA / "old_panel_config.json").read_text()).state
    state.port_443_mode = False
    state.server_domain = ""
    phone, friend = state.users
    assert link_host(state) == "203.0.113.10"
    assert link_port(state, friend) == 2444
    assert user_links(state, friend).tg == f"tg://proxy?server=203.0.113.10&port=2444&secret={FRIEND}"
    assert user_links(state, phone).to_json() == {
        "tg_link": f"tg://proxy?server=203.0.113.10&port=2443&secret={PHONE}",
        "tme_link": f"https://t.me/proxy?server=203.0.113.10&port=2443&secret={PHONE}",
    }


def test_port_443_mode_uses_sni_listen_port() -> None:
    state = new_state(server_ip="192.0.2.9")
    state.port_443_mode = True
    state.sni_listen_port = 8443
    state, user = add_user(state, "a")
    assert link_port(state, user) == 8443
    assert ":8443" not in user_links(state, user).tg and "port=8443" in user_links(state, user).tg


def test_domain_wins_over_ip() -> None:
    state = new_state(server_ip="192.0.2.9", server_domain="mt.example.org")
    assert link_host(state) == "mt.example.org"


def test_no_address_is_an_actionable_error() -> None:
    state, user = add_user(new_state(), "a")
    with pytest.raises(NoServerAddress, match="server_ip"):
        user_links(state, user)
    with pytest.raises(NoServerAddress):
        make_links("  ", 2443, PHONE)


def test_make_links_normalises_base64_secret_to_hex() -> None:
    from mtpm_desktop.core.secret import parse_secret

    b64 = parse_secret(PHONE).base64()
    assert tg_link("1.2.3.4", "2443", b64) == f"tg://proxy?server=1.2.3.4&port=2443&secret={PHONE}"
    assert tme_link("1.2.3.4", 2443, PHONE) == f"https://t.me/proxy?server=1.2.3.4&port=2443&secret={PHONE}"


def test_ipv6_host_is_kept_readable() -> None:
    assert make_links("2001:db8::1", 2443, PHONE).tg.startswith("tg://proxy?server=2001:db8::1&port=2443&")


def test_bad_port_or_secret() -> None:
    with pytest.raises(InvalidPort):
        make_links("1.2.3.4", 70000, PHONE)
    with pytest.raises(InvalidSecret):
        make_links("1.2.3.4", 2443, "dd" + "00" * 16)
