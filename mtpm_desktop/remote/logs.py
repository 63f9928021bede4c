"""Proxy container logs merged by timestamp, each line prefixed `[mtg-proxy-PORT]`.

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


def parse_lines(container: str, blob: bytes | str) -> list[LogLine]:
    """Lines of `docker logs --timestamps`; a line without a timestamp keeps the previous one's."""
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    out: list[LogLine] = []
    last = _EPOCH
    for raw in text.splitlines():
        if not raw.strip():
            continue
        head, _, rest = raw.partition(" ")
        stamp = parse_timestamp(head)
        if stamp is None:
            out.append(LogLine(last, container, raw))
        else:
            last = stamp
            out.append(LogLine(stamp, container, rest))
    return out


def merge(lines_by_container: Iterable[list[LogLine]], tail: int | None = None) -> list[LogLine]:
    merged = sorted((ln for lines in lines_by_container for ln in lines), key=lambda ln: ln.timestamp)
    if tail is not None:
        merged = merged[-tail:] if tail > 0 else []
    return merged


def tail_logs(api: Any, containers: list[tuple[str, str]], tail: int) -> list[LogLine]:
    """`containers` = [(container id, name)]: the last `tail` lines of all of them, merged."""
    per = []
    for cid, name in containers:
        blob = api.logs(cid, stdout=True, stderr=True, timestamps=True, tail=max(tail, 0))
        per.append(parse_lines(name, blob))
    return merge(per, tail)


_DONE = object()


def follow_logs(
    api: Any, containers: list[tuple[str, str]], tail: int, stop: threading.Event | None = None
) -> Iterator[LogLine]:
    """The merged tail, then each container's new lines as they come, until `stop` is set."""
    stop = stop or threading.Event()
    q: queue.Queue[Any] = queue.Queue()
    streams: list[Any] = []

    def pump(cid: str, name: str, stream: Any) -> None:
        buf = b""
        try:
            for chunk in stream:
                buf += chunk
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    q.put(parse_lines(name, line))
        except Exception:
            pass
        finally:
            q.put(_DONE)

    # Streams start before the tail is taken, and lines the tail already shows are skipped: no gap, no dupes.
    for cid, _name in containers:
        streams.append(
            api.logs(cid, stdout=True, stderr=True, timestamps=True, stream=True, follow=True, tail=0)
        )
    snapshot = tail_logs(api, containers, tail)
    seen_until: dict[str, datetime] = {}
    for ln in snapshot:
        seen_until[ln.container] = max(seen_until.get(ln.container, _EPOCH), ln.timestamp)
    threads = [
        threading.Thread(target=pump, args=(cid, name, s), daemon=True, name=f"logs-{name}")
        for (cid, name), s in zip(containers, streams, strict=True)
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
            for ln in item:
                if ln.timestamp > seen_until.get(ln.container, _EPOCH):
                    yield ln
    finally:
        for s in streams:
            close = getattr(s, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()
