"""The SNI domain pool and picking free domains."""

from __future__ import annotations

from importlib import resources

import pytest

from mtpm_desktop.core.domains import (
    available_domains,
    check_domain_free,
    domain_pool,
    international_domains,
    pick_domain,
    russian_domains,
)
from mtpm_desktop.core.errors import DomainInUse, DomainPoolExhausted, InvalidDomain
from mtpm_desktop.core.state import new_state
from mtpm_desktop.core.users import add_user, set_enabled

pytestmark = pytest.mark.unit

EXPECTED_INTERNATIONAL = [
    "www.cloudflare.com",
    "www.google.com",
    "www.apple.com",
    "www.microsoft.com",
    "www.amazon.com",
    "www.facebook.com",
    "www.instagram.com",
    "www.twitter.com",
    "www.youtube.com",
    "www.netflix.com",
    "www.linkedin.com",
    "www.github.com",
    "www.stackoverflow.com",
    "www.reddit.com",
    "www.wikipedia.org",
    "www.mozilla.org",
    "www.dropbox.com",
    "www.spotify.com",
    "www.twitch.tv",
    "www.discord.com",
]
EXPECTED_RUSSIAN = [
    "vk.com",
    "ya.ru",
    "mail.ru",
    "ok.ru",
    "yandex.ru",
    "dzen.ru",
    "rutube.ru",
    "sber.ru",
    "gosuslugi.ru",
    "mos.ru",
]


def test_pool_is_the_documented_30_domains() -> None:
    assert list(international_domains()) == EXPECTED_INTERNATIONAL
    assert list(russian_domains()) == EXPECTED_RUSSIAN
    assert list(domain_pool()) == EXPECTED_INTERNATIONAL + EXPECTED_RUSSIAN
    assert len(set(domain_pool())) == 30


def test_pool_is_a_packaged_resource() -> None:
    assert resources.files("mtpm_desktop.resources").joinpath("domains.json").is_file()


def test_pick_skips_domains_of_enabled_users_only() -> None:
    state = new_state(server_ip="192.0.2.1")
    state.port_443_mode = True
    state, first = add_user(state, "first")
    assert first.domain == "www.cloudflare.com"
    state, second = add_user(state, "second")
    assert second.domain == "www.google.com"
    assert pick_domain(state) == "www.apple.com"
    state = set_enabled(state, "first", False)
    assert pick_domain(state) == "www.cloudflare.com"  # a disabled user's domain is free again
    assert pick_domain(state, exclude_user_id=second.id) == "www.cloudflare.com"


def test_custom_domains_come_after_the_pool_and_exhaustion_is_explained() -> None:
    state = new_state(server_ip="192.0.2.1")
    state.port_443_mode = True
    state.custom_domains = ["cdn.example.org", "www.google.com"]
    assert available_domains(state)[-1] == "cdn.example.org"
    assert len(available_domains(state)) == 31
    for i in range(30):
        state, _ = add_user(state, f"u{i}")
    assert pick_domain(state) == "cdn.example.org"
    state, last = add_user(state, "u30")
    assert last.domain == "cdn.example.org"
    with pytest.raises(DomainPoolExhausted, match="custom domains"):
        pick_domain(state)
    with pytest.raises(DomainPoolExhausted):
        add_user(state, "one too many")


def test_check_domain_free_in_port_443_mode() -> None:
    state = new_state(server_ip="192.0.2.1")
    state, user = add_user(state, "a", domain="www.apple.com")
    assert check_domain_free(state, "WWW.Apple.com.") == "www.apple.com"  # standard mode: shared is fine
    state.port_443_mode = True
    with pytest.raises(DomainInUse, match=r"'a' already uses www\.apple\.com"):
        check_domain_free(state, "www.apple.com")
    assert check_domain_free(state, "www.apple.com", user_id=user.id) == "www.apple.com"
    with pytest.raises(InvalidDomain):
        check_domain_free(state, "not a domain")
