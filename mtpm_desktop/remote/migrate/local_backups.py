"""Automatic backups on this computer: one after every change the app applies, the last `KEEP` per server,
in the app's data dir (`backups/<server>/<UTC time>.mtpmbak`, 0600).

They are encrypted with ONE app-wide passphrase, generated at first use and kept in the OS keyring (service
"mtpm", entry "backups:passphrase"): a backup of one server can then be restored onto any other (the usual
case when a server is blocked) without looking up which profile it came from, deleting a profile never
makes its backups unreadable, and carrying the backups to another computer needs one passphrase, which
`mtpm backup-passphrase` shows.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.errors import CredentialStoreError
from mtpm_desktop.remote.migrate.journal import write_atomic
from mtpm_desktop.remote.ssh.credentials import SERVICE

KEEP = 30
SUFFIX = ".mtpmbak"
PASSPHRASE_ENTRY = "backups:passphrase"
_STAMP = "%Y%m%dT%H%M%S%fZ"


def backup_passphrase(
    backend: keyring.backend.KeyringBackend | None = None, *, create: bool = True
) -> str | None:
    """The app-wide backup passphrase from the keyring (generated and stored on first use)."""
    ring = backend if backend is not None else keyring.get_keyring()
    try:
        value = ring.get_password(SERVICE, PASSPHRASE_ENTRY)
        if value or not create:
            return value
        value = secrets.token_urlsafe(24)
        ring.set_password(SERVICE, PASSPHRASE_ENTRY, value)
        return value
    except keyring.errors.KeyringError as exc:
        raise CredentialStoreError(
            msg("The keyring could not keep the backup passphrase: {error}", error=exc)
        ) from exc


@dataclass(frozen=True)
class LocalBackup:
    server: str
    taken_at: datetime
    path: Path


def _folder(data_dir: Path, server: str) -> Path:
    return data_dir / "backups" / re.sub(r"[^A-Za-z0-9._-]", "_", server)


def save_backup(data_dir: Path, server: str, data: bytes, *, now: datetime | None = None) -> LocalBackup:
    """Keep `data` as the newest backup of `server`, then drop all but the last KEEP."""
    when = now or datetime.now(UTC)
    folder = _folder(data_dir, server)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / (when.strftime(_STAMP) + SUFFIX)
    write_atomic(path, data)
    for old in list_backups(data_dir, server)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return LocalBackup(server, when, path)


def list_backups(data_dir: Path, server: str) -> list[LocalBackup]:
    """The server's automatic backups, newest first."""
    folder = _folder(data_dir, server)
    out = []
    for path in folder.glob("*" + SUFFIX) if folder.is_dir() else []:
        try:
            when = datetime.strptime(path.name.removesuffix(SUFFIX), _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        out.append(LocalBackup(server, when, path))
    return sorted(out, key=lambda b: b.taken_at, reverse=True)


def all_backups(data_dir: Path) -> list[LocalBackup]:
    """Every server's automatic backups, newest first."""
    root = data_dir / "backups"
    found = (
        [b for d in sorted(root.iterdir()) if d.is_dir() for b in list_backups(data_dir, d.name)]
        if root.is_dir()
        else []
    )
    return sorted(found, key=lambda b: b.taken_at, reverse=True)
