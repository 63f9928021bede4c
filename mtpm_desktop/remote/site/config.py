"""The site's desired state (kept in the server's state file under ``site``) and the names it certifies.

Pure: no I/O. The state file keeps unknown top-level keys as they are (``ServerState.extra``), so the site's
record lives there without a new typed field: ``{"enabled", "acme_directory", "email", "ca_file",
"http_port", "https_port"}``, and ``sni_unknown`` (``reject`` | ``site``) beside it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from mtpm_desktop.core.errors import InvalidSetting
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import ServerState
from mtpm_desktop.core.validation import validate_domain

SITE_KEY = "site"
SNI_UNKNOWN_KEY = "sni_unknown"
SNI_UNKNOWN_CHOICES = ("reject", "site")
LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory"
# Let's Encrypt: at most 100 names per certificate (and 50 certificates per registered domain a week).
MAX_NAMES_PER_CERT = 100
CERT_NAME_PREFIX = "mtpm-site"


@dataclass(frozen=True)
class SiteConfig:
    enabled: bool = False
    acme_directory: str = LETS_ENCRYPT
    email: str = ""
    ca_file: str = ""  # on the server: the CA bundle the ACME client trusts for the directory
    http_port: int = 80
    https_port: int = 443  # standard mode only; in port-443 mode the router's sni_listen_port serves it

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def site_config(state: ServerState) -> SiteConfig:
    raw = state.extra.get(SITE_KEY)
    if not isinstance(raw, dict):
        return SiteConfig()
    known = {k: raw[k] for k in SiteConfig.__dataclass_fields__ if k in raw}
    return SiteConfig(**known)


def set_site_config(state: ServerState, config: SiteConfig) -> None:
    state.extra[SITE_KEY] = config.to_json()


def replace_site(state: ServerState, config: SiteConfig) -> ServerState:
    """A copy of `state` with `config` as its site record."""
    out = state.copy()
    set_site_config(out, config)
    return out


def validate_acme_directory(url: str) -> str:
    parsed = urlsplit(url.strip())
    if parsed.scheme != "https" or not parsed.hostname:
        raise InvalidSetting(
            msg(
                "The ACME directory must be an https:// URL (e.g. {default}), not {url!r}.",
                default=LETS_ENCRYPT,
                url=url,
            )
        )
    return url.strip()


def validate_email(email: str) -> str:
    text = email.strip()
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise InvalidSetting(msg("{email!r} is not an e-mail address.", email=email))
    return text


def sni_unknown(state: ServerState) -> str:
    value = state.extra.get(SNI_UNKNOWN_KEY)
    return value if value in SNI_UNKNOWN_CHOICES else "reject"


def parse_sni_unknown(value: str) -> str:
    text = value.strip().lower()
    if text not in SNI_UNKNOWN_CHOICES:
        raise InvalidSetting(
            msg(
                "sni_unknown is reject (unknown names are refused in the TLS handshake) or site (they get "
                "the website), not {value!r}.",
                value=value,
            )
        )
    return text


def site_domain(state: ServerState) -> str:
    """The bare domain the site serves (``server_domain``); raises when the server has none."""
    if not state.server_domain.strip():
        raise InvalidSetting(
            msg(
                "The website needs the server's own domain: set it first with "
                "`settings set server_domain NAME` (a name whose A record points at this server)."
            )
        )
    return validate_domain(state.server_domain)


def user_names(state: ServerState, domain: str) -> list[str]:
    """The users' SNI names under the site's domain (what the certificate must cover besides the domain).

    The one place that says which user names the certificate covers: today the SNI inside each enabled
    user's secret, when it is a subdomain of the site's domain.
    """
    suffix = "." + domain
    # In the users' order (oldest first), so a new user lands in the last certificate group.
    names = (u.domain for u in state.users if u.enabled and u.domain.endswith(suffix))
    return list(dict.fromkeys(names))


def certificate_names(state: ServerState) -> list[str]:
    """Every name the site's certificates must cover: the bare domain first, then the users' names."""
    domain = site_domain(state)
    return [domain, *user_names(state, domain)]


def certificate_groups(names: list[str]) -> list[tuple[str, list[str]]]:
    """(certbot cert name, names) in chunks of at most 100 names: one certificate per 100 names.

    Chunks are filled in order, so adding a user changes only the last certificate; the first one always
    holds the bare domain.
    """
    step = MAX_NAMES_PER_CERT
    return [(f"{CERT_NAME_PREFIX}-{i // step}", names[i : i + step]) for i in range(0, len(names), step)]
