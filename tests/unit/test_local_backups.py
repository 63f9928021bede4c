"""Automatic backups on this computer: newest first, the last 30 kept, one app-wide passphrase."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mtpm_desktop.remote.migrate.local_backups import (
    KEEP,
    all_backups,
    backup_passphrase,
    list_backups,
    save_backup,
)
from tests.fixtures.keyring_backend import MemoryKeyring

pytestmark = pytest.mark.unit


def test_the_last_thirty_are_kept_newest_first(tmp_path: Path) -> None:
    start = datetime(2026, 12, 1, tzinfo=UTC)
    for i in range(KEEP + 5):
        save_backup(tmp_path, "prod", f"backup {i}".encode(), now=start + timedelta(minutes=i))
    save_backup(tmp_path, "other box", b"x", now=start)
    kept = list_backups(tmp_path, "prod")
    assert len(kept) == KEEP
    assert kept[0].path.read_bytes() == f"backup {KEEP + 4}".encode()
    assert kept[-1].path.read_bytes() == b"backup 5"
    assert [b.taken_at for b in kept] == sorted((b.taken_at for b in kept), reverse=True)
    assert {b.server for b in all_backups(tmp_path)} == {"prod", "other_box"}
    assert all(oct(b.path.stat().st_mode & 0o777) == "0o600" for b in kept)


def test_one_generated_passphrase_lives_in_the_keyring() -> None:
    ring = MemoryKeyring()
    assert backup_passphrase(ring, create=False) is None
    first = backup_passphrase(ring)
    assert first and len(first) >= 24
    assert backup_passphrase(ring) == first
    assert ring.entries == {("mtpm", "backups:passphrase"): first}
