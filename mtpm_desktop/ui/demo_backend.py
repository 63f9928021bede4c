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
from mtpm_desktop.ui.backend import ApplyResult, HistoryPoint, LinkCheck, Progress, UserEdit
from mtpm_desktop.ui.snapshot import ServerSnapshot, UserRow

GB = 1024**3
DOMAINS = ["www.cloudflare.com", "www.google.com", "www.apple.com", "ya.ru", "vk.com", "www.github.com"]
NAMES = ["anna", "boris", "katya", "dmitry", "olga", "ivan", "maria", "sergey", "elena", "pavel"]


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
            "quota_period": {"kind": "monthly", "day": 1},
            "port_443_mode": False,
            "sni_listen_port": 443,
            "sni_decoy": "",
            "proxy_image": "nineseconds/mtg:2.2.8",
        }
        self.users: list[UserRow] = []
        for i in range(users):
            self._add(f"{NAMES[i % len(NAMES)]}{'' if i < len(NAMES) else i}", None, None)
        for i, u in enumerate(self.users):
            u.used_bytes = int(self._rng.uniform(0.1, 1.2) * u.limit_bytes) if u.limit_bytes else 0
            u.lifetime_bytes = u.used_bytes * 3
            u.throttled = u.used_bytes > u.limit_bytes > 0
            if i % 7 == 3:
                u.enabled, u.state = False, "disabled"

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
            created_at=(datetime.now(UTC) - timedelta(days=len(self.users) * 3)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
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
        return ServerSnapshot(
            server=self.name, users=users, settings=dict(self.settings), clock_offset_s=0.04
        )

    def add_user(self, name: str, port: int | None, domain: str | None, progress: Progress) -> str:
        self._wait()
        with self._lock:
            return self._add(name, port, domain).id

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
            stamp = time.strftime("%H:%M:%S", time.localtime(now - (60 - i) * 7))
            lines.append(f"{stamp} [mtg-proxy-{u.port}] client connected from 198.51.100.{i % 250}")
        return lines

    def history(self, user_id: str | None, since: float, until: float, step: str) -> list[HistoryPoint]:
        self._wait()
        width = 3600 if step == "hour" else 86400
        starts = []
        t = since - since % width
        while t < until:
            starts.append(t)
            t += width
        chosen = [u for u in self.users if user_id is None or u.id == user_id]
        # Spread this period's traffic over the range with a daily rhythm.
        total = sum(u.used_bytes for u in chosen) * 0.6
        weights = [1.0 + 0.8 * math.sin(i * width / 86400 * 2 * math.pi) for i in range(len(starts))]
        scale = total / (sum(weights) or 1.0)
        return [
            HistoryPoint(s, int(w * scale * 0.1), int(w * scale * 0.9))
            for s, w in zip(starts, weights, strict=True)
        ]

    def set_setting(self, key: str, value: Any, progress: Progress) -> ApplyResult:
        self._wait()
        with self._lock:
            self.settings[key] = value
            for u in self.users:
                self._links(u)
        return ApplyResult()

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

    def uninstall(self, progress: Progress) -> str:
        self._wait()
        with self._lock:
            removed = [f"removed container mtg-proxy-{u.port}" for u in self.users]
            self.users.clear()
        progress("Remove the proxy containers")
        return "\n".join(removed)

    def close(self) -> None:
        pass
