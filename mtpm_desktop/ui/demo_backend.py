"""An in-memory server for `mtpm-desktop --demo`, screenshots, the UI bench and UI unit tests.

It keeps users and settings in memory and answers every `ServerBackend` call the way a server would
(states, links, counters, history), so the GUI can be shown and measured without SSH. It is never used
for a real server profile.
"""

from __future__ import annotations

import math
import random
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.agent_client import Device
from mtpm_desktop.remote.monitor import telegram_alerts as tg
from mtpm_desktop.ui import chart_data
from mtpm_desktop.ui.backend import ApplyResult, HistoryPoint, LinkCheck, NewUser, Progress, UserEdit
from mtpm_desktop.ui.snapshot import ServerSnapshot, UserRow

GB = 1024**3
DOMAINS = ["www.cloudflare.com", "www.google.com", "www.apple.com", "ya.ru", "vk.com", "www.github.com"]
NAMES = ["anna", "boris", "katya", "dmitry", "olga", "ivan", "maria", "sergey", "elena", "pavel"]


def parse_created(value: str | None) -> float:
    if not value:
        return 0.0
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


def _rhythm(start: float, width: float) -> float:
    """A bucket's share of an average one: busy evenings, quiet nights (hours), quieter Sundays (days)."""
    if width < 86400:
        hour = datetime.fromtimestamp(start, UTC).hour
        return 1.0 + 0.8 * math.sin((hour - 14) / 24 * 2 * math.pi)
    return 0.6 if datetime.fromtimestamp(start, UTC).weekday() == 6 else 1.07


class DemoBackend:
    def __init__(self, name: str = "demo", users: int = 8, seed: int = 7, delay: float = 0.0) -> None:
        self.name = name
        self.delay = delay  # seconds each call takes, to show (and test) a slow server
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.fail_with: Exception | None = None  # set to make every call fail (unreachable server)
        self.settings: dict[str, Any] = {
            "server_ip": "203.0.113.10",
            "server_domain": "",
            "proxy_port": 2443,
            "fake_tls_domain": "www.cloudflare.com",
            "proxy_prefer_ip": "prefer-v4",
            "traffic_limit_gb": 50.0,
            "throttle_speed_mbps": 1.0,
            # The period began 20 days ago, so the demo's counters (up to 1.2 x the limit) are plausible.
            "quota_period": {"kind": "monthly", "day": min(28, (datetime.now(UTC) - timedelta(days=20)).day)},
            "port_443_mode": False,
            "sni_listen_port": 443,
            "sni_decoy": "",
            "proxy_image": "nineseconds/mtg:2.2.8",
        }
        self.telegram = tg.AlertsStatus(telegram=False)
        self.users: list[UserRow] = []
        for i in range(users):
            self._add(f"{NAMES[i % len(NAMES)]}{'' if i < len(NAMES) else i}", None, None)
        presence = random.Random(seed + 1)
        for i, u in enumerate(self.users):
            # Old enough that the Year range has months of history, and new ones that have little.
            born = datetime.now(UTC) - timedelta(days=max(3, 400 - i * 29), hours=i)
            u.created_at = born.strftime("%Y-%m-%dT%H:%M:%SZ")
            u.used_bytes = int(self._rng.uniform(0.1, 1.2) * u.limit_bytes) if u.limit_bytes else 0
            u.lifetime_bytes = u.used_bytes * 3
            u.throttled = u.used_bytes > u.limit_bytes > 0
            if i % 7 == 3:
                u.enabled, u.state = False, "disabled"
            # Who is online and from how many devices, as the agent reports it (a random stream of its own, so
            # the traffic figures stay what they were).
            seen_ago = timedelta(minutes=presence.randint(0, 5)) if i % 3 != 2 else timedelta(hours=i + 2)
            if u.enabled:
                u.last_seen = (datetime.now(UTC) - seen_ago).strftime("%Y-%m-%dT%H:%M:%SZ")
            u.online = u.enabled and i % 3 != 2
            u.connections = presence.randint(1, 4) if u.online else 0
            u.devices_now = min(u.connections, presence.randint(1, 2)) if u.online else 0
            u.devices_24h = u.devices_now + (i % 2)
            u.devices_30d = u.devices_24h + (i % 3)
            u.max_devices = 3 if i % 4 == 0 else 0
            u.refused_connections = 4 if i == 4 else 0

    # -- helpers --------------------------------------------------------------------------------------
    def _wait(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        if self.delay:
            time.sleep(self.delay)

    def _links(self, u: UserRow) -> None:
        host = self.settings.get("server_domain") or self.settings["server_ip"]
        port = self.settings["sni_listen_port"] if self.settings["port_443_mode"] else u.port
        secret = (
            u.tg_link.rsplit("secret=", 1)[-1]
            if u.tg_link
            else "ee" + uuid.uuid4().hex + u.domain.encode().hex()
        )
        u.tg_link = f"tg://proxy?server={host}&port={port}&secret={secret}"
        u.tme_link = f"https://t.me/proxy?server={host}&port={port}&secret={secret}"

    def _add(self, name: str, port: int | None, domain: str | None) -> UserRow:
        used = {u.port for u in self.users}
        if port is None:
            port = int(self.settings["proxy_port"]) + 1
            while port in used:
                port += 1
        u = UserRow(
            id=uuid.uuid4().hex[:12],
            name=name,
            port=port,
            domain=domain or DOMAINS[len(self.users) % len(DOMAINS)],
            state="running",
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            limit_bytes=int(float(self.settings["traffic_limit_gb"]) * GB),
        )
        self._links(u)
        self.users.append(u)
        return u

    def _find(self, user_id: str) -> UserRow:
        for u in self.users:
            if u.id == user_id:
                return u
        from mtpm_desktop.core.errors import MtpmError

        raise MtpmError(f"There is no user {user_id}.")

    # -- ServerBackend ----------------------------------------------------------------------------------
    def snapshot(self, progress: Progress) -> ServerSnapshot:
        self._wait()
        progress("status")
        with self._lock:
            now = time.time()
            elapsed = now - getattr(self, "_last_snapshot", now)
            self._last_snapshot = now
            for u in self.users:  # some traffic since the last look, for the live rate
                if u.state == "running" and not u.throttled:
                    u.used_bytes += int(elapsed * self._rng.uniform(2e4, 4e5))
            users = [UserRow(**vars(u)) for u in self.users]
        for row in users:  # a fifth of a proxy's traffic goes up, as with messaging clients
            row.up_bytes = row.used_bytes // 5
            row.down_bytes = row.used_bytes - row.up_bytes
        health, history = self._health(users)
        return ServerSnapshot(
            server=self.name,
            users=users,
            settings=dict(self.settings),
            clock_offset_s=0.04,
            health=health,
            health_history=history,
        )

    def _health(self, users: list[UserRow]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A plausible small VPS (its own random stream: the users' figures stay as they were)."""
        rng = random.Random(self.name)
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=23)
        history = [
            {
                "t": (start + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "cpu_percent": round(8 + 6 * math.sin(h / 4) + rng.uniform(0, 4), 1),
                "mem_used_bytes": int((0.9 + 0.1 * math.sin(h / 6)) * GB),
                "disk_used_bytes": int(11.2 * GB + h * 4e6),
                "net_rx_bytes": int(rng.uniform(0.3, 1.5) * GB / 10),
                "net_tx_bytes": int(rng.uniform(0.3, 1.5) * GB / 10),
            }
            for h in range(24)
        ]
        health = {
            "cpu_percent": history[-1]["cpu_percent"],
            "load1": 0.31,
            "mem_total_bytes": 2 * GB,
            "mem_used_bytes": history[-1]["mem_used_bytes"],
            "disk_total_bytes": 25 * GB,
            "disk_used_bytes": history[-1]["disk_used_bytes"],
            "net_rx_bps": 182_000.0,
            "net_tx_bps": 176_000.0,
            "uptime_s": 19 * 86400 + 5 * 3600,
            "docker_ok": True,
            "proxies_running": sum(1 for u in users if u.state == "running"),
            "warnings": [],
        }
        return health, history

    def add_user(
        self,
        name: str,
        port: int | None,
        domain: str | None,
        progress: Progress,
        extra: NewUser | None = None,
    ) -> str:
        self._wait()
        with self._lock:
            uid = self._add(name, port, domain).id
        if extra is not None:
            e = UserEdit(
                limit_gb=extra.limit_gb, throttle_mbps=extra.throttle_mbps, unlimited=extra.unlimited
            )
            e.expires_at = extra.expires_at
            self.edit_user(uid, e, progress)
        return uid

    def user_link(self, user_id: str) -> str:
        self._wait()
        with self._lock:
            return self._find(user_id).tme_link

    def remove_user(self, user_id: str, progress: Progress) -> None:
        self._wait()
        with self._lock:
            self.users.remove(self._find(user_id))

    def set_enabled(self, user_id: str, enabled: bool, progress: Progress) -> None:
        self._wait()
        with self._lock:
            u = self._find(user_id)
            u.enabled = enabled
            u.state = "running" if enabled else "disabled"

    def edit_user(self, user_id: str, edit: UserEdit, progress: Progress) -> None:
        self._wait()
        with self._lock:
            u = self._find(user_id)
            if edit.name is not None:
                u.name = edit.name
            if edit.domain is not None:
                u.domain = edit.domain
                u.tg_link = ""
            if edit.limit_gb is not None:
                u.limit_gb = edit.limit_gb
            if edit.unlimited is not None:
                u.unlimited = edit.unlimited
            if edit.throttle_mbps is not None:
                u.throttle_mbps = edit.throttle_mbps
            if edit.expires_at is not None:
                u.expires_at = edit.expires_at or None
            if edit.regenerate_secret:
                u.tg_link = ""
            limit_gb = 0.0 if u.unlimited else (u.limit_gb or float(self.settings["traffic_limit_gb"]))
            u.limit_bytes = int(limit_gb * GB)
            u.throttled = u.used_bytes > u.limit_bytes > 0
            self._links(u)

    def check_links(self, user_ids: list[str] | None, progress: Progress) -> list[LinkCheck]:
        self._wait()
        out = []
        for u in self.users:
            if user_ids is not None and u.id not in user_ids:
                continue
            ok = u.state == "running"
            out.append(LinkCheck(u.id, "accepted" if ok else "unreachable", 42.0 if ok else None))
        return out

    def proxies(self, action: str, progress: Progress) -> None:
        self._wait()
        with self._lock:
            for u in self.users:
                if u.enabled:
                    u.state = "stopped" if action == "stop" else "running"

    def logs(self, user_id: str | None, tail: int) -> list[str]:
        self._wait()
        lines = []
        now = time.time()
        for i in range(min(tail, 60)):
            u = self.users[i % len(self.users)] if self.users else None
            if u is None or (user_id and u.id != user_id):
                continue
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now - (60 - i) * 7))
            lines.append(f"{stamp} [{u.name}] client connected from 198.51.100.{i % 250}")
        return lines

    def history(self, user_id: str | None, since: float, until: float, step: str) -> list[HistoryPoint]:
        """Buckets that add up to each user's period counter, with a daily rhythm and one quiet weekend
        day; none before the user was created ("No history yet" for an old range)."""
        self._wait()
        width = 3600 if step == "hour" else 86400
        starts = []
        t = since - since % width
        while t < until:
            starts.append(t)
            t += width
        with self._lock:
            chosen = [UserRow(**vars(u)) for u in self.users if user_id is None or u.id == user_id]
        now = time.time()
        period_start = chart_data.period_start(chart_data.quota_period(self.settings), now) or 0.0
        up_down: dict[float, list[int]] = {s: [0, 0] for s in starts}
        for u in chosen:
            created = parse_created(u.created_at)
            # This period's counter spread over the hours since the period began (or since the user was
            # created), so the buckets add up to it as an agent's would; earlier periods at that pace.
            begun = max(period_start, created)
            this_pace = u.used_bytes / max(1.0, (now - begun) / 3600)
            past_pace = this_pace
            share = int(u.id, 16) % 7 / 20 + 0.05  # upload share differs per user
            for s in starts:
                if s + width <= created:
                    continue
                weight = _rhythm(s, width)
                amount = (this_pace if s >= period_start else past_pace) * width / 3600 * weight
                up_down[s][0] += int(amount * share)
                up_down[s][1] += int(amount * (1 - share))
        return [HistoryPoint(s, up, down) for s, (up, down) in up_down.items()]

    def domain_problems(self, domain: str, wildcard: bool) -> list[str]:
        self._wait()
        return []

    def doctor(self, progress: Progress) -> list[dict[str, Any]]:
        self._wait()
        # The same message as the real doctor's, so the demo's findings are translated like the real ones.
        detail = msg("The server's clock is {seconds:+.1f} s from this computer's.", seconds=0.04)
        clock = {"id": "clock", "ok": True, "severity": "info", "detail": detail, "fix": ""}
        return [clock] + [
            {
                "id": f"link.{u.name}",
                "ok": u.state == "running",
                "severity": "error",
                "detail": u.name,
                "fix": "" if u.state == "running" else "mtpm reconcile",
            }
            for u in self.users
        ]

    def set_setting(self, key: str, value: Any, progress: Progress, force: bool = False) -> ApplyResult:
        self._wait()
        with self._lock:
            self.settings[key] = value
            for u in self.users:
                self._links(u)
        return ApplyResult()

    def preview_setting(self, key: str, value: str) -> list[str]:
        self._wait()
        return [u.name for u in self.users]

    def preview_port443(self, enable: bool) -> list[str]:
        self._wait()
        return [u.name for u in self.users]

    def reset_counters(self, user_id: str | None, progress: Progress) -> None:
        self._wait()
        with self._lock:
            for u in self.users:
                if user_id is None or u.id == user_id:
                    u.used_bytes = 0
                    u.throttled = False

    def import_panel(self, progress: Progress) -> str:
        self._wait()
        return "0 users imported."

    def reconcile(self, progress: Progress) -> str:
        self._wait()
        return "0 changed, 0 errors"

    def restore_backup(self, path: str, progress: Progress) -> str:
        raise MtpmError(msg("The demo has no real server to restore onto."))

    def move_users(self, target: Any, user_ids: list[str], stop_old: bool, progress: Progress) -> str:
        raise MtpmError(msg("The demo has no real server to move users to."))

    def user_devices(self, user_id: str) -> list[Device]:
        """Made-up addresses from the documentation ranges: the connected ones first, as the agent sends."""
        self._wait()
        user = next((u for u in self.users if u.id == user_id), None)
        if user is None:
            raise MtpmError(msg("No user with the id {id} on this server.", id=user_id))
        now = datetime.now(UTC)
        out = []
        for i in range(user.devices_30d):
            ip = f"198.51.100.{10 + i}" if i % 3 else f"2001:db8::{i + 1:x}"
            connected = i < user.devices_now
            seen = now if connected else now - timedelta(hours=5 * i + 1)
            out.append(Device(ip, seen.strftime("%Y-%m-%dT%H:%M:%SZ"), (i % 2) + 1 if connected else 0))
        return out

    def telegram_alerts(self) -> tg.AlertsStatus:
        self._wait()
        return self.telegram

    def set_telegram_alerts(self, token: str, chat_id: str, api_base: str, language: str) -> tg.AlertsStatus:
        tg.check_settings(token, chat_id, api_base, language)  # the same checks as a real server's
        self._wait()
        self.telegram = tg.AlertsStatus(True, chat_id, api_base.rstrip("/"), language)
        return self.telegram

    def test_telegram_alert(self) -> None:
        self._wait()  # nothing leaves the demo
        if not self.telegram.telegram:
            raise MtpmError(msg("Telegram alerts are off on this server: turn them on first."))

    def telegram_alerts_off(self) -> bool:
        self._wait()
        was, self.telegram = self.telegram.telegram, tg.AlertsStatus(telegram=False)
        return was

    def site_status(self) -> dict[str, Any]:
        """A made-up certificate for the demo server's domain (the site is "off" without one)."""
        self._wait()
        domain = str(self.settings.get("server_domain") or "")
        if not domain:
            keys = ("domain", "issuer", "not_before", "not_after", "last_renewal", "last_error", "renewal")
            return dict.fromkeys(keys) | {"names": []}
        return {
            "domain": domain,
            "names": [domain, f"a1b2c3.{domain}"],
            "issuer": "Demo CA",
            "not_before": "2026-01-01T00:00:00Z",
            "not_after": "2026-04-01T00:00:00Z",
            "last_renewal": "2026-01-01T00:00:00Z",
            "last_error": None,
            "renewal": "systemd-timer",
        }

    def uninstall(self, progress: Progress) -> str:
        self._wait()
        with self._lock:
            removed = [f"removed container mtg-proxy-{u.port}" for u in self.users]
            self.users.clear()
        progress("Remove the proxy containers")
        return "\n".join(removed)

    def close(self) -> None:
        pass


class DemoSimulation:
    """What the two dialogs that open their own SSH connection get in demo mode: "Test connection" and
    "Set up server" answer from memory, so `--demo` never touches the network."""

    def __init__(self, backends: dict[str, DemoBackend]) -> None:
        self.backends = backends

    def test_connection(self, profile: Any, secrets: dict[str, str], forgotten: frozenset[str]) -> Any:
        from mtpm_desktop.ui.dlg_server import ConnectionTest

        return ConnectionTest(f"Linux 6.1.0 (demo server {profile.host}, nothing was sent)", "direct")

    def bootstrap_runner(self, server: str) -> Any:
        """A RunBootstrap that walks the real step list: every step already done, the first user added."""
        from mtpm_desktop.remote.setup.bootstrap import BootstrapReport, StepResult, StepState
        from mtpm_desktop.remote.setup.bootstrap_steps import bootstrap_steps

        def run(options: Any, progress: Any, output: Any) -> tuple[Any, str | None]:
            results = []
            for step in bootstrap_steps():
                progress(step.name, StepState.CHECKING)
                output(step.name, "demo: nothing to do on an in-memory server")
                progress(step.name, StepState.UNCHANGED)
                results.append(StepResult(step.name, step.title, StepState.UNCHANGED))
            backend = self.backends.get(server)
            link = None
            if backend is not None:
                with backend._lock:
                    user = next((u for u in backend.users if u.name == options.first_user), None)
                    if user is None:
                        user = backend._add(options.first_user, options.first_user_port, None)
                    link = user.tme_link
            return BootstrapReport(results), link

        return run
