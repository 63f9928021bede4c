"""Server settings as the CLI and GUI edit them: state keys, parsed from text and validated.

`mtpm settings set KEY VALUE` and the GUI's settings page both go through `apply_setting`, so a value
is validated the same way whichever face typed it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import PREFER_IP_VALUES, QuotaPeriod, ServerState
from mtpm_desktop.core.validation import (
    validate_domain,
    validate_limit_gb,
    validate_max_devices,
    validate_port_number,
    validate_speed_mbps,
)
from mtpm_desktop.remote.site.config import SNI_UNKNOWN_KEY, parse_sni_unknown, sni_unknown

# Set by `stop_all` so a reconcile does not start the proxies again; cleared by `start_all`.
PROXIES_STOPPED_KEY = "proxies_stopped"


def _bool(value: str) -> bool:
    text = value.strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise InvalidSetting(msg("{value!r} is not true or false.", value=value))


def _ip_or_empty(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise InvalidSetting(
            msg("{value!r} is not an IP address (use server_domain for a host name).", value=value)
        ) from None


def _domain_or_empty(value: str) -> str:
    return validate_domain(value) if value.strip() else ""


def _base_port(value: str) -> int:
    port = validate_port_number(value)
    if port < 1024:
        raise InvalidSetting(msg("The base port must be 1024 or higher, not {port}.", port=port))
    return port


def _prefer_ip(value: str) -> str:
    text = value.strip()
    if text not in PREFER_IP_VALUES:
        raise InvalidSetting(
            msg(
                "proxy_prefer_ip must be one of {allowed}, not {value!r}.",
                allowed=", ".join(PREFER_IP_VALUES),
                value=value,
            )
        )
    return text


def _image(value: str) -> str:
    text = value.strip()
    if not text or any(c.isspace() for c in text):
        raise InvalidSetting(
            msg("{value!r} is not a Docker image reference (e.g. nineseconds/mtg:2.2.8).", value=value)
        )
    return text


def _period(value: str) -> QuotaPeriod:
    text = value.strip().lower()
    if text == "lifetime":
        return QuotaPeriod.lifetime()
    if text.startswith("monthly"):
        _, _, day = text.partition(":")
        try:
            return QuotaPeriod.monthly(int(day or "1"))
        except ValueError:
            pass
    raise InvalidSetting(
        msg("{value!r} is not a quota period: use lifetime or monthly:DAY (DAY 1-31).", value=value)
    )


def _decoy(value: str) -> str:
    text = value.strip()
    if text:
        from mtpm_desktop.remote.port443.nginx import parse_decoy

        parse_decoy(text)  # raises with a clear message
    return text


def _fronting_port(value: str) -> int | None:
    return validate_port_number(value) if value.strip() else None


def _fronting_ip(value: str) -> str | None:
    return _ip_or_empty(value) or None


def _network(value: str) -> str:
    text = value.strip()
    if not text or not all(c.isalnum() or c in "_.-" for c in text):
        raise InvalidSetting(msg("{value!r} is not a Docker network name.", value=value))
    return text


def _container_name(value: str) -> str:
    # Docker's rule for container names; the port-443 router's name (tests run several side by side).
    text = value.strip()
    if not text or not text[0].isalnum() or not all(c.isalnum() or c in "_.-" for c in text):
        raise InvalidSetting(
            msg("{value!r} is not a Docker container name (letters, digits, _ . -).", value=value)
        )
    return text


def _domains(value: str) -> list[str]:
    return [validate_domain(d) for d in value.replace(",", " ").split()]


_PARSERS: dict[str, Callable[[str], Any]] = {
    "server_ip": _ip_or_empty,
    "server_domain": _domain_or_empty,
    "proxy_port": _base_port,
    "fake_tls_domain": validate_domain,
    "proxy_prefer_ip": _prefer_ip,
    "proxy_image": _image,
    "engine": lambda v: v.strip(),
    "traffic_limit_gb": validate_limit_gb,
    "throttle_speed_mbps": validate_speed_mbps,
    "max_devices": validate_max_devices,
    "quota_period": _period,
    "stats_enabled": _bool,
    "port_443_mode": _bool,
    "sni_listen_port": validate_port_number,
    "sni_decoy": _decoy,
    "proxy_protocol": _bool,
    "nginx_image": _image,
    "nginx_container_name": _container_name,
    "docker_network": _network,
    "custom_domains": _domains,
    "domain_fronting_ip": _fronting_ip,
    "domain_fronting_port": _fronting_port,
}
# Settings kept in the state file's extra keys (no typed field): key -> (parser, reader).
_EXTRA_SETTINGS: dict[str, tuple[Callable[[str], Any], Callable[[ServerState], Any]]] = {
    SNI_UNKNOWN_KEY: (parse_sni_unknown, sni_unknown),
}
SETTING_KEYS = (*_PARSERS, *_EXTRA_SETTINGS)


def settings_view(state: ServerState) -> dict[str, Any]:
    """Every setting's current value in JSON form (no users, no secrets)."""
    out: dict[str, Any] = {}
    for key in _PARSERS:
        value = getattr(state, key)
        out[key] = value.to_json() if isinstance(value, QuotaPeriod) else value
    for key, (_parse, read) in _EXTRA_SETTINGS.items():
        out[key] = read(state)
    out[PROXIES_STOPPED_KEY] = bool(state.extra.get(PROXIES_STOPPED_KEY, False))
    out["instance_id"] = state.instance_id
    out["revision"] = state.revision
    return out


def apply_setting(state: ServerState, key: str, value: str) -> Any:
    """Parse `value` for `key` and set it on `state`; returns the parsed value."""
    if key in _EXTRA_SETTINGS:
        parsed_extra = _EXTRA_SETTINGS[key][0](value)
        state.extra[key] = parsed_extra
        return parsed_extra
    parser = _PARSERS.get(key)
    if parser is None:
        raise InvalidSetting(
            msg("Unknown setting {key!r}; settings are: {keys}.", key=key, keys=", ".join(SETTING_KEYS))
        )
    parsed = parser(value)
    if key == "engine":
        from mtpm_desktop.remote.proxies.engines import get_engine

        get_engine(parsed)  # unknown engine -> InvalidSetting
    setattr(state, key, parsed)
    return parsed
