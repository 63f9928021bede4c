"""The port-443 router config: what the template renders, and that hostile values never reach it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtpm_desktop.core.errors import InvalidDomain, InvalidSetting, MtpmError
from mtpm_desktop.remote.port443.nginx import (
    FALLBACK_SOCKET,
    Decoy,
    DuplicateSniDomain,
    NginxSpec,
    NginxTarget,
    SniRoute,
    container_spec_hash,
    parse_decoy,
    render_nginx_config,
    routes_for_users,
)

pytestmark = pytest.mark.unit

MAP_LINE = re.compile(r'^        "([a-z0-9.-]+)" "([a-z0-9.-]+):(\d+)";$')


def _map_block(conf: str) -> list[str]:
    block = conf.split("map $ssl_preread_server_name $mtpm_backend {", 1)[1].split("}", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def _three_users() -> NginxSpec:
    return NginxSpec(
        listen_port=8443,
        routes=routes_for_users([("www.google.com", 2443), ("ya.ru", 2444), ("xn--e1afmkfd.xn--p1ai", 2445)]),
    )


def test_routes_map_each_domain_to_its_proxy_container() -> None:
    conf = render_nginx_config(_three_users())
    lines = _map_block(conf)
    assert lines == [
        '        "www.google.com" "mtg-proxy-2443:2443";',
        '        "xn--e1afmkfd.xn--p1ai" "mtg-proxy-2445:2445";',
        '        "ya.ru" "mtg-proxy-2444:2444";',
        "        default $mtpm_unknown;",
    ]
    unknown = conf.split('map "" $mtpm_unknown {', 1)[1].split("}", 1)[0]
    assert f'default "unix:{FALLBACK_SOCKET}";' in unknown


def test_each_domain_names_its_user_port_for_the_device_limit_and_the_agent() -> None:
    conf = render_nginx_config(_three_users())
    block = conf.split("map $ssl_preread_server_name $mtpm_user {", 1)[1].split("}", 1)[0]
    assert [line.strip() for line in block.splitlines() if line.strip()] == [
        '"www.google.com" "2443";',
        '"xn--e1afmkfd.xn--p1ai" "2445";',
        '"ya.ru" "2444";',
        'default "";',
    ]
    # The agent's rules are included into the map that picks the proxy; the main server logs sessions.
    assert "include /etc/mtpm-nginx/devlimit/*.conf;" in conf
    assert re.search(r"^\s*error_log stderr info;$", conf, re.MULTILINE)
    # Refusals on the sessions' own stream (stderr): one stream keeps its order through Docker's log.
    assert "access_log /dev/stderr mtpm_refused if=$mtpm_refused;" in conf


def test_router_server_directives() -> None:
    conf = render_nginx_config(_three_users())
    for directive in (
        "listen 8443;",
        "ssl_preread on;",
        "proxy_pass $mtpm_pass;",
        "proxy_connect_timeout 5s;",
        "proxy_timeout 24h;",
        "resolver 127.0.0.11 valid=10s ipv6=off;",
        # Debian's nginx needs the stream module loaded; on the official image the glob matches nothing.
        "include /etc/nginx/modules-enabled/*.conf;",
    ):
        assert re.search(rf"^\s*{re.escape(directive)}$", conf, re.MULTILINE), directive
    assert "proxy_protocol" not in conf
    assert "http {" not in conf  # no web panel, no HTTP server at all


def test_without_decoy_unknown_sni_is_closed() -> None:
    conf = render_nginx_config(_three_users())
    assert f"listen unix:{FALLBACK_SOCKET};" in conf
    assert 'return "";' in conf
    assert "$mtpm_decoy" not in conf


def test_with_decoy_unknown_sni_goes_to_the_decoy() -> None:
    spec = NginxSpec(routes=_three_users().routes, decoy=parse_decoy("www.example.com:443"))
    conf = render_nginx_config(spec)
    assert 'default "www.example.com:443";' in conf
    assert "proxy_pass $mtpm_decoy;" in conf
    assert 'return "";' not in conf
    assert "listen 443;" in conf


def test_proxy_protocol_is_sent_to_proxies_and_stripped_before_the_decoy() -> None:
    spec = NginxSpec(routes=_three_users().routes, decoy=parse_decoy("192.0.2.7:8443"), proxy_protocol=True)
    conf = render_nginx_config(spec)
    assert "        proxy_protocol on;\n" in conf
    # The fallback server accepts the header, so a real website as decoy never sees it.
    assert f"listen unix:{FALLBACK_SOCKET} proxy_protocol;" in conf
    assert 'default "192.0.2.7:8443";' in conf


def test_empty_route_list_still_renders_a_valid_router() -> None:
    conf = render_nginx_config(NginxSpec())
    assert _map_block(conf) == ["        default $mtpm_unknown;"]
    assert conf.count("{") == conf.count("}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("www.example.com:443", Decoy("www.example.com", 443)),
        ("  Example.COM:8443 ", Decoy("example.com", 8443)),
        ("192.0.2.1:443", Decoy("192.0.2.1", 443)),
        ("decoy-site:8443", Decoy("decoy-site", 8443)),
        ("пример.рф:443", Decoy("xn--e1afmkfd.xn--p1ai", 443)),
        ("[2001:db8::1]:443", Decoy("2001:db8::1", 443)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_decoy(text: str | None, expected: Decoy | None) -> None:
    assert parse_decoy(text) == expected


def test_ipv6_decoy_is_bracketed_in_config() -> None:
    conf = render_nginx_config(NginxSpec(decoy=parse_decoy("[2001:db8::1]:443")))
    assert 'default "[2001:db8::1]:443";' in conf


@pytest.mark.parametrize(
    "text",
    [
        "example.com",
        "example.com:0",
        "example.com:65536",
        "example.com:443; proxy_pass evil:1",
        'a.com:443"; }',
        "a.com:443\n}",
        "2001:db8::1:443",
        "[not-an-ip]:443",
        "bad_host.com:443",
        "https://example.com:443",
        "example.com:443:1",
        "-a.com:443",
    ],
)
def test_bad_decoy_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(InvalidSetting) as err:
        parse_decoy(text)
    assert "host:port" in err.value.message


HOSTILE_DOMAINS = [
    'evil.com"; } server { listen 80; } map "" $x { default "',
    "evil.com;include /etc/passwd",
    "evil.com\n}",
    "evil.com }",
    "ev il.com",
    "evil.com\x00",
    "default",
    "hostnames",
    "include",
    "~^.*$",
    "*.evil.com",
    "evil.com:443",
    "$host.com",
    "a.com#",
    "1.2.3.4",
    "",
    "a" * 64 + ".com",
    ".".join(["abcdefghij"] * 20),  # > 182 bytes
]


@pytest.mark.parametrize("domain", HOSTILE_DOMAINS)
def test_hostile_domain_cannot_inject_a_directive(domain: str) -> None:
    spec = NginxSpec(routes=(SniRoute(domain, "mtg-proxy-2443", 2443),))
    with pytest.raises(InvalidDomain):
        render_nginx_config(spec)


@pytest.mark.parametrize("host", ['x"; }', "mtg proxy", "MTG-proxy-1", "a\nb", "", "$backend"])
def test_hostile_backend_host_is_refused(host: str) -> None:
    with pytest.raises(InvalidSetting):
        render_nginx_config(NginxSpec(routes=(SniRoute("a.example.com", host, 2443),)))


@pytest.mark.parametrize("port", [0, 65536, -1, True])
def test_bad_ports_are_refused(port: int) -> None:
    with pytest.raises(InvalidSetting):
        render_nginx_config(NginxSpec(listen_port=port))
    with pytest.raises(MtpmError):
        render_nginx_config(NginxSpec(routes=(SniRoute("a.example.com", "mtg-proxy-1", port),)))


def test_hand_built_hostile_decoy_is_refused() -> None:
    with pytest.raises(InvalidSetting):
        render_nginx_config(NginxSpec(decoy=Decoy('a.com"; }', 443)))


def test_idn_domain_is_rendered_as_punycode() -> None:
    conf = render_nginx_config(NginxSpec(routes=(SniRoute("пример.рф", "mtg-proxy-2443", 2443),)))
    assert '"xn--e1afmkfd.xn--p1ai" "mtg-proxy-2443:2443";' in conf


def test_duplicate_domains_are_refused_before_nginx_sees_them() -> None:
    spec = NginxSpec(routes=routes_for_users([("ya.ru", 2443), ("YA.RU", 2444)]))
    with pytest.raises(DuplicateSniDomain) as err:
        render_nginx_config(spec)
    assert "ya.ru" in err.value.message
    assert "2443" in err.value.message and "2444" in err.value.message


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=4))
def test_any_text_is_either_refused_or_rendered_as_one_clean_map_line(domains: list[str]) -> None:
    routes = tuple(SniRoute(d, f"mtg-proxy-{2443 + i}", 2443 + i) for i, d in enumerate(domains))
    spec = NginxSpec(routes=routes)
    try:
        conf = render_nginx_config(spec)
    except MtpmError:
        return
    lines = _map_block(conf)
    assert len(lines) == len(domains) + 1
    for line in lines[:-1]:
        assert MAP_LINE.match(line), line
    assert conf.count("{") == conf.count("}")
    assert conf.count('"') % 2 == 0


def test_container_hash_changes_with_port_image_and_network_only() -> None:
    base = NginxTarget(root="/opt/mtpm", instance_id="abc")
    h = container_spec_hash(base, 443)
    assert container_spec_hash(base, 443) == h
    assert container_spec_hash(base, 8443) != h
    assert container_spec_hash(NginxTarget(root="/opt/mtpm", instance_id="abc", image="nginx:x"), 443) != h
    assert container_spec_hash(NginxTarget(root="/opt/mtpm", instance_id="abc", network="n2"), 443) != h
    labelled = NginxTarget(root="/opt/mtpm", instance_id="abc", extra_labels={"a": "b"})
    assert container_spec_hash(labelled, 443) == h
