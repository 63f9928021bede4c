"""Which alerts the app shows, from successive snapshots of each server (Qt-free; shown by notifications.py).

Detection is the agent's pure function (remote_agent/alerts.py), fed a snapshot dict built from what the
GUI knows. Alerts already shown are kept per server in a JSON file in the app's data folder (platformdirs),
so a restart of the app does not show them again; a condition that clears may fire again later.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from mtpm_desktop.core.messages import Message, msg
from mtpm_desktop.remote_agent import alerts
from mtpm_desktop.remote_agent.alerts import Event
from mtpm_desktop.ui.snapshot import ServerSnapshot

KINDS = alerts.KINDS


def default_fired_path() -> Path:
    return Path(platformdirs.user_data_dir("mtpm", appauthor=False)) / "alerts-fired.json"


def snapshot_dict(snap: ServerSnapshot) -> dict[str, Any]:
    """The server as alerts.evaluate reads it. An unreachable server's data is old: only its
    reachability is judged then (the rest keeps its fired state until the server answers again)."""
    if not snap.reachable:
        return {"reachable": False}
    users = []
    for u in snap.users:
        row: dict[str, Any] = {
            "id": u.id,
            "name": u.name,
            "period_bytes": u.used_bytes,
            "limit_bytes": u.limit_bytes or None,
            "expires_at": u.expires_at,
        }
        refused = getattr(u, "refused_connections", None)  # present once the agent counts refusals
        if refused is not None:
            row["refused_connections"] = int(refused)
        users.append(row)
    out: dict[str, Any] = {"reachable": True, "clock_offset_s": snap.clock_offset_s, "users": users}
    for key in ("cert_not_after", "cert_name", "certificates"):
        value = getattr(snap, key, None) or snap.settings.get(key)
        if value:
            out[key] = value
    return out


def event_text(server: str, event: Event) -> tuple[Message, Message]:
    """(title, body) of a desktop notification."""
    p, who = event.params, event.subject
    if event.kind == alerts.KIND_UNREACHABLE:
        return msg("{server} is unreachable", server=server), msg(
            "The server does not answer over SSH. Its proxies may still be running.", server=server
        )
    if event.kind == alerts.KIND_QUOTA_80:
        percent = p["percent"]
        return msg(
            "{server}: {user} at {percent} % of the quota", server=server, user=who, percent=percent
        ), msg("{user} has used {percent} % of this period's traffic quota.", user=who, percent=percent)
    if event.kind == alerts.KIND_QUOTA_100:
        return msg("{server}: {user} used the whole quota", server=server, user=who), msg(
            "{user} has used the whole traffic quota; the speed is limited now.", user=who
        )
    if event.kind == alerts.KIND_EXPIRY:
        return msg("{server}: {user} expires soon", server=server, user=who), msg(
            "Access of {user} ends {when}.", user=who, when=p["expires_at"]
        )
    if event.kind == alerts.KIND_CERTIFICATE:
        return msg("{server}: a certificate expires soon", server=server), msg(
            "The certificate {name} expires {when}.", name=who, when=p["not_after"]
        )
    if event.kind == alerts.KIND_CLOCK:
        return msg("{server}: the clock is off", server=server), msg(
            "The server's clock is off by {offset:+.1f} s; clients may fail to connect. Turn on time sync.",
            offset=p["offset_s"],
        )
    return msg("{server}: device limit of {user}", server=server, user=who), msg(
        "The device limit of {user} refused {count} connection(s).", user=who, count=p["refused"]
    )


class AlertCenter:
    """Decides what to show; remembers per server what was shown (in `path`)."""

    def __init__(self, path: Path | None = None, kinds: Iterable[str] = KINDS) -> None:
        self.path = path or default_fired_path()
        self.kinds = set(kinds)
        self._fired: dict[str, set[str]] = self._load()

    def _load(self) -> dict[str, set[str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(k): {str(x) for x in v} for k, v in data.items() if isinstance(v, list)}
        except (OSError, ValueError, AttributeError):
            return {}

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".alerts-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({k: sorted(v) for k, v in self._fired.items()}, fh)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def update(self, snap: ServerSnapshot, now: datetime | None = None) -> list[Event]:
        """The events to show for this snapshot (each once); the fired keys are saved when they change."""
        now = now or datetime.now(UTC)
        before = self._fired.get(snap.server, set())
        result: tuple[list[Event], set[str]] = alerts.fire(before, snapshot_dict(snap), now, self.kinds)
        events, after = result
        if after != before:
            self._fired[snap.server] = after
            with contextlib.suppress(OSError):  # a read-only data folder only means repeats after a restart
                self._save()
        return events

    def forget(self, server: str) -> None:
        """A removed server's alerts go too."""
        if self._fired.pop(server, None) is not None:
            with contextlib.suppress(OSError):
                self._save()
