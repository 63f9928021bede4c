"""Proxy links: ``tg://proxy?...`` (opens the Telegram app) and ``https://t.me/proxy?...`` (for browsers).

The host is ``server_domain`` when set, else ``server_ip``. The port is the user's own port, except in
port-443 mode where every user is reached through the SNI router on ``sni_listen_port`` (443).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .errors import NoServerAddress
from .messages import msg
from .secret import normalize_secret
from .state import ServerState, User
from .validation import validate_port_number


@dataclass(frozen=True)
class Links:
    """Both forms of one user's link."""

    tg: str
    tme: str

    def to_json(self) -> dict[str, str]:
        return {"tg_link": self.tg, "tme_link": self.tme}


def _query(server: str, port: int, secret: str) -> str:
    # Hex secrets and host names need no escaping; quote() only matters for odd hosts (e.g. IPv6 brackets).
    return f"server={quote(server, safe='.:[]-')}&port={port}&secret={secret}"


def make_links(server: str, port: int | str, secret: str) -> Links:
    """Links for an explicit host, port and secret (the secret is validated and written in hex).

    Raises NoServerAddress for an empty host, InvalidPort, or InvalidSecret.
    """
    host = server.strip()
    if not host:
        raise NoServerAddress(msg("No server address given: pass the server's domain or IP address."))
    number = validate_port_number(port)
    query = _query(host, number, normalize_secret(secret))
    return Links(tg=f"tg://proxy?{query}", tme=f"https://t.me/proxy?{query}")


def tg_link(server: str, port: int | str, secret: str) -> str:
    """``tg://proxy?server=S&port=P&secret=X``."""
    return make_links(server, port, secret).tg


def tme_link(server: str, port: int | str, secret: str) -> str:
    """``https://t.me/proxy?server=S&port=P&secret=X``."""
    return make_links(server, port, secret).tme


def link_host(state: ServerState) -> str:
    """The host clients dial: ``server_domain`` if set, else ``server_ip``; NoServerAddress if neither."""
    host = state.server_domain.strip() or state.server_ip.strip()
    if not host:
        raise NoServerAddress(
            msg(
                "The server has neither a domain nor an IP address set, so no link can be made: "
                "set server_ip (or server_domain) in the server settings."
            )
        )
    return host


def link_port(state: ServerState, user: User) -> int:
    """The port clients dial: the SNI router's listen port in port-443 mode, else the user's own port."""
    return state.sni_listen_port if state.port_443_mode else user.port


def user_links(state: ServerState, user: User) -> Links:
    """Both links for ``user`` on this server (raises NoServerAddress or InvalidSecret)."""
    return make_links(link_host(state), link_port(state, user), user.secret)
