"""ServerService: the one service layer both faces (CLI and GUI) use for a server.

Thread-agnostic, no Qt. Every method runs remote work synchronously on the caller's thread (the GUI calls
it from its per-server job queue); long operations accept `progress: Callable[[str], None] | None`, called
with short human-readable steps. Errors are `MtpmError` subclasses whose message a user can act on.

Every edit is read-modify-write of the server's config.json with a revision check: pass
`expected_revision` (the revision the admin was looking at) to refuse an edit made on a stale view with
`ConflictError`; without it the edit applies to the state just read. After a successful write the
server is reconciled, touching only the containers that differ.

Users are addressed by `ref`: the user's id, or its unique name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from threading import Event
from typing import Any

from mtpm_desktop.remote.engines import Engine
from mtpm_desktop.remote.service_models import (
    ChangeResult,
    CheckReport,
    ClockOffset,
    ImportReport,
    LogLine,
    ReconcileReport,
    ServerStatus,
    UserView,
)

Progress = Callable[[str], None] | None
DEFAULT_ROOT = "/opt/mtpm"
OLD_PANEL_ROOT = "/opt/mtproto"
_UNSET: Any = object()


class ServerService:
    """Operations on one server over one `ServerSession`."""

    def __init__(
        self,
        session: Any,
        *,
        root: str = DEFAULT_ROOT,
        engine: Engine | None = None,
        check_host: str | None = None,
    ) -> None:
        """`engine` overrides the state's engine (tests pass their offline engine); `check_host` is the
        address the link check dials instead of the link's own host (e.g. a LAN address)."""
        raise NotImplementedError

    # --- state -----------------------------------------------------------------------------------------
    def ensure_state(self, progress: Progress = None) -> int:
        """Create config.json with defaults (new instance id) if the server has none; return its revision."""
        raise NotImplementedError

    def status(self, *, with_clock: bool = True, progress: Progress = None) -> ServerStatus:
        """`Running X/Y`, every user's state and container status, and the server's clock offset."""
        raise NotImplementedError

    def list_users(self) -> list[UserView]:
        raise NotImplementedError

    def get_user(self, ref: str) -> UserView:
        """Raises UserNotFound."""
        raise NotImplementedError

    # --- user edits (each: write state with revision check, then reconcile) ------------------------------
    def add_user(
        self,
        name: str,
        *,
        port: int | None = None,
        domain: str | None = None,
        traffic_limit_gb: float | None = None,
        throttle_speed_mbps: float | None = None,
        expires_at: str | None = None,
        unlimited: bool = False,
        expected_revision: int | None = None,
        progress: Progress = None,
    ) -> ChangeResult:
        """Add a user (next free port unless given; the server's default domain unless given) and start
        only that user's container."""
        raise NotImplementedError

    def remove_user(
        self, ref: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        """Delete the user, its container, rendered config and traffic counters."""
        raise NotImplementedError

    def enable_user(
        self, ref: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        raise NotImplementedError

    def disable_user(
        self, ref: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        raise NotImplementedError

    def update_user(
        self,
        ref: str,
        *,
        name: str | None = None,
        domain: str | None = None,
        traffic_limit_gb: float | None = None,
        throttle_speed_mbps: float | None = None,
        expires_at: str | None = _UNSET,
        unlimited: bool | None = None,
        regenerate_secret: bool = False,
        expected_revision: int | None = None,
        progress: Progress = None,
    ) -> ChangeResult:
        """Change any of a user's settings at once. A new domain regenerates the secret (the link changes;
        `notes` says so). `expires_at=None` clears the expiry; leaving it out keeps it."""
        raise NotImplementedError

    def rename_user(self, ref: str, new_name: str, **kw: Any) -> ChangeResult:
        return self.update_user(ref, name=new_name, **kw)

    def regenerate_secret(self, ref: str, **kw: Any) -> ChangeResult:
        return self.update_user(ref, regenerate_secret=True, **kw)

    def set_user_domain(self, ref: str, domain: str, **kw: Any) -> ChangeResult:
        return self.update_user(ref, domain=domain, **kw)

    # --- whole server --------------------------------------------------------------------------------------
    def reconcile(self, progress: Progress = None) -> ReconcileReport:
        """Bring containers in line with config.json: create/recreate/start/stop/remove only what differs."""
        raise NotImplementedError

    def start_all(self, progress: Progress = None) -> ReconcileReport:
        raise NotImplementedError

    def stop_all(self, progress: Progress = None) -> ReconcileReport:
        """Stop every proxy and remember it in the state (a reconcile does not start them again)."""
        raise NotImplementedError

    def restart_all(self, progress: Progress = None) -> ReconcileReport:
        raise NotImplementedError

    def settings(self) -> dict[str, Any]:
        """The server settings (state keys without users and secrets)."""
        raise NotImplementedError

    def set_setting(
        self, key: str, value: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        """Set one setting from its text form (as typed in the CLI), validated, then reconcile."""
        raise NotImplementedError

    # --- logs ------------------------------------------------------------------------------------------------
    def logs(self, user: str | None = None, *, tail: int = 100) -> list[LogLine]:
        """The last `tail` lines of all proxy containers (or one user's), merged by timestamp."""
        raise NotImplementedError

    def follow_logs(
        self, user: str | None = None, *, tail: int = 10, stop: Event | None = None
    ) -> Iterator[LogLine]:
        """The tail, then new lines as they come, until `stop` is set or the iterator is closed."""
        raise NotImplementedError

    # --- import / check --------------------------------------------------------------------------------------
    def import_panel(self, *, panel_root: str = OLD_PANEL_ROOT, progress: Progress = None) -> ImportReport:
        """Take over an installation of the old web panel on this server (see ImportReport)."""
        raise NotImplementedError

    def check_links(
        self, user: str | None = None, *, timeout: float = 5.0, progress: Progress = None
    ) -> CheckReport:
        """Run the FakeTLS handshake from this machine against every enabled user's link."""
        raise NotImplementedError

    def clock_offset(self) -> ClockOffset:
        raise NotImplementedError
