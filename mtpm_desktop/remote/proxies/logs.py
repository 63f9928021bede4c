"""Proxy container logs merged by timestamp, each line tagged with its user's name (`[anna]`).

A tail of N lines asks every container for its last N lines (with Docker's timestamps), merges them and
keeps the last N overall, so it works for any number of containers (the old panel returned nothing past
50). Follow opens one log stream per container and yields lines as they arrive.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import docker.errors

from mtpm_desktop.remote.service_models import LogLine

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_timestamp(text: str) -> datetime | None:
    """Docker's RFC 3339 timestamps carry nanoseconds; datetime keeps microseconds."""
    stamp = text.rstrip("Z")
    if "." in stamp:
        head, frac = stamp.split(".", 1)
        stamp = f"{head}.{(frac + '000000')[:6]}"
    try:
        parsed = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def parse_lines(container: str, blob: bytes | str, user: str = "") -> list[LogLine]:
    """Lines of `docker logs --timestamps`; a line without a timestamp keeps the previous one's.

    `user` is the name of the user the container serves ("" for a container no user owns)."""
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    out: list[LogLine] = []
    last = _EPOCH
    for raw in text.splitlines():
        if not raw.strip():
            continue
        head, _, rest = raw.partition(" ")
        stamp = parse_timestamp(head)
        if stamp is None:
            out.append(LogLine(last, container, raw, user))
        else:
            last = stamp
            out.append(LogLine(stamp, container, rest, user))
    return out


def merge(lines_by_container: Iterable[list[LogLine]], tail: int | None = None) -> list[LogLine]:
    merged = sorted((ln for lines in lines_by_container for ln in lines), key=lambda ln: ln.timestamp)
    if tail is not None:
        merged = merged[-tail:] if tail > 0 else []
    return merged


# (container id, container name, the user's name or "")
LogTarget = tuple[str, str, str]


def tail_logs(api: Any, containers: list[LogTarget], tail: int) -> list[LogLine]:
    """The last `tail` lines of all `containers`, merged."""
    per = []
    for cid, name, user in containers:
        blob = api.logs(cid, stdout=True, stderr=True, timestamps=True, tail=max(tail, 0))
        per.append(parse_lines(name, blob, user))
    return merge(per, tail)


_DONE = object()
# How often a follow re-opens the stream of a container that stopped (Docker ends a follow at stop).
REOPEN_INTERVAL_S = 0.5


def follow_logs(
    api: Any, containers: list[LogTarget], tail: int, stop: threading.Event | None = None
) -> Iterator[LogLine]:
    """The merged tail, then each container's new lines as they come, until `stop` is set.

    Docker ends a follow stream when its container stops; the stream is opened again (from the last line
    seen) so a restarted proxy keeps showing up. A removed container ends its part of the follow.
    """
    stop = stop or threading.Event()
    q: queue.Queue[Any] = queue.Queue()
    current: dict[str, Any] = {}  # container id -> its open stream (closed on shutdown)

    def open_stream(cid: str, since: datetime | None) -> Any:
        kwargs: dict[str, Any] = {"since": since.timestamp()} if since is not None else {"tail": 0}
        stream = api.logs(cid, stdout=True, stderr=True, timestamps=True, stream=True, follow=True, **kwargs)
        current[cid] = stream
        return stream

    def pump(cid: str, name: str, user: str, stream: Any, last: datetime) -> None:
        try:
            while not stop.is_set():
                buf = b""
                try:
                    for chunk in stream:
                        buf += chunk
                        while b"\n" in buf:
                            raw, buf = buf.split(b"\n", 1)
                            fresh = [ln for ln in parse_lines(name, raw, user) if ln.timestamp > last]
                            if fresh:
                                last = fresh[-1].timestamp
                                q.put(fresh)
                except Exception:
                    pass
                if stop.wait(REOPEN_INTERVAL_S):
                    break
                try:
                    stream = open_stream(cid, last if last > _EPOCH else None)
                except docker.errors.NotFound:
                    break  # the container is gone
                except Exception:
                    continue
        finally:
            q.put(_DONE)

    # Streams start before the tail is taken, and lines the tail already shows are skipped: no gap, no dupes.
    streams = [open_stream(cid, None) for cid, _name, _user in containers]
    snapshot = tail_logs(api, containers, tail)
    seen_until: dict[str, datetime] = {}
    for ln in snapshot:
        seen_until[ln.container] = max(seen_until.get(ln.container, _EPOCH), ln.timestamp)
    threads = [
        threading.Thread(
            target=pump,
            args=(cid, name, user, st, seen_until.get(name, _EPOCH)),
            daemon=True,
            name=f"logs-{name}",
        )
        for (cid, name, user), st in zip(containers, streams, strict=True)
    ]
    for t in threads:
        t.start()
    try:
        yield from snapshot
        alive = len(threads)
        while alive and not stop.is_set():
            try:
                item = q.get(timeout=0.2)
            except queue.Empty:
                continue
            if item is _DONE:
                alive -= 1
                continue
            yield from item
    finally:
        stop.set()
        for st in list(current.values()):
            close = getattr(st, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()
