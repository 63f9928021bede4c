"""Online, last seen and devices per user, and the device limit: kept in the agent's SQLite store.

Tables (in data/history.sqlite3, beside the counters; the file is the agent's own, 0600):
  devices(user_id, ip, last_seen, connections)  one row per client IP, pruned 30 days after it was seen;
                                                `connections` = open at the last poll
  presence(user_id, last_seen, refused, refused_counter)
                                                the last poll that saw traffic or a connection, and the
                                                refusals counted (the firewall's counter at the last poll)
Client IPs never leave the server in `status`: it reports counts; `devices --user` lists one user's IPs for
the admin who asks.

config.json: `max_devices` per user (absent/null = the server's `max_devices`; 0 = unlimited) and
`device_window_seconds` (default 600: an IP keeps its place that long after its last connection).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .conntrack import Connections, read_connections
from .devlimit import ApplyResult, DeviceFirewall, PortRule
from .router_devlimit import RouterDeviceLimit
from .router_sessions import RouterSessions
from .store import _retrying

DAY = 86400
DEFAULT_WINDOW_S = 600.0
RETENTION_S = 31 * DAY
# Bytes a netns-counted container may show in a poll without anyone there (IPv6 router solicitations,
# ARP): below this a poll does not count as "traffic seen" for last_seen.
NOISE_BYTES = 4096

_SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    user_id TEXT NOT NULL,
    ip TEXT NOT NULL,
    last_seen REAL NOT NULL,
    connections INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, ip)
);
CREATE TABLE IF NOT EXISTS presence (
    user_id TEXT PRIMARY KEY,
    last_seen REAL,
    refused INTEGER NOT NULL DEFAULT 0,
    refused_counter INTEGER NOT NULL DEFAULT 0
);
"""


class DeviceSettingError(ValueError):
    """config.json holds a device limit the agent cannot use."""


def _count(raw: Any, what: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw < 0 or raw != int(raw):
        raise DeviceSettingError(f"{what} must be a whole number >= 0, not {raw!r}")
    return int(raw)


def device_limits(state: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    """user id -> its effective max_devices (0 = unlimited), and the users whose value is unusable."""
    errors: list[str] = []
    try:
        default = _count(state.get("max_devices") or 0, "the server's max_devices")
    except DeviceSettingError as exc:
        errors.append(str(exc))
        default = 0
    out: dict[str, int] = {}
    for user in state.get("users") or []:
        if not isinstance(user, dict) or not user.get("id"):
            continue
        raw = user.get("max_devices")
        try:
            out[str(user["id"])] = default if raw is None else _count(raw, "max_devices")
        except DeviceSettingError as exc:
            errors.append(f"user {user['id']}: {exc}")
            out[str(user["id"])] = default
    return out, errors


def window_seconds(state: dict[str, Any]) -> float:
    raw = state.get("device_window_seconds")
    try:
        value = float(raw) if raw is not None else DEFAULT_WINDOW_S
    except (TypeError, ValueError):
        return DEFAULT_WINDOW_S
    return value if value > 0 else DEFAULT_WINDOW_S


@dataclass
class DevicePoll:
    """What one poll learned: counts only (no IPs), for the poll report."""

    connections: dict[str, int] = field(default_factory=dict)
    devices_now: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)  # refusals counted in this poll
    errors: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


def empty_summary(max_devices: int = 0) -> dict[str, Any]:
    return {
        "online": False,
        "connections": 0,
        "last_seen": None,
        "devices_now": 0,
        "devices_24h": 0,
        "devices_30d": 0,
        "max_devices": max_devices,
        "refused_connections": 0,
    }


@dataclass
class RouterDevices:
    """Port-443 mode's sources: sessions from nginx's log and sockets, the limit in nginx's config."""

    sessions: RouterSessions
    limit: RouterDeviceLimit


class Presence:
    def __init__(self, db: sqlite3.Connection, data_dir: str, db_path: str | None = None) -> None:
        self.db = db
        self.data_dir = data_dir
        self._firewall: DeviceFirewall | None = None
        self._known_presence: set[str] = set()  # users whose presence row exists (written this run)
        _retrying(lambda: db.executescript(_SCHEMA))
        for path in (db_path, f"{db_path}-wal", f"{db_path}-shm") if db_path else ():
            if os.path.exists(path):
                os.chmod(path, 0o600)  # client IPs live here (and in the write-ahead log)

    # -- the poll -------------------------------------------------------------------------------------------
    def poll(
        self,
        state: dict[str, Any],
        ports: dict[str, int],
        traffic: dict[str, int],
        now: dt.datetime,
        *,
        netdev_users: frozenset[str] = frozenset(),
        router: RouterDevices | None = None,
    ) -> DevicePoll:
        """`ports`: user id -> port of its running proxy (published in standard mode, behind the router
        with `router`); `traffic`: user id -> bytes counted this poll. Updates the tables and the
        firewall (or the router's rules); the caller holds the data lock."""
        ts = now.timestamp()
        out = DevicePoll()
        instance_id = str(state.get("instance_id") or "")
        by_port = {port: uid for uid, port in ports.items() if port}
        refusals: dict[int, int] = {}  # port-443 mode: nginx's refusal totals
        conns: Connections
        if router is None:
            conns = read_connections(set(by_port))
        else:
            seen = router.sessions.read(instance_id, set(by_port))
            conns, refusals = seen.connections, seen.refused
            # Users' ports are not published in this mode: a chain left from standard mode goes.
            out.errors += self._firewall_of(instance_id).apply([]).errors
        out.errors += conns.errors
        limits, errors = device_limits(state)
        out.errors += errors
        window = window_seconds(state)
        rules: list[PortRule] = []
        # Devices and last seen may lose their last poll in a power cut (the next poll sees them again),
        # so their commit does not wait for the disk; the counters' commit (store.py) still does.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # Only what changes is written: most devices stay connected from one poll to the next. A row
            # that is connected was seen by the last poll (meta devices_poll), whatever its last_seen says;
            # when it disconnects, its last_seen becomes that poll's time. The same for a user's last seen.
            prev_ts = float(self._meta("devices_poll") or ts)
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('devices_poll', ?)", (str(ts),))
            before = {
                (str(u), str(ip)): int(n)
                for u, ip, n in self.db.execute(
                    "SELECT user_id, ip, connections FROM devices WHERE connections>0"
                )
            }
            current = {(by_port[port], ip): n for port, ips in conns.by_port.items() for ip, n in ips.items()}
            self.db.executemany(
                "UPDATE devices SET connections=0, last_seen=? WHERE user_id=? AND ip=?",
                [(prev_ts, *key) for key in before if key not in current],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO devices(user_id, ip, last_seen, connections) VALUES (?,?,?,?)",
                [(uid, ip, ts, n) for (uid, ip), n in current.items() if before.get((uid, ip)) != n],
            )
            online = {uid for uid, _ in current}
            stamps = {uid: prev_ts for uid, _ in before if uid not in online}  # went offline
            for uid, nbytes in traffic.items():
                if nbytes > (NOISE_BYTES if uid in netdev_users else 0):
                    stamps[uid] = ts
            for uid in online - set(stamps):
                if uid not in self._known_presence:
                    stamps[uid] = ts  # first seen: its row must exist
            if stamps:
                self.db.executemany(
                    "INSERT OR IGNORE INTO presence(user_id) VALUES (?)", [(u,) for u in stamps]
                )
                self.db.executemany(
                    "UPDATE presence SET last_seen=? WHERE user_id=?", [(t, u) for u, t in stamps.items()]
                )
                self._known_presence.update(stamps)
            for port, ips in conns.by_port.items():
                uid = by_port[port]
                out.connections[uid] = sum(ips.values())
                out.devices_now[uid] = len(ips)
            limited = {uid: port for uid, port in ports.items() if port and limits.get(uid, 0) > 0}
            recent: dict[str, list[str]] = {}
            if limited:
                rows_recent = self.db.execute(
                    "SELECT user_id, ip FROM devices WHERE connections>0 OR last_seen>=? ORDER BY ip",
                    (ts - window,),
                )
                for uid, ip in rows_recent:
                    if uid in limited:
                        recent.setdefault(uid, []).append(str(ip))
            for uid, port in sorted(limited.items()):
                if len(recent.get(uid, ())) >= limits[uid]:
                    rules.append(PortRule(port, tuple(recent[uid])))
            applied: ApplyResult
            if router is None:
                applied = self._firewall_of(instance_id).apply(rules)
            else:
                applied = router.limit.apply(instance_id, rules)
                applied.refused, applied.read = refusals, True  # nginx's log, counted in full
            out.errors += applied.errors
            if applied.read:
                self._count_refusals(ports, limits, applied.refused, out)
            if ts - float(self._meta("devices_pruned") or 0) > 3600:
                self.db.execute(
                    "DELETE FROM devices WHERE connections=0 AND last_seen<?", (ts - RETENTION_S,)
                )
                known = {str(u.get("id")) for u in state.get("users") or [] if isinstance(u, dict)}
                for table in ("devices", "presence"):
                    for (uid,) in list(self.db.execute(f"SELECT DISTINCT user_id FROM {table}")):
                        if uid not in known:
                            self.db.execute(f"DELETE FROM {table} WHERE user_id=?", (uid,))
                self.db.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('devices_pruned', ?)", (str(ts),)
                )
        except BaseException:
            self.db.execute("ROLLBACK")
            self.db.execute("PRAGMA synchronous=FULL")
            raise
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA synchronous=FULL")
        return out

    def _firewall_of(self, instance_id: str) -> DeviceFirewall:
        if self._firewall is None or self._firewall.instance_id != instance_id:
            self._firewall = DeviceFirewall(self.data_dir, instance_id)
        return self._firewall

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _count_refusals(
        self, ports: dict[str, int], limits: dict[str, int], counters: dict[int, int], out: DevicePoll
    ) -> None:
        """Add what each REJECT counter grew by since the last poll (a counter that went back, after a
        reboot or a rule that came and went, counts in full)."""
        known = {str(u): int(c) for u, c in self.db.execute("SELECT user_id, refused_counter FROM presence")}
        for uid, port in ports.items():
            if limits.get(uid, 0) <= 0 and port not in counters:
                continue
            current = counters.get(port)
            row = known.get(uid)
            last = row or 0
            if current is None:
                if last:
                    self.db.execute("UPDATE presence SET refused_counter=0 WHERE user_id=?", (uid,))
                continue
            if row is not None and current == last:
                continue
            delta = current - last if current >= last else current
            self.db.execute("INSERT OR IGNORE INTO presence(user_id) VALUES (?)", (uid,))
            self.db.execute(
                "UPDATE presence SET refused=refused+?, refused_counter=? WHERE user_id=?",
                (delta, current, uid),
            )
            if delta:
                out.refused[uid] = delta
                out.actions.append(f"user {uid}: device limit refused {delta} connection(s)")

    # -- questions ------------------------------------------------------------------------------------------
    def summary(self, state: dict[str, Any], now: dt.datetime) -> dict[str, dict[str, Any]]:
        """user id -> the status fields (counts only)."""
        ts = now.timestamp()
        limits, _ = device_limits(state)
        out = {uid: empty_summary(limit) for uid, limit in limits.items()}
        polled = float(self._meta("devices_poll") or 0) or None
        rows = self.db.execute(
            "SELECT user_id, SUM(connections), SUM(connections>0), SUM(connections>0 OR last_seen>=?), "
            "SUM(connections>0 OR last_seen>=?) FROM devices GROUP BY user_id",
            (ts - DAY, ts - 30 * DAY),
        )
        for uid, conns, now_n, day_n, month_n in rows:
            if uid in out:
                out[uid].update(
                    online=bool(conns),
                    connections=int(conns or 0),
                    devices_now=int(now_n or 0),
                    devices_24h=int(day_n or 0),
                    devices_30d=int(month_n or 0),
                )
        for uid, last_seen, refused in self.db.execute("SELECT user_id, last_seen, refused FROM presence"):
            if uid in out:
                out[uid]["refused_connections"] = int(refused or 0)
                out[uid]["last_seen"] = last_seen
        for entry in out.values():
            if entry["online"]:
                entry["last_seen"] = polled  # connected at the last poll: seen then
        return out

    def devices(self, user_id: str) -> list[dict[str, Any]]:
        """One user's client IPs, most recent first (`last_seen` as a POSIX time)."""
        polled = float(self._meta("devices_poll") or 0)
        rows = self.db.execute("SELECT ip, last_seen, connections FROM devices WHERE user_id=?", (user_id,))
        found = sorted(((polled if n else float(seen)), str(ip), int(n)) for ip, seen, n in rows)
        found.sort(key=lambda r: -r[0])  # most recent first, then by address (the sort is stable)
        return [{"ip": ip, "last_seen": seen, "connections": n} for seen, ip, n in found]
