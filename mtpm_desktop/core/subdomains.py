"""Per-user subdomains of the server's own domain: each user's FakeTLS SNI is ``<label>.<server_domain>``.

The label travels in clear text in every ClientHello, so it is random and short and says nothing about the
user (never their name). It is stored on the user (``sni_label`` in the state file), unique on the server, and
never changes with a rename or any other edit. It is derived from the user's random id, so a state file from
before labels existed gets the same labels on every read until it is written back.

Switching the mode on keeps each user's key and puts the subdomain into the secret (the link changes);
the previous secret is remembered on the user, and switching off gives it back (the old link works again).
Pure: no I/O.
"""

from __future__ import annotations

from .errors import InvalidSetting, MtpmError
from .messages import msg
from .secret import FakeTLSSecret, generate_secret, parse_secret
from .sni_labels import assign_labels, is_label
from .state import ServerState, User
from .validation import validate_domain

# The secret a user had before subdomains were switched on (kept in the user's extra keys, so older mtpm
# versions carry it through untouched).
PREVIOUS_SECRET_KEY = "secret_before_subdomains"


def base_domain(state: ServerState) -> str:
    """The server's own domain as SNI names are written (punycode, lower case); raises when unset."""
    if not state.server_domain.strip():
        raise InvalidSetting(
            msg(
                "Per-user subdomains need the server's own domain: set server_domain first "
                "(e.g. settings set server_domain proxy.example.org)."
            )
        )
    return validate_domain(state.server_domain)


def user_subdomain(state: ServerState, user: User) -> str:
    """``<label>.<server_domain>`` for ``user`` (its label is assigned first if it has none)."""
    if not is_label(user.sni_label):
        assign_labels(state.users)
    return f"{user.sni_label}.{base_domain(state)}"


def _with_domain(secret: str, domain: str) -> str:
    """The same key with another SNI domain (a fresh key when the secret cannot be read)."""
    try:
        key = parse_secret(secret).key
    except MtpmError:
        return generate_secret(domain).hex()
    return FakeTLSSecret(key, domain).hex()


def apply_subdomains(state: ServerState) -> list[User]:
    """With ``user_subdomains`` on: put every user's subdomain into its secret, in place, remembering the
    secret it had before the first switch. Returns the users whose secret changed."""
    if not state.user_subdomains:
        return []
    assign_labels(state.users)
    changed: list[User] = []
    for user in state.users:
        wanted = user_subdomain(state, user)
        if user.domain == wanted:
            continue
        user.extra.setdefault(PREVIOUS_SECRET_KEY, user.secret)
        user.secret = _with_domain(user.secret, wanted)
        user.fake_tls_domain = wanted
        changed.append(user)
    return changed


def restore_secrets(state: ServerState) -> list[User]:
    """After switching ``user_subdomains`` off: every user still on a subdomain of the server's domain gets
    back the secret it had before (or, when it never had one, a new secret for the server's default
    FakeTLS domain). In place; returns the users whose secret changed."""
    if state.user_subdomains:
        return []
    changed: list[User] = []
    for user in state.users:
        previous = user.extra.pop(PREVIOUS_SECRET_KEY, None)
        if not is_label(user.sni_label) or not user.domain.startswith(f"{user.sni_label}."):
            continue  # not on its subdomain (an edit moved it since): leave it alone
        restored: str | None = None
        if isinstance(previous, str):
            try:
                restored = parse_secret(previous).hex()
            except MtpmError:
                restored = None
        if restored is None:
            restored = generate_secret(state.fake_tls_domain).hex()
        user.secret = restored
        user.fake_tls_domain = parse_secret(restored).domain
        changed.append(user)
    return changed
