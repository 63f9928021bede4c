"""One poll cycle: read every proxy's counters, account them per user, then enforce limits and expiry.

Paths under the install root (docs/design.md):
  config.json                 desired state (read only)
  data/history.sqlite3        counters, baselines, hourly history (see store.py)
  data/traffic.json           export for old readers (the panel's field names)
  data/agent-state.json       throttles applied, users expired by the agent, the last poll's report
  data/agent.lock             flock: one poll/reset/reload at a time
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from . import health, shaping
from .counters import CounterError, Sample, fetch_metrics, read_netdev
from .dockerapi import DOCKER_SOCKET, DockerApi, DockerApiError, ProxyContainer
from .fsutil import atomic_write_json, proc_start, read_json
from .policy import UTC, AgentConfig, PolicyError, load_config
from .presence import Presence, RouterDevices
from .router_devlimit import RouterDeviceLimit
from .router_sessions import RouterSessions
from .store import DEFAULT_RETENTION_DAYS, HOUR, Baseline, Store

SOURCE_METRICS = "metrics"
SOURCE_NETDEV = "netdev"
PANEL_SEED_FILES = ("panel-traffic.json",)


class AgentError(RuntimeError):
    """The agent cannot do its job at all (no config, no instance id, Docker unreachable)."""


def iso(ts: dt.datetime | None) -> str | None:
    return None if ts is None else ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Running:
    """What one poll learned about one running container."""

    container: ProxyContainer
    pid: int
    started_at: str
    sample: Sample | None = None
    source: str = SOURCE_NETDEV


@dataclass
class PollReport:
    at: str
    containers: int
    counted: int
    errors: list[str] = field(default_factory=list)
    connections: dict[str, int] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    traffic: dict[str, int] = field(default_factory=dict)  # user id -> bytes counted this poll
    # user id -> {"connections", "devices_now"} from the host's tables (counts only, never IPs)
    presence: dict[str, dict[str, int]] = field(default_factory=dict)


class Agent:
    def __init__(self, root: str, docker_socket: str = DOCKER_SOCKET) -> None:
        self.root = root
        self.data = os.path.join(root, "data")
        os.makedirs(self.data, mode=0o700, exist_ok=True)
        self.config_path = os.path.join(root, "config.json")
        self.traffic_path = os.path.join(self.data, "traffic.json")
        self.state_path = os.path.join(self.data, "agent-state.json")
        self.lock_path = os.path.join(self.data, "agent.lock")
        db_path = os.path.join(self.data, "history.sqlite3")
        self.store = Store(db_path)
        self.presence = Presence(self.store.db, self.data, db_path)
        self.docker = DockerApi(docker_socket)
        sessions = RouterSessions(self.data, self.docker)
        self.router = RouterDevices(sessions, RouterDeviceLimit(root, self.docker))
        # container id -> (pid, StartedAt, the pid's start time): saves one inspect per container per poll
        # while the container keeps running (a restart changes the pid or its start time).
        self._pids: dict[str, tuple[int, str, str]] = {}

    def close(self) -> None:
        self.store.close()
        self.docker.close()

    # -- inputs ---------------------------------------------------------------------------------------------
    def config(self) -> tuple[AgentConfig, dict[str, Any]]:
        try:
            with open(self.config_path, encoding="utf-8") as fh:
                state = json.load(fh)
        except FileNotFoundError:
            raise AgentError(f"{self.config_path} does not exist: the server is not set up yet") from None
        except ValueError as exc:
            raise AgentError(f"{self.config_path} is not valid JSON: {exc}") from None
        if not isinstance(state, dict):
            raise AgentError(f"{self.config_path} is not a JSON object")
        try:
            cfg = load_config(state)
        except PolicyError as exc:
            raise AgentError(f"{self.config_path}: {exc}") from None
        if not cfg.instance_id:
            raise AgentError(f"{self.config_path} has no instance_id: the agent cannot find its containers")
        return cfg, state

    def agent_state(self) -> dict[str, Any]:
        state = read_json(self.state_path, {}) or {}
        state.setdefault("throttles", {})
        state.setdefault("expired", {})
        return state

    def _pid_of(self, c: ProxyContainer) -> tuple[int, str] | None:
        cached = self._pids.get(c.id)
        if cached is not None and proc_start(cached[0]) == cached[2]:
            return cached[0], cached[1]
        st = self.docker.inspect_state(c.id)
        pid = int(st.get("Pid") or 0)
        if not st.get("Running") or pid <= 0:
            self._pids.pop(c.id, None)
            return None
        started = str(st.get("StartedAt") or "")
        start_ticks = proc_start(pid)
        if start_ticks is not None:
            self._pids[c.id] = (pid, started, start_ticks)
        return pid, started

    def _read(self, run: Running, network: str) -> None:
        port = run.container.metrics_port
        if port is not None:
            run.source = SOURCE_METRICS
            ip = run.container.networks.get(network) or next(
                (a for a in run.container.networks.values() if a), ""
            )
            if not ip:
                raise CounterError(f"{run.container.name} has no IP address for its metrics")
            run.sample = fetch_metrics((ip, port))
        else:
            run.sample = read_netdev(run.pid)

    # -- the cycle ------------------------------------------------------------------------------------------
    def poll(self, now: dt.datetime | None = None) -> PollReport:
        """Count, then enforce. The caller holds the data lock."""
        now = now or dt.datetime.now(UTC)
        cfg, raw = self.config()
        try:
            containers = self.docker.list_proxies(cfg.instance_id)
        except DockerApiError as exc:
            raise AgentError(str(exc)) from None
        report = PollReport(at=iso(now) or "", containers=len(containers), counted=0, errors=list(cfg.errors))
        runs: list[Running] = []
        for c in containers:
            if not c.running:
                continue
            try:
                found = self._pid_of(c)
            except DockerApiError as exc:
                report.errors.append(f"{c.name}: {exc}")
                continue
            if found is None:
                continue
            run = Running(c, found[0], found[1])
            runs.append(run)  # enforced even when its counters cannot be read this time
            try:
                self._read(run, cfg.network)
            except CounterError as exc:
                run.sample = None
                report.errors.append(f"{c.name}: {exc}")
                continue
            if run.sample is not None and run.sample.connections is not None:
                report.connections[c.user_id] = report.connections.get(c.user_id, 0) + run.sample.connections
        self._count(cfg, containers, runs, now, report)
        self._track_devices(raw, runs, now, report)
        self.export_traffic(cfg, now)
        self.enforce(cfg, containers, runs, now, report)
        return report

    def _count(
        self,
        cfg: AgentConfig,
        containers: list[ProxyContainer],
        runs: list[Running],
        now: dt.datetime,
        report: PollReport,
    ) -> None:
        ts = now.timestamp()
        self.store.begin()
        try:
            known = self.store.users()
            for uid, policy in cfg.users.items():
                key = policy.period.key(now)
                self.store.ensure_user(uid, policy.port, key)
                if uid in known and known[uid].period_key != key:
                    # A new quota period: its counters start from 0 (enforce() lifts the throttle).
                    self.store.start_period(uid, key)
                    report.actions.append(f"user {uid}: new period {key}")
            self._seed_from_panel(cfg)
            baselines = self.store.baselines()
            for run in runs:
                c, sample = run.container, run.sample
                if sample is None:
                    continue  # unreadable this poll: its baseline stays, the next poll counts the bytes
                if c.user_id not in cfg.users:
                    self.store.ensure_user(c.user_id, c.port, "lifetime")
                base = baselines.get(c.id)
                if base is None or base.started_at != run.started_at:
                    # Never seen, or restarted: its counters started from 0 at StartedAt, all of it is new.
                    drx, dtx = sample.rx, sample.tx
                elif base.source != run.source:
                    drx = dtx = 0  # the source changed: take a new baseline, count from the next poll
                elif sample.rx < base.rx_last or sample.tx < base.tx_last:
                    drx, dtx = sample.rx, sample.tx  # counters went back: the engine restarted inside
                else:
                    drx, dtx = sample.rx - base.rx_last, sample.tx - base.tx_last
                if drx or dtx:
                    self.store.add_traffic(c.user_id, drx, dtx, ts)
                    report.traffic[c.user_id] = report.traffic.get(c.user_id, 0) + drx + dtx
                self.store.set_baseline(
                    Baseline(c.id, c.name, c.user_id, run.started_at, run.source, sample.rx, sample.tx)
                )
                report.counted += 1
            present = {c.id for c in containers}
            for cid in baselines:
                if cid not in present:
                    self.store.drop_baseline(cid)
            owners = {c.user_id for c in containers}
            for uid in self.store.users():
                if uid not in cfg.users and uid not in owners:
                    self.store.forget_user(uid)  # deleted: a later user on the same port starts at 0
                    report.actions.append(f"user {uid}: deleted, counters dropped")
            try:
                health.record(self.store, self.root, ts)  # the server's health, hourly, same transaction
            except (OSError, ValueError, IndexError) as exc:
                report.errors.append(f"server health: {exc}")
            self.store.set_meta("last_poll", str(ts))
            last_prune = float(self.store.get_meta("last_prune") or 0)
            if ts - last_prune > HOUR:
                days = float(self._retention_days())
                self.store.prune_history(ts, days)
                self.store.set_meta("last_prune", str(ts))
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()

    def _track_devices(
        self, raw: dict[str, Any], runs: list[Running], now: dt.datetime, report: PollReport
    ) -> None:
        """Connections, devices and last seen per user, and the device limit (presence.py)."""
        # Port-443 mode: every client connects to nginx, which knows whose SNI it was (router_sessions.py);
        # the users' ports are internal there and name the users in nginx's config and log.
        ports = {r.container.user_id: r.container.port for r in runs}
        netdev = frozenset(r.container.user_id for r in runs if r.source == SOURCE_NETDEV)
        port_443 = bool(raw.get("port_443_mode"))
        try:
            if not port_443:
                # Back from port-443 mode: the router's rules go (no file: nothing is done).
                report.errors += self.router.limit.apply(str(raw.get("instance_id") or ""), []).errors
            seen = self.presence.poll(
                raw, ports, report.traffic, now, netdev_users=netdev, router=self.router if port_443 else None
            )
        except (sqlite3.Error, OSError) as exc:
            # Devices are a view: a full disk or a locked database there must not stop limits and expiry.
            report.errors.append(f"devices: {exc}")
            return
        report.errors += seen.errors
        report.actions += seen.actions
        for uid in ports:
            report.presence[uid] = {
                "connections": seen.connections.get(uid, 0),
                "devices_now": seen.devices_now.get(uid, 0),
            }

    def _retention_days(self) -> float:
        try:
            with open(self.config_path, encoding="utf-8") as fh:
                raw = json.load(fh).get("history_retention_days")
            return max(float(raw), 400.0) if raw else DEFAULT_RETENTION_DAYS
        except (OSError, ValueError, TypeError, AttributeError):
            return DEFAULT_RETENTION_DAYS

    def _seed_from_panel(self, cfg: AgentConfig) -> None:
        """Add the old panel's counters (copied by `mtpm import-panel`) to the users on those ports, once."""
        for name in PANEL_SEED_FILES:
            path = os.path.join(self.data, name)
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
            except FileNotFoundError:
                continue
            digest = hashlib.sha256(raw).hexdigest()
            if self.store.get_meta("seeded:" + name) == digest:
                continue
            try:
                doc = json.loads(raw.decode("utf-8"))
                # The panel's field is `per_user` (port string -> counters); accept `users` too.
                per_user = doc.get("per_user") or doc.get("users") or {}
            except (ValueError, AttributeError):
                per_user = {}
            if not isinstance(per_user, dict):
                per_user = {}
            by_port = {str(p.port): uid for uid, p in cfg.users.items() if p.port}
            if per_user and not any(str(port) in by_port for port in per_user):
                continue  # the imported users are not in config.json yet: try again next poll
            for port, value in per_user.items():
                uid = by_port.get(str(port))
                if uid is None:
                    continue
                rx, tx = _panel_pair(value)
                self.store.db.execute(
                    "UPDATE users SET rx_total=rx_total+?, tx_total=tx_total+?, rx_period=rx_period+?, "
                    "tx_period=tx_period+? WHERE user_id=?",
                    (rx, tx, rx, tx, uid),
                )
            self.store.set_meta("seeded:" + name, digest)

    # -- outputs --------------------------------------------------------------------------------------------
    def export_traffic(self, cfg: AgentConfig, now: dt.datetime) -> None:
        """traffic.json with the panel's fields (rx_bytes, tx_bytes, per_user by port string,
        last_per_container by container name) plus ours (per_user_id)."""
        users = self.store.users()
        per_user: dict[str, dict[str, int]] = {}
        per_id: dict[str, dict[str, Any]] = {}
        for uid, u in users.items():
            port = cfg.users[uid].port if uid in cfg.users else u.port
            if port and uid in cfg.users:
                per_user[str(port)] = {"rx_bytes": u.rx_total, "tx_bytes": u.tx_total}
            per_id[uid] = {
                "port": port,
                "rx_bytes": u.rx_total,
                "tx_bytes": u.tx_total,
                "period_rx_bytes": u.rx_period,
                "period_tx_bytes": u.tx_period,
            }
        atomic_write_json(
            self.traffic_path,
            {
                "rx_bytes": sum(u.rx_total for u in users.values()),
                "tx_bytes": sum(u.tx_total for u in users.values()),
                "per_user": per_user,
                "last_per_container": {
                    b.name: {"rx_bytes": b.rx_last, "tx_bytes": b.tx_last}
                    for b in self.store.baselines().values()
                },
                "per_user_id": per_id,
                "updated_at": iso(now),
            },
        )

    def enforce(
        self,
        cfg: AgentConfig,
        containers: list[ProxyContainer],
        runs: list[Running],
        now: dt.datetime,
        report: PollReport,
    ) -> None:
        """Expiry and throttling, with their state persisted in agent-state.json."""
        state = self.agent_state()
        throttles: dict[str, Any] = state["throttles"]
        expired: dict[str, Any] = state["expired"]
        counters = self.store.users()
        by_user: dict[str, list[ProxyContainer]] = {}
        for c in containers:
            by_user.setdefault(c.user_id, []).append(c)
        running = {r.container.id: r for r in runs}

        for uid, policy in cfg.users.items():
            if policy.is_expired(now):
                entry = expired.setdefault(uid, {"at": iso(now), "stopped": []})
                for c in by_user.get(uid, []):
                    if c.running:
                        try:
                            self.docker.stop(c.id)
                        except DockerApiError as exc:
                            report.errors.append(f"{c.name}: could not stop the expired user's proxy: {exc}")
                            continue
                        running.pop(c.id, None)
                        if c.id not in entry["stopped"]:
                            entry["stopped"].append(c.id)
                        report.actions.append(f"user {uid}: expired, stopped {c.name}")
            elif uid in expired:
                # The expiry was moved or cleared: start again what the agent itself stopped.
                entry = expired.pop(uid)
                for c in by_user.get(uid, []):
                    if c.id in entry.get("stopped", []) and not c.running and policy.enabled:
                        try:
                            self.docker.start(c.id)
                            report.actions.append(f"user {uid}: no longer expired, started {c.name}")
                        except DockerApiError as exc:
                            report.errors.append(f"{c.name}: could not start: {exc}")
        for uid in list(expired):
            if uid not in cfg.users:
                del expired[uid]

        wanted: dict[str, int] = {}
        for cid, live in running.items():
            limits = cfg.users.get(live.container.user_id)
            u = counters.get(live.container.user_id)
            if limits is None or u is None or limits.limit_bytes is None:
                continue
            if u.rx_period + u.tx_period >= limits.limit_bytes:
                wanted[cid] = int(limits.throttle_mbps * 1_000_000)

        for cid in list(throttles):
            entry = throttles[cid]
            cur = running.get(cid)
            if cur is None:
                continue  # stopped, or not inspectable now: decided when it runs again (or is gone)
            same_run = entry.get("started_at") == cur.started_at
            if cid in wanted and same_run and entry.get("rate_bps") == wanted[cid]:
                continue  # applied in this very run of the container: nothing to do
            try:
                # After a restart the old qdiscs went with the old namespace and veth.
                pid = cur.pid if same_run else None
                shaping.remove(pid, entry.get("host_veth") if same_run else None)
            except shaping.ShapingError as exc:
                report.errors.append(f"{entry.get('name', cid)}: could not remove the throttle: {exc}")
                continue
            del throttles[cid]
            if cid not in wanted:
                report.actions.append(f"user {entry.get('user_id')}: throttle removed ({entry.get('name')})")
        for cid, rate in wanted.items():
            if cid in throttles:
                continue
            run = running[cid]
            try:
                veth = shaping.apply(run.pid, rate)
            except shaping.ShapingError as exc:
                report.errors.append(f"{run.container.name}: could not throttle: {exc}")
                continue
            throttles[cid] = {
                "user_id": run.container.user_id,
                "name": run.container.name,
                "started_at": run.started_at,
                "rate_bps": rate,
                "host_veth": veth,
                "since": iso(now),
            }
            report.actions.append(f"user {run.container.user_id}: throttled {run.container.name}")
        present = {c.id for c in containers}
        for cid in list(throttles):
            if cid not in present:
                del throttles[cid]
        state["last_poll"] = {
            "at": report.at,
            "containers": report.containers,
            "counted": report.counted,
            "errors": report.errors,
            "connections": report.connections,
            "actions": report.actions,
        }
        atomic_write_json(self.state_path, state)

    # -- commands -------------------------------------------------------------------------------------------
    def forget(self, user_id: str) -> bool:
        """Drop a deleted user's counters now (the next poll would too, once config.json lacks the user).
        Refused while config.json still has the user: its counters would silently start again."""
        cfg, _ = self.config()
        if user_id in cfg.users:
            raise AgentError(f"user {user_id} is still in config.json; delete the user first")
        known = user_id in self.store.users()
        self.store.begin()
        try:
            self.store.forget_user(user_id)
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()
        self.export_traffic(cfg, dt.datetime.now(UTC))
        return known

    def reset(self, user_id: str | None, now: dt.datetime | None = None) -> list[str]:
        """Zero this period's counters. Runs a poll first (under the same lock) so every byte up to now is
        accounted to the old counters and the baselines are current: the counter then reads exactly 0 and
        counting resumes from there; a second poll lifts throttles that no longer apply."""
        now = now or dt.datetime.now(UTC)
        self.poll(now)
        cfg, _ = self.config()
        self.store.begin()
        try:
            targets = [user_id] if user_id else list(self.store.users())
            done = self.store.reset(targets, now.timestamp())
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()
        self.export_traffic(cfg, now)
        self.poll(now)
        return done


def _panel_pair(value: Any) -> tuple[int, int]:
    if isinstance(value, dict):
        rx = value.get("rx_bytes", value.get("rx", 0))
        tx = value.get("tx_bytes", value.get("tx", 0))
        return int(rx or 0), int(tx or 0)
    if isinstance(value, (int, float)):
        return int(value), 0
    return 0, 0
