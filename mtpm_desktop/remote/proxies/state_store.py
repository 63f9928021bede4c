"""config.json on the server: read, and written only with a revision check under flock.

A write uploads the new document to a temp file next to config.json, then one remote command, holding
`flock <root>/.lock`, compares the on-disk `revision` with the one the edit was based on and renames the
temp file over config.json only when they match. Readers never need the lock: rename is atomic, so
config.json is a complete JSON document at every moment. Two admins on two laptops therefore never
overwrite each other silently: the later stale write gets `ConflictError` and nothing is lost.

A write whose connection drops before its answer has an unknown outcome, and the commit command may
still run on the server after the drop (sshd does not stop it; it may be waiting for the lock). So the
store remembers that temp file and, before its next read or write, removes it: the rename and the
removal cannot both win, so from then on the write either happened (and the read shows it) or never will.

The store deals in raw JSON objects; parsing into the core's ServerState is the caller's job.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from mtpm_desktop.core.errors import MtpmError, StateFileError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import RemoteFileNotFound

CONFIG_NAME = "config.json"
LOCK_NAME = ".lock"
# How long a writer waits for another writer's lock before giving up.
LOCK_WAIT_S = 30
_CONFLICT_EXIT = 3
_LOCK_TIMEOUT_EXIT = 75  # flock -E: the lock stayed taken past LOCK_WAIT_S
_ABSENT = "absent"

# Runs on the server's python3 (3.5+), under flock. argv: config path, temp path, expected revision or
# "absent". Exit 0 = replaced, 3 = conflict (stdout: the revision found), anything else = error.
_COMMIT_SCRIPT = r"""
import json, os, sys
cfg, tmp, expected = sys.argv[1], sys.argv[2], sys.argv[3]
def bail(code, text):
    try:
        os.unlink(tmp)
    except OSError:
        pass
    sys.stdout.write(text + "\n")
    sys.exit(code)
try:
    with open(cfg, "rb") as f:
        current = str(int(json.loads(f.read().decode("utf-8")).get("revision") or 0))
except FileNotFoundError:
    current = "absent"
except Exception as e:
    bail(4, "unreadable config.json: %s" % e)
if current != expected:
    bail(3, current)
try:
    with open(tmp, "rb") as f:
        new = json.loads(f.read().decode("utf-8"))
except Exception as e:
    bail(5, "the uploaded state is not valid JSON: %s" % e)
os.chmod(tmp, 0o600)
os.replace(tmp, cfg)
fd = os.open(os.path.dirname(cfg) or ".", os.O_RDONLY)
try:
    os.fsync(fd)
finally:
    os.close(fd)
sys.stdout.write(str(new.get("revision")) + "\n")
"""


class ConflictError(MtpmError):
    """The state changed on the server since it was read (another admin or window wrote it)."""

    def __init__(self, expected: int | None, found: str) -> None:
        super().__init__(
            msg(
                "The server's state changed since it was read (expected revision {expected}, found {found}): "
                "someone else edited it. Reload and apply your change again.",
                expected=expected,
                found=found,
            )
        )
        self.expected = expected
        self.found = found


class StateWriteError(MtpmError):
    """The state could not be written on the server."""


@dataclass(frozen=True)
class StoredState:
    data: dict[str, Any]
    revision: int


def revision_of(data: dict[str, Any]) -> int:
    try:
        return int(data.get("revision") or 0)
    except (TypeError, ValueError):
        return 0


class StateStore:
    """config.json under one install root, through a `ServerSession`."""

    def __init__(self, session: Any, root: str, *, sudo: bool = True) -> None:
        self.session = session
        self.root = root.rstrip("/") or "/"
        self.sudo = sudo
        # Temp files of writes whose outcome the connection did not bring back (see the module docstring).
        self._unsettled: list[str] = []
        self._settling = threading.Lock()  # a GUI refresh and a CLI-like caller may share one store

    @property
    def path(self) -> str:
        return f"{self.root}/{CONFIG_NAME}"

    def settle(self) -> None:
        """Decide every write whose outcome is unknown: a temp file still there is removed, so its commit,
        if it still runs, finds nothing to rename. Raises, keeping the rest, if the server is unreachable."""
        with self._settling:
            while self._unsettled:
                self.session.remove_file(self._unsettled[0], missing_ok=True)
                self._unsettled.pop(0)

    def load(self) -> StoredState | None:
        """The current document, or None when the server has no state yet."""
        self.settle()
        try:
            raw = self.session.read_file(self.path)
        except RemoteFileNotFound:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # bad JSON, not UTF-8, too deep, a 5000-digit number
            raise StateFileError(
                msg(
                    "{path} on the server is not valid JSON ({error}); fix or restore it.",
                    path=self.path,
                    error=str(exc),
                )
            ) from None
        if not isinstance(data, dict):
            raise StateFileError(
                msg("{path} on the server is not a JSON object; fix or restore it.", path=self.path)
            )
        return StoredState(data=data, revision=revision_of(data))

    def _run_commit(self, tmp: str, expected_revision: int | None) -> Any:
        """The revision-checked rename of `tmp` over config.json, under the lock (see _COMMIT_SCRIPT)."""
        expected = _ABSENT if expected_revision is None else str(expected_revision)
        command = " ".join(
            [
                "flock",
                "-E",
                str(_LOCK_TIMEOUT_EXIT),
                "-w",
                str(LOCK_WAIT_S),
                shlex.quote(f"{self.root}/{LOCK_NAME}"),
                "python3",
                "-c",
                shlex.quote(_COMMIT_SCRIPT),
                shlex.quote(self.path),
                shlex.quote(tmp),
                expected,
            ]
        )
        return self.session.run(command, check=False, sudo=self.sudo, timeout=LOCK_WAIT_S + 30)

    def commit(self, data: dict[str, Any], expected_revision: int | None) -> int:
        """Write `data` as revision expected+1 if the server is still at `expected_revision`
        (None = the server must have no state yet). Returns the new revision; raises ConflictError."""
        new_revision = (expected_revision or 0) + 1
        doc = dict(data)
        doc["revision"] = new_revision
        payload = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        self.settle()
        self.session.makedirs(self.root, mode=0o700)
        tmp = f"{self.root}/.{CONFIG_NAME}.{uuid.uuid4().hex}.tmp"
        try:
            self.session.write_file_atomic(tmp, payload, mode=0o600)
            result = self._run_commit(tmp, expected_revision)
        except MtpmError:
            # No answer: the upload may be there and its commit may still run (or not yet have started).
            with self._settling:
                self._unsettled.append(tmp)
            raise
        if result.exit_code == 0:
            return new_revision
        if result.exit_code == _CONFLICT_EXIT:
            raise ConflictError(expected_revision, result.stdout.strip())
        # The script removes its temp file on every failure it reports; a lock timeout leaves it.
        with contextlib.suppress(MtpmError):
            self.session.remove_file(tmp)
        if result.exit_code == _LOCK_TIMEOUT_EXIT:
            raise StateWriteError(
                msg(
                    "Another mtpm is writing this server's state and held the lock for over {seconds}s; "
                    "try again.",
                    seconds=LOCK_WAIT_S,
                )
            )
        if result.exit_code == 127:
            missing = "flock" if "flock" in result.stderr else "python3"
            raise StateWriteError(
                msg(
                    "The server has no `{command}`, which mtpm needs to write its state safely; install it "
                    "(Debian/Ubuntu: apt-get install {package}).",
                    command=missing,
                    package="util-linux" if missing == "flock" else "python3",
                )
            )
        output = (result.stdout.strip() or result.stderr.strip()).splitlines()
        reason = output[-1] if output else msg("exit code {code}", code=result.exit_code)
        raise StateWriteError(
            msg("Could not write {path} on the server: {reason}", path=self.path, reason=reason)
        )
