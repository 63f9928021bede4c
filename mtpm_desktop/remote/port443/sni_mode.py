"""Port-443 mode planning: which users need a new SNI domain (and so a new secret), and whose links change.

In port-443 mode nginx routes each TLS connection by its SNI to one user's proxy, and mtg only accepts a
ClientHello whose SNI equals the domain inside that user's secret: so every enabled user needs a domain of
its own, and it must not be the server's own domain (that name belongs to whatever else the server serves).
Planning is pure (no network): it works on a copy of the state and either returns the complete new state
with the list of changes, or raises before anything changed. Nothing is left silently unroutable: when the
pool and the custom domains run out, :class:`DomainPoolExhausted` says so and what to do.

Switching the mode is one reconcile for the service layer: write :attr:`ModeSwitchPlan.state`, reconcile the
proxies (their containers stop or start publishing ports, reassigned users get their new secret) and then
apply or remove the nginx router (:mod:`mtpm_desktop.remote.port443.nginx`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mtpm_desktop.core.domains import available_domains
from mtpm_desktop.core.errors import DomainPoolExhausted, MtpmError
from mtpm_desktop.core.links import user_links
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.secret import new_secret
from mtpm_desktop.core.state import ServerState, User
from mtpm_desktop.core.validation import validate_domain
from mtpm_desktop.remote.port443.nginx import NginxSpec, NginxTarget, parse_decoy, routes_for_users


@dataclass(frozen=True)
class DomainChange:
    """A user whose SNI domain (and therefore secret and link) is changed by the plan."""

    user_id: str
    name: str
    old_domain: str
    new_domain: str
    reason: str  # e.g. "also used by 'Anna'", "the server's own domain"


@dataclass(frozen=True)
class LinkChange:
    """A user whose tg:// link differs between two states (new secret, new port, or both)."""

    user_id: str
    name: str
    old_link: str | None  # None when the old state could make no link (no server address)
    new_link: str | None
    secret_changed: bool


@dataclass
class ModeSwitchPlan:
    """The state to write and what the switch does to users."""

    state: ServerState
    domain_changes: list[DomainChange] = field(default_factory=list)
    link_changes: list[LinkChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.domain_changes or self.link_changes)


def _server_own_domain(state: ServerState) -> str:
    """The server's own domain as SNI domains are written (punycode, lower case); "" when unset."""
    try:
        return validate_domain(state.server_domain) if state.server_domain.strip() else ""
    except MtpmError:  # not a host name at all: it can match no SNI domain
        return state.server_domain.strip().lower()


def _reassign_reasons(state: ServerState) -> dict[str, str]:
    """Enabled users (by id) that cannot keep their domain in port-443 mode, with the reason.

    The first enabled user (in list order, i.e. the oldest) keeps a shared domain: the fewest links change.
    """
    own = _server_own_domain(state)
    owner: dict[str, User] = {}
    reasons: dict[str, str] = {}
    for user in state.users:
        if not user.enabled:
            continue
        domain = user.domain
        if own and domain == own:
            reasons[user.id] = msg("it is the server's own domain")
        elif domain in owner:
            reasons[user.id] = msg("'{name}' also uses {domain}", name=owner[domain].name, domain=domain)
        else:
            owner[domain] = user
    return reasons


def _candidates(state: ServerState, keep: Iterable[str]) -> list[str]:
    """Free domains for reassignment: pool then custom; ones no user has at all come before ones that only
    disabled users have (so enabling those users later does not collide)."""
    taken = set(keep)
    own = _server_own_domain(state)
    disabled = {u.domain for u in state.users if not u.enabled}
    free = [d for d in available_domains(state) if d not in taken and d != own]
    return [d for d in free if d not in disabled] + [d for d in free if d in disabled]


def assign_unique_domains(state: ServerState) -> list[DomainChange]:
    """Give every enabled user of ``state`` a distinct valid SNI domain, changing ``state`` in place.

    Users whose domain has to change get a new secret for the new domain (new key too: the old link must
    stop working rather than silently reach another user's proxy). Raises DomainPoolExhausted before changing
    anything when there are not enough domains.
    """
    reasons = _reassign_reasons(state)
    if not reasons:
        return []
    keep = {u.domain for u in state.users if u.enabled and u.id not in reasons}
    candidates = _candidates(state, keep)
    if len(candidates) < len(reasons):
        enabled = sum(1 for u in state.users if u.enabled)
        total = len(available_domains(state))
        raise DomainPoolExhausted(
            msg(
                "Port-443 mode needs a different SNI domain for each of the {enabled} enabled users, but "
                "only {total} domains exist ({pool} in the pool, {custom} custom) and {missing} more are "
                "needed. Add custom domains (popular HTTPS sites, server setting custom_domains) or disable "
                "some users; nothing was changed.",
                enabled=enabled,
                total=total,
                pool=total - len(state.custom_domains),
                custom=len(state.custom_domains),
                missing=len(reasons) - len(candidates),
            )
        )
    changes: list[DomainChange] = []
    pending = iter(candidates)
    for user in state.users:
        reason = reasons.get(user.id)
        if reason is None:
            continue
        new_domain = next(pending)
        changes.append(DomainChange(user.id, user.name, user.domain, new_domain, reason))
        user.secret = new_secret(new_domain)
        user.fake_tls_domain = new_domain
    return changes


def _link(state: ServerState, user: User) -> str | None:
    try:
        return user_links(state, user).tg
    except MtpmError:
        return None


def link_changes(old: ServerState, new: ServerState) -> list[LinkChange]:
    """Users present in both states whose link differs, in the new state's order."""
    before = {u.id: u for u in old.users}
    out: list[LinkChange] = []
    for user in new.users:
        prev = before.get(user.id)
        if prev is None:
            continue
        old_link, new_link = _link(old, prev), _link(new, user)
        if old_link != new_link:
            out.append(LinkChange(user.id, user.name, old_link, new_link, prev.secret != user.secret))
    return out


def plan_mode_switch(state: ServerState, enable: bool) -> ModeSwitchPlan:
    """The state after turning port-443 mode on or off, and what changes for users.

    On: users sharing a domain (all but the first) and users on the server's own domain get new domains and
    secrets; every user's link moves to ``sni_listen_port``. Off: secrets stay, links go back to each user's
    own port. Raises DomainPoolExhausted (nothing changed) when the domains run out.
    """
    new = state.copy()
    new.port_443_mode = enable
    domain_changes = assign_unique_domains(new) if enable else []
    return ModeSwitchPlan(new, domain_changes, link_changes(state, new))


def ensure_port_443_domains(old: ServerState, new: ServerState) -> ModeSwitchPlan:
    """For any edit (a setting, enabling a user, importing): when ``new`` is in port-443 mode, make its
    domains unique in place and report the domain and link changes against ``old``."""
    domain_changes = assign_unique_domains(new) if new.port_443_mode else []
    return ModeSwitchPlan(new, domain_changes, link_changes(old, new))


# ------------------------------------------------------------------------------------ router from the state


def nginx_spec(state: ServerState) -> NginxSpec:
    """The router config for ``state``: one route per enabled user, by the domain inside its secret
    (that is what the client sends as SNI, whatever ``fake_tls_domain`` says)."""
    users = [(u.domain, u.port) for u in state.users if u.enabled]
    return NginxSpec(
        listen_port=state.sni_listen_port,
        routes=routes_for_users(users),
        decoy=parse_decoy(state.sni_decoy),
        proxy_protocol=state.proxy_protocol,
    )


def nginx_target(
    state: ServerState,
    root: str,
    *,
    publish_host: str | None = None,
    extra_labels: Mapping[str, str] | None = None,
) -> NginxTarget:
    """Where the router of ``state`` runs: names, image and network come from the state."""
    return NginxTarget(
        root=root,
        instance_id=state.instance_id,
        image=state.nginx_image,
        container_name=state.nginx_container_name,
        network=state.docker_network,
        publish_host=publish_host,
        extra_labels=dict(extra_labels or {}),
    )
