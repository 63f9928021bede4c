"""ServerService: the one service layer both faces (CLI and GUI) use for a server.

Thread-agnostic, no Qt. Every method runs remote work synchronously on the caller's thread (the GUI calls
it from its per-server job queue); long operations accept `progress: Callable[[str], None] | None`, called
with short human-readable steps (a reconcile changes several users' containers side by side, so the hook
may be called from worker threads). Errors are `MtpmError` subclasses whose message a user can act on.

Every edit is read-modify-write of the server's config.json with a revision check: pass
`expected_revision` (the revision the admin was looking at) to refuse an edit made on a stale view with
`ConflictError`; without it the edit applies to the state just read. After a successful write the
server is reconciled, touching only the containers that differ.

Users are addressed by `ref`: the user's id, or its unique name.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from threading import Event
from typing import Any

import docker.errors

from mtpm_desktop.core.errors import InvalidSetting, MtpmError
from mtpm_desktop.core.links import user_links
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.state import ServerState, User, new_state, state_from_dict, state_to_dict
from mtpm_desktop.core.validation import format_instant
from mtpm_desktop.remote import user_edits
from mtpm_desktop.remote.agent_client import AgentClient, Device
from mtpm_desktop.remote.checks import dns as dns_checks
from mtpm_desktop.remote.checks.clock import measure_offset
from mtpm_desktop.remote.errors import RemoteFileNotFound
from mtpm_desktop.remote.port443 import nginx, sni_mode
from mtpm_desktop.remote.proxies import firewall, mss
from mtpm_desktop.remote.proxies import logs as logs_mod
from mtpm_desktop.remote.proxies.engines import Engine, config_hash, get_engine
from mtpm_desktop.remote.proxies.mtg_config import ProxyConfigInput, is_ipv4_literal
from mtpm_desktop.remote.proxies.reconcile import (
    LABEL_PORT,
    LABEL_USER,
    STOP_TIMEOUT_S,
    Deployment,
    ProxySpec,
    Reconciler,
    container_name,
)
from mtpm_desktop.remote.proxies.reconcile_plan import RUNNING_STATES
from mtpm_desktop.remote.proxies.state_store import ConflictError, StateStore
from mtpm_desktop.remote.server_settings import PROXIES_STOPPED_KEY, apply_setting, settings_view
from mtpm_desktop.remote.service_models import (
    ChangeResult,
    ClockOffset,
    LogLine,
    Progress,
    ReconcileReport,
    ServerStatus,
    UserResult,
    UserState,
    UserView,
)
from mtpm_desktop.remote.site import plan as site_plan
from mtpm_desktop.remote.site.config import (
    replace_site,
    set_site_config,
    site_config,
    validate_acme_directory,
    validate_email,
)
from mtpm_desktop.remote.site.site import SiteManager, SiteStatus
from mtpm_desktop.remote.user_edits import EditOutcome, find_user, is_expired, link_notes

DEFAULT_ROOT = "/opt/mtpm"
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
        sudo: bool = True,
        router_publish_host: str | None = None,
        manage_agent: bool = True,
        firewall_shell: firewall.Shell | None = None,
    ) -> None:
        """`engine` overrides the state's engine (tests pass their offline engine); `check_host` is the
        address the link check dials instead of the link's own host (e.g. a LAN address);
        `router_publish_host` limits the port-443 router's published port to one address (tests);
        `manage_agent=False` leaves the traffic agent alone (tests of the proxies alone);
        `firewall_shell` runs the firewall commands somewhere else than `session` (tests: a private netns)."""
        self.session = session
        self.root = root.rstrip("/") or "/"
        self.engine_override = engine
        self.check_host = check_host
        self.sudo = sudo
        self.router_publish_host = router_publish_host
        self.manage_agent = manage_agent
        self.firewall_shell: firewall.Shell = firewall_shell if firewall_shell is not None else session
        self._agent: AgentClient | None = None
        self.store = StateStore(session, self.root, sudo=sudo)

    # --- internals ---
    def read_state(self) -> tuple[ServerState, int | None]:
        """The server's state and its revision (None = the server has no state yet: a fresh default)."""
        stored = self.store.load()
        if stored is None:
            return new_state(), None
        state = state_from_dict(stored.data).state
        state.revision = stored.revision
        return state, stored.revision

    def load_state(self) -> ServerState:
        """The server's desired state as stored now (a fresh default when it has none yet)."""
        return self.read_state()[0]

    def _write(
        self,
        edit: Callable[[ServerState], tuple[ServerState, EditOutcome | None]],
        expected_revision: int | None,
    ) -> tuple[ServerState, int, EditOutcome | None]:
        state, revision = self.read_state()
        if expected_revision is not None and revision != expected_revision:
            raise ConflictError(expected_revision, str(revision if revision is not None else "none"))
        new, outcome = edit(state.copy())
        new_revision = self.store.commit(state_to_dict(new), revision)
        new.revision = new_revision
        return new, new_revision, outcome

    @property
    def agent(self) -> AgentClient:
        """The server's traffic agent (per-user traffic, limits, throttling, expiry)."""
        if self._agent is None:
            self._agent = AgentClient(self.session, self.root, sudo=self.sudo)
        return self._agent

    def _sync_agent(self, *, install: bool, progress: Progress) -> list[str]:
        """After a reconcile: make the agent apply the new state now (limits, expiry, throttles). With
        `install` it is deployed/upgraded and started first; otherwise only an installed agent is told."""
        if not self.manage_agent:
            return []
        try:
            if install:
                self.agent.ensure(progress)
            elif self.agent.deployed_version() is None:
                return []
            else:
                # Without systemd the respawn loop does not survive a reboot: any change brings it back, so
                # limits and expiry never silently stop being enforced.
                self.agent.ensure_running(progress=progress)
            self.agent.reload()
        except MtpmError as exc:
            # The proxies are in place; traffic accounting catches up at the agent's next poll.
            return [msg("traffic agent: {error}", error=exc.message)]
        return []

    def _engine(self, state: ServerState) -> Engine:
        if self.engine_override is not None:
            return self.engine_override
        return get_engine(state.engine, state.proxy_image)

    def _deployment(self, state: ServerState) -> Deployment:
        return Deployment(
            root=self.root,
            instance_id=state.instance_id,
            network=state.docker_network,
            engine=self._engine(state),
            publish=not state.port_443_mode,
        )

    def _should_run(self, state: ServerState, user: User, now: datetime) -> bool:
        return user.enabled and not is_expired(user, now) and not state.extra.get(PROXIES_STOPPED_KEY)

    @property
    def site(self) -> SiteManager:
        """The website and its certificates (remote/site/)."""
        return SiteManager(
            self.session, self.root, self.agent, sudo=self.sudo, publish_host=self.router_publish_host
        )

    def _specs(self, state: ServerState, dep: Deployment) -> tuple[list[ProxySpec], dict[str, str]]:
        """Every user's container spec, and the users whose config cannot be rendered (id -> reason)."""
        now = datetime.now(UTC)
        public_ipv4 = state.server_ip if is_ipv4_literal(state.server_ip) else None
        fronting_ip, fronting_port = state.domain_fronting_ip, state.domain_fronting_port
        # With the website up, a wrong-secret probe (or a browser) is fronted to it: the real page with a
        # valid certificate for the user's own name.
        site_front = site_plan.fronting_address(self.session, state, self.root)
        if site_front is not None:
            fronting_ip, fronting_port = site_front
        specs: list[ProxySpec] = []
        broken: dict[str, str] = {}
        for user in state.users:
            cfg = ProxyConfigInput(
                secret_hex=user.secret,
                port=user.port,
                prefer_ip=state.proxy_prefer_ip,
                public_ipv4=public_ipv4,
                fronting_ip=fronting_ip,
                fronting_port=fronting_port,
                proxy_protocol=state.proxy_protocol and state.port_443_mode,
            )
            try:
                text = dep.engine.render(cfg)
            except MtpmError as exc:
                broken[user.id] = exc.message
                continue
            digest = config_hash(dep.engine, text, network=dep.network, publish=dep.publish)
            specs.append(
                ProxySpec(user.id, user.name, user.port, self._should_run(state, user, now), text, digest)
            )
        return specs, broken

    def reconcile_state(
        self, state: ServerState, progress: Progress, *, install_agent: bool = False
    ) -> ReconcileReport:
        """Apply `state` (as just written) to containers, router and agent; `reconcile()` reads it first."""
        report = self._reconcile_containers(state, progress)
        # A full reconcile also looks for MSS rules to remove; edits only keep them when they are on.
        notes = self._reconcile_mss(state, progress, removing=install_agent)
        notes += self._sync_agent(install=install_agent, progress=progress)
        return ReconcileReport(results=report.results, notes=report.notes + notes) if notes else report

    def _reconcile_containers(self, state: ServerState, progress: Progress) -> ReconcileReport:
        dep = self._deployment(state)
        reconciler = Reconciler(self.session, dep)
        if site_plan.nginx_needed(state):
            # Router first: if it cannot start (port taken, config refused) the proxies keep their published
            # ports, so the old links keep working while the admin fixes it. The site's nginx is up before
            # the proxies too: their domain fronting points at it.
            reconciler.ensure_network()
            notes = self._reconcile_router(state, progress)
            specs, broken = self._specs(state, dep)
            report = reconciler.apply(specs, progress, broken=broken)
            return ReconcileReport(results=report.results, notes=report.notes + notes) if notes else report
        # Mode off: proxies publish their ports again before the router goes away.
        specs, broken = self._specs(state, dep)
        report = reconciler.apply(specs, progress, broken=broken)
        self._reconcile_router(state, progress)
        return report

    def _reconcile_mss(self, state: ServerState, progress: Progress, *, removing: bool) -> list[str]:
        """client_mss: the SYN-ACK clamp rules follow the client-facing ports (remote/proxies/mss.py).
        With it off only ``removing`` looks at the server (no extra command on every edit)."""
        if state.client_mss is None and not removing:
            return []
        try:
            if mss.sync_mss(self.firewall_shell, self.root, firewall_ports(state), state.client_mss):
                _say(progress, msg("updated the TCP MSS rules"))
        except MtpmError as exc:
            return [exc.message]
        return []

    def _reconcile_router(self, state: ServerState, progress: Progress) -> list[str]:
        """Port-443 mode: the nginx SNI router follows the users (port443/nginx.py, port443/sni_mode.py);
        with the website on, nginx also serves it and its certificates follow the names (site/)."""
        target = site_plan.nginx_target(state, self.root, publish_host=self.router_publish_host)
        if site_plan.site_enabled(state):
            return self.site.apply(state, progress)
        if state.port_443_mode:
            nginx.apply_nginx(self.session, sni_mode.nginx_spec(state), target, progress=progress)
        elif nginx.find_nginx_container(self.session, target) is not None:
            _say(progress, msg("removing the port-443 router"))
            nginx.remove_nginx(self.session, target)
        return []

    def _container_index(self, state: ServerState) -> dict[str, dict[str, Any]]:
        entries = Reconciler(self.session, self._deployment(state)).containers()
        out: dict[str, dict[str, Any]] = {}
        for entry in entries:
            uid = (entry.get("Labels") or {}).get(LABEL_USER, "")
            # Prefer a running container when (transiently) there are two.
            if uid not in out or entry.get("State") == "running":
                out[uid] = entry
        return out

    def _view(
        self, state: ServerState, user: User, containers: dict[str, dict[str, Any]], now: datetime
    ) -> UserView:
        entry = containers.get(user.id)
        if not user.enabled:
            st = UserState.DISABLED
        elif is_expired(user, now):
            st = UserState.EXPIRED
        elif entry is None:
            st = UserState.MISSING
        elif entry.get("State") in RUNNING_STATES:
            st = UserState.RUNNING
        else:
            st = UserState.STOPPED
        tg: str | None = None
        tme: str | None = None
        with contextlib.suppress(MtpmError):  # no server address yet, or a damaged secret: no link
            links = user_links(state, user)
            tg, tme = links.tg, links.tme
        return UserView(
            id=user.id,
            name=user.name,
            port=user.port,
            secret=user.secret,
            domain=user.domain,
            enabled=user.enabled,
            state=st,
            tg_link=tg,
            tme_link=tme,
            created_at=user.created_at,
            expires_at=format_instant(user.expires_at) if user.expires_at else None,
            traffic_limit_gb=user.traffic_limit_gb,
            throttle_speed_mbps=user.throttle_speed_mbps,
            unlimited=user.unlimited,
            quota_period=user.quota_period.to_json() if user.quota_period else None,
            max_devices=user.max_devices,
            container_id=entry["Id"][:12] if entry else None,
            container_status=entry.get("Status") if entry else None,
        )

    def user_views(self, state: ServerState) -> list[UserView]:
        """Every user of `state` with its live container state (one Docker list call)."""
        containers = self._container_index(state) if state.users else {}
        now = datetime.now(UTC)
        return [self._view(state, u, containers, now) for u in state.users]

    def _change(
        self,
        edit: Callable[[ServerState], tuple[ServerState, EditOutcome | None]],
        expected_revision: int | None,
        progress: Progress,
    ) -> ChangeResult:
        _say(progress, msg("saving the server's state"))
        ports_before: list[list[int]] = []

        def tracked(s: ServerState) -> tuple[ServerState, EditOutcome | None]:
            # Read before the edit: some edits change `s` in place.
            ports_before[:] = [firewall_ports(s)]
            return edit(s)

        state, revision, outcome = self._write(tracked, expected_revision)
        _say(progress, msg("applying it to the containers"))
        report = self.reconcile_state(state, progress)
        notes = list(outcome.notes) if outcome else []
        if ports_before and firewall_ports(state) != ports_before[0]:
            notes += self._follow_firewall(state, progress)
        view = None
        if outcome is not None and outcome.user is not None:
            current = state.user_by_id(outcome.user.id)
            if current is not None:
                view = self._view(state, current, self._container_index(state), datetime.now(UTC))
        return ChangeResult(revision=revision, reconcile=report, user=view, notes=notes)

    def _follow_firewall(self, state: ServerState, progress: Progress) -> list[str]:
        """Open/close the server's firewall for the ports now in use, but only where the bootstrap opened
        it before (firewall.json exists): a firewall mtpm never touched stays the admin's alone.
        A failure does not undo the saved change; it becomes a note."""
        shell = self.firewall_shell
        try:
            shell.read_file(f"{self.root}/{firewall.RECORD_FILE}")
        except RemoteFileNotFound:
            return []
        try:
            _say(progress, msg("updating the firewall"))
            firewall.sync_firewall(shell, self.root, firewall_ports(state), lambda line: _say(progress, line))
        except MtpmError as exc:
            return [
                msg(
                    "The firewall could not be updated ({error}); run `mtpm server bootstrap` again "
                    "to open the ports in use.",
                    error=exc.message,
                )
            ]
        return []

    # --- state ---
    def ensure_state(self, progress: Progress = None) -> int:
        """Create config.json with defaults (new instance id) if the server has none; return its revision."""
        stored = self.store.load()
        if stored is not None:
            return stored.revision
        _say(progress, msg("creating the server's state"))
        return self.store.commit(state_to_dict(new_state()), None)

    def status(self, *, with_clock: bool = True, progress: Progress = None) -> ServerStatus:
        """`Running X/Y`, every user's state and container status, and the server's clock offset."""
        # The clock is read on its own channel while the state and containers are read: an exec costs a
        # fork on the server, so in sequence it would be most of the time of a status.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clock") as pool:
            clock_future = pool.submit(measure_offset, self.session) if with_clock else None
            _say(progress, msg("reading the server's state"))
            state, revision = self.read_state()
            users = self.user_views(state)
            clock = clock_future.result() if clock_future is not None else None
        now = datetime.now(UTC)
        total = sum(1 for u in state.users if u.enabled and not is_expired(u, now))
        running = sum(1 for v in users if v.state is UserState.RUNNING)
        return ServerStatus(
            running=running,
            total=total,
            users=users,
            revision=revision or 0,
            port_443_mode=state.port_443_mode,
            clock=clock,
        )

    def list_users(self) -> list[UserView]:
        return self.user_views(self.load_state())

    def get_user(self, ref: str) -> UserView:
        """Raises UserNotFound."""
        state = self.load_state()
        user = find_user(state, ref)
        return self._view(state, user, self._container_index(state), datetime.now(UTC))

    def user_devices(self, ref: str) -> tuple[User, list[Device]]:
        """One user's client IPs, asked of the server's agent now (the desktop keeps no copy)."""
        user = find_user(self.load_state(), ref)
        return user, self.agent.devices(user.id)

    # --- user edits (each: write state with revision check, then reconcile) ---
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
        max_devices: int | None = None,
        expected_revision: int | None = None,
        progress: Progress = None,
    ) -> ChangeResult:
        """Add a user (next free port unless given; the server's default domain unless given) and start
        only that user's container."""
        return self._change(
            lambda s: user_edits.add_user(
                s,
                name,
                port=port,
                domain=domain,
                traffic_limit_gb=traffic_limit_gb,
                throttle_speed_mbps=throttle_speed_mbps,
                expires_at=expires_at,
                unlimited=unlimited,
                max_devices=max_devices,
            ),
            expected_revision,
            progress,
        )

    def remove_user(
        self, ref: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        """Delete the user, its container, rendered config and traffic counters."""
        removed: list[str] = []

        def edit(s: ServerState) -> tuple[ServerState, EditOutcome]:
            new, outcome = user_edits.remove_user(s, ref)
            removed[:] = [outcome.user.id] if outcome.user else []
            return new, outcome

        result = self._change(edit, expected_revision, progress)
        for user_id in removed:
            self._forget_counters(user_id, progress)
        return result

    def _forget_counters(self, user_id: str, progress: Progress) -> None:
        """Drop a deleted user's traffic counters through the agent, when it is installed."""
        if not self.manage_agent:
            return
        try:
            if self.agent.deployed_version() is None:
                return
            _say(progress, msg("deleting the user's traffic counters"))
            self.agent.forget(user_id)
        except MtpmError as exc:
            _say(progress, msg("could not delete the traffic counters: {error}", error=exc.message))

    def enable_user(
        self, ref: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        return self._change(lambda s: user_edits.set_enabled(s, ref, True), expected_revision, progress)

    def disable_user(
        self, ref: str, *, expected_revision: int | None = None, progress: Progress = None
    ) -> ChangeResult:
        return self._change(lambda s: user_edits.set_enabled(s, ref, False), expected_revision, progress)

    def update_user(
        self,
        ref: str,
        *,
        name: str | None = None,
        domain: str | None = None,
        port: int | None = None,
        traffic_limit_gb: float | None = None,
        throttle_speed_mbps: float | None = None,
        expires_at: str | None = _UNSET,
        unlimited: bool | None = None,
        regenerate_secret: bool = False,
        quota_period: str | None = None,
        max_devices: int | str | None = None,
        expected_revision: int | None = None,
        progress: Progress = None,
    ) -> ChangeResult:
        """Change any of a user's settings at once (`quota_period`: lifetime, monthly:DAY or inherit).
        A new domain regenerates the secret (the link changes;
        `notes` says so). `expires_at=None` clears the expiry; leaving it out keeps it."""
        extra: dict[str, Any] = {} if expires_at is _UNSET else {"expires_at": expires_at}
        return self._change(
            lambda s: user_edits.update_user(
                s,
                ref,
                name=name,
                domain=domain,
                port=port,
                traffic_limit_gb=traffic_limit_gb,
                throttle_speed_mbps=throttle_speed_mbps,
                unlimited=unlimited,
                regenerate_secret=regenerate_secret,
                quota_period=quota_period,
                max_devices=max_devices,
                **extra,
            ),
            expected_revision,
            progress,
        )

    def rename_user(self, ref: str, new_name: str, **kw: Any) -> ChangeResult:
        return self.update_user(ref, name=new_name, **kw)

    def regenerate_secret(self, ref: str, **kw: Any) -> ChangeResult:
        return self.update_user(ref, regenerate_secret=True, **kw)

    def set_user_domain(self, ref: str, domain: str, **kw: Any) -> ChangeResult:
        return self.update_user(ref, domain=domain, **kw)

    def replace_state(
        self,
        build: Callable[[ServerState], ServerState],
        *,
        expected_revision: int | None = None,
        progress: Progress = None,
    ) -> ChangeResult:
        """Write `build(current state)` as the new state in one revision-checked write, then reconcile and
        follow the firewall like any change (restores and moves set many users and settings at once)."""
        return self._change(lambda s: (build(s), None), expected_revision, progress)

    # --- whole server ---
    def reconcile(self, progress: Progress = None) -> ReconcileReport:
        """Bring containers in line with config.json: create/recreate/start/stop/remove only what differs."""
        _say(progress, msg("reading the server's state"))
        return self.reconcile_state(self.load_state(), progress, install_agent=True)

    def _set_stopped(self, stopped: bool, progress: Progress) -> ReconcileReport:
        def edit(s: ServerState) -> tuple[ServerState, None]:
            if stopped:
                s.extra[PROXIES_STOPPED_KEY] = True
            else:
                s.extra.pop(PROXIES_STOPPED_KEY, None)
            return s, None

        state = self.load_state()
        if bool(state.extra.get(PROXIES_STOPPED_KEY)) != stopped:
            state = self._write(edit, None)[0]
        return self.reconcile_state(state, progress)

    def start_all(self, progress: Progress = None) -> ReconcileReport:
        return self._set_stopped(False, progress)

    def stop_all(self, progress: Progress = None) -> ReconcileReport:
        """Stop every proxy and remember it in the state (a reconcile does not start them again)."""
        return self._set_stopped(True, progress)

    def restart_all(self, progress: Progress = None) -> ReconcileReport:
        """Start everything that should run, then restart the containers that were already running
        (every user reconnects: this is the one operation that restarts them all on purpose)."""
        report = self.start_all(progress)
        state = self.load_state()
        api = self.session.docker.api
        by_user = {r.user_id: r for r in report.results}
        for uid, entry in self._container_index(state).items():
            prev = by_user.get(uid)
            # Just created or started by start_all: already fresh.
            if entry.get("State") != "running" or (prev is not None and prev.action != "unchanged"):
                continue
            user = state.user_by_id(uid)
            label, port = (user.name, user.port) if user else (uid, 0)
            _say(progress, msg("restarting {name}", name=label))
            try:
                api.restart(entry["Id"], timeout=STOP_TIMEOUT_S)
                by_user[uid] = UserResult(uid, label, port, "restarted")
            except docker.errors.DockerException as exc:
                by_user[uid] = UserResult(uid, label, port, "restarted", ok=False, error=str(exc))
        results = [by_user[r.user_id] for r in report.results if r.user_id in by_user]
        return ReconcileReport(results=results, notes=report.notes)

    def settings(self) -> dict[str, Any]:
        """The server settings (state keys without users and secrets)."""
        return settings_view(self.load_state())

    def set_setting(
        self,
        key: str,
        value: str,
        *,
        expected_revision: int | None = None,
        progress: Progress = None,
        force: bool = False,
        resolver: str | None = None,
    ) -> ChangeResult:
        """Set one setting from its text form (as typed in the CLI), validated, then reconcile.

        A new ``server_domain``, or switching ``user_subdomains`` on, is applied only when the domain's DNS
        records point at this server, as seen from this computer and from the server (``resolver``: a DNS
        server IP[:PORT] to ask instead of the system's); ``force`` skips that check."""
        if not force:
            self._require_dns(key, value, resolver, progress)

        def edit(s: ServerState) -> tuple[ServerState, EditOutcome]:
            before = s.copy()
            apply_setting(s, key, value)
            if s.proxy_protocol and not self._engine(s).supports_proxy_protocol:
                # nginx would send a header the proxies cannot read: every port-443 link would fail.
                raise InvalidSetting(
                    msg(
                        "The proxy engine {engine} cannot read PROXY protocol headers; "
                        "set proxy_protocol to false (or use an engine that can).",
                        engine=self._engine(s).name,
                    )
                )
            # Port-443 mode needs a distinct domain per enabled user: reassign (new secrets) and say so.
            return s, EditOutcome(None, link_notes(before, s))

        result = self._change(edit, expected_revision, progress)
        if key == "client_mss":
            state = self.load_state()
            if state.client_mss is None:  # switched off: the rules go now (edits do not look otherwise)
                notes = self._reconcile_mss(state, progress, removing=True)
                result = dataclasses.replace(result, notes=[*result.notes, *notes])
        return result

    def _require_dns(self, key: str, value: str, resolver: str | None, progress: Progress) -> None:
        """Raise DnsNotReady when setting ``key`` would base SNI names on a domain whose DNS is not ready."""
        if key not in ("server_domain", "user_subdomains"):
            return
        state = self.load_state()
        after = state.copy()
        apply_setting(after, key, value)
        if not after.server_domain or (
            after.server_domain == state.server_domain and after.user_subdomains <= state.user_subdomains
        ):
            return  # cleared, or nothing new to point at the server
        check = self.check_domain(
            after.server_domain,
            wildcard=after.user_subdomains,
            resolver=resolver,
            state=after,
            progress=progress,
        )
        if not check.ok:
            raise dns_checks.DnsNotReady(
                msg(
                    "{summary} Nothing was changed; run this again once the records are in place, or "
                    "force it (--force).",
                    summary=check.summary(),
                )
            )

    def check_domain(
        self,
        domain: str,
        *,
        wildcard: bool,
        resolver: str | None = None,
        state: ServerState | None = None,
        progress: Progress = None,
    ) -> dns_checks.DomainCheck:
        """The DNS records ``domain`` needs (A/AAAA for the bare name, and ``*.domain`` with ``wildcard``),
        each seen from this computer and from the server."""
        current = state if state is not None else self.load_state()
        _say(progress, msg("checking the DNS records of {domain}", domain=domain))
        expected = dns_checks.server_addresses(self.session, current.server_ip)
        return dns_checks.check_domain(
            domain,
            expected,
            wildcard=wildcard,
            resolver=dns_checks.parse_resolver(resolver) if resolver else None,
            session=self.session,
        )

    def preview_setting(self, key: str, value: str) -> list[str]:
        """Whose link would change if ``key`` were set to ``value``, before anything is written: one line per
        user (e.g. switching ``user_subdomains`` on puts every user on its own subdomain)."""
        state = self.load_state()
        after = state.copy()
        apply_setting(after, key, value)
        user_edits.follow_subdomains(state, after)
        return _link_change_lines(sni_mode.ensure_port_443_domains(state, after))

    def preview_port_443(self, enable: bool) -> list[str]:
        """What switching port-443 mode on or off would change, before anything is written: one line per
        user whose domain (so secret) or link would change. Raises DomainPoolExhausted if domains run out."""
        return _link_change_lines(sni_mode.plan_mode_switch(self.load_state(), enable))

    # --- the website (remote/site/) ---
    def site_enable(
        self,
        *,
        acme_directory: str | None = None,
        ca_file: Path | None = None,
        email: str | None = None,
        site_dir: Path | None = None,
        http_port: int | None = None,
        https_port: int | None = None,
        progress: Progress = None,
    ) -> ChangeResult:
        """Serve the website for `server_domain` with a certificate for it and the users' names.

        Installs certbot, uploads the pages (mtpm's neutral page, or `site_dir`), then one reconcile: nginx
        answers HTTP-01 on port 80, certbot gets the certificates, nginx serves them, the proxies' fronting
        points at the site; the renewal timer (or the agent's loop) keeps them fresh without this computer.
        """
        state = self.load_state()
        current = site_config(state)
        config = replace(
            current,
            enabled=True,
            acme_directory=validate_acme_directory(acme_directory)
            if acme_directory is not None
            else current.acme_directory,
            email=validate_email(email) if email is not None else current.email,
            ca_file=("acme-ca.pem" if ca_file is not None else current.ca_file),
            http_port=http_port if http_port is not None else current.http_port,
            https_port=https_port if https_port is not None else current.https_port,
        )
        self.site.prepare(replace_site(state, config), site_dir=site_dir, ca_file=ca_file, say=progress)

        def edit(s: ServerState) -> tuple[ServerState, EditOutcome | None]:
            set_site_config(s, config)
            return s, None

        result = self._change(edit, None, progress)
        mode = self.site.install_renewal()
        return replace(result, notes=[*result.notes, msg("certificate renewal: {mode}", mode=mode)])

    def site_disable(self, progress: Progress = None) -> ChangeResult:
        """Stop serving the website: nginx goes back to the router alone (or away); certificates are kept."""

        def edit(s: ServerState) -> tuple[ServerState, EditOutcome | None]:
            set_site_config(s, replace(site_config(s), enabled=False))
            return s, None

        result = self._change(edit, None, progress)
        self.site.disable(self.load_state())
        return result

    def site_renew(self, *, force: bool = False) -> dict[str, Any]:
        """Renew the certificates now (only those due, or all with `force`); nginx reloads gracefully."""
        state = self.load_state()
        if not site_config(state).enabled:
            raise InvalidSetting(msg("The website is not enabled on this server: run `site enable` first."))
        return self.site.renew(state, force=force)

    def site_status(self) -> SiteStatus:
        return self.site.status(self.load_state())

    # --- logs ---
    def _log_targets(self, user: str | None) -> list[logs_mod.LogTarget]:
        state = self.load_state()
        index = self._container_index(state)
        if user is not None:
            u = find_user(state, user)
            entry = index.get(u.id)
            return [(entry["Id"], container_name(u.port), u.name)] if entry else []
        names = {u.id: u.name for u in state.users}
        out = [
            (e["Id"], container_name(int((e.get("Labels") or {}).get(LABEL_PORT, 0))), names.get(uid, ""))
            for uid, e in index.items()
        ]
        return sorted(out, key=lambda t: t[1])

    def logs(self, user: str | None = None, *, tail: int = 100) -> list[LogLine]:
        """The last `tail` lines of all proxy containers (or one user's), merged by timestamp."""
        return logs_mod.tail_logs(self.session.docker.api, self._log_targets(user), tail)

    def follow_logs(
        self, user: str | None = None, *, tail: int = 10, stop: Event | None = None
    ) -> Iterator[LogLine]:
        """The tail, then new lines as they come, until `stop` is set or the iterator is closed."""
        return logs_mod.follow_logs(self.session.docker.api, self._log_targets(user), tail, stop)

    # --- checks ---
    def clock_offset(self) -> ClockOffset:
        return measure_offset(self.session)


def firewall_ports(state: ServerState) -> list[int]:
    """The ports clients connect to: the router's in port-443 mode, else every user's own (disabled users
    too: enabling one must not need a firewall change)."""
    site: list[int] = []
    if site_plan.site_enabled(state):
        config = site_config(state)
        site = [config.http_port] if state.port_443_mode else [config.http_port, config.https_port]
    if state.port_443_mode:
        return sorted({state.sni_listen_port, *site})
    return sorted({*(u.port for u in state.users), *site})


def _link_change_lines(plan: sni_mode.ModeSwitchPlan) -> list[str]:
    """One line per user whose domain (so secret) or link a plan changes."""
    lines: list[str] = [
        msg(
            "{name}: new domain {new_domain} instead of {old_domain} ({reason}), so a new secret",
            name=c.name,
            new_domain=c.new_domain,
            old_domain=c.old_domain,
            reason=c.reason,
        )
        for c in plan.domain_changes
    ]
    lines += [
        msg("{name}: link changes to {link}", name=c.name, link=c.new_link)
        if c.new_link
        else msg("{name}: link changes to (no server address set)", name=c.name)
        for c in plan.link_changes
    ]
    return lines


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
