"""The SNI domain pool: FakeTLS domains offered to the admin and picked for new users.

The pool (20 international + 10 Russian domains) ships in ``resources/domains.json`` and is read with
``importlib.resources`` so it is found in an installed package too. A server's ``custom_domains`` extend it.
In port-443 mode the SNI router tells users apart by domain, so each enabled user needs its own.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from .errors import DomainInUse, DomainPoolExhausted, MtpmError, StateFileError
from .messages import msg
from .state import ServerState
from .validation import validate_domain

_RESOURCE_PACKAGE = "mtpm_desktop.resources"
_RESOURCE_NAME = "domains.json"


@cache
def _load() -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        text = resources.files(_RESOURCE_PACKAGE).joinpath(_RESOURCE_NAME).read_text(encoding="utf-8")
        data = json.loads(text)
        international = tuple(validate_domain(d) for d in data["international"])
        russian = tuple(validate_domain(d) for d in data["russian"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # Only a broken installation gets here; say so rather than offer an empty list.
        raise StateFileError(
            msg("The bundled domain pool is missing or damaged ({error}); reinstall mtpm.", error=str(exc))
        ) from None
    return international, russian


def international_domains() -> tuple[str, ...]:
    """The 20 international pool domains, in file order."""
    return _load()[0]


def russian_domains() -> tuple[str, ...]:
    """The 10 Russian pool domains, in file order."""
    return _load()[1]


def domain_pool() -> tuple[str, ...]:
    """The whole bundled pool: international then Russian domains."""
    international, russian = _load()
    return international + russian


def available_domains(state: ServerState) -> list[str]:
    """Pool domains then the server's custom domains, without repeats."""
    out: list[str] = []
    for domain in (*domain_pool(), *state.custom_domains):
        if domain not in out:
            out.append(domain)
    return out


def _own_domain(state: ServerState) -> str:
    """The server's own domain as SNI domains are written (punycode, lower case); "" when unset."""
    try:
        return validate_domain(state.server_domain) if state.server_domain.strip() else ""
    except MtpmError:  # not a host name at all: it can match no SNI domain
        return state.server_domain.strip().lower()


def used_domains(state: ServerState, *, exclude_user_id: str | None = None) -> set[str]:
    """Domains carried by the secrets of enabled users (optionally ignoring one user)."""
    return {u.domain for u in state.users if u.enabled and u.id != exclude_user_id}


def pick_domain(state: ServerState, *, exclude_user_id: str | None = None) -> str:
    """The first pool (then custom) domain no enabled user uses; raise DomainPoolExhausted if none is left.

    ``exclude_user_id`` ignores that user's own domain (when choosing a new domain for an existing user).
    """
    taken = used_domains(state, exclude_user_id=exclude_user_id)
    taken.add(_own_domain(state))
    for domain in available_domains(state):
        if domain not in taken:
            return domain
    raise DomainPoolExhausted(
        msg(
            "All {count} SNI domains are used by enabled users. Add custom domains "
            "(any popular HTTPS site, e.g. in the server settings under custom_domains), or disable a user.",
            count=len(available_domains(state)),
        )
    )


def check_domain_free(state: ServerState, domain: str, *, user_id: str | None = None) -> str:
    """Validate ``domain``; in port-443 mode also refuse one another enabled user already has.

    Returns the normalised domain; raises InvalidDomain or DomainInUse.
    """
    normalised = validate_domain(domain)
    if state.port_443_mode:
        try:
            free: str | None = pick_domain(state, exclude_user_id=user_id)
        except DomainPoolExhausted:
            free = None
        if normalised == _own_domain(state):
            # The router would send this server's own name to a proxy instead of whatever serves it.
            raise DomainInUse(
                msg(
                    "{domain} is this server's own domain; in port-443 mode a user needs another one "
                    "(e.g. {free}).",
                    domain=normalised,
                    free=free,
                )
                if free
                else msg(
                    "{domain} is this server's own domain; in port-443 mode a user needs another one: "
                    "add a custom domain first.",
                    domain=normalised,
                )
            )
        for user in state.users:
            if user.enabled and user.id != user_id and user.domain == normalised:
                raise DomainInUse(
                    msg(
                        "In port-443 mode each user needs its own domain, and '{name}' already uses "
                        "{domain}; pick another (e.g. {free}).",
                        name=user.name,
                        domain=normalised,
                        free=free,
                    )
                    if free
                    else msg(
                        "In port-443 mode each user needs its own domain, and '{name}' already uses "
                        "{domain}; pick another: add a custom domain first.",
                        name=user.name,
                        domain=normalised,
                    )
                )
    return normalised
