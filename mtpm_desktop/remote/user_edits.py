"""The service's edits: the core's pure user edits (mtpm_desktop.core.users) plus what the admin must be
told about them (a changed link), each returning the new state and an `EditOutcome`.

Pure: no I/O. The service writes the returned state with a revision check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from mtpm_desktop.core import users as core_users
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import ServerState, User
from mtpm_desktop.core.users import find_user
from mtpm_desktop.core.validation import parse_instant
from mtpm_desktop.remote.port443.sni_mode import ensure_port_443_domains

DEFAULT_WORD = "default"  # `--max-devices default`: the user follows the server's device limit again

__all__ = ["EditOutcome", "add_user", "find_user", "is_expired", "remove_user", "set_enabled", "update_user"]


@dataclass
class EditOutcome:
    user: User | None
    notes: list[str] = field(default_factory=list)


def is_expired(user: User, now: datetime | None = None) -> bool:
    return user.expires_at is not None and user.expires_at <= (now or datetime.now(UTC))


def link_notes(old: ServerState, new: ServerState) -> list[str]:
    """One line per user whose link differs between the two states (domain, secret or port changed)."""
    plan = ensure_port_443_domains(old, new)
    notes: list[str] = [
        msg(
            "{name}: domain {old_domain} -> {new_domain} ({reason}).",
            name=c.name,
            old_domain=c.old_domain,
            new_domain=c.new_domain,
            reason=c.reason,
        )
        for c in plan.domain_changes
    ]
    notes += [msg("{name}'s link changed: send them the new one.", name=c.name) for c in plan.link_changes]
    return notes


def add_user(
    state: ServerState,
    name: str,
    *,
    port: int | None = None,
    domain: str | None = None,
    traffic_limit_gb: float | None = None,
    throttle_speed_mbps: float | None = None,
    expires_at: str | None = None,
    unlimited: bool = False,
    max_devices: int | None = None,
) -> tuple[ServerState, EditOutcome]:
    new, user = core_users.add_user(
        state,
        name,
        port=port,
        domain=domain,
        traffic_limit_gb=traffic_limit_gb or 0,
        throttle_speed_mbps=throttle_speed_mbps or 0,
        unlimited=unlimited,
        expires_at=parse_instant(expires_at) if expires_at else None,
        max_devices=max_devices,
    )
    return new, EditOutcome(user)


def remove_user(state: ServerState, ref: str) -> tuple[ServerState, EditOutcome]:
    user = find_user(state, ref)
    return core_users.remove_user(state, ref), EditOutcome(user)


def set_enabled(state: ServerState, ref: str, enabled: bool) -> tuple[ServerState, EditOutcome]:
    user = find_user(state, ref)
    return core_users.set_enabled(state, ref, enabled), EditOutcome(user)


_KEEP = object()


def update_user(
    state: ServerState,
    ref: str,
    *,
    name: str | None = None,
    domain: str | None = None,
    port: int | None = None,
    traffic_limit_gb: float | None = None,
    throttle_speed_mbps: float | None = None,
    expires_at: object = _KEEP,
    unlimited: bool | None = None,
    regenerate_secret: bool = False,
    quota_period: str | None = None,
    max_devices: int | str | None = None,
) -> tuple[ServerState, EditOutcome]:
    """Several settings of one user at once; `expires_at=None` clears the expiry, leaving it out keeps it.
    `quota_period` is text (lifetime, monthly:DAY, inherit); None keeps it.
    `max_devices`: a number (0 = unlimited), or "default" for the server's; None keeps it.
    A new domain means a new secret (and link); the notes say whose link changed."""
    user = find_user(state, ref)
    uid = user.id
    new = state
    if name is not None and name != user.name:
        new = core_users.rename_user(new, uid, name)
    if port is not None and port != user.port:
        new = core_users.set_port(new, uid, port)
    if domain is not None and domain.strip().lower() != user.domain:
        new = core_users.set_domain(new, uid, domain)
    elif regenerate_secret:
        new = core_users.regenerate_secret(new, uid)
    limits: dict[str, object] = {}
    if traffic_limit_gb is not None:
        limits["traffic_limit_gb"] = traffic_limit_gb
    if throttle_speed_mbps is not None:
        limits["throttle_speed_mbps"] = throttle_speed_mbps
    if unlimited is not None:
        limits["unlimited"] = unlimited
    if quota_period is not None:
        limits["quota_period"] = core_users.parse_quota_period(quota_period)
    if max_devices is not None:
        limits["max_devices"] = None if str(max_devices).strip().lower() == DEFAULT_WORD else max_devices
    if limits:
        new = core_users.set_limits(new, uid, **limits)  # type: ignore[arg-type]
    if expires_at is not _KEEP:
        new = core_users.set_expiry(
            new, uid, parse_instant(expires_at) if expires_at not in (None, "") else None
        )
    if new is state:
        new = state.copy()
    return new, EditOutcome(new.user_by_id(uid), link_notes(state, new))
