"""The website's operations on one server (enable, apply at every reconcile, renew, status, disable).

The service (remote/service.py) owns the state file and calls these; nothing here reads or writes the state
file, so both faces share one path and the wing never imports the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import ServerState
from mtpm_desktop.remote.agent_client import AgentClient
from mtpm_desktop.remote.port443 import nginx
from mtpm_desktop.remote.site import acme, plan
from mtpm_desktop.remote.site.config import site_config, site_domain

Say = Callable[[str], None] | None


@dataclass(frozen=True)
class SiteStatus:
    """`site status --json`: the certificate(s) on the server and the last renewal's outcome."""

    domain: str | None
    names: list[str]
    issuer: str | None
    not_before: str | None
    not_after: str | None  # the earliest expiry when there are several certificates
    last_renewal: str | None
    last_error: str | None
    renewal: str | None  # "systemd-timer" | "agent-loop"; None while the site is off

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class SiteManager:
    def __init__(
        self, session: Any, root: str, agent: AgentClient, *, sudo: bool, publish_host: str | None
    ) -> None:
        self.session = session
        self.root = root
        self.agent = agent
        self.sudo = sudo
        self.publish_host = publish_host
        self.paths = acme.SitePaths(root)

    @property
    def renew_command(self) -> str:
        return self.agent.command("site-renew")

    def target(self, state: ServerState) -> nginx.NginxTarget:
        return plan.nginx_target(state, self.root, publish_host=self.publish_host)

    def _apply_nginx(self, state: ServerState, say: Say) -> None:
        names = [name for name, _ in plan.groups(state)]
        present = acme.present_certificates(self.session, self.paths, names, sudo=self.sudo)
        nginx.apply_nginx(self.session, plan.nginx_spec(state, present), self.target(state), progress=say)

    def prepare(self, state: ServerState, *, site_dir: Path | None, ca_file: Path | None, say: Say) -> None:
        """Before the first issuance: certbot installed, the agent deployed, the pages and CA uploaded."""
        site_domain(state)  # a clear error before anything is installed when there is no domain
        acme.ensure_certbot(self.session, sudo=self.sudo, progress=say)
        self.agent.deploy(say)
        files = acme.local_site_files(site_dir) if site_dir else None
        if files is not None or not self.session.exists(self.paths.html):
            acme.upload_site(self.session, self.paths, files or acme.default_site_files())
        if ca_file is not None:
            acme.upload_ca_file(self.session, self.paths, ca_file)

    def apply(self, state: ServerState, say: Say) -> list[str]:
        """At every reconcile with the site on: nginx serves port 80 first (so HTTP-01 can be answered),
        certificates follow the names (a new user's name is issued now), then nginx serves them."""
        self._apply_nginx(state, say)
        changed = acme.write_acme_config(
            self.session, self.paths, site_config(state), plan.groups(state), state.instance_id
        )
        notes: list[str] = []
        if changed:
            if say:
                say(msg("getting the website's certificate"))
            try:
                status = acme.renew(self.session, self.renew_command, sudo=self.sudo)
            except MtpmError as exc:
                # The proxies must still follow the users: the certificate catches up at the next renewal.
                status = {"last_error": exc.message}
            if status.get("last_error"):
                notes.append(msg("website certificate: {error}", error=status["last_error"]))
            self._apply_nginx(state, say)
        return notes

    def install_renewal(self) -> str:
        return acme.install_timer(self.session, self.renew_command, sudo=self.sudo)

    def renew(self, state: ServerState, *, force: bool) -> dict[str, Any]:
        status = acme.renew(self.session, self.renew_command, sudo=self.sudo, force=force)
        if status.get("changed"):
            self._apply_nginx(state, None)  # a first certificate needs its server block, not only a reload
        return status

    def status(self, state: ServerState) -> SiteStatus:
        config = site_config(state)
        if not config.enabled:
            return SiteStatus(None, [], None, None, None, None, None, None)
        names = [name for name, _ in plan.groups(state)]
        certs = acme.read_certificates(self.session, self.paths, names, sudo=self.sudo)
        stored = acme.read_status(self.session, self.paths)
        return SiteStatus(
            domain=site_domain(state),
            names=[n for c in certs for n in c.names],
            issuer=certs[0].issuer if certs else None,
            not_before=min((c.not_before for c in certs), default=None),
            not_after=min((c.not_after for c in certs), default=None),
            last_renewal=stored.get("last_renewal"),
            last_error=stored.get("last_error"),
            renewal=acme.renewal_mode(self.session, sudo=self.sudo),
        )

    def disable(self, state_without_site: ServerState) -> None:
        acme.remove_timer(self.session, sudo=self.sudo)
        acme.remove_site_files(self.session, self.paths, sudo=self.sudo)
