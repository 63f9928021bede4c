"""Pure edits of a server's users.

Every function takes a state and returns a NEW state (the argument is never modified), so a caller can
compute the edit, write it with a revision check, and on a conflict simply re-read and re-apply. The
``revision`` counter is not touched here: the store bumps it when a write commits.

Users are addressed by a reference: their ``id`` or their (case-insensitively) unique name — never by
list position, which shifts when someone else deletes a user.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Final

from .domains import check_domain_free, pick_domain
from .errors import DuplicateName, InvalidLimit, UserNotFound
from .messages import msg
from .secret import generate_secret, parse_secret
from .state import QuotaPeriod, ServerState, User, new_user_id
from .user_ports import allocate_port, check_port
from .validation import (
    format_instant,
    parse_instant,
    validate_limit_gb,
    validate_max_devices,
    validate_name,
    validate_speed_mbps,
)


class _Unchanged:
    """Sentinel type for "leave this field as it is" (None is a meaningful value for some fields)."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()


def find_user(state: ServerState, ref: str) -> User:
    """The user whose id is ``ref``, else whose name equals ``ref`` ignoring case; raise UserNotFound."""
    wanted = ref.strip()
    for user in state.users:
        if user.id == wanted:
            return user
    matches = [u for u in state.users if u.name.casefold() == wanted.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        ids = ", ".join(u.id for u in matches)
        raise UserNotFound(
            msg("Several users are named '{name}'; address one by its id ({ids}).", name=wanted, ids=ids)
        )
    raise UserNotFound(
        msg("No user has the id or name '{ref}'; list users to see their names and ids.", ref=wanted)
    )


def _check_name_free(state: ServerState, name: str, user_id: str | None = None) -> None:
    for user in state.users:
        if user.id != user_id and user.name.casefold() == name.casefold():
            raise DuplicateName(
                msg("A user named '{name}' already exists; choose another name.", name=user.name)
            )
    # A name equal to another user's id would make references ambiguous.
    for user in state.users:
        if user.id != user_id and user.id == name:
            raise DuplicateName(msg("'{name}' is another user's id; choose another name.", name=name))


def _edit(state: ServerState, ref: str) -> tuple[ServerState, User]:
    new = state.copy()
    return new, find_user(new, ref)


def add_user(
    state: ServerState,
    name: str,
    *,
    port: int | str | None = None,
    domain: str | None = None,
    secret: str | None = None,
    enabled: bool = True,
    traffic_limit_gb: float | str = 0,
    throttle_speed_mbps: float | str = 0,
    unlimited: bool = False,
    expires_at: datetime | None = None,
    quota_period: QuotaPeriod | None = None,
    max_devices: int | str | None = None,
    now: datetime | None = None,
) -> tuple[ServerState, User]:
    """Add a user and return ``(new_state, new_user)``.

    ``port`` defaults to the lowest free port >= the base port. ``domain`` defaults to a free pool domain in
    port-443 mode (where domains must differ) and to the server's ``fake_tls_domain`` otherwise. An existing
    ``secret`` (e.g. from an import) is kept as given; else a new one is made for the domain.
    Raises InvalidName, DuplicateName, InvalidPort/PortInUse, InvalidDomain/DomainInUse, InvalidSecret,
    InvalidLimit or DomainPoolExhausted.
    """
    clean_name = validate_name(name)
    _check_name_free(state, clean_name)
    chosen_port = allocate_port(state) if port is None else check_port(state, port)
    if secret is not None:
        parsed = parse_secret(secret)
        if enabled:
            check_domain_free(state, parsed.domain)
    else:
        if domain is None:
            domain = pick_domain(state) if state.port_443_mode else state.fake_tls_domain
        clean_domain = check_domain_free(state, domain) if enabled else domain
        parsed = generate_secret(clean_domain)
    user = User(
        id=new_user_id(),
        name=clean_name,
        secret=parsed.hex(),
        port=chosen_port,
        enabled=enabled,
        created_at=format_instant(now or datetime.now(UTC)),
        fake_tls_domain=parsed.domain,
        traffic_limit_gb=validate_limit_gb(traffic_limit_gb),
        throttle_speed_mbps=validate_speed_mbps(throttle_speed_mbps),
        unlimited=unlimited,
        expires_at=None if expires_at is None else parse_instant(expires_at),
        quota_period=quota_period,
        max_devices=None if max_devices is None else validate_max_devices(max_devices),
    )
    while state.user_by_id(user.id) is not None:  # never reuse an id, however unlikely a clash
        user.id = new_user_id()
    new = state.copy()
    new.users.append(user)
    return new, user


def remove_user(state: ServerState, ref: str) -> ServerState:
    """Remove one user; every other user keeps its port, secret and id."""
    user = find_user(state, ref)
    new = state.copy()
    new.users = [u for u in new.users if u.id != user.id]
    return new


def rename_user(state: ServerState, ref: str, new_name: str) -> ServerState:
    """Rename a user (the id, port and secret stay)."""
    new, user = _edit(state, ref)
    clean = validate_name(new_name)
    _check_name_free(new, clean, user.id)
    user.name = clean
    return new


def set_enabled(state: ServerState, ref: str, enabled: bool) -> ServerState:
    """Enable or disable a user. Enabling in port-443 mode refuses a domain another enabled user has."""
    new, user = _edit(state, ref)
    if enabled and not user.enabled:
        check_domain_free(new, user.domain, user_id=user.id)
    user.enabled = enabled
    return new


def regenerate_secret(state: ServerState, ref: str) -> ServerState:
    """Give a user a new random key for the same domain (the old link stops working)."""
    new, user = _edit(state, ref)
    fresh = generate_secret(user.domain)
    user.secret = fresh.hex()
    user.fake_tls_domain = fresh.domain
    return new


def set_domain(state: ServerState, ref: str, domain: str) -> ServerState:
    """Move a user to another FakeTLS domain: a new secret is made (the old link stops working)."""
    new, user = _edit(state, ref)
    clean = check_domain_free(new, domain, user_id=user.id) if user.enabled else domain
    fresh = generate_secret(clean)
    user.secret = fresh.hex()
    user.fake_tls_domain = fresh.domain
    return new


def set_secret(state: ServerState, ref: str, secret: str) -> ServerState:
    """Set a user's secret explicitly (hex or URL-safe base64; stored as hex)."""
    new, user = _edit(state, ref)
    parsed = parse_secret(secret)
    if user.enabled:
        check_domain_free(new, parsed.domain, user_id=user.id)
    user.secret = parsed.hex()
    user.fake_tls_domain = parsed.domain
    return new


def set_port(state: ServerState, ref: str, port: int | str) -> ServerState:
    """Move a user to another port (its link changes; no other user moves)."""
    new, user = _edit(state, ref)
    user.port = check_port(new, port, user_id=user.id)
    return new


def set_limits(
    state: ServerState,
    ref: str,
    *,
    traffic_limit_gb: float | str | _Unchanged = UNCHANGED,
    throttle_speed_mbps: float | str | _Unchanged = UNCHANGED,
    unlimited: bool | _Unchanged = UNCHANGED,
    quota_period: QuotaPeriod | _Unchanged | None = UNCHANGED,
    max_devices: int | str | _Unchanged | None = UNCHANGED,
) -> ServerState:
    """Change a user's limits; omitted arguments stay. 0 = inherit the global value; ``unlimited`` wins.
    ``max_devices``: None = the server's device limit, 0 = unlimited for this user.

    Setting a limit > 0 also clears ``unlimited`` unless ``unlimited`` is given too: an admin who types a
    limit means it to apply.
    """
    new, user = _edit(state, ref)
    if not isinstance(traffic_limit_gb, _Unchanged):
        user.traffic_limit_gb = validate_limit_gb(traffic_limit_gb)
        if user.traffic_limit_gb > 0 and isinstance(unlimited, _Unchanged):
            user.unlimited = False
    if not isinstance(throttle_speed_mbps, _Unchanged):
        user.throttle_speed_mbps = validate_speed_mbps(throttle_speed_mbps)
    if not isinstance(unlimited, _Unchanged):
        user.unlimited = bool(unlimited)
    if not isinstance(quota_period, _Unchanged):
        user.quota_period = quota_period
    if not isinstance(max_devices, _Unchanged):
        user.max_devices = None if max_devices is None else validate_max_devices(max_devices)
    return new


def set_expiry(state: ServerState, ref: str, expires_at: datetime | None) -> ServerState:
    """Set (or with None clear) the instant after which the user is disabled."""
    new, user = _edit(state, ref)
    user.expires_at = None if expires_at is None else parse_instant(expires_at)
    return new


def replace_user(state: ServerState, user: User) -> ServerState:
    """A state where the user with ``user.id`` is replaced by ``user`` (for callers that edited a copy).

    Checks that the name and port stay unique; raises UserNotFound when the id is unknown.
    """
    new = state.copy()
    for index, existing in enumerate(new.users):
        if existing.id == user.id:
            _check_name_free(new, validate_name(user.name), user.id)
            check_port(new, user.port, user_id=user.id)
            new.users[index] = replace(user)
            return new
    raise UserNotFound(msg("No user has the id '{id}'; it may have been deleted meanwhile.", id=user.id))


def parse_quota_period(text: str) -> QuotaPeriod | None:
    """A user's quota period as typed: ``lifetime``, ``monthly:DAY`` (``monthly`` = day 1) or ``inherit``
    (None: the server's period applies). Raises InvalidLimit."""
    value = text.strip().lower()
    if value == "inherit":
        return None
    if value == "lifetime":
        return QuotaPeriod.lifetime()
    kind, sep, day = value.partition(":")
    if kind == "monthly" and (not sep or day.strip().isdigit()):
        return QuotaPeriod.monthly(int(day) if sep else 1)
    raise InvalidLimit(
        msg(
            "{text!r} is not a quota period: use lifetime, monthly:DAY (DAY 1-31) or inherit (the server's).",
            text=text,
        )
    )
