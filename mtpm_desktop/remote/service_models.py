"""What `ServerService` returns: plain frozen dataclasses, no Qt, each with a stable `to_json()`.

The JSON forms are the CLI's `--json` output (documented in docs/cli.md), so keys are only ever added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

# A long operation reports its steps through this plain hook (the GUI turns it into a signal); None = quiet.
Progress = Callable[[str], None] | None


class UserState(StrEnum):
    RUNNING = "running"  # container up
    STOPPED = "stopped"  # enabled, but its container is not running (stopped by hand, crashed, stop-all)
    MISSING = "missing"  # enabled, but no container exists (a reconcile creates it)
    DISABLED = "disabled"  # disabled by the admin
    EXPIRED = "expired"  # past expires_at


@dataclass(frozen=True)
class UserView:
    """One user as shown to an admin: settings, links and live container state."""

    id: str
    name: str
    port: int
    secret: str
    domain: str
    enabled: bool
    state: UserState
    tg_link: str | None  # None when the server has neither server_domain nor server_ip
    tme_link: str | None
    created_at: str | None = None
    expires_at: str | None = None
    traffic_limit_gb: float | None = None  # the user's own value (None/0 = inherit the global)
    throttle_speed_mbps: float | None = None
    unlimited: bool = False
    container_id: str | None = None
    container_status: str | None = None  # Docker's text, e.g. "Up 3 hours"
    quota_period: dict[str, Any] | None = None  # the user's own period; None = the server's
    max_devices: int | None = None  # the user's own device limit (0 = unlimited); None = the server's

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "port": self.port,
            "secret": self.secret,
            "domain": self.domain,
            "enabled": self.enabled,
            "state": str(self.state),
            "tg_link": self.tg_link,
            "tme_link": self.tme_link,
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "traffic_limit_gb": self.traffic_limit_gb,
            "throttle_speed_mbps": self.throttle_speed_mbps,
            "unlimited": self.unlimited,
            "container_id": self.container_id,
            "container_status": self.container_status,
            "quota_period": self.quota_period,
            "max_devices": self.max_devices,
        }


@dataclass(frozen=True)
class ClockOffset:
    """The server clock minus this machine's, measured over SSH (half the round trip is the error bar)."""

    offset_s: float
    uncertainty_s: float
    warning: str | None  # set past WARN_OFFSET_S: mtg refuses handshakes more than a few seconds off

    def to_json(self) -> dict[str, Any]:
        return {
            "offset_s": round(self.offset_s, 3),
            "uncertainty_s": round(self.uncertainty_s, 3),
            "warning": self.warning,
        }


@dataclass(frozen=True)
class ServerStatus:
    running: int
    total: int  # users that should be running (enabled, not expired)
    users: list[UserView]
    revision: int
    port_443_mode: bool
    clock: ClockOffset | None = None

    @property
    def summary(self) -> str:
        return f"Running {self.running}/{self.total}"

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "running": self.running,
            "total": self.total,
            "revision": self.revision,
            "port_443_mode": self.port_443_mode,
            "clock": self.clock.to_json() if self.clock else None,
            "users": [u.to_json() for u in self.users],
        }


@dataclass(frozen=True)
class UserResult:
    """What a reconcile did to one user's container."""

    user_id: str
    name: str
    port: int
    action: str  # created|recreated|started|stopped|removed|unchanged
    ok: bool = True
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "name": self.name,
            "port": self.port,
            "action": self.action,
            "ok": self.ok,
            "error": self.error,
        }


@dataclass(frozen=True)
class ReconcileReport:
    results: list[UserResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # server-wide remarks (e.g. the traffic agent's state)

    @property
    def changed(self) -> list[UserResult]:
        return [r for r in self.results if r.action != "unchanged"]

    @property
    def errors(self) -> list[UserResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "changed": len(self.changed),
            "results": [r.to_json() for r in self.results],
            "notes": self.notes,
        }


@dataclass(frozen=True)
class ChangeResult:
    """The outcome of one edit: the state revision written, the user touched, and the reconcile."""

    revision: int
    reconcile: ReconcileReport
    user: UserView | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "The link changed: send the new one."

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "user": self.user.to_json() if self.user else None,
            "notes": self.notes,
            "reconcile": self.reconcile.to_json(),
        }


@dataclass(frozen=True)
class LogLine:
    timestamp: datetime
    container: str  # mtg-proxy-PORT
    text: str
    user: str = ""  # the name of the user the container serves; "" for one no user owns

    def format(self) -> str:
        """`[anna] text`: admins search logs by who, not by container (the container when no user owns it)."""
        return f"[{self.user or self.container}] {self.text}"

    def to_json(self) -> dict[str, Any]:
        return {"timestamp": self.timestamp.isoformat(), "container": self.container, "text": self.text}


class LinkVerdict(StrEnum):
    ACCEPTED = "accepted"  # the proxy proved it knows the secret
    REFUSED = "refused"  # it answered, but not as the secret's owner (wrong secret, SNI or clock)
    UNREACHABLE = "unreachable"  # no TCP connection / no answer
    SKIPPED = "skipped"  # disabled or expired users are not probed


@dataclass(frozen=True)
class LinkCheck:
    user_id: str
    name: str
    host: str
    port: int
    verdict: LinkVerdict
    rtt_ms: float | None = None
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "name": self.name,
            "host": self.host,
            "port": self.port,
            "verdict": str(self.verdict),
            "rtt_ms": None if self.rtt_ms is None else round(self.rtt_ms, 1),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class CheckReport:
    results: list[LinkCheck]
    clock: ClockOffset | None

    def to_json(self) -> dict[str, Any]:
        return {
            "clock": self.clock.to_json() if self.clock else None,
            "results": [r.to_json() for r in self.results],
        }


@dataclass(frozen=True)
class ImportReport:
    users: list[UserView]
    stopped_containers: list[str]  # the old panel's containers, stopped (renamed when ours take their name)
    renamed_containers: dict[str, str]  # old name -> new name
    traffic_seeded: bool
    revision: int
    reconcile: ReconcileReport
    rollback: list[str]  # shell commands that give the old panel back its containers

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "users": [u.to_json() for u in self.users],
            "stopped_containers": self.stopped_containers,
            "renamed_containers": self.renamed_containers,
            "traffic_seeded": self.traffic_seeded,
            "reconcile": self.reconcile.to_json(),
            "rollback": self.rollback,
        }
