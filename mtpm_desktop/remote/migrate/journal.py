"""The move journal on this computer: which step each user of an interrupted move has reached, so
`server move --resume` carries on where it stopped. One JSON file per (old, new) pair in the app's data
dir, replaced atomically at every step (a crash leaves the previous complete version)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg

# A user's phases, in order. "created" = on the new server's state; "counters" = history imported;
# "checked" = the link was accepted from this computer.
PHASES = ("pending", "created", "counters", "checked")


class JournalError(MtpmError):
    """The move journal is missing, unreadable, or says another move is under way."""


@dataclass
class MovedUser:
    id: str
    name: str
    phase: str = "pending"
    old_port: int = 0
    new_port: int = 0
    old_link: str | None = None
    new_link: str | None = None
    checked: bool = False

    def reached(self, phase: str) -> bool:
        return PHASES.index(self.phase) >= PHASES.index(phase)


@dataclass
class MoveJournal:
    old: str
    new: str
    users: list[MovedUser] = field(default_factory=list)
    settings_done: bool = False
    old_stopped: bool = False
    done: bool = False
    path: Path | None = field(default=None, repr=False, compare=False)

    def user(self, uid: str) -> MovedUser:
        return next(u for u in self.users if u.id == uid)

    def save(self) -> None:
        assert self.path is not None
        doc = asdict(self)
        doc.pop("path")
        _write_atomic(self.path, json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> MoveJournal:
        try:
            doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            users = [MovedUser(**u) for u in doc.pop("users")]
            journal = cls(users=users, **doc)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise JournalError(
                msg(
                    "The move journal {path} cannot be read ({error}); delete it to start the move again.",
                    path=str(path),
                    error=exc,
                )
            ) from None
        journal.path = path
        return journal


def journal_path(data_dir: Path, old: str, new: str) -> Path:
    def safe(name: str) -> str:
        return re.sub(r"[^A-Za-z0-9._-]", "_", name)

    folder = data_dir / "moves"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{safe(old)}--{safe(new)}.json"


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix="." + path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


write_atomic = _write_atomic
