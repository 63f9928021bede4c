"""The agent's counters and history in one SQLite database (data/history.sqlite3).

Counters, per-container baselines and hourly history change together in ONE transaction per poll, so a
crash (SIGKILL included) at any moment leaves them consistent: the next poll continues from the last
committed baselines, never counting a byte twice and losing at most the poll that was cut short.
traffic.json is an export of this database for old readers (written after each commit).
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

HOUR = 3600
DEFAULT_RETENTION_DAYS = 400  # > 13 months

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY,
    port INTEGER NOT NULL DEFAULT 0,
    rx_total INTEGER NOT NULL DEFAULT 0,
    tx_total INTEGER NOT NULL DEFAULT 0,
    rx_period INTEGER NOT NULL DEFAULT 0,
    tx_period INTEGER NOT NULL DEFAULT 0,
    period_key TEXT NOT NULL DEFAULT '',
    reset_at REAL
);
CREATE TABLE IF NOT EXISTS containers (
    container_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    user_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    source TEXT NOT NULL,
    rx_last INTEGER NOT NULL,
    tx_last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    user_id TEXT NOT NULL,
    hour INTEGER NOT NULL,
    rx INTEGER NOT NULL DEFAULT 0,
    tx INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, hour)
);
CREATE TABLE IF NOT EXISTS health_history (
    hour INTEGER PRIMARY KEY,
    samples INTEGER NOT NULL DEFAULT 0,
    cpu_sum REAL NOT NULL DEFAULT 0,
    cpu_samples INTEGER NOT NULL DEFAULT 0,
    mem_used INTEGER NOT NULL DEFAULT 0,
    disk_used INTEGER NOT NULL DEFAULT 0,
    net_rx INTEGER NOT NULL DEFAULT 0,
    net_tx INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS alerts_fired (key TEXT PRIMARY KEY, at REAL NOT NULL);
"""


@dataclass
class UserCounters:
    user_id: str
    port: int
    rx_total: int
    tx_total: int
    rx_period: int
    tx_period: int
    period_key: str
    reset_at: float | None


@dataclass
class Baseline:
    container_id: str
    name: str
    user_id: str
    started_at: str
    source: str
    rx_last: int
    tx_last: int


def _retrying(action: Callable[[], T], seconds: float = 30.0) -> T:
    """Run `action`, retrying while SQLite says the database is busy or locked (another process writes)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store:
    def __init__(self, path: str) -> None:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT) below.
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        # Switching to WAL needs a lock SQLite may refuse at once, without its busy handler, while the
        # service loop writes (a `status` call then failed with "database is locked"): the mode persists in
        # the file, so only the first open switches, and that one retries.
        mode = _retrying(lambda: self.db.execute("PRAGMA journal_mode").fetchone()[0])
        if str(mode).lower() != "wal":
            _retrying(lambda: self.db.execute("PRAGMA journal_mode=WAL"))
        self.db.execute("PRAGMA synchronous=FULL")
        _retrying(lambda: self.db.executescript(_SCHEMA))

    def close(self) -> None:
        self.db.close()

    # -- transactions ---------------------------------------------------------------------------------------
    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        self.db.execute("ROLLBACK")

    # -- meta -----------------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- users ----------------------------------------------------------------------------------------------
    def users(self) -> dict[str, UserCounters]:
        rows = self.db.execute(
            "SELECT user_id, port, rx_total, tx_total, rx_period, tx_period, period_key, reset_at FROM users"
        )
        return {r[0]: UserCounters(*r) for r in rows}

    def ensure_user(self, user_id: str, port: int, period_key: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO users(user_id, port, period_key) VALUES (?, ?, ?)",
            (user_id, port, period_key),
        )
        self.db.execute("UPDATE users SET port=? WHERE user_id=? AND ?>0", (port, user_id, port))

    def add_traffic(self, user_id: str, rx: int, tx: int, now: float) -> None:
        self.db.execute(
            "UPDATE users SET rx_total=rx_total+?, tx_total=tx_total+?, rx_period=rx_period+?, "
            "tx_period=tx_period+? WHERE user_id=?",
            (rx, tx, rx, tx, user_id),
        )
        hour = int(now // HOUR) * HOUR
        # Not an UPSERT: that needs SQLite 3.24, older than some supported servers' libsqlite3.
        self.db.execute("INSERT OR IGNORE INTO history(user_id, hour) VALUES (?, ?)", (user_id, hour))
        self.db.execute(
            "UPDATE history SET rx=rx+?, tx=tx+? WHERE user_id=? AND hour=?", (rx, tx, user_id, hour)
        )

    def start_period(self, user_id: str, period_key: str) -> None:
        self.db.execute(
            "UPDATE users SET rx_period=0, tx_period=0, period_key=? WHERE user_id=?", (period_key, user_id)
        )

    def reset(self, user_ids: Iterable[str], now: float) -> list[str]:
        done = []
        for user_id in user_ids:
            cur = self.db.execute(
                "UPDATE users SET rx_period=0, tx_period=0, reset_at=? WHERE user_id=?", (now, user_id)
            )
            if cur.rowcount:
                done.append(user_id)
        return done

    def forget_user(self, user_id: str) -> None:
        """A deleted user: counters go (history stays until retention; ids are never reused)."""
        self.db.execute("DELETE FROM users WHERE user_id=?", (user_id,))

    # -- per-container baselines ----------------------------------------------------------------------------
    def baselines(self) -> dict[str, Baseline]:
        rows = self.db.execute(
            "SELECT container_id, name, user_id, started_at, source, rx_last, tx_last FROM containers"
        )
        return {r[0]: Baseline(*r) for r in rows}

    def set_baseline(self, b: Baseline) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO containers"
            "(container_id, name, user_id, started_at, source, rx_last, tx_last) VALUES (?,?,?,?,?,?,?)",
            (b.container_id, b.name, b.user_id, b.started_at, b.source, b.rx_last, b.tx_last),
        )

    def drop_baseline(self, container_id: str) -> None:
        self.db.execute("DELETE FROM containers WHERE container_id=?", (container_id,))

    # -- history --------------------------------------------------------------------------------------------
    def history(self, user_id: str, since: float, until: float) -> list[tuple[int, int, int]]:
        """(hour start, rx, tx) for the hours starting in [since, until)."""
        first = int(since // HOUR) * HOUR
        rows = self.db.execute(
            "SELECT hour, rx, tx FROM history WHERE user_id=? AND hour>=? AND hour<? ORDER BY hour",
            (user_id, first, until),
        )
        return [(int(h), int(rx), int(tx)) for h, rx, tx in rows]

    def prune_history(self, now: float, retention_days: float) -> None:
        self.db.execute("DELETE FROM history WHERE hour<?", (now - retention_days * 86400,))
        self.db.execute("DELETE FROM health_history WHERE hour<?", (now - retention_days * 86400,))

    # -- server health (health.py) --------------------------------------------------------------------------
    def add_health(
        self, hour: int, cpu: float | None, mem_used: int, disk_used: int, net_rx: int, net_tx: int
    ) -> None:
        """One poll's reading into its hour: CPU averaged, memory/disk as last seen, network summed."""
        self.db.execute("INSERT OR IGNORE INTO health_history(hour) VALUES (?)", (hour,))
        self.db.execute(
            "UPDATE health_history SET samples=samples+1, cpu_sum=cpu_sum+?, cpu_samples=cpu_samples+?, "
            "mem_used=?, disk_used=?, net_rx=net_rx+?, net_tx=net_tx+? WHERE hour=?",
            (cpu or 0.0, 0 if cpu is None else 1, mem_used, disk_used, net_rx, net_tx, hour),
        )

    def health_history(self, since: float) -> list[tuple[int, float | None, int, int, int, int]]:
        """(hour start, mean cpu % or None, mem used, disk used, rx bytes, tx bytes) from `since`'s hour."""
        rows = self.db.execute(
            "SELECT hour, cpu_sum, cpu_samples, mem_used, disk_used, net_rx, net_tx FROM health_history "
            "WHERE hour>=? ORDER BY hour",
            (int(since // HOUR) * HOUR,),
        )
        return [
            (int(h), (cs / n) if n else None, int(m), int(d), int(rx), int(tx))
            for h, cs, n, m, d, rx, tx in rows
        ]

    # -- alerts already sent (alerts.py): an agent restart must not send them again --------------------------
    def fired_alerts(self) -> set[str]:
        return {str(r[0]) for r in self.db.execute("SELECT key FROM alerts_fired")}

    def set_fired_alerts(self, keys: Iterable[str], now: float) -> None:
        """Exactly `keys` stay fired: a condition that cleared may fire again when it comes back."""
        wanted = set(keys)
        for key in self.fired_alerts() - wanted:
            self.db.execute("DELETE FROM alerts_fired WHERE key=?", (key,))
        for key in wanted:
            self.db.execute("INSERT OR IGNORE INTO alerts_fired(key, at) VALUES (?, ?)", (key, now))

    # -- backups and moves ----------------------------------------------------------------------------------
    def snapshot(self, dest: str) -> None:
        """A consistent copy of the whole database at `dest` (SQLite's online backup: never a file copy
        under a writer), written next to it first and renamed into place."""
        tmp = dest + ".part"
        target = sqlite3.connect(tmp)
        try:
            _retrying(lambda: self.db.backup(target))
        finally:
            target.close()
        os.replace(tmp, dest)

    def import_users(self, source: str, user_ids: Iterable[str] | None) -> dict[str, int]:
        """Take the counters and hourly history of `user_ids` (all when None) from the snapshot at `source`
        (written by `snapshot` on another server), replacing what this database has for them: importing
        twice gives the same result (a move that is resumed imports again). Container baselines are not
        taken: they belong to the other server's containers. Call inside a transaction."""
        other = sqlite3.connect("file:" + source + "?mode=ro", uri=True)
        try:
            wanted = None if user_ids is None else set(user_ids)
            rows = other.execute(
                "SELECT user_id, port, rx_total, tx_total, rx_period, tx_period, period_key, reset_at"
                " FROM users"
            ).fetchall()
            users = [r for r in rows if wanted is None or r[0] in wanted]
            for r in users:
                self.db.execute(
                    "INSERT OR REPLACE INTO users"
                    "(user_id, port, rx_total, tx_total, rx_period, tx_period, period_key, reset_at)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    r,
                )
            ids = {r[0] for r in users} if wanted is None else wanted
            hours = 0
            for uid in sorted(ids):
                self.db.execute("DELETE FROM history WHERE user_id=?", (uid,))
                for hour, rx, tx in other.execute(
                    "SELECT hour, rx, tx FROM history WHERE user_id=?", (uid,)
                ).fetchall():
                    self.db.execute(
                        "INSERT INTO history(user_id, hour, rx, tx) VALUES (?,?,?,?)", (uid, hour, rx, tx)
                    )
                    hours += 1
        finally:
            other.close()
        return {"users": len(users), "hours": hours}
