"""The mtg v2 TOML renderer and the engine registry."""

from __future__ import annotations

import tomllib

import pytest

from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.remote.proxies.engines import MTG, MTG_IMAGE, config_hash, get_engine
from mtpm_desktop.remote.proxies.mtg_config import (
    EngineConfigError,
    ProxyConfigInput,
    render_mtg_config,
    render_toml,
)

pytestmark = pytest.mark.unit

SECRET = "ee" + "11" * 16 + b"www.cloudflare.com".hex()

# Every key of mtg 2.2.8's example.config.toml (github.com/9seconds/mtg, tag v2.2.8), by table.
# The renderer may only write keys from this list.
MTG_228_KEYS: dict[str, set[str]] = {
    "": {
        "debug",
        "secret",
        "bind-to",
        "proxy-protocol-listener",
        "concurrency",
        "prefer-ip",
        "public-ipv4",
        "public-ipv6",
        "auto-update",
        "domain-fronting-port",
        "domain-fronting-ip",
        "domain-fronting-proxy-protocol",
        "tolerate-time-skewness",
        "allow-fallback-on-unknown-dc",
    },
    "domain-fronting": {"ip", "port", "proxy-protocol"},
    "network": {"doh-ip", "dns", "proxies"},
    "network.timeout": {"tcp", "http", "idle", "handshake"},
    "network.keep-alive": {"disabled", "idle", "interval", "count"},
    "defense.doppelganger": {"urls", "repeats-per-raid", "raid-each", "drs"},
    "defense.anti-replay": {"enabled", "max-size", "error-rate"},
    "defense.blocklist": {"enabled", "download-concurrency", "urls", "update-each"},
    "defense.allowlist": {"enabled", "download-concurrency", "urls", "update-each"},
    "stats.statsd": {"enabled", "address", "metric-prefix", "tag-format"},
    "stats.prometheus": {"enabled", "bind-to", "http-path", "metric-prefix"},
}


def _flatten(doc: dict[str, object], prefix: str = "") -> dict[str, set[str]]:
    out: dict[str, set[str]] = {prefix: set()}
    for key, value in doc.items():
        if isinstance(value, dict):
            for table, keys in _flatten(value, f"{prefix}.{key}" if prefix else key).items():
                out.setdefault(table, set()).update(keys)
        else:
            out[prefix].add(key)
    return {t: k for t, k in out.items() if k}


def test_full_config_uses_only_documented_keys() -> None:
    text = render_mtg_config(
        ProxyConfigInput(
            secret_hex=SECRET,
            port=2443,
            prefer_ip="prefer-v6",
            public_ipv4="203.0.113.7",
            fronting_ip="127.0.0.1",
            fronting_port=8443,
            proxy_protocol=True,
        )
    )
    doc = tomllib.loads(text)
    for table, keys in _flatten(doc).items():
        assert keys <= MTG_228_KEYS[table], (table, keys - MTG_228_KEYS[table])
    assert doc["secret"] == SECRET
    assert doc["bind-to"] == "0.0.0.0:2443"
    assert doc["prefer-ip"] == "prefer-ipv6"
    assert doc["public-ipv4"] == "203.0.113.7"
    assert doc["proxy-protocol-listener"] is True
    assert doc["domain-fronting"] == {"ip": "127.0.0.1", "port": 8443}
    assert doc["defense"]["anti-replay"] == {"enabled": True}
    assert doc["stats"]["prometheus"] == {"enabled": True, "bind-to": "0.0.0.0:3129"}


def test_minimal_config_omits_optional_parts() -> None:
    doc = tomllib.loads(render_mtg_config(ProxyConfigInput(secret_hex=SECRET, port=3000)))
    assert "public-ipv4" not in doc
    assert "domain-fronting" not in doc
    assert "proxy-protocol-listener" not in doc
    assert doc["prefer-ip"] == "prefer-ipv4"


@pytest.mark.parametrize(
    ("panel", "mtg"),
    [("v4", "only-ipv4"), ("v6", "only-ipv6"), ("prefer-v4", "prefer-ipv4"), ("prefer-v6", "prefer-ipv6")],
)
def test_prefer_ip_mapping(panel: str, mtg: str) -> None:
    doc = tomllib.loads(render_mtg_config(ProxyConfigInput(secret_hex=SECRET, port=3000, prefer_ip=panel)))
    assert doc["prefer-ip"] == mtg


def test_ipv6_bind_is_bracketed() -> None:
    doc = tomllib.loads(render_mtg_config(ProxyConfigInput(secret_hex=SECRET, port=3000, bind_host="::")))
    assert doc["bind-to"] == "[::]:3000"


@pytest.mark.parametrize(
    "bad",
    [
        {"prefer_ip": "ipv4"},
        {"public_ipv4": "proxy.example.com"},
        {"public_ipv4": "2001:db8::1"},
        {"public_ipv4": '1.2.3.4"\nsecret = "x'},
        {"fronting_ip": "localhost"},
        {"fronting_port": 70000},
        {"bind_host": "example.com"},
        {"port": 0},
        {"secret_hex": 'ee00"\n[x]'},
    ],
)
def test_bad_values_are_refused_with_a_clear_error(bad: dict[str, object]) -> None:
    args: dict[str, object] = {"secret_hex": SECRET, "port": 3000, **bad}
    with pytest.raises(EngineConfigError) as err:
        render_mtg_config(ProxyConfigInput(**args))  # type: ignore[arg-type]
    assert isinstance(err.value, InvalidSetting)
    assert str(err.value)


@pytest.mark.parametrize("text", ['a"b', "back\\slash", "line\nbreak", "tab\tx", "\x00\x1f\x7f", "кириллица"])
def test_render_toml_round_trips(text: str) -> None:
    assert tomllib.loads(render_toml({"k": text, "t": {"v": text}})) == {"k": text, "t": {"v": text}}


def test_registry_and_image_override() -> None:
    assert get_engine(None).image == MTG_IMAGE
    assert get_engine("mtg", "registry.local/mtg:2.2.8").image == "registry.local/mtg:2.2.8"
    # The old panel's custom image is not adopted: imports move to the pinned upstream image.
    assert get_engine("mtg", "mtg-custom").image == MTG_IMAGE
    with pytest.raises(InvalidSetting):
        get_engine("nope")


def test_config_hash_changes_with_what_shapes_the_container() -> None:
    base = config_hash(MTG, "a", network="mtpm", publish=True)
    assert base == config_hash(MTG, "a", network="mtpm", publish=True)
    assert base != config_hash(MTG, "b", network="mtpm", publish=True)
    assert base != config_hash(MTG, "a", network="other", publish=True)
    assert base != config_hash(MTG, "a", network="mtpm", publish=False)
    assert base != config_hash(MTG.with_image("x:1"), "a", network="mtpm", publish=True)
