"""Files the agent shares with its other invocations: atomic writes and the data-folder lock."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from typing import Any, Iterator


def atomic_write_json(path: str, data: Any, mode: int = 0o600, *, durable: bool = True) -> None:
    """Write JSON so a reader (or a crash) only ever sees the old or the new file: temp + fsync + rename.

    `durable=False` skips both fsyncs, for files the agent can rebuild: a power cut may then bring back
    the previous version (or an empty file, which readers take as none)."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.write("\n")
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    # The rename itself is durable only once the folder is synced.
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def read_json(path: str, default: Any = None) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return default


@contextlib.contextmanager
def data_lock(path: str) -> Iterator[None]:
    """Exclusive lock held for a whole poll, reset or reload.

    The old panel's reset was undone by its next poll because both read-modify-wrote the counters without
    a lock; here every writer of the counters takes this lock first.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def proc_start(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None
