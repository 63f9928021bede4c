"""The nginx config and container of a server with the website: the port-443 spec plus the site's part.

Pure apart from :func:`fronting_address` (one Docker inspect). With the site enabled nginx runs in both modes:
in port-443 mode the stream router sends the bare domain (and unknown names) to the site's TLS server; in
standard mode nginx listens on the site's HTTPS port itself. Port 80 (HTTP-01, redirect) is published in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from mtpm_desktop.core.state import ServerState
from mtpm_desktop.remote.port443 import sni_mode
from mtpm_desktop.remote.port443.nginx import (
    SITE_FRONTING_PORT,
    NginxSpec,
    NginxTarget,
    SiteCertificate,
    SiteServer,
    find_nginx_container,
)
from mtpm_desktop.remote.site.config import (
    certificate_groups,
    certificate_names,
    site_config,
    site_domain,
    sni_unknown,
)


def site_enabled(state: ServerState) -> bool:
    return site_config(state).enabled


def nginx_needed(state: ServerState) -> bool:
    """Whether the server runs the nginx container: the SNI router, the website, or both."""
    return state.port_443_mode or site_enabled(state)


def groups(state: ServerState) -> list[tuple[str, list[str]]]:
    return certificate_groups(certificate_names(state))


def nginx_spec(state: ServerState, present: list[str]) -> NginxSpec:
    """The whole config: the router's (port-443 mode) and the site's, with the certificates in `present`."""
    base = sni_mode.nginx_spec(state)
    if not site_enabled(state):
        return base
    config = site_config(state)
    public = state.sni_listen_port if state.port_443_mode else config.https_port
    site = SiteServer(
        domain=site_domain(state),
        http_port=config.http_port,
        https_port=None if state.port_443_mode else config.https_port,
        public_https_port=public,
        certificates=tuple(
            SiteCertificate(name, tuple(names)) for name, names in groups(state) if name in present
        ),
        reject_unknown=sni_unknown(state) == "reject",
    )
    return replace(base, listen_port=public, router=state.port_443_mode, site=site)


def nginx_target(
    state: ServerState,
    root: str,
    *,
    publish_host: str | None = None,
    extra_labels: Mapping[str, str] | None = None,
) -> NginxTarget:
    target = sni_mode.nginx_target(state, root, publish_host=publish_host, extra_labels=extra_labels)
    if not site_enabled(state):
        return target
    return replace(target, site=True, extra_ports=(site_config(state).http_port,))


def fronting_address(session: Any, state: ServerState, root: str) -> tuple[str, int] | None:
    """(IP, port) of the site's TLS server on the proxies' Docker network, for their domain fronting.

    The site's own listener, not the router: a fronted connection carries a user's SNI, and the router
    would send that straight back to the user's proxy. None when the site or its container is not up.
    """
    if not site_enabled(state):
        return None
    container = find_nginx_container(session, nginx_target(state, root))
    if container is None:
        return None
    container.reload()
    networks = container.attrs.get("NetworkSettings", {}).get("Networks") or {}
    address = (networks.get(state.docker_network) or {}).get("IPAddress")
    return (address, SITE_FRONTING_PORT) if address else None
