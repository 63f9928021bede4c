"""Backups of a server and restores onto another: `collect` + the encrypted format, and the same rebuild
path a move takes (rebuild.py). A restore reads and decrypts the whole file before it touches the server, so
a wrong passphrase or a damaged file changes nothing there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mtpm_desktop.core.backup_format import BackupPayload, decrypt, encrypt
from mtpm_desktop.core.messages import msg
from mtpm_desktop.core.server_move import user_ids
from mtpm_desktop.remote.migrate import rebuild
from mtpm_desktop.remote.migrate.bundle import collect
from mtpm_desktop.remote.service_models import LinkVerdict, Progress

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService


def make_backup(service: ServerService, passphrase: str, progress: Progress = None) -> bytes:
    """The encrypted backup file of the server behind `service`."""
    payload = collect(service, progress)
    _say(progress, msg("encrypting the backup"))
    return encrypt(payload, passphrase)


@dataclass
class RestoreReport:
    users: list[str]
    checked: dict[str, bool] = field(default_factory=dict)
    port_changes: dict[str, tuple[int, int]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "users": self.users,
            "checked": self.checked,
            "port_changes": {k: {"old": a, "new": b} for k, (a, b) in self.port_changes.items()},
            "backup": self.meta,
        }


def open_backup(data: bytes, passphrase: str) -> BackupPayload:
    """Decrypt a backup file (WrongPassphrase, DamagedBackup, UnsupportedBackupVersion)."""
    return decrypt(data, passphrase)


def restore_payload(
    service: ServerService, payload: BackupPayload, progress: Progress = None, *, check: bool = True
) -> RestoreReport:
    """Rebuild every user of `payload` and the server settings on the server behind `service`."""
    ids = user_ids(payload.config)
    plan = rebuild.place_users(service, payload, ids, progress)
    rebuild.import_history(service, payload.history_db, ids, progress)
    report = RestoreReport(users=ids, port_changes=dict(plan.ports), meta=dict(payload.meta))
    if check:
        results = rebuild.check_users(service, ids, progress)
        # Disabled or expired users have no proxy to check: they are left out, not counted as failing.
        report.checked = {
            uid: r.verdict is LinkVerdict.ACCEPTED
            for uid, r in results.items()
            if r.verdict is not LinkVerdict.SKIPPED
        }
    return report


def restore_backup(
    service: ServerService, data: bytes, passphrase: str, progress: Progress = None, *, check: bool = True
) -> RestoreReport:
    payload = open_backup(data, passphrase)  # before anything is written to the server
    return restore_payload(service, payload, progress, check=check)


def _say(progress: Progress, message: str) -> None:
    if progress is not None:
        progress(message)
