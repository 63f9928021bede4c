"""Render mtg v2 (2.2.x) TOML configs: one file per user, mounted read-only at /config.toml.

Only keys documented in mtg 2.2.8's example.config.toml are written (see tests/unit/test_engines.py).
The config is built as a dict and written by tomli-w, a maintained TOML writer, so a user-controlled value (a
domain, an IP typed by the admin) is always one escaped value and can never add keys of its own.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any

import tomli_w

from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.messages import msg

# The panel's prefer-ip values (state key `proxy_prefer_ip`) -> mtg's `prefer-ip`.
PREFER_IP_MAP: dict[str, str] = {
    "v4": "only-ipv4",
    "v6": "only-ipv6",
    "prefer-v4": "prefer-ipv4",
    "prefer-v6": "prefer-ipv6",
}
DEFAULT_PREFER_IP = "prefer-v4"
# Where mtg serves Prometheus metrics inside the container; the agent reads per-user traffic there.
METRICS_PORT = 3129


class EngineConfigError(InvalidSetting):
    """A value cannot go into an engine config (bad IP literal, unknown prefer-ip, ...)."""


@dataclass(frozen=True)
class ProxyConfigInput:
    """Everything an engine needs to render one user's proxy config (engine-independent)."""

    secret_hex: str
    port: int  # the port the proxy listens on inside its container (= the user's port)
    prefer_ip: str = DEFAULT_PREFER_IP  # panel form: v4|v6|prefer-v4|prefer-v6
    public_ipv4: str | None = None
    fronting_ip: str | None = None
    fronting_port: int | None = None
    proxy_protocol: bool = False
    bind_host: str = "0.0.0.0"


HEADER = "# Rendered by mtpm; edits are overwritten on the next reconcile.\n"


def render_toml(doc: dict[str, Any]) -> str:
    """The TOML text of ``doc`` under mtpm's header line."""
    return HEADER + tomli_w.dumps(doc)


def _ip_literal(value: str, what: str, *, version: int | None = None) -> str:
    try:
        addr = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        raise EngineConfigError(
            msg("{what} must be an IP address, not {value!r}.", what=what, value=value)
        ) from None
    if version is not None and addr.version != version:
        raise EngineConfigError(
            msg(
                "{what} must be an IPv{version} address, not {value!r}.",
                what=what,
                version=version,
                value=value,
            )
        )
    return str(addr)


def _host_port(host: str, port: int) -> str:
    ip = ipaddress.ip_address(host)
    return f"[{ip}]:{port}" if ip.version == 6 else f"{ip}:{port}"


def _check_port(port: int, what: str) -> int:
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise EngineConfigError(
            msg("{what} must be a port number from 1 to 65535, not {port!r}.", what=what, port=port)
        )
    return port


def mtg_prefer_ip(panel_value: str | None) -> str:
    """Map the panel's prefer-ip value to mtg's; None/empty means the default."""
    key = (panel_value or DEFAULT_PREFER_IP).strip()
    try:
        return PREFER_IP_MAP[key]
    except KeyError:
        allowed = ", ".join(PREFER_IP_MAP)
        raise EngineConfigError(
            msg(
                "Unknown prefer-ip value {value!r}; use one of {allowed}.", value=panel_value, allowed=allowed
            )
        ) from None


def is_ipv4_literal(value: str | None) -> bool:
    if not value:
        return False
    try:
        return ipaddress.ip_address(value.strip()).version == 4
    except ValueError:
        return False


def render_mtg_config(cfg: ProxyConfigInput) -> str:
    """The TOML text of one user's mtg config."""
    secret = cfg.secret_hex.strip()
    if not secret or any(c not in "0123456789abcdefABCDEF" for c in secret):
        raise EngineConfigError(msg("The proxy secret must be hex text (ee + 16 bytes + domain)."))
    bind = _host_port(
        _ip_literal(cfg.bind_host, msg("The bind address")), _check_port(cfg.port, msg("The user's port"))
    )
    doc: dict[str, Any] = {
        "secret": secret.lower(),
        "bind-to": bind,
        "prefer-ip": mtg_prefer_ip(cfg.prefer_ip),
    }
    if cfg.public_ipv4:
        # Without it mtg asks an outside service for the address at every start.
        doc["public-ipv4"] = _ip_literal(cfg.public_ipv4, msg("The public IPv4"), version=4)
    if cfg.proxy_protocol:
        doc["proxy-protocol-listener"] = True
    if cfg.fronting_ip or cfg.fronting_port:
        fronting: dict[str, Any] = {}
        if cfg.fronting_ip:
            fronting["ip"] = _ip_literal(cfg.fronting_ip, msg("The domain-fronting IP"))
        if cfg.fronting_port:
            fronting["port"] = _check_port(cfg.fronting_port, msg("The domain-fronting port"))
        doc["domain-fronting"] = fronting
    doc["defense"] = {"anti-replay": {"enabled": True}}
    doc["stats"] = {"prometheus": {"enabled": True, "bind-to": _host_port("0.0.0.0", METRICS_PORT)}}
    return render_toml(doc)
