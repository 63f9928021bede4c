"""What the GUI knows about a server at one moment, and its on-disk cache.

The GUI shows snapshots, never live remote objects: a refresh job builds a `ServerSnapshot` from the
service layer's results on a worker thread, and the GUI swaps it in. Each snapshot is also written to the
user's cache folder so that switching servers is instant and an unreachable server still shows what it
looked like last time, with its age and the reason it cannot be reached now.

The cache holds the users' links (they contain proxy secrets) so that QR codes work offline; files are
written 0600 in a 0700 folder. SSH passwords and passphrases are never part of a snapshot.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

SNAPSHOT_VERSION = 1


@dataclass
class UserRow:
    """One proxy user as the table shows it."""

    id: str
    name: str
    port: int
    domain: str = ""
    enabled: bool = True
    state: str = "unknown"  # running | stopped | missing | disabled | expired | unknown
    used_bytes: int = 0  # this period, both directions
    up_bytes: int = 0  # this period, from the client (0 when the agent did not say)
    down_bytes: int = 0  # this period, to the client
    limit_bytes: int = 0  # 0 = no limit
    lifetime_bytes: int = 0
    throttled: bool = False
    expired: bool = False
    unlimited: bool = False
    expires_at: str | None = None  # ISO 8601 UTC
    created_at: str | None = None
    tg_link: str = ""
    tme_link: str = ""
    limit_gb: float = 0.0  # per-user setting as stored (0 = inherit)
    throttle_mbps: float = 0.0  # per-user setting as stored (0 = inherit)
    check_result: str = ""  # accepted | refused | unreachable | "" (never checked)
    check_rtt_ms: float | None = None
    check_at: float | None = None  # epoch seconds
    # Who is connected, from the server's agent (counts only: client IPs never reach this cache).
    online: bool = False
    connections: int = 0
    last_seen: str | None = None  # ISO 8601 UTC, the last poll that saw traffic or a connection
    devices_now: int = 0
    devices_24h: int = 0
    devices_30d: int = 0
    max_devices: int = 0  # effective device limit (0 = unlimited)
    max_devices_own: int | None = None  # per-user setting as stored (None = the server's)
    refused_connections: int = 0

    @property
    def usage_fraction(self) -> float | None:
        if self.limit_bytes <= 0:
            return None
        return self.used_bytes / self.limit_bytes


@dataclass
class ServerSnapshot:
    """Everything the pages of one server show."""

    server: str
    taken_at: float = field(default_factory=time.time)
    reachable: bool = True
    reason: str = ""  # why the last refresh failed (a user-facing message), empty when fresh
    users: list[UserRow] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    clock_offset_s: float | None = None
    agent_version: str = ""
    # The agent's `health` answer and its hourly points of the last day (remote/monitor/health.py).
    health: dict[str, Any] | None = None
    health_history: list[dict[str, Any]] = field(default_factory=list)
    last_backup_at: float | None = None  # epoch seconds of the newest automatic backup on this computer

    @property
    def running(self) -> int:
        return sum(1 for u in self.users if u.state == "running")

    @property
    def total(self) -> int:
        """Users that should be running (enabled, not expired), as `Running X/Y` counts them."""
        return sum(1 for u in self.users if u.enabled and not u.expired and u.state != "expired")

    @property
    def port_range(self) -> tuple[int, int] | None:
        ports = [u.port for u in self.users if u.port]
        return (min(ports), max(ports)) if ports else None

    @property
    def used_bytes(self) -> int:
        return sum(u.used_bytes for u in self.users)

    def age_seconds(self, now: float | None = None) -> float:
        return max(0.0, (time.time() if now is None else now) - self.taken_at)

    def stale(self, reason: str) -> ServerSnapshot:
        """The same data marked unreachable, keeping its original time."""
        return ServerSnapshot(
            server=self.server,
            taken_at=self.taken_at,
            reachable=False,
            reason=reason,
            users=self.users,
            settings=self.settings,
            clock_offset_s=self.clock_offset_s,
            agent_version=self.agent_version,
            health=self.health,
            health_history=self.health_history,
        )

    def user(self, user_id: str) -> UserRow | None:
        return next((u for u in self.users if u.id == user_id), None)

    # -- JSON ---------------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["version"] = SNAPSHOT_VERSION
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServerSnapshot:
        user_keys = {f.name for f in fields(UserRow)}
        users = [UserRow(**{k: v for k, v in u.items() if k in user_keys}) for u in data.get("users", [])]
        return cls(
            server=str(data["server"]),
            taken_at=float(data.get("taken_at", 0.0)),
            reachable=bool(data.get("reachable", True)),
            reason=str(data.get("reason", "")),
            users=users,
            settings=dict(data.get("settings", {})),
            clock_offset_s=data.get("clock_offset_s"),
            agent_version=str(data.get("agent_version", "")),
            health=data.get("health"),
            health_history=list(data.get("health_history") or []),
        )


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("mtpm", appauthor=False)) / "snapshots"


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class SnapshotCache:
    """One JSON file per server; atomic replace so a crash never leaves half a snapshot."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()

    def _path(self, server: str) -> Path:
        # Server names are user text; keep file names portable and collision-free enough.
        safe = _UNSAFE.sub("_", server) or "_"
        return self.folder / f"{safe}-{abs(hash_name(server)):08x}.json"

    def save(self, snap: ServerSnapshot) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = self._path(snap.server)
        fd, tmp = tempfile.mkstemp(prefix=".snap-", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(snap.to_json(), fh)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self, server: str) -> ServerSnapshot | None:
        try:
            data = json.loads(self._path(server).read_text(encoding="utf-8"))
            if data.get("version") != SNAPSHOT_VERSION:
                return None
            return ServerSnapshot.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a missing or unreadable cache only means "nothing to show yet"

    def remove(self, server: str) -> None:
        self._path(server).unlink(missing_ok=True)


def hash_name(name: str) -> int:
    """A stable (not per-process salted) 32-bit hash for file names."""
    h = 2166136261
    for b in name.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h
