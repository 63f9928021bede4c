"""`ServerBackend` over the real service layer: `ServerService` on a verified `ServerSession`.

Runs only on worker threads (the per-server job queue). It turns the service's result dataclasses into
the GUI's `ServerSnapshot`; everything else is a direct call into the service, which the CLI uses too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.agent_client import Device
from mtpm_desktop.remote.checks.dns import DomainCheck
from mtpm_desktop.remote.checks.doctor import run_doctor
from mtpm_desktop.remote.checks.link_check import check_links
from mtpm_desktop.remote.monitor import telegram_alerts as tg
from mtpm_desktop.remote.monitor.health import for_snapshot as server_health
from mtpm_desktop.remote.setup.import_panel import import_panel
from mtpm_desktop.remote.ssh.profiles import ServerProfile
from mtpm_desktop.ui.backend import ApplyResult, HistoryPoint, LinkCheck, NewUser, Progress, UserEdit
from mtpm_desktop.ui.snapshot import ServerSnapshot, UserRow

GB = 1024**3
log = logging.getLogger(__name__)


def _epoch(start: Any) -> float:
    """A bucket start as the agent client gives it (datetime or ISO 8601 text) in epoch seconds."""
    if isinstance(start, datetime):
        return start.timestamp()
    return datetime.fromisoformat(str(start).replace("Z", "+00:00")).timestamp()


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _connect(profile: ServerProfile) -> Any:
    from mtpm_desktop.remote.ssh.session import connect

    return connect(profile)


def _lines(lines: Sequence[str], *, indent: bool = False) -> str:
    """`lines` one per line (each indented by two spaces with `indent`). Joining them with str.join
    would turn Messages into plain text; nested in one Message every line stays translatable."""
    items = [msg("  {line}", line=line) for line in lines] if indent else list(lines)
    if not items:
        return ""
    text = items[-1]
    for line in reversed(items[:-1]):
        text = msg("{line}\n{rest}", line=line, rest=text)
    return text


class UninstallFailed(MtpmError):
    """A step of the uninstall failed; the message names it and what to do."""


class ServiceBackend:
    def __init__(self, profile: ServerProfile, *, service_factory: Any = None) -> None:
        """`service_factory(profile) -> ServerService` lets tests pass their offline engine."""
        self.name = profile.name
        self.profile = profile
        self._factory = service_factory
        self._service: Any = None
        self._session: Any = None
        self._agent_status: Any = None
        # The state revision the admin last saw (status) or wrote (edits). Edits are sent with it, so an
        # edit made on a view that another admin has changed since is refused (ConflictError), not merged
        # silently; the refresh that follows shows the other admin's change.
        self._revision: int | None = None

    # -- plumbing -----------------------------------------------------------------------------------
    def service(self) -> Any:
        if self._service is None:
            if self._factory is not None:
                self._service = self._factory(self.profile)
                self._ensure_agent(self._service)
            else:
                from mtpm_desktop.remote.service import ServerService

                session = _connect(self.profile)
                try:
                    service = ServerService(session, root=self.profile.install_root)
                    # A server added in the GUI gets its state file on first contact (idempotent).
                    service.ensure_state()
                except BaseException:
                    # The next call connects afresh: do not leave this connection open behind it.
                    session.close()
                    raise
                self._session = session
                self._ensure_agent(service)
                self._service = service
        return self._service

    def close(self) -> None:
        session = self._session or getattr(self._service, "session", None)
        self._service = None
        self._session = None
        if session is not None and hasattr(session, "close"):
            session.close()

    def _ensure_agent(self, service: Any) -> None:
        """Install, upgrade or restart the traffic agent, as every connect of the CLI does. Traffic
        figures depend on it, the proxies do not: a failure is logged and the table shows no traffic."""
        if not getattr(service, "manage_agent", False):
            return
        try:
            service.agent.ensure()
        except MtpmError as exc:
            log.warning("%s: cannot set up the traffic agent: %s", self.name, exc.message)

    def _agent(self) -> Any:
        """The server's traffic agent when it is installed (None before the first user is added)."""
        svc = self.service()
        if not getattr(svc, "manage_agent", False):
            return None
        agent = svc.agent
        return agent if agent.deployed_version() is not None else None

    # -- ServerBackend ----------------------------------------------------------------------------------
    def snapshot(self, progress: Progress) -> ServerSnapshot:
        svc = self.service()
        progress(msg("status"))
        status = svc.status(progress=progress)
        self._revision = status.revision
        settings = dict(svc.settings())
        traffic = self._traffic()
        users = [self._row(u, traffic.get(u.id)) for u in status.users]
        health, health_history = server_health(self._agent() if traffic else None, self.name)
        return ServerSnapshot(
            server=self.name,
            taken_at=time.time(),
            users=users,
            settings=settings,
            clock_offset_s=status.clock.offset_s if status.clock else None,
            agent_version=str(getattr(self._agent_status, "agent_version", "") or "") if traffic else "",
            health=health,
            health_history=health_history,
            last_backup_at=self._last_backup_at(),
        )

    def _last_backup_at(self) -> float | None:
        """When this computer last backed the server up (the All servers page shows its age)."""
        from mtpm_desktop.remote.migrate.local_backups import list_backups
        from mtpm_desktop.remote.ssh.profiles import app_data_dir

        try:
            newest = list_backups(app_data_dir(), self.name)
        except OSError:
            return None
        return newest[0].taken_at.timestamp() if newest else None

    def _traffic(self) -> dict[str, Any]:
        """Per-user counters from the agent; an agent problem leaves the table without traffic, it
        does not make the whole server look unreachable."""
        try:
            agent = self._agent()
            if agent is None:
                return {}
            self._agent_status = agent.status()
        except MtpmError as exc:
            log.warning("%s: traffic agent: %s", self.name, exc.message)
            return {}
        return {u.id: u for u in self._agent_status.users}

    @staticmethod
    def _row(u: Any, t: Any) -> UserRow:
        row = UserRow(
            id=u.id,
            name=u.name,
            port=u.port,
            domain=u.domain,
            enabled=u.enabled,
            state=str(u.state),
            expires_at=u.expires_at,
            created_at=u.created_at,
            tg_link=u.tg_link or "",
            tme_link=u.tme_link or "",
            unlimited=u.unlimited,
            limit_gb=float(u.traffic_limit_gb or 0),
            throttle_mbps=float(u.throttle_speed_mbps or 0),
            expired=str(u.state) == "expired",
            max_devices_own=u.max_devices,
        )
        if t is not None:
            row.used_bytes = int(t.period_bytes)
            row.up_bytes, row.down_bytes = int(t.up_bytes), int(t.down_bytes)
            row.lifetime_bytes = int(t.lifetime_up_bytes + t.lifetime_down_bytes)
            row.limit_bytes = int(t.limit_bytes or 0)
            row.throttled = bool(t.throttled)
            row.expired = row.expired or bool(t.expired)
            row.online, row.connections, row.last_seen = t.online, t.connections, t.last_seen
            row.devices_now, row.devices_24h, row.devices_30d = t.devices_now, t.devices_24h, t.devices_30d
            row.max_devices, row.refused_connections = t.max_devices, t.refused_connections
        return row

    def _changed(self, result: Any) -> Any:
        self._revision = result.revision
        self._auto_backup()
        return result

    def _auto_backup(self) -> None:
        """After every change the app applied: a backup on this computer (the last 30 are kept). A
        failure is logged: the change itself is done and must not be reported as failed."""
        from mtpm_desktop.remote.migrate.backup import make_backup
        from mtpm_desktop.remote.migrate.local_backups import backup_passphrase, save_backup
        from mtpm_desktop.remote.ssh.profiles import app_data_dir

        try:
            data = make_backup(self.service(), str(backup_passphrase()))
            save_backup(app_data_dir(), self.name, data)
        except (MtpmError, OSError) as exc:
            log.warning("%s: automatic backup failed: %s", self.name, exc)

    def restore_backup(self, path: str, progress: Progress) -> str:
        """Rebuild the users and settings of a backup (an automatic one) on this server."""
        from pathlib import Path

        from mtpm_desktop.remote.migrate.backup import restore_backup
        from mtpm_desktop.remote.migrate.local_backups import backup_passphrase

        data = Path(path).read_bytes()
        report = restore_backup(self.service(), data, str(backup_passphrase(create=False) or ""), progress)
        self._revision = None
        failing = [uid for uid, ok in report.checked.items() if not ok]
        text = msg("{count} users restored.", count=len(report.users))
        if failing:
            text = msg("{text} {failed} of their links failed the check.", text=text, failed=len(failing))
        return text

    def move_users(
        self, target: ServerProfile, user_ids: list[str], stop_old: bool, progress: Progress
    ) -> str:
        """`mtpm server move` from this server to `target`, for the users `user_ids` (all when empty)."""
        from mtpm_desktop.remote.migrate.move import move_server, resolves_to
        from mtpm_desktop.remote.migrate.setup_new import ensure_set_up
        from mtpm_desktop.remote.service import ServerService
        from mtpm_desktop.remote.ssh.profiles import app_data_dir

        session = _connect(target)
        try:
            new = ServerService(session, root=target.install_root)
            ensure_set_up(new, progress)
            report = move_server(
                self.service(),
                new,
                old_name=self.name,
                new_name=target.name,
                data_dir=app_data_dir(),
                users=user_ids or None,
                stop_old=stop_old,
                progress=progress,
            )
        finally:
            session.close()
        self._revision = None
        lines: list[str] = [
            msg("{count} users moved to {server}.", count=len(report.moved), server=target.name)
        ]
        lines += [msg("{name}: {link}", name=u.name, link=u.new_link or "-") for u in report.moved]
        lines += list(report.notes)
        for r in report.dns:
            lines.append(
                msg("DNS: point {name} ({type}) at {value}.", name=r.name, type=r.type, value=r.value)
            )
            lines.append(
                msg("{name} already resolves to the new server.", name=r.name)
                if resolves_to(r.name, r.value)
                else msg("{name} does not resolve to the new server yet.", name=r.name)
            )
        if report.share_sheet is not None:
            lines.append(msg("Share sheet: {path}", path=str(report.share_sheet)))
        if report.failed:
            lines.append(msg("Not checked yet: {names}", names=", ".join(report.failed)))
        return _lines(lines)

    def add_user(
        self,
        name: str,
        port: int | None,
        domain: str | None,
        progress: Progress,
        extra: NewUser | None = None,
    ) -> str:
        extra = extra or NewUser()
        result = self._changed(
            self.service().add_user(
                name,
                port=port,
                domain=domain or None,
                traffic_limit_gb=extra.limit_gb,
                throttle_speed_mbps=extra.throttle_mbps,
                expires_at=extra.expires_at,
                unlimited=extra.unlimited,
                expected_revision=self._revision,
                progress=progress,
            )
        )
        return str(result.user.id) if result.user else ""

    def user_link(self, user_id: str) -> str:
        return self.service().get_user(user_id).tme_link or ""

    def remove_user(self, user_id: str, progress: Progress) -> None:
        self._changed(
            self.service().remove_user(user_id, expected_revision=self._revision, progress=progress)
        )

    def set_enabled(self, user_id: str, enabled: bool, progress: Progress) -> None:
        if enabled:
            self._changed(
                self.service().enable_user(user_id, expected_revision=self._revision, progress=progress)
            )
        else:
            self._changed(
                self.service().disable_user(user_id, expected_revision=self._revision, progress=progress)
            )

    def edit_user(self, user_id: str, edit: UserEdit, progress: Progress) -> None:
        kw: dict[str, Any] = {}
        if edit.name is not None:
            kw["name"] = edit.name
        if edit.domain is not None:
            kw["domain"] = edit.domain
        if edit.limit_gb is not None:
            kw["traffic_limit_gb"] = edit.limit_gb
        if edit.throttle_mbps is not None:
            kw["throttle_speed_mbps"] = edit.throttle_mbps
        if edit.unlimited is not None:
            kw["unlimited"] = edit.unlimited
        if edit.expires_at is not None:
            kw["expires_at"] = edit.expires_at or None
        if edit.regenerate_secret:
            kw["regenerate_secret"] = True
        self._changed(
            self.service().update_user(user_id, expected_revision=self._revision, progress=progress, **kw)
        )

    def check_links(self, user_ids: list[str] | None, progress: Progress) -> list[LinkCheck]:
        svc = self.service()
        results: list[LinkCheck] = []
        refs: list[str | None] = list(user_ids) if user_ids else [None]
        for ref in refs:
            report = check_links(svc, ref, progress=progress)
            for r in report.results:
                if str(r.verdict) == "skipped":
                    continue
                results.append(LinkCheck(r.user_id, str(r.verdict), r.rtt_ms, r.detail))
        return results

    def proxies(self, action: str, progress: Progress) -> None:
        svc = self.service()
        {"start": svc.start_all, "stop": svc.stop_all, "restart": svc.restart_all}[action](progress=progress)
        self._revision = None  # may have written the state; the next status tells the revision

    def logs(self, user_id: str | None, tail: int) -> list[str]:
        lines = self.service().logs(user_id, tail=tail)
        return [f"{ln.timestamp.astimezone().strftime('%Y-%m-%d %H:%M:%S')} {ln.format()}" for ln in lines]

    def history(self, user_id: str | None, since: float, until: float, step: str) -> list[HistoryPoint]:
        agent = self._agent()
        if agent is None:
            return []
        # All users: the sum of every user's buckets.
        ids = [u.id for u in agent.status().users] if user_id is None else [user_id]
        sums: dict[Any, list[int]] = {}
        for uid in ids:
            for b in agent.history(uid, _iso(since), _iso(until), step).buckets:
                cell = sums.setdefault(b.start, [0, 0])
                cell[0] += int(b.up_bytes)
                cell[1] += int(b.down_bytes)
        return [HistoryPoint(_epoch(start), up, down) for start, (up, down) in sorted(sums.items())]

    def set_setting(self, key: str, value: Any, progress: Progress, force: bool = False) -> ApplyResult:
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        result = self._changed(
            self.service().set_setting(
                key, text, expected_revision=self._revision, progress=progress, force=force
            )
        )
        return ApplyResult(summary=_lines(result.notes))

    def domain_problems(self, domain: str, wildcard: bool) -> list[str]:
        try:
            check: DomainCheck = self.service().check_domain(domain, wildcard=wildcard)
        except MtpmError as exc:  # no lookup possible at all: the admin decides
            return [exc.message]
        return check.problems()

    def doctor(self, progress: Progress) -> list[dict[str, Any]]:
        return [c.to_json() for c in run_doctor(self.service(), progress=progress).checks]

    def preview_setting(self, key: str, value: str) -> list[str]:
        return [str(x) for x in self.service().preview_setting(key, value)]

    def preview_port443(self, enable: bool) -> list[str]:
        svc = self.service()
        fn = getattr(svc, "preview_port_443", None)
        if fn is None:
            return []
        return [str(x) for x in fn(enable)]

    def reset_counters(self, user_id: str | None, progress: Progress) -> None:
        agent = self._agent()
        if agent is None:
            raise MtpmError(msg("The traffic agent is not installed on this server yet; add a user first."))
        progress(msg("resetting counters"))
        agent.reset(user_id)

    def import_panel(self, progress: Progress) -> str:
        report = import_panel(self.service(), progress=progress)
        self._revision = report.revision
        imported = msg(
            "{count} users imported (revision {revision}).", count=len(report.users), revision=report.revision
        )
        if not report.rollback:
            return imported
        return _lines([imported, msg("Rollback:"), _lines(report.rollback, indent=True)])

    def reconcile(self, progress: Progress) -> str:
        report = self.service().reconcile(progress=progress)
        self._revision = None
        return msg(
            "{changed} changed, {errors} errors", changed=len(report.changed), errors=len(report.errors)
        )

    def site_status(self) -> dict[str, Any]:
        result: dict[str, Any] = self.service().site_status().to_json()
        return result

    def user_devices(self, user_id: str) -> list[Device]:
        devices: list[Device] = self.service().user_devices(user_id)[1]
        return devices

    def _installed_agent(self) -> Any:
        """The agent, installed first when it is not yet (alerts need it even before the first user)."""
        agent = self.service().agent
        agent.ensure()
        return agent

    def telegram_alerts(self) -> tg.AlertsStatus:
        agent = self._agent()
        return tg.status(agent) if agent is not None else tg.AlertsStatus(telegram=False)

    def set_telegram_alerts(self, token: str, chat_id: str, api_base: str, language: str) -> tg.AlertsStatus:
        tg.check_settings(token, chat_id, api_base, language)  # before connecting: a typo costs no round trip
        agent = self._installed_agent()
        return tg.enable(agent, self.name, token=token, chat_id=chat_id, api_base=api_base, language=language)

    def test_telegram_alert(self) -> None:
        tg.send_test(self._installed_agent())

    def telegram_alerts_off(self) -> bool:
        agent = self._agent()
        if agent is None:  # no agent: nothing on the server to remove
            tg.forget_token(self.name)
            return False
        return tg.disable(agent, self.name)

    def uninstall(self, progress: Progress) -> str:
        """The same steps as `mtpm server uninstall`: containers, network, agent, firewall rules, files."""
        from mtpm_desktop.remote.setup.bootstrap import run_steps
        from mtpm_desktop.remote.setup.uninstall import UninstallContext, check_root, uninstall_steps

        # Not through service(): a first contact would set up the state file and agent only to remove them.
        session = getattr(self._service, "session", None) or self._session or _connect(self.profile)
        steps = uninstall_steps()
        titles = {s.name: s.title for s in steps}
        ctx = UninstallContext(session=session, root=check_root(self.profile.install_root))
        try:
            report = run_steps(steps, ctx, progress=lambda name, _state: progress(titles.get(name, name)))
        finally:
            # The server has no state any more: the next contact starts afresh (state file, agent).
            self._service, self._session, self._revision = None, None, None
            session.close()
        failed = report.failed
        if failed is not None:
            raise UninstallFailed(
                msg(
                    "{title} failed: {error} {remedy}",
                    title=failed.title,
                    error=failed.error or "",
                    remedy=failed.remedy or "",
                )
            )
        return _lines(ctx.removed) or msg("Nothing of mtpm's was left on the server.")
