"""The narrow interface the GUI needs from the service layer, per server.

Pages never touch SSH, Docker or the agent: they ask the controller to run one of these methods in the
server's job queue (a worker thread). `service_backend.ServiceBackend` implements it over
`mtpm_desktop.remote.service.ServerService`, the same service the `mtpm` CLI uses; the GUI adds no remote
logic of its own. Every method may raise `MtpmError`, whose message the GUI shows as is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from mtpm_desktop.remote.agent_client import Device
from mtpm_desktop.remote.monitor.telegram_alerts import AlertsStatus
from mtpm_desktop.ui.snapshot import ServerSnapshot

Progress = Callable[[str], None]


@dataclass
class UserEdit:
    """Fields of the per-user settings dialog; None = leave unchanged."""

    name: str | None = None
    domain: str | None = None
    limit_gb: float | None = None  # 0 = inherit the server's limit
    unlimited: bool | None = None
    throttle_mbps: float | None = None  # 0 = inherit
    expires_at: str | None = None  # ISO 8601 UTC, "" = never
    regenerate_secret: bool = False


@dataclass
class NewUser:
    """What Add user takes besides name, port and domain (as `mtpm user add` does); None = the server's."""

    limit_gb: float | None = None
    throttle_mbps: float | None = None
    expires_at: str | None = None  # ISO 8601 UTC
    unlimited: bool = False


@dataclass
class HistoryPoint:
    at: float  # epoch seconds, bucket start
    up: int
    down: int


@dataclass
class LinkCheck:
    user_id: str
    result: str  # accepted | refused | unreachable
    rtt_ms: float | None = None
    detail: str = ""


@dataclass
class ApplyResult:
    """What a settings change did, e.g. port-443 mode listing users whose links changed."""

    summary: str = ""
    changed_links: list[str] = field(default_factory=list)


class ServerBackend(Protocol):
    name: str

    def snapshot(self, progress: Progress) -> ServerSnapshot: ...

    def add_user(
        self,
        name: str,
        port: int | None,
        domain: str | None,
        progress: Progress,
        extra: NewUser | None = None,
    ) -> str: ...

    def user_link(self, user_id: str) -> str: ...  # the t.me link to send ("" without a server address)

    def remove_user(self, user_id: str, progress: Progress) -> None: ...

    def set_enabled(self, user_id: str, enabled: bool, progress: Progress) -> None: ...

    def edit_user(self, user_id: str, edit: UserEdit, progress: Progress) -> None: ...

    def check_links(self, user_ids: list[str] | None, progress: Progress) -> list[LinkCheck]: ...

    def proxies(self, action: str, progress: Progress) -> None: ...  # start | stop | restart

    def logs(self, user_id: str | None, tail: int) -> list[str]: ...

    def history(self, user_id: str | None, since: float, until: float, step: str) -> list[HistoryPoint]: ...

    def set_setting(self, key: str, value: Any, progress: Progress, force: bool = False) -> ApplyResult: ...

    # What is wrong with the domain's DNS records for this server (empty: ready).
    def domain_problems(self, domain: str, wildcard: bool) -> list[str]: ...

    # `doctor`: every finding as {id, ok, severity, detail, fix}.
    def doctor(self, progress: Progress) -> list[dict[str, Any]]: ...

    def preview_port443(self, enable: bool) -> list[str]: ...

    def preview_setting(self, key: str, value: str) -> list[str]: ...  # whose links would change

    def reset_counters(self, user_id: str | None, progress: Progress) -> None: ...

    def import_panel(self, progress: Progress) -> str: ...

    def reconcile(self, progress: Progress) -> str: ...

    # The website's certificate as `site status` gives it: {domain, names, issuer, not_before, not_after,
    # last_renewal, last_error, renewal}; domain None while the site is off.
    def site_status(self) -> dict[str, Any]: ...

    # One user's client IPs, asked of the server's agent now; shown, never cached (no IP list on disk here).
    def user_devices(self, user_id: str) -> list[Device]: ...

    # Telegram alerts sent by the server's agent (`mtpm alerts ...`): what is set, on, a test message, off.
    def telegram_alerts(self) -> AlertsStatus: ...

    def set_telegram_alerts(self, token: str, chat_id: str, api_base: str, language: str) -> AlertsStatus: ...

    def test_telegram_alert(self) -> None: ...

    def telegram_alerts_off(self) -> bool: ...  # True when the server had them on

    def uninstall(self, progress: Progress) -> str: ...  # remove everything mtpm made on the server

    def restore_backup(
        self, path: str, progress: Progress
    ) -> str: ...  # an automatic backup, onto this server

    def move_users(self, target: Any, user_ids: list[str], stop_old: bool, progress: Progress) -> str: ...

    def close(self) -> None: ...
