"""Who is connected through the port-443 router right now, from nginx's own log and socket table.

In port-443 mode every client connects to nginx, which picks the user by the SNI of the ClientHello; the
host's tables show only nginx's port. nginx's main stream server logs at info level (nginx.conf.j2):
  `... [info] PID#TID: *N client 203.0.113.5:40000 connected to 0.0.0.0:443, ...`   (the client)
  `... [info] PID#TID: *N proxy 172.20.0.3:51234 connected to 172.20.0.2:3001, ...` (its user's proxy)
and the device limit's refusals on the same stream (stderr, so they keep their order in Docker's log):
`mtpm-refused 3001 203.0.113.9` (the user's port, the client).
The worker pid and the connection number `*N` tie a client to its proxy (numbers restart at a reload, the
pid does not repeat among running workers); the backend's port is the user's port (mtg-proxy-PORT:PORT).

Whether a session is still open is read from nginx's socket table (/proc/PID/net/tcp{,6} of its container):
a session whose client socket is gone is closed, whatever the log says (an error ends a session without a
"disconnected" line). What was learned is kept in data/router-sessions.json (0600: it holds client IPs),
so an agent restart neither loses open sessions nor reads the log again; a new nginx container (or a
restart of it) starts from that container's log.
"""

from __future__ import annotations

import calendar
import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any

from .conntrack import Connections, _hex_ip
from .dockerapi import DockerApi, DockerApiError
from .fsutil import atomic_write_json, proc_start, read_json

STATE_FILE = "router-sessions.json"
PROC = "/proc"
_ESTABLISHED = "01"
_CLIENT = re.compile(r"\[info\] (\d+)#\d+: \*(\d+) client (\S+) connected to ([^,\s]+)")
_PROXY = re.compile(r"\[info\] (\d+)#\d+: \*(\d+) proxy \S+ connected to ([^,\s]+)")
_REFUSED = re.compile(r"^mtpm-refused (\d+) (\S+)$")


@dataclass
class RouterRead:
    connections: Connections = field(default_factory=Connections)
    refused: dict[int, int] = field(default_factory=dict)  # user port -> refusals ever counted (cumulative)


def split_address(text: str) -> tuple[str, int] | None:
    """`203.0.113.5:40000` or `[2001:db8::1]:40000` -> (address, port); None for unix: and the like."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or host.startswith("unix"):
        return None
    return host.strip("[]"), int(port)


def parse_timestamp(text: str) -> tuple[int, int] | None:
    """Docker's RFC 3339 timestamp with nanoseconds (trailing zeros trimmed) -> (seconds, nanoseconds)."""
    if len(text) < 20 or not text.endswith("Z"):
        return None
    try:
        seconds = calendar.timegm(
            (int(text[0:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]), int(text[14:16]),
             int(text[17:19]), 0, 0, 0)
        )  # fmt: skip
    except ValueError:
        return None
    fraction = text[20:-1] if text[19] == "." else ""
    if not fraction.isdigit() and fraction:
        return None
    return seconds, int((fraction or "0").ljust(9, "0")[:9])


def parse_started_at(text: str) -> tuple[int, int]:
    """Docker's StartedAt as a log cursor a second before it: the first lines of this run are read (a
    restarted container's log still holds the earlier runs' lines)."""
    stamp = parse_timestamp(text)
    return (max(stamp[0] - 1, 0), stamp[1]) if stamp else (0, 0)


def demux(raw: bytes) -> list[str]:
    """Docker's multiplexed log stream (8-byte frame headers) -> its lines, both streams in order."""
    lines: list[str] = []
    pos, partial = 0, {1: b"", 2: b""}
    while pos + 8 <= len(raw):
        kind, size = raw[pos], int.from_bytes(raw[pos + 4 : pos + 8], "big")
        chunk = raw[pos + 8 : pos + 8 + size]
        pos += 8 + size
        data = partial.get(kind, b"") + chunk
        *complete, rest = data.split(b"\n")
        partial[kind] = rest
        lines += [line.decode("utf-8", "replace") for line in complete]
    lines += [rest.decode("utf-8", "replace") for rest in partial.values() if rest]
    return lines


@functools.lru_cache(maxsize=16384)
def _address(word: str) -> str:
    """A socket table's hex address as text; the same clients stay connected poll after poll."""
    return _hex_ip(word)


def open_sockets(pid: int) -> set[tuple[int, str, int]] | None:
    """(local port, remote address, remote port) of each established socket in the netns of `pid`."""
    found: set[tuple[int, str, int]] = set()
    read_any = False
    for name in ("tcp", "tcp6"):
        try:
            with open(f"{PROC}/{pid}/net/{name}", encoding="ascii", errors="replace") as fh:
                text = fh.read()
        except OSError:
            continue
        read_any = True
        for line in text.splitlines()[1:]:
            parts = line.split()
            if len(parts) < 4 or parts[3] != _ESTABLISHED:
                continue
            try:
                local_port = int(parts[1].rsplit(":", 1)[1], 16)
                remote, rport = parts[2].rsplit(":", 1)
                found.add((local_port, _address(remote), int(rport, 16)))
            except (IndexError, ValueError):
                continue
    return found if read_any else None


class RouterSessions:
    def __init__(self, data_dir: str, docker: DockerApi) -> None:
        self.path = os.path.join(data_dir, STATE_FILE)
        self.docker = docker
        # (container id, pid, StartedAt, the pid's start time): a router that keeps running costs no
        # Docker call but its log; a restart or a new container changes the pid or its start time.
        self._router: tuple[str, int, str, str] | None = None

    def _locate(self, instance_id: str) -> tuple[str, int, str] | None:
        """The running router's (container id, pid, StartedAt), or None when none runs."""
        cached = self._router
        if cached is not None and proc_start(cached[1]) == cached[3]:
            return cached[0], cached[1], cached[2]
        self._router = None
        router = self.docker.find_router(instance_id)
        info = self.docker.inspect_state(router.id) if router and router.running else None
        if router is None or info is None or not info.get("Pid"):
            return None
        pid, started = int(info["Pid"]), str(info.get("StartedAt") or "")
        start_time = proc_start(pid)
        if start_time is not None:
            self._router = (router.id, pid, started, start_time)
        return router.id, pid, started

    def _load(self) -> dict[str, Any]:
        try:
            doc = read_json(self.path, {}) or {}
        except ValueError:  # cut short by a power cut: start from the router's log
            doc = {}
        return doc if isinstance(doc, dict) else {}

    def read(self, instance_id: str, ports: set[int]) -> RouterRead:
        """Open sessions per user port (`ports`: the users' ports), and the refusal totals."""
        out = RouterRead()
        doc = self._load()
        refused: dict[str, int] = {str(k): int(v) for k, v in (doc.get("refused") or {}).items()}
        try:
            found = self._locate(instance_id)
        except DockerApiError as exc:
            out.connections.errors.append(f"devices (port-443 router): {exc}")
            return self._done(out, refused)
        if found is None:
            # No router running: nobody is connected through it; the refusals counted so far stay.
            if doc.get("sessions") or doc.get("pending"):
                self._save({"refused": refused})
            return self._done(out, refused)
        router_id, pid, started = found
        if doc.get("container") != router_id or doc.get("started_at") != started:
            # Another container or a restart: its sessions and connection numbers start anew. The same
            # container's log was read up to the old cursor already (its refusals are counted).
            start = parse_started_at(started)
            if doc.get("container") == router_id:
                start = max(start, tuple(doc.get("cursor") or (0, 0)))
            doc = {"container": router_id, "started_at": started, "cursor": list(start), "refused": refused}
        loaded = dict(doc)
        cursor = tuple(int(x) for x in doc.get("cursor") or (0, 0))
        pending: dict[str, list[Any]] = dict(doc.get("pending") or {})
        sessions: dict[str, int] = dict(doc.get("sessions") or {})
        try:
            raw = self.docker.logs(router_id, f"{cursor[0]}.{cursor[1]:09d}")
        except DockerApiError as exc:
            out.connections.errors.append(f"devices (port-443 router log): {exc}")
            raw = b""
        for line in demux(raw):
            stamp_text, _, text = line.partition(" ")
            stamp = parse_timestamp(stamp_text)
            if stamp is None or stamp <= cursor:
                continue  # `since` is inclusive: the line at the cursor was read by the last poll
            cursor = stamp
            self._take(text, pending, sessions, refused)
        live = open_sockets(pid)
        if live is None:
            out.connections.errors.append("devices (port-443 router): nginx's socket table cannot be read")
            live = set()
        # Keep only what is still open: a session's client socket, or a client whose proxy line may follow.
        open_now: dict[str, int] = {}
        for key, port in sessions.items():
            socket_key = _socket_key(key)
            if socket_key in live:
                open_now[key] = port
                if port in ports:
                    out.connections.add(port, socket_key[1])
        sessions = open_now
        pending = {n: c for n, c in pending.items() if (c[0], c[1], c[2]) in live}
        new = {
            "container": router_id,
            "started_at": started,
            "cursor": list(cursor),
            "pending": pending,
            "sessions": sessions,
            "refused": refused,
        }
        if new != loaded:  # most polls of a quiet router learn nothing: no write, no fsync
            self._save(new)
        return self._done(out, refused)

    @staticmethod
    def _take(
        text: str, pending: dict[str, list[Any]], sessions: dict[str, int], refused: dict[str, int]
    ) -> None:
        m = _CLIENT.search(text)
        if m:
            client, local = split_address(m.group(3)), split_address(m.group(4))
            if client and local:
                pending[f"{m.group(1)}#{m.group(2)}"] = [local[1], client[0], client[1]]
            return
        m = _PROXY.search(text)
        if m:
            started = pending.pop(f"{m.group(1)}#{m.group(2)}", None)
            backend = split_address(m.group(3))
            if started and backend:
                sessions[f"{started[0]}|{started[1]}|{started[2]}"] = backend[1]
            return
        m = _REFUSED.match(text)
        if m:
            refused[m.group(1)] = refused.get(m.group(1), 0) + 1

    def _save(self, doc: dict[str, Any]) -> None:
        # Rewritten most polls of a busy router, and rebuilt from nginx's log if lost: no fsync. After a
        # power cut an older file at worst reads a few lines again (their refusals counted twice).
        atomic_write_json(self.path, doc, durable=False)

    @staticmethod
    def _done(out: RouterRead, refused: dict[str, int]) -> RouterRead:
        out.refused = {int(port): n for port, n in refused.items() if port.isdigit()}
        return out


def _socket_key(key: str) -> tuple[int, str, int]:
    local, ip, port = key.split("|")
    return int(local), ip, int(port)
